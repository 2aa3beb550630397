"""A participant's schedule lists who speaks on what in their session: name and institution, never the contact.

Persona: the Ketua KPPS of Lenggang TPS 001 (`member`); the world's session has a speaker on its first module.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from bimtek.elections.models import Election
from bimtek.participants.selectors import my_sessions
from bimtek.participants.tests.world import World, build

pytestmark = pytest.mark.django_db
BEFORE = dt.date(2024, 1, 25)  # the day before the world's session


@pytest.fixture
def world(beltim_tps: Election) -> World:
    return build(beltim_tps)


def test_my_sessions_carry_the_speakers_by_module(world: World) -> None:
    mine = my_sessions(world.crew[0].person, BEFORE)
    assert [(t.module, t.name) for t in mine[0].speakers] == [(world.module.title, world.speaker.name)]


@override_settings(BIMTEK_TODAY=BEFORE)
def test_the_home_page_names_the_speaker_without_the_phone(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    page = client.get(reverse("participants:home")).content.decode()
    assert world.speaker.name in page and "KPU Kabupaten Belitung Timur" in page
    assert world.speaker.phone not in page and world.module.title in page
