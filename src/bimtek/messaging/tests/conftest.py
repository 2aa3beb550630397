import pytest

from bimtek.delivery.tests.helpers import Setup, gantung_session
from bimtek.elections.models import Election
from bimtek.workforce.models import Person


@pytest.fixture
def gantung(beltim_tps: Election) -> Setup:
    """The delivery helpers' Gantung session; Lenggang's crew has e-mail addresses, Selingsing's has none."""
    setup = gantung_session(beltim_tps)
    for a in setup.lenggang:
        Person.objects.filter(pk=a.person_id).update(email=f"peserta{a.person_id}@contoh.id")
    return setup
