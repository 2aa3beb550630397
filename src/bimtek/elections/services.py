"""Create elections and load their TPS, from a list of TPS or from a count per desa."""

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import IO, Any

from django.db import IntegrityError, transaction

from bimtek.accounts.scoping import region_filter
from bimtek.audit.services import log_action
from bimtek.elections.models import TPS, Election, ElectionKind
from bimtek.lib.cells import Column, HeaderMatch, cell_text, formula_problem, match_headers
from bimtek.lib.errors import DomainError
from bimtek.lib.importing import finish, open_table
from bimtek.lib.reports import ImportReport, Progress, no_progress
from bimtek.regions.models import Level, Region

BATCH = 5000
SPECIAL_TPS_START = 901  # TPS numbered 9xx are special locations (lokasi khusus)

ERR_SLUG_TAKEN = "Kode pemilihan '{slug}' sudah dipakai"
ERR_KIND = "Jenis pemilihan harus 'pemilu' atau 'pilkada'"


def bundled_tps_counts() -> Path:
    return Path(str(resources.files("bimtek.elections") / "data" / "pemilu2024_tps_per_village.csv.gz"))


def election_create(
    *, slug: str, name: str, kind: str, voting_day: dt.date, actor: Any, norms: dict[str, int] | None = None
) -> Election:
    if kind not in ElectionKind.values:
        raise DomainError("election_kind", ERR_KIND)
    election = Election(slug=slug, name=name, kind=kind, voting_day=voting_day)
    if kind == ElectionKind.PILKADA:
        election.max_voters_per_tps = 600
    for field, value in (norms or {}).items():
        setattr(election, field, value)
    try:
        with transaction.atomic():
            election.save()
            log_action(
                actor=actor,
                action="election.create",
                object_type="election",
                object_id=election.pk,
                after={
                    "slug": slug,
                    "name": name,
                    "kind": kind,
                    "voting_day": voting_day.isoformat(),
                    **(norms or {}),
                },
            )
    except IntegrityError:
        raise DomainError("election_slug_taken", ERR_SLUG_TAKEN.format(slug=slug)) from None
    return election


LIST_COLUMNS = [
    Column(
        "village_code",
        ["Kode Desa", "Kode Kelurahan", "Kode Desa/Kelurahan", "Kode Wilayah", "kode_desa"],
        required=True,
    ),
    Column("number", ["TPS", "No TPS", "Nomor TPS", "tps_number", "Nomor"], required=True),
    Column("voters", ["DPT", "Jumlah DPT", "Jumlah Pemilih", "Pemilih"]),
    Column("address", ["Alamat", "Lokasi", "Alamat TPS"]),
]
COUNT_COLUMNS = [
    Column("village_code", ["Kode Desa", "Kode Wilayah", "kode_desa"], required=True),
    Column("tps_count", ["Jumlah TPS", "jumlah_tps"], required=True),
    Column("tps_regular", ["TPS Reguler"]),
    Column("tps_special_9xx", ["TPS Khusus", "TPS Lokasi Khusus"]),
]


def tps_import(
    *,
    election: Election,
    source: Path | IO[bytes],
    filename: str = "",
    actor: Any,
    region_code: str = "",
    dry_run: bool = False,
    keep_good_rows: bool = False,
    progress: Progress = no_progress,
) -> ImportReport:
    """Import TPS from a TPS list, or from a count per desa (creating TPS 001..N and 901.. for special ones).

    `region_code` keeps only the rows inside that region, so a national file can seed one regency.
    Re-importing the same file changes nothing.
    """
    table = open_table(source, filename)
    normalized = {h.strip().lower() for h in table.headers}
    is_counts = bool(normalized & {"tps_count", "jumlah tps", "jumlah_tps"})
    match = match_headers(table.headers, COUNT_COLUMNS if is_counts else LIST_COLUMNS)
    report = ImportReport(dry_run=dry_run)
    villages = set(Region.objects.below(region_code, Level.DESA).values_list("code", flat=True))
    if region_code and Region.objects.filter(code=region_code, level=Level.DESA).exists():
        villages.add(region_code)
    wanted: dict[tuple[str, int], tuple[int | None, str]] = {}
    for number, cells in table.rows:
        parsed = _parse_counts_row if is_counts else _parse_list_row
        for key, value in parsed(number, cells, match, villages, region_code, report):
            if key in wanted:
                report.reject(
                    number,
                    "number",
                    "tps_duplicate",
                    f"TPS {key[1]:03d} desa {key[0]} muncul dua kali di berkas",
                )
            else:
                wanted[key] = value

    def store() -> None:
        _store_tps(election, wanted, report, progress)
        log_action(
            actor=actor,
            action="tps.import",
            object_type="election",
            object_id=election.pk,
            region_code=region_code,
            after={
                "source": filename or getattr(source, "name", ""),
                "imported": report.imported,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected_rows": report.rejected_row_count,
            },
        )

    return finish(
        report,
        match,
        store=store,
        keep_good_rows=keep_good_rows,
        compare=lambda: _compare_with_stored(election, wanted, report),
    )


