"""The validator catches each broken rule in a hand-made plan, with a stable code."""

from datetime import date

from bimtek.planner.core.io import plan_from_dict, plan_to_dict
from bimtek.planner.core.schema import Facilitator, Plan, Rules, Session
from bimtek.planner.core.validation import validate

from .helpers import MONDAY, crews, hall, instance

CREWS = crews(2)
A, B = CREWS[0].id, CREWS[1].id
BOTH = ((A, 7), (B, 7))


def codes(plan: Plan, **kwargs: object) -> set[str]:
    inst = instance(CREWS, (hall(capacity=14, n_days=2, per_day=2),), **kwargs)  # type: ignore[arg-type]  # test kwargs of the instance builder
    return {v.code for v in validate(inst, plan)}


def test_it_accepts_a_good_plan() -> None:
    assert codes(Plan((Session("aula", MONDAY, 1, BOTH),))) == set()


def test_it_reports_over_capacity_and_unavailable_slots() -> None:
    crowded = Plan((Session("aula", MONDAY, 1, ((A, 7), (B, 7), ("x", 1))),))
    assert {"over_capacity", "unknown_group"} <= codes(crowded)
    assert "venue_unavailable" in codes(Plan((Session("aula", MONDAY, 3, BOTH),)))
    assert "venue_unavailable" in codes(Plan((Session("aula", date(2024, 2, 1), 1, BOTH),)))
    assert "unknown_venue" in codes(Plan((Session("gedung", MONDAY, 1, BOTH),)))


def test_it_reports_a_split_group_and_missing_people() -> None:
    split = Plan((Session("aula", MONDAY, 1, ((A, 3), (B, 7))), Session("aula", MONDAY, 2, ((A, 4),))))
    assert "group_split" in codes(split)
    assert "coverage_mismatch" in codes(Plan((Session("aula", MONDAY, 1, ((A, 7),)),)))
    assert codes(Plan((Session("aula", MONDAY, 1, ((A, 7),)),), unplanned=((B, 7),))) == set()


def test_it_reports_dates_outside_the_rules() -> None:
    late = Plan((Session("aula", date(2024, 1, 23), 1, BOTH),))
    assert "rule_jendela" in codes(late, n_days=1)
    assert "rule_mulai" in codes(
        Plan((Session("aula", MONDAY, 1, BOTH),)), rules=Rules(not_before=date(2024, 1, 23))
    )
    assert "rule_batas_akhir" in codes(late, rules=Rules(deadline=MONDAY))


def test_it_reports_facilitator_problems() -> None:
    neighbour = Facilitator("pps-tetangga", "33.03.01.2002")
    rules = Rules(facilitators_per_session=1, facilitator_area="desa", facilitator_max_sessions_per_day=1)
    two_at_once = Plan(
        (Session("aula", MONDAY, 1, ((A, 7),), ("pps-tetangga",)), Session("aula", MONDAY, 2, ((B, 7),), ()))
    )
    found = codes(two_at_once, facilitators=(neighbour,), rules=rules)
    assert {"facilitator_out_of_area", "too_few_facilitators"} <= found
    double = Plan(
        (
            Session("aula", MONDAY, 1, ((A, 7),), ("f",)),
            Session("aula", MONDAY, 1, ((B, 7),), ("f",)),
        )
    )
    found = codes(double, facilitators=(Facilitator("f", "33.03.01"),), rules=rules)
    assert {"facilitator_double_booked", "facilitator_over_daily_limit", "duplicate_session"} <= found


def test_it_checks_a_plan_read_back_from_json() -> None:
    plan = Plan((Session("aula", MONDAY, 1, BOTH),))
    assert plan_from_dict(plan_to_dict(plan)) == plan
