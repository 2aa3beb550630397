"""Completion, certificates and their QR link's verification: altered links fail, revoked says so.

The typed code has its own file, `test_certificate_typed_code.py`."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.assessment.models import Attempt, AttemptStatus, Program, Stage, TestForm
from bimtek.delivery.certificates import certificate_verify, certificates_issue, completed, sign
from bimtek.delivery.models import Certificate
from bimtek.delivery.services import attendance_check_in
from bimtek.delivery.tests.helpers import Setup
from bimtek.workforce.models import Person, Status
from bimtek.workforce.nik import make_nik
from bimtek.workforce.services import appointment_replace

pytestmark = pytest.mark.django_db


def test_the_completion_rule_needs_every_part_and_the_post_test() -> None:
    rule = {"required": ["pagi", "siang"], "require_post_test": True}
    assert completed(**rule, attended=["pagi", "siang"], post_test_passed=True) == ""
    assert completed(**rule, attended=["pagi"], post_test_passed=True) == "attendance_incomplete"
    assert completed(**rule, attended=["pagi", "siang"], post_test_passed=False) == "post_test_not_passed"
    assert (
        completed(**{**rule, "require_post_test": False}, attended=["siang", "pagi"], post_test_passed=False)
        == ""
    )


def _program_with_passes(setup: Setup, passed: list[Person]) -> Program:
    program = Program.objects.create(election=setup.election, kind="kpps", name="Bimtek KPPS")
    form = TestForm.objects.create(program=program, stage=Stage.POST)
    for i, person in enumerate(passed):
        Attempt.objects.create(
            form=form,
            person=person,
            region_id=person.region_id,
            code=f"ATT{i:05d}",
            seed=i,
            status=AttemptStatus.SUBMITTED,
            items=b"",
            answers=b"",
            score=8,
            percent=80.0,
            passed=True,
        )
    return program


def _attend(setup: Setup, person: Person, parts: list[str], actor: User) -> None:
    for part in parts:
        attendance_check_in(
            session=setup.session,
            person=person,
            part=part,
            key=f"k-{person.pk}-{part}",
            method="qr",
            actor=actor,
        )


@pytest.fixture
def issued(gantung: Setup, kpu_beltim: User) -> tuple[Setup, Program, list[Person]]:
    a, b, c = (gantung.lenggang[i].person for i in range(3))
    program = _program_with_passes(gantung, [a, c])
    _attend(gantung, a, ["pagi", "siang"], kpu_beltim)  # complete
    _attend(gantung, b, ["pagi", "siang"], kpu_beltim)  # no post-test pass
    _attend(gantung, c, ["pagi"], kpu_beltim)  # missed the afternoon
    result = certificates_issue(program=program, region_code="19.06", actor=kpu_beltim)
    assert (result.issued, result.incomplete) == (1, 20)
    again = certificates_issue(program=program, region_code="19.06", actor=kpu_beltim)
    assert (again.issued, again.already) == (0, 1)
    return gantung, program, [a, b, c]


def test_it_issues_only_to_who_completed_and_verifies_the_signed_code(issued: tuple) -> None:
    _, _, (a, _, _) = issued
    cert = Certificate.objects.get()
    assert cert.person == a and cert.completed_on == dt.date(2024, 1, 26)
    signed = sign(cert.code)
    assert certificate_verify(text=signed).code == "valid"
    code, signature = signed.split(":", 1)
    altered_code = ("B" if code[0] != "B" else "C") + code[1:] + ":" + signature
    altered_signature = code + ":" + signature[:-3] + ("AAA" if not signature.endswith("AAA") else "BBB")
    made_up = "ABCDEFGHJK:" + "x" * 43
    for forged in (altered_code, altered_signature, made_up):
        assert certificate_verify(text=forged).code == "forged", forged


def test_the_public_page_shows_only_name_and_program(issued: tuple) -> None:
    _, program, (a, _, _) = issued
    cert = Certificate.objects.get()
    page = Client().get(reverse("delivery:verify"), {"k": sign(cert.code)})
    text = page.content.decode()
    assert page.status_code == 200 and 'data-code="valid"' in text
    assert a.name in text and program.name in text
    assert a.nik not in text and a.nik[-6:] not in text and a.phone not in text and a.phone[-6:] not in text
    signed = sign(cert.code)
    tampered = signed[:-1] + ("R" if signed.endswith("Q") else "Q")  # always a different last character
    forged = Client().get(reverse("delivery:verify"), {"k": tampered}).content.decode()
    assert 'data-code="forged"' in forged and a.name not in forged


def test_a_replaced_workers_certificate_is_revoked(issued: tuple, kpu_beltim: User) -> None:
    setup, program, (a, _, _) = issued
    cert = Certificate.objects.get()
    newcomer = Person.objects.create(
        nik=make_nik("19.06.02", dt.date(1990, 1, 1), "L", 900),
        name="Pengganti",
        birth_date=dt.date(1990, 1, 1),
        sex="L",
        region_id=a.region_id,
    )
    appointment = a.appointments.get(status=Status.ACTIVE)
    appointment_replace(
        appointment=appointment,
        replacement=newcomer,
        on=dt.date(2024, 2, 1),
        reason="diberhentikan",
        status=Status.DISMISSED,
        actor="test",
    )
    result = certificates_issue(program=program, region_code="19.06", actor=kpu_beltim)
    assert result.revoked == 1
    verdict = certificate_verify(text=sign(cert.code))
    assert (verdict.ok, verdict.code) == (False, "revoked")
    page = Client().get(reverse("delivery:verify"), {"k": sign(cert.code)}).content.decode()
    assert "DICABUT" in page


def test_the_certificate_pdf_is_a_pdf(issued: tuple, kpu_beltim: User) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    cert = Certificate.objects.get()
    response = client.get(reverse("delivery:certificate_pdf", args=[cert.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_certificate_list_pages_and_finds_by_name_or_typed_code(
    gantung: Setup, kpu_beltim: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.utils import timezone

    from bimtek.delivery import views_certificates

    program = Program.objects.create(election=gantung.session.plan.election, kind="kpps", name="Bimtek KPPS")
    people = [a.person for a in gantung.lenggang[:7]]
    for i, person in enumerate(people):
        Certificate.objects.create(
            program=program,
            person=person,
            region_code=gantung.lenggang[i].region_id,
            code=f"CODE{i:06d}",
            completed_on=dt.date(2024, 1, 26),
            status="revoked" if i == 6 else "valid",
            revoked_at=timezone.now() if i == 6 else None,
        )
    monkeypatch.setattr(views_certificates, "CERTIFICATES_PAGE", 3)
    client = Client()
    client.force_login(kpu_beltim)
    url = reverse("delivery:certificates", args=[program.election.slug])

    def names(query: str) -> list[str]:
        page = client.get(url + query).content.decode()
        table = page.split('id="certificates"')[1].split("</table>")[0]
        return [p.name for p in people if p.name in table]

    seen = names("?hal=1") + names("?hal=2") + names("?hal=3")
    assert sorted(seen) == sorted(p.name for p in people) and len(names("?hal=1")) == 3  # every one, once
    wanted = Certificate.objects.get(person=people[2])
    typed = wanted.printed_code.lower().replace("0", "o")  # as a person types it from paper
    assert names(f"?q={typed}") == [people[2].name]
    assert names(f"?q={people[4].name.lower()}") == [people[4].name]
    assert names("?status=revoked") == [people[6].name]
    assert "Tidak ada sertifikat yang cocok" in client.get(url + "?q=zzzz-tidak-ada").content.decode()
