"""Incremental readiness (issue 13): a check-in re-judges its crew's TPS within seconds, without a full refresh.

1. `mark_dirty` (inside the writing transaction, through `lib.signals.training_recorded`: a check-in, a
   submitted test, a drill) notes the TPS of those people, once each (`ReadinessDirty`, one INSERT), and
   when it made a new mark, queues after the commit one `readiness.touch` job for the election unless one is
   already waiting. A check-in on PostgreSQL makes the same mark inside its own statement instead
   (`mark_follow_up`, a follow-up in `lib.signals`) and tells the receiver how many marks it made.
2. The job (`run_touch`) takes the marks, re-judges those TPS with the same facts and rules as the refresh
   (`readiness_touch`), and moves every roll-up above them (desa, kecamatan, kabupaten, provinsi, the country)
   by the difference between the old and the new verdict, in one durable transaction with the TPS rows.
   A mark re-armed while it ran stays for the next job; a worker that dies leaves its marks for the next one.

A TPS without a snapshot row (never refreshed) is left to the refresh: there is nothing to move. History rows
(the trend chart) are written only by the refresh.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils import timezone

from bimtek.elections.models import Election
from bimtek.jobs.models import Job
from bimtek.jobs.selectors import job_waiting
from bimtek.jobs.services import job_start, jobs_prune
from bimtek.lib import clock
from bimtek.lib.lookups import keys_in
from bimtek.lib.prepared import guarded, ids_in
from bimtek.lib.reports import Progress
from bimtek.readiness.core import Code, assess
from bimtek.readiness.facts import region_facts
from bimtek.readiness.models import ReadinessDirty, ReadinessRollup, ReadinessTPS
from bimtek.readiness.selectors import policy_of
from bimtek.readiness.services import readiness_refresh
from bimtek.workforce.models import Appointment, Status

KIND = "readiness.touch"
logger = logging.getLogger(__name__)
STATUS_FIELDS = ("ready", "at_risk", "not_ready")
KEEP_DONE = dt.timedelta(hours=1)
# Above this share of a kabupaten's TPS marked at once (a people import, a paper batch), the job refreshes the
# kabupaten instead of touching its TPS one desa at a time; below REFRESH_MIN TPS it always touches.
# `bench/bench_readiness.py` measures the break-even (its "touch against refresh" table). Since a few people's
# attendance is read by id (6 December 2026): 42% on Belitung Timur (363 TPS: touch 1,054 TPS/s, the
# kabupaten's refresh 0.14 s); 120% on Kabupaten Bogor in the whole country (15,228 TPS: touch 2,561 TPS/s,
# refresh 7.15 s). 0.4 touches wherever touching is the cheaper on a small kabupaten; on a big one a large
# marking costs one refresh (seconds), never more.
REFRESH_SHARE = 0.4
REFRESH_MIN = 50
KABUPATEN_LENGTH = len("19.06")
TPS_FIELDS = (
    "status",
    "reason_bits",
    "kpps",
    "linmas",
    "untrained",
    "post_test_not_passed",
    "kpps_bpjs",
    "days_left",
)


MARKS = "readiness_marks"  # the follow-up's name (`lib.signals.register_follow_up`), a CTE's


def on_training(
    sender: Any, *, election_id: int, person_ids: list[int], followed: dict[str, int] | None = None, **_: Any
) -> None:
    """The receiver of `lib.signals.training_recorded` and `crew_changed` (connected in `ReadinessConfig.ready`):
    a check-in, a submitted test or a drill of these people, or their seating in a crew. A check-in on
    PostgreSQL has marked them in its own statement already (`followed`, `mark_follow_up`)."""
    if followed is not None and MARKS in followed:
        marked = followed[MARKS]
    else:
        try:  # the mark runs in its own savepoint: one that fails never takes the check-in with it
            marked = mark_dirty(election_id, person_ids)
        except DatabaseError:
            logger.warning(
                "readiness: %d people's TPS not marked; the next refresh judges them", len(person_ids)
            )
            return
    if marked:
        transaction.on_commit(lambda: schedule(election_id))


def _mark_sql(people: str) -> str:
    """The mark of the TPS where the people `person_id {people}` serve in the election's active crews.

    One row per TPS (the DISTINCT): an upsert may not touch a row twice, and in TPS order, so two check-ins
    marking the same TPS take their rows' locks in one order. A TPS already waiting is left as it is (its job
    is queued); one that a running job has taken is re-armed. Only a TPS with a snapshot row is marked: one
    never refreshed is the refresh's (a touch has nothing to move). SQLite needs the outer WHERE anyway:
    without one it reads ON CONFLICT as part of a join. Params: election, now, election, active."""
    dirty = ReadinessDirty._meta.db_table
    crew = Appointment._meta.db_table
    snapshot = ReadinessTPS._meta.db_table
    return (
        f"INSERT INTO {dirty} (election_id, tps_id, marked_at) "  # noqa: S608 (only table names and placeholders are interpolated)
        f"SELECT %s, crews.tps_id, %s FROM (SELECT DISTINCT tps_id FROM {crew} "
        f"WHERE election_id = %s AND status = %s AND tps_id IS NOT NULL AND person_id {people}) crews "
        f"WHERE EXISTS (SELECT 1 FROM {snapshot} s WHERE s.tps_id = crews.tps_id) ORDER BY crews.tps_id "
        "ON CONFLICT (election_id, tps_id) DO UPDATE SET marked_at = excluded.marked_at, "
        f"taken_at = NULL WHERE {dirty}.taken_at IS NOT NULL"
    )


def _mark_head(election_id: int) -> list[Any]:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    return [election_id, now, election_id, Status.ACTIVE.value]


def mark_follow_up(source: str, election_id: int) -> tuple[str, list[Any]]:
    """The mark as a part of the writer's statement (`lib.signals.register_follow_up`): the TPS of the people
    the CTE `source` returns. A check-in on PostgreSQL is then one statement, its own transaction, instead of
    BEGIN, the insert, the mark in a savepoint and COMMIT."""
    people = f"IN (SELECT person_id FROM {source})"  # noqa: S608 (a CTE's name)
    return f"{_mark_sql(people)} RETURNING 1", _mark_head(election_id)


def mark_dirty(election_id: int, person_ids: Iterable[int]) -> int:
    """Mark the TPS where these people serve in the election's active crews; how many marks need a job.

    One statement, because every check-in runs it: an INSERT of the crews' TPS from the appointments, where a
    TPS already waiting is left as it is (its job is queued) and one that a running job has taken is re-armed
    (that job has maybe read its facts before this change: the next one must judge it). So a crew of seven
    checking in marks its TPS once, and only that first scan looks for a job (`on_training`).
    """
    ids = sorted(set(person_ids))
    if not ids:
        return 0
    head = _mark_head(election_id)
    if connection.vendor == "postgresql":  # a check-in's few on one plan, an import's many planned for them
        batches = [ids_in(ids)]
    else:  # SQLite binds at most 32,766 values a statement: a paper import of a whole kabupaten has more
        batches = [
            (f"IN ({', '.join(['%s'] * len(part))})", part)
            for part in (ids[i : i + 10_000] for i in range(0, len(ids), 10_000))
        ]
    marked = 0
    for people, params in batches:  # each in a savepoint of its own, one round trip (`lib.prepared.guarded`)
        marked += guarded(connection, _mark_sql(people), [*head, *params])
    return marked


def schedule(election_id: int) -> Job | None:
    """One waiting touch job per election is enough: it takes every mark there is when it runs."""
    if job_waiting(KIND, election_id=election_id):
        return None
    return job_start(
        kind=KIND, title="Kesiapan: TPS yang berubah", params={"election_id": election_id}, actor=None
    )


def run_touch(job: Job, progress: Progress) -> dict[str, Any]:
    election = Election.objects.get(pk=job.params["election_id"])
    started = timezone.now()
    # Take every mark of the election, those a dead worker took included, before reading any fact.
    marks = list(ReadinessDirty.objects.filter(election=election).values_list("pk", "tps_id"))
    taken = [pk for pk, _ in marks]
    ReadinessDirty.objects.filter(pk__in=taken).update(taken_at=started)
    progress(0, len(marks), "menilai ulang TPS yang berubah")
    whole, rest = split_for_refresh(election, [t for _, t in marks])
    for code in whole:  # a kabupaten's import or paper batch: its refresh is cheaper than desa by desa
        readiness_refresh(election=election, region_code=code, actor=None)
    changed = readiness_touch(election=election, tps_ids=rest)
    # A check-in during the run re-armed its mark (taken_at None again): it stays for the next job, which
    # that check-in has queued.
    ReadinessDirty.objects.filter(pk__in=taken, taken_at=started).delete()
    # A busy morning runs one of these a second: keep about an hour of them, not a day's worth of rows.
    jobs_prune(kind=KIND, finished_before=started - KEEP_DONE)
    progress(len(marks), len(marks), "selesai")
    return {"tps": len(marks), "changed": changed, **({"refreshed": whole} if whole else {})}


def split_for_refresh(election: Election, tps_ids: Iterable[int]) -> tuple[list[str], list[int]]:
    """(kabupaten/kota to refresh whole, the TPS to touch one desa at a time).

    A kabupaten is refreshed when at least REFRESH_SHARE of its snapshot's TPS are marked: its refresh
    judges every TPS in a few set-based queries, while a touch re-reads facts desa by desa.
    """
    ids = sorted(set(tps_ids))
    if len(ids) < REFRESH_MIN:
        return [], ids
    kab = Substr("region_code", 1, KABUPATEN_LENGTH)
    rows = ReadinessTPS.objects.filter(election=election).order_by().annotate(kab=kab)
    marked: dict[str, list[int]] = defaultdict(list)
    for tps_id, code in rows.filter(keys_in("tps_id", ids)).values_list("tps_id", "kab"):
        marked[code].append(tps_id)
    busy = [code for code, group in marked.items() if len(group) >= REFRESH_MIN]
    totals = dict(rows.filter(kab__in=busy).values("kab").annotate(n=Count("id")).values_list("kab", "n"))
    whole = sorted(code for code in busy if len(marked[code]) >= REFRESH_SHARE * totals.get(code, 0))
    refreshed = {t for code in whole for t in marked[code]}
    return whole, [t for t in ids if t not in refreshed]


def readiness_touch(*, election: Election, tps_ids: Iterable[int], today: dt.date | None = None) -> int:
    """Re-judge these TPS and move their roll-ups by the difference; how many TPS rows changed."""
    today = today or clock.today()
    ids = sorted(set(tps_ids))
    villages = dict(
        ReadinessTPS.objects.filter(election=election, tps_id__in=ids).values_list("tps_id", "region_code")
    )
    by_desa: dict[str, list[int]] = defaultdict(list)
    for tps_id, desa in villages.items():
        by_desa[desa].append(tps_id)
    policy = policy_of(election)
    verdicts = {}
    for desa, group in by_desa.items():
        for facts in region_facts(election=election, region_code=desa, today=today, tps_ids=group).facts:
            verdicts[facts.tps_id] = (assess(facts, policy=policy), facts)
    with transaction.atomic(durable=True):
        return _move(election, verdicts)


def _move(election: Election, verdicts: dict[int, Any]) -> int:
    rows = ReadinessTPS.objects.select_for_update().filter(election=election, tps_id__in=list(verdicts))
    deltas: dict[str, Counter[str]] = defaultdict(Counter)
    changed = []
    now = timezone.now()
    for row in rows.order_by("tps_id"):
        verdict, facts = verdicts[row.tps_id]
        new = {
            "status": verdict.status.value,
            "reason_bits": verdict.bits,
            "kpps": facts.kpps,
            "linmas": facts.linmas,
            "untrained": facts.untrained,
            "post_test_not_passed": facts.post_test_not_passed,
            "kpps_bpjs": facts.kpps - facts.kpps_bpjs_missing,
            "days_left": verdict.days_left,
        }
        if all(getattr(row, k) == v for k, v in new.items()):
            continue
        change: Counter[str] = Counter()
        change[row.status] -= 1
        change[new["status"]] += 1
        for code in Code:
            change[f"r_{code.value}"] += bool(new["reason_bits"] & code.bit) - bool(
                row.reason_bits & code.bit
            )
        change["kpps"] += new["kpps"] - row.kpps
        change["kpps_bpjs"] += new["kpps_bpjs"] - row.kpps_bpjs
        for prefix in _prefixes(row.region_code):
            deltas[prefix].update(change)
        for k, v in new.items():
            setattr(row, k, v)
        row.computed_at = now
        changed.append(row)
    if changed:
        ReadinessTPS.objects.bulk_update(changed, [*TPS_FIELDS, "computed_at"])
    _move_rollups(election, deltas)
    return len(changed)


def _prefixes(desa: str) -> list[str]:
    """'' (the country), then each ancestor of the desa, then the desa: the roll-ups a TPS counts in."""
    parts = desa.split(".")
    return ["", *(".".join(parts[:n]) for n in range(1, len(parts) + 1))]


def _move_rollups(election: Election, deltas: dict[str, Counter[str]]) -> None:
    """Add each region's difference. `computed_at` stays the refresh's: "Dihitung 2 jam lalu" keeps saying when
    the whole region was last judged, while the TPS rows that moved carry their own time."""
    rollups = ReadinessRollup.objects.select_for_update().filter(
        election=election, region_code__in=list(deltas)
    )
    moved = []
    for rollup in rollups.order_by("region_code"):
        d = deltas[rollup.region_code]
        for field in STATUS_FIELDS:
            setattr(rollup, field, getattr(rollup, field) + d[field])
        rollup.kpps += d["kpps"]
        rollup.kpps_bpjs += d["kpps_bpjs"]
        by_reason = dict(rollup.by_reason)
        for code in Code:
            n = by_reason.get(code.value, 0) + d[f"r_{code.value}"]
            if n > 0:
                by_reason[code.value] = n
            else:
                by_reason.pop(code.value, None)
        rollup.by_reason = by_reason
        moved.append(rollup)
    fields = [*STATUS_FIELDS, "kpps", "kpps_bpjs", "by_reason"]
    if moved:
        ReadinessRollup.objects.bulk_update(moved, fields)
