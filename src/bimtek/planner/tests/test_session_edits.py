"""Hand edits of a plan go through the validator: refused with its words when they break a rule.

Kecamatan Gantung's bimtek, sessions made by hand: the balai desa of Lenggang holds 15 (two crews of 7), the
kecamatan hall 100; one facilitator per session from the kecamatan's PPK/PPS.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import reverse

from bimtek.assessment.models import Module, Program
from bimtek.audit.models import AuditEntry
from bimtek.conftest import LENGGANG
from bimtek.elections.models import TPS, Election
from bimtek.lib.errors import DomainError
from bimtek.planner.core.schema import Plan, Session
from bimtek.planner.core.validation import validate
from bimtek.planner.edits import (
    session_cancel,
    session_create,
    session_facilitators_change,
    session_group_move,
)
from bimtek.planner.instance import plan_instance, venue_key
from bimtek.planner.models import SessionGroup, SessionStatus, TrainingPlan, TrainingSession, Venue
from bimtek.planner.services import VenueUse, plan_create, session_mark_held, venue_create
from bimtek.planner.tests.test_product_support import crews, tot_workforce
from bimtek.regions.models import Region
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db

GANTUNG = "19.06.02"
DAY = dt.date(2024, 1, 25)


@dataclass
class Gantung:
    plan: TrainingPlan
    balai: Venue  # 15 seats
    aula: Venue  # 100 seats
    keys: list[str]  # tps-<id> of Lenggang TPS 001-004
    pps: list[Person]  # Lenggang's three PPS
    full: TrainingSession  # balai, slot 1: TPS 001 + 002 (14 of 15), PPS 1
    small: TrainingSession  # balai, slot 2: TPS 003, PPS 2
    hall: TrainingSession  # aula, slot 1: TPS 004, PPS 3


@pytest.fixture
def gantung(beltim_tps: Election) -> Gantung:
    serials = tot_workforce(beltim_tps, GANTUNG)
    crews(beltim_tps, GANTUNG, serials)
    balai = venue_create(
        name="Balai Desa Lenggang", region=Region.objects.get(code=LENGGANG), capacity=15, actor="t"
    )
    aula = venue_create(
        name="Aula Kecamatan Gantung", region=Region.objects.get(code=GANTUNG), capacity=100, actor="t"
    )
    plan = plan_create(
        election=beltim_tps, tier="bimtek", region=Region.objects.get(code=GANTUNG),
        start=DAY, end=DAY + dt.timedelta(days=2), venues=[VenueUse(balai, 2), VenueUse(aula, 2)],
        rules={"facilitators_per_session": 1}, actor="t",
    )  # fmt: skip
    tps = TPS.objects.filter(election=beltim_tps, village_id=LENGGANG).order_by("number")[:4]
    keys = [f"tps-{t.pk}" for t in tps]
    pps = [a.person for a in beltim_tps.appointments.filter(body="pps", region_id=LENGGANG).order_by("seat")]

    def make(venue: Venue, slot: int, groups: list[str], person: Person) -> TrainingSession:
        return session_create(
            plan=plan, venue=venue, date=DAY, slot=slot, keys=groups, facilitators=[person], actor="t"
        )

    return Gantung(
        plan, balai, aula, keys, pps,
        full=make(balai, 1, keys[:2], pps[0]),
        small=make(balai, 2, keys[2:3], pps[1]),
        hall=make(aula, 1, keys[3:4], pps[2]),
    )  # fmt: skip


def stored_plan(plan: TrainingPlan) -> Plan:
    """The stored planned sessions as the core's plan, facilitators named as the instance names them."""
    ids = {
        a.person_id: f"{a.body}-{a.region_id}-{a.seat}"
        for a in plan.election.appointments.filter(body__in=["ppk", "pps"], status="active")
    }
    sessions = []
    rows = TrainingSession.objects.filter(plan=plan, status=SessionStatus.PLANNED)
    for s in rows.prefetch_related("groups", "facilitators"):
        allocation = tuple((g.key, g.participants) for g in s.groups.all())
        staff = tuple(ids[f.person_id] for f in s.facilitators.all())
        sessions.append(Session(venue_key(s.venue_id), s.date, s.slot, allocation, staff))
    planned = {g for s in sessions for g in s.group_ids}
    instance = plan_instance(plan)
    return Plan(tuple(sessions), tuple((g.id, g.size) for g in instance.groups if g.id not in planned))


