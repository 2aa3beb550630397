"""The Kemendagri region hierarchy: provinsi, kabupaten/kota, kecamatan, desa/kelurahan."""
