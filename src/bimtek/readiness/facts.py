"""Facts for the readiness rules, read in bulk for a region (a kabupaten at most: bounded memory).

For the region's crew, `person_facts` reads who is trained, who passed a post-test and who passed the
counting drill, each once and by the people's own ids; `region_facts` then counts per TPS in one pass.
Nothing here queries per TPS or per person, and nothing loads the whole country.

**Trained** means attendance, as delivery's completion rule counts it: the crew member checked in to
every required part (the program's `CompletionRule.parts`, by default pagi and siang) of sessions
that count for their program (bimtek or a make-up session; not cancelled). A session marked held is
not enough: nobody knows who came. `person_facts` is the one place that says so; facts, refresh, the
TPS page, the CLI and the API follow it.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from bimtek.accounts.scoping import region_filter
from bimtek.assessment.selectors import post_test_kinds, post_test_passers
from bimtek.delivery.selectors import (
    attended_every_part,
    attended_in_tiers,
    crew_required_parts,
    required_parts,
)
from bimtek.drill.selectors import PASS_MARK as DRILL_PASS_MARK
from bimtek.drill.selectors import crew_drill_passed_tps, crew_drill_rule, drill_passers
from bimtek.elections.models import TPS, Election
from bimtek.lib.lookups import keys_in
from bimtek.readiness.core import TPSFacts
from bimtek.workforce.core.welfare import health_valid
from bimtek.workforce.models import Appointment, Body, BpjsEnrolled
from bimtek.workforce.selectors import active_in

CREW_BODIES = (Body.KPPS, Body.LINMAS)
PROGRAM_OF = {Body.KPPS: "kpps", Body.LINMAS: "linmas"}
# Person ids per query. PostgreSQL takes a kabupaten's crew in one list, so each query joins the
# election's sessions once; SQLite stays under its variable limit (two session ids per person).
ID_CHUNK = {"postgresql": 50_000}
# Up to this many people (a desa, a kecamatan) check-ins are read first and their sessions checked after:
# two index lookups. Above it one grouped join is faster than looking up thousands of sessions.
SMALL = 2_000


def crew_appointments(election: Election) -> QuerySet[Appointment]:
    return active_in(election, bodies=CREW_BODIES)


@dataclass
class PersonFacts:
    trained: dict[str, set[int]] = field(default_factory=lambda: {b: set() for b in CREW_BODIES})
    passed: set[int] = field(default_factory=set)  # a submitted post-test passed (a passing retake counts)
    drilled: set[int] = field(default_factory=set)  # reached the drill's pass mark

    def is_trained(self, body: str, person_id: int) -> bool:
        return person_id in self.trained.get(body, ())


def person_facts(election: Election, person_ids: Iterable[int]) -> PersonFacts:
    """Trained (per body's program), post-test passed and drill passed, for these people only."""
    ids = sorted(set(person_ids))
    out = PersonFacts()
    size = ID_CHUNK.get(connection.vendor, 400)
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        if len(ids) <= SMALL:
            for body, found in _trained_few(election, chunk).items():
                out.trained[body] |= found
        else:
            for body, kind in PROGRAM_OF.items():
                out.trained[body] |= _trained_many(election, kind, chunk)
        out.passed.update(_post_test_passers(election, chunk))
        out.drilled.update(_drill_passers(election, chunk))
    return out


def _required_parts(election: Election, kind: str) -> set[str]:
    return required_parts(election, kind)


def _trained_many(election: Election, kind: str, ids: Sequence[int]) -> set[int]:
    """Who attended every required part, in one grouped join (many people)."""
    from bimtek.planner.models import tiers_counting_for

    return set(attended_every_part(election, ids, _required_parts(election, kind), tiers_counting_for(kind)))


def _trained_few(election: Election, ids: Sequence[int]) -> dict[str, set[int]]:
    """The same for few people and both crew bodies, by delivery's few-people read (their check-ins, then
    those sessions by id), once for the tiers of both bodies."""
    from bimtek.planner.models import tiers_counting_for

    parts = crew_required_parts(election)
    tiers_of = {body: set(tiers_counting_for(kind)) for body, kind in PROGRAM_OF.items()}
    rows = attended_in_tiers(election, list(ids), set().union(*tiers_of.values()))
    out: dict[str, set[int]] = {}
    for body, tiers in tiers_of.items():
        needed = parts[body]
        seen: dict[int, set[str]] = {}
        for person_id, tier, part in rows:
            if part in needed and tier in tiers:
                seen.setdefault(person_id, set()).add(part)
        out[body] = {p for p, got in seen.items() if got >= needed}
    return out


def trained_person_ids(election: Election, person_ids: Iterable[int]) -> set[int]:
    """Those of `person_ids` who count as trained for the crew seat they hold in this election."""
    ids = list(person_ids)
    facts = person_facts(election, ids)
    seats = crew_appointments(election).filter(keys_in("person_id", ids)).values_list("person_id", "body")
    return {p for p, body in seats if facts.is_trained(body, p)}


def post_test_bodies(election: Election) -> set[str]:
    """Bodies held to a post-test: those whose program in this election has a post-test form."""
    from bimtek.assessment.models import PROGRAM_BODIES, ProgramKind

    return {body for kind in post_test_kinds(election) for body in PROGRAM_BODIES[ProgramKind(kind)]}


def _post_test_passers(election: Election, ids: Sequence[int]) -> QuerySet:
    return post_test_passers(ids, election=election)


def _drill_passers(election: Election, ids: Sequence[int]) -> QuerySet:
    return drill_passers(election, ids, DRILL_PASS_MARK)


def days_left(election: Election, today: dt.date) -> int:
    return (election.voting_day - today).days


@dataclass(frozen=True)
class RegionFacts:
    facts: list[TPSFacts]
    village_of: dict[int, str]  # TPS id -> desa code


def region_facts(
    *,
    election: Election,
    region_code: str,
    today: dt.date,
    tps_id: int | None = None,
    tps_ids: Sequence[int] | None = None,
) -> RegionFacts:
    """The core's input for every TPS in a region (or the one TPS `tps_id` of it, for its page, or the TPS
    `tps_ids` of it, for an incremental update).

    A kabupaten/kota at most; a refresh of a kabupaten or more reads `bulk_facts.tps_facts_stream` instead."""
    if not region_code:
        raise ValueError("region_facts reads one region; the country is bulk_facts.tps_facts_stream")
    tps = TPS.objects.filter(region_filter("village__code", region_code), election=election)
    crew = crew_appointments(election).filter(region_filter("region__code", region_code))
    if tps_id is not None:
        tps, crew = tps.filter(pk=tps_id), crew.filter(tps_id=tps_id)
    if tps_ids is not None:
        tps, crew = tps.filter(pk__in=list(tps_ids)), crew.filter(tps_id__in=list(tps_ids))
    village_of = dict(tps.values_list("id", "village_id"))
    counts = _crew_counts(election, crew)
    return RegionFacts(facts=_judged(election, region_code, today, village_of, counts), village_of=village_of)


def _judged(
    election: Election,
    region_code: str,
    today: dt.date,
    village_of: dict[int, str],
    counts: dict[int, dict[str, object]],
) -> list[TPSFacts]:
    left = days_left(election, today)
    crew_drill_required, crew_mark = crew_drill_rule(election)
    crew_passed = (
        crew_drill_passed_tps(election, region_code, pass_mark=crew_mark) if crew_drill_required else set()
    )
    return [
        facts_of(election, tps_id, left, crew_drill_required, tps_id in crew_passed, counts.get(tps_id))
        for tps_id in village_of
    ]


def facts_of(
    election: Election,
    tps_id: int,
    left: int,
    crew_drill_required: bool,
    crew_drill_passed: bool,
    counts: dict[str, object] | None,
) -> TPSFacts:
    """The core's input for one TPS from its crew's counts (None: nobody appointed)."""
    return TPSFacts(
        tps_id=tps_id,
        days_left=left,
        kpps_required=election.kpps_per_tps,
        linmas_required=election.linmas_per_tps,
        crew_drill_required=crew_drill_required,
        crew_drill_passed=crew_drill_passed,
        **(counts or {}),
    )


def _crew_counts(election: Election, crew: QuerySet[Appointment]) -> dict[int, dict[str, object]]:
    """Per TPS: seats held, and how many of their holders meet each condition (one pass in Python)."""
    rows = list(
        crew.order_by().values_list(
            "tps_id", "body", "seat", "person_id", "sirekap_operator", "person__bpjs_enrolled",
            "person__health_date",
        )
    )  # fmt: skip
    return _tally(election, rows, person_facts(election, (r[3] for r in rows)))


def _tally(
    election: Election, rows: list[tuple[Any, ...]], people: PersonFacts
) -> dict[int, dict[str, object]]:
    tested = post_test_bodies(election)
    out: dict[int, dict[str, object]] = {}
    for tps_id, body, seat, person_id, operator, bpjs, health_date in rows:
        c = out.setdefault(tps_id, _empty_counts())
        is_trained = people.is_trained(body, person_id)
        c["kpps"] += body == Body.KPPS  # type: ignore[operator]  # the counts dict is dict[str, object]: ints here
        c["linmas"] += body == Body.LINMAS  # type: ignore[operator]  # the counts dict is dict[str, object]: ints here
        c["untrained"] += not is_trained  # type: ignore[operator]  # the counts dict is dict[str, object]: ints here
        if body in tested:
            c["post_test_expected"] += 1  # type: ignore[operator]  # the counts dict is dict[str, object]: ints here
            c["post_test_not_passed"] += person_id not in people.passed  # type: ignore[operator]  # the counts dict is dict[str, object]: ints here
        if body == Body.KPPS and seat == 1:
            c["ketua"] = True
            c["ketua_drill_passed"] = c["ketua_drill_passed"] or person_id in people.drilled
        if body == Body.KPPS:
            c["kpps_bpjs_missing"] += bpjs != BpjsEnrolled.YES  # type: ignore[operator]  # the counts dict is dict[str, object]: ints here
            c["kpps_health_unchecked"] += not health_valid(health_date, election.voting_day)  # type: ignore[operator]  # the same
        if body == Body.KPPS and operator:
            c["operator"] = True
            c["operator_trained"] = c["operator_trained"] or is_trained
    return out


def _empty_counts() -> dict[str, object]:
    return {
        "kpps": 0,
        "linmas": 0,
        "untrained": 0,
        "post_test_expected": 0,
        "post_test_not_passed": 0,
        "ketua": False,
        "ketua_drill_passed": False,
        "operator": False,
        "operator_trained": False,
        "kpps_bpjs_missing": 0,
        "kpps_health_unchecked": 0,
    }


def crew_with_checks(*, election: Election, tps: TPS) -> list[Appointment]:
    """The TPS's active crew, each with `trained`, `post_test_passed`, `drill_passed` (for the TPS page)."""
    return _crew_checked(election, tps)[0]


def _crew_checked(election: Election, tps: TPS) -> tuple[list[Appointment], PersonFacts]:
    crew = list(crew_appointments(election).filter(tps=tps).select_related("person").order_by("body", "seat"))
    people = person_facts(election, (a.person_id for a in crew))
    for a in crew:
        a.trained = people.is_trained(a.body, a.person_id)  # type: ignore[attr-defined]  # set for the TPS page, not a model field
        a.post_test_passed = a.person_id in people.passed  # type: ignore[attr-defined]  # the same
        a.drill_passed = a.person_id in people.drilled  # type: ignore[attr-defined]  # the same
    return crew, people


def tps_page_facts(*, election: Election, tps: TPS, today: dt.date) -> tuple[TPSFacts, list[Appointment]]:
    """One TPS for its page: the core's input (as `region_facts` gives it for that TPS) and its crew with each
    member's checks, from one read of the crew and one of their training facts, not two of each."""
    crew, people = _crew_checked(election, tps)
    rows = [
        (
            a.tps_id,
            a.body,
            a.seat,
            a.person_id,
            a.sirekap_operator,
            a.person.bpjs_enrolled,
            a.person.health_date,
        )
        for a in crew
    ]
    (facts,) = _judged(
        election, tps.village_id, today, {tps.pk: tps.village_id}, _tally(election, rows, people)
    )
    return facts, crew
