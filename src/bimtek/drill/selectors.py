"""Reads about drill attempts: a person's best score, whether they passed, and a class's common mistakes."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet

from bimtek.accounts.scoping import region_filter
from bimtek.drill.models import CrewDrill, CrewDrillPolicy, CrewDrillStatus, DrillAttempt
from bimtek.elections.models import Election
from bimtek.lib.lookups import keys_in
from bimtek.workforce.models import Person

# Four boxes in five right. A default only: the readiness rules pass their own mark when they need more.
PASS_MARK = 80


def best_drill_score(person: Person, election: Election | None = None) -> int | None:
    """The person's best score (in one election, or any); None when they never practised."""
    attempts = DrillAttempt.objects.filter(person=person)
    if election is not None:
        attempts = attempts.filter(election=election)
    best: int | None = attempts.aggregate(best=Max("score"))["best"]
    return best


def drill_passed(person: Person, election: Election, *, pass_mark: int = PASS_MARK) -> bool:
    """Whether the person reached the pass mark in a drill of this election (for the readiness rules)."""
    return DrillAttempt.objects.filter(person=person, election=election, score__gte=pass_mark).exists()


@dataclass(frozen=True)
class Mistakes:
    attempts: int
    people: int
    average: float | None
    passed_people: int
    by_rule: list[tuple[str, int]]  # checker code, attempts that broke it; most frequent first
    by_box: list[tuple[str, int]]  # box path, attempts that got it wrong; most frequent first


def common_mistakes(attempts: "QuerySet[DrillAttempt]", *, pass_mark: int = PASS_MARK) -> Mistakes:
    """Counts over already scoped attempts. The codes live in JSON lists, counted here rather than in
    SQL so SQLite and PostgreSQL agree; a class, even a kabupaten, has few enough attempts for that."""
    rules: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    total = 0
    score_sum = 0
    people: set[int] = set()
    passed: set[int] = set()
    rows = attempts.values_list("person_id", "score", "violation_codes", "wrong_fields")
    for person_id, score, codes, fields in rows.iterator(chunk_size=2000):
        total += 1
        score_sum += score
        people.add(person_id)
        if score >= pass_mark:
            passed.add(person_id)
        rules.update(set(codes))
        wrong.update(set(fields))
    return Mistakes(
        attempts=total,
        people=len(people),
        average=round(score_sum / total, 1) if total else None,
        passed_people=len(passed),
        by_rule=rules.most_common(),
        by_box=wrong.most_common(),
    )


def crew_drill_rule(election: Election) -> tuple[bool, int]:
    """Whether this election counts crew drills in readiness, and the crew's pass mark (off by default)."""
    policy = CrewDrillPolicy.objects.filter(election=election).first()
    return (policy.counts_in_readiness, policy.pass_mark) if policy else (False, PASS_MARK)


def crew_drills_passed(
    election: Election, region_code: str, *, pass_mark: int = PASS_MARK
) -> QuerySet[CrewDrill]:
    """tps_id of the TPS of the region ("" the country) whose crew has a resolved double-entry drill at or
    above the pass mark."""
    passed = CrewDrill.objects.filter(
        election=election, status=CrewDrillStatus.RESOLVED, score__gte=pass_mark
    )
    if region_code:
        passed = passed.filter(region_filter("tps__village__code", region_code))
    return passed.order_by().values_list("tps_id", flat=True)


def crew_drill_passed_tps(election: Election, region_code: str, *, pass_mark: int = PASS_MARK) -> set[int]:
    """The same, as a set (a desa, a kecamatan, one TPS)."""
    return set(crew_drills_passed(election, region_code, pass_mark=pass_mark))


def drill_passers(
    election: Election, ids: Sequence[int] | QuerySet[Any, Any] | None, mark: float
) -> QuerySet[DrillAttempt]:
    """person_id of those of `ids` (a list, a subquery, or None: everyone) with a drill attempt of the
    election scoring at least `mark`."""
    passed = DrillAttempt.objects.filter(election=election, score__gte=mark)
    if ids is not None:
        passed = passed.filter(keys_in("person_id", ids))
    return passed.order_by().values_list("person_id", flat=True)


def recent_drills(person: Person, n: int = 5) -> QuerySet[DrillAttempt]:
    """The person's last `n` drill attempts, the latest first."""
    return DrillAttempt.objects.filter(person=person).order_by("-pk")[:n]
