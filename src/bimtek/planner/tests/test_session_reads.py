"""What the apps above read of plans and sessions (planner.sessions): the rows each question returns."""

import datetime as dt

import pytest

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope, scope_of
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import Election
from bimtek.planner import sessions as reads
from bimtek.planner.models import (
    SessionFacilitator,
    SessionGroup,
    SessionStatus,
    TrainingPlan,
    TrainingSession,
)
from bimtek.planner.services import VenueUse, plan_create, plan_solve, venue_create
from bimtek.planner.tests.test_product_support import crews, tot_workforce
from bimtek.regions.models import Level, Region
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db

GANTUNG = "19.06.02"
NATIONAL = Scope(region_code=None, person_id=None)


@pytest.fixture
def plan(beltim_tps: Election) -> TrainingPlan:
    """A solved bimtek of kecamatan Gantung; each desa's crews train in their own balai desa."""
    serials = tot_workforce(beltim_tps, BELTIM)
    crews(beltim_tps, GANTUNG, serials)
    uses = [
        VenueUse(venue_create(name=f"Balai Desa {r.name}", region=r, capacity=30, actor="test"), 2)
        for r in Region.objects.within(GANTUNG).filter(level=Level.DESA)
    ]
    plan = plan_create(
        election=beltim_tps, tier="bimtek", region=Region.objects.get(code=GANTUNG),
        start=dt.date(2024, 1, 25), end=dt.date(2024, 1, 28), venues=uses, rules={"locality": "desa"},
        actor="test",
    )  # fmt: skip
    plan_solve(plan=plan, actor="test", time_limit=0.5)
    assert plan.sessions.filter(venue__region_id=LENGGANG).exists()
    return plan


def test_a_regions_sessions_on_a_day_as_each_scope_sees_them(
    plan: TrainingPlan, pps_lenggang: User, pps_neighbour: User
) -> None:
    mine = plan.sessions.filter(venue__region_id=LENGGANG).order_by("date", "slot", "pk")
    day = mine[0].date
    expected = [s.pk for s in mine if s.date == day]
    assert [s.pk for s in reads.sessions_on(scope_of(pps_lenggang), LENGGANG, day)] == expected
    assert [s.pk for s in reads.sessions_on(NATIONAL, LENGGANG, day)] == expected
    assert not reads.sessions_on(scope_of(pps_neighbour), LENGGANG, day).exists()
    TrainingSession.objects.filter(pk=expected[0]).update(status=SessionStatus.CANCELLED)
    assert [s.pk for s in reads.sessions_on(NATIONAL, LENGGANG, day)] == expected[1:]


def test_live_sessions_leave_out_the_cancelled_and_other_tiers(plan: TrainingPlan) -> None:
    every = set(plan.sessions.values_list("pk", flat=True))
    assert set(reads.live_sessions(plan.election).values_list("pk", flat=True)) == every
    assert not reads.live_sessions(plan.election, ["tot"]).exists()
    one = min(every)
    TrainingSession.objects.filter(pk=one).update(status=SessionStatus.CANCELLED)
    assert set(reads.live_sessions(plan.election_id, ["bimtek"]).values_list("pk", flat=True)) == every - {
        one
    }


def test_a_plan_and_a_session_exist_only_in_their_election_and_scope(
    plan: TrainingPlan, pilkada: Election, kpu_purbalingga: User, kpu_beltim: User
) -> None:
    session = plan.sessions.first()
    assert session is not None
    assert reads.has_plan(plan.election, plan.pk) and reads.has_session(plan.election, session.pk)
    assert not reads.has_plan(pilkada, plan.pk) and not reads.has_session(pilkada, session.pk)
    assert reads.has_plan(plan.election, plan.pk, scope_of(kpu_beltim))
    assert not reads.has_plan(plan.election, plan.pk, scope_of(kpu_purbalingga))
    assert not reads.has_session(plan.election, session.pk, scope_of(kpu_purbalingga))
    assert reads.plan_tier(plan.pk) == "bimtek" and reads.plan_tier(plan.pk + 99) == ""


