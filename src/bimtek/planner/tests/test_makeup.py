"""Sesi susulan: a PAW replacement is untrained until they attend every part, and the make-up plan seats them all.

Gantung's bimtek session (delivery's helper: the crews of Lenggang TPS 001-002 and Selingsing TPS 001); two
Lenggang members and one of Selingsing are replaced after it.
"""

import datetime as dt
import io
import json
from dataclasses import dataclass

import pytest
from django.core.management import call_command

from bimtek.accounts.models import User
from bimtek.delivery.services import attendance_check_in
from bimtek.delivery.tests.helpers import BIRTH, GANTUNG, gantung_session, on_the_day
from bimtek.elections.models import Election
from bimtek.lib.errors import DomainError
from bimtek.planner.makeup import makeup_plan_create
from bimtek.planner.models import SessionGroup, TrainingPlan, TrainingSession
from bimtek.planner.selectors import (
    next_sessions,
    session_participants,
    untrained_replacement_counts,
    untrained_replacements,
)
from bimtek.planner.services import plan_solve
from bimtek.planner.tests.test_product_support import Serials, appoint
from bimtek.regions.models import Level, Region
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.nik import make_nik
from bimtek.workforce.services import appointment_replace

pytestmark = pytest.mark.django_db

AFTER = dt.date(2024, 1, 30)


@dataclass
class Replaced:
    election: Election
    bimtek: TrainingSession
    replacements: list[Appointment]
    stayed: list[Appointment]  # crew members who were not replaced


@pytest.fixture
def replaced(beltim_tps: Election) -> Replaced:
    setup = gantung_session(beltim_tps)
    serials = Serials()
    serials.next[GANTUNG] = 100  # after the crews' NIK serials
    for region in Region.objects.within(GANTUNG).filter(level__in=[Level.KECAMATAN, Level.DESA]):
        body = "ppk" if region.level == Level.KECAMATAN else "pps"
        appoint(beltim_tps, body=body, region=region.code, count=2, serials=serials)
    new = []
    for i, old in enumerate([*setup.lenggang[:2], setup.selingsing[0]]):
        person = Person.objects.create(
            nik=make_nik(GANTUNG, BIRTH, "P", 900 + i), name=f"Pengganti {i + 1}", birth_date=BIRTH,
            sex="P", region_id=old.region_id,
        )  # fmt: skip
        new.append(
            appointment_replace(
                appointment=old, replacement=person, on=AFTER, reason="pindah", status="resigned", actor="t"
            )
        )
    return Replaced(beltim_tps, setup.session, new, [*setup.lenggang[2:], *setup.selingsing[1:]])


def check_in(session: TrainingSession, appointment: Appointment, part: str, actor: User) -> None:
    key = f"scan-{session.pk}-{appointment.pk}-{part}"
    attendance_check_in(
        session=session,
        person=appointment.person,
        part=part,
        key=key,
        method="search",
        actor=actor,
        at=on_the_day(session),
    )


