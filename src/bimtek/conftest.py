"""Fixtures shared by every app's tests: the real region list and named personas.

The personas (tests read like stories):
- `kpu_beltim`: the KPU Kabupaten Belitung Timur (19.06) administrator;
- `pps_lenggang`: a PPS member of desa Lenggang (19.06.02.2009) in kecamatan Gantung;
- `pps_neighbour`: a PPS member of the neighbouring desa Selingsing (19.06.02.2002), who must see nothing of Lenggang;
- `kpu_purbalingga`: the KPU Kabupaten Purbalingga (33.03) administrator, who must see nothing of Beltim.
"""

import datetime as dt

import pytest
from django.core.cache import cache

from bimtek.accounts.models import User
from bimtek.accounts.services import user_create
from bimtek.elections.models import Election
from bimtek.elections.services import bundled_tps_counts, election_create, tps_import
from bimtek.regions.services import bundled_regions_dir, regions_import

BELTIM = "19.06"
LENGGANG = "19.06.02.2009"
SELINSING = "19.06.02.2002"
PURBALINGGA = "33.03"
PASSWORD = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with an empty cache: the public certificate page counts an address's misses there."""
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]  # overrides pytest-django's untyped fixture
    """Load the real national region list once per test run; each test rolls back to it."""
    with django_db_blocker.unblock():
        regions_import(path=bundled_regions_dir(), actor="test")


@pytest.fixture
def pemilu(db: None) -> Election:
    return election_create(
        slug="pemilu-2024", name="Pemilu 2024", kind="pemilu", voting_day=dt.date(2024, 2, 14), actor="test"
    )


@pytest.fixture
def pilkada(db: None) -> Election:
    return election_create(
        slug="pilkada-2024",
        name="Pilkada 2024",
        kind="pilkada",
        voting_day=dt.date(2024, 11, 27),
        actor="test",
    )


def load_tps(election: Election, region_code: str) -> None:
    report = tps_import(election=election, source=bundled_tps_counts(), actor="test", region_code=region_code)
    assert report.stored and not report.rejected


@pytest.fixture
def beltim_tps(pemilu: Election) -> Election:
    load_tps(pemilu, BELTIM)
    return pemilu


@pytest.fixture
def kpu_beltim(db: None) -> User:
    return user_create(
        username="kpu-beltim", password=PASSWORD, role="kpu_kabkota", region_code=BELTIM, actor="test"
    )


@pytest.fixture
def kpu_purbalingga(db: None) -> User:
    return user_create(
        username="kpu-purbalingga",
        password=PASSWORD,
        role="kpu_kabkota",
        region_code=PURBALINGGA,
        actor="test",
    )


@pytest.fixture
def pps_lenggang(db: None) -> User:
    return user_create(
        username="pps-lenggang", password=PASSWORD, role="pps", region_code=LENGGANG, actor="test"
    )


@pytest.fixture
def pps_neighbour(db: None) -> User:
    return user_create(
        username="pps-selingsing", password=PASSWORD, role="pps", region_code=SELINSING, actor="test"
    )


@pytest.fixture
def kpu_ri(db: None) -> User:
    return user_create(username="kpu-ri", password=PASSWORD, role="kpu_ri", region_code=None, actor="test")


# One Playwright for the whole run: a session fixture imported into each module would start one per module.
from bimtek.site.tests.browser import browser, chromium  # noqa: E402,F401
