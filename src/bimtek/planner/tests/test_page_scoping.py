"""Every planner page is scoped: another regency's admin gets 404, a neighbouring PPS sees nothing of Lenggang.

The walk reads the `planner` namespace from the resolver, so a new page fails here until it states its case.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import Election
from bimtek.planner.models import TrainingPlan, TrainingSession, Venue
from bimtek.planner.services import VenueUse, plan_create, plan_solve, venue_create
from bimtek.planner.tests.test_product_support import crews, tot_workforce
from bimtek.regions.models import Level, Region

pytestmark = pytest.mark.django_db

GANTUNG = "19.06.02"
POSTS = {
    "planner:solve",
    "planner:session_held",
    "planner:venue_add",
    "planner:session_move",
    "planner:session_facilitators",
    "planner:session_cancel",
}
LISTS = {"planner:list"}  # answers 200 and lists only what is in scope


def planner_names() -> set[str]:
    for p in get_resolver().url_patterns:
        if isinstance(p, URLResolver) and p.namespace == "planner":
            return {f"planner:{q.name}" for q in p.url_patterns if isinstance(q, URLPattern)}
    raise AssertionError("the planner namespace is not mounted")


@pytest.fixture
def gantung(beltim_tps: Election) -> dict[str, str]:
    """A solved bimtek of kecamatan Gantung; Lenggang's crews train in their own balai desa."""
    serials = tot_workforce(beltim_tps, BELTIM)
    crews(beltim_tps, GANTUNG, serials)
    uses = []
    for r in Region.objects.within(GANTUNG).filter(level=Level.DESA):
        uses.append(
            VenueUse(venue_create(name=f"Balai Desa {r.name}", region=r, capacity=30, actor="test"), 2)
        )
    plan = plan_create(
        election=beltim_tps, tier="bimtek", region=Region.objects.get(code=GANTUNG),
        start=dt.date(2024, 1, 25), end=dt.date(2024, 1, 28), venues=uses, rules={"locality": "desa"},
        actor="test",
    )  # fmt: skip
    plan_solve(plan=plan, actor="test", time_limit=0.5)
    session = TrainingSession.objects.filter(plan=plan, venue__region_id=LENGGANG).first()
    assert session is not None and set(session.groups.values_list("region_code", flat=True)) == {LENGGANG}
    slug = beltim_tps.slug
    return {
        "planner:list": reverse("planner:list", args=[slug]),
        "planner:create": reverse("planner:create", args=[slug]) + f"?region={GANTUNG}",
        "planner:venue_add": reverse("planner:venue_add", args=[slug]),
        "planner:detail": reverse("planner:detail", args=[plan.pk]),
        "planner:solve": reverse("planner:solve", args=[plan.pk]),
        "planner:scenario": reverse("planner:scenario", args=[plan.pk]),
        "planner:session": reverse("planner:session", args=[session.pk]),
        "planner:session_held": reverse("planner:session_held", args=[session.pk]),
        "planner:session_move": reverse("planner:session_move", args=[session.pk]),
        "planner:session_facilitators": reverse("planner:session_facilitators", args=[session.pk]),
        "planner:session_cancel": reverse("planner:session_cancel", args=[session.pk]),
        "planner:session_create": reverse("planner:session_create", args=[plan.pk]),
        "planner:makeup": reverse("planner:makeup", args=[slug]) + f"?kecamatan={GANTUNG}",
    }


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def visit(client: Client, name: str, url: str) -> object:
    if name == "planner:venue_add":
        return client.post(url, {"name": "Aula Curang", "region": LENGGANG, "capacity": 10})
    return client.post(url) if name in POSTS else client.get(url)


def test_it_has_a_scoping_case_for_every_planner_page(gantung: dict[str, str]) -> None:
    assert planner_names() == set(gantung)


def test_another_regencys_admin_gets_404_on_every_planner_page(
    gantung: dict[str, str], kpu_purbalingga: User
) -> None:
    client = login(kpu_purbalingga)
    for name, url in gantung.items():
        response = visit(client, name, url)
        assert response.status_code == (200 if name in LISTS else 404), name  # type: ignore[attr-defined]  # the test client's response, typed loosely by the helper
        content = response.content.decode()  # type: ignore[attr-defined]  # the test client's response, typed loosely by the helper
        assert "Gantung" not in content and "Lenggang" not in content, name
    assert not Venue.objects.filter(name="Aula Curang").exists()
    assert TrainingPlan.objects.get().status == "solved"  # nothing was queued


def test_the_neighbouring_pps_sees_nothing_of_lenggang(gantung: dict[str, str], pps_neighbour: User) -> None:
    client = login(pps_neighbour)
    for name in (
        "planner:session", "planner:scenario", "planner:create", "planner:venue_add", "planner:session_create",
        "planner:makeup", "planner:session_move", "planner:session_facilitators", "planner:session_cancel",
    ):  # fmt: skip
        assert visit(client, name, gantung[name]).status_code in (403, 404), name  # type: ignore[attr-defined]  # the test client's response, typed loosely by the helper
    assert visit(client, "planner:session_held", gantung["planner:session_held"]).status_code == 403  # type: ignore[attr-defined]  # a PPS marks no session
    page = client.get(gantung["planner:detail"]).content.decode()  # their kecamatan's plan, read-only
    assert "Selingsing" in page and "Balai Desa Lenggang" not in page and "TPS 001 Lenggang" not in page
    assert f"Petugas {LENGGANG}" not in page


def test_only_the_kpu_gets_the_edit_forms_and_a_pps_cannot_post_them(
    gantung: dict[str, str], kpu_beltim: User, pps_lenggang: User
) -> None:
    kpu = login(kpu_beltim).get(gantung["planner:session"]).content.decode()
    assert 'id="move-group"' in kpu and 'id="cancel-session"' in kpu
    assert login(kpu_beltim).get(gantung["planner:makeup"]).status_code == 200
    assert login(kpu_beltim).get(gantung["planner:session_create"]).status_code == 200
    pps = login(pps_lenggang)
    assert 'id="move-group"' not in pps.get(gantung["planner:session"]).content.decode()
    for name in ("planner:session_move", "planner:session_facilitators", "planner:session_cancel"):
        assert visit(pps, name, gantung[name]).status_code == 403, name  # type: ignore[attr-defined]  # the test client's response, typed loosely by the helper
    assert pps.get(gantung["planner:session_create"]).status_code == 403
    assert TrainingSession.objects.filter(status="cancelled").count() == 0
