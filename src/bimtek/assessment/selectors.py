"""Reads for the results and item-analysis pages: the database turned into the pure core's arrays.

Results are grouped by region today. Sessions, facilitators and waves arrive with the Delivery
issue: they become other `GroupKey`s over the same participant rows (see `group_results`).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import QuerySet, Sum

from bimtek.accounts.scoping import Scope, region_filter
from bimtek.assessment.core.analysis import Accumulator, Analysis, ItemStat, TestStat
from bimtek.assessment.core.gain import Gain, normalized_gain
from bimtek.assessment.models import (
    Attempt,
    AttemptMode,
    AttemptStatus,
    FormMode,
    Module,
    Program,
    Question,
    QuestionKind,
    QuestionVersion,
    Stage,
    TestForm,
)
from bimtek.assessment.packing import BLANK, DTYPE
from bimtek.lib.lookups import keys_in
from bimtek.regions.models import Region
from bimtek.workforce.selectors import names_of

CHUNK = 20_000


@dataclass(frozen=True)
class Participant:
    person_id: int
    name: str
    region: str
    pre: float | None
    post: float | None
    passed: bool | None
    gain: float | None


@dataclass(frozen=True)
class Group:
    key: str
    name: str
    participants: int
    pre_n: int
    post_n: int
    passed: int
    gain: Gain


GroupKey = Callable[[Participant], str]


def forms_of(program: Program) -> tuple[TestForm | None, TestForm | None]:
    forms = {f.stage: f for f in program.forms.all()}
    return forms.get(Stage.PRE), forms.get(Stage.POST)


def _scores(
    form: TestForm | None, scope: Scope, region_code: str
) -> dict[int, tuple[str, float, bool | None]]:
    if form is None:
        return {}
    qs = Attempt.objects.in_scope(scope).filter(form=form, number=1, status=AttemptStatus.SUBMITTED)
    if region_code:
        qs = qs.filter(region_filter("region__code", region_code))
    return {p: (r, pc, ok) for p, r, pc, ok in qs.values_list("person_id", "region_id", "percent", "passed")}


def participants(program: Program, scope: Scope, region_code: str) -> list[Participant]:
    """Everyone in the region with a submitted first pre- or post-test, with their gain."""
    pre_form, post_form = forms_of(program)
    pre, post = _scores(pre_form, scope, region_code), _scores(post_form, scope, region_code)
    people = sorted(pre.keys() | post.keys())
    names = names_of(people) if len(people) < 50_000 else {}
    out = []
    for pid in people:
        a, b = pre.get(pid), post.get(pid)
        # g_i as core.gain.individual_gains defines it, inline: a numpy call per row costs more than the sum
        gain = (b[1] - a[1]) / (100.0 - a[1]) if a is not None and b is not None and a[1] < 100.0 else None
        out.append(
            Participant(
                person_id=pid,
                name=names.get(pid, ""),
                region=(b or a)[0] if (b or a) else "",
                pre=a[1] if a else None,
                post=b[1] if b else None,
                passed=b[2] if b else None,
                gain=gain,
            )
        )
    return out


def child_key(region_code: str) -> GroupKey:
    """Group by the region one level below `region_code` (the whole country: provinces)."""
    parts = len(region_code.split(".")) + 1 if region_code else 1

    def key(p: Participant) -> str:
        return ".".join(p.region.split(".")[:parts])

    return key


def group_results(rows: Iterable[Participant], key: GroupKey) -> list[Group]:
    """Aggregate participants by any key: a region today; a session, facilitator or wave with Delivery."""
    groups: dict[str, list[Participant]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    names = dict(Region.objects.filter(code__in=list(groups)).values_list("code", "name"))
    out = []
    for k in sorted(groups):
        members = groups[k]
        pairs = [(m.pre, m.post) for m in members if m.pre is not None and m.post is not None]
        out.append(
            Group(
                key=k,
                name=names.get(k, k),
                participants=len(members),
                pre_n=sum(m.pre is not None for m in members),
                post_n=sum(m.post is not None for m in members),
                passed=sum(bool(m.passed) for m in members),
                gain=normalized_gain([p for p, _ in pairs], [q for _, q in pairs]),
            )
        )
    return out


def overall(rows: list[Participant]) -> Gain:
    pairs = [(m.pre, m.post) for m in rows if m.pre is not None and m.post is not None]
    return normalized_gain([p for p, _ in pairs], [q for _, q in pairs])


def region_result(rows: list[Participant], region_code: str) -> Group:
    """The whole region as one group: `overall`'s gain with the counts beside it (zeros when nobody took a test)."""
    whole = group_results(rows, lambda _: region_code)
    return whole[0] if whole else Group(region_code, region_code, 0, 0, 0, 0, overall([]))


