"""Marking one attempt: an answer per item against the item's key. Pure and tiny on purpose."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BLANK = None


@dataclass(frozen=True)
class Key:
    kind: str  # "mc", "tf" (the answer is an option index) or "num" (the answer is a number)
    answer: int


@dataclass(frozen=True)
class Marked:
    marks: tuple[int, ...]  # 1 right, 0 wrong or blank
    score: int
    percent: float

    def passed(self, pass_mark: float) -> bool:
        return self.percent >= pass_mark


def mark(keys: Sequence[Key], answers: Sequence[int | None]) -> Marked:
    """Answers are original option indexes (mc/tf) or numbers (num); None is a blank."""
    if len(keys) != len(answers):
        raise ValueError(f"{len(answers)} answers for {len(keys)} items")
    marks = tuple(int(a is not None and a == k.answer) for k, a in zip(keys, answers, strict=True))
    score = sum(marks)
    return Marked(marks, score, round(100.0 * score / len(keys), 2) if keys else 0.0)
