"""Every page is scoped: a user of another region gets 404 and never sees the data.

The test walks the URL resolver, so a new page without an entry in OBJECT_URLS fails here until
someone states how it is scoped.
"""

import io

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.audit.services import log_action
from bimtek.conftest import LENGGANG
from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.site.tests.urlwalk import url_names
from bimtek.workforce.models import Appointment
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes, person_row

pytestmark = pytest.mark.django_db

# Pages with no object of a region in their URL; they filter their content by scope instead.
UNSCOPED_URLS = {
    "regions:search",  # answers only regions in the user's scope (regions/tests/test_search.py)
    "site:home",
    "site:import",
    "jobs:jobs",
    "audit:audit",
    "site:healthz",
    "site:csp_report",  # a browser's report; shows nothing
    "accounts:login",
    "accounts:logout",
    "set_language",
}
LIST_URLS = {"workforce:people"}  # lists answer 200 and show only what is in scope
OPERATOR_URLS = {
    "workforce:replace",
    "workforce:seat_fill",
    "jobs:job_confirm",
}  # a PPS may not do these anywhere: 403 (role walk)
# Admin is for superusers; these apps walk their own URL namespaces in their own tests
# (api/tests/test_scoping.py, drill/tests, assessment/tests, planner/tests, speakers/tests/test_page_scoping.py).
SKIPPED_NAMESPACES = {
    "admin",
    "api",
    "drill",
    "assessment",
    "planner",
    "readiness",
    "analytics",  # walked with readiness in readiness/tests/test_scoping.py
    "delivery",
    "messaging",
    "documents",
    "feedback",
    "speakers",
    "budget",  # budget/tests/test_scoping.py
    "participants",
    "pwa",
}


@pytest.fixture
def lenggang(beltim_tps: Election, pps_lenggang: User) -> dict[str, str]:
    rows = crew_rows(LENGGANG, [1]) + [
        person_row(800, body="PPS", region=LENGGANG, name="Siti Lenggang Rahasia")
    ]
    report = people_import(
        election=beltim_tps,
        source=io.BytesIO(csv_bytes(rows)),
        filename="p.csv",
        actor="test",
        scope=Scope(None, None),
    )
    assert report.stored
    tps = TPS.objects.get(election=beltim_tps, village_id=LENGGANG, number=1)
    appointment = Appointment.objects.get(body="pps", region_id=LENGGANG)
    job = Job.objects.create(
        kind="import.people", title="Impor Lenggang", region_code=LENGGANG, created_by=pps_lenggang
    )
    log_action(
        actor=pps_lenggang, action="test.write", region_code=LENGGANG, after={"name": "Siti Lenggang Rahasia"}
    )
    return {
        "workforce:region_national": reverse("workforce:region_national", args=[beltim_tps.slug]),
        "workforce:region": reverse("workforce:region", args=[beltim_tps.slug, LENGGANG]),
        "workforce:tps": reverse("workforce:tps", args=[beltim_tps.slug, tps.pk]),
        "workforce:people": reverse("workforce:people", args=[beltim_tps.slug]) + f"?region={LENGGANG}",
        "workforce:person": reverse("workforce:person", args=[appointment.person_id]),
        "workforce:replace": reverse("workforce:replace", args=[appointment.pk]),
        "workforce:seat_fill": reverse("workforce:seat_fill", args=[tps.pk]),
        "jobs:job": reverse("jobs:job", args=[job.pk]),
        "jobs:job_status": reverse("jobs:job_status", args=[job.pk]),
        "jobs:job_confirm": reverse("jobs:job_confirm", args=[job.pk]),
        "jobs:job_cancel": reverse("jobs:job_cancel", args=[job.pk]),
    }


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_has_a_scoping_case_for_every_page(lenggang: dict[str, str]) -> None:
    assert url_names(skip_namespaces=frozenset(SKIPPED_NAMESPACES)) == set(lenggang) | UNSCOPED_URLS


def test_the_neighbouring_pps_gets_404_on_every_page_of_lenggang(
    lenggang: dict[str, str], pps_neighbour: User
) -> None:
    client = login(pps_neighbour)
    for name, url in lenggang.items():
        response = (
            client.post(url)
            if name.endswith(("replace", "seat_fill", "confirm", "cancel"))
            else client.get(url)
        )
        expected = 200 if name in LIST_URLS else 403 if name in OPERATOR_URLS else 404
        assert response.status_code == expected, name
        assert b"Siti Lenggang Rahasia" not in response.content, name


def test_another_regencys_admin_sees_no_data_of_beltim(
    lenggang: dict[str, str], kpu_purbalingga: User
) -> None:
    client = login(kpu_purbalingga)
    people = client.get(lenggang["workforce:people"])
    assert people.status_code == 200 and b"Siti Lenggang Rahasia" not in people.content
    assert b"Siti Lenggang Rahasia" not in client.get(reverse("audit:audit")).content
    assert b"Impor Lenggang" not in client.get(reverse("jobs:jobs")).content
    assert client.get(lenggang["workforce:region"]).status_code == 404


def test_the_pps_of_lenggang_sees_its_own_desa(lenggang: dict[str, str], pps_lenggang: User) -> None:
    client = login(pps_lenggang)
    for name in ("workforce:region", "workforce:tps", "workforce:people", "workforce:person", "jobs:job"):
        assert client.get(lenggang[name]).status_code == 200, name
    assert b"Siti Lenggang Rahasia" in client.get(lenggang["workforce:people"]).content
    assert client.get(lenggang["workforce:region_national"]).status_code == 404  # the country is not theirs


def test_lists_mask_nik_and_phone(lenggang: dict[str, str], kpu_beltim: User) -> None:
    person = Appointment.objects.get(body="pps", region_id=LENGGANG).person
    page = login(kpu_beltim).get(lenggang["workforce:people"]).content.decode()
    assert "Siti Lenggang Rahasia" in page
    assert person.nik not in page and person.phone not in page and person.phone[3:] not in page
    assert person.nik[:4] in page  # the masked form keeps the region part


def test_a_full_nik_is_refused_in_the_search_url(lenggang: dict[str, str], kpu_beltim: User) -> None:
    person = Appointment.objects.get(body="pps", region_id=LENGGANG).person
    client = login(kpu_beltim)
    refused = client.get(lenggang["workforce:people"] + f"&q={person.nik}")
    assert "Siti Lenggang Rahasia" not in refused.content.decode()
    found = client.get(lenggang["workforce:people"] + f"&q={person.nik[-4:]}")
    assert "Siti Lenggang Rahasia" in found.content.decode()
