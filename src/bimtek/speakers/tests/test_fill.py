"""The planner can assign them: a session's modules are filled from the module defaults where the speaker is
free, and the page is told which could not be filled."""

from __future__ import annotations

import pytest

from bimtek.conftest import BELTIM
from bimtek.elections.models import Election
from bimtek.speakers.models import SessionSpeaker
from bimtek.speakers.services import module_speaker_set, session_speaker_assign, session_speakers_fill

from .helpers import hall, session, speaker, tot_modules, tot_plan

pytestmark = pytest.mark.django_db


def test_it_fills_from_the_defaults_and_skips_a_clash(pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    first, second = session(plan, hall("Aula A")), session(plan, hall("Aula B"))
    modules = tot_modules(pemilu)
    ani, budi = speaker("Ani"), speaker("Budi", division="hukum")
    module_speaker_set(actor="test", module=modules[0], speaker=ani, region_code=BELTIM)
    module_speaker_set(actor="test", module=modules[1], speaker=budi, region_code=BELTIM)
    session_speaker_assign(actor="test", session=first, module=modules[0], speaker=ani)

    result = session_speakers_fill(actor="test", session=second)

    assert result.filled == [f"{modules[1].title}: Budi"]
    skipped = {line.split(":")[0] for line in result.skipped}
    assert modules[0].title in skipped  # Ani speaks in Aula A at that time
    assert any("Ani" in line and "Aula A" in line for line in result.skipped)
    assert SessionSpeaker.objects.get(session=second, module=modules[1]).speaker == budi
    assert not SessionSpeaker.objects.filter(session=second, module=modules[0]).exists()


def test_it_takes_the_next_default_when_the_first_is_busy(pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    first, second = session(plan, hall("Aula A")), session(plan, hall("Aula B"))
    module = tot_modules(pemilu)[0]
    ani, citra = speaker("Ani"), speaker("Citra")
    module_speaker_set(actor="test", module=module, speaker=ani, region_code=BELTIM)
    module_speaker_set(actor="test", module=module, speaker=citra, region_code=BELTIM)
    session_speaker_assign(actor="test", session=first, module=module, speaker=ani)
    session_speakers_fill(actor="test", session=second)
    assert SessionSpeaker.objects.get(session=second, module=module).speaker == citra


def test_it_leaves_an_assigned_module_alone(pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    here, module = session(plan, hall("Aula A")), tot_modules(pemilu)[0]
    ani, citra = speaker("Ani"), speaker("Citra")
    module_speaker_set(actor="test", module=module, speaker=ani, region_code=BELTIM)
    session_speaker_assign(actor="test", session=here, module=module, speaker=citra)
    session_speakers_fill(actor="test", session=here)
    assert SessionSpeaker.objects.get(session=here, module=module).speaker == citra
