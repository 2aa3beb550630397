"""A participant answers once, from their phone, with the session's signed link and their card's code."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.services import user_create
from bimtek.audit.models import AuditEntry
from bimtek.conftest import LENGGANG, PASSWORD
from bimtek.feedback.models import FacilitatorRating, ModuleRating, Response
from bimtek.feedback.selectors import open_days, survey_state
from bimtek.feedback.services import (
    respondent_of,
    response_submit,
    session_of_token,
    survey_close,
    survey_token,
)
from bimtek.feedback.tests.helpers import Survey, answer, answers, code_of
from bimtek.lib.errors import DomainError
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db


def _url(survey: Survey) -> str:
    return reverse("feedback:fill", args=[survey_token(survey.session.pk)])


def _full_post(survey: Survey, code: str, remarks: str = "") -> dict[str, object]:
    data: dict[str, object] = {"code": code, "satisfaction": 4, "remarks": remarks}
    data |= {f"m{m.pk}": 5 for m in survey.modules}
    data |= {f"f{p.pk}": 4 for p in survey.facilitators}
    return data


def test_it_takes_a_participants_answers_once_and_refuses_the_second_submit(survey: Survey) -> None:
    client, url, code = Client(), _url(survey), code_of(survey.lenggang[0])
    step1 = client.post(url, {"code": code}).content.decode()
    assert "Tata kerja dan kode etik KPPS" in step1 and "Bu Fasilitator Lenggang" in step1
    done = client.post(url, _full_post(survey, code, remarks="  Simulasi lebih lama.  "))
    assert "Terima kasih" in done.content.decode()
    again = client.post(url, _full_post(survey, code))
    assert again.status_code == 409 and "sudah mengisi" in again.content.decode()
    response = Response.objects.get()
    assert response.remarks == "Simulasi lebih lama." and response.satisfaction == 4
    assert ModuleRating.objects.count() == 3 and FacilitatorRating.objects.count() == 2
    assert response.region_code == LENGGANG


def test_the_database_refuses_a_second_response_even_past_the_service(survey: Survey) -> None:
    answer(survey, survey.lenggang[0], 5, [5, 5, 5], [5, 5])
    with pytest.raises(DomainError) as err:
        answer(survey, survey.lenggang[0], 1, [1, 1, 1], [1, 1])
    assert err.value.code == "already_answered"
    first = Response.objects.get()
    with pytest.raises(Exception, match="(?i)unique"):
        Response.objects.create(
            session=survey.session,
            program=survey.program,
            respondent=respondent_of(survey.session.pk, survey.lenggang[0].person_id),
            region_code=LENGGANG,
            satisfaction=1,
            submitted_on=first.submitted_on,
        )


def test_it_stores_no_person_in_the_response(survey: Survey) -> None:
    a = survey.lenggang[0]
    answer(survey, a, 4, [4, 4, 4], [4, 4])
    answer(survey, survey.lenggang[1], 4, [4, 4, 4], [4, 4])
    assert not any(f.related_model is Person for f in Response._meta.get_fields())
    first, second = Response.objects.order_by("pk").values_list("respondent", flat=True)
    assert first != second and len(first) == 64
    log = AuditEntry.objects.filter(action="feedback.response")
    assert log.count() == 2 and {e.actor_label for e in log} == {"peserta (anonim)"}
    assert {e.object_id for e in log} == {str(survey.session.pk)} and {e.actor_id for e in log} == {None}


def test_a_kpps_account_answers_without_a_code(survey: Survey) -> None:
    a = survey.lenggang[1]
    user = user_create(
        username="kpps-1",
        password=PASSWORD,
        role="kpps",
        region_code=LENGGANG,
        actor="t",
        person_id=a.person_id,
    )
    client = Client()
    client.force_login(user)
    page = client.get(_url(survey)).content.decode()
    assert "Pemungutan dan penghitungan suara" in page and 'name="code" value=""' not in page
    client.post(_url(survey), _full_post(survey, ""))
    assert Response.objects.filter(respondent=respondent_of(survey.session.pk, a.person_id)).exists()


def test_it_refuses_a_forged_link_a_forged_code_and_a_non_participant(survey: Survey) -> None:
    client, url = Client(), _url(survey)
    forged_link = url.replace(url.split(":")[-1].rstrip("/"), "AAAAAAAAAAAAAAAAAAAAAAAAAAA")
    assert client.get(forged_link).status_code == 404
    forged = code_of(survey.lenggang[0])[:-3] + "xyz"
    page = client.post(url, _full_post(survey, forged))
    assert page.status_code == 403 and "Kode peserta tidak dikenal" in page.content.decode()
    outsider = Person.objects.get(name="Bu Fasilitator Lenggang")  # a facilitator, not a participant
    page = client.post(url, _full_post(survey, code_of_person(outsider.pk)))
    assert page.status_code == 403 and "bukan milik peserta" in page.content.decode()
    assert Response.objects.count() == 0


def code_of_person(person_id: int) -> str:
    from bimtek.delivery.services import participant_token

    return participant_token(person_id)


def test_a_missing_answer_is_named_and_nothing_is_stored(survey: Survey) -> None:
    data = _full_post(survey, code_of(survey.lenggang[0]))
    del data[f"m{survey.modules[1].pk}"]
    data["remarks"] = "x" * 501
    page = Client().post(_url(survey), data).content.decode()
    assert "Pilih nilai 1-5 untuk: 2. Tata kerja dan kode etik KPPS" in page
    assert "paling panjang 500 huruf" in page
    assert Response.objects.count() == 0


def test_the_service_refuses_incomplete_answers(survey: Survey) -> None:
    partial = answers(survey, 4, [4, 4, 4], [4, 4])
    partial.modules.pop(survey.modules[0].pk)
    with pytest.raises(DomainError) as err:
        response_submit(session=survey.session, person_id=survey.lenggang[0].person_id, answers=partial)
    assert err.value.code == "answers_invalid" and Response.objects.count() == 0


def test_it_closes_after_the_configured_days_and_when_the_operator_closes(
    survey: Survey, kpu_beltim, settings
) -> None:  # type: ignore[no-untyped-def]  # pytest fixtures (settings, client, ...) are passed untyped
    settings.FEEDBACK_OPEN_DAYS = 3
    late = survey.session.date + dt.timedelta(days=open_days() + 1)
    a = survey.lenggang[0]
    with pytest.raises(DomainError) as err:
        response_submit(
            session=survey.session,
            person_id=a.person_id,
            answers=answers(survey, 4, [4] * 3, [4] * 2),
            today=late,
        )
    assert err.value.code == "closed"
    survey_close(session=survey.session, actor=kpu_beltim)
    page = Client().post(_url(survey), _full_post(survey, code_of(a)))
    assert page.status_code == 403 and "sudah ditutup" in page.content.decode()
    assert Response.objects.count() == 0


def test_it_opens_on_the_session_day_and_a_cancelled_session_takes_no_answers(survey: Survey) -> None:
    day = survey.session.date
    assert survey_state(survey.session, day - dt.timedelta(days=1)).code == "not_yet"
    assert survey_state(survey.session, day + dt.timedelta(days=open_days())).code == "open"
    assert survey_state(survey.session, day + dt.timedelta(days=open_days() + 1)).code == "closed"
    survey.session.status = "cancelled"
    survey.session.save(update_fields=["status"])
    assert survey_state(survey.session, day).code == "closed"


def test_the_link_names_only_the_session(survey: Survey) -> None:
    token = _url(survey).split("/")[-2]
    assert token.startswith(f"s{survey.session.pk}:") and session_of_token(token) == survey.session.pk
    assert session_of_token(f"s{survey.session.pk + 1}:" + token.split(":")[1]) is None
