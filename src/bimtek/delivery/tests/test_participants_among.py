"""The check-in's one-query participant check agrees with the planner's rule for who is in a session."""

import pytest

from bimtek.accounts.models import User
from bimtek.delivery import scan_reads, selectors
from bimtek.delivery.tests.helpers import Setup
from bimtek.workforce.models import Appointment, Person

pytestmark = pytest.mark.django_db


def _everyone() -> list[int]:
    return list(Person.objects.values_list("pk", flat=True))


def test_it_agrees_with_the_planner_rule(gantung: Setup, kpu_beltim: User, pps_lenggang: User) -> None:
    for user in (kpu_beltim, pps_lenggang):
        expected = {
            a.person_id: (a.region_id, a.person.name)
            for a in selectors.participants_in_scope(user, gantung.session)
        }
        assert scan_reads.participants_among(user, gantung.session, _everyone()) == expected
    assert len(scan_reads.participants_among(pps_lenggang, gantung.session, _everyone())) == 14


def test_it_leaves_out_an_ended_appointment_and_other_sessions_people(
    gantung: Setup, kpu_beltim: User
) -> None:
    ended = gantung.lenggang[0]
    Appointment.objects.filter(pk=ended.pk).update(status="dismissed")
    found = scan_reads.participants_among(kpu_beltim, gantung.session, _everyone())
    assert ended.person_id not in found and len(found) == 20
    assert scan_reads.participants_among(kpu_beltim, gantung.session, []) == {}


def test_each_batch_and_user_get_their_own_answers(
    gantung: Setup, kpu_beltim: User, pps_lenggang: User
) -> None:
    """The SQL is kept per scope and batch size: each call binds its own people (and session, election)."""
    people = _everyone()
    for user in (kpu_beltim, pps_lenggang, kpu_beltim):
        expected = {
            a.person_id: (a.region_id, a.person.name)
            for a in selectors.participants_in_scope(user, gantung.session)
        }
        for batch in (people[:5], people[5:10], people[-5:]):
            assert scan_reads.participants_among(user, gantung.session, batch) == {
                p: v for p, v in expected.items() if p in batch
            }
