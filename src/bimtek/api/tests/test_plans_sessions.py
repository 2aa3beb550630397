"""Plans and sessions through the API, seen as on the planner pages.

A plan is read by its region and below and, read-only, by the regions it covers (the Gantung plan by
both PPS); a session by the region of its venue and by the regions whose groups train there.
"""

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from bimtek.accounts.models import User
from bimtek.api.tests.conftest import GANTUNG, TODAY, Training
from bimtek.assessment.models import Module, Program
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.delivery.tests.helpers import gantung_session
from bimtek.elections.models import Election
from bimtek.planner.models import TrainingPlan
from bimtek.speakers.models import SessionSpeaker, Speaker

pytestmark = pytest.mark.django_db

PLANS = "/api/v1/elections/pemilu-2024/plans/"
SESSIONS = "/api/v1/elections/pemilu-2024/sessions/"
# The planner's summary of a solved plan, as `solving.summary_of` stores it (labels name places).
SUMMARY = {
    "status": "OPTIMAL",
    "method": "cp-sat",
    "participants": 2534,
    "groups": 363,
    "sessions": 21,
    "lower_bound_sessions": 20,
    "gap": 0.0,
    "unplanned": [{"group": "tps-9", "label": "TPS 001 Lenggang", "participants": 9}],
    "unplanned_participants": 9,
    "violations": [],
    "warnings": [{"message": "TPS 004 Lenggang tanpa petugas: dihitung 9"}],
    "held_groups": 0,
    "moved": 0,
    "solved_at": "2024-01-20T10:00:00+00:00",
}


