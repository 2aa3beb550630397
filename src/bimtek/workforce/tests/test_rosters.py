"""What the apps above read of the workforce (workforce.selectors): the rows each question returns."""

import io

import pytest

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.conftest import LENGGANG, SELINSING
from bimtek.elections.models import TPS, Election
from bimtek.workforce import selectors
from bimtek.workforce.models import Appointment, Person, Status
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes, person_row

pytestmark = pytest.mark.django_db
NATIONAL = Scope(region_code=None, person_id=None)


@pytest.fixture
def crews(beltim_tps: Election) -> Election:
    rows = (
        crew_rows(LENGGANG, [1])
        + crew_rows(SELINSING, [1], start_serial=100)
        + [person_row(900, body="PPS", region=LENGGANG, position="Ketua")]
    )
    report = people_import(
        election=beltim_tps, source=io.BytesIO(csv_bytes(rows)), filename="p.csv", actor="t", scope=NATIONAL
    )
    assert report.stored and report.imported == len(rows), report.rejected
    return beltim_tps


def _tps(election: Election, village: str) -> TPS:
    return TPS.objects.get(election=election, village_id=village, number=1)


def test_active_in_takes_region_bodies_and_the_country(crews: Election) -> None:
    assert selectors.active_in(crews, LENGGANG).count() == 7 + 2 + 1
    assert selectors.active_in(crews, LENGGANG, ["kpps"]).count() == 7
    assert selectors.active_in(crews, LENGGANG, ["pps"]).get().seat == 1
    assert selectors.active_in(crews, "").count() == selectors.active_in(crews.pk).count() == 2 * 9 + 1
    ended = selectors.active_in(crews, SELINSING, ["linmas"]).first()
    assert ended is not None
    Appointment.objects.filter(pk=ended.pk).update(status=Status.DISMISSED)
    assert selectors.active_in(crews, SELINSING, ["linmas"]).count() == 1


def test_the_kpps_crew_comes_in_seat_order_with_its_ketua(crews: Election) -> None:
    tps = _tps(crews, LENGGANG)
    crew = list(selectors.kpps_crew(tps))
    assert [a.seat for a in crew] == list(range(1, 8))
    assert {a.body for a in crew} == {"kpps"}
    assert selectors.kpps_ketua(tps) == crew[0].person
    Appointment.objects.filter(pk=crew[0].pk).update(status=Status.DISMISSED)
    assert selectors.kpps_ketua(tps) is None
    assert set(selectors.crewed_tps(crews).values_list("tps_id", flat=True)) == {
        tps.pk,
        _tps(crews, SELINSING).pk,
    }


def test_departed_people_are_those_without_any_active_seat_left(crews: Election) -> None:
    gone, moved = selectors.active_in(crews, LENGGANG, ["kpps"]).order_by("seat")[:2]
    Appointment.objects.filter(pk__in=[gone.pk, moved.pk]).update(status=Status.REPLACED)
    # `moved` still holds a seat elsewhere in the election: not departed
    linmas = selectors.active_in(crews, SELINSING, ["linmas"]).first()
    assert linmas is not None
    Appointment.objects.filter(pk=linmas.pk).update(person=moved.person)
    departed = selectors.departed_people(crews, LENGGANG, ["kpps"], [Status.REPLACED])
    assert set(departed.values_list("person_id", flat=True)) == {gone.person_id}
    assert not selectors.departed_people(crews, SELINSING, ["kpps"], [Status.REPLACED]).exists()
    assert not selectors.departed_people(crews, LENGGANG, ["kpps"], [Status.DISMISSED]).exists()


def test_people_are_found_only_within_the_users_scope(crews: Election, pps_lenggang: User) -> None:
    mine = selectors.active_in(crews, LENGGANG).first()
    theirs = selectors.active_in(crews, SELINSING).first()
    assert mine is not None and theirs is not None
    found = selectors.person_visible_to(pps_lenggang, mine.person_id)
    assert found == mine.person and found.region_id == LENGGANG
    assert selectors.person_visible_to(pps_lenggang, theirs.person_id) is None
    assert set(selectors.people_visible_to(pps_lenggang).values_list("region_id", flat=True)) == {LENGGANG}
    assert set(selectors.appointments_visible_to(pps_lenggang).values_list("region_id", flat=True)) == {
        LENGGANG
    }


def test_a_persons_own_seats_name_and_nik(crews: Election) -> None:
    pps = selectors.active_in(crews, LENGGANG, ["pps"]).select_related("person").get()
    assert list(selectors.active_of_person(pps.person).values_list("body", flat=True)) == ["pps"]
    assert selectors.person_with_nik(pps.person.nik) == pps.person
    assert selectors.person_with_nik("0" * 16) is None
    assert selectors.person_by_id(pps.person_id) == pps.person
    people = list(Person.objects.order_by("pk").values_list("pk", "name")[:3])
    assert selectors.names_of(pk for pk, _ in people) == dict(people)
    assert {p.pk for p in selectors.people_with_ids([people[0][0]])} == {people[0][0]}
    assert list(
        selectors.appointments_of_people([pps.person_id], [crews.pk]).values_list("body", flat=True)
    ) == ["pps"]
    assert not selectors.appointments_of_people([pps.person_id], [crews.pk + 1]).exists()
    assert set(selectors.tps_served_by(pps.person)) == set()
