"""In a real browser on a phone: a KPPS member signs in with a code sent by SMS, sees their own session and
nothing of the operator's, takes the post-test with the connection cut in the middle, gets their result and
downloads their certificate."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import override_settings

from bimtek.assessment.attempts import versions_of
from bimtek.assessment.models import Attempt, AttemptStatus
from bimtek.conftest import BELTIM, load_tps
from bimtek.delivery.models import Certificate
from bimtek.elections.models import Election
from bimtek.messaging.gateways import RecordingGateway
from bimtek.participants.tests.world import build
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.site.tests.browser import PHONE, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OPERATOR_MENU = ("Rencana", "Kesiapan", "Asesmen", "Bank soal", "Petugas", "Impor", "Audit")


@pytest.fixture
def regions(transactional_db: None) -> None:
    if not Region.objects.exists():  # a transactional test starts from empty tables
        regions_import(path=bundled_regions_dir(), actor="test")


def _answer_right(page: object, attempt: Attempt, position: int) -> None:
    version = versions_of(attempt)[position]
    field = page.locator(f'fieldset.q[data-position="{position}"]')  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    if version.kind == "num":
        field.locator("input[type=number]").fill(str(version.answer))
        field.locator("input[type=number]").press("Tab")
    else:
        field.locator(f'input[type=radio][value="{version.answer}"]').check()


@override_settings(
    BIMTEK_TODAY=dt.date(2024, 1, 25),
    BIMTEK_SMS_GATEWAY="bimtek.messaging.gateways.RecordingGateway",
)
def test_a_kpps_member_signs_in_takes_the_post_test_offline_and_gets_the_certificate(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest
) -> None:
    election: Election = request.getfixturevalue("pemilu")
    load_tps(election, BELTIM)
    world = build(election, post_test_taken=False)
    member = world.crew[0].person
    RecordingGateway.sent.clear()

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page = context.new_page()
    url = live_server.url  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page.goto(f"{url}/akun/masuk/")
    page.click("text=Masuk dengan kode SMS")
    page.fill("input[name=nik]", member.nik)
    page.click("button[type=submit]")
    page.wait_for_url("**/saya/masuk/kode/")
    ((to, text),) = RecordingGateway.sent
    assert to.endswith(member.phone[-7:]) and member.nik not in text
    code = re.search(r"\b(\d{6})\b", text).group(1)  # type: ignore[union-attr]  # re.search is None only on a failed test, which the AttributeError reports
    page.fill("input[name=code]", code)
    page.click("button[type=submit]")
    page.wait_for_url("**/saya/")

    home = page.locator("main").inner_text()
    assert "26 Januari 2024" in home and "Balai Desa Lenggang" in home and "Jl. Raya Lenggang 1" in home
    nav = page.locator("body > header").inner_text()
    assert not [word for word in OPERATOR_MENU if word in nav], nav
    screenshot(page, "participant-home-phone")

    post = Attempt.objects.get(pk=world.post.pk)
    page.locator("article.my-test", has_text=post.form.get_stage_display()).locator("a").click()
    page.wait_for_url(f"**/asesmen/t/{post.code}/")
    total = page.locator("fieldset.q").count()
    for position in range(total // 2):
        _answer_right(page, post, position)
    page.wait_for_function("() => document.getElementById('net').textContent.includes('tersimpan')")
    context.set_offline(True)  # the signal drops in the middle of the test
    for position in range(total // 2, total):
        _answer_right(page, post, position)
    page.click("#submit")
    page.wait_for_function("() => document.getElementById('submit-note').textContent.includes('sinyal')")
    context.set_offline(False)
    page.wait_for_selector("#result", timeout=15_000)
    assert "Lulus" in page.locator("#result").inner_text()
    post.refresh_from_db()
    assert post.status == AttemptStatus.SUBMITTED and post.passed
    screenshot(page, "participant-result-phone")

    page.goto(f"{url}/saya/#sertifikat")
    page.click("text=Terbitkan sertifikat saya")
    page.wait_for_selector("text=Unduh sertifikat (PDF)")
    screenshot(page, "participant-certificate-phone")
    certificate = Certificate.objects.get(person=member, program=world.program)
    pdf = context.request.get(f"{url}/pelaksanaan/sertifikat/{certificate.pk}.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    assert context.request.get(f"{url}/asesmen/e/{election.slug}/soal.xlsx").status == 403
    context.close()
