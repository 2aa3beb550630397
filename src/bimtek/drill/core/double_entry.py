"""Double entry of one drill form, as the Kiesraad's Abacus does for result forms: two members of a crew
type the same form independently, the differences are shown box by box, the ketua resolves them.

Pure: the forms come in as CountForms of the same scenario, the comparison, the resolved form and the
crew's score go out as typed data. The checker already keeps blocking errors (`CheckResult.errors`) apart
from plausibility warnings (`CheckResult.warnings`), each violation with its rule code and its words, so
`findings` only lays them out for the result page; no severity is added here.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from bimtek.drill.core.checker import Severity, Violation
from bimtek.drill.core.form import Boxes, CountForm, boxes, label, with_boxes
from bimtek.drill.core.scoring import Score, score
from bimtek.lib.errors import DomainError

# What the ketua chose for a box that differs: entry A's value, entry B's, or a number of their own
# (counted again from the story or the plano).
Resolution = Literal["a", "b"] | int

ERR_NOT_A_DIFFERENCE = "resolution_not_a_difference"
ERR_MISSING = "resolution_missing"
ERR_BAD_VALUE = "resolution_bad_value"
ERR_OTHER_FORM = "entries_of_other_forms"


@dataclass(frozen=True)
class Difference:
    """One box where the two entries disagree (an empty box counts as a value of its own)."""

    path: str
    label: str
    a: int | None
    b: int | None


@dataclass(frozen=True)
class Comparison:
    differences: tuple[Difference, ...]
    equal: int
    total: int

    @property
    def agreement(self) -> int:
        """Percent of the boxes both entries agree on, rounded down so only full agreement is 100."""
        return self.equal * 100 // self.total if self.total else 100

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(d.path for d in self.differences)


@dataclass(frozen=True)
class Finding:
    """A checker violation as the result page lists it: blocking or a plausibility warning."""

    code: str
    severity: Severity
    fields: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class Findings:
    blocking: tuple[Finding, ...]
    warnings: tuple[Finding, ...]


@dataclass(frozen=True)
class CrewScore:
    """The crew's result: the resolved form against the truth, and how far the two entries agreed."""

    score: int
    agreement: int
    differences: int
    scored: Score
    findings: Findings


def _shape(form: CountForm) -> tuple[str, str, tuple[str, ...]]:
    return (form.kind, form.contest, tuple(boxes(form)))


def compare(a: CountForm, b: CountForm) -> Comparison:
    """The boxes where the entries differ, in the form's print order."""
    if _shape(a) != _shape(b):
        raise DomainError(ERR_OTHER_FORM, "Kedua isian bukan formulir yang sama (jenis atau kolom berbeda).")
    first, second = boxes(a), boxes(b)
    differences = tuple(
        Difference(path, label(path), value, second[path])
        for path, value in first.items()
        if value != second[path]
    )
    return Comparison(differences=differences, equal=len(first) - len(differences), total=len(first))


def resolve(a: CountForm, b: CountForm, resolutions: Mapping[str, Resolution]) -> CountForm:
    """Entry A where both agree, the ketua's choice where they differ. Every difference needs exactly
    one resolution, and a resolution for a box that did not differ is refused: the ketua must not
    overwrite what two members typed alike without a second look, and a forgotten box must not pass."""
    comparison = compare(a, b)
    differing = set(comparison.paths)
    extra = [path for path in resolutions if path not in differing]
    if extra:
        raise DomainError(
            ERR_NOT_A_DIFFERENCE,
            f"Kotak {', '.join(extra)} tidak berbeda antara kedua isian; tidak perlu diputuskan.",
        )
    missing = [path for path in comparison.paths if path not in resolutions]
    if missing:
        raise DomainError(ERR_MISSING, f"Kotak {', '.join(missing)} belum diputuskan oleh ketua.")
    chosen: Boxes = dict(boxes(a))
    for d in comparison.differences:
        chosen[d.path] = _value(d, resolutions[d.path])
    return with_boxes(a, chosen)


def _value(d: Difference, resolution: Resolution) -> int | None:
    if resolution == "a":
        return d.a
    if resolution == "b":
        return d.b
    if isinstance(resolution, bool) or not isinstance(resolution, int) or not 0 <= resolution <= 999:
        raise DomainError(ERR_BAD_VALUE, f"{d.label}: isian ketua harus bilangan bulat 0-999.")
    return resolution


def _finding(v: Violation) -> Finding:
    return Finding(code=v.code, severity=v.severity, fields=v.fields, message=v.message)


def crew_score(*, a: CountForm, b: CountForm, resolved: CountForm, truth: CountForm) -> CrewScore:
    """Score the resolved form as one trainee's form is scored, and keep the entries' agreement beside it:
    a crew that typed alike and still got it wrong misread the story together, which a facilitator
    wants to tell apart from a crew that typed carelessly and was saved by its ketua."""
    comparison = compare(a, b)
    scored = score(resolved, truth)
    return CrewScore(
        score=scored.score,
        agreement=comparison.agreement,
        differences=len(comparison.differences),
        scored=scored,
        findings=Findings(
            blocking=tuple(_finding(v) for v in scored.check.errors),
            warnings=tuple(_finding(v) for v in scored.check.warnings),
        ),
    )
