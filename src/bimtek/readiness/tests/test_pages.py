"""The pages and exports as a KPU kabupaten admin sees them: counts, reasons, children, exports that open."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from bimtek.accounts.models import User
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.readiness.services import readiness_refresh
from bimtek.readiness.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(beltim_tps: Election, lenggang_story: dict[int, TPS], kpu_beltim: User) -> Client:
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)  # two points for the trend
    client = Client()
    client.force_login(kpu_beltim)
    return client


def test_it_shows_a_kabupaten_with_its_kecamatan_chart_and_tps_at_risk(
    admin: Client, beltim_tps: Election
) -> None:
    page = admin.get(reverse("readiness:region", args=[beltim_tps.slug, BELTIM])).content.decode()
    assert "Dihitung" in page and "lalu" in page
    assert page.count('class="chart wide"') == page.count('class="chart narrow"') == 1  # the bars, twice
    assert page.count('class="chart"') == 1  # and the trend
    assert "Gantung" in page  # Lenggang's kecamatan among the children
    assert 'data-code="crew_incomplete"' in page  # the empty crews of other desa come first in code order
    assert "Hitung ulang" in page


def test_it_explains_one_tps_with_its_crew(
    admin: Client, beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    page = admin.get(reverse("readiness:tps", args=[beltim_tps.slug, lenggang_story[2].pk])).content.decode()
    assert "9 dari 9 petugas belum ikut bimtek" in page
    assert 'data-code="ketua_drill_not_passed"' in page
    assert page.count("/petugas/") >= 9  # each member links to their person page


def test_it_exports_the_tps_at_risk_and_the_children(admin: Client, beltim_tps: Election) -> None:
    q = f"?wilayah={LENGGANG}"
    risky = admin.get(reverse("readiness:export_risky", args=[beltim_tps.slug]) + q)
    rows = list(load_workbook(io.BytesIO(risky.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Kode Desa" and len(rows) == 1 + 11  # every TPS but the ready one
    children = admin.get(reverse("readiness:export_children", args=[beltim_tps.slug]) + f"?wilayah={BELTIM}")
    rows = list(load_workbook(io.BytesIO(children.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + 7  # Belitung Timur's seven kecamatan
    pdf = admin.get(reverse("readiness:report_pdf", args=[beltim_tps.slug]) + f"?wilayah={BELTIM}")
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 3000


def test_it_queues_a_refresh_from_the_button(admin: Client, beltim_tps: Election) -> None:
    response = admin.post(reverse("readiness:refresh", args=[beltim_tps.slug]), {"wilayah": BELTIM})
    job = Job.objects.get(kind="readiness.refresh")
    assert response.status_code == 302 and str(job.pk) in response.url
    assert job.params == {"election_id": beltim_tps.pk, "region_code": BELTIM}


def test_it_reports_freshness_as_json(admin: Client, beltim_tps: Election) -> None:
    data = admin.get(reverse("readiness:status", args=[beltim_tps.slug]) + f"?wilayah={LENGGANG}").json()
    assert (data["total"], data["ready"]) == (12, 1) and data["computed_at"]


def _listed(page: str) -> list[str]:
    """The TPS links of the risk list, in order."""
    table = page.split('id="risky"')[1].split("</table>")[0]
    return [
        chunk.split('"')[0] for chunk in table.split('href="/kesiapan/')[1:] if "/tps/" in chunk.split('"')[0]
    ]


def _expected(
    election: Election, code: str, bit: int = 0, statuses: tuple[str, ...] = ("not_ready", "at_risk")
):
    from bimtek.readiness.models import ReadinessTPS

    rows = ReadinessTPS.objects.filter(election=election, status__in=statuses, region_code__startswith=code)
    return {r.tps_id for r in rows if not bit or r.reason_bits & bit}


def test_the_risk_list_holds_every_tps_at_risk_page_by_page(admin: Client, beltim_tps: Election) -> None:
    url = reverse("readiness:risky", args=[beltim_tps.slug])
    first = admin.get(url + f"?wilayah={BELTIM}")
    assert first.status_code == 200
    expected = _expected(beltim_tps, BELTIM)
    assert len(expected) > 50, "the fixture must need more than one page"
    seen: list[int] = []
    page_number = 1
    while True:
        page = admin.get(url + f"?wilayah={BELTIM}&hal={page_number}").content.decode()
        ids = [int(link.rstrip("/").split("/")[-1]) for link in _listed(page)]
        seen.extend(ids)
        if "Berikutnya" not in page:
            break
        page_number += 1
    assert len(seen) == len(set(seen)) == len(expected) and set(seen) == expected
    assert f"{len(expected):,}".replace(",", ".") + " TPS" in first.content.decode()


def test_the_risk_list_filters_by_reason_status_and_region_and_its_xlsx_follows(
    admin: Client, beltim_tps: Election
) -> None:
    from bimtek.readiness.core import Code

    url = reverse("readiness:risky", args=[beltim_tps.slug])
    query = f"?wilayah={LENGGANG}&alasan=ketua_drill_not_passed"
    page = admin.get(url + query).content.decode()
    ids = {int(link.rstrip("/").split("/")[-1]) for link in _listed(page)}
    assert ids == _expected(beltim_tps, LENGGANG, Code.KETUA_DRILL_NOT_PASSED.bit) and ids
    assert "ketua_drill_not_passed" not in page.split('id="risky"')[1].split("</table>")[0].replace(
        'data-code="ketua_drill_not_passed"', ""
    )  # words on the page, the code only in the markup
    at_risk = admin.get(url + f"?wilayah={BELTIM}&status=at_risk").content.decode()
    assert {int(x.rstrip("/").split("/")[-1]) for x in _listed(at_risk)} <= _expected(
        beltim_tps, BELTIM, statuses=("at_risk",)
    )
    xlsx = admin.get(reverse("readiness:export_risky", args=[beltim_tps.slug]) + query)
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Kode Desa", "Desa", "TPS") and len(rows) == 1 + len(ids)
    assert {r[1] for r in rows[1:]} == {"Lenggang"}


def test_a_refused_filter_is_named_and_lists_nothing(admin: Client, beltim_tps: Election) -> None:
    url = reverse("readiness:risky", args=[beltim_tps.slug]) + f"?wilayah={BELTIM}&alasan=bukan_alasan"
    response = admin.get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="filter-errors"' in page and "Alasan" in page.split('id="filter-errors"')[1][:200]
    assert _listed(page) == []
    export = admin.get(
        reverse("readiness:export_risky", args=[beltim_tps.slug]) + f"?wilayah={BELTIM}&status=x"
    )
    assert export.status_code == 400 and export["Content-Type"].startswith("text/html")


def test_the_risk_list_opens_on_the_users_own_region(admin: Client, beltim_tps: Election) -> None:
    response = admin.get(reverse("readiness:risky", args=[beltim_tps.slug]))
    assert response.status_code == 302 and response["Location"].endswith(f"?wilayah={BELTIM}")
    dashboard = admin.get(reverse("readiness:region", args=[beltim_tps.slug, BELTIM])).content.decode()
    assert 'id="risky-more"' in dashboard and "alasan=crew_incomplete" in dashboard
