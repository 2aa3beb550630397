"""A drill submitted on the page is scored; it is stored for the person who practised, with an audit entry."""

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.audit.models import AuditEntry
from bimtek.drill.models import DrillAttempt
from bimtek.drill.tests.helpers import SEED, post_data, truth, with_invalid_off_by_one
from bimtek.elections.models import Election
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db


def drill_url(election: Election, level: str = "easy", seed: int = SEED) -> str:
    return reverse("drill:drill", args=[election.slug, level, seed])


def test_it_shows_the_story_and_an_empty_form(pemilu: Election) -> None:
    page = Client().get(drill_url(pemilu)).content.decode()
    assert "TPS" in page and 'name="I.B.4.total"' in page and 'name="V.C"' in page
    assert "lembar-kerja.pdf" in page


def test_it_stores_the_attempt_of_a_kpps_who_practises_as_herself(
    kpps_lenggang: User, ketua_lenggang: Person, crews: Election
) -> None:
    client = Client()
    client.force_login(kpps_lenggang)
    response = client.post(drill_url(crews), post_data(with_invalid_off_by_one()))
    attempt = DrillAttempt.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("drill:attempt", args=[attempt.pk])
    assert (attempt.person, attempt.election, attempt.seed, attempt.level, attempt.kind) == (
        ketua_lenggang,
        crews,
        SEED,
        "easy",
        "pemilu",
    )
    total = len(truth())
    assert attempt.score == (total - 1) * 100 // total
    assert attempt.wrong_fields == ["V.B"]
    assert attempt.violation_codes == ["votes_sum"]
    assert attempt.form["invalid"] == truth()["V.B"] + 1  # type: ignore[operator]  # the stored form is JSON (Any); truth() is a dict of ints
    assert attempt.recorded_by == kpps_lenggang
    entry = AuditEntry.objects.get(action="drill.attempt.record")
    assert entry.object_id == str(attempt.pk) and entry.region_code == ketua_lenggang.region_id

    page = client.get(response["Location"]).content.decode()
    assert "votes_sum" in page and "perbaiki penjumlahan di bagian V" in page


def test_a_facilitator_records_an_attempt_for_a_participant(
    pps_lenggang: User, ketua_lenggang: Person, crews: Election
) -> None:
    client = Client()
    client.force_login(pps_lenggang)
    form = client.get(drill_url(crews) + f"?peserta={ketua_lenggang.pk}").content.decode()
    assert ketua_lenggang.name in form and f'name="peserta" value="{ketua_lenggang.pk}"' in form
    client.post(drill_url(crews), {**post_data(truth()), "peserta": str(ketua_lenggang.pk)})
    attempt = DrillAttempt.objects.get()
    assert (attempt.person, attempt.score, attempt.recorded_by) == (ketua_lenggang, 100, pps_lenggang)


def test_a_facilitator_cannot_record_for_someone_outside_the_region(
    pps_neighbour: User, ketua_lenggang: Person, crews: Election
) -> None:
    client = Client()
    client.force_login(pps_neighbour)
    response = client.post(drill_url(crews), {**post_data(truth()), "peserta": str(ketua_lenggang.pk)})
    assert response.status_code == 404
    assert not DrillAttempt.objects.exists()


def test_anonymous_practice_is_scored_and_not_stored(pemilu: Election) -> None:
    response = Client().post(drill_url(pemilu), post_data(with_invalid_off_by_one()))
    page = response.content.decode()
    assert response.status_code == 200
    assert "votes_sum" in page and "tidak disimpan" in page
    assert 'id="score"' in page
    assert not DrillAttempt.objects.exists()


def test_it_serves_the_worksheet_pdf(pemilu: Election) -> None:
    response = Client().get(reverse("drill:worksheet", args=[pemilu.slug, "hard", SEED]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_it_refuses_an_unknown_level(pemilu: Election) -> None:
    assert Client().get(drill_url(pemilu, level="expert")).status_code == 404


def test_start_redirects_to_a_fresh_seed(pemilu: Election) -> None:
    response = Client().get(reverse("drill:start", args=[pemilu.slug]) + "?level=hard")
    assert response.status_code == 302 and f"/{pemilu.slug}/soal/hard/" in response["Location"]
