"""The Purbalingga ToT in a two-day window: 807 PPK and PPS, one hall of 300, one session a day. The stored plan,
its page and `bimtek plan run --json` say that 3 sessions are needed and the window holds 2, 207 seats short."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.conftest import PURBALINGGA
from bimtek.elections.models import Election
from bimtek.planner.models import PlanStatus, TrainingPlan
from bimtek.planner.services import plan_solve
from bimtek.planner.tests.test_product_support import tot_workforce
from bimtek.planner.tests.test_product_tot import tot_plan

pytestmark = pytest.mark.django_db

SENTENCE = (
    "Butuh 3 sesi (807 peserta, 300 kursi per sesi), jendela 2 hari (22-23 Januari 2024) di 1 tempat dengan "
    "1 sesi per hari hanya memuat 2 sesi (600 kursi): kurang 207 kursi."
)
NUMBERS = {
    "sessions_needed": 3, "sessions_available": 2, "seats_needed": 807, "seats_available": 600, "shortfall": 207,
    "seats_per_session": 300, "groups": 257, "venues": 1, "days": 2, "sessions_per_day": 1,
}  # fmt: skip


@pytest.fixture
def two_days(pemilu: Election) -> TrainingPlan:
    tot_workforce(pemilu, PURBALINGGA)
    return tot_plan(pemilu, end=dt.date(2024, 1, 23))


def test_it_stores_the_window_numbers_in_the_plan_summary(two_days: TrainingPlan) -> None:
    plan_solve(plan=two_days, actor="test", time_limit=1)
    two_days.refresh_from_db()

    assert two_days.status == PlanStatus.INFEASIBLE
    explanation = two_days.summary["explanation"]
    assert explanation["message"] == SENTENCE
    assert explanation["shortage"] == NUMBERS
    assert explanation["rules"] == ["semua_terjadwal", "kapasitas"]  # codes for programs
    assert explanation["details"][0] == "semua 807 peserta (257 kelompok) harus terjadwal"  # no code prefix
    works = {r["code"]: r["works"] for r in explanation["relaxations"]}
    assert works == {
        "tambah_hari": True, "tempat_kedua": True, "kapasitas_lebih_besar": True, "sesi_per_hari_lebih_banyak": True,
    }  # fmt: skip


def test_it_shows_the_sentence_and_the_numbers_on_the_plan_page(
    two_days: TrainingPlan, kpu_purbalingga: User
) -> None:
    plan_solve(plan=two_days, actor="test", time_limit=1)
    client = Client()
    client.force_login(kpu_purbalingga)

    page = client.get(reverse("planner:detail", args=[two_days.pk])).content.decode()

    assert SENTENCE in page
    assert "Sesi: butuh 3, jendela memuat 2 · kursi: butuh 807, tersedia 600 · kurang 207 kursi" in page
    assert "semua_terjadwal" not in page
    assert "<li>semua 807 peserta (257 kelompok) harus terjadwal</li>" in page  # the rule in words, no code
    assert "2 sesi per hari di tiap tempat" in page

    client.cookies["django_language"] = "en"
    english = client.get(reverse("planner:detail", args=[two_days.pk])).content.decode()
    assert (
        "Sessions: 3 needed, the window holds 2 · seats: 807 needed, 600 available · 207 seats short"
        in english
    )


def test_it_gives_the_numbers_to_plan_run_json(two_days: TrainingPlan) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("plan", "run", str(two_days.pk), "--wait", "--time-limit", "1", "--json", stdout=out)

    assert refused.value.returncode == 1
    explanation = json.loads(out.getvalue())["explanation"]
    assert explanation["message"] == SENTENCE
    assert explanation["shortage"] == NUMBERS
