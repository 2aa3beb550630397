"""Reading the welfare columns of the people file, and asking the welfare rules about each row.

Part of the first phase of the people import (`people_rows`). Every column here is optional
(`WELFARE_COLUMNS`); a bad value refuses the row with a code naming the column (`blood_pressure_invalid`),
like the other columns. Then the rules of `workforce.core.welfare` run on the row: a refusal (under 17 on
voting day) refuses it, a flag is a warning on the row report. A flag about something the file has no
column for is not reported: a file without a 'BPJS' column says nothing about BPJS, and a blank cell does
not erase what is stored.
"""

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from bimtek.lib.cells import Column, HeaderMatch, cell_text, parse_date
from bimtek.lib.reports import ImportReport
from bimtek.workforce.core import welfare

WELFARE_COLUMNS = [
    Column(
        "health_date",
        [
            "Tanggal Surat Sehat",
            "Tgl Surat Sehat",
            "Surat Sehat",
            "Tanggal Surat Keterangan Sehat",
            "Tgl SKS",
        ],
    ),
    Column("blood_pressure", ["Tekanan Darah", "Tensi", "TD", "Tekanan Darah (mmHg)"]),
    Column("blood_sugar", ["Gula Darah", "Kadar Gula Darah", "GDS", "Gula Darah (mg/dL)"]),
    Column("cholesterol", ["Kolesterol", "Kolesterol Total", "Kadar Kolesterol", "Kolesterol (mg/dL)"]),
    Column("bpjs", ["BPJS", "BPJS Ketenagakerjaan", "BPJS TK", "Terdaftar BPJS", "Kepesertaan BPJS"]),
    Column("bpjs_number", ["No BPJS", "Nomor BPJS", "No BPJS Ketenagakerjaan", "No KPJ", "Nomor KPJ"]),
    Column("bpjs_payer", ["Pembayar BPJS", "Iuran BPJS", "Sumber Iuran BPJS", "Pembayar Iuran BPJS"]),
    Column(
        "party_statement",
        [
            "Pernyataan Bukan Anggota Partai",
            "Surat Pernyataan Bukan Anggota Partai",
            "Bukan Anggota Partai",
            "Pernyataan Non Partai",
        ],
    ),
    Column("education", ["Pendidikan", "Pendidikan Terakhir", "Ijazah Terakhir", "Pendidikan Tertinggi"]),
    Column("periods_served", ["Periode", "Periode Menjabat", "Jumlah Periode", "Pernah Menjabat"]),
]


@dataclass(frozen=True, slots=True)
class Welfare:
    """The welfare values of one row; None: the file does not say (nothing is stored or erased)."""

    health_date: dt.date | None = None
    systolic: int | None = None
    diastolic: int | None = None
    blood_sugar: int | None = None
    cholesterol: int | None = None
    bpjs_enrolled: str | None = None  # "yes" / "no"
    bpjs_number: str | None = None
    bpjs_payer: str | None = None  # "self" / "apbd" / "kpu" / "other"
    party_statement: bool | None = None
    party_statement_date: dt.date | None = None
    education: str | None = None
    periods_served: int | None = None


WELFARE_FIELDS = tuple(f.name for f in dataclasses.fields(Welfare))  # Person's fields of the same names
# What a new person gets where the file says nothing (the model's defaults).
WELFARE_DEFAULTS: dict[str, Any] = {
    "bpjs_enrolled": "unknown",
    "bpjs_number": "",
    "bpjs_payer": "",
    "party_statement": False,
    "education": "",
}


class _Refused(Exception):
    pass


NONE_GIVEN = Welfare()  # a file without any welfare column: one shared value, nothing to parse per row
_COLUMN_FIELDS = frozenset(c.field for c in WELFARE_COLUMNS)


def has_welfare(match: HeaderMatch) -> bool:
    """The file has at least one welfare column (most files of 2024 have none)."""
    return not _COLUMN_FIELDS.isdisjoint(match.index)


