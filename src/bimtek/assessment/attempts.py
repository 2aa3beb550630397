"""Issuing, taking and scoring tests, online and on paper.

An attempt is created when its test is issued (a phone link or a printed sheet): the questions are
drawn then, from a seed of the form and the person, and stored with the attempt, so the sheet
printed today is scored next week against the same questions whatever happened to the bank since.
"""

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from bimtek.accounts.scoping import Scope
from bimtek.assessment import errors
from bimtek.assessment.core.draw import BlueprintError, attempt_seed, draw_items, option_order
from bimtek.assessment.core.scoring import Key, mark
from bimtek.assessment.models import (
    Attempt,
    AttemptStatus,
    FormMode,
    Question,
    QuestionKind,
    QuestionVersion,
    TestForm,
)
from bimtek.assessment.packing import pack, unpack
from bimtek.audit.services import log_action
from bimtek.lib.signals import training_recorded
from bimtek.workforce.models import Appointment
from bimtek.workforce.selectors import active_in

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: people type it from paper
CODE_LENGTH = 12  # 60 bits: the link is the key to one participant's test
GRACE = dt.timedelta(minutes=2)  # a phone's clock and a slow network


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def participants(form: TestForm, region_code: str) -> QuerySet[Appointment]:
    """Everyone this form's program trains in the region: active appointments of its bodies."""
    program = form.program
    return active_in(program.election_id, region_code, program.bodies)


def blueprint(form: TestForm) -> list[tuple[str, int]]:
    return [(m.bank, m.questions) for m in form.program.modules.all() if m.questions]


def question_pool(form: TestForm) -> dict[str, list[int]]:
    banks = [bank for bank, _ in blueprint(form)]
    pool: dict[str, list[int]] = {bank: [] for bank in banks}
    rows = Question.objects.filter(
        election_id=form.program.election_id, bank__in=banks, active=True, current__isnull=False
    ).values_list("bank", "id")
    for bank, pk in rows:
        pool[bank].append(pk)
    return pool


class Drawer:
    """Draws each participant's questions; the bank is read once for a whole issue."""

    def __init__(self, form: TestForm) -> None:
        self.form = form
        self.blueprint = blueprint(form)
        self.pool = question_pool(form) if form.mode == FormMode.BLUEPRINT else {}
        self.current = dict(
            Question.objects.filter(election_id=form.program.election_id, current__isnull=False).values_list(
                "id", "current_id"
            )
        )

    def items(self, seed: int) -> list[int]:
        if self.form.mode == FormMode.FIXED:
            questions = [q for q in self.form.fixed_questions if q in self.current]
        else:
            try:
                questions = draw_items(self.pool, self.blueprint, seed)
            except BlueprintError as exc:
                raise errors.error(
                    errors.BANK_TOO_SMALL, module=exc.module, available=exc.available, wanted=exc.wanted
                ) from None
        if not questions:
            raise errors.error(errors.NO_QUESTIONS)
        return [self.current[q] for q in questions]


def attempts_issue(*, form: TestForm, region_code: str, mode: str, actor: Any, scope: Scope) -> int:
    """Create the first attempt of every participant in the region who has none; returns how many."""
    if scope.nothing or not (scope.covers(region_code) or (scope.is_national and not region_code)):
        raise errors.error(errors.NOT_ALLOWED)
    drawer = Drawer(form)
    have = set(Attempt.objects.filter(form=form).values_list("person_id", flat=True))
    new = []
    for person_id, region_id in participants(form, region_code).values_list("person_id", "region_id"):
        if person_id in have:
            continue
        seed = attempt_seed(form.pk, person_id)
        items = drawer.items(seed)
        new.append(
            Attempt(
                form=form,
                person_id=person_id,
                region_id=region_id,
                code=new_code(),
                seed=seed,
                mode=mode,
                items=pack(items),
                answers=pack([None] * len(items)),
            )
        )
        have.add(person_id)
    with transaction.atomic(durable=True):
        Attempt.objects.bulk_create(new, batch_size=2000)
        log_action(
            actor=actor,
            action="assessment.attempts_issue",
            object_type="testform",
            object_id=form.pk,
            region_code=region_code,
            after={"attempts": len(new), "mode": mode},
        )
    return len(new)


@transaction.atomic(durable=True)
def attempt_again(*, attempt: Attempt, actor: Any) -> Attempt:
    """Another attempt for the same person, when the form allows more than one."""
    latest = Attempt.objects.filter(form=attempt.form, person=attempt.person).order_by("-number").first()
    assert latest is not None
    if latest.number >= attempt.form.max_attempts or latest.status != AttemptStatus.SUBMITTED:
        raise errors.error(errors.ATTEMPTS_USED)
    number = latest.number + 1
    seed = attempt_seed(attempt.form_id, attempt.person_id, number)
    items = Drawer(attempt.form).items(seed)
    again = Attempt.objects.create(
        form=attempt.form,
        person=attempt.person,
        region=attempt.region,
        number=number,
        code=new_code(),
        seed=seed,
        mode=attempt.mode,
        items=pack(items),
        answers=pack([None] * len(items)),
    )
    log_action(
        actor=actor,
        action="assessment.attempt_again",
        object_type="attempt",
        object_id=again.pk,
        region_code=attempt.region_id,
        after={"number": number},
    )
    return again