def _village_or_reject(
    number: int, code: str, villages: set[str], region_code: str, report: ImportReport
) -> str | None:
    """The desa code if the row belongs here; None (silently) for rows outside the chosen region."""
    if region_code and not (code == region_code or code.startswith(f"{region_code}.")):
        return None
    if not code:
        report.reject(number, "village_code", "village_missing", "Kode desa/kelurahan kosong")
        return None
    if code not in villages:
        report.reject(
            number,
            "village_code",
            "village_unknown",
            f"Kode desa/kelurahan '{code}' tidak ada di data wilayah",
        )
        return None
    return code


def _whole(number: int, column: str, value: object, report: ImportReport, *, lo: int, hi: int) -> int | None:
    text = cell_text(value)  # type: ignore[arg-type]  # a cell read from the file, typed object by the caller
    if not text.isdigit() or not lo <= int(text) <= hi:
        report.reject(number, column, "number_invalid", f"'{text}' harus bilangan bulat {lo}-{hi}")
        return None
    return int(text)


def _parse_list_row(
    number: int,
    cells: list[Any],
    match: HeaderMatch,
    villages: set[str],
    region_code: str,
    report: ImportReport,
) -> list[tuple[tuple[str, int], tuple[int | None, str]]]:
    for field in match.index:
        if problem := formula_problem(match.get(cells, field)):
            report.reject(number, field, problem.code, problem.message)
            return []
    code = _village_or_reject(
        number, cell_text(match.get(cells, "village_code")), villages, region_code, report
    )
    if code is None:
        return []
    raw_number = cell_text(match.get(cells, "number")).upper().removeprefix("TPS").strip()
    tps_number = _whole(number, "number", raw_number, report, lo=1, hi=999)
    voters_text = cell_text(match.get(cells, "voters"))
    voters = _whole(number, "voters", voters_text, report, lo=0, hi=9999) if voters_text else None
    if tps_number is None or (voters_text and voters is None):
        return []
    return [((code, tps_number), (voters, cell_text(match.get(cells, "address"))[:255]))]


def _parse_counts_row(
    number: int,
    cells: list[Any],
    match: HeaderMatch,
    villages: set[str],
    region_code: str,
    report: ImportReport,
) -> list[tuple[tuple[str, int], tuple[int | None, str]]]:
    code = _village_or_reject(
        number, cell_text(match.get(cells, "village_code")), villages, region_code, report
    )
    if code is None:
        return []
    total = _whole(number, "tps_count", match.get(cells, "tps_count"), report, lo=0, hi=899)
    if total is None:
        return []
    special_text = cell_text(match.get(cells, "tps_special_9xx"))
    special = _whole(number, "tps_special_9xx", special_text, report, lo=0, hi=99) if special_text else 0
    if special is None or special > total:
        if special is not None:
            report.reject(
                number, "tps_special_9xx", "number_invalid", "TPS khusus lebih banyak dari jumlah TPS"
            )
        return []
    regular = total - special
    numbers = [*range(1, regular + 1), *range(SPECIAL_TPS_START, SPECIAL_TPS_START + special)]
    return [((code, n), (None, "")) for n in numbers]


def _compare_with_stored(
    election: Election, wanted: dict[tuple[str, int], tuple[int | None, str]], report: ImportReport
) -> None:
    villages = sorted({code for code, _ in wanted})
    stored: dict[tuple[str, int], tuple[int | None, str]] = {}
    for start in range(0, len(villages), 500):
        chunk = villages[start : start + 500]
        for village, number, voters, address in TPS.objects.filter(
            election=election, village_id__in=chunk
        ).values_list("village_id", "number", "voters", "address"):
            stored[(village, number)] = (voters, address)
    for key, (voters, address) in wanted.items():
        before = stored.get(key)
        if before is None:
            report.imported += 1
            continue
        # A blank cell keeps what is stored: a partial list is not a deletion.
        merged = (voters if voters is not None else before[0], address or before[1])
        wanted[key] = merged
        if merged != before:
            report.updated += 1
        else:
            report.unchanged += 1


def _store_tps(
    election: Election,
    wanted: dict[tuple[str, int], tuple[int | None, str]],
    report: ImportReport,
    progress: Progress,
) -> None:
    rows = [
        TPS(election=election, village_id=village, number=number, voters=voters, address=address)
        for (village, number), (voters, address) in wanted.items()
    ]
    has_details = any(voters is not None or address for voters, address in wanted.values())
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        if has_details:
            TPS.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=["election", "village", "number"],
                update_fields=["voters", "address"],
            )
        else:
            TPS.objects.bulk_create(batch, ignore_conflicts=True)
        progress(min(start + BATCH, len(rows)), len(rows), "TPS")


def tps_in_region(election: Election, region_code: str) -> Any:
    qs = TPS.objects.filter(election=election)
    return qs.filter(region_filter("village__code", region_code)) if region_code else qs
