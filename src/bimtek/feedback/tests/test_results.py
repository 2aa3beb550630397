"""Results per session, facilitator and module agree with a direct count, flag small n, and take one query each."""

import statistics

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.feedback.core import SMALL_N
from bimtek.feedback.selectors import results
from bimtek.feedback.tests.helpers import Survey, answer

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


def test_it_reads_each_table_in_one_query(answered: Survey, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    election = answered.session.plan.election
    with django_assert_num_queries(4):  # overall, sessions, facilitators, modules
        results(scope=BELTIM, election=election, own_person_id=answered.facilitators[0].pk)
