"""Import people and their appointments from the spreadsheets operators keep.

Two passes. The first reads every row and checks it alone (NIK, dates, phone, body, region, TPS,
seat). The second compares the file with what is stored: who is new, who changed, which seats are
free. Only then, and only if no row was refused (or the operator asked to keep the good rows), is
anything written, in one transaction, in bulk. A dry run stops before the writing. Importing the
same file twice changes nothing: people are keyed by NIK, appointments by election and person.
"""

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from bimtek.accounts.scoping import Scope
from bimtek.audit.models import AuditEntry
from bimtek.audit.services import actor_label, log_action
from bimtek.elections.models import TPS, Election
from bimtek.lib.bulk import db_date, db_datetime, in_chunk_size, insert_rows
from bimtek.lib.errors import DomainError
from bimtek.lib.masking import mask_personal
from bimtek.lib.reports import ImportReport, Progress, no_progress
from bimtek.lib.tabular import (
    Column,
    HeaderMatch,
    cell_text,
    formula_problem,
    match_headers,
    parse_date,
    read_table,
)
from bimtek.regions.models import Level, Region
from bimtek.workforce.models import TPS_BODIES, Appointment, Body, Person, Status
from bimtek.workforce.nik import InvalidNik, parse_nik

BATCH = 2000
PARSE_CHUNK = 5000  # raw rows read, looked up and parsed together
MIN_AGE = 17
KPPS_PREFERRED_MAX_AGE = 55
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


@dataclass
class Context:
    election: Election
    scope: Scope
    regions: dict[str, int]  # code -> level, for the codes the file names
    tps: dict[tuple[str, int], int]  # (desa, number) -> TPS id
    report: ImportReport
    seen_codes: set[str] = dataclasses.field(default_factory=set)  # region codes already looked up


def people_import(
    *,
    election: Election,
    source: Path | IO[bytes],
    filename: str = "",
    actor: Any,
    scope: Scope,
    dry_run: bool = False,
    keep_good_rows: bool = False,
    progress: Progress = no_progress,
) -> ImportReport:
    table = read_table(
        source,
        filename=filename or getattr(source, "name", ""),
        max_bytes=settings.IMPORT_MAX_BYTES,
        max_rows=settings.IMPORT_MAX_ROWS,
    )
    with table:
        match = match_headers(table.headers, COLUMNS)
        report = ImportReport(dry_run=dry_run)
        ctx = Context(election, scope, {}, {}, report)
        rows: list[Row] = []
        checked = 0
        progress(0, None, "Memeriksa baris")
        # A chunk of raw rows at a time: their regions and TPS are looked up together, then the cells are
        # dropped and only the parsed rows kept, so a file of any length is read in bounded memory.
        for chunk in _chunks(table.rows, PARSE_CHUNK):
            _context_add(ctx, match, chunk)
            rows += [r for number, cells in chunk if (r := _parse_row(number, cells, match, ctx)) is not None]
            checked += len(chunk)
            progress(checked, None, "Memeriksa baris")
    rows = _drop_duplicates(rows, report)
    plan = _plan(rows, ctx)
    report.rejected.sort(key=lambda problem: problem.row)  # the operator reads the report top to bottom
    report.name_columns(match.names)  # "Jabatan", as the file says, not the field's code "position"
    if (report.rejected and not keep_good_rows) or dry_run:
        return report
    try:
        with transaction.atomic():
            _store(plan, ctx, actor, progress)
            report.stored = True
            log_action(
                actor=actor,
                action="people.import",
                object_type="election",
                object_id=election.pk,
                region_code=scope.region_code or "",
                after=report.audit_record(filename=filename, sha256=table.sha256),
            )
    except IntegrityError:
        # Someone else filled a seat between our check and our write; nothing of ours was stored.
        raise DomainError(
            "import_conflict",
            "Data berubah saat impor berjalan (kursi terisi oleh proses lain); ulangi impor",
        ) from None
    return report


