"""A speaker (narasumber) is never in two sessions at the same time.

A session covers `slots` slots in a row (from its first `slot`) on each of `days` days in a row (from `date`);
two sessions overlap when they share one (day, slot) cell. The rule reads only this typed data, so the
speakers app's assign service, a check of a whole plan and a test all call the same function.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from .text import tanggal
from .validation import Violation


@dataclass(frozen=True)
class SpeakerSession:
    """One session as the rule sees it: when it happens and who speaks in it."""

    id: str
    label: str  # how people name it: "Aula KPU Beltim, sesi 1"
    date: date
    slot: int
    slots: int = 1
    days: int = 1
    speakers: tuple[str, ...] = ()  # speaker names (or ids) as they should read in a message


def cells(session: SpeakerSession) -> frozenset[tuple[date, int]]:
    """The (day, slot) cells a session takes."""
    return frozenset(
        (session.date + timedelta(days=d), session.slot + s)
        for d in range(session.days)
        for s in range(session.slots)
    )


def overlap(a: SpeakerSession, b: SpeakerSession) -> frozenset[tuple[date, int]]:
    return cells(a) & cells(b)


def speaker_clashes(sessions: Iterable[SpeakerSession]) -> list[Violation]:
    """`speaker_clash` for every speaker in two sessions that overlap, naming the speaker and both sessions."""
    return list(_clashes(list(sessions)))


def _clashes(sessions: list[SpeakerSession]) -> Iterator[Violation]:
    for a, b in combinations(sessions, 2):
        shared = set(a.speakers) & set(b.speakers)
        if not shared:
            continue
        common = overlap(a, b)
        if not common:
            continue
        day, slot = min(common)
        for name in sorted(shared):
            yield Violation(
                "speaker_clash",
                f"{name} menjadi narasumber di dua sesi pada waktu yang sama: {a.label} dan {b.label} "
                f"(sesi {slot}, {tanggal(day)})",
            )


__all__ = ["SpeakerSession", "cells", "overlap", "speaker_clashes"]