@pytest.mark.parametrize("few_people", [2_000, 0], ids=["checkins-then-sessions", "one-join"])
def test_a_replacement_is_listed_until_every_part_is_attended(
    replaced: Replaced, kpu_beltim: User, few_people: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ways of reading their attendance (a few people, or more than FEW_PEOPLE) say the same."""
    monkeypatch.setattr("bimtek.delivery.selectors.FEW_PEOPLE", few_people)
    first = replaced.replacements[0]
    listed = untrained_replacements(replaced.election, GANTUNG)
    assert {a.pk for a in listed} == {a.pk for a in replaced.replacements}  # nobody who stayed
    check_in(replaced.bimtek, first, "pagi", kpu_beltim)
    assert first in untrained_replacements(replaced.election, GANTUNG)  # half a day is not the bimtek
    check_in(replaced.bimtek, first, "siang", kpu_beltim)
    assert first not in untrained_replacements(replaced.election, GANTUNG)
    assert len(untrained_replacements(replaced.election, GANTUNG)) == 2


def test_the_tps_page_counts_what_the_makeup_list_lists(replaced: Replaced, kpu_beltim: User) -> None:
    """The TPS page says "n waiting in the kecamatan (k of this TPS)" from the counts, not the list: the two
    agree, before and after a replacement completes the bimtek."""
    first = replaced.replacements[0]
    for _ in range(2):
        listed = untrained_replacements(replaced.election, GANTUNG)
        counts = untrained_replacement_counts(replaced.election, GANTUNG, tps_id=first.tps_id)
        assert counts == (len(listed), sum(1 for a in listed if a.tps_id == first.tps_id))
        assert counts[0] > 0
        check_in(replaced.bimtek, first, "pagi", kpu_beltim)
        check_in(replaced.bimtek, first, "siang", kpu_beltim)
    assert counts[0] == len(replaced.replacements) - 1


def test_the_makeup_plan_seats_every_untrained_replacement(replaced: Replaced, kpu_beltim: User) -> None:
    plan = makeup_plan_create(
        election=replaced.election, kecamatan=Region.objects.get(code=GANTUNG),
        start=AFTER, end=AFTER + dt.timedelta(days=2), actor="t",
    )  # fmt: skip
    result = plan_solve(plan=plan, actor="t", time_limit=0.5)
    assert result["status"] in ("OPTIMAL", "FEASIBLE") and result["unplanned_participants"] == 0
    plan.refresh_from_db()
    assert plan.tier == "susulan" and plan.summary["violations"] == []
    keys = set(SessionGroup.objects.filter(plan=plan).values_list("key", flat=True))
    assert keys == {f"orang-{a.pk}" for a in replaced.replacements}  # one group per person
    sessions = list(TrainingSession.objects.filter(plan=plan))
    seated = {a.pk for s in sessions for a in session_participants(s)}
    assert seated == {a.pk for a in replaced.replacements}  # only them, not their whole crews
    for s in sessions:  # facilitated from within the kecamatan
        assert all(f.person.region_id.startswith(GANTUNG) for f in s.facilitators.all())
    # Attendance at the make-up session completes the bimtek.
    makeup_session = SessionGroup.objects.get(plan=plan, key=f"orang-{replaced.replacements[0].pk}").session
    for part in ("pagi", "siang"):
        check_in(makeup_session, replaced.replacements[0], part, kpu_beltim)
    assert replaced.replacements[0] not in untrained_replacements(replaced.election, GANTUNG)


def test_someone_seated_in_a_makeup_session_waits_for_it_and_is_not_seated_twice(
    replaced: Replaced, settings: pytest.FixtureRequest
) -> None:
    settings.BIMTEK_TODAY = AFTER - dt.timedelta(days=1)  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    gantung = Region.objects.get(code=GANTUNG)
    everyone = {a.pk for a in replaced.replacements}
    plan = makeup_plan_create(
        election=replaced.election,
        kecamatan=gantung,
        start=AFTER,
        end=AFTER + dt.timedelta(days=2),
        actor="t",
    )
    plan_solve(plan=plan, actor="t", time_limit=0.5)
    assert untrained_replacements(replaced.election, GANTUNG) == []  # all three wait for their session
    assert untrained_replacement_counts(
        replaced.election, GANTUNG, tps_id=replaced.replacements[0].tps_id
    ) == (
        0,
        0,
    )
    with pytest.raises(DomainError) as nobody:  # a second plan would seat them twice
        makeup_plan_create(
            election=replaced.election, kecamatan=gantung, start=AFTER, end=AFTER, actor="t"
        )  # fmt: skip
    assert nobody.value.code == "tidak_ada_pengganti"
    again = plan_solve(plan=plan, actor="t", time_limit=0.5)  # the same plan solved again keeps its people
    assert again["unplanned_participants"] == 0
    assert set(SessionGroup.objects.filter(plan=plan).values_list("key", flat=True)) == {
        f"orang-{pk}" for pk in everyone
    }
    # A make-up session of two days is still ahead on its second day: its people still wait for it.
    sessions = TrainingSession.objects.filter(plan=plan)
    sessions.update(days=2)
    settings.BIMTEK_TODAY = max(s.date for s in sessions) + dt.timedelta(days=1)  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    assert untrained_replacements(replaced.election, GANTUNG) == []
    people = {a.person_id for a in replaced.replacements}
    due = next_sessions(replaced.election, people, max(s.date for s in sessions) + dt.timedelta(days=1))
    assert set(due) == people  # the TPS page still names their session, and its reminder
    settings.BIMTEK_TODAY = AFTER - dt.timedelta(days=1)  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    TrainingSession.objects.filter(plan=plan).update(status="cancelled")  # the make-up day called off
    assert {a.pk for a in untrained_replacements(replaced.election, GANTUNG)} == everyone


def test_there_is_no_makeup_plan_without_untrained_replacements(beltim_tps: Election) -> None:
    gantung_session(beltim_tps)
    with pytest.raises(DomainError) as refused:
        makeup_plan_create(
            election=beltim_tps, kecamatan=Region.objects.get(code=GANTUNG), start=AFTER, end=AFTER, actor="t"
        )
    assert refused.value.code == "tidak_ada_pengganti"
    assert not TrainingPlan.objects.filter(tier="susulan").exists()


def test_the_command_proposes_and_solves_the_makeup_plan(replaced: Replaced) -> None:
    out = io.StringIO()
    call_command(
        "plan", "makeup", "--election", replaced.election.slug, "--kecamatan", GANTUNG,
        "--from", "2024-01-30", "--to", "2024-01-31", "--time-limit", "0.5", "--json", stdout=out,
    )  # fmt: skip
    report = json.loads(out.getvalue())
    assert report["unplanned_participants"] == 0 and report["sessions"] >= 1
    assert sorted(p["name"] for p in report["untrained"]) == ["Pengganti 1", "Pengganti 2", "Pengganti 3"]
    assert all("*" in p["nik"] for p in report["untrained"])  # masked
    assert TrainingPlan.objects.get(pk=report["plan_id"]).tier == "susulan"


def test_the_makeup_page_lists_them_and_queues_the_plan(replaced: Replaced, kpu_beltim: User, client) -> None:  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    client.force_login(kpu_beltim)
    url = f"/rencana/e/{replaced.election.slug}/susulan/?kecamatan={GANTUNG}"
    page = client.get(url).content.decode()
    assert "Pengganti 1" in page and "Pengganti 3" in page and replaced.replacements[0].person.nik not in page
    response = client.post(url, {"start": "2024-01-30", "end": "2024-01-31", "sessions_per_day": 2,
                                 "facilitators_per_session": 1})  # fmt: skip
    plan = TrainingPlan.objects.get(tier="susulan")
    assert response.status_code == 302 and response["Location"] == f"/pekerjaan/{plan.job_id}/"
    assert plan.status == "queued"
