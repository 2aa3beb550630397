"""Refresh the readiness snapshots: facts from the database, the core's verdicts, bulk writes, roll-ups.

`readiness_refresh` runs in one durable transaction with one audit entry. For a region it replaces
that region's TPS rows, the roll-ups of every region inside it and of its ancestors (recounted from
the TPS rows by code prefix), and appends a history row for each roll-up down to kecamatan level.
For a kabupaten/kota and more the facts come from one set-based query over the region, streamed in batches
(`bulk_facts`), so memory stays flat and the job shows progress per kabupaten as its TPS arrive.
"""

import datetime as dt
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from bimtek.accounts.access import Ability, may
from bimtek.accounts.scoping import region_filter, scope_of
from bimtek.audit.services import log_action
from bimtek.elections.models import TPS, Election
from bimtek.lib import clock
from bimtek.lib.bulk import db_datetime, insert_rows
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import Progress, no_progress
from bimtek.readiness.bulk_facts import tps_facts_stream
from bimtek.readiness.core import Code, Policy, Status, TPSFacts, assess
from bimtek.readiness.facts import region_facts
from bimtek.readiness.models import ReadinessHistory, ReadinessPolicy, ReadinessRollup, ReadinessTPS
from bimtek.readiness.selectors import policy_of
from bimtek.regions.models import level_of

# Prefix length of a code at each level: "33", "33.03", "33.03.01", "33.03.01.2001".
PREFIX_LENGTH = {1: 2, 2: 5, 3: 8, 4: 13}
HISTORY_MAX_LEVEL = 3
BATCH = 5_000  # TPS judged and written at a time
ANALYZE_MAX_LEVEL = 1  # a refresh of a province or the country replaces enough rows to re-read the statistics
TPS_COLUMNS = (
    "election_id",
    "tps_id",
    "region_code",
    "status",
    "reason_bits",
    "kpps",
    "linmas",
    "untrained",
    "post_test_not_passed",
    "kpps_bpjs",
    "days_left",
    "computed_at",
)


@dataclass
class RefreshReport:
    election: str
    region_code: str
    tps: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    rollups: int = 0
    seconds: float = 0.0
    computed_at: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "election": self.election,
            "region": self.region_code,
            "tps": self.tps,
            "by_status": self.by_status,
            "rollups": self.rollups,
            "seconds": round(self.seconds, 2),
            "computed_at": self.computed_at,
        }


def readiness_refresh(
    *,
    election: Election,
    region_code: str = "",
    actor: Any,
    today: dt.date | None = None,
    progress: Progress = no_progress,
) -> RefreshReport:
    started = timezone.now()
    today = today or clock.today()
    report = RefreshReport(election=election.slug, region_code=region_code)
    with transaction.atomic(durable=True):
        _tps_rows(election, region_code).delete()
        parts = _parts(election, region_code)
        by_status = dict.fromkeys((s.value for s in Status), 0)
        # A kabupaten/kota and more: one set-based query over the region, streamed (bulk_facts); a kecamatan
        # or a desa: the facts of its own few people (facts.region_facts).
        if not region_code or level_of(region_code) <= 2:
            stream = tps_facts_stream(election=election, region_code=region_code, today=today)
        else:
            data = region_facts(election=election, region_code=region_code, today=today)
            stream = ((data.village_of[f.tps_id], f) for f in data.facts)
        seen: set[str] = set()
        policy = policy_of(election)
        with closing(stream):  # a failure closes the server-side cursor inside the transaction
            while batch := list(islice(stream, BATCH)):
                for kabupaten in sorted({village[:5] for village, _ in batch} - seen):
                    seen.add(kabupaten)
                    progress(len(seen) - 1, len(parts), f"menilai TPS di {kabupaten}")
                for status, n in _judge_and_store(election, policy, batch, started).items():
                    by_status[status] += n
        progress(len(parts), len(parts), "menghitung rekap wilayah")
        report.rollups = _rollups_store(election, region_code, started)
        report.tps = sum(by_status.values())
        report.by_status = by_status
        report.computed_at = started.isoformat()
        log_action(
            actor=actor,
            action="readiness.refresh",
            object_type="election",
            object_id=election.pk,
            region_code=region_code,
            after={"tps": report.tps, **by_status, "rollups": report.rollups},
        )
    if not region_code or level_of(region_code) <= ANALYZE_MAX_LEVEL:
        _analyze()
    report.seconds = (timezone.now() - started).total_seconds()
    return report


