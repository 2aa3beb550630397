"""The register: coded refusals, masked audit, and region scope (own, shared from above, never a neighbour's)."""

from __future__ import annotations

import pytest

from bimtek.accounts.models import User
from bimtek.audit.models import AuditEntry
from bimtek.lib.errors import DomainError
from bimtek.speakers.models import Speaker
from bimtek.speakers.services import speaker_create, speaker_update

from .helpers import BELTIM, PURBALINGGA, speaker

pytestmark = pytest.mark.django_db


def test_it_needs_the_other_division_named() -> None:
    with pytest.raises(DomainError) as refused:
        speaker_create(
            actor="test", region_code=BELTIM, name="Dedi", institution="Dinas Kominfo", division="lainnya"
        )
    assert refused.value.code == "speaker_other_division_unnamed"
    made = speaker_create(
        actor="test",
        region_code=BELTIM,
        name="Dedi",
        institution="Dinas Kominfo",
        division="lainnya",
        division_other="Diskominfo",
    )
    assert made.division_label == "Diskominfo"


def test_it_masks_the_phone_in_the_audit_log() -> None:
    made = speaker_create(
        actor="test",
        region_code=BELTIM,
        name="Ani",
        institution="KPU",
        division="teknis",
        phone="+6281234567890",
    )
    speaker_update(actor="test", speaker=made, name="Ani Suryani")
    for entry in AuditEntry.objects.filter(object_type="speaker"):
        assert "+6281234567890" not in str(entry.before) + str(entry.after)


def test_a_kpu_kabupaten_sees_its_own_and_the_shared_speakers(kpu_beltim: User) -> None:
    own, national, province = (
        speaker("Ani"),
        speaker("Komisioner RI", region=""),
        speaker("KPU Babel", region="19"),
    )
    speaker("Budi Purbalingga", region=PURBALINGGA)
    assert set(Speaker.objects.visible_to(kpu_beltim)) == {own, national, province}
