"""Every page of the drill namespace is scoped: a user of another region gets 404 or sees no data.

The walk reads the URL resolver, so a new drill page fails here until someone states how it is scoped
(the site walk in site/tests/test_region_scoping.py skips this namespace and relies on this file).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from bimtek.accounts.models import User
from bimtek.conftest import LENGGANG
from bimtek.drill.crew_services import crew_drill_enter, crew_drill_start
from bimtek.drill.services import drill_attempt_record
from bimtek.drill.tests.conftest import crew_of
from bimtek.drill.tests.helpers import SEED, post_data, truth, with_invalid_off_by_one
from bimtek.elections.models import TPS, Election
from bimtek.workforce.models import Person
from bimtek.workforce.tests.factories import xlsx_bytes

pytestmark = pytest.mark.django_db

SECRET = "Siti Lenggang Rahasia"
# Pages that show no regional data: a generated drill, its PDF, the blank check template, the index.
UNSCOPED = {"drill:index", "drill:worksheet", "drill:check_template"}
# The election's crew-drill rule: one national setting, for a KPU RI operator only (test_crew_policy.py).
UNSCOPED |= {"drill:crew_policy"}


def drill_names() -> set[str]:
    resolver = next(
        p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace == "drill"
    )
    return {f"drill:{p.name}" for p in resolver.url_patterns if p.name}


@pytest.fixture
def lenggang(ketua_lenggang: Person, crews: Election) -> dict[str, tuple[str, str, dict[str, object]]]:
    """name -> (method, url, data) reaching Lenggang's data."""
    Person.objects.filter(pk=ketua_lenggang.pk).update(name=SECRET)
    attempt = drill_attempt_record(
        person=ketua_lenggang,
        election=crews,
        level="easy",
        seed=SEED,
        values=with_invalid_off_by_one(),
        actor="test",
    )
    drill = reverse("drill:drill", args=[crews.slug, "easy", SEED])
    tps = TPS.objects.get(village_id=LENGGANG, number=1)
    crew_drill = crew_drill_start(election=crews, tps=tps, level="easy", seed=SEED, actor="test")
    for typist in crew_of(LENGGANG)[1:3]:
        crew_drill_enter(drill=crew_drill, person=typist, values=truth(), actor="test")
    sheet = xlsx_bytes([[LENGGANG, 1, 7]], ["Kode Desa", "TPS", "V.A"])
    return {
        "drill:drill": ("get", f"{drill}?peserta={ketua_lenggang.pk}", {}),
        "drill:start": (
            "get",
            reverse("drill:start", args=[crews.slug]) + f"?peserta={ketua_lenggang.pk}",
            {},
        ),
        "drill:attempt": ("get", reverse("drill:attempt", args=[attempt.pk]), {}),
        "drill:person": ("get", reverse("drill:person", args=[ketua_lenggang.pk]), {}),
        "drill:crews": ("get", reverse("drill:crews", args=[crews.slug]), {}),
        "drill:crew_tps": ("get", reverse("drill:crew_tps", args=[crews.slug, tps.pk]), {}),
        "drill:crew": ("get", reverse("drill:crew", args=[crew_drill.pk]), {}),
        "drill:crew_entry": ("get", reverse("drill:crew_entry", args=[crew_drill.pk]), {}),
        "drill:crew_compare": ("get", reverse("drill:crew_compare", args=[crew_drill.pk]), {}),
        "drill:mistakes": ("get", reverse("drill:mistakes", args=[crews.slug]) + f"?wilayah={LENGGANG}", {}),
        "drill:check": (
            "post",
            reverse("drill:check", args=[crews.slug]),
            {"region_code": LENGGANG, "tps": "1"},
        ),
        "drill:check_file": (
            "post",
            reverse("drill:check_file", args=[crews.slug]),
            {"file": SimpleUploadedFile("k.xlsx", sheet)},
        ),
    }


def fetch(client: Client, method: str, url: str, data: dict[str, object]) -> object:
    for value in data.values():
        if isinstance(value, SimpleUploadedFile):
            value.seek(0)
    return client.post(url, data) if method == "post" else client.get(url)


def test_it_has_a_scoping_case_for_every_drill_page(lenggang: dict[str, object]) -> None:
    assert drill_names() == set(lenggang) | UNSCOPED


def test_the_neighbouring_pps_gets_404_or_nothing_on_every_drill_page(
    lenggang: dict[str, tuple[str, str, dict[str, object]]], pps_neighbour: User
) -> None:
    client = Client()
    client.force_login(pps_neighbour)
    for name, (method, url, data) in lenggang.items():
        response = fetch(client, method, url, data)
        if name == "drill:crews":  # a list: the neighbour's own TPS only, none of Lenggang's
            page = response.content.decode()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
            assert response.status_code == 200 and 'data-status="to_resolve"' not in page, name  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
        elif name == "drill:check_file":  # a file is read row by row: the row is refused, not the page
            page = response.content.decode()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
            assert response.status_code == 200 and "region_out_of_scope" in page, name  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
        else:
            assert response.status_code == 404, name  # type: ignore[attr-defined]  # the test client's response, typed loosely by the helper
        assert SECRET.encode() not in response.content, name  # type: ignore[attr-defined]  # the test client's response, typed loosely by the helper
    mistakes = client.get(reverse("drill:mistakes", args=["pemilu-2024"])).content.decode()
    assert 'id="attempt-count">0<' in mistakes and SECRET not in mistakes


def test_the_pps_of_lenggang_reaches_every_drill_page(
    lenggang: dict[str, tuple[str, str, dict[str, object]]], pps_lenggang: User
) -> None:
    client = Client()
    client.force_login(pps_lenggang)
    for name, (method, url, data) in lenggang.items():
        response = fetch(client, method, url, data)
        assert response.status_code in (200, 302), name  # type: ignore[attr-defined]  # the test client's response, typed loosely by the helper
    person_page = client.get(lenggang["drill:person"][1]).content.decode()
    assert SECRET in person_page
    crews = client.get(lenggang["drill:crews"][1]).content.decode()
    assert (
        'data-status="to_resolve"' in crews
        and SECRET in client.get(lenggang["drill:crew"][1]).content.decode()
    )


def test_an_anonymous_visitor_may_practise_but_sees_no_records(
    lenggang: dict[str, tuple[str, str, dict[str, object]]],
) -> None:
    client = Client()
    for name in ("drill:attempt", "drill:person", "drill:mistakes", "drill:check"):
        response = client.get(lenggang[name][1])
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"], name
    practice = client.post(
        reverse("drill:drill", args=["pemilu-2024", "easy", SEED]), post_data(with_invalid_off_by_one())
    )
    assert practice.status_code == 200 and SECRET not in practice.content.decode()
    assert client.get(lenggang["drill:drill"][1]).status_code == 404  # naming a participant needs a login
