"""Score a trainee's filled form against the true form of a drill, box by box."""

from dataclasses import dataclass

from bimtek.drill.core.checker import CheckResult, check
from bimtek.drill.core.form import CountForm, boxes


@dataclass(frozen=True)
class WrongBox:
    path: str
    expected: int | None
    given: int | None


@dataclass(frozen=True)
class Score:
    score: int
    correct: int
    total: int
    wrong: tuple[WrongBox, ...]
    check: CheckResult


def score(trainee: CountForm, truth: CountForm) -> Score:
    """0-100, rounded down so only a perfect form earns 100; an empty box counts as wrong.

    Words are not scored box by box: a wrong spelling shows up as a `words_vs_digits` violation in
    `check`, which also lists every inconsistency the trainee would have caught with the form's rules.
    """
    expected = boxes(truth)
    given = boxes(trainee)
    wrong = tuple(
        WrongBox(path, value, given.get(path)) for path, value in expected.items() if given.get(path) != value
    )
    correct = len(expected) - len(wrong)
    return Score(
        score=correct * 100 // len(expected),
        correct=correct,
        total=len(expected),
        wrong=wrong,
        check=check(trainee),
    )