def session_of(plan: TrainingPlan, key: str) -> int:
    return SessionGroup.objects.get(plan=plan, key=key).session_id


def test_it_refuses_a_crew_moved_into_a_full_session_naming_the_capacity(gantung: Gantung) -> None:
    with pytest.raises(DomainError) as refused:
        session_group_move(plan=gantung.plan, key=gantung.keys[2], target=gantung.full, actor="t")
    assert refused.value.code == "over_capacity"
    assert "21 peserta melebihi kapasitas 15" in refused.value.message
    assert "Balai Desa Lenggang" in refused.value.message  # the hall's name, not the core's id
    assert session_of(gantung.plan, gantung.keys[2]) == gantung.small.pk  # nothing moved


def test_it_refuses_a_facilitator_swap_that_double_books_someone(gantung: Gantung) -> None:
    with pytest.raises(DomainError) as refused:
        session_facilitators_change(
            session=gantung.hall, add=gantung.pps[0], remove=gantung.pps[2], actor="t"
        )
    assert refused.value.code == "facilitator_double_booked"
    assert gantung.pps[0].name in refused.value.message
    assert list(gantung.hall.facilitators.values_list("person_id", flat=True)) == [gantung.pps[2].pk]


def test_it_refuses_a_session_without_a_facilitator(gantung: Gantung) -> None:
    with pytest.raises(DomainError) as refused:
        session_facilitators_change(session=gantung.hall, remove=gantung.pps[2], actor="t")
    assert refused.value.code == "too_few_facilitators"


def test_a_valid_move_is_stored_audited_and_passes_the_validator(gantung: Gantung) -> None:
    session_group_move(plan=gantung.plan, key=gantung.keys[2], target=gantung.hall, actor="t")
    assert session_of(gantung.plan, gantung.keys[2]) == gantung.hall.pk
    gantung.small.refresh_from_db()
    assert gantung.small.status == SessionStatus.CANCELLED  # the move emptied it
    assert validate(plan_instance(gantung.plan), stored_plan(gantung.plan)) == []
    entry = AuditEntry.objects.filter(action="planner.session.move_group").get()
    assert entry.after == {"group": gantung.keys[2], "session": gantung.hall.pk}


def test_a_valid_swap_replaces_the_facilitator(gantung: Gantung) -> None:
    other = gantung.plan.election.appointments.filter(body="ppk").first().person
    session_facilitators_change(session=gantung.hall, add=other, remove=gantung.pps[2], actor="t")
    assert list(gantung.hall.facilitators.values_list("person_id", flat=True)) == [other.pk]
    assert AuditEntry.objects.filter(action="planner.session.facilitators").count() == 1


def test_a_session_outside_the_window_is_refused(gantung: Gantung) -> None:
    late = DAY + dt.timedelta(days=5)
    with pytest.raises(DomainError) as refused:
        session_create(
            plan=gantung.plan, venue=gantung.aula, date=late, slot=1, keys=[gantung.keys[3]],
            facilitators=[gantung.pps[2]], actor="t",
        )  # fmt: skip
    assert "di luar jadwal yang ditetapkan" in refused.value.message
    assert not TrainingSession.objects.filter(date=late).exists()


