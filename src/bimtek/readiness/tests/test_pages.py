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
    assert page.count('class="chart"') == 2  # bars by kecamatan and the trend
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
