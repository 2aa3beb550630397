"""Every delivery URL is scoped: Purbalingga's admin gets 404 on Beltim's session and certificates; the
verification page is public and shows no NIK or phone."""

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from bimtek.accounts.models import User
from bimtek.assessment.models import Program
from bimtek.delivery.batch import JOB_KIND, ROSTERS, PrintRequest
from bimtek.delivery.certificates import sign
from bimtek.delivery.models import Certificate
from bimtek.delivery.tests.helpers import GANTUNG, Setup
from bimtek.jobs.models import Job

pytestmark = pytest.mark.django_db

PUBLIC = {"delivery:verify"}
# A list of the user's own: another regency's admin gets it (200), without Beltim's session in it.
OWN_LISTS = {"delivery:my_sessions"}
POSTS = {
    "delivery:scan",
    "delivery:sync",
    "delivery:paper_import",
    "delivery:certificate_issue",
    "delivery:certificate_revoke",
}


@pytest.fixture
def urls(gantung: Setup) -> dict[str, str]:
    program = Program.objects.create(election=gantung.election, kind="kpps", name="Bimtek KPPS")
    person = gantung.lenggang[0].person
    cert = Certificate.objects.create(
        program=program,
        person=person,
        region_code=person.region_id,
        code="ABCDEFGHJK",
        completed_on=gantung.session.date,
    )
    s, slug = gantung.session.pk, gantung.election.slug
    req = PrintRequest(kind=ROSTERS, election_id=gantung.election.pk, region_code=GANTUNG)
    job = Job.objects.create(kind=JOB_KIND, title=req.title, params=req.as_params(), region_code=GANTUNG)
    return {
        "delivery:my_sessions": reverse("delivery:my_sessions"),
        "delivery:session": reverse("delivery:session", args=[s]),
        "delivery:checkin": reverse("delivery:checkin", args=[s]),
        "delivery:scan": reverse("delivery:scan", args=[s]),
        "delivery:sync": reverse("delivery:sync", args=[s]),
        "delivery:paper_import": reverse("delivery:paper_import", args=[s]),
        "delivery:roster_pdf": reverse("delivery:roster_pdf", args=[s]),
        "delivery:cards_pdf": reverse("delivery:cards_pdf", args=[s]),
        "delivery:region_rosters": reverse("delivery:region_rosters", args=[slug, GANTUNG]),
        "delivery:region_cards": reverse("delivery:region_cards", args=[slug, GANTUNG]),
        "delivery:plan_rosters": reverse("delivery:plan_rosters", args=[gantung.session.plan_id]),
        "delivery:plan_cards": reverse("delivery:plan_cards", args=[gantung.session.plan_id]),
        "delivery:print_file": reverse("delivery:print_file", args=[job.pk]),
        "delivery:certificates": reverse("delivery:certificates", args=[slug]) + f"?region={GANTUNG}",
        "delivery:certificate_issue": reverse("delivery:certificate_issue", args=[slug]),
        "delivery:certificate_pdf": reverse("delivery:certificate_pdf", args=[cert.pk]),
        "delivery:certificate_revoke": reverse("delivery:certificate_revoke", args=[cert.pk]),
        "delivery:verify": reverse("delivery:verify") + "?" + "k=" + sign(cert.code),
    }


def _delivery_names() -> set[str]:
    resolver = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "delivery")
    return {f"delivery:{p.name}" for p in resolver.url_patterns if isinstance(p, URLPattern)}


def _call(client: Client, name: str, url: str, region: str = GANTUNG) -> int:
    if name in POSTS:
        data = {"region": region, "program": 1} if name == "delivery:certificate_issue" else {}
        return client.post(url, data).status_code
    return client.get(url).status_code


def test_it_has_a_scoping_case_for_every_delivery_url(urls: dict[str, str]) -> None:
    assert _delivery_names() == set(urls)


def test_another_regencys_admin_gets_404_everywhere(urls: dict[str, str], kpu_purbalingga: User) -> None:
    client = Client()
    client.force_login(kpu_purbalingga)
    for name, url in urls.items():
        if name in PUBLIC:
            continue
        if name in OWN_LISTS:
            page = client.get(url)
            assert page.status_code == 200 and urls["delivery:checkin"] not in page.content.decode(), name
            continue
        status = _call(client, name, url)
        assert status == 404, name
    assert Certificate.objects.get().status == "valid"


def test_beltims_admin_reaches_every_page(urls: dict[str, str], kpu_beltim: User) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    for name in (
        "delivery:my_sessions",
        "delivery:session",
        "delivery:checkin",
        "delivery:roster_pdf",
        "delivery:cards_pdf",
        "delivery:region_rosters",
        "delivery:region_cards",
        "delivery:certificates",
        "delivery:certificate_pdf",
    ):
        response = client.get(urls[name])
        assert response.status_code == 200, name
        if name.endswith("pdf") or name.endswith(("_rosters", "_cards")):
            assert response.content.startswith(b"%PDF"), name


def test_anonymous_is_sent_to_login_except_for_verification(urls: dict[str, str], gantung: Setup) -> None:
    client = Client()
    for name, url in urls.items():
        status = _call(client, name, url)
        assert status == (200 if name in PUBLIC else 302), name
    person = gantung.lenggang[0].person
    page = client.get(urls["delivery:verify"]).content.decode()
    assert person.name in page and person.nik not in page and person.phone not in page


def test_lists_and_the_phone_page_never_show_a_full_nik(
    urls: dict[str, str], kpu_beltim: User, gantung: Setup
) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    for name in ("delivery:my_sessions", "delivery:session", "delivery:checkin", "delivery:certificates"):
        page = client.get(urls[name]).content.decode()
        for a in gantung.lenggang[:3]:
            assert a.person.nik not in page and a.person.phone not in page, name


def test_a_kecamatans_cards_print_each_participant_once_from_the_documents_page(
    urls: dict[str, str], gantung: Setup, kpu_beltim: User
) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    page = client.get(reverse("documents:index", args=[gantung.election.slug]) + f"?region={GANTUNG}")
    assert urls["delivery:region_cards"] in page.content.decode()
    cards = client.get(urls["delivery:region_cards"] + f"?tanggal={gantung.session.date}")
    assert cards.status_code == 200 and cards.content.count(b"/Subtype /Image") == 21  # one QR per person


def test_a_scan_or_sync_to_a_session_out_of_reach_answers_a_json_code(
    urls: dict[str, str], kpu_purbalingga: User, kpu_beltim: User
) -> None:
    elsewhere = Client()
    elsewhere.force_login(kpu_purbalingga)
    here = Client()
    here.force_login(kpu_beltim)
    gone = reverse("delivery:scan", args=[10**9])
    for client, url in ((elsewhere, urls["delivery:scan"]), (elsewhere, urls["delivery:sync"]), (here, gone)):
        response = client.post(url, '{"items": []}', content_type="application/json")
        assert response.status_code == 404 and response["Content-Type"] == "application/json", url
        assert response.json() == {
            "code": "session_not_found",
            "message": "Sesi pelatihan tidak ditemukan atau di luar wilayah Anda",
        }
