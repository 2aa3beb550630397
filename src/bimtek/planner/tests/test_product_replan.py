"""Re-planning keeps what was held, plans everyone else once, and moves as few groups as it can."""

import datetime as dt

import pytest
from django.utils import timezone

from bimtek.conftest import BELTIM
from bimtek.elections.models import Election
from bimtek.planner.instance import plan_instance
from bimtek.planner.models import PlanVenue, SessionGroup, SessionStatus, TrainingPlan, TrainingSession
from bimtek.planner.services import VenueUse, plan_create, plan_solve, session_mark_held, venue_create
from bimtek.planner.tests.test_product_support import tot_workforce
from bimtek.regions.models import Region

pytestmark = pytest.mark.django_db

JAN_22 = dt.date(2024, 1, 22)
DAYS = [JAN_22 + dt.timedelta(days=i) for i in range(4)]


@pytest.fixture
def solved(pemilu: Election) -> TrainingPlan:
    """Beltim's ToT (46 groups, 152 people) in a hall of 60: three sessions over four days."""
    tot_workforce(pemilu, BELTIM)
    regency = Region.objects.get(code=BELTIM)
    hall = venue_create(name="Aula KPU Beltim", region=regency, capacity=60, actor="test")
    plan = plan_create(
        election=pemilu,
        tier="tot",
        region=regency,
        start=DAYS[0],
        end=DAYS[-1],
        venues=[VenueUse(hall)],
        actor="test",
    )
    plan_solve(plan=plan, actor="test", time_limit=1)
    plan.refresh_from_db()
    assert plan.summary["sessions"] == 3 and plan.summary["unplanned_participants"] == 0
    return plan


def keys(session: TrainingSession) -> set[str]:
    return set(session.groups.values_list("key", flat=True))


def test_it_keeps_held_sessions_and_leaves_their_groups_out_of_the_instance(solved: TrainingPlan) -> None:
    first = TrainingSession.objects.filter(plan=solved).order_by("date", "slot").first()
    held_keys = keys(first)
    session_mark_held(session=first, actor="test")

    instance = plan_instance(solved)
    assert not held_keys & {g.id for g in instance.groups}
    assert first.date not in instance.venues[0].days

    plan_solve(plan=solved, actor="test", time_limit=1)
    solved.refresh_from_db()
    first.refresh_from_db()
    assert first.status == SessionStatus.HELD and keys(first) == held_keys  # untouched, same row
    assert SessionGroup.objects.filter(plan=solved).count() == 46  # everyone once (a constraint, too)
    assert solved.summary["held_groups"] == len(held_keys)
    assert solved.summary["moved"] == 0 and solved.summary["method"] == "rencana-lama"
    assert solved.summary["violations"] == []


def test_it_moves_only_the_groups_of_a_day_that_is_no_longer_available(solved: TrainingPlan) -> None:
    sessions = list(TrainingSession.objects.filter(plan=solved).order_by("date"))
    lost = sessions[-1]
    lost_keys = keys(lost)
    before = {
        g.key: g.session.date for g in SessionGroup.objects.filter(plan=solved).select_related("session")
    }
    session_mark_held(session=sessions[0], actor="test")
    PlanVenue.objects.filter(plan=solved).update(days=[d.isoformat() for d in DAYS if d != lost.date])

    plan_solve(plan=solved, actor="test", time_limit=1)
    solved.refresh_from_db()
    after = {
        g.key: g.session.date for g in SessionGroup.objects.filter(plan=solved).select_related("session")
    }
    assert set(after) == set(before) and lost.date not in after.values()
    moved = {k for k in before if before[k] != after[k]}
    assert moved >= lost_keys
    assert solved.summary["moved"] >= len(lost_keys) > 0
    assert solved.summary["unplanned_participants"] == 0 and solved.summary["violations"] == []


