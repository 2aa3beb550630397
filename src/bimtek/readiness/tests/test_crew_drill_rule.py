"""Where the KPU chooses, a TPS needs a resolved double-entry crew drill at the pass mark to count as trained."""

import dataclasses

import pytest

from bimtek.conftest import LENGGANG
from bimtek.drill.core.form import boxes
from bimtek.drill.crew_services import (
    crew_drill_enter,
    crew_drill_policy_set,
    crew_drill_resolve,
    crew_drill_start,
)
from bimtek.drill.services import drill_for
from bimtek.elections.models import TPS, Election
from bimtek.readiness.core import Code, Status, assess, codes_of
from bimtek.readiness.models import ReadinessTPS
from bimtek.readiness.services import readiness_refresh
from bimtek.readiness.tests.conftest import TODAY
from bimtek.readiness.tests.test_rules import READY
from bimtek.workforce.models import Appointment


def test_the_crew_drill_counts_only_where_the_kpu_chose_it() -> None:
    assert assess(dataclasses.replace(READY, crew_drill_required=False)).status == Status.READY
    required = assess(dataclasses.replace(READY, crew_drill_required=True))
    assert [r.code for r in required.reasons] == [Code.CREW_DRILL_NOT_PASSED]
    assert required.status == Status.AT_RISK  # a training gap, not a staffing one
    assert assess(dataclasses.replace(READY, crew_drill_required=True, crew_drill_passed=True)).reasons == ()


def test_the_new_code_comes_last_so_stored_bits_keep_their_meaning() -> None:
    assert list(Code)[-1] == Code.CREW_DRILL_NOT_PASSED
    assert Code.KETUA_DRILL_NOT_PASSED.bit == 1 << 5 and Code.OPERATOR_UNTRAINED.bit == 1 << 6


def _crew_drill(election: Election, tps: TPS, *, right: bool) -> None:
    crew = [a.person for a in Appointment.objects.filter(tps=tps, body="kpps").order_by("seat")]
    drill = crew_drill_start(election=election, tps=tps, level="easy", seed=11, actor="test")
    truth = boxes(drill_for(kind="pemilu", level="easy", seed=11).truth)
    crew_drill_enter(drill=drill, person=crew[1], values=truth, actor="test")
    off_by_one = {path: (value or 0) + 1 for path, value in truth.items()}  # every box differs
    crew_drill_enter(drill=drill, person=crew[2], values=off_by_one, actor="test")
    pick = "a" if right else "b"
    crew_drill_resolve(drill=drill, resolutions=dict.fromkeys(truth, pick), person=crew[0], actor="test")


@pytest.mark.django_db
def test_a_tps_without_a_passing_crew_drill_is_a_training_gap_once_chosen(
    beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    def codes(n: int) -> tuple[Code, ...]:
        readiness_refresh(election=beltim_tps, region_code=LENGGANG, actor="test", today=TODAY)
        return codes_of(ReadinessTPS.objects.get(tps=lenggang_story[n]).reason_bits)

    assert codes(1) == ()  # off by default: TPS 001 stays ready
    crew_drill_policy_set(election=beltim_tps, counts_in_readiness=True, pass_mark=80, actor="test")
    assert codes(1) == (Code.CREW_DRILL_NOT_PASSED,)
    _crew_drill(beltim_tps, lenggang_story[1], right=False)
    assert codes(1) == (Code.CREW_DRILL_NOT_PASSED,)  # resolved, but under the pass mark
    _crew_drill(beltim_tps, lenggang_story[1], right=True)
    assert codes(1) == ()
    crew_drill_policy_set(election=beltim_tps, counts_in_readiness=False, pass_mark=80, actor="test")
    assert Code.CREW_DRILL_NOT_PASSED not in codes(2)