def parse_welfare(number: int, cells: list[Any], match: HeaderMatch, report: ImportReport) -> Welfare | None:
    """The row's welfare values, or None (the row refused) when a cell cannot be read."""
    if not has_welfare(match):
        return NONE_GIVEN
    try:
        pressure = _pressure(number, match.get(cells, "blood_pressure"), report)
        party, party_date = _party(number, match.get(cells, "party_statement"), report)
        bpjs_number = _bpjs_number(number, match.get(cells, "bpjs_number"), report)
        bpjs = _choice(number, "bpjs", match.get(cells, "bpjs"), _BPJS_WORDS, "Ya atau Tidak", report)
        return Welfare(
            health_date=_date(number, "health_date", match.get(cells, "health_date"), report),
            systolic=pressure[0],
            diastolic=pressure[1],
            blood_sugar=_reading(number, "blood_sugar", match.get(cells, "blood_sugar"), (20, 800), report),
            cholesterol=_reading(number, "cholesterol", match.get(cells, "cholesterol"), (50, 800), report),
            bpjs_enrolled="yes" if bpjs_number and bpjs is None else bpjs,
            bpjs_number=bpjs_number,
            bpjs_payer=_choice(
                number,
                "bpjs_payer",
                match.get(cells, "bpjs_payer"),
                _PAYER_WORDS,
                "Sendiri, APBD, KPU atau Lainnya",
                report,
            ),
            party_statement=party,
            party_statement_date=party_date,
            education=_education(number, match.get(cells, "education"), report),
            periods_served=_reading(
                number, "periods_served", match.get(cells, "periods_served"), (0, 20), report
            ),
        )
    except _Refused:
        return None


# The column each finding is about, so the report names it as the file does.
_FINDING_COLUMN = {
    "under_17": "birth_date",
    "kpps_over_55": "birth_date",
    "health_missing": "health_date",
    "health_old": "health_date",
    "blood_pressure_high": "blood_pressure",
    "blood_sugar_high": "blood_sugar",
    "cholesterol_high": "cholesterol",
    "bpjs_missing": "bpjs",
    "party_statement_missing": "party_statement",
    "education_below_sma": "education",
}
_ALWAYS = {"birth_date"}  # the birth date is always known (from the NIK at least)


def rules_ok(
    number: int,
    *,
    birth_date: dt.date,
    body: str,
    values: Welfare,
    match: HeaderMatch,
    voting_day: dt.date,
    report: ImportReport,
) -> bool:
    """Run the welfare rules on the row: False (refused) on a refusal; flags become warnings.

    Without welfare columns only the birth date's rules can be reported, so only they are asked."""
    if values is NONE_GIVEN:
        found = welfare.age_findings(birth_date, body, voting_day)
    else:
        found = welfare.findings(as_rules_input(birth_date, body, values), voting_day)
    for finding in found:
        column = _FINDING_COLUMN[finding.code]
        if column not in _ALWAYS and column not in match.index:
            continue
        if finding.severity == welfare.Severity.REFUSE:
            report.reject(number, column, finding.code, finding.message)
        else:
            report.warn(number, column, finding.code, finding.message)
    return not welfare.refusals(found)


def as_rules_input(birth_date: dt.date, body: str, values: Any) -> welfare.Person:
    """The rules' input from anything with the welfare attributes (a row's `Welfare` or a stored Person)."""
    education = values.education or None
    return welfare.Person(
        birth_date=birth_date,
        body=body,
        health=welfare.Health(
            values.health_date, values.systolic, values.diastolic, values.blood_sugar, values.cholesterol
        ),
        bpjs=welfare.Bpjs(values.bpjs_enrolled or "unknown"),
        party_statement=bool(values.party_statement),
        education=welfare.Education(education) if education else None,
    )


def _refuse(report: ImportReport, number: int, column: str, message: str) -> None:
    report.reject(number, column, f"{column}_invalid", message)
    raise _Refused


def _date(number: int, column: str, value: Any, report: ImportReport) -> dt.date | None:
    if not cell_text(value):
        return None
    parsed = parse_date(value)
    if parsed is None:
        _refuse(report, number, column, f"Tanggal '{cell_text(value)}' tidak terbaca (contoh: 05-01-2024)")
    return parsed


_PRESSURE = re.compile(r"(\d{2,3})\s*/\s*(\d{2,3})(?:\s*mm\s*hg)?")


def _pressure(number: int, value: Any, report: ImportReport) -> tuple[int | None, int | None]:
    text = cell_text(value).lower()
    if not text:
        return None, None
    found = _PRESSURE.fullmatch(text)
    if found is None or not (60 <= int(found[1]) <= 260 and 30 <= int(found[2]) <= 160):
        _refuse(
            report,
            number,
            "blood_pressure",
            f"Tekanan darah '{cell_text(value)}' harus sistolik/diastolik dalam mmHg (contoh: 120/80)",
        )
    assert found is not None  # _refuse raised otherwise
    return int(found[1]), int(found[2])


