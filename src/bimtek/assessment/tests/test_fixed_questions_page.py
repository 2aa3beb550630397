"""The fixed-questions editor: a national KPU admin picks the bank's questions and their order on the
page, and then every participant gets those questions in that order. Bad lists are refused with a
coded error naming the field, and nothing is stored. Participants and PPS never open the editor."""

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.accounts.services import user_create
from bimtek.assessment.attempts import attempts_issue, versions_of
from bimtek.assessment.models import Attempt, FormMode, Question, TestForm
from bimtek.assessment.tests.conftest import kpps_form
from bimtek.audit.models import AuditEntry
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.workforce.models import Appointment

pytestmark = pytest.mark.django_db


def ids(election: Election, *codes: str) -> list[int]:
    by_code = dict(Question.objects.filter(election=election, code__in=codes).values_list("code", "pk"))
    return [by_code[c] for c in codes]


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def editor(form: TestForm) -> str:
    return reverse("assessment:form_fixed", args=[form.pk])


def choose(client: Client, form: TestForm, order: dict[int, str]) -> object:
    """Tick each question and type its order number, as the operator does on the page."""
    data: dict[str, object] = {"q": [str(pk) for pk in order]}
    data.update({f"order_{pk}": position for pk, position in order.items()})
    return client.post(editor(form), data)


def test_it_gives_every_participant_the_chosen_questions_in_the_chosen_order(
    lenggang_crews: Election, kpu_ri: User
) -> None:
    form = kpps_form(lenggang_crews)
    ph2, tk1, pg3 = ids(lenggang_crews, "PH-002", "TK-001", "PG-003")
    # ticked in list order, numbered otherwise: the numbers decide
    response = choose(login(kpu_ri), form, {tk1: "2", pg3: "3", ph2: "1"})
    assert response.status_code == 302 and response["Location"] == reverse("assessment:form", args=[form.pk])
    form.refresh_from_db()
    assert (form.mode, form.fixed_questions) == (FormMode.FIXED, [ph2, tk1, pg3])
    assert AuditEntry.objects.get(action="assessment.form_fix_questions").after["fixed_questions"] == [
        ph2,
        tk1,
        pg3,
    ]

    attempts_issue(form=form, region_code=LENGGANG, mode="online", actor="test", scope=Scope(None, None))
    attempts = list(Attempt.objects.filter(form=form))
    assert len(attempts) == 14  # every KPPS of the two Lenggang crews
    for attempt in attempts:
        assert [v.question_id for v in versions_of(attempt)] == [ph2, tk1, pg3]


def test_it_lists_the_programs_bank_by_module_with_the_chosen_first(
    lenggang_crews: Election, kpu_ri: User
) -> None:
    form = kpps_form(lenggang_crews)
    chosen = ids(lenggang_crews, "PH-003", "TK-002")
    TestForm.objects.filter(pk=form.pk).update(mode=FormMode.FIXED, fixed_questions=chosen)
    client = login(kpu_ri)
    page = client.get(editor(form)).content.decode()
    assert "LM-001" not in page  # the Linmas bank is not a module of the KPPS program
    assert page.index("PH-003") < page.index("TK-002") < page.index("TK-001")  # chosen, in order, first
    assert Question.objects.get(code="TK-001").current.text in page  # the operator reads the question

    filtered = client.get(editor(form) + "?modul=tata-kerja").content.decode()
    assert "TK-001" in filtered and "PG-001" not in filtered
    # PH-003 is outside the filter: carried as hidden fields so saving the page keeps it in place
    assert f'type="hidden" name="q" value="{chosen[0]}"' in filtered
    assert f'name="order_{chosen[0]}" value="1"' in filtered


