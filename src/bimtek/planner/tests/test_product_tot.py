"""The Purbalingga ToT from the registry: 18 kecamatan and 239 desa, 807 PPK and PPS, three waves of 300."""

import datetime as dt

import pytest

from bimtek.audit.models import AuditEntry
from bimtek.conftest import PURBALINGGA
from bimtek.elections.models import Election
from bimtek.planner.core.io import plan_from_dict
from bimtek.planner.core.validation import validate
from bimtek.planner.instance import plan_instance
from bimtek.planner.models import PlanStatus, SessionGroup, TrainingPlan, TrainingSession
from bimtek.planner.scenario import plan_export
from bimtek.planner.selectors import session_participants
from bimtek.planner.services import VenueUse, plan_create, plan_solve, venue_create
from bimtek.planner.tests.test_product_support import tot_workforce
from bimtek.regions.models import Region

pytestmark = pytest.mark.django_db

JAN_22, JAN_24 = dt.date(2024, 1, 22), dt.date(2024, 1, 24)


def tot_plan(election: Election, *, capacity: int = 300, end: dt.date = JAN_24) -> TrainingPlan:
    regency = Region.objects.get(code=PURBALINGGA)
    hall = venue_create(name="Pendopo Dipokusumo", region=regency, capacity=capacity, actor="test")
    return plan_create(
        election=election,
        tier="tot",
        region=regency,
        start=JAN_22,
        end=end,
        venues=[VenueUse(hall)],
        actor="test",
    )


def test_it_builds_257_groups_of_807_people_from_the_registry(pemilu: Election) -> None:
    tot_workforce(pemilu, PURBALINGGA)
    instance = plan_instance(tot_plan(pemilu))
    assert len(instance.groups) == 257
    assert instance.total_participants() == 807
    assert sum(1 for g in instance.groups if g.id.startswith("ppk-")) == 18
    assert instance.venues[0].days == (JAN_22, dt.date(2024, 1, 23), JAN_24)
    assert instance.rules.voting_day == pemilu.voting_day


def test_it_falls_back_to_the_norm_for_a_unit_with_nobody_and_warns(pemilu: Election) -> None:
    empty_desa = Region.objects.filter(code__startswith=f"{PURBALINGGA}.", level=4).first()
    tot_workforce(pemilu, PURBALINGGA, skip={empty_desa.code})
    plan = tot_plan(pemilu)
    assert plan_instance(plan).total_participants() == 807  # the empty desa still counts its 3 PPS
    plan_solve(plan=plan, actor="test", time_limit=1)
    plan.refresh_from_db()
    assert [w["code"] for w in plan.summary["warnings"]] == ["pakai_norma"]
    assert empty_desa.name in plan.summary["warnings"][0]["message"]


def test_it_solves_and_stores_three_sessions_the_validator_accepts(pemilu: Election) -> None:
    tot_workforce(pemilu, PURBALINGGA)
    plan = tot_plan(pemilu)
    plan_solve(plan=plan, actor="test", time_limit=2)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SOLVED
    assert plan.summary["sessions"] == plan.summary["lower_bound_sessions"] == 3
    assert plan.summary["violations"] == [] and plan.summary["unplanned_participants"] == 0
    sessions = TrainingSession.objects.filter(plan=plan)
    assert sorted(s.date for s in sessions) == [JAN_22, dt.date(2024, 1, 23), JAN_24]
    assert SessionGroup.objects.filter(plan=plan).count() == 257
    assert sum(len(session_participants(s)) for s in sessions) == 807
    # The stored sessions, read back into the core's shape, pass the independent validator too.
    assert validate(plan_instance(plan), plan_from_dict(plan_export(plan))) == []
    assert AuditEntry.objects.filter(action="planner.plan.solve", object_id=str(plan.pk)).count() == 1


def test_it_explains_in_indonesian_when_two_days_are_too_few(pemilu: Election) -> None:
    tot_workforce(pemilu, PURBALINGGA)
    plan = tot_plan(pemilu, end=dt.date(2024, 1, 23))
    plan_solve(plan=plan, actor="test", time_limit=1)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.INFEASIBLE
    assert plan.summary["unplanned_participants"] >= 807 - 600
    assert "807 peserta" in plan.summary["explanation"]["message"]
    assert len(plan.summary["unplanned"]) >= 1 and plan.summary["unplanned"][0]["label"].startswith(
        ("PPK", "PPS")
    )
    assert TrainingSession.objects.filter(plan=plan).count() == 2  # the best partial plan is kept