@dataclass(frozen=True)
class ItemRow:
    version: QuestionVersion
    stat: ItemStat


@dataclass(frozen=True)
class FormAnalysis:
    test: (
        TestStat  # fixed form: over its questions; blueprint: over positions, as Moodle does for random ones
    )
    items: list[ItemRow]  # per question version given
    over: str = "positions"  # what `test` is computed over: "questions" (fixed form) or "positions"


class _FixedColumns:
    """A fixed form's questions as the columns of the test's own statistics, whatever order they were shown in.

    Alpha over positions is right only while everyone's position p holds the same question; over question
    ids it stays right when the list was reordered between issues. An attempt given a question outside the
    list (issued before the list changed) means the items are not the same for everyone: alpha is then
    left undefined (`Accumulator.complete`), not computed over a mixture.
    """

    def __init__(self, fixed_questions: list[int], question_of: np.ndarray, options: int) -> None:
        self.ids = np.array(sorted(set(fixed_questions)), dtype=np.int64)
        self.question_of = question_of  # version column -> question id
        self.acc = Accumulator(len(self.ids), options)

    def add(self, cols: np.ndarray, correct: np.ndarray) -> None:
        questions = self.question_of[cols]
        at = np.searchsorted(self.ids, questions)
        listed = (at < len(self.ids)) & (self.ids[np.clip(at, 0, len(self.ids) - 1)] == questions)
        m = cols.shape[0]
        dense = np.zeros((m, len(self.ids)), dtype=np.uint8)
        shown = np.zeros((m, len(self.ids)), dtype=bool)
        rows, where = np.nonzero(listed)
        dense[rows, at[rows, where]] = correct[rows, where]
        shown[rows, at[rows, where]] = True
        self.acc.add(dense, shown)
        if not listed.all():
            self.acc.complete = False  # someone was given another question: not the same items for all


def _attempt_rows(form: TestForm, scope: Scope, region_code: str) -> Iterable[tuple[bytes, bytes]]:
    qs = (
        Attempt.objects.in_scope(scope)
        .filter(form=form, number=1, status=AttemptStatus.SUBMITTED)
        .exclude(mode=AttemptMode.SCORE)
    )
    if region_code:
        qs = qs.filter(region_filter("region__code", region_code))
    for items, answers in qs.values_list("items", "answers").iterator(chunk_size=CHUNK):
        yield bytes(items), bytes(answers)


def form_item_analysis(form: TestForm, scope: Scope, region_code: str = "") -> FormAnalysis:
    """Moodle's statistics over first attempts: per question version, and for the whole test over the
    fixed form's questions (a fixed form) or over positions (a blueprint, as Moodle does for random ones)."""
    election_id = form.program.election_id
    versions = list(
        QuestionVersion.objects.filter(question__election_id=election_id)
        .select_related("question")
        .order_by("pk")
    )
    ids = np.array([v.pk for v in versions], dtype=np.int64)
    keys = np.array([v.answer for v in versions], dtype=np.int64)
    numeric = np.array([v.kind == QuestionKind.NUM for v in versions])
    options = max([len(v.options) for v in versions] + [2])
    per_item = Accumulator(len(versions), options)
    per_slot: Accumulator | None = None
    per_question = (
        _FixedColumns(
            form.fixed_questions, np.array([v.question_id for v in versions], dtype=np.int64), options
        )
        if form.mode == FormMode.FIXED and form.fixed_questions
        else None
    )
    batch: list[tuple[bytes, bytes]] = []

    def flush() -> None:
        nonlocal per_slot
        by_length: dict[int, list[tuple[bytes, bytes]]] = defaultdict(list)
        for items, answers in batch:
            by_length[len(items)].append((items, answers))
        for length, rows in by_length.items():
            if length == 0:  # an attempt stored without its items says nothing about any item
                continue
            width = length // DTYPE.itemsize
            items_m = np.frombuffer(b"".join(r[0] for r in rows), dtype=DTYPE).reshape(-1, width)
            answers_m = (
                np.frombuffer(b"".join(r[1] for r in rows), dtype=DTYPE).reshape(-1, width).astype(np.int64)
            )
            cols = np.searchsorted(ids, items_m)
            correct = answers_m == keys[cols]
            blank = answers_m == BLANK
            chosen = np.where(numeric[cols], np.where(correct, 0, 1), answers_m)
            chosen = np.where(blank, -1, chosen)
            m = items_m.shape[0]
            dense = np.zeros((m, len(versions)), dtype=np.uint8)
            shown = np.zeros((m, len(versions)), dtype=bool)
            picks = np.full((m, len(versions)), -1, dtype=np.int64)
            rows_ix = np.repeat(np.arange(m), width).reshape(m, width)
            dense[rows_ix, cols] = correct
            shown[rows_ix, cols] = True
            picks[rows_ix, cols] = chosen
            per_item.add(dense, shown, picks)
            if per_question is not None:
                per_question.add(cols, correct)
                continue
            if per_slot is None:
                per_slot = Accumulator(width, options)
            if per_slot.k == width:
                per_slot.add(correct.astype(np.uint8))
        batch.clear()

    for row in _attempt_rows(form, scope, region_code):
        batch.append(row)
        if len(batch) >= CHUNK:
            flush()
    flush()
    result: Analysis = per_item.result()
    if per_question is not None:
        test = per_question.acc.result().test
    else:
        test = per_slot.result().test if per_slot is not None else Accumulator(0).result().test
    rows = [ItemRow(v, s) for v, s in zip(versions, result.items, strict=True) if s.attempts]
    rows.sort(key=lambda r: (r.version.question.bank, r.version.question.code, r.version.number))
    return FormAnalysis(test, rows, "questions" if per_question is not None else "positions")