def versions_of(attempt: Attempt) -> list[QuestionVersion]:
    ids = unpack(attempt.items)
    by_id = QuestionVersion.objects.in_bulk([i for i in ids if i is not None])
    return [by_id[i] for i in ids if i is not None]


def shown_options(attempt: Attempt, version: QuestionVersion) -> list[tuple[int, str]]:
    """(original index, text) in the order this participant sees them."""
    shuffle = attempt.form.shuffle_options and version.kind == QuestionKind.MC
    order = option_order(attempt.seed, version.pk, len(version.options), shuffle=shuffle)
    return [(i, version.options[i]) for i in order]


def deadline(attempt: Attempt) -> dt.datetime | None:
    limit = attempt.form.time_limit_minutes
    if not limit or attempt.started_at is None:
        return None
    return attempt.started_at + dt.timedelta(minutes=limit)


def _check_answer(version: QuestionVersion, value: int | None) -> None:
    if value is None or version.kind == QuestionKind.NUM:
        if value is not None and not -(2**31) < value < 2**31:
            raise errors.error(errors.ANSWER_INVALID)
        return
    if not 0 <= value < len(version.options):
        raise errors.error(errors.ANSWER_INVALID)


def attempt_start(*, attempt: Attempt) -> Attempt:
    if attempt.started_at is None and attempt.status == AttemptStatus.ISSUED:
        Attempt.objects.filter(pk=attempt.pk, started_at__isnull=True).update(started_at=timezone.now())
        attempt.refresh_from_db(fields=["started_at"])
    return attempt


@transaction.atomic(durable=True)
def attempt_answer(*, code: str, position: int, value: int | None) -> None:
    """Save one answer as it is given. Not audited one by one: the submission is (a test is 30 writes)."""
    attempt = Attempt.objects.select_for_update().select_related("form").get(code=code)
    if attempt.status != AttemptStatus.ISSUED:
        raise errors.error(errors.ATTEMPT_CLOSED)
    end = deadline(attempt)
    if end is not None and timezone.now() > end + GRACE:
        raise errors.error(errors.ATTEMPT_EXPIRED)
    answers = unpack(attempt.answers)
    items = unpack(attempt.items)
    if not 0 <= position < len(items):
        raise errors.error(errors.ITEM_OUT_OF_RANGE)
    _check_answer(QuestionVersion.objects.get(pk=items[position]), value)
    answers[position] = value
    attempt.answers = pack(answers)
    attempt.save(update_fields=["answers"])


def _score(attempt: Attempt, answers: Sequence[int | None]) -> None:
    versions = versions_of(attempt)
    marked = mark([Key(v.kind, v.answer) for v in versions], answers)
    attempt.answers = pack(list(answers))
    attempt.score, attempt.percent = marked.score, marked.percent
    attempt.passed = marked.passed(attempt.form.program.pass_mark)
    attempt.status = AttemptStatus.SUBMITTED
    attempt.submitted_at = attempt.submitted_at or timezone.now()


@transaction.atomic(durable=True)
def attempt_submit(*, code: str, answers: dict[int, int | None] | None = None, actor: Any = None) -> Attempt:
    """Finish an attempt: the answers the page still holds fill in any that never reached the server."""
    attempt = Attempt.objects.select_for_update().select_related("form__program").get(code=code)
    if attempt.status != AttemptStatus.ISSUED:
        raise errors.error(errors.ATTEMPT_CLOSED)
    stored = unpack(attempt.answers)
    end = deadline(attempt)
    late = end is not None and timezone.now() > end + GRACE
    versions = versions_of(attempt)
    for position, value in (answers or {}).items():
        if late or not 0 <= position < len(stored) or value is None:
            continue
        _check_answer(versions[position], value)
        stored[position] = value
    _score(attempt, stored)
    attempt.save(update_fields=["answers", "score", "percent", "passed", "status", "submitted_at"])
    log_action(
        actor=actor or f"peserta:{attempt.person_id}",
        action="assessment.attempt_submit",
        object_type="attempt",
        object_id=attempt.pk,
        region_code=attempt.region_id,
        after={"score": attempt.score, "percent": attempt.percent, "late": late},
    )
    training_recorded.send(
        sender=Attempt, election_id=attempt.form.program.election_id, person_ids=[attempt.person_id]
    )
    return attempt
