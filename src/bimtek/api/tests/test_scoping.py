"""Every API URL, walked as an outsider: Purbalingga against Beltim, Selingsing against its neighbour Lenggang.

The walk reads the URL patterns from the resolver, so a new endpoint joins it by itself and fails
until it is given a target below. Each walk also runs as the owner of the data, who must see it:
otherwise a 404 could just mean the URL was wrong. `POST forms/check/` is walked with a form.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from bimtek.accounts.models import User
from bimtek.api.tests.conftest import Training
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.workforce.models import Appointment, Person

pytestmark = pytest.mark.django_db

# Signed-in users of any region see these: elections are national, the schema describes no data, the
# form checker reads only the form it is sent.
SHARED = {"election-list", "election-detail", "schema", "docs", "form-check"}
POSTS = {"form-check": {"id": "walk", "valid": 10, "invalid": 1, "total": 11}}


def api_url_names() -> list[str]:
    api = next(p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace == "api")
    names: list[str] = []

    def walk(patterns: list[URLPattern | URLResolver]) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            else:
                assert pattern.name, f"API URL {pattern.pattern} has no name"
                names.append(pattern.name)

    walk(api.url_patterns)
    return names


@dataclass
class Story:
    outsider: str  # fixture names of the personas
    owner: str
    region: str  # the owner's region, whose data the outsider must not see
    # URLs of an object above both regions, which both read (as on the planner pages): the Gantung plan
    # covers Lenggang and Selingsing. Nothing of Lenggang may show in them; they name Gantung, not Lenggang.
    covering: frozenset[str] = frozenset()


STORIES = [
    pytest.param(Story("kpu_purbalingga", "kpu_beltim", BELTIM), id="purbalingga-vs-beltim"),
    pytest.param(
        Story("pps_neighbour", "pps_lenggang", LENGGANG, frozenset({"plan-list", "plan-detail"})),
        id="selingsing-vs-lenggang",
    ),
]


def call(client: APIClient, name: str, url: str) -> Any:
    if name in POSTS:
        return client.post(url, POSTS[name], format="json")
    return client.get(url)


def url_kwargs(
    name: str, *, election: Election, region: str, job: Job, training: Training
) -> dict[str, object]:
    tps = TPS.objects.get(election=election, village_id=LENGGANG, number=1)
    appointment = Appointment.objects.filter(election=election, region_id=LENGGANG).first()
    person = Person.objects.filter(region_id=LENGGANG).first()
    assert appointment is not None and person is not None
    slug = {"slug": election.slug}
    targets: dict[str, dict[str, object]] = {
        "region-list": {},
        "region-detail": {"code": region},
        "election-list": {},
        "election-detail": slug,
        "tps-list": slug,
        "tps-detail": {**slug, "pk": tps.pk},
        "appointment-list": slug,
        "appointment-detail": {**slug, "pk": appointment.pk},
        "person-list": {},
        "person-detail": {"pk": person.pk},
        "job-list": {},
        "job-detail": {"pk": job.pk},
        "staffing": {**slug, "code": region},
        "plan-list": slug,
        "plan-detail": {**slug, "pk": training.plan.pk},
        "session-list": slug,
        "session-detail": {**slug, "pk": training.session.pk},
        "readiness": {**slug, "code": region},
        "readiness-tps-list": {**slug, "code": region},
        "results": {**slug, "program": training.program.kind, "code": region},
        "form-check": {},
        "schema": {},
        "docs": {},
    }
    assert name in targets, f"new API URL '{name}': give it a target in url_kwargs"
    return targets[name]


def markers(region: str, job: Job) -> list[bytes]:
    """Strings that appear only in the owner's data."""
    found = [f'"{region}'.encode(), str(job.pk).encode()]
    for person in Person.objects.filter(region_id=LENGGANG):
        found += [f'"{person.name}"'.encode(), person.nik.encode(), person.phone.encode()]
    return found


@pytest.fixture
def walk(
    request: pytest.FixtureRequest,
    lenggang_training: Training,
    client_for: Callable[[User | None], APIClient],
) -> Callable[[Story, str], list[tuple[str, int, bytes]]]:
    election = Election.objects.get()

    def run(story: Story, persona: str) -> list[tuple[str, int, bytes]]:
        job = Job.objects.create(
            kind="people_import", title=f"Impor {story.region}", region_code=story.region
        )
        client = client_for(request.getfixturevalue(persona))
        seen = []
        for name in api_url_names():
            kwargs = url_kwargs(
                name, election=election, region=story.region, job=job, training=lenggang_training
            )
            response = call(client, name, reverse(f"api:{name}", kwargs=kwargs))
            seen.append((name, response.status_code, response.content))
        return seen

    return run


@pytest.mark.parametrize("story", STORIES)
def test_it_shows_an_outsider_nothing_of_another_region(
    story: Story, walk: Callable[[Story, str], list[tuple[str, int, bytes]]]
) -> None:
    results = walk(story, story.outsider)
    job = Job.objects.get()
    forbidden = markers(story.region, job)
    assert len(results) >= 23
    for name, status, content in results:
        if name in SHARED:
            assert status == 200, name
            continue
        assert status in (200, 404), (name, status)
        if status == 200:
            assert name.endswith("-list") or name in story.covering, f"{name} answered 200 to an outsider"
            leaked = [m for m in forbidden if m in content]
            assert not leaked, (name, leaked)


@pytest.mark.parametrize("story", STORIES)
def test_it_shows_the_owner_every_url_of_the_walk(
    story: Story, walk: Callable[[Story, str], list[tuple[str, int, bytes]]]
) -> None:
    results = walk(story, story.owner)
    job = Job.objects.get()
    for name, status, content in results:
        assert status == 200, (name, status, content[:200])
        if name not in SHARED | story.covering:
            assert f'"{story.region}'.encode() in content or str(job.pk).encode() in content, name


def test_it_answers_anonymous_callers_401_on_every_url(
    lenggang_training: Training, client_for: Callable[[User | None], APIClient]
) -> None:
    election = Election.objects.get()
    job = Job.objects.create(kind="x", title="x", region_code=BELTIM)
    client = client_for(None)
    for name in api_url_names():
        kwargs = url_kwargs(name, election=election, region=BELTIM, job=job, training=lenggang_training)
        assert call(client, name, reverse(f"api:{name}", kwargs=kwargs)).status_code in (401, 403), name


def test_it_keeps_filters_inside_the_scope(
    lenggang_crew: list[Person], kpu_purbalingga: User, client_for: Callable[[User | None], APIClient]
) -> None:
    client = client_for(kpu_purbalingga)
    for url in (
        f"/api/v1/regions/?parent={BELTIM}",
        f"/api/v1/people/?region={LENGGANG}",
        f"/api/v1/elections/pemilu-2024/tps/?region={BELTIM}",
        f"/api/v1/elections/pemilu-2024/appointments/?region={LENGGANG}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.json()["count"] == 0, url


def test_it_keeps_national_staffing_for_a_national_scope(
    beltim_tps: Election, kpu_beltim: User, kpu_ri: User, client_for: Callable[[User | None], APIClient]
) -> None:
    url = "/api/v1/elections/pemilu-2024/staffing/id/"
    assert client_for(kpu_beltim).get(url).status_code == 404
    national = client_for(kpu_ri).get(url)
    assert national.status_code == 200
    assert len(national.json()["children"]) == 38