_UNIT = re.compile(r"\s*(mg\s*/\s*dl|periode|kali|x)$")


def _reading(
    number: int, column: str, value: Any, bounds: tuple[int, int], report: ImportReport
) -> int | None:
    text = _UNIT.sub("", cell_text(value).lower()).strip()
    if not text:
        return None
    low, high = bounds
    if not text.isdigit() or not low <= int(text) <= high:
        _refuse(report, number, column, f"Nilai '{cell_text(value)}' harus bilangan bulat {low}-{high}")
    return int(text)


_BPJS_WORDS = {
    "ya": "yes",
    "y": "yes",
    "sudah": "yes",
    "terdaftar": "yes",
    "aktif": "yes",
    "1": "yes",
    "v": "yes",
    "tidak": "no",
    "t": "no",
    "belum": "no",
    "tidak terdaftar": "no",
    "belum terdaftar": "no",
    "0": "no",
    "-": "no",
}
_PAYER_WORDS = {
    "sendiri": "self",
    "mandiri": "self",
    "pribadi": "self",
    "petugas": "self",
    "apbd": "apbd",
    "pemda": "apbd",
    "pemkab": "apbd",
    "pemkot": "apbd",
    "pemprov": "apbd",
    "pemerintah daerah": "apbd",
    "kpu": "kpu",
    "lain": "other",
    "lainnya": "other",
    "lain-lain": "other",
}


def _choice(
    number: int, column: str, value: Any, words: dict[str, str], allowed: str, report: ImportReport
) -> str | None:
    text = " ".join(cell_text(value).lower().split())
    if not text:
        return None
    if text not in words:
        _refuse(report, number, column, f"Nilai '{cell_text(value)}' harus {allowed}")
    return words[text]


def _bpjs_number(number: int, value: Any, report: ImportReport) -> str | None:
    digits = cell_text(value).translate(_NUMBER_NOISE)
    if not digits:
        return None
    if not digits.isdigit() or not 8 <= len(digits) <= 16:
        # The message never repeats the number: it is personal data and the report is kept.
        _refuse(report, number, "bpjs_number", "Nomor BPJS Ketenagakerjaan harus 8-16 angka")
    return digits


_NUMBER_NOISE = str.maketrans("", "", " -.")


def _party(number: int, value: Any, report: ImportReport) -> tuple[bool | None, dt.date | None]:
    """A date (signed that day), Ya (signed, date unknown) or Tidak."""
    text = cell_text(value).lower()
    if not text:
        return None, None
    if text in _BPJS_WORDS:
        return _BPJS_WORDS[text] == "yes", None
    signed = parse_date(value)
    if signed is None:
        _refuse(
            report,
            number,
            "party_statement",
            f"Pernyataan '{cell_text(value)}' harus tanggal ditandatangani, Ya atau Tidak",
        )
    return True, signed


_EDUCATION_WORDS = {
    "sd": "sd",
    "mi": "sd",
    "smp": "smp",
    "sltp": "smp",
    "mts": "smp",
    "sma": "sma",
    "smk": "sma",
    "ma": "sma",
    "slta": "sma",
    "sederajat": "sma",
    "sma/sederajat": "sma",
    "sma sederajat": "sma",
    "paket c": "sma",
    "d1": "sma",  # below D3, above SMA: counted as SMA (the rule's bar)
    "d2": "sma",
    "d3": "d3",
    "diploma": "d3",
    "d4": "s1",
    "s1": "s1",
    "sarjana": "s1",
    "s2": "s2",
    "magister": "s2",
    "s3": "s3",
    "doktor": "s3",
}


def _education(number: int, value: Any, report: ImportReport) -> str | None:
    text = " ".join(cell_text(value).lower().replace(".", "").split())
    if not text:
        return None
    found = _EDUCATION_WORDS.get(text) or _EDUCATION_WORDS.get(text.split("/")[0].split()[0])
    if found is None:
        _refuse(
            report,
            number,
            "education",
            f"Pendidikan '{cell_text(value)}' harus SD, SMP, SMA, D3, S1, S2 atau S3",
        )
    return found
