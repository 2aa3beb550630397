"""Reading the people file: each row checked alone, cell by cell.

The first phase of the people import (`people_import`). The columns the file may name (`COLUMNS`, matched by
header), the regions and TPS a chunk of rows names looked up together (`_context_add`), then each row parsed
and checked on its own (`_parse_row`: NIK, birth date, phone, e-mail, body, region, TPS, seat, Sirekap, and
the welfare columns and rules of `people_welfare`) into a `Row`, or refused in the report. Nothing is compared with what is stored and nothing is written here.
"""

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from bimtek.accounts.scoping import Scope
from bimtek.elections.models import TPS, Election
from bimtek.lib.bulk import in_chunk_size
from bimtek.lib.cells import Column, HeaderMatch, cell_text, first_formula, parse_date
from bimtek.lib.reports import ImportReport
from bimtek.regions.models import Level, Region
from bimtek.workforce.models import TPS_BODIES, Body
from bimtek.workforce.nik import InvalidNik, parse_nik
from bimtek.workforce.people_welfare import WELFARE_COLUMNS, Welfare, parse_welfare, rules_ok

FLOAT_EXACT_LIMIT = 2**53  # above this a number cell cannot hold all 16 digits of a NIK

COLUMNS = [
    Column(
        "nik", ["NIK", "No KTP", "Nomor KTP", "Nomor Induk Kependudukan", "No NIK", "NIK KTP"], required=True
    ),
    Column(
        "name", ["Nama", "Nama Lengkap", "Nama Petugas", "Nama Anggota", "Nama Sesuai KTP"], required=True
    ),
    Column(
        "body",
        ["Badan", "Lembaga", "Badan Ad Hoc", "Jenis Petugas", "Petugas", "Unsur", "Badan Adhoc"],
        required=True,
    ),
    Column(
        "region_code",
        [
            "Kode Wilayah",
            "Kode Desa",
            "Kode Kelurahan",
            "Kode Desa/Kelurahan",
            "Kode Kecamatan",
            "Kode Wilayah Kemendagri",
        ],
        required=True,
    ),
    Column("tps", ["TPS", "No TPS", "Nomor TPS", "TPS No"]),
    Column(
        "position",
        ["Jabatan", "Posisi", "Kedudukan", "Nomor Anggota", "Anggota Ke", "No Urut", "Jabatan KPPS"],
    ),
    Column(
        "birth_date",
        [
            "Tanggal Lahir",
            "Tgl Lahir",
            "Tempat Tanggal Lahir",
            "Tempat, Tanggal Lahir",
            "TTL",
            "Tempat/Tgl Lahir",
            "Tempat Tgl Lahir",
        ],
    ),
    Column(
        "phone",
        [
            "No HP",
            "Nomor HP",
            "HP",
            "No Telp",
            "Nomor Telepon",
            "Telepon",
            "No WA",
            "Nomor WA",
            "WhatsApp",
            "No HP/WA",
            "Nomor HP/WA",
        ],
    ),
    Column("email", ["Email", "E-mail", "Surel", "Alamat Email", "Alamat E-mail", "Alamat Surel"]),
    Column(
        "employer",
        ["Instansi", "Tempat Kerja", "Pekerjaan", "Kantor", "Nama Instansi", "Instansi/Tempat Kerja"],
    ),
    Column("sirekap", ["Operator Sirekap", "Sirekap", "Petugas Sirekap"]),
    *WELFARE_COLUMNS,
]


@dataclass(slots=True)
class Row:
    number: int
    nik: str
    name: str
    birth_date: dt.date
    sex: str
    phone: str
    employer: str
    home_region: str
    email: str
    body: str
    region: str
    tps_id: int | None
    seat: int | None  # None: the next free anggota seat
    sirekap: bool = False
    welfare: Welfare = Welfare()


@dataclass
class Context:
    election: Election
    scope: Scope
    regions: dict[str, int]  # code -> level, for the codes the file names
    tps: dict[tuple[str, int], int]  # (desa, number) -> TPS id
    report: ImportReport
    seen_codes: set[str] = dataclasses.field(default_factory=set)  # region codes already looked up