def test_saving_a_filtered_page_keeps_the_questions_of_other_modules(
    lenggang_crews: Election, kpu_ri: User
) -> None:
    form = kpps_form(lenggang_crews)
    ph3, tk2, tk1 = ids(lenggang_crews, "PH-003", "TK-002", "TK-001")
    TestForm.objects.filter(pk=form.pk).update(mode=FormMode.FIXED, fixed_questions=[ph3, tk2])
    # the tata-kerja page posts its own rows plus PH-003's hidden fields
    response = choose(login(kpu_ri), form, {ph3: "1", tk2: "3", tk1: "2"})
    assert response.status_code == 302
    form.refresh_from_db()
    assert form.fixed_questions == [ph3, tk1, tk2]


@pytest.mark.parametrize(
    ("case", "code", "field"),
    [
        ("nothing", "fixed_questions_empty", "questions"),
        ("unknown", "fixed_question_unknown", "questions"),
        ("not_a_number", "fixed_question_unknown", "questions"),
        ("twice", "fixed_question_duplicate", "questions"),
        ("other_program", "fixed_question_outside_program", "questions"),
        ("other_election", "fixed_question_unknown", "questions"),
        ("inactive", "fixed_question_inactive", "questions"),
        ("bad_order", "fixed_order_invalid", "order_{tk1}"),
    ],
)
def test_it_refuses_a_bad_list_with_a_coded_error_naming_the_field_and_stores_nothing(
    lenggang_crews: Election, pilkada: Election, kpu_ri: User, case: str, code: str, field: str
) -> None:
    form = kpps_form(lenggang_crews)
    [tk1] = ids(lenggang_crews, "TK-001")
    [lm1] = ids(lenggang_crews, "LM-001")
    elsewhere = Question.objects.create(election=pilkada, bank="tata-kerja", code="TK-001")
    retired = Question.objects.get(election=lenggang_crews, code="TK-002")
    retired.active = False
    retired.save(update_fields=["active"])
    data = {
        "nothing": {},
        "unknown": {"q": [str(tk1), "987654"]},
        "not_a_number": {"q": [str(tk1), "TK-001"]},
        "twice": {"q": [str(tk1), str(tk1)]},
        "other_program": {"q": [str(tk1), str(lm1)]},
        "other_election": {"q": [str(elsewhere.pk)]},
        "inactive": {"q": [str(retired.pk)]},
        "bad_order": {"q": [str(tk1)], f"order_{tk1}": "pertama"},
    }[case]
    response = login(kpu_ri).post(editor(form), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'data-code="{code}"' in page and f'data-field="{field.format(tk1=tk1)}"' in page
    form.refresh_from_db()
    assert (form.mode, form.fixed_questions) == (FormMode.BLUEPRINT, [])
    assert not AuditEntry.objects.filter(action="assessment.form_fix_questions").exists()


def test_a_kpps_member_cannot_open_the_editor(lenggang_crews: Election) -> None:
    form = kpps_form(lenggang_crews)
    member = Appointment.objects.filter(election=lenggang_crews, body="kpps").first()
    kpps = user_create(
        username="kpps-lenggang",
        password="x" * 12,
        role="kpps",
        region_code=LENGGANG,
        actor="test",
        person_id=member.person_id,
    )
    client = login(kpps)
    page = client.get(editor(form))
    assert page.status_code == 403 and "TK-001" not in page.content.decode()
    [tk1] = ids(lenggang_crews, "TK-001")
    assert choose(client, form, {tk1: "1"}).status_code == 403
    form.refresh_from_db()
    assert form.fixed_questions == []


def test_a_pps_cannot_open_the_editor_and_a_regional_admin_only_reads_it(
    lenggang_crews: Election, pps_lenggang: User, kpu_beltim: User
) -> None:
    form = kpps_form(lenggang_crews)
    [tk1] = ids(lenggang_crews, "TK-001")
    assert login(pps_lenggang).get(editor(form)).status_code == 403
    regional = login(kpu_beltim)
    page = regional.get(editor(form))
    assert page.status_code == 200 and "Simpan soal tetap" not in page.content.decode()
    # the form is every region's: a regency's admin does not change it for the country
    assert choose(regional, form, {tk1: "1"}).status_code == 403
    form.refresh_from_db()
    assert form.fixed_questions == []
