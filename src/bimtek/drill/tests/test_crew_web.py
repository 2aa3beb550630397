"""Crew drill pages: entry B never shows entry A, the comparison field by field, the ketua resolves, the result."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.accounts.services import user_create
from bimtek.conftest import LENGGANG, PASSWORD
from bimtek.drill.crew_services import crew_drill_enter, crew_drill_resolve, crew_drill_start
from bimtek.drill.models import CrewDrill, CrewDrillStatus
from bimtek.drill.tests.helpers import SEED, post_data, truth, with_invalid_off_by_one
from bimtek.elections.models import TPS, Election
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db


def login_for(person: Person, name: str) -> Client:
    user = user_create(
        username=name, password=PASSWORD, role="kpps", region_code=LENGGANG, person_id=person.pk, actor="test"
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def drill(crews: Election) -> CrewDrill:
    tps = TPS.objects.get(village_id=LENGGANG, number=1)
    return crew_drill_start(election=crews, tps=tps, level="easy", seed=SEED, actor="test")


def test_a_member_starts_a_crew_drill_for_their_tps(crews: Election, crew_lenggang: list[Person]) -> None:
    client = login_for(crew_lenggang[3], "anggota-4")
    tps = TPS.objects.get(village_id=LENGGANG, number=1)
    page = client.get(reverse("drill:crew_tps", args=[crews.slug, tps.pk]))
    shown = page.content.decode()
    assert page.status_code == 200 and crew_lenggang[3].name in shown  # her own name
    assert "KPPS 1" in shown and crew_lenggang[0].name not in shown  # her crew mates by seat only
    started = client.post(reverse("drill:crew_tps", args=[crews.slug, tps.pk]), {"level": "easy"})
    drill = CrewDrill.objects.get()
    assert started["Location"] == reverse("drill:crew", args=[drill.pk])


def test_entry_b_never_shows_entry_a_values(drill: CrewDrill, crew_lenggang: list[Person]) -> None:
    marker = {**truth(), "II.1": 987, "V.B": 876}
    crew_drill_enter(drill=drill, person=crew_lenggang[1], values=marker, actor="test")
    client = login_for(crew_lenggang[2], "anggota-3")
    for name in ("drill:crew_entry", "drill:crew", "drill:crew_compare"):
        page = client.get(reverse(name, args=[drill.pk]), follow=True).content.decode()
        shown = re.findall(r'value="(\d+)"|>(\d+)<', page)
        assert not {"987", "876"} & {n for pair in shown for n in pair}, name
    entry = client.get(reverse("drill:crew_entry", args=[drill.pk])).content.decode()
    assert not re.search(r'<input[^>]+name="V\.B"[^>]+value=', entry)
    sent = client.post(reverse("drill:crew_entry", args=[drill.pk]), post_data(with_invalid_off_by_one()))
    assert sent.status_code == 302
    assert CrewDrill.objects.get(pk=drill.pk).status == CrewDrillStatus.TO_RESOLVE


def test_entering_twice_shows_the_code_not_a_500(drill: CrewDrill, crew_lenggang: list[Person]) -> None:
    crew_drill_enter(drill=drill, person=crew_lenggang[1], values=truth(), actor="test")
    client = login_for(crew_lenggang[1], "anggota-2")
    again = client.post(reverse("drill:crew_entry", args=[drill.pk]), post_data(truth()))
    assert again.status_code == 400 and 'data-code="crew_drill_already_entered"' in again.content.decode()


def test_the_ketua_compares_field_by_field_and_resolves(
    drill: CrewDrill, crew_lenggang: list[Person]
) -> None:
    crew_drill_enter(drill=drill, person=crew_lenggang[1], values=truth(), actor="test")
    crew_drill_enter(drill=drill, person=crew_lenggang[2], values=with_invalid_off_by_one(), actor="test")
    member = login_for(crew_lenggang[3], "anggota-4")
    seen = member.get(reverse("drill:crew_compare", args=[drill.pk])).content.decode()
    assert 'data-box="V.B"' in seen and "Menunggu keputusan ketua" in seen
    refused = member.post(reverse("drill:crew_compare", args=[drill.pk]), {"pick-V.B": "a"})
    assert 'data-code="crew_drill_not_ketua"' in refused.content.decode()
    ketua = login_for(crew_lenggang[0], "ketua")
    page = ketua.get(reverse("drill:crew_compare", args=[drill.pk])).content.decode()
    differences = page.split('id="differences"')[1].split("</form>")[0]
    assert re.findall(r'data-box="([^"]+)"', differences) == ["V.B"]
    missing = ketua.post(reverse("drill:crew_compare", args=[drill.pk]), {})
    assert 'data-code="resolution_missing"' in missing.content.decode()
    done = ketua.post(
        reverse("drill:crew_compare", args=[drill.pk]), {"pick-V.B": "own", "own-V.B": str(truth()["V.B"])}
    )
    assert done.status_code == 302
    result = ketua.get(reverse("drill:crew", args=[drill.pk])).content.decode()
    assert 'id="score">100<' in result and 'id="blocking"' in result and 'id="warnings"' in result
    assert "hitung ulang" in result


def test_the_result_lists_blocking_errors_apart_from_warnings(
    drill: CrewDrill, crew_lenggang: list[Person], kpu_beltim: User
) -> None:
    crew_drill_enter(drill=drill, person=crew_lenggang[1], values=truth(), actor="test")
    crew_drill_enter(drill=drill, person=crew_lenggang[2], values=with_invalid_off_by_one(), actor="test")
    client = Client()
    client.force_login(kpu_beltim)
    client.post(reverse("drill:crew_compare", args=[drill.pk]), {"pick-V.B": "b"})
    page = client.get(reverse("drill:crew", args=[drill.pk])).content.decode()
    blocking = page.split('id="blocking"')[1].split("</ul>")[0]
    warnings = page.split('id="warnings"')[1].split("</ul>")[0]
    assert 'data-code="votes_sum"' in blocking and "V.C = suara sah + suara tidak sah" in blocking
    assert "data-code" not in warnings


def test_the_person_page_shows_the_crew_drill_score(
    drill: CrewDrill, crew_lenggang: list[Person], pps_lenggang: User
) -> None:
    crew_drill_enter(drill=drill, person=crew_lenggang[1], values=truth(), actor="test")
    crew_drill_enter(drill=drill, person=crew_lenggang[2], values=with_invalid_off_by_one(), actor="test")
    client = Client()
    client.force_login(pps_lenggang)
    client.post(reverse("drill:crew_compare", args=[drill.pk]), {"pick-V.B": "a"})  # a PPS may not resolve
    assert CrewDrill.objects.get(pk=drill.pk).status == CrewDrillStatus.TO_RESOLVE
    crew_drill_resolve(drill=drill, resolutions={"V.B": "a"}, person=crew_lenggang[0], actor="test")
    page = client.get(reverse("drill:person", args=[crew_lenggang[1].pk])).content.decode()
    table = page.split('id="crew-drills"')[1].split("</table>")[0]
    assert 'data-status="resolved"' in table and ">100<" in table


def test_the_crew_page_offers_the_entry_only_to_members_who_have_not_typed(
    drill: CrewDrill, crew_lenggang: list[Person]
) -> None:
    crew_drill_enter(drill=drill, person=crew_lenggang[1], values=truth(), actor="test")
    typed = login_for(crew_lenggang[1], "anggota-2").get(reverse("drill:crew", args=[drill.pk]))
    waiting = login_for(crew_lenggang[2], "anggota-3").get(reverse("drill:crew", args=[drill.pk]))
    assert 'id="enter"' not in typed.content.decode() and 'id="enter"' in waiting.content.decode()