def test_held_sessions_cannot_be_changed(gantung: Gantung) -> None:
    session_mark_held(session=gantung.full, actor="t")
    with pytest.raises(DomainError) as moved:
        session_group_move(plan=gantung.plan, key=gantung.keys[0], target=gantung.hall, actor="t")
    with pytest.raises(DomainError) as into:
        session_group_move(plan=gantung.plan, key=gantung.keys[3], target=gantung.full, actor="t")
    with pytest.raises(DomainError) as staffed:
        session_facilitators_change(session=gantung.full, remove=gantung.pps[0], actor="t")
    with pytest.raises(DomainError) as cancelled:
        session_cancel(session=gantung.full, actor="t")
    assert {e.value.code for e in (moved, into, staffed, cancelled)} == {"sesi_bukan_rencana"}
    assert session_of(gantung.plan, gantung.keys[0]) == gantung.full.pk


def test_cancelling_without_a_target_leaves_the_groups_unplanned_and_says_so(gantung: Gantung) -> None:
    result = session_cancel(session=gantung.hall, actor="t")
    assert result.unplanned == 1
    gantung.plan.refresh_from_db()
    assert gantung.keys[3] in {u["group"] for u in gantung.plan.summary["unplanned"]}
    assert not SessionGroup.objects.filter(plan=gantung.plan, key=gantung.keys[3]).exists()
    session_group_move(
        plan=gantung.plan, key=gantung.keys[3], target=gantung.small, actor="t"
    )  # planned again
    assert session_of(gantung.plan, gantung.keys[3]) == gantung.small.pk


def test_cancelling_into_a_session_that_cannot_take_them_is_refused(gantung: Gantung) -> None:
    with pytest.raises(DomainError) as refused:
        session_cancel(session=gantung.small, target=gantung.full, actor="t")
    assert refused.value.code == "over_capacity"
    gantung.small.refresh_from_db()
    assert gantung.small.status == SessionStatus.PLANNED


def test_the_session_page_shows_a_refusal_in_the_validators_words(
    gantung: Gantung, kpu_beltim, client
) -> None:  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    client.force_login(kpu_beltim)
    url = reverse("planner:session_move", args=[gantung.small.pk])
    page = client.post(
        url, {"group": gantung.keys[2], "target": gantung.full.pk}, follow=True
    ).content.decode()
    assert "Perubahan ditolak" in page and "melebihi kapasitas 15" in page
    assert session_of(gantung.plan, gantung.keys[2]) == gantung.small.pk
    page = client.post(
        url, {"group": gantung.keys[2], "target": gantung.hall.pk}, follow=True
    ).content.decode()
    assert "Kelompok dipindahkan" in page and session_of(gantung.plan, gantung.keys[2]) == gantung.hall.pk


def test_the_session_page_shows_its_hours_and_the_programs_modules(
    gantung: Gantung, kpu_beltim, client
) -> None:  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    program = Program.objects.create(election=gantung.plan.election, kind="kpps", name="Bimtek KPPS")
    Module.objects.create(
        program=program, position=1, bank="pemungutan", title="Pemungutan suara", minutes=90
    )
    client.force_login(kpu_beltim)
    page = client.get(reverse("planner:session", args=[gantung.small.pk])).content.decode()
    assert "13.00–17.00" in page and "Pemungutan suara" in page


def test_a_session_made_on_the_page_takes_an_unplanned_crew(gantung: Gantung, kpu_beltim, client) -> None:  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    fifth = TPS.objects.get(election=gantung.plan.election, village_id=LENGGANG, number=5)
    client.force_login(kpu_beltim)
    url = reverse("planner:session_create", args=[gantung.plan.pk])
    assert "TPS 005 Lenggang" in client.get(url).content.decode()
    form = {"venue": gantung.aula.pk, "date": "2024-01-26", "slot": 2, "groups": [f"tps-{fifth.pk}"],
            "facilitators": [gantung.pps[0].pk]}  # fmt: skip
    response = client.post(url, form)
    session = TrainingSession.objects.get(date=dt.date(2024, 1, 26))
    assert response.status_code == 302 and response["Location"] == reverse(
        "planner:session", args=[session.pk]
    )
    assert session_of(gantung.plan, f"tps-{fifth.pk}") == session.pk
    assert AuditEntry.objects.filter(action="planner.session.create", object_id=str(session.pk)).exists()
