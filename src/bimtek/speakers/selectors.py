"""Reads of the speaker register and of who speaks on what."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from bimtek.planner.models import TrainingSession
from bimtek.speakers.models import SessionSpeaker, Speaker, regions_above


def speakers_visible(user: Any, text: str = "") -> QuerySet[Speaker]:
    return Speaker.objects.visible_to(user).search(text)


def assignable_speakers(user: Any, session: TrainingSession) -> QuerySet[Speaker]:
    """Active speakers the user sees who may speak in this session's region."""
    code = session.region_code
    return (
        Speaker.objects.visible_to(user)
        .filter(active=True, region_code__in=[*regions_above(code), code])
        .order_by("name")
    )


def session_speakers(session: TrainingSession) -> dict[int, SessionSpeaker]:
    """Module id -> who speaks on it in this session."""
    rows = SessionSpeaker.objects.filter(session=session).select_related("speaker")
    return {r.module_id: r for r in rows}


@dataclass(frozen=True)
class ModuleTalk:
    """What a participant reads: the module and its speaker's name and institution, never the contact."""

    module: str
    name: str
    institution: str


def talks_of(session_ids: list[int]) -> dict[int, list[ModuleTalk]]:
    """Session id -> its speakers by module, in the program's order."""
    out: dict[int, list[ModuleTalk]] = {}
    rows = (
        SessionSpeaker.objects.filter(session_id__in=session_ids)
        .select_related("speaker", "module")
        .order_by("session_id", "module__position")
    )
    for r in rows:
        out.setdefault(r.session_id, []).append(
            ModuleTalk(r.module.title, r.speaker.name, r.speaker.institution)
        )
    return out


def speaker_fees(session_ids: Any) -> QuerySet[SessionSpeaker]:
    """(session id, honorarium) of every speaker booked on these sessions (ids or a subquery)."""
    return SessionSpeaker.objects.filter(session_id__in=session_ids).values_list("session_id", "honorarium")
