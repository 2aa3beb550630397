"""Fixed test forms: the questions every participant gets, in one order, chosen from the bank.

A kabupaten that gives all its KPPS the same pre- and post-test compares like with like, and its
reliability (Cronbach's alpha) is then computed over the same items for everyone. The list is kept on
the form (`TestForm.fixed_questions`, question ids in order); choosing it turns the form to fixed
mode. Attempts already issued keep the questions they were given.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict

from bimtek.assessment import errors
from bimtek.assessment.models import FormMode, Question, TestForm
from bimtek.audit.services import log_action
from bimtek.lib.errors import DomainError

MAX_QUESTIONS = 300  # far above a real test (30-60); bounds what one POST or command line may ask for
FIELD = "questions"


class FixedQuestionsError(DomainError):
    """A refused list of fixed questions; `field` names the input at fault (a form field or option)."""

    def __init__(self, code: str, message: str, *, field: str = FIELD) -> None:
        super().__init__(code, str(message))  # the message may be a lazy translation
        self.field = field


@dataclass(frozen=True)
class Choice:
    """One row of the editor: a question of the program's bank and its place on the form (0: not chosen)."""

    question: Question
    position: int

    @property
    def order_field(self) -> str:
        return f"order_{self.question.pk}"


def program_banks(form: TestForm) -> list[str]:
    """The modules' banks of the form's program, in module order."""
    return list(form.program.modules.order_by("position").values_list("bank", flat=True))


def bank_questions(form: TestForm, bank: str = "") -> QuerySet[Question]:
    """The active questions with a text that the form may use: its program's banks, or one of them."""
    banks = program_banks(form)
    qs = Question.objects.filter(
        election_id=form.program.election_id, bank__in=banks, active=True, current__isnull=False
    ).select_related("current")
    if bank:
        qs = qs.filter(bank=bank)
    return qs.order_by("bank", "code")


def choices(form: TestForm, bank: str = "", chosen: Sequence[int] | None = None) -> list[Choice]:
    """The editor's rows: the chosen questions (the form's, unless given) first, in order, then the rest."""
    picked = form.fixed_questions if chosen is None else chosen
    place = {q: i for i, q in enumerate(picked, start=1)}
    rows = [Choice(q, place.get(q.pk, 0)) for q in bank_questions(form, bank)]
    return sorted(rows, key=lambda c: (c.position == 0, c.position))


def _codes(ids: Sequence[int], known: Mapping[int, Question]) -> str:
    return ", ".join(known[i].code if i in known else str(i) for i in ids)


def validate(form: TestForm, question_ids: Sequence[int]) -> list[int]:
    """The list as it will be stored, or a FixedQuestionsError naming the first rule it breaks."""
    ids = list(question_ids)
    if not ids:
        raise FixedQuestionsError(*errors.FIXED_EMPTY)
    if len(ids) > MAX_QUESTIONS:
        code, message = errors.FIXED_TOO_MANY
        raise FixedQuestionsError(code, message.format(limit=MAX_QUESTIONS))
    known = Question.objects.filter(election_id=form.program.election_id, pk__in=ids).in_bulk()
    banks = set(program_banks(form))
    problems: list[tuple[tuple[str, str], list[int]]] = [
        (errors.FIXED_DUPLICATE, sorted(i for i, n in Counter(ids).items() if n > 1)),
        (errors.FIXED_UNKNOWN, [i for i in ids if i not in known]),
        (errors.FIXED_OUTSIDE_PROGRAM, [i for i in ids if i in known and known[i].bank not in banks]),
        (
            errors.FIXED_INACTIVE,
            [i for i in ids if i in known and not (known[i].active and known[i].current_id)],
        ),
    ]
    for (code, message), bad in problems:
        if bad:
            raise FixedQuestionsError(code, message.format(questions=_codes(bad, known)))
    return ids


@transaction.atomic(durable=True)
def test_form_fix_questions(*, form: TestForm, question_ids: Sequence[int], actor: Any) -> TestForm:
    """Give everyone who takes the form these questions in this order; the form becomes fixed."""
    ids = validate(form, question_ids)
    before = {"mode": form.mode, "fixed_questions": form.fixed_questions}
    form.fixed_questions, form.mode = ids, FormMode.FIXED
    form.save(update_fields=["fixed_questions", "mode"])
    log_action(
        actor=actor,
        action="assessment.form_fix_questions",
        object_type="test_form",
        object_id=form.pk,
        before=before,
        after={"mode": form.mode, "fixed_questions": ids},
    )
    return form


def questions_pick(form: TestForm, per_module: int) -> list[int]:
    """`per_module` questions of each tested module (one with questions per test), first by code.

    By code, not at random, so the same command picks the same test and an operator can read why.
    """
    if per_module < 1:
        raise FixedQuestionsError(*errors.FIXED_EMPTY, field="auto")
    tested = [m.bank for m in form.program.modules.order_by("position") if m.questions]
    pool: dict[str, list[int]] = {bank: [] for bank in tested}
    for bank, pk in bank_questions(form).filter(bank__in=tested).values_list("bank", "pk"):
        pool[bank].append(pk)
    picked: list[int] = []
    for bank in tested:
        if len(pool[bank]) < per_module:
            code, message = errors.BANK_TOO_SMALL
            raise FixedQuestionsError(
                code, message.format(module=bank, available=len(pool[bank]), wanted=per_module), field="auto"
            )
        picked += pool[bank][:per_module]
    return picked


def parse_choice(post: QueryDict) -> list[int]:
    """The editor's POST: the ticked `q` ids, ordered by their `order_<id>` number.

    A blank number goes after the numbered ones, and equal numbers keep the page's order. Every `q` value
    is kept (`getlist`), so a question ticked twice reaches `validate` twice and is refused as a duplicate.
    """
    ticked: list[tuple[int, int, int]] = []
    for listed, raw in enumerate(post.getlist("q")):
        try:
            pk = int(raw)
        except (TypeError, ValueError):
            raise FixedQuestionsError(*errors.FIXED_UNKNOWN_RAW) from None
        order_raw = str(post.get(f"order_{pk}", "")).strip()
        if not order_raw:
            ticked.append((MAX_QUESTIONS + 1, listed, pk))
            continue
        try:
            order = int(order_raw)
        except ValueError:
            order = 0
        if not 1 <= order <= MAX_QUESTIONS:
            code, message = errors.FIXED_ORDER
            raise FixedQuestionsError(code, message.format(limit=MAX_QUESTIONS), field=f"order_{pk}")
        ticked.append((order, listed, pk))
    return [pk for _, _, pk in sorted(ticked)]