def _chunks(rows: Iterator[tuple[int, list[Any]]], size: int) -> Iterator[list[tuple[int, list[Any]]]]:
    while chunk := list(islice(rows, size)):
        yield chunk


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
    for field in match.index:
        if problem := formula_problem(match.get(cells, field)):
            report.reject(number, field, problem.code, problem.message)
            return None
    nik = _nik(number, match.get(cells, "nik"), ctx)
    name = " ".join(cell_text(match.get(cells, "name")).split())
    if not name or len(name) > 150:
        report.reject(number, "name", "name_invalid", "Nama kosong atau lebih dari 150 karakter")
        return None
    if nik is None:
        return None
    info = nik
    birth_date = _birth_date(number, match.get(cells, "birth_date"), info.birth_date, report)
    phone = _phone(number, match.get(cells, "phone"), report)
    email = _email(number, match.get(cells, "email"), report)
    body = _body(number, match.get(cells, "body"), report)
    if birth_date is None or phone is None or email is None or body is None:
        return None
    region = _region(number, cell_text(match.get(cells, "region_code")), body, ctx)
    if region is None:
        return None
    tps_id = _tps(number, match.get(cells, "tps"), body, region, ctx)
    seat = _seat(number, match.get(cells, "position"), body, ctx)
    if (body in TPS_BODIES and tps_id is None) or seat == -1:
        return None
    if not _age_ok(number, birth_date, body, ctx):
        return None
    sirekap = _yes(number, match.get(cells, "sirekap"), body, report)
    if sirekap is None:
        return None
    return Row(
        number,
        info.nik,
        name,
        birth_date,
        info.sex,
        phone,
        cell_text(match.get(cells, "employer"))[:150],
        region,
        email,
        body,
        region,
        tps_id,
        seat,
        sirekap,
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
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits or not 1 <= int(digits) <= norm:
        ctx.report.reject(
            number,
            "position",
            "seat_invalid",
            f"Jabatan '{cell_text(value)}' harus Ketua, Anggota, atau nomor 1-{norm}",
        )
        return -1
    return int(digits)


def _age_ok(number: int, birth_date: dt.date, body: str, ctx: Context) -> bool:
    day = ctx.election.voting_day
    age = day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
    if age < MIN_AGE:
        ctx.report.reject(
            number,
            "birth_date",
            "too_young",
            f"Usia {age} tahun pada hari pemungutan suara; minimal {MIN_AGE}",
        )
        return False
    if body == Body.KPPS and age > KPPS_PREFERRED_MAX_AGE:
        ctx.report.warn(
            number,
            "birth_date",
            "kpps_over_55",
            f"Usia {age} tahun; KPPS sebaiknya paling tua {KPPS_PREFERRED_MAX_AGE} tahun",
        )
    return True


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


def _drop_duplicates(rows: list[Row], report: ImportReport) -> list[Row]:
    seen: dict[str, int] = {}
    kept = []
    for row in rows:
        if row.nik in seen:
            report.reject(
                row.number, "nik", "duplicate_in_file", f"NIK yang sama sudah ada di baris {seen[row.nik]}"
            )
        else:
            seen[row.nik] = row.number
            kept.append(row)
    return kept


@dataclass
class Plan:
    new_people: list[Row]  # rows whose NIK is not stored yet
    changed_people: list[tuple[Person, dict[str, Any]]]  # (person with new values, values before)
    new_appointments: list[tuple[Row, int]]  # (row, seat)
    person_ids: dict[str, int]


PERSON_FIELDS = ("name", "birth_date", "sex", "phone", "email", "employer", "region_id")


def _plan(rows: list[Row], ctx: Context) -> Plan:
    chunk = in_chunk_size()
    report = ctx.report
    niks = [r.nik for r in rows]
    stored: dict[str, dict[str, Any]] = {}
    for start in range(0, len(niks), chunk):
        for values in Person.objects.filter(nik__in=niks[start : start + chunk]).values(
            "id", "nik", *PERSON_FIELDS
        ):
            stored[values["nik"]] = values
    current = _current_appointments([v["id"] for v in stored.values()], ctx.election)
    occupied = _occupied_seats(rows, ctx.election)
    plan = Plan([], [], [], {nik: v["id"] for nik, v in stored.items()})
    for row in rows:
        before = stored.get(row.nik)
        appointment = current.get(before["id"]) if before else None
        seat = _resolve_appointment(row, appointment, occupied, ctx)
        if seat == -1:
            continue
        person_changed = _person_change(row, before, plan)
        if before is None or seat is not None:
            report.imported += 1
        elif person_changed:
            report.updated += 1
        else:
            report.unchanged += 1
        if seat is not None:
            plan.new_appointments.append((row, seat))
    return plan


def _person_change(row: Row, before: dict[str, Any] | None, plan: Plan) -> bool:
    values = {
        "name": row.name,
        "birth_date": row.birth_date,
        "sex": row.sex,
        "phone": row.phone,
        "email": row.email,
        "employer": row.employer,
        "region_id": row.home_region,
    }
    if before is None:
        plan.new_people.append(row)
        return True
    # Blank cells do not erase what is stored: an operator's partial list is not a deletion.
    changed = {k: v for k, v in values.items() if v not in ("", None) and before[k] != v}
    if changed:
        person = Person(
            id=before["id"],
            nik=row.nik,
            updated_at=timezone.now(),
            **{**{k: before[k] for k in PERSON_FIELDS}, **changed},
        )
        plan.changed_people.append((person, {k: before[k] for k in changed}))
    return bool(changed)


UnitKey = tuple[str, str, int | None]  # (body, region, tps id)


def _unit(body: str, region: str, tps_id: int | None) -> UnitKey:
    return (body, region, tps_id) if body in TPS_BODIES else (body, region, None)


def _current_appointments(
    person_ids: list[int], election: Election
) -> dict[int, tuple[str, str, int | None, int]]:
    chunk = in_chunk_size()
    current: dict[int, tuple[str, str, int | None, int]] = {}
    for start in range(0, len(person_ids), chunk):
        qs = Appointment.objects.filter(
            election=election, status=Status.ACTIVE, person_id__in=person_ids[start : start + chunk]
        )
        for person_id, body, region, tps_id, seat in qs.values_list(
            "person_id", "body", "region_id", "tps_id", "seat"
        ):
            current[person_id] = (body, region, tps_id, seat)
    return current


def _occupied_seats(rows: list[Row], election: Election) -> dict[UnitKey, set[int]]:
    chunk = in_chunk_size()
    occupied: dict[UnitKey, set[int]] = defaultdict(set)
    tps_ids = sorted({r.tps_id for r in rows if r.tps_id is not None})
    regions = sorted({r.region for r in rows if r.body not in TPS_BODIES})
    active = Appointment.objects.filter(election=election, status=Status.ACTIVE)
    for start in range(0, len(tps_ids), chunk):
        for body, region, tps_id, seat in active.filter(
            tps_id__in=tps_ids[start : start + chunk]
        ).values_list("body", "region_id", "tps_id", "seat"):
            occupied[_unit(body, region, tps_id)].add(seat)
    for start in range(0, len(regions), chunk):
        for body, region, seat in active.filter(
            tps__isnull=True, region_id__in=regions[start : start + chunk]
        ).values_list("body", "region_id", "seat"):
            occupied[_unit(body, region, None)].add(seat)
    return occupied


def _resolve_appointment(
    row: Row,
    appointment: tuple[str, str, int | None, int] | None,
    occupied: dict[UnitKey, set[int]],
    ctx: Context,
) -> int | None:
    """The seat to appoint the row's person to; None when already appointed there; -1 when refused."""
    if appointment is not None:
        body, region, tps_id, seat = appointment
        if (body, region, tps_id) == (row.body, row.region, row.tps_id) and row.seat in (None, seat):
            return None
        where = f"TPS id {tps_id}" if tps_id else region
        ctx.report.reject(
            row.number,
            "body",
            "already_appointed",
            f"Orang ini sudah aktif sebagai {Body(body).label} (kursi {seat}, {where}) di pemilihan ini; "
            "pindahkan lewat penggantian antarwaktu (PAW)",
        )
        return -1
    taken = occupied[_unit(row.body, row.region, row.tps_id)]
    norm = ctx.election.norm(row.body)
    if row.seat is not None:
        if row.seat in taken:
            ctx.report.reject(
                row.number,
                "position",
                "seat_taken",
                f"Kursi {row.seat} ({'ketua' if row.seat == 1 else 'anggota'}) sudah terisi",
            )
            return -1
        seat = row.seat
    else:
        # Seat 1 is kept for the ketua, except in Linmas, which has none.
        first = 1 if row.body == Body.LINMAS else 2
        free = [s for s in range(first, norm + 1) if s not in taken]
        if not free:
            ctx.report.reject(
                row.number,
                "position",
                "unit_full",
                f"Semua {norm} kursi {Body(row.body).label} di sini sudah terisi",
            )
            return -1
        seat = free[0]
    taken.add(seat)
    return seat


def _store(plan: Plan, ctx: Context, actor: Any, progress: Progress) -> None:
    total = len(plan.new_people) + len(plan.changed_people) + len(plan.new_appointments)
    now = db_datetime(timezone.now())
    progress(0, total, "Menyimpan orang")
    insert_rows(
        Person._meta.db_table,
        [
            "nik",
            "name",
            "birth_date",
            "sex",
            "phone",
            "email",
            "employer",
            "region_code",
            "created_at",
            "updated_at",
        ],
        (
            (
                r.nik,
                r.name,
                db_date(r.birth_date),
                r.sex,
                r.phone,
                r.email,
                r.employer,
                r.home_region,
                now,
                now,
            )
            for r in plan.new_people
        ),
    )
    _fetch_person_ids([r.nik for r in plan.new_people], plan.person_ids)
    done = len(plan.new_people)
    progress(done, total, "Menyimpan perubahan")
    if plan.changed_people:
        _store_changes(plan.changed_people, actor)
        done += len(plan.changed_people)
    progress(done, total, "Menyimpan penugasan")
    insert_rows(
        Appointment._meta.db_table,
        [
            "election_id",
            "person_id",
            "body",
            "region_code",
            "tps_id",
            "seat",
            "sirekap_operator",
            "status",
            "end_reason",
            "created_at",
        ],
        (
            (
                ctx.election.pk,
                plan.person_ids[row.nik],
                row.body,
                row.region,
                row.tps_id,
                seat,
                row.sirekap,
                Status.ACTIVE.value,
                "",
                now,
            )
            for row, seat in plan.new_appointments
        ),
    )
    progress(total, total, "Selesai")


def _fetch_person_ids(niks: list[str], into: dict[str, int]) -> None:
    chunk = in_chunk_size()
    for start in range(0, len(niks), chunk):
        into.update(Person.objects.filter(nik__in=niks[start : start + chunk]).values_list("nik", "id"))


def _store_changes(changed: list[tuple[Person, dict[str, Any]]], actor: Any) -> None:
    Person.objects.bulk_update([p for p, _ in changed], [*PERSON_FIELDS, "updated_at"], batch_size=BATCH)
    label = actor_label(actor)
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=None if isinstance(actor, str) or actor is None else actor,
                actor_label=label,
                action="person.update",
                object_type="person",
                object_id=str(p.pk),
                region_code=p.region_id,
                before=_masked(before),
                after=_masked({k: getattr(p, k) for k in before}),
            )
            for p, before in changed
        ],
        batch_size=BATCH,
    )


def _masked(values: dict[str, Any]) -> dict[str, Any]:
    """NIK and phone masked by the shared rule; an e-mail address is personal data too, so only its domain stays."""
    masked = mask_personal(_jsonable(values))
    if isinstance(masked.get("email"), str) and masked["email"]:
        masked["email"] = "***@" + masked["email"].rpartition("@")[2]
    return masked


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}