def _context_add(ctx: Context, match: HeaderMatch, chunk: list[tuple[int, list[Any]]]) -> None:
    """Look up the regions (and their desa's TPS) that this chunk names and earlier chunks did not."""
    codes = {cell_text(match.get(cells, "region_code")) for _, cells in chunk}
    new = sorted(c for c in codes if c and c not in ctx.seen_codes)
    ctx.seen_codes.update(new)
    size = in_chunk_size()
    found: dict[str, int] = {}
    for start in range(0, len(new), size):
        found.update(Region.objects.filter(code__in=new[start : start + size]).values_list("code", "level"))
    ctx.regions.update(found)
    desa = sorted(code for code, level in found.items() if level == Level.DESA)
    for start in range(0, len(desa), size):
        qs = TPS.objects.filter(election=ctx.election, village_id__in=desa[start : start + size])
        ctx.tps.update({(v, n): pk for pk, v, n in qs.values_list("id", "village_id", "number")})


def _parse_row(number: int, cells: list[Any], match: HeaderMatch, ctx: Context) -> Row | None:
    report = ctx.report
    v = match.values(cells)
    if found := first_formula(v):
        field, problem = found
        report.reject(number, field, problem.code, problem.message)
        return None
    nik = _nik(number, v["nik"], ctx)
    name = " ".join(cell_text(v["name"]).split())
    if not name or len(name) > 150:
        report.reject(number, "name", "name_invalid", "Nama kosong atau lebih dari 150 karakter")
        return None
    if nik is None:
        return None
    info = nik
    birth_date = _birth_date(number, v.get("birth_date"), info.birth_date, report)
    phone = _phone(number, v.get("phone"), report)
    email = _email(number, v.get("email"), report)
    body = _body(number, v["body"], report)
    if birth_date is None or phone is None or email is None or body is None:
        return None
    region = _region(number, cell_text(v["region_code"]), body, ctx)
    if region is None:
        return None
    tps_id = _tps(number, v.get("tps"), body, region, ctx)
    seat = _seat(number, v.get("position"), body, ctx)
    if (body in TPS_BODIES and tps_id is None) or seat == -1:
        return None
    sirekap = _yes(number, v.get("sirekap"), body, report)
    values = parse_welfare(number, cells, match, report)
    if sirekap is None or values is None:
        return None
    voting_day = ctx.election.voting_day
    if not rules_ok(
        number,
        birth_date=birth_date,
        body=body,
        values=values,
        match=match,
        voting_day=voting_day,
        report=report,
    ):
        return None
    return Row(
        number,
        info.nik,
        name,
        birth_date,
        info.sex,
        phone,
        cell_text(v.get("employer"))[:150],
        region,
        email,
        body,
        region,
        tps_id,
        seat,
        sirekap,
        values,
    )


def _email(number: int, value: Any, report: ImportReport) -> str | None:
    """An e-mail address for invitations, or "" when the cell is empty; None (row refused) when malformed."""
    text = cell_text(value).strip()
    if not text:
        return ""
    try:
        if len(text) > 254:
            raise ValidationError("too long")
        validate_email(text)
    except ValidationError:
        report.reject(number, "email", "email_invalid", f"Alamat email '{text[:3]}…' tidak valid")
        return None
    return text


def _nik(number: int, value: Any, ctx: Context) -> Any:
    if isinstance(value, float) and value >= FLOAT_EXACT_LIMIT:
        ctx.report.reject(
            number,
            "nik",
            "nik_number_cell",
            "NIK tersimpan sebagai angka di Excel sehingga digit terakhirnya hilang; ubah format kolom menjadi Teks dan ketik ulang",
        )
        return None
    try:
        return parse_nik(cell_text(value), today=ctx.election.voting_day)
    except InvalidNik as exc:
        ctx.report.reject(number, "nik", exc.problem.code, exc.problem.message)
        return None


def _birth_date(number: int, value: Any, from_nik: dt.date, report: ImportReport) -> dt.date | None:
    if value is None or cell_text(value) == "":
        return from_nik
    parsed = parse_date(value)
    if parsed is None:
        report.reject(
            number,
            "birth_date",
            "birth_date_invalid",
            f"Tanggal lahir '{cell_text(value)}' tidak terbaca (contoh: 17-08-1985)",
        )
        return None
    if parsed != from_nik:
        report.reject(
            number,
            "birth_date",
            "birth_date_mismatch",
            f"Tanggal lahir {parsed:%d-%m-%Y} tidak sama dengan yang tersirat di NIK ({from_nik:%d-%m-%Y})",
        )
        return None
    return parsed


