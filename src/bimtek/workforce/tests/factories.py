"""Build people files the way operators do, with synthetic (never real) NIKs."""

import csv
import datetime as dt
import io
import random
from collections.abc import Iterable

from openpyxl import Workbook

from bimtek.workforce.nik import make_nik

HEADERS = ["NIK", "Nama Lengkap", "Tanggal Lahir", "No. HP", "Badan", "Kode Wilayah", "TPS", "Jabatan"]


def person_row(
    serial: int,
    *,
    body: str,
    region: str,
    tps: str = "",
    position: str = "",
    sex: str = "L",
    birth: dt.date = dt.date(1985, 3, 12),
    name: str | None = None,
    phone: str | None = None,
) -> list[str]:
    kecamatan = ".".join(region.split(".")[:3])
    nik = make_nik(kecamatan, birth, sex, serial)
    return [
        nik,
        name or f"Petugas {serial}",
        birth.strftime("%d-%m-%Y"),
        phone if phone is not None else f"0812{serial:08d}",
        body,
        region,
        tps,
        position,
    ]


def csv_bytes(rows: Iterable[list[str]], headers: list[str] = HEADERS, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows: Iterable[list[object]], headers: list[str] = HEADERS) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def crew_rows(
    village: str, tps_numbers: Iterable[int], *, start_serial: int = 1, linmas: bool = True
) -> list[list[str]]:
    """Full crews: 7 KPPS (ketua first) and 2 Linmas for each TPS of one desa."""
    rows, serial = [], start_serial
    rng = random.Random(start_serial)
    for number in tps_numbers:
        for seat in range(1, 8):
            rows.append(
                person_row(
                    serial,
                    body="KPPS",
                    region=village,
                    tps=f"{number:03d}",
                    position="Ketua" if seat == 1 else f"Anggota {seat}",
                    sex=rng.choice("LP"),
                )
            )
            serial += 1
        for _ in range(2 if linmas else 0):
            rows.append(person_row(serial, body="Linmas", region=village, tps=f"{number:03d}"))
            serial += 1
    return rows
