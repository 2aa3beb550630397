"""NIK (Nomor Induk Kependudukan) validation, pure Python.

16 digits `PPKKCC DDMMYY SSSS`: the kecamatan where it was first issued, the birth date with 40
added to the day for women, and a serial from 0001. There is no checksum, so this checks shape
and plausibility only; an unknown kecamatan is a warning, since codes change when regions split.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from bimtek.lib.errors import Problem

_NIK_RE = re.compile(r"^[0-9]{16}$")

# The 38 province codes of Kemendagri 2025. NIKs issued before a province split keep the old code,
# and every old code is still in this list.
PROVINCE_CODES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "21",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "51",
        "52",
        "53",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "72",
        "73",
        "74",
        "75",
        "76",
        "81",
        "82",
        "91",
        "92",
        "93",
        "94",
        "95",
        "96",
    ]
)


@dataclass(frozen=True)
class NikInfo:
    nik: str
    kecamatan_code: str  # dotted, e.g. 33.03.01
    birth_date: dt.date
    sex: str  # "L" or "P"
    serial: int
    warnings: list[Problem] = field(default_factory=list)


class InvalidNik(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _century(two_digit_year: int, today: dt.date) -> int:
    """A NIK holder is at least 17 and rarely over 100, so the year is the latest that is not in the future."""
    year = 2000 + two_digit_year
    return year if year <= today.year else year - 100


def parse_nik(
    raw: str, *, today: dt.date | None = None, known_kecamatan: frozenset[str] | None = None
) -> NikInfo:
    nik = raw.strip().replace(" ", "").replace(".", "")
    if not _NIK_RE.match(nik):
        raise InvalidNik(Problem("nik_format", f"NIK harus 16 digit angka (terbaca {len(nik)} karakter)"))
    if nik[:2] not in PROVINCE_CODES:
        raise InvalidNik(Problem("nik_province", f"Kode provinsi NIK '{nik[:2]}' tidak dikenal"))
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "P" if day > 40 else "L"
    if day > 40:
        day -= 40
    today = today or dt.date.today()
    try:
        birth_date = dt.date(_century(year, today), month, day)
    except ValueError:
        raise InvalidNik(
            Problem(
                "nik_birth_date",
                f"Tanggal lahir dalam NIK ({nik[6:8]}-{nik[8:10]}-{nik[10:12]}) bukan tanggal yang ada",
            )
        ) from None
    serial = int(nik[12:])
    if serial == 0:
        raise InvalidNik(Problem("nik_serial", "Nomor urut NIK (4 digit terakhir) tidak boleh 0000"))
    kecamatan_code = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"
    warnings = []
    if known_kecamatan is not None and kecamatan_code not in known_kecamatan:
        warnings.append(
            Problem(
                "nik_kecamatan_unknown",
                f"Kode kecamatan NIK {kecamatan_code} tidak ada di data wilayah (mungkin pemekaran)",
            )
        )
    return NikInfo(nik, kecamatan_code, birth_date, sex, serial, warnings)


def make_nik(kecamatan_code: str, birth_date: dt.date, sex: str, serial: int) -> str:
    """Build a synthetic NIK for demo and test data. Never used on real people."""
    day = birth_date.day + (40 if sex == "P" else 0)
    return f"{kecamatan_code.replace('.', '')}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"
