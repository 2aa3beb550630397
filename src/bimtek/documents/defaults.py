"""The national default texts, used until KPU RI or a region saves its own (Indonesian: they are printed)."""

DEFAULTS: dict[str, dict[str, str]] = {
    "izin": {
        "title": "Permohonan Izin",
        "number_pattern": "{{ urut }}/PP.04-Und/{{ bulan_romawi }}/{{ tahun }}",
        "body": (
            "Yth. Pimpinan {{ instansi }}\n\n"
            "Sehubungan dengan penyelenggaraan {{ pemilihan }}, Saudara {{ nama }}, pegawai pada "
            "{{ instansi }}, telah diangkat sebagai {{ jabatan }} di {{ desa }}.\n\n"
            "Untuk melaksanakan {{ kegiatan }} pada tanggal {{ tanggal_mulai }} sampai dengan "
            "{{ tanggal_selesai }}, kami mohon kiranya yang bersangkutan dapat diberikan izin.\n\n"
            "Demikian permohonan ini kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan "
            "terima kasih."
        ),
    },
    "lampiran_sk": {
        "title": "Lampiran Keputusan",
        "number_pattern": "{{ urut }}/PP.04-Kpt/{{ tahun }}",
        "body": (
            "Lampiran Keputusan {{ kpu }} Nomor {{ nomor }} tentang Pengangkatan Anggota {{ badan }} "
            "untuk {{ pemilihan }} di {{ wilayah }}: {{ jumlah }} orang."
        ),
    },
    "berita_acara": {
        "title": "Berita Acara Pelantikan",
        "number_pattern": "{{ urut }}/PP.04-BA/{{ tahun }}",
        "body": (
            "Pada hari ini {{ hari }}, tanggal {{ tanggal }}, bertempat di {{ tempat }}, telah dilaksanakan "
            "pelantikan dan pengambilan sumpah/janji Anggota {{ badan }} {{ wilayah }} untuk {{ pemilihan }} "
            "sebanyak {{ jumlah }} orang dengan daftar sebagai berikut."
        ),
    },
    "honorarium": {
        "title": "Daftar Penerimaan Honorarium dan Uang Transport",
        "number_pattern": "",
        "body": (
            "Bimbingan teknis {{ pemilihan }} di {{ wilayah }}, {{ tanggal_mulai }} sampai dengan "
            "{{ tanggal_selesai }}: {{ jumlah }} penerima."
        ),
    },
    "undangan_narasumber": {
        "title": "Undangan Narasumber",
        "number_pattern": "{{ urut }}/PP.04-Und/{{ bulan_romawi }}/{{ tahun }}",
        "body": (
            "Yth. {{ nama }}\n{{ instansi }}\ndi tempat\n\n"
            "Dalam rangka {{ kegiatan }} {{ pemilihan }} di {{ wilayah }}, kami mengundang Bapak/Ibu sebagai "
            "narasumber untuk materi {{ modul }}, yang akan dilaksanakan pada:\n"
            "hari/tanggal: {{ tanggal }}\npukul: {{ waktu }}\ntempat: {{ tempat }}\n\n"
            "Demikian undangan ini kami sampaikan. Atas perhatian dan kehadiran Bapak/Ibu, kami ucapkan terima kasih."
        ),
    },
    "bpjs_surat": {
        "title": "Permohonan Pendaftaran Peserta BPJS Ketenagakerjaan",
        "number_pattern": "{{ urut }}/PP.04-SD/{{ bulan_romawi }}/{{ tahun }}",
        "body": (
            "Yth. Kepala Kantor Cabang BPJS Ketenagakerjaan\n{{ wilayah }}\ndi tempat\n\n"
            "Dalam rangka penyelenggaraan {{ pemilihan }}, {{ kpu }} telah mengangkat badan ad hoc yang "
            "bertugas dari {{ tanggal_mulai }} sampai dengan {{ tanggal_selesai }}. Sebanyak {{ jumlah }} "
            "petugas pada daftar terlampir belum terdaftar sebagai peserta Jaminan Kecelakaan Kerja (JKK) "
            "dan Jaminan Kematian (JKM).\n\n"
            "Kami mohon kiranya petugas tersebut dapat didaftarkan sebagai peserta bukan penerima upah "
            "untuk masa tugasnya. Data kependudukan dalam lampiran hanya untuk keperluan pendaftaran ini.\n\n"
            "Demikian permohonan ini kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan "
            "terima kasih."
        ),
    },
    "bpjs_belum": {
        "title": "Daftar Petugas Belum Terlindungi BPJS Ketenagakerjaan",
        "number_pattern": "",
        "body": (
            "Petugas {{ badan }} {{ wilayah }} untuk {{ pemilihan }} yang belum tercatat sebagai peserta "
            "BPJS Ketenagakerjaan (JKK/JKM): {{ jumlah }} orang. Mohon dilengkapi kartu kepesertaannya atau "
            "didaftarkan sebelum hari pemungutan suara."
        ),
    },
}
