"""The documents pages and command: print within one's region, large batches as a job with a download,
templates and rates edited by KPU only. The walk reads the URL resolver, so a new page fails here until
someone states how it is scoped (the site walk skips this namespace)."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from bimtek.accounts.models import User
from bimtek.conftest import LENGGANG
from bimtek.delivery.services import attendance_check_in
from bimtek.delivery.tests.helpers import DAY, GANTUNG, Setup, on_the_day
from bimtek.documents import selectors, services
from bimtek.documents.models import DocumentTemplate, Rate
from bimtek.documents.tests.test_letters import _text
from bimtek.jobs.models import Job
from bimtek.jobs.services import job_run
from bimtek.site.tests.urlwalk import namespace_url_names

pytestmark = pytest.mark.django_db
FORM = {"kind": "lampiran_sk", "region": GANTUNG, "bodies": ["kpps"], "date_from": "2024-01-26",
        "date_to": "2024-01-28"}  # fmt: skip


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def urls(gantung: Setup, pps_lenggang: User) -> dict[str, str]:
    job = Job.objects.create(kind="documents.generate", title="Lampiran Lenggang", region_code=LENGGANG,
                             created_by=pps_lenggang, result={"suffix": ".pdf"})  # fmt: skip
    region = f"?region={LENGGANG}"
    return {
        "documents:index": reverse("documents:index", args=[gantung.election.slug]) + region,
        "documents:job_file": reverse("documents:job_file", args=[job.pk]),
        "documents:template": reverse("documents:template", args=["izin"]) + region,
        "documents:rates": reverse("documents:rates") + region,
    }


def test_it_has_a_scoping_case_for_every_page(urls: dict[str, str]) -> None:
    assert namespace_url_names("documents") == set(urls)


def test_the_neighbouring_pps_gets_404_on_every_page_of_lenggang(
    urls: dict[str, str], pps_neighbour: User, settings: object, tmp_path: object
) -> None:
    settings.DATA_DIR = tmp_path
    job = Job.objects.get()
    (services.output_dir() / f"{job.pk}.pdf").write_bytes(b"%PDF Peserta Lenggang")
    client = _login(pps_neighbour)
    for name, url in urls.items():
        assert client.get(url).status_code == 404, name
        assert client.post(url, {**FORM, "region": LENGGANG}).status_code == 404, name
    own = _login(User.objects.get(pk=job.created_by_id)).get(urls["documents:job_file"])
    assert own.status_code == 200 and b"".join(own.streaming_content) == b"%PDF Peserta Lenggang"


def test_a_kpps_member_prints_nothing(gantung: Setup) -> None:
    person = gantung.lenggang[0].person
    kpps = User.objects.create_user("kpps1", password="x", role="kpps", region_id=LENGGANG, person=person)
    response = _login(kpps).get(reverse("documents:index", args=[gantung.election.slug]))
    assert response.status_code == 403


def test_the_regency_prints_a_lampiran_sk_of_a_kecamatan(gantung: Setup, kpu_beltim: User) -> None:
    client = _login(kpu_beltim)
    page = client.get(reverse("documents:index", args=[gantung.election.slug]))
    assert page.status_code == 200 and b"print-form" in page.content
    response = client.post(reverse("documents:index", args=[gantung.election.slug]), FORM)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = _text(response.content)
    assert b"Peserta Lenggang 1" in text and b"Peserta Selingsing" in text
    assert gantung.lenggang[0].person.nik.encode() not in text


def test_bad_dates_are_named_and_nothing_is_printed(gantung: Setup, kpu_beltim: User) -> None:
    response = _login(kpu_beltim).post(
        reverse("documents:index", args=[gantung.election.slug]), {**FORM, "date_to": "2024-01-01"}
    )
    assert response.status_code == 400
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai" in response.content.decode()


def test_a_large_batch_is_a_job_whose_file_is_downloaded(
    gantung: Setup, kpu_beltim: User, settings: object, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(services, "JOB_THRESHOLD", 5)  # 21 KPPS in Gantung
    client = _login(kpu_beltim)
    response = client.post(reverse("documents:index", args=[gantung.election.slug]), FORM)
    job = Job.objects.get(kind="documents.generate")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:job", args=[job.pk])
    job_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == "done" and job.result["count"] == 21
    detail = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert reverse("documents:job_file", args=[job.pk]) in detail
    download = client.get(reverse("documents:job_file", args=[job.pk]))
    content = b"".join(download.streaming_content)
    assert download.status_code == 200 and content.startswith(b"%PDF")
    assert b"Peserta Selingsing" in _text(content)


def test_templates_are_checked_and_saved_by_kpu_only(
    gantung: Setup, kpu_beltim: User, pps_lenggang: User
) -> None:
    url = reverse("documents:template", args=["izin"]) + "?region=19.06"
    values = {"title": "Permohonan izin", "body": "Yth. {{ instansi }}, mohon izin bagi {{ nama }}.",
              "number_pattern": "{{ urut }}/PP.05/{{ bulan_romawi }}/{{ tahun }}", "region": "19.06"}  # fmt: skip
    lenggang = reverse("documents:template", args=["izin"]) + f"?region={LENGGANG}"
    assert _login(pps_lenggang).post(lenggang, {**values, "region": LENGGANG}).status_code == 403
    client = _login(kpu_beltim)
    refused = client.post(url, {**values, "body": "Yth. {{ gaji }}"})
    assert (
        refused.status_code == 400
        and "Isi:" in refused.content.decode()
        and "gaji" in refused.content.decode()
    )
    assert not DocumentTemplate.objects.exists()
    assert client.post(url, values).status_code == 302
    assert selectors.template_for("izin", LENGGANG).body == values["body"]  # the desa inherits its regency's
    assert "Wilayah ini memakai templat 19.06" in _login(pps_lenggang).get(lenggang).content.decode()


def test_rates_are_set_by_kpu_and_refused_when_negative(gantung: Setup, kpu_beltim: User) -> None:
    client = _login(kpu_beltim)
    url = reverse("documents:rates") + "?region=19.06"
    bad = client.post(url, {"region": "19.06", "body": "kpps", "transport": -1, "honorarium": 0})
    assert bad.status_code == 400 and not Rate.objects.exists()
    ok = client.post(url, {"region": "19.06", "body": "kpps", "transport": 150000, "honorarium": 100000})
    assert ok.status_code == 302
    assert "Rp150.000" in client.get(url).content.decode() or "Rp150,000" in client.get(url).content.decode()
    assert selectors.rates_for(LENGGANG)["kpps"].transport_per_day == 150000


def test_the_command_writes_the_honorarium_list(
    gantung: Setup, kpu_beltim: User, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    person = gantung.lenggang[0].person
    for part in ("pagi", "siang"):
        attendance_check_in(session=gantung.session, person=person, part=part, key=f"k-{gantung.session.pk}-{person.pk}-{part}", method="qr",
                            actor=kpu_beltim, at=on_the_day(gantung.session))  # fmt: skip
    out = tmp_path / "honor.xlsx"
    call_command("documents", "honorarium", "--election", gantung.election.slug, "--region", "19.06",
                 "--from", str(DAY), "--to", str(DAY + dt.timedelta(days=2)), "--out", str(out), "--json")  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    assert report["count"] == 1 and report["path"] == str(out)
    cells = [
        c
        for row in load_workbook(io.BytesIO(out.read_bytes())).active.iter_rows(values_only=True)
        for c in row
    ]
    assert person.name in cells and person.nik not in cells