def test_participants_and_facilitators_are_counted_per_session(plan: TrainingPlan) -> None:
    ids = list(plan.sessions.values_list("pk", flat=True))
    counted = reads.participants_per_session(ids)
    for pk in ids:
        assert counted[pk] == sum(
            SessionGroup.objects.filter(session_id=pk).values_list("participants", flat=True)
        )
    a, b = Person.objects.order_by("pk")[:2]
    SessionFacilitator.objects.bulk_create(
        [
            SessionFacilitator(session_id=ids[0], person=a),
            SessionFacilitator(session_id=ids[0], person=b),
            SessionFacilitator(session_id=ids[1], person=a),
        ]
    )
    facilitated = reads.facilitators_per_session(ids)
    pairs = list(reads.facilitator_pairs(ids))
    assert facilitated == {ids[0]: 2, ids[1]: 1}
    assert sorted(pairs) == sorted([(ids[0], a.pk), (ids[0], b.pk), (ids[1], a.pk)])
    assert [f.person_id for f in reads.facilitators_of(ids[0])] == sorted(
        [a.pk, b.pk], key=lambda pk: Person.objects.get(pk=pk).name
    )


def test_each_persons_next_session_is_the_first_of_their_own_ahead_in_a_few_queries_for_all(
    plan: TrainingPlan, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    from bimtek.planner.models import Tier
    from bimtek.planner.selectors import UNION_TERMS, next_sessions, sessions_of_person
    from bimtek.workforce.models import Appointment

    days = sorted(set(plan.sessions.values_list("date", flat=True)))
    today = days[1]  # the first day's sessions are past: their crews have none ahead
    first_ahead = plan.sessions.filter(date__gte=today).order_by("date", "slot", "pk").first()
    TrainingSession.objects.filter(pk=first_ahead.pk).update(status=SessionStatus.CANCELLED)
    people = list(
        Appointment.objects.active()
        .filter(election=plan.election, region__code__startswith=GANTUNG)
        .values_list("person_id", flat=True)
    )

    def one_by_one(person_id: int) -> TrainingSession | None:
        return (
            sessions_of_person(person_id)
            .filter(
                plan__election=plan.election,
                plan__tier__in=(Tier.BIMTEK, Tier.SUSULAN),
                status=SessionStatus.PLANNED,
                date__gte=today,
            )
            .first()
        )

    assert len(people) > UNION_TERMS  # more than one UNION query
    expected = {p: s for p in people if (s := one_by_one(p)) is not None}
    # Appointments, the groups (a UNION per 100 people), the sessions, their facilitators.
    queries = 3 + -(-len(people) // UNION_TERMS)
    with django_assert_max_num_queries(queries):
        found = next_sessions(plan.election, people, today)
    assert found == expected
    assert 0 < len(found) < len(people)  # some trained on the first day or in the cancelled session
    assert next_sessions(plan.election, [], today) == {}


def test_a_sessions_roster_lists_a_desas_seat_without_a_tps_before_its_crews_on_every_database(
    beltim_tps: Election,
) -> None:
    from bimtek.conftest import LENGGANG
    from bimtek.delivery.tests.helpers import BIRTH, GANTUNG, gantung_session
    from bimtek.planner.models import SessionGroup
    from bimtek.planner.selectors import session_participants
    from bimtek.workforce.models import Appointment, Person
    from bimtek.workforce.nik import make_nik

    setup = gantung_session(beltim_tps)
    person = Person.objects.create(
        nik=make_nik(GANTUNG, BIRTH, "P", 900),
        name="PPS Lenggang",
        birth_date=BIRTH,
        sex="P",
        region_id=LENGGANG,
    )
    pps = Appointment.objects.create(
        election=beltim_tps, person=person, body="pps", region_id=LENGGANG, seat=1
    )
    SessionGroup.objects.create(  # seated one by one, as a make-up session seats people
        plan=setup.session.plan, session=setup.session, key=f"orang-{pps.pk}", body="orang",
        region_code=LENGGANG, appointment=pps, participants=1,
    )  # fmt: skip
    lenggang = [a for a in session_participants(setup.session) if a.region_id == LENGGANG]
    assert lenggang[0] == pps
    assert [a.tps.number for a in lenggang[1:]] == [1] * 7 + [2] * 7
