"""Speakers survive a re-solve: the planner replaces a plan's planned sessions by new rows, and the speaker
assigned to a module of a session goes with it to the new session at the same hall and time.

Registered in `SpeakersConfig.ready` with `planner.extensions.register_session_keeper`. A speaker is only
carried to the same venue, date and slot: the same time, so the move can make no clash. An assignment whose
session has no counterpart is dropped, and the plan's summary and audit entry count it, so the operator
knows how many modules to assign again (the session page shows which have no speaker).
"""

from __future__ import annotations

from typing import Any

from bimtek.planner.extensions import Restore, SlotKey
from bimtek.speakers.models import SessionSpeaker

FIELDS = ("session_id", "module_id", "speaker_id", "honorarium")


def keep_session_speakers(old: dict[int, SlotKey]) -> Restore:
    rows = list(SessionSpeaker.objects.filter(session_id__in=list(old)).values(*FIELDS)) if old else []

    def restore(new: dict[SlotKey, tuple[int, str]]) -> tuple[int, int]:
        carried: list[SessionSpeaker] = []
        for row in rows:
            target = new.get(old[row["session_id"]])
            if target is not None:
                values: dict[str, Any] = {**row, "session_id": target[0], "region_code": target[1]}
                carried.append(SessionSpeaker(**values))
        SessionSpeaker.objects.bulk_create(carried)
        return len(carried), len(rows) - len(carried)

    return restore
