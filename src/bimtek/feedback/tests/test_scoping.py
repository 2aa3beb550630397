"""Every feedback URL is scoped: another regency's admin gets 404, the neighbouring desa's PPS sees none of
Lenggang's answers, a KPPS account sees no results, a facilitator sees their own ratings; the form is public."""

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.accounts.services import user_create
from bimtek.conftest import LENGGANG, PASSWORD
from bimtek.feedback.models import Survey as SurveyRow
from bimtek.feedback.services import survey_token
from bimtek.feedback.tests.helpers import Survey, answer
from bimtek.site.tests.urlwalk import namespace_url_names

pytestmark = pytest.mark.django_db

PUBLIC = {"feedback:fill"}
POSTS = {"feedback:survey_close"}


@pytest.fixture
def urls(survey: Survey) -> dict[str, str]:
    s, slug = survey.session.pk, survey.session.plan.election.slug
    return {
        "feedback:survey": reverse("feedback:survey", args=[s]),
        "feedback:survey_close": reverse("feedback:survey_close", args=[s]),
        "feedback:fill": reverse("feedback:fill", args=[survey_token(s)]),
        "feedback:results": reverse("feedback:results", args=[slug]) + "?region=19.06",
        "feedback:results_xlsx": reverse("feedback:results_xlsx", args=[slug]) + "?region=19.06",
    }


@pytest.fixture
def answered(survey: Survey) -> Survey:
    for a in survey.lenggang[:5]:
        answer(survey, a, 5, [5, 5, 5], [5, 4], remarks="Rahasia Lenggang")
    answer(survey, survey.selingsing[0], 2, [2, 2, 2], [1, 2], remarks="Catatan Selingsing")
    return survey


def _call(client: Client, name: str, url: str) -> int:
    return (client.post(url) if name in POSTS else client.get(url)).status_code


def test_it_has_a_scoping_case_for_every_feedback_url(urls: dict[str, str]) -> None:
    assert namespace_url_names("feedback") == set(urls)


def test_another_regencys_admin_gets_404_everywhere(urls: dict[str, str], kpu_purbalingga: User) -> None:
    client = Client()
    client.force_login(kpu_purbalingga)
    for name, url in urls.items():
        if name not in PUBLIC:
            assert _call(client, name, url) == 404, name


def test_anonymous_is_sent_to_login_except_for_the_form(urls: dict[str, str]) -> None:
    client = Client()
    for name, url in urls.items():
        assert _call(client, name, url) == (200 if name in PUBLIC else 302), name


def test_beltims_admin_reaches_every_page_and_closes_the_survey(
    urls: dict[str, str], kpu_beltim: User
) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    for name in ("feedback:survey", "feedback:results", "feedback:results_xlsx"):
        assert client.get(urls[name]).status_code == 200, name
    assert client.post(urls["feedback:survey_close"]).status_code == 302
    assert SurveyRow.objects.get().closed_by == kpu_beltim


def test_the_neighbouring_pps_sees_none_of_lenggangs_answers(
    urls: dict[str, str], answered: Survey, pps_neighbour: User, pps_lenggang: User
) -> None:
    client = Client()
    client.force_login(pps_neighbour)
    page = client.get(urls["feedback:survey"]).content.decode()
    assert "Catatan Selingsing" in page and "Rahasia Lenggang" not in page
    results = client.get(
        reverse("feedback:results", args=[answered.session.plan.election.slug])
    ).content.decode()
    assert "n = 1" in results and "n = 6" not in results
    assert client.get(urls["feedback:results"].replace("19.06", LENGGANG)).status_code == 404
    client.force_login(pps_lenggang)
    page = client.get(urls["feedback:survey"]).content.decode()
    assert "Rahasia Lenggang" in page and "Catatan Selingsing" not in page


def test_a_kpps_account_sees_no_results(urls: dict[str, str], answered: Survey) -> None:
    kpps = user_create(
        username="kpps-x", password=PASSWORD, role="kpps", region_code=LENGGANG, actor="t",
        person_id=answered.lenggang[0].person_id,
    )  # fmt: skip
    client = Client()
    client.force_login(kpps)
    for name, url in urls.items():
        if name not in PUBLIC | {"feedback:survey"}:
            assert _call(client, name, url) in (403, 404), name  # 403: not a participant's page at all
    # The session's survey link takes the participant to the form itself, never to the results.
    survey = client.get(urls["feedback:survey"])
    assert survey.status_code == 302 and "/isi/" in survey["Location"]
    form = client.get(survey["Location"]).content.decode()
    assert "Rahasia Lenggang" not in form and 'name="code"' not in form
    own = client.get(reverse("participants:home")).content.decode()  # their own space links the form
    assert "Isi evaluasi sesi" in own and survey["Location"] in own
    assert client.get(reverse("delivery:session", args=[answered.session.pk])).status_code == 403


def test_a_facilitator_sees_all_ratings_of_themselves_but_no_one_elses_outside_their_desa(
    urls: dict[str, str], answered: Survey
) -> None:
    selingsing_facilitator = answered.facilitators[1]
    pps = user_create(
        username="pps-fasilitator", password=PASSWORD, role="pps", region_code="19.06.02.2002", actor="t",
        person_id=selingsing_facilitator.pk,
    )  # fmt: skip
    client = Client()
    client.force_login(pps)
    page = client.get(
        reverse("feedback:results", args=[answered.session.plan.election.slug])
    ).content.decode()
    facilitators = page.split('id="per-facilitator"')[1].split("</table>")[0]
    # their own row counts all six answers; their colleague's only the one from their desa
    assert f'data-key="{selingsing_facilitator.pk}"' in facilitators
    own = facilitators.split(f'data-key="{selingsing_facilitator.pk}"')[1].split("</tr>")[0]
    other = facilitators.split(f'data-key="{answered.facilitators[0].pk}"')[1].split("</tr>")[0]
    assert "<td>6</td>" in own and "<td>1</td>" in other