def test_it_refuses_to_mark_a_held_session_again(solved: TrainingPlan) -> None:
    from bimtek.lib.errors import DomainError

    session = TrainingSession.objects.filter(plan=solved).first()
    session_mark_held(session=session, actor="test")
    with pytest.raises(DomainError) as refused:
        session_mark_held(session=session, actor="test")
    assert refused.value.code == "sesi_bukan_rencana"


def test_a_session_with_check_ins_or_cancelled_survives_a_re_plan(solved: TrainingPlan) -> None:
    from bimtek.delivery.models import Attendance
    from bimtek.planner.edits import session_cancel
    from bimtek.workforce.models import Appointment

    first, _, third = TrainingSession.objects.filter(plan=solved).order_by("date", "slot")
    attended_keys = keys(first)
    person = Appointment.objects.filter(election=solved.election, body="ppk").first().person
    Attendance.objects.create(session=first, person=person, part="pagi", key="scan-1", method="qr",
                              region_code=first.region_code, checked_in_at=timezone.now())  # fmt: skip
    session_cancel(session=third, actor="test")  # its groups wait for the re-plan

    plan_solve(plan=solved, actor="test", time_limit=1)  # before: ProtectedError on the attendance
    solved.refresh_from_db()
    assert TrainingSession.objects.filter(pk=first.pk, status=SessionStatus.PLANNED).exists()
    assert keys(TrainingSession.objects.get(pk=first.pk)) == attended_keys  # kept fixed, like a held one
    assert TrainingSession.objects.get(pk=third.pk).status == SessionStatus.CANCELLED
    assert Attendance.objects.filter(session=first).count() == 1
    assert SessionGroup.objects.filter(plan=solved).count() == 46 and solved.summary["violations"] == []


def test_a_hall_is_booked_on_every_day_of_another_plans_session_that_began_before_the_window(
    solved: TrainingPlan,
) -> None:
    first = TrainingSession.objects.filter(plan=solved).order_by("date", "slot").first()
    TrainingSession.objects.filter(plan=solved).exclude(pk=first.pk).delete()  # the hall is free otherwise
    TrainingSession.objects.filter(pk=first.pk).update(date=DAYS[0], days=2)  # a ToT of two days: 22–23 Jan
    hall = PlanVenue.objects.get(plan=solved).venue
    bimtek = plan_create(
        election=solved.election,
        tier="bimtek",
        region=Region.objects.get(code=BELTIM),
        start=DAYS[1],  # the ToT's second day, then the next
        end=DAYS[2],
        venues=[VenueUse(hall, sessions_per_day=3)],
        actor="test",
    )
    (venue,) = plan_instance(bimtek).venues
    assert venue.days == (DAYS[2],)  # not 23 Jan: the hall is still the ToT's


def test_the_calendar_shows_a_two_day_session_in_its_hall_on_both_days(
    solved: TrainingPlan, kpu_beltim: object
) -> None:
    from django.test import Client
    from django.urls import reverse

    from bimtek.planner.calendar import plan_calendar

    first, *others = TrainingSession.objects.filter(plan=solved).order_by("date", "slot")
    TrainingSession.objects.filter(pk__in=[s.pk for s in others]).delete()
    TrainingSession.objects.filter(pk=first.pk).update(date=DAYS[0], days=2)
    calendar = plan_calendar(solved, TrainingSession.objects.filter(plan=solved))
    (monday, tuesday), rest = calendar.days[:2], calendar.days[2:]
    assert [c.day for c in monday.cards] == [1] and [c.day for c in tuesday.cards] == [2]
    assert all(not d.cards for d in rest)
    (row,) = calendar.venues
    assert [len(cell) for cell in row.cells] == [1, 1, 0, 0]  # the hall is taken on 23 January too
    assert calendar.total_participants == row.participants == monday.participants  # each person once
    client = Client()
    client.force_login(kpu_beltim)  # type: ignore[arg-type]  # the fixture is a User
    page = client.get(reverse("planner:detail", args=[solved.pk])).content.decode()
    assert "hari 2 dari 2" in page