def bank_counts(program: Program) -> dict[str, int]:
    banks = [m.bank for m in program.modules.all()]
    counts: dict[str, int] = defaultdict(int)
    for bank in Question.objects.filter(
        election_id=program.election_id, bank__in=banks, active=True
    ).values_list("bank", flat=True):
        counts[bank] += 1
    return dict(counts)


# What the apps above read of programs, forms and attempts (issue 14: through these, not the models' managers).


def program_of(election: Any, kind: str, *, with_forms: bool = False) -> Program | None:
    """The election's program of a kind (tot, kpps, linmas), its forms read along if asked; None if none."""
    qs = Program.objects.filter(election=election, kind=kind)
    return (qs.prefetch_related("forms") if with_forms else qs).first()


def program_by_id(pk: Any) -> Program | None:
    return Program.objects.select_related("election").filter(pk=pk).first()


def programs_in(election_ids: Iterable[Any]) -> QuerySet[Program]:
    """The programs of these elections (instances or ids)."""
    return Program.objects.filter(election__in=list(election_ids))


def post_test_kinds(election: Any) -> set[str]:
    """The kinds of the election's programs that have a post-test form."""
    return set(
        Program.objects.filter(election=election, forms__stage=Stage.POST).values_list("kind", flat=True)
    )


def post_test_passers(
    ids: Sequence[int] | QuerySet[Any, Any] | None, *, election: Any = None, program: Any = None
) -> QuerySet[Attempt]:
    """person_id of those of `ids` (a list, a subquery, or None: everyone) with a submitted, passed
    post-test of the election (or of one program)."""
    qs = Attempt.objects.filter(form__stage=Stage.POST, status=AttemptStatus.SUBMITTED)
    if ids is not None:
        qs = qs.filter(keys_in("person_id", ids))
    if election is not None:
        qs = qs.filter(form__program__election=election)
    if program is not None:
        qs = qs.filter(form__program=program)
    return qs.filter(passed=True).order_by().values_list("person_id", flat=True)


def attempts_of_person(person: Any) -> QuerySet[Attempt]:
    """Every attempt of the person, with its form and program."""
    return Attempt.objects.filter(person=person).select_related("form", "form__program")


def form_of(election: Any, kind: str, stage: str) -> TestForm | None:
    """The election's test form of a program kind and stage (pre, post); None if there is none."""
    return TestForm.objects.filter(program__election=election, program__kind=kind, stage=stage).first()


def first_submitted(form: Any, scope: Scope | None = None) -> QuerySet[Attempt]:
    """The first submitted attempt of each person on the form (within the scope, if given)."""
    qs = Attempt.objects.in_scope(scope) if scope is not None else Attempt.objects.all()
    return qs.filter(form=form, number=1, status=AttemptStatus.SUBMITTED)


def modules_of(election_id: Any, kind: str) -> QuerySet[Module]:
    """The modules of the election's program of a kind, in teaching order."""
    return Module.objects.filter(program__election_id=election_id, program__kind=kind).order_by("position")


def program_minutes_of(election_id: Any, kind: str) -> int | None:
    """The minutes of the election's program of a kind (the sum of its modules); None without modules."""
    total = Module.objects.filter(program__election_id=election_id, program__kind=kind).aggregate(
        total=Sum("minutes")
    )["total"]
    return int(total) if total else None


def modules_newest_first() -> QuerySet[Module]:
    """Every module with its program and election: the latest election first, then by program and position."""
    return Module.objects.select_related("program", "program__election").order_by(
        "-program__election__voting_day", "program__kind", "position"
    )