def _analyze() -> None:
    """Fresh planner statistics for the snapshot just replaced (PostgreSQL). Until autovacuum gets to it, the
    first refresh of a country left estimates of 14 rows for a province that holds 64,000."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {ReadinessTPS._meta.db_table}, {ReadinessRollup._meta.db_table}")


def _tps_rows(election: Election, region_code: str) -> QuerySet[ReadinessTPS]:
    rows = ReadinessTPS.objects.filter(election=election)
    return rows.filter(region_filter("region_code", region_code)) if region_code else rows


def _parts(election: Election, region_code: str) -> list[str]:
    """The kabupaten/kota that hold TPS (or the region itself when it is one or smaller)."""
    if region_code and level_of(region_code) >= 2:
        return [region_code]
    tps = TPS.objects.filter(election=election)
    if region_code:
        tps = tps.filter(village__code__startswith=f"{region_code}.")
    codes = tps.order_by().annotate(kab=Substr("village_id", 1, 5)).values_list("kab", flat=True).distinct()
    return sorted(codes)


def _judge_and_store(
    election: Election, policy: Policy, batch: Iterable[tuple[str, TPSFacts]], at: dt.datetime
) -> dict[str, int]:
    """Judge these TPS (desa code, facts) and write their rows; how many got each status."""
    counts = dict.fromkeys((s.value for s in Status), 0)
    stamp = db_datetime(at)
    rows = []
    for village, facts in batch:
        verdict = assess(facts, policy=policy)
        counts[verdict.status.value] += 1
        rows.append(
            (
                election.pk,
                facts.tps_id,
                village,
                verdict.status.value,
                verdict.bits,
                facts.kpps,
                facts.linmas,
                facts.untrained,
                facts.post_test_not_passed,
                facts.kpps - facts.kpps_bpjs_missing,
                verdict.days_left,
                stamp,
            )
        )
    insert_rows(ReadinessTPS._meta.db_table, TPS_COLUMNS, rows)
    return counts


def _count_columns() -> dict[str, Any]:
    columns: dict[str, Any] = {
        "n_total": Count("id"),
        "n_ready": Count("id", filter=Q(status=Status.READY)),
        "n_at_risk": Count("id", filter=Q(status=Status.AT_RISK)),
        "n_not_ready": Count("id", filter=Q(status=Status.NOT_READY)),
        "n_kpps": Sum("kpps"),
        "n_kpps_bpjs": Sum("kpps_bpjs"),
    }
    for code in Code:
        # bits & bit is either 0 or bit: summing and dividing by the bit counts the TPS with that reason
        columns[f"r_{code.value}"] = Sum(F("reason_bits").bitand(code.bit))
    return columns


def _rollup(
    election: Election, code: str, level: int, row: dict[str, Any], at: dt.datetime
) -> ReadinessRollup:
    return ReadinessRollup(
        election=election,
        region_code=code,
        level=level,
        total=row["n_total"],
        ready=row["n_ready"],
        at_risk=row["n_at_risk"],
        not_ready=row["n_not_ready"],
        by_reason={c.value: (row[f"r_{c.value}"] or 0) // c.bit for c in Code if row[f"r_{c.value}"]},
        kpps=row["n_kpps"] or 0,
        kpps_bpjs=row["n_kpps_bpjs"] or 0,
        computed_at=at,
    )


def rollup_counts(election: Election, prefixes_of_level: int, within: str = "") -> dict[str, dict[str, Any]]:
    """Counts per region of one level, grouped by code prefix, from the TPS rows (one query)."""
    rows = ReadinessTPS.objects.filter(election=election)
    if within:
        rows = rows.filter(region_filter("region_code", within))
    grouped = (
        rows.order_by()
        .annotate(prefix=Substr("region_code", 1, PREFIX_LENGTH[prefixes_of_level]))
        .values("prefix")
        .annotate(**_count_columns())
    )
    return {row.pop("prefix"): row for row in grouped}


def _rollups_store(election: Election, region_code: str, at: dt.datetime) -> int:
    """Recount the region's subtree by level and each of its ancestors (the country too)."""
    top = level_of(region_code) if region_code else 0
    rollups: list[ReadinessRollup] = []
    for level in range(max(top, 1), 5):
        for code, row in rollup_counts(election, level, region_code).items():
            rollups.append(_rollup(election, code, level, row, at))
    ancestors = [""]
    if region_code:
        parts = region_code.split(".")
        ancestors += [".".join(parts[:i]) for i in range(1, len(parts))]
    for code in ancestors:
        rows = ReadinessTPS.objects.filter(election=election)
        if code:
            rows = rows.filter(region_filter("region_code", code))
        row = rows.order_by().aggregate(**_count_columns())
        row["n_total"] = row["n_total"] or 0
        rollups.append(_rollup(election, code, level_of(code) if code else 0, row, at))
    stale = ReadinessRollup.objects.filter(election=election)
    stale = (
        stale.filter(region_filter("region_code", region_code) | Q(region_code__in=ancestors))
        if region_code
        else stale
    )
    stale.delete()
    ReadinessRollup.objects.bulk_create(rollups, batch_size=2000)
    ReadinessHistory.objects.bulk_create(
        [
            ReadinessHistory(
                election=election,
                region_code=r.region_code,
                computed_at=at,
                total=r.total,
                ready=r.ready,
                at_risk=r.at_risk,
                not_ready=r.not_ready,
            )
            for r in rollups
            if r.level <= HISTORY_MAX_LEVEL
        ],
        batch_size=2000,
    )
    return len(rollups)


ERR_POLICY_NATIONAL = "Hanya KPU RI yang menentukan aturan kesiapan untuk seluruh pemilihan"


def readiness_policy_set(*, election: Election, policy: Policy, actor: Any) -> ReadinessPolicy:
    """Store which welfare gaps count in readiness for the election (KPU RI only: the rule is national).

    It takes effect at the next refresh; the snapshot is not re-judged here."""
    if not (may(actor, Ability.OPERATE) and scope_of(actor).is_national):
        raise DomainError("policy_not_national", ERR_POLICY_NATIONAL)
    with transaction.atomic(durable=True):
        row, _ = ReadinessPolicy.objects.select_for_update().get_or_create(election=election)
        before = {"count_bpjs": row.count_bpjs, "count_health": row.count_health}
        row.count_bpjs, row.count_health = policy.count_bpjs, policy.count_health
        row.updated_by = actor
        row.save()
        log_action(
            actor=actor,
            action="readiness.policy",
            object_type="election",
            object_id=str(election.pk),
            region_code="",
            before=before,
            after={"count_bpjs": row.count_bpjs, "count_health": row.count_health},
        )
    return row
