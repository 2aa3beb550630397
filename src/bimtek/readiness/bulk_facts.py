"""The refresh's facts for a kabupaten/kota and more: one set-based query, streamed (issue 13).

`facts.person_facts` reads the training facts of a list of people: right for a TPS, a desa or a kecamatan.
Per kabupaten it sends the kabupaten's crew as a list, and PostgreSQL answers each such query by scanning
the whole country's check-ins and post-tests: a country refresh cost kabupaten × country.

`tps_facts_stream` asks once for the whole region: who counts as trained (per program), who passed a
post-test and who passed the drill, grouped per person; the crew joined to that and counted per TPS; every
TPS of the region joined to its counts, in code order. Each table is read once (hash joins and grouped
passes: linear in the country), rows arrive in batches through a server-side cursor, and Python only builds
the core's input. The rules stay in their selectors: the subqueries here are theirs, compiled; the per-TPS
counts are `facts._tally`'s written in SQL, and a test holds the two to the same answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import connection
from django.db.models import F, QuerySet

from bimtek.accounts.scoping import region_filter
from bimtek.assessment.selectors import post_test_passers
from bimtek.delivery.selectors import attended_every_part, required_parts
from bimtek.drill.selectors import PASS_MARK as DRILL_PASS_MARK
from bimtek.drill.selectors import crew_drill_rule, crew_drills_passed, drill_passers
from bimtek.elections.models import TPS, Election
from bimtek.planner.models import tiers_counting_for
from bimtek.readiness.core import TPSFacts
from bimtek.readiness.facts import PROGRAM_OF, crew_appointments, days_left, facts_of, post_test_bodies
from bimtek.workforce.core.welfare import HEALTH_MAX_AGE_DAYS
from bimtek.workforce.models import Body, BpjsEnrolled

FLAGS = ("trained_kpps", "trained_linmas", "passed", "drilled")
YES_NO = {"ketua", "ketua_drill_passed", "operator", "operator_trained"}
CREW_COLUMNS = {  # named aliases: the outer query reads them by name on every database
    "c_tps": "tps_id", "c_body": "body", "c_seat": "seat", "c_person": "person_id",
    "c_operator": "sirekap_operator", "c_bpjs": "person__bpjs_enrolled", "c_health": "person__health_date",
}  # fmt: skip
BATCH = 5_000
WORK_MEM = "128MB"  # for the refresh's transaction only (SET LOCAL); two workers each may use it

SqlParams = tuple[str, list[Any]]


def tps_facts_stream(
    *, election: Election, region_code: str, today: dt.date
) -> Iterator[tuple[str, TPSFacts]]:
    """(desa code, the core's input) of every TPS of the region ("" the country), in code order, from one
    query. Inside the refresh's transaction on PostgreSQL the rows come through a server-side cursor, so
    memory holds one batch, and the caller may write between batches."""
    query, params, names, crew_drill_required = facts_query(election=election, region_code=region_code)
    left = days_left(election, today)
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # The grouped passes sort and hash a country: in memory, not on disk (this transaction only).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = %s", [WORK_MEM])
    with connection.chunked_cursor() as cursor:
        cursor.execute(query, params)
        while rows := cursor.fetchmany(BATCH):
            for tps_id, village, crew_drill_passed, *values in rows:
                counts = None if values[0] is None else _counts_of(names, values)
                yield (
                    village,
                    facts_of(election, tps_id, left, crew_drill_required, bool(crew_drill_passed), counts),
                )


def facts_query(*, election: Election, region_code: str) -> tuple[str, list[Any], list[str], bool]:
    """The stream's one query and its parameters, the names of its count columns and whether the crew
    drill counts: (tps id, desa code, crew drill passed 0/1, *counts) per TPS of the region, in code order."""
    crew, tps = crew_appointments(election), TPS.objects.filter(election=election)
    people = None
    if region_code:
        crew = crew.filter(region_filter("region__code", region_code))
        tps = tps.filter(region_filter("village__code", region_code))
        people = crew.values("person_id")
    facts_sql, facts_params = _person_facts(election, people)
    crew_sql, crew_params = _compiled(crew.order_by().annotate(**_aliases()).values_list(*CREW_COLUMNS))
    counts_sql, counts_params, names = _counts(election)
    tps_sql, tps_params = _compiled(
        tps.order_by().annotate(t_id=F("id"), t_village=F("village_id")).values_list("t_id", "t_village")
    )
    crew_drill_required, crew_mark = crew_drill_rule(election)
    drilled, drilled_params = "0", []
    if crew_drill_required:
        drill_sql, drilled_params = _compiled(crew_drills_passed(election, region_code, pass_mark=crew_mark))
        drilled = f"CASE WHEN t.t_id IN ({drill_sql}) THEN 1 ELSE 0 END"
    query = (
        f"SELECT t.t_id, t.t_village, {drilled}, {', '.join(f'k.{name}' for name in names)} "  # noqa: S608 (our names, the selectors' compiled SQL, placeholders)
        f"FROM ({tps_sql}) t LEFT JOIN ("
        f"SELECT c.c_tps, {counts_sql} FROM ({crew_sql}) c "
        f"LEFT JOIN ({facts_sql}) f ON f.person_id = c.c_person GROUP BY c.c_tps"
        f") k ON k.c_tps = t.t_id ORDER BY t.t_village, t.t_id"
    )
    params = [*drilled_params, *tps_params, *counts_params, *crew_params, *facts_params]
    return query, params, names, crew_drill_required


def _counts_of(names: list[str], values: list[Any]) -> dict[str, object]:
    return {name: bool(v) if name in YES_NO else int(v or 0) for name, v in zip(names, values, strict=True)}


def _aliases() -> dict[str, F]:
    return {alias: F(field) for alias, field in CREW_COLUMNS.items()}


def _compiled(qs: QuerySet[Any, Any]) -> SqlParams:
    sql, params = qs.query.sql_with_params()
    return sql, list(params)


def _person_facts(election: Election, people: QuerySet[Any, Any] | None) -> SqlParams:
    """person_id with a 0/1 column per fact, for those of `people` (a subquery; None: everyone) with any."""
    # A program's rule is its required parts and the tiers that count; KPPS and Linmas usually share one,
    # and then one grouped pass over the check-ins answers for both.
    by_rule: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
    for body, flag in ((Body.KPPS, "trained_kpps"), (Body.LINMAS, "trained_linmas")):
        kind = PROGRAM_OF[body]
        rule = (tuple(sorted(required_parts(election, kind))), tuple(sorted(tiers_counting_for(kind))))
        by_rule.setdefault(rule, []).append(flag)
    sources: list[tuple[QuerySet[Any, Any], list[str]]] = [
        *(
            (attended_every_part(election, people, set(parts), tiers), flags)
            for (parts, tiers), flags in by_rule.items()
        ),
        (post_test_passers(people, election=election), ["passed"]),
        (drill_passers(election, people, DRILL_PASS_MARK), ["drilled"]),
    ]
    selects, params = [], []
    for i, (qs, named) in enumerate(sources):
        sql, source_params = _compiled(qs)
        flags = ", ".join(f"{int(name in named)} AS {name}" for name in FLAGS)
        selects.append(f"SELECT s{i}.person_id, {flags} FROM ({sql}) s{i}")  # noqa: S608 (as above)
        params.extend(source_params)
    maxima = ", ".join(f"MAX({name}) AS {name}" for name in FLAGS)
    return f"SELECT person_id, {maxima} FROM ({' UNION ALL '.join(selects)}) u GROUP BY person_id", params  # noqa: S608 (as above)


def _counts(election: Election) -> tuple[str, list[Any], list[str]]:
    """`facts._tally` per TPS, as aggregates over the crew `c` joined to the person facts `f`."""
    tested = sorted(post_test_bodies(election)) or [""]
    health_from = election.voting_day - dt.timedelta(days=HEALTH_MAX_AGE_DAYS)  # workforce.core.health_valid
    kpps = "c.c_body = %s"
    trained = "((c.c_body = %s AND f.trained_kpps = 1) OR (c.c_body = %s AND f.trained_linmas = 1))"
    in_tested = f"c.c_body IN ({', '.join(['%s'] * len(tested))})"
    operator = f"{kpps} AND c.c_operator"
    columns: dict[str, tuple[str, list[Any]]] = {
        "kpps": (f"SUM(CASE WHEN {kpps} THEN 1 ELSE 0 END)", [Body.KPPS]),
        "linmas": (f"SUM(CASE WHEN {kpps} THEN 1 ELSE 0 END)", [Body.LINMAS]),
        "untrained": (f"SUM(CASE WHEN {trained} THEN 0 ELSE 1 END)", [Body.KPPS, Body.LINMAS]),
        "post_test_expected": (f"SUM(CASE WHEN {in_tested} THEN 1 ELSE 0 END)", tested),
        "post_test_not_passed": (
            f"SUM(CASE WHEN {in_tested} AND COALESCE(f.passed, 0) = 0 THEN 1 ELSE 0 END)",
            tested,
        ),
        "ketua": (f"MAX(CASE WHEN {kpps} AND c.c_seat = 1 THEN 1 ELSE 0 END)", [Body.KPPS]),
        "ketua_drill_passed": (
            f"MAX(CASE WHEN {kpps} AND c.c_seat = 1 AND f.drilled = 1 THEN 1 ELSE 0 END)",
            [Body.KPPS],
        ),
        "operator": (f"MAX(CASE WHEN {operator} THEN 1 ELSE 0 END)", [Body.KPPS]),
        "operator_trained": (
            f"MAX(CASE WHEN {operator} AND {trained} THEN 1 ELSE 0 END)",
            [Body.KPPS, Body.KPPS, Body.LINMAS],
        ),
        "kpps_bpjs_missing": (
            f"SUM(CASE WHEN {kpps} AND (c.c_bpjs IS NULL OR c.c_bpjs <> %s) THEN 1 ELSE 0 END)",
            [Body.KPPS, BpjsEnrolled.YES],
        ),
        "kpps_health_unchecked": (
            f"SUM(CASE WHEN {kpps} AND (c.c_health IS NULL OR c.c_health < %s) THEN 1 ELSE 0 END)",
            [Body.KPPS, connection.ops.adapt_datefield_value(health_from)],
        ),
    }
    sql = ", ".join(f"{expression} AS {name}" for name, (expression, _) in columns.items())
    params = [str(p) if isinstance(p, Body | BpjsEnrolled) else p for _, ps in columns.values() for p in ps]
    return sql, params, list(columns)
