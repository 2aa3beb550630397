import pytest

from bimtek.delivery.tests.helpers import Setup, gantung_session
from bimtek.elections.models import Election


@pytest.fixture
def gantung(beltim_tps: Election) -> Setup:
    return gantung_session(beltim_tps)
