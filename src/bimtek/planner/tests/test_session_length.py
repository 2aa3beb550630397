"""A session is as long as its program: a full day, or several days in a row with the same people and hall.

The pure part (planner/core/length.py) is tested without a database; the demo's ToT and bimtek are then planned
with the standard programs and every session must be at least as long as its program.
"""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import translation

from bimtek.assessment.curriculum import programs_seed
from bimtek.conftest import BELTIM, PURBALINGGA, load_tps
from bimtek.elections.models import Election
from bimtek.planner.core.length import DAY_MINUTES, Length, fold, length_for, timetable, unfold
from bimtek.planner.core.schema import Facilitator, Plan, Rules, Session
from bimtek.planner.core.solver import solve
from bimtek.planner.core.validation import check_length, validate
from bimtek.planner.demo import demo_plans
from bimtek.planner.models import PlanStatus, TrainingSession
from bimtek.planner.selectors import program_minutes
from bimtek.planner.tests.test_product_support import crews as seat_crews
from bimtek.planner.tests.test_product_support import tot_workforce

from .helpers import MONDAY, crews, hall, instance


def test_the_length_follows_the_program_minutes() -> None:
    assert length_for(None) == Length(1, 1)
    assert length_for(240) == Length(1, 1)  # fits 08.00-12.00
    assert length_for(241) == Length(2, 1)  # a full day, 08.00-17.00
    assert length_for(DAY_MINUTES) == Length(2, 1)
    assert length_for(510) == Length(2, 2)  # the standard KPPS bimtek: two full days
    assert length_for(3 * DAY_MINUTES + 1) == Length(2, 4)
    assert Length(2, 2).minutes() == 960 and Length(1, 1).minutes(3) == 180


def test_full_day_sessions_take_a_venue_for_the_day() -> None:
    inst = instance(crews(4, size=10), (hall(capacity=20, per_day=2, n_days=2),), n_days=2)
    folded = fold(inst, Length(2, 1))
    assert folded.venues[0].sessions_per_day == 1
    result = solve(folded, time_limit=2)
    plan = unfold(result.plan, Length(2, 1))
    assert plan.unplanned == () and len(plan.sessions) == 2
    assert {(s.slot, s.slots, s.days) for s in plan.sessions} == {(1, 2, 1)}
    assert check_length(plan, 480) == [] and validate(folded, result.plan) == []


def test_multi_day_sessions_use_whole_blocks_the_same_at_every_venue() -> None:
    # Window of 5 days, 2-day blocks from its first day: days 1-2 and 3-4 (day 5 alone is no block).
    open_all = hall("a", n_days=5)
    gap = replace(hall("b"), days=(MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=3)))
    inst = instance(crews(1), (open_all, gap), n_days=5)
    folded = fold(inst, Length(2, 2))
    days = {v.id: v.days for v in folded.venues}
    assert days["a"] == (MONDAY, MONDAY + timedelta(days=2))
    assert days["b"] == (MONDAY + timedelta(days=2),)  # closed on day 2: only the second block


def test_a_deadline_cuts_a_block_that_would_end_after_it() -> None:
    rules = Rules(deadline=MONDAY + timedelta(days=2))
    inst = instance(crews(1), (hall(n_days=4),), n_days=4, rules=rules)
    assert fold(inst, Length(2, 2)).venues[0].days == (MONDAY,)


def test_a_facilitator_busy_on_any_day_of_a_block_is_busy_for_the_block() -> None:
    person = Facilitator(
        "pps-1", "33.03.01.2001", busy_days=(MONDAY + timedelta(days=3),), max_sessions_per_day=2
    )
    inst = instance(crews(1), (hall(n_days=4),), n_days=4, facilitators=(person,))
    folded = fold(inst, Length(2, 2))
    assert folded.facilitators[0].busy_days == (MONDAY + timedelta(days=2),)
    assert folded.facilitators[0].max_sessions_per_day == 1
    assert folded.rules.facilitator_max_sessions_per_day == 1


def test_the_validator_names_a_session_shorter_than_its_program() -> None:
    half_day = Plan((Session("aula", MONDAY, 1, (("kpps-1", 7),)),))
    (violation,) = check_length(half_day, 510)
    assert (
        violation.code == "session_too_short"
        and "240 menit" in violation.message
        and "510" in violation.message
    )
    two_days = Plan((Session("aula", MONDAY, 1, (("kpps-1", 7),), slots=2, days=2),))
    assert check_length(two_days, 510) == []


