import pytest

from bimtek.delivery.tests.helpers import DAY, Setup, gantung_session
from bimtek.elections.models import Election


@pytest.fixture(autouse=True)
def on_the_session_day(settings: pytest.FixtureRequest) -> None:
    """Time pinned: "today" is the day of the Gantung session, so a scan made now is made on its day."""
    settings.BIMTEK_TODAY = DAY  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting


@pytest.fixture
def gantung(beltim_tps: Election) -> Setup:
    return gantung_session(beltim_tps)