def _phone(number: int, value: Any, report: ImportReport) -> str | None:
    text = cell_text(value)
    if not text:
        return ""
    compact = text.translate(_PHONE_NOISE)
    if match := _MOBILE.fullmatch(compact):
        return "+62" + match.group(1)  # the common case, without phonenumbers' full parse
    try:
        parsed = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        report.reject(
            number, "phone", "phone_invalid", f"Nomor HP '{text[:4]}…' tidak valid (contoh: 0812-3456-7890)"
        )
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


_PHONE_NOISE = str.maketrans("", "", " -.()")
_MOBILE = re.compile(r"(?:\+62|0)(8\d{8,11})")  # 08xx / +628xx: Indonesian mobile numbers

_BODY_WORDS = [
    ("linmas", Body.LINMAS),
    ("ketertiban", Body.LINMAS),
    ("kpps", Body.KPPS),
    ("pps", Body.PPS),
    ("ppk", Body.PPK),
]


def _body(number: int, value: Any, report: ImportReport) -> str | None:
    text = cell_text(value).lower()
    for word, body in _BODY_WORDS:
        if word in text.split() or text == word or text.startswith(word):
            return body.value
    report.reject(
        number, "body", "body_invalid", f"Badan '{cell_text(value)}' harus PPK, PPS, KPPS atau Linmas"
    )
    return None


def _region(number: int, code: str, body: str, ctx: Context) -> str | None:
    wanted = Level.KECAMATAN if body == Body.PPK else Level.DESA
    level = ctx.regions.get(code)
    if level is None:
        ctx.report.reject(
            number, "region_code", "region_unknown", f"Kode wilayah '{code}' tidak ada di data wilayah"
        )
        return None
    if level != wanted:
        need = "kecamatan" if wanted == Level.KECAMATAN else "desa/kelurahan"
        ctx.report.reject(
            number,
            "region_code",
            "region_level",
            f"{Body(body).label} harus diberi kode {need}, bukan '{code}'",
        )
        return None
    if not ctx.scope.covers(code):
        ctx.report.reject(
            number, "region_code", "region_out_of_scope", f"Wilayah {code} di luar wilayah kewenangan Anda"
        )
        return None
    return code


def _tps(number: int, value: Any, body: str, region: str, ctx: Context) -> int | None:
    text = cell_text(value).upper().removeprefix("TPS").strip()
    if body not in TPS_BODIES:
        return None
    if not text.isdigit():
        ctx.report.reject(
            number, "tps", "tps_missing", f"{Body(body).label} wajib diisi nomor TPS (contoh: 001)"
        )
        return None
    tps_id = ctx.tps.get((region, int(text)))
    if tps_id is None:
        ctx.report.reject(
            number,
            "tps",
            "tps_unknown",
            f"TPS {int(text):03d} di desa {region} belum terdaftar untuk pemilihan ini",
        )
    return tps_id


def _seat(number: int, value: Any, body: str, ctx: Context) -> int | None:
    """Seat 1 is the ketua; 'Anggota' without a number takes the next free seat. -1 means refused."""
    text = cell_text(value).lower()
    norm = ctx.election.norm(body)
    if not text or text in ("anggota", f"anggota {body}"):
        return None
    if text.startswith("ketua"):
        return 1
    digits = "".join(filter(str.isdigit, text))
    if not digits or not 1 <= int(digits) <= norm:
        ctx.report.reject(
            number,
            "position",
            "seat_invalid",
            f"Jabatan '{cell_text(value)}' harus Ketua, Anggota, atau nomor 1-{norm}",
        )
        return -1
    return int(digits)


_YES = {"ya", "y", "yes", "1", "v", "x", "true", "benar"}
_NO = {"", "tidak", "t", "no", "0", "false", "-"}


def _yes(number: int, value: Any, body: str, report: ImportReport) -> bool | None:
    text = cell_text(value).lower()
    if text in _NO:
        return False
    if text not in _YES:
        report.reject(
            number, "sirekap", "sirekap_invalid", f"Operator Sirekap '{cell_text(value)}' harus Ya atau Tidak"
        )
        return None
    if body != Body.KPPS:
        report.reject(
            number, "sirekap", "sirekap_not_kpps", "Hanya anggota KPPS yang dapat menjadi operator Sirekap"
        )
        return None
    return True