def test_the_timetable_lays_modules_into_the_days() -> None:
    rows = timetable([("Pengantar", 30), ("Penghitungan", 240), ("Simulasi", 300)], 1, Length(2, 2))
    assert [(r.day, r.start, r.end, r.title) for r in rows] == [
        (1, "08.00", "08.30", "Pengantar"),
        (1, "08.30", "12.00", "Penghitungan"),
        (1, "13.00", "13.30", "Penghitungan"),  # carried over the break
        (1, "13.30", "17.00", "Simulasi"),
        (2, "08.00", "09.30", "Simulasi"),
    ]
    short = timetable([("Pengantar", 30), ("Simulasi", 300)], 1, Length(1, 1))
    assert short[-1].day == 0 and short[-1].minutes == 90  # what does not fit is listed, without a time


@pytest.mark.django_db
def test_the_demo_plans_every_tot_and_bimtek_session_at_least_as_long_as_its_program(
    beltim_tps: Election, kpu_beltim: object
) -> None:
    programs_seed(election=beltim_tps, actor="test")
    load_tps(beltim_tps, PURBALINGGA)
    tot_workforce(beltim_tps, PURBALINGGA)
    seat_crews(beltim_tps, BELTIM, tot_workforce(beltim_tps, BELTIM))
    plans = demo_plans(beltim_tps, time_limit=1.0)
    assert [p.status for p in plans] == [PlanStatus.SOLVED] * 3, [p.summary.get("explanation") for p in plans]
    for plan in plans:
        minutes = program_minutes(beltim_tps.pk, plan.tier)
        assert minutes and minutes > DAY_MINUTES  # the standard ToT and KPPS programs take more than a day
        sessions = list(TrainingSession.objects.filter(plan=plan))
        assert sessions and all(s.minutes >= minutes for s in sessions), [(s.slots, s.days) for s in sessions]
        assert plan.summary["violations"] == [] and plan.summary["unplanned_participants"] == 0
        assert plan.summary["length"] == {"slots": 2, "days": 2, "program_minutes": minutes}
    tot, beltim_tot, bimtek = plans
    assert TrainingSession.objects.filter(plan=tot).count() == 3  # Purbalingga's 807 in three two-day waves
    # Beltim's PPS facilitate only after their own two-day ToT has ended.
    tot_end = max(s.last_date for s in TrainingSession.objects.filter(plan=beltim_tot))
    assert min(s.date for s in TrainingSession.objects.filter(plan=bimtek)) > tot_end
    # No hall holds two sessions on the same day.
    used = [
        (s.venue_id, s.date + timedelta(days=i))
        for s in TrainingSession.objects.filter(plan=bimtek)
        for i in range(s.days)
    ]
    assert len(used) == len(set(used))

    client = Client()
    client.force_login(kpu_beltim)  # type: ignore[arg-type]  # the fixture is typed as its factory
    session = TrainingSession.objects.filter(plan=bimtek).first()
    assert session is not None
    html = client.get(f"/rencana/sesi/{session.pk}/").content.decode()
    assert 'id="modules"' in html and "13.00–" in html and 'id="too-short"' not in html
    assert "2 hari" in html


@pytest.mark.django_db
def test_a_stored_half_day_session_of_a_long_program_is_flagged_on_its_page(
    beltim_tps: Election, kpu_beltim: object
) -> None:
    programs_seed(election=beltim_tps, actor="test")
    load_tps(beltim_tps, PURBALINGGA)
    tot_workforce(beltim_tps, PURBALINGGA)
    seat_crews(beltim_tps, BELTIM, tot_workforce(beltim_tps, BELTIM))
    *_, bimtek = demo_plans(beltim_tps, time_limit=0.5)
    session = TrainingSession.objects.filter(plan=bimtek).first()
    assert session is not None
    TrainingSession.objects.filter(pk=session.pk).update(
        slots=1, days=1
    )  # as stored before sessions had a length
    client = Client()
    client.force_login(kpu_beltim)  # type: ignore[arg-type]  # the fixture is typed as its factory
    html = client.get(f"/rencana/sesi/{session.pk}/").content.decode()
    assert 'id="too-short"' in html and "510 menit" in html
    assert date(2024, 1, 25) <= session.date <= date(2024, 1, 28)


@pytest.mark.parametrize(
    ("first", "days", "label"),
    [
        (date(2024, 1, 25), 1, "25 Januari 2024"),
        (date(2024, 1, 25), 2, "25–26 Januari 2024"),
        (date(2024, 1, 31), 2, "31 Januari – 1 Februari 2024"),
        (date(2023, 12, 31), 3, "31 Desember 2023 – 2 Januari 2024"),
    ],
)
def test_a_session_of_several_days_reads_as_its_date_range(first: date, days: int, label: str) -> None:
    with translation.override("id"):
        assert TrainingSession(date=first, slot=1, slots=2, days=days).date_label == label
