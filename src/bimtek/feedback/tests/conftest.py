import pytest

from bimtek.elections.models import Election
from bimtek.feedback.tests.helpers import Survey, survey_setup


@pytest.fixture
def survey(beltim_tps: Election) -> Survey:
    return survey_setup(beltim_tps)
