"""Assigning a speaker to a session's module: refused with a code on a clash, never a 500."""

from __future__ import annotations

import pytest

from bimtek.audit.models import AuditEntry
from bimtek.elections.models import Election
from bimtek.lib.errors import DomainError
from bimtek.planner.models import SessionStatus
from bimtek.speakers.models import SessionSpeaker
from bimtek.speakers.services import session_speaker_assign, session_speaker_remove

from .helpers import PURBALINGGA, TUESDAY, hall, session, speaker, tot_modules, tot_plan

pytestmark = pytest.mark.django_db


def test_it_assigns_a_speaker_and_audits_it(pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    here = session(plan, hall("Aula KPU Beltim"))
    module = tot_modules(pemilu)[0]
    ani = speaker()
    session_speaker_assign(actor="test", session=here, module=module, speaker=ani)
    assert SessionSpeaker.objects.get(session=here, module=module).speaker == ani
    assert AuditEntry.objects.filter(action="speakers.session_speaker.assigned").count() == 1


def test_it_lets_the_same_speaker_take_the_afternoon_elsewhere(pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    morning, afternoon = session(plan, hall("Aula A")), session(plan, hall("Aula B"), slot=2)
    module, ani = tot_modules(pemilu)[0], speaker()
    session_speaker_assign(actor="test", session=morning, module=module, speaker=ani)
    session_speaker_assign(actor="test", session=afternoon, module=module, speaker=ani)
    assert SessionSpeaker.objects.filter(speaker=ani).count() == 2


def test_it_refuses_a_speaker_in_two_halls_at_once(pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    two_days = session(plan, hall("Aula A"), slots=2, days=2)
    other = session(plan, hall("Aula B"), day=TUESDAY, slot=2)
    module, ani = tot_modules(pemilu)[0], speaker()
    session_speaker_assign(actor="test", session=two_days, module=module, speaker=ani)
    with pytest.raises(DomainError) as refused:
        session_speaker_assign(actor="test", session=other, module=module, speaker=ani)
    assert refused.value.code == "speaker_clash"
    assert "Ani Suryani" in refused.value.message and "Aula A" in refused.value.message
    assert not SessionSpeaker.objects.filter(session=other).exists()


def test_it_ignores_a_cancelled_session(pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    first, second = session(plan, hall("Aula A")), session(plan, hall("Aula B"))
    module, ani = tot_modules(pemilu)[0], speaker()
    session_speaker_assign(actor="test", session=first, module=module, speaker=ani)
    first.status = SessionStatus.CANCELLED
    first.save(update_fields=["status"])
    session_speaker_assign(actor="test", session=second, module=module, speaker=ani)


def test_it_refuses_a_speaker_of_another_kabupaten(pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    here = session(plan, hall("Aula KPU Beltim"))
    outsider = speaker("Budi", region=PURBALINGGA)
    with pytest.raises(DomainError) as refused:
        session_speaker_assign(actor="test", session=here, module=tot_modules(pemilu)[0], speaker=outsider)
    assert refused.value.code == "speaker_out_of_region"


def test_it_lets_a_kpu_ri_speaker_speak_anywhere(pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    here = session(plan, hall("Aula KPU Beltim"))
    national = speaker("Komisioner KPU RI", region="")
    session_speaker_assign(actor="test", session=here, module=tot_modules(pemilu)[0], speaker=national)


def test_it_refuses_a_module_of_another_program(pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    here = session(plan, hall("Aula KPU Beltim"))
    kpps_module = pemilu.programs.get(kind="kpps").modules.first()
    with pytest.raises(DomainError) as refused:
        session_speaker_assign(actor="test", session=here, module=kpps_module, speaker=speaker())
    assert refused.value.code == "module_not_in_program"


def test_it_removes_a_speaker(pemilu: Election) -> None:
    plan = tot_plan(pemilu)
    here, module = session(plan, hall("Aula KPU Beltim")), tot_modules(pemilu)[0]
    session_speaker_assign(actor="test", session=here, module=module, speaker=speaker())
    session_speaker_remove(actor="test", session=here, module=module)
    assert not SessionSpeaker.objects.filter(session=here).exists()
