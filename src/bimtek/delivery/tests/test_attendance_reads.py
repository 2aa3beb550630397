"""What the apps above read of attendance, completion rules, certificates (delivery.selectors) and of
post-test passes (assessment.selectors): the rows each question returns."""

import pytest

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope, scope_of
from bimtek.assessment.selectors import post_test_passers
from bimtek.delivery import selectors
from bimtek.delivery.models import DEFAULT_PARTS, CompletionRule
from bimtek.delivery.tests.helpers import Setup
from bimtek.delivery.tests.test_certificates import _attend, _program_with_passes
from bimtek.planner.models import SessionStatus, TrainingSession

pytestmark = pytest.mark.django_db
NATIONAL = Scope(region_code=None, person_id=None)


def test_trained_means_every_required_part_in_a_live_session_of_the_tier(
    gantung: Setup, kpu_beltim: User
) -> None:
    a, b, c = (gantung.lenggang[i].person for i in range(3))
    _attend(gantung, a, ["pagi", "siang"], kpu_beltim)
    _attend(gantung, b, ["pagi"], kpu_beltim)
    ids = [a.pk, b.pk, c.pk]
    parts = selectors.required_parts(gantung.election, "kpps")
    assert parts == set(DEFAULT_PARTS)
    assert set(selectors.attended_every_part(gantung.election, ids, parts, ["bimtek"])) == {a.pk}
    assert not selectors.attended_every_part(gantung.election, ids, parts, ["tot"]).exists()
    assert sorted(selectors.attended_in_tiers(gantung.election, ids, {"bimtek"})) == [
        (a.pk, "bimtek", "pagi"),
        (a.pk, "bimtek", "siang"),
        (b.pk, "bimtek", "pagi"),
    ]
    assert selectors.attended_in_tiers(gantung.election, ids, {"tot"}) == []
    assert selectors.parts_attended_for(b, gantung.election.pk, ["bimtek"]) == {"pagi"}
    assert list(selectors.parts_attended(a, [gantung.session])) == [
        (gantung.session.pk, "pagi"),
        (gantung.session.pk, "siang"),
    ]
    assert selectors.latest_attended_session(gantung.election, "bimtek", NATIONAL) == {
        a.pk: gantung.session.pk,
        b.pk: gantung.session.pk,
    }
    TrainingSession.objects.filter(pk=gantung.session.pk).update(status=SessionStatus.CANCELLED)
    assert not selectors.attended_every_part(gantung.election, ids, parts, ["bimtek"]).exists()
    assert selectors.attended_in_tiers(gantung.election, ids, {"bimtek"}) == []
    assert selectors.parts_attended_for(b, gantung.election.pk, ["bimtek"]) == set()


def test_attendance_is_read_within_the_scope(gantung: Setup, kpu_beltim: User, pps_neighbour: User) -> None:
    _attend(gantung, gantung.lenggang[0].person, ["pagi"], kpu_beltim)
    assert selectors.attendance_in_scope(scope_of(kpu_beltim)).count() == 1
    assert not selectors.attendance_in_scope(scope_of(pps_neighbour)).exists()
    assert selectors.latest_attended_session(gantung.election, "bimtek", scope_of(pps_neighbour)) == {}


def test_a_programs_rule_names_its_parts_and_a_pass_counts_for_its_program(gantung: Setup) -> None:
    a, b = gantung.lenggang[0].person, gantung.lenggang[1].person
    program = _program_with_passes(gantung, [a])
    CompletionRule.objects.create(program=program, parts=["1", "2", "3"])
    assert selectors.required_parts(gantung.election, "kpps") == {"1", "2", "3"}
    assert selectors.completion_parts([gantung.election.pk]) == {
        (gantung.election.pk, "kpps"): ("1", "2", "3")
    }
    assert set(post_test_passers([a.pk, b.pk], election=gantung.election)) == {a.pk}
    assert set(post_test_passers([a.pk, b.pk], program=program)) == {a.pk}
    assert not post_test_passers([b.pk], election=gantung.election).exists()
    assert selectors.certificate_of(program, a) is None
