"""The readiness rules, case by case, with no database: the smallest TPS that triggers each reason."""

import dataclasses

import pytest

from bimtek.readiness.core import Code, Status, Thresholds, TPSFacts, assess, codes_of

READY = TPSFacts(
    tps_id=1,
    days_left=20,
    kpps=7,
    linmas=2,
    untrained=0,
    post_test_expected=9,
    post_test_not_passed=0,
    ketua=True,
    ketua_drill_passed=True,
    operator=True,
    operator_trained=True,
)


def codes(facts: TPSFacts) -> list[Code]:
    return [r.code for r in assess(facts).reasons]


def test_it_is_ready_when_every_rule_holds() -> None:
    verdict = assess(READY)
    assert verdict.status == Status.READY
    assert verdict.reasons == ()
    assert verdict.bits == 0


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"kpps": 6}, Code.CREW_INCOMPLETE),
        ({"linmas": 1}, Code.CREW_INCOMPLETE),
        ({"ketua": False}, Code.KETUA_MISSING),
        ({"operator": False}, Code.OPERATOR_MISSING),
        ({"untrained": 1}, Code.CREW_UNTRAINED),
        ({"post_test_not_passed": 1}, Code.POST_TEST_NOT_PASSED),
        ({"ketua_drill_passed": False}, Code.KETUA_DRILL_NOT_PASSED),
        ({"operator_trained": False}, Code.OPERATOR_UNTRAINED),
    ],
)
def test_it_gives_exactly_one_reason_for_each_single_gap(change: dict[str, object], code: Code) -> None:
    verdict = assess(dataclasses.replace(READY, **change))  # type: ignore[arg-type]  # the parametrised change holds bools and ints of TPSFacts
    assert codes(dataclasses.replace(READY, **change)) == [code]  # type: ignore[arg-type]  # the parametrised change holds bools and ints of TPSFacts
    assert codes_of(verdict.bits) == (code,)
    assert verdict.status == Status.AT_RISK  # 20 days left: time to fix any of them


def test_it_does_not_ask_a_missing_ketua_or_operator_for_their_training() -> None:
    facts = dataclasses.replace(
        READY, ketua=False, ketua_drill_passed=False, operator=False, operator_trained=False
    )
    assert codes(facts) == [Code.KETUA_MISSING, Code.OPERATOR_MISSING]


def test_it_messages_the_counts_in_indonesian() -> None:
    verdict = assess(dataclasses.replace(READY, kpps=5, untrained=3))
    messages = {r.code: r.message for r in verdict.reasons}
    assert messages[Code.CREW_INCOMPLETE] == "KPPS 5/7, Linmas 2/2"
    assert messages[Code.CREW_UNTRAINED] == "3 dari 7 petugas belum ikut bimtek"


@pytest.mark.parametrize(
    ("change", "days_left", "status"),
    [
        ({"kpps": 6}, 14, Status.AT_RISK),  # a staffing gap with 14 days left: still time for a PAW
        ({"kpps": 6}, 13, Status.NOT_READY),
        ({"operator": False}, 13, Status.NOT_READY),
        ({"ketua": False}, 13, Status.NOT_READY),
        ({"untrained": 2}, 13, Status.AT_RISK),  # a training gap: a pendalaman can still close it
        ({"untrained": 2}, 3, Status.AT_RISK),
        ({"untrained": 2}, 2, Status.NOT_READY),
        ({"ketua_drill_passed": False}, 2, Status.NOT_READY),
        ({}, -1, Status.READY),  # nothing missing is ready whatever the date
        ({"post_test_not_passed": 1}, -1, Status.NOT_READY),
    ],
)
def test_it_turns_a_gap_into_not_ready_when_time_runs_out(
    change: dict[str, object], days_left: int, status: Status
) -> None:
    facts = dataclasses.replace(READY, days_left=days_left, **change)  # type: ignore[arg-type]  # the parametrised change holds bools and ints of TPSFacts
    assert assess(facts).status == status


def test_it_takes_other_thresholds() -> None:
    facts = dataclasses.replace(READY, days_left=10, untrained=1)
    assert assess(facts, Thresholds(staffing_days=14, training_days=11)).status == Status.NOT_READY


def test_it_counts_an_empty_tps_as_every_staffing_gap() -> None:
    verdict = assess(TPSFacts(tps_id=9, days_left=30))
    assert codes_of(verdict.bits) == (Code.CREW_INCOMPLETE, Code.KETUA_MISSING, Code.OPERATOR_MISSING)
    assert verdict.status == Status.AT_RISK
