"""Crew drills through the services: two members enter, the ketua resolves, every refusal has a code."""

from typing import Any

import pytest

from bimtek.audit.models import AuditEntry
from bimtek.conftest import LENGGANG
from bimtek.drill.crew_services import crew_drill_enter, crew_drill_resolve, crew_drill_start, result_of
from bimtek.drill.models import CrewDrill, CrewDrillStatus
from bimtek.drill.tests.helpers import SEED, truth, with_invalid_off_by_one
from bimtek.elections.models import TPS, Election
from bimtek.lib.errors import DomainError
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db


def tps_of(village: str) -> TPS:
    return TPS.objects.get(village_id=village, number=1)


@pytest.fixture
def drill(crews: Election) -> CrewDrill:
    return crew_drill_start(election=crews, tps=tps_of(LENGGANG), level="easy", seed=SEED, actor="test")


def code_of(call: Any, **kwargs: Any) -> str:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value.code


def both_entered(drill: CrewDrill, crew: list[Person]) -> CrewDrill:
    crew_drill_enter(drill=drill, person=crew[1], values=truth(), actor="test")
    return crew_drill_enter(drill=drill, person=crew[2], values=with_invalid_off_by_one(), actor="test")


def test_two_members_enter_and_the_ketua_resolves(drill: CrewDrill, crew_lenggang: list[Person]) -> None:
    after_a = crew_drill_enter(drill=drill, person=crew_lenggang[1], values=truth(), actor="test")
    assert after_a.status == CrewDrillStatus.WAITING_B
    after_b = crew_drill_enter(
        drill=drill, person=crew_lenggang[2], values=with_invalid_off_by_one(), actor="test"
    )
    assert after_b.status == CrewDrillStatus.TO_RESOLVE
    done = crew_drill_resolve(drill=after_b, resolutions={"V.B": "a"}, person=crew_lenggang[0], actor="test")
    assert (done.status, done.score, done.difference_paths) == (CrewDrillStatus.RESOLVED, 100, ["V.B"])
    assert done.agreement is not None and done.agreement < 100
    assert done.resolved_by == crew_lenggang[0]
    assert result_of(done).findings.blocking == ()
    actions = list(AuditEntry.objects.filter(object_type="drill.crew").values_list("action", flat=True))
    assert sorted(actions) == [
        "drill.crew.enter",
        "drill.crew.enter",
        "drill.crew.resolve",
        "drill.crew.start",
    ]


def test_a_wrong_resolution_keeps_the_blocking_error(drill: CrewDrill, crew_lenggang: list[Person]) -> None:
    drill = both_entered(drill, crew_lenggang)
    done = crew_drill_resolve(drill=drill, resolutions={"V.B": "b"}, person=crew_lenggang[0], actor="test")
    assert done.score is not None and done.score < 100
    assert done.violation_codes == ["votes_sum"]
    assert [f.code for f in result_of(done).findings.blocking] == ["votes_sum"]


def test_the_same_member_cannot_enter_twice(drill: CrewDrill, crew_lenggang: list[Person]) -> None:
    crew_drill_enter(drill=drill, person=crew_lenggang[1], values=truth(), actor="test")
    assert (
        code_of(crew_drill_enter, drill=drill, person=crew_lenggang[1], values=truth(), actor="test")
        == "crew_drill_already_entered"
    )


def test_a_member_of_another_crew_cannot_enter(drill: CrewDrill, ketua_selingsing: Person) -> None:
    assert (
        code_of(crew_drill_enter, drill=drill, person=ketua_selingsing, values=truth(), actor="test")
        == "crew_drill_not_member"
    )


def test_nothing_is_entered_after_both_entries_or_the_resolution(
    drill: CrewDrill, crew_lenggang: list[Person]
) -> None:
    drill = both_entered(drill, crew_lenggang)
    third = {"drill": drill, "person": crew_lenggang[3], "values": truth(), "actor": "test"}
    assert code_of(crew_drill_enter, **third) == "crew_drill_entries_complete"
    crew_drill_resolve(drill=drill, resolutions={"V.B": "a"}, person=crew_lenggang[0], actor="test")
    assert code_of(crew_drill_enter, **third) == "crew_drill_resolved"
    again = {"drill": drill, "resolutions": {"V.B": "a"}, "person": crew_lenggang[0], "actor": "test"}
    assert code_of(crew_drill_resolve, **again) == "crew_drill_resolved"


def test_the_ketua_cannot_resolve_before_both_entries(drill: CrewDrill, crew_lenggang: list[Person]) -> None:
    crew_drill_enter(drill=drill, person=crew_lenggang[1], values=truth(), actor="test")
    args = {"drill": drill, "resolutions": {}, "person": crew_lenggang[0], "actor": "test"}
    assert code_of(crew_drill_resolve, **args) == "crew_drill_not_ready"


def test_only_the_ketua_or_an_operator_resolves(
    drill: CrewDrill, crew_lenggang: list[Person], pps_lenggang: Any, kpu_beltim: Any
) -> None:
    drill = both_entered(drill, crew_lenggang)
    member = {"drill": drill, "resolutions": {"V.B": "a"}, "person": crew_lenggang[1], "actor": pps_lenggang}
    assert code_of(crew_drill_resolve, **member) == "crew_drill_not_ketua"
    done = crew_drill_resolve(drill=drill, resolutions={"V.B": "a"}, person=None, actor=kpu_beltim)
    assert done.resolved_by == crew_lenggang[0] and done.resolved_by_user == kpu_beltim


def test_a_missing_resolution_is_refused_with_its_code(drill: CrewDrill, crew_lenggang: list[Person]) -> None:
    drill = both_entered(drill, crew_lenggang)
    args = {"drill": drill, "resolutions": {}, "person": crew_lenggang[0], "actor": "test"}
    assert code_of(crew_drill_resolve, **args) == "resolution_missing"
    assert CrewDrill.objects.get(pk=drill.pk).status == CrewDrillStatus.TO_RESOLVE
