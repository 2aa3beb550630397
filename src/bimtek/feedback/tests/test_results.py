"""Results per session, facilitator and module agree with a direct count, flag small n, and take one query each."""

import statistics

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.conftest import LENGGANG
from bimtek.delivery.tests.helpers import GANTUNG, Setup, crew
from bimtek.elections.models import TPS
from bimtek.feedback.core import SMALL_N
from bimtek.feedback.selectors import results
from bimtek.feedback.tests.helpers import Survey, answer
from bimtek.planner.models import SessionFacilitator, SessionGroup, Tier, TrainingPlan, TrainingSession, Venue

pytestmark = pytest.mark.django_db

BELTIM = Scope(region_code="19.06", person_id=None)

# (satisfaction, three module scores, two facilitator scores) per participant
SHEETS = [
    (5, [5, 4, 3], [5, 4]),
    (4, [4, 4, 2], [5, 3]),
    (3, [5, 3, 3], [4, 4]),
    (4, [3, 5, 4], [5, 2]),
    (5, [4, 4, 5], [4, 5]),
    (2, [2, 3, 1], [3, 3]),
]


@pytest.fixture
def answered(survey: Survey) -> Survey:
    people = survey.lenggang[:4] + survey.selingsing[:2]
    for a, (sat, modules, facilitators) in zip(people, SHEETS, strict=True):
        answer(survey, a, sat, modules, facilitators)
    return survey


def test_per_facilitator_and_module_match_a_direct_count(answered: Survey) -> None:
    found = results(scope=BELTIM, election=answered.session.plan.election, region_code="19.06")
    by_module = {r.key: r.summary for r in found.modules}
    for i, module in enumerate(answered.modules):
        scores = [sheet[1][i] for sheet in SHEETS]
        assert by_module[module.pk].n == 6
        assert by_module[module.pk].mean == pytest.approx(statistics.mean(scores))
        assert by_module[module.pk].sd == pytest.approx(statistics.stdev(scores))
        assert by_module[module.pk].top_share == pytest.approx(sum(s >= 4 for s in scores) / 6)
    by_facilitator = {r.label: r.summary for r in found.facilitators}
    for i, person in enumerate(answered.facilitators):
        scores = [sheet[2][i] for sheet in SHEETS]
        assert by_facilitator[person.name].mean == pytest.approx(statistics.mean(scores))
    assert [r.key for r in found.sessions] == [answered.session.pk]
    assert found.overall.mean == pytest.approx(statistics.mean(s[0] for s in SHEETS))


def test_a_facilitator_is_summed_across_their_sessions(answered: Survey) -> None:
    other = _second_session(answered)
    for a, score in zip(other.lenggang[:2], (1, 2), strict=True):
        answer(other, a, 3, [3, 3, 3], [score])
    found = results(scope=BELTIM, election=answered.session.plan.election)
    lenggang = next(r.summary for r in found.facilitators if r.key == answered.facilitators[0].pk)
    scores = [sheet[2][0] for sheet in SHEETS] + [1, 2]
    assert lenggang.n == 8 and lenggang.mean == pytest.approx(statistics.mean(scores))
    assert len(found.sessions) == 2 and sum(r.summary.n for r in found.sessions) == 8
    modules = {r.key: r.summary.n for r in found.modules}
    assert list(modules.values()) == [8, 8, 8]


def _second_session(s: Survey) -> Survey:
    """Lenggang's TPS 003 crew trained in another hall on the next day, by the same Lenggang facilitator."""
    plan = TrainingPlan.objects.create(
        election=s.session.plan.election,
        tier=Tier.BIMTEK,
        region_id=GANTUNG,
        start=s.session.date,
        end=s.session.date,
    )
    venue = Venue.objects.create(name="Balai Desa Lenggang", region_id=LENGGANG, capacity=40)
    session = TrainingSession.objects.create(
        plan=plan, venue=venue, date=s.session.date, slot=2, region_code=LENGGANG
    )
    tps = TPS.objects.get(election=s.session.plan.election, village_id=LENGGANG, number=3)
    people = crew(s.session.plan.election, tps, 100, "Peserta TPS 3")
    SessionGroup.objects.create(
        plan=plan,
        session=session,
        key=f"tps-{tps.pk}",
        body="kpps",
        region_code=LENGGANG,
        tps=tps,
        participants=7,
    )
    SessionFacilitator.objects.create(session=session, person=s.facilitators[0])
    setup = Setup(s.setup.election, session, people, [])
    return Survey(setup, session, s.program, s.modules, [s.facilitators[0]])


def test_a_region_below_counts_only_its_participants(answered: Survey) -> None:
    found = results(scope=BELTIM, election=answered.session.plan.election, region_code="19.06.02.2009")
    assert found.overall.n == 4
    assert found.overall.mean == pytest.approx(statistics.mean(s[0] for s in SHEETS[:4]))
    assert all(r.summary.n == 4 for r in found.modules + found.facilitators)


def test_fewer_than_five_answers_are_flagged(answered: Survey) -> None:
    lenggang = results(scope=BELTIM, election=answered.session.plan.election, region_code="19.06.02.2009")
    selingsing = results(scope=BELTIM, election=answered.session.plan.election, region_code="19.06.02.2002")
    assert SMALL_N == 5
    assert lenggang.overall.small and selingsing.overall.small and selingsing.overall.n == 2
    assert not results(scope=BELTIM, election=answered.session.plan.election).overall.small


def test_it_reads_each_table_in_one_query(answered: Survey, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    election = answered.session.plan.election
    with django_assert_num_queries(4):  # overall, sessions, facilitators, modules
        results(scope=BELTIM, election=election, own_person_id=answered.facilitators[0].pk)
