"""Cascade analytics on a stored scenario: Lenggang's two crews, three facilitators, the page, exports, CLI.

Session 1 (held, TPS 001): facilitators Ani and Budi together; its 7 KPPS passed with 90%.
Session 2 (planned, TPS 002): Citra alone; its 7 KPPS failed with 50% (pre-test 40%).
Ani's unit (PPS Lenggang) had its ToT on 10 January, where she scored 85%.
"""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.analytics.cascade import region_cascade
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.elections.models import TPS, Election

pytestmark = pytest.mark.django_db
WAVE = dt.date(2024, 1, 10)


@pytest.fixture
def cascade_story(beltim_tps: Election, lenggang_story: dict[int, TPS]) -> Election:
    from bimtek.assessment.models import Attempt, Program, TestForm
    from bimtek.planner.models import SessionFacilitator, SessionGroup, TrainingPlan, TrainingSession, Venue
    from bimtek.workforce.models import Appointment, Person
    from bimtek.workforce.nik import make_nik

    election = beltim_tps
    people = {
        name: Person.objects.create(
            nik=make_nik("19.06.02", dt.date(1980, 1, 1), "L", 900 + i),
            name=name,
            birth_date=dt.date(1980, 1, 1),
            sex="L",
            region_id=LENGGANG,
        )
        for i, name in enumerate(["Ani", "Budi", "Citra"])
    }
    for seat, person in enumerate(people.values(), start=1):
        Appointment.objects.create(
            election=election, person=person, body="pps", region_id=LENGGANG, seat=seat
        )
    sessions = {g.tps.number: g.session for g in SessionGroup.objects.filter(tps__village_id=LENGGANG)}
    for name, number in (("Ani", 1), ("Budi", 1), ("Citra", 2)):
        SessionFacilitator.objects.create(session=sessions[number], person=people[name])
    tot = TrainingPlan.objects.create(
        election=election, tier="tot", region_id="19.06.02", start=WAVE, end=WAVE
    )
    venue = Venue.objects.get(name="Balai Desa Lenggang")
    tot_session = TrainingSession.objects.create(
        plan=tot, venue=venue, date=WAVE, slot=1, status="held", region_code=LENGGANG
    )
    SessionGroup.objects.create(
        plan=tot, session=tot_session, key=f"pps-{LENGGANG}", body="pps", region_code=LENGGANG, participants=3
    )
    tot_form = TestForm.objects.create(
        program=Program.objects.create(election=election, kind="tot", name="ToT"), stage="post"
    )
    kpps_post = TestForm.objects.get(program__kind="kpps", stage="post")
    kpps_pre = TestForm.objects.create(program=kpps_post.program, stage="pre")

    def attempt(form: TestForm, person_id: int, percent: float, code: str) -> None:
        Attempt.objects.create(
            form=form, person_id=person_id, region_id=LENGGANG, code=code, seed=1, items=b"", answers=b"",
            status="submitted", score=int(percent / 10), percent=percent, passed=percent >= 70,
        )  # fmt: skip

    attempt(tot_form, people["Ani"].pk, 85.0, "TOT1")
    crew2 = Appointment.objects.filter(tps=lenggang_story[2], body="kpps")
    for i, a in enumerate(crew2):
        attempt(kpps_post, a.person_id, 50.0, f"B{i:03d}")
        attempt(kpps_pre, a.person_id, 40.0, f"P{i:03d}")
    return election


def test_it_attributes_trainees_to_their_session_facilitators(cascade_story: Election) -> None:
    report = region_cascade(election=cascade_story, scope=Scope(None, None), region_code=BELTIM).report
    rows = {r.facilitator.name: r for r in report.facilitators}
    assert report.region.n == 14 and report.region.passed == 7 and report.attributed == 14
    ani, budi, citra = rows["Ani"], rows["Budi"], rows["Citra"]
    assert (ani.summary.n, ani.summary.passed, ani.shared) == (7, 7, 7), "shared with Budi"
    assert (budi.summary.n, budi.summary.passed) == (7, 7)
    assert (citra.summary.n, citra.summary.passed, citra.shared) == (7, 0, 0)
    assert citra.summary.post_mean == pytest.approx(50.0) and citra.summary.gain_mean == pytest.approx(10.0)
    assert citra.weak, "0 of 7: Wilson upper 0.35 lies below the region's 0.5"
    assert not ani.weak
    assert report.facilitators[0].facilitator.name == "Citra"
    assert ani.facilitator.wave == WAVE and ani.facilitator.tot_score == 85.0
    assert citra.facilitator.wave == WAVE and citra.facilitator.tot_score is None
    assert [w.wave for w in report.waves] == [WAVE] and report.waves[0].summary.n == 14


def test_it_shows_the_page_and_every_export_opens(cascade_story: Election, kpu_beltim: User) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    page = client.get(reverse("analytics:cascade", args=[cascade_story.slug]))
    text = page.content.decode()
    assert page.status_code == 200 and "Citra" in text and "lemah" in text and "<svg" in text
    dashboard = client.get(reverse("readiness:region", args=[cascade_story.slug, BELTIM])).content.decode()
    assert reverse("analytics:cascade", args=[cascade_story.slug]) in dashboard
    for table in ("fasilitator", "gelombang", "modul"):
        response = client.get(
            reverse("analytics:cascade_xlsx", args=[cascade_story.slug, table]) + f"?region={BELTIM}"
        )
        assert response.status_code == 200, table
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None and sheet.max_row >= 1
    fac = load_workbook(
        io.BytesIO(
            client.get(
                reverse("analytics:cascade_xlsx", args=[cascade_story.slug, "fasilitator"])
                + f"?region={BELTIM}"
            ).content
        )
    ).active
    assert fac is not None and fac.cell(2, 1).value == "Citra" and fac.cell(2, 13).value == "ya"


