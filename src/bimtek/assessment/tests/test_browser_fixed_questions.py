"""In a real browser: a national KPU admin picks a test's fixed questions from the bank, module by
module, numbers their order and saves; the participants' phones then show those questions in that order."""

import io

import pytest

from bimtek.accounts.scoping import Scope
from bimtek.assessment.attempts import versions_of
from bimtek.assessment.bank import questions_import_starter
from bimtek.assessment.curriculum import programs_seed
from bimtek.assessment.models import Attempt, FormMode, Question
from bimtek.assessment.tests.conftest import kpps_form
from bimtek.conftest import LENGGANG, load_tps
from bimtek.elections.models import Election
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.site.tests.browser import screenshot, sign_in
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def regions(transactional_db: None) -> None:
    # A transactional test starts from empty tables (the shared region list was flushed).
    if not Region.objects.exists():
        regions_import(path=bundled_regions_dir(), actor="test")


def test_the_admin_picks_fixed_questions_and_every_phone_shows_them_in_order(
    regions: None, browser: object, live_server: object, request: pytest.FixtureRequest
) -> None:
    election: Election = request.getfixturevalue("pemilu")
    load_tps(election, "19.06")
    programs_seed(election=election, actor="test")
    questions_import_starter(election=election, actor="test")
    people_import(
        election=election,
        source=io.BytesIO(csv_bytes(crew_rows(LENGGANG, [1]))),
        filename="p.csv",
        actor="test",
        scope=Scope(None, None),
    )
    request.getfixturevalue("kpu_ri")
    form = kpps_form(election)
    pk = dict(Question.objects.filter(election=election).values_list("code", "pk"))

    context = browser.new_context()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page = context.new_page()
    sign_in(page, live_server.url, "kpu-ri")
    page.goto(f"{live_server.url}/asesmen/tes/{form.pk}/")  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page.click("#fixed-link")
    page.click("text=penghitungan")  # the module filter
    page.check(f"#q{pk['PH-002']}")
    page.fill(f"input[name=order_{pk['PH-002']}]", "2")
    page.check(f"#q{pk['PH-001']}")
    page.fill(f"input[name=order_{pk['PH-001']}]", "1")
    page.click("text=Simpan soal tetap")
    page.wait_for_url(f"**/asesmen/tes/{form.pk}/")
    form.refresh_from_db()
    assert (form.mode, form.fixed_questions) == (FormMode.FIXED, [pk["PH-001"], pk["PH-002"]])

    page.goto(f"{live_server.url}/asesmen/tes/{form.pk}/soal-tetap/?modul=tata-kerja")  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    page.check(f"#q{pk['TK-003']}")
    # the other module's two are listed with their numbers, kept by the page, so 3 comes after them
    assert "PH-001" in page.locator("#kept").inner_text()
    page.fill(f"input[name=order_{pk['TK-003']}]", "3")
    screenshot(page, "assessment-fixed-questions")
    page.click("text=Simpan soal tetap")
    page.wait_for_url(f"**/asesmen/tes/{form.pk}/")
    form.refresh_from_db()
    assert form.fixed_questions == [pk["PH-001"], pk["PH-002"], pk["TK-003"]]

    page.click("text=Terbitkan tautan tes (HP)")
    page.wait_for_load_state()
    attempts = list(Attempt.objects.filter(form=form))
    assert len(attempts) == 7
    for attempt in attempts:
        assert [v.question_id for v in versions_of(attempt)] == form.fixed_questions
    page.goto(f"{live_server.url}/asesmen/t/{attempts[0].code}/")  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    texts = page.locator("fieldset.q .qtext").all_inner_texts()
    wanted = [Question.objects.get(pk=q).current.text for q in form.fixed_questions]
    assert len(texts) == 3 and all(w in t for w, t in zip(wanted, texts, strict=True))
    context.close()