def test_it_lists_the_plans_of_a_kabupaten_filtered_by_tier_and_region(
    lenggang_training: Training, kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    TrainingPlan.objects.create(
        election=lenggang_training.plan.election, tier="tot", region_id=BELTIM, start=TODAY, end=TODAY
    )
    client = client_for(kpu_beltim)
    assert client.get(PLANS).json()["count"] == 2
    (tot,) = client.get(PLANS + "?tier=tot").json()["results"]
    assert (tot["tier"], tot["region"], tot["region_name"]) == ("tot", BELTIM, "Kabupaten Belitung Timur")
    (bimtek,) = client.get(PLANS + f"?region={GANTUNG}").json()["results"]
    assert bimtek["id"] == lenggang_training.plan.pk
    assert client.get(PLANS + "?tier=wave").status_code == 400


def test_it_gives_the_plan_summary_as_counts_without_place_labels(
    lenggang_training: Training, pps_neighbour: User, client_for: Callable[[User | None], APIClient]
) -> None:
    plan = lenggang_training.plan
    plan.summary = SUMMARY
    plan.status = "solved"
    plan.save(update_fields=["summary", "status"])
    response = client_for(pps_neighbour).get(f"{PLANS}{plan.pk}/")
    summary = response.json()["summary"]
    assert (summary["sessions"], summary["lower_bound_sessions"], summary["participants"]) == (21, 20, 2534)
    assert (summary["unplanned_groups"], summary["unplanned_participants"]) == (1, 9)
    assert (summary["violations"], summary["warnings"]) == (0, 1)
    assert (
        b"Lenggang" not in response.content
    )  # the Selingsing PPS reads its kecamatan's plan, not its neighbour


def test_it_lists_a_session_with_its_time_counts_and_facilitators(
    lenggang_training: Training, pps_lenggang: User, client_for: Callable[[User | None], APIClient]
) -> None:
    (row,) = client_for(pps_lenggang).get(SESSIONS).json()["results"]
    assert row == {
        "id": lenggang_training.session.pk,
        "plan": lenggang_training.plan.pk,
        "tier": "bimtek",
        "date": TODAY.isoformat(),
        "last_date": TODAY.isoformat(),
        "slot": 2,
        "slots": 1,
        "days": 1,
        "time": "13.00–17.00",
        "status": "held",
        "venue": "Balai Desa Lenggang",
        "region": LENGGANG,
        "capacity": 40,
        "groups": 1,
        "participants": 9,
        "facilitators": ["Fasilitator Lenggang"],
        "speakers": [],
    }
    detail = client_for(pps_lenggang).get(f"{SESSIONS}{row['id']}/").json()
    assert detail == row


def test_a_session_says_who_speaks_on_each_module_without_their_contact(
    lenggang_training: Training, pps_lenggang: User, client_for: Callable[[User | None], APIClient],
    django_assert_max_num_queries: Callable[[int], Any],
) -> None:  # fmt: skip
    session = lenggang_training.session
    program, _ = Program.objects.get_or_create(
        election=session.plan.election, kind="kpps", defaults={"name": "Bimtek KPPS"}
    )
    program.modules.all().delete()
    first, second = (
        Module.objects.create(program=program, position=n, bank=f"m{n}", title=title, minutes=60)
        for n, title in ((1, "Pemungutan suara"), (2, "Penghitungan suara"))
    )
    ani = Speaker.objects.create(name="Ani Suryani", institution="KPU Kabupaten Belitung Timur",
                                 division="teknis", phone="+6281234567890", region_code=BELTIM)  # fmt: skip
    for module in (second, first):
        SessionSpeaker.objects.create(
            session=session, module=module, speaker=ani, region_code=session.region_code
        )
    client = client_for(pps_lenggang)
    with django_assert_max_num_queries(12):
        (row,) = client.get(SESSIONS).json()["results"]
    assert row["speakers"] == [
        {"module": "Pemungutan suara", "name": "Ani Suryani", "institution": "KPU Kabupaten Belitung Timur"},
        {
            "module": "Penghitungan suara",
            "name": "Ani Suryani",
            "institution": "KPU Kabupaten Belitung Timur",
        },
    ]
    assert "6281234567890" not in str(client.get(f"{SESSIONS}{session.pk}/").json())
    assert client.get(f"{SESSIONS}{session.pk}/").json()["speakers"] == row["speakers"]


def test_it_filters_sessions_by_plan_date_region_and_status(
    lenggang_training: Training, kpu_beltim: User, client_for: Callable[[User | None], APIClient]
) -> None:
    client = client_for(kpu_beltim)
    plan = lenggang_training.plan.pk
    for query, count in (
        (f"plan={plan}", 1),
        (f"plan={plan + 1}", 0),
        (f"date={TODAY.isoformat()}", 1),
        ("date=2024-01-26", 0),
        (f"region={GANTUNG}", 1),
        ("region=19.06.01", 0),
        ("status=held", 1),
        ("status=planned", 0),
    ):
        assert client.get(f"{SESSIONS}?{query}").json()["count"] == count, query
    assert client.get(f"{SESSIONS}?date=26-01-2024").status_code == 400


def test_it_hides_a_desa_session_from_the_neighbouring_pps(
    lenggang_training: Training, pps_neighbour: User, client_for: Callable[[User | None], APIClient]
) -> None:
    client = client_for(pps_neighbour)
    assert client.get(SESSIONS).json()["count"] == 0
    assert client.get(f"{SESSIONS}{lenggang_training.session.pk}/").status_code == 404


def test_it_shows_a_kecamatan_session_to_every_desa_that_trains_there(
    beltim_tps: Election,
    pps_lenggang: User,
    pps_neighbour: User,
    kpu_purbalingga: User,
    client_for: Callable[[User | None], APIClient],
) -> None:
    setup = gantung_session(beltim_tps)
    url = f"{SESSIONS}{setup.session.pk}/"
    for user in (pps_lenggang, pps_neighbour):
        body = client_for(user).get(url).json()
        assert (body["venue"], body["groups"], body["participants"]) == ("Balai Kecamatan Gantung", 3, 21)
    assert client_for(kpu_purbalingga).get(url).status_code == 404
