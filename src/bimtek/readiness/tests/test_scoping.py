"""Every readiness URL is scoped: the KPU of Purbalingga gets 404 (or no data) for Belitung Timur.

The walk lists the `readiness` and `analytics` namespaces from the resolver, so a new page fails here
until it is given a URL below.
"""

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM, LENGGANG, PURBALINGGA
from bimtek.elections.models import TPS, Election
from bimtek.readiness.services import readiness_refresh
from bimtek.readiness.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def _urls(election: Election, tps: TPS) -> dict[str, tuple[str, str, dict[str, str] | None]]:
    """name -> (method, url, POST data) for an object of Belitung Timur."""
    slug = election.slug
    q = f"?wilayah={BELTIM}"
    return {
        "readiness:national": ("get", reverse("readiness:national", args=[slug]), None),
        "readiness:region": ("get", reverse("readiness:region", args=[slug, LENGGANG]), None),
        "readiness:tps": ("get", reverse("readiness:tps", args=[slug, tps.pk]), None),
        "readiness:tps_remind": (
            "post",
            reverse("readiness:tps_remind", args=[slug, tps.pk]),
            {"channel": "email"},
        ),
        "readiness:status": ("get", reverse("readiness:status", args=[slug]) + q, None),
        "readiness:refresh": ("post", reverse("readiness:refresh", args=[slug]), {"wilayah": BELTIM}),
        "readiness:policy": ("post", reverse("readiness:policy", args=[slug]), {"count_bpjs": "on"}),
        "readiness:risky": ("get", reverse("readiness:risky", args=[slug]) + q, None),
        "readiness:export_risky": ("get", reverse("readiness:export_risky", args=[slug]) + q, None),
        "readiness:export_children": ("get", reverse("readiness:export_children", args=[slug]) + q, None),
        "readiness:report_pdf": ("get", reverse("readiness:report_pdf", args=[slug]) + q, None),
        "analytics:cascade": ("get", reverse("analytics:cascade", args=[slug]) + f"?region={BELTIM}", None),
        "analytics:cascade_xlsx": (
            "get",
            reverse("analytics:cascade_xlsx", args=[slug, "modul"]) + f"?region={BELTIM}",
            None,
        ),
    }


def test_it_hides_every_readiness_page_of_another_region(
    beltim_tps: Election, lenggang_story: dict[int, TPS], kpu_purbalingga: User, kpu_beltim: User
) -> None:
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    urls = _urls(beltim_tps, lenggang_story[2])
    # The cascade analytics (its own app since the readiness split) lives under /kesiapan/ too.
    names = {f"readiness:{name}" for name in _namespace_names()}
    names |= {f"analytics:{name}" for name in _namespace_names("analytics")}
    assert names == set(urls), "every readiness URL needs a scoping case here"

    outsider, owner = Client(), Client()
    outsider.force_login(kpu_purbalingga)
    owner.force_login(kpu_beltim)
    for name, (method, url, data) in urls.items():
        mine = getattr(owner, method)(url, data or {})
        theirs = getattr(outsider, method)(url, data or {})
        if name == "readiness:national":
            # not national: each goes to their own region's page, never to Belitung Timur's
            assert theirs.status_code == 302 and theirs.url.endswith(f"/wilayah/{PURBALINGGA}/")
            assert mine.status_code == 302 and mine.url.endswith(f"/wilayah/{BELTIM}/")
            continue
        if name == "readiness:policy":
            # the election's rule is national: a kabupaten reads it and changes it no more than an outsider
            assert mine.status_code == theirs.status_code == 404
            assert owner.get(url).status_code == outsider.get(url).status_code == 200
            continue
        assert mine.status_code in (200, 302), (name, mine.status_code)
        assert theirs.status_code == 404, (name, theirs.status_code)


def test_it_shows_no_data_of_another_region_on_the_own_page(
    beltim_tps: Election, lenggang_story: dict[int, TPS], kpu_purbalingga: User
) -> None:
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    client = Client()
    client.force_login(kpu_purbalingga)
    page = client.get(reverse("readiness:region", args=[beltim_tps.slug, PURBALINGGA])).content.decode()
    assert "Belum pernah dihitung" in page
    assert LENGGANG not in page and "Belitung" not in page


def test_it_lets_a_pps_see_its_desa_but_not_refresh(
    beltim_tps: Election, lenggang_story: dict[int, TPS], pps_lenggang: User, pps_neighbour: User
) -> None:
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    client = Client()
    client.force_login(pps_lenggang)
    page = client.get(reverse("readiness:region", args=[beltim_tps.slug, LENGGANG]))
    assert page.status_code == 200 and b"Hitung ulang" not in page.content
    assert (
        client.post(reverse("readiness:refresh", args=[beltim_tps.slug]), {"wilayah": LENGGANG}).status_code
        == 403  # a PPS refreshes nothing, anywhere
    )
    neighbour = Client()
    neighbour.force_login(pps_neighbour)
    assert (
        neighbour.get(reverse("readiness:tps", args=[beltim_tps.slug, lenggang_story[1].pk])).status_code
        == 404
    )


def _namespace_names(namespace: str = "readiness") -> set[str]:
    resolver = get_resolver()
    _, sub = resolver.namespace_dict[namespace]
    return {name for name in sub.reverse_dict if isinstance(name, str)}