def test_kpu_ri_enters_by_the_kabupaten_that_have_results(
    cascade_story: Election, kpu_ri: User, kpu_purbalingga: User
) -> None:
    from bimtek.assessment.models import Attempt

    submitted = Attempt.objects.filter(
        form__program__kind="kpps", form__stage="post", status="submitted", number=1
    )
    client = Client()
    client.force_login(kpu_ri)
    page = client.get(reverse("analytics:cascade", args=[cascade_story.slug])).content.decode()
    entries = page.split('id="entries"')[1].split("</table>")[0]
    assert "Belitung Timur" in entries and f"?region={BELTIM}" in entries
    assert f">{submitted.count()}<" in entries and f">{submitted.filter(passed=True).count()}<" in entries
    assert "Purbalingga" not in entries  # no results there: only in the list of all kabupaten
    other = Client()
    other.force_login(kpu_purbalingga)  # a kabupaten user goes straight to its own page, no national list
    assert (
        'id="entries"'
        not in other.get(reverse("analytics:cascade", args=[cascade_story.slug])).content.decode()
    )


def test_it_prints_json(cascade_story: Election) -> None:
    out = io.StringIO()
    call_command(
        "readiness", "cascade", "--election", cascade_story.slug, "--region", BELTIM, "--json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["region"]["n"] == 14
    citra = next(r for r in data["facilitators"] if r["facilitator"]["name"] == "Citra")
    assert citra["weak"] is True and citra["facilitator"]["wave"] == WAVE.isoformat()


def test_it_keeps_the_page_to_kpu_and_ppk_within_their_region(
    cascade_story: Election, kpu_purbalingga: User, pps_lenggang: User, kpu_ri: User
) -> None:
    url = reverse("analytics:cascade", args=[cascade_story.slug])
    outsider = Client()
    outsider.force_login(kpu_purbalingga)
    assert outsider.get(url + f"?region={BELTIM}").status_code == 404
    own = outsider.get(url).content.decode()
    assert "Citra" not in own
    pps = Client()
    pps.force_login(pps_lenggang)
    assert pps.get(url + f"?region={LENGGANG}").status_code == 404
    national = Client()
    national.force_login(kpu_ri)
    assert "Citra" in national.get(url + f"?region={BELTIM}").content.decode()
    chooser = national.get(url).content.decode()
    assert "Atau pilih kabupaten/kota" in chooser and "Citra" not in chooser, "KPU RI picks a kabupaten first"


def test_it_finds_the_weak_module_from_the_packed_answers(cascade_story: Election) -> None:
    from bimtek.assessment.models import Attempt, Module, Question, QuestionVersion
    from bimtek.assessment.packing import pack

    post = Attempt.objects.filter(form__program__kind="kpps", form__stage="post")
    program = post.first().form.program  # type: ignore[union-attr]  # the fixture world has a post-test attempt
    versions = []
    for position, (bank, title) in enumerate((("pungut", "Pemungutan"), ("hitung", "Penghitungan")), start=1):
        Module.objects.create(program=program, position=position, bank=bank, title=title, minutes=60)
        question = Question.objects.create(election=cascade_story, bank=bank, code=f"Q{position}")
        versions.append(
            QuestionVersion.objects.create(
                question=question, number=1, kind="tf", text="?", options=["Benar", "Salah"], answer=0
            )
        )
    ids = pack([v.pk for v in versions])
    # TPS 001 (passed) answer both right; TPS 002 (failed) get Penghitungan wrong
    post.filter(passed=True).update(items=ids, answers=pack([0, 0]))
    post.filter(passed=False).update(items=ids, answers=pack([0, 1]))
    report = region_cascade(election=cascade_story, scope=Scope(None, None), region_code=BELTIM).report
    pungut, hitung = report.modules
    assert (pungut.title, pungut.correct, pungut.answered, pungut.weak) == ("Pemungutan", 14, 14, False)
    assert (hitung.title, hitung.correct, hitung.answered) == ("Penghitungan", 7, 14)
    assert report.facility == pytest.approx(0.75)
    assert hitung.weak, "7 of 14: Wilson (0.27, 0.73) lies below the overall 0.75"


def test_it_gives_a_ppk_its_own_kecamatan_only(cascade_story: Election) -> None:
    from bimtek.accounts.services import user_create

    ppk = user_create(
        username="ppk-gantung", password="rahasia-uji-123", role="ppk", region_code="19.06.02", actor="t"
    )
    client = Client()
    client.force_login(ppk)
    url = reverse("analytics:cascade", args=[cascade_story.slug])
    assert "Citra" in client.get(url).content.decode(), "the PPK's own kecamatan by default"
    assert client.get(url + f"?region={BELTIM}").status_code == 404
