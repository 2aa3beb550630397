"""Writes for the evaluation: a participant's one response, the operator closing the survey.

The survey link carries only the session, signed (`survey_token`); the participant is the logged-in KPPS
account or the signed code on their participant card (`delivery.services.person_of_token`). The database's
unique constraint on (session, respondent) decides "once per participant", so two phones submitting at the
same moment store one response and the other is told it already answered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from bimtek.accounts.models import PERSONAL_ROLES
from bimtek.audit.services import log_action
from bimtek.delivery.selectors import can_check_in
from bimtek.delivery.services import person_of_token
from bimtek.feedback.models import REMARKS_MAX, FacilitatorRating, ModuleRating, Response, Survey
from bimtek.feedback.selectors import Questionnaire, questionnaire_of, survey_state
from bimtek.lib import clock
from bimtek.lib.errors import DomainError
from bimtek.planner.models import TrainingSession

_SURVEY_SALT = "bimtek.feedback.survey"
_RESPONDENT_SALT = "bimtek.feedback.respondent"
ANONYMOUS_ACTOR = "peserta (anonim)"  # the audit log never names who answered

ERR_TOKEN = "Tautan evaluasi tidak sah (terpotong atau diubah); pindai ulang QR dari fasilitator"  # noqa: S105 (an error text, not a secret)
ERR_CODE = "Kode peserta tidak dikenal; salin kode lengkap di bawah QR pada kartu peserta Anda"
ERR_ALREADY = "Anda sudah mengisi evaluasi sesi ini. Terima kasih!"
ERR_ANSWERS = "Jawaban tidak lengkap: setiap pertanyaan diberi nilai 1-5"
ERR_REMARKS = f"Saran dan catatan paling panjang {REMARKS_MAX} huruf"
ERR_CANNOT_CLOSE = "Akun ini tidak dapat menutup evaluasi"
ERR_ALREADY_CLOSED = "Evaluasi sesi ini sudah ditutup"


# -- the link and the participant ------------------------------------------------------------------------------


def survey_token(session_id: int) -> str:
    """What the survey QR's URL carries: the session id, signed; no person."""
    return signing.Signer(salt=_SURVEY_SALT).sign(f"s{session_id}")


def session_of_token(token: str) -> int | None:
    try:
        value = signing.Signer(salt=_SURVEY_SALT).unsign(token.strip())
    except signing.BadSignature:
        return None
    return int(value[1:]) if value.startswith("s") and value[1:].isdigit() else None


def participant_of(*, user: Any, code: str) -> int:
    """The answering person: a logged-in KPPS account, else the signed code from their participant card."""
    if user.is_authenticated and user.role in PERSONAL_ROLES and user.person_id:
        return int(user.person_id)
    person_id = person_of_token(code) if code.strip() else None
    if person_id is None:
        raise DomainError("code_unknown", ERR_CODE)
    return person_id


def respondent_of(session_id: int, person_id: int) -> str:
    """A keyed hash: equal for the same participant and session, meaningless without the server's secret."""
    return salted_hmac(_RESPONDENT_SALT, f"{session_id}:{person_id}", algorithm="sha256").hexdigest()


def questionnaire_for(
    *, session: TrainingSession, person_id: int, today: dt.date | None = None
) -> Questionnaire:
    """The participant's questions, once the survey is open, they take part and have not answered yet."""
    state = survey_state(session, today)
    if not state.open:
        raise DomainError(state.code, state.message)
    questionnaire = questionnaire_of(session, person_id)
    if Response.objects.filter(session=session, respondent=respondent_of(session.pk, person_id)).exists():
        raise DomainError("already_answered", ERR_ALREADY)
    return questionnaire


# -- the response ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answers:
    satisfaction: int
    modules: dict[int, int]  # module id -> 1-5
    facilitators: dict[int, int]  # person id -> 1-5
    remarks: str = ""


def _check(questionnaire: Questionnaire, answers: Answers) -> str:
    """The remarks, stripped; DomainError when an answer is missing, extra or outside 1-5."""
    scores = [answers.satisfaction, *answers.modules.values(), *answers.facilitators.values()]
    complete = set(answers.modules) == {m for m, _ in questionnaire.modules} and set(
        answers.facilitators
    ) == {f for f, _ in questionnaire.facilitators}
    if not complete or any(not 1 <= s <= 5 for s in scores):
        raise DomainError("answers_invalid", ERR_ANSWERS)
    remarks = answers.remarks.strip()
    if len(remarks) > REMARKS_MAX:
        raise DomainError("remarks_too_long", ERR_REMARKS)
    return remarks


@transaction.atomic(durable=True)
def response_submit(
    *, session: TrainingSession, person_id: int, answers: Answers, today: dt.date | None = None
) -> Response:
    """Store one participant's answers, all or nothing; the second submit is refused with `already_answered`."""
    questionnaire = questionnaire_for(session=session, person_id=person_id, today=today)
    remarks = _check(questionnaire, answers)
    Survey.objects.get_or_create(session=session)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                session=session,
                program=questionnaire.program,
                respondent=respondent_of(session.pk, person_id),
                region_code=questionnaire.region_code,
                satisfaction=answers.satisfaction,
                remarks=remarks,
                submitted_on=clock.today(),
            )
    except IntegrityError:  # a second phone of the same participant won the race
        raise DomainError("already_answered", ERR_ALREADY) from None
    ModuleRating.objects.bulk_create(
        ModuleRating(response=response, module_id=m, score=s) for m, s in answers.modules.items()
    )
    FacilitatorRating.objects.bulk_create(
        FacilitatorRating(response=response, facilitator_id=f, score=s)
        for f, s in answers.facilitators.items()
    )
    # Under the session, not the response: the log must not link a person's account or time to an answer.
    log_action(
        actor=ANONYMOUS_ACTOR,
        action="feedback.response",
        object_type="training_session",
        object_id=session.pk,
        region_code=questionnaire.region_code,
    )
    return response


# -- closing ---------------------------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def survey_close(*, session: TrainingSession, actor: Any) -> Survey:
    """The operator ends the survey before its N days are up; the caller has checked the session is visible."""
    if not can_check_in(actor):
        raise DomainError("forbidden", ERR_CANNOT_CLOSE)
    survey, _ = Survey.objects.select_for_update().get_or_create(session=session)
    if survey.closed_at is not None:
        raise DomainError("already_closed", ERR_ALREADY_CLOSED)
    survey.closed_at = timezone.now()
    survey.closed_by = actor
    survey.save(update_fields=["closed_at", "closed_by"])
    log_action(
        actor=actor,
        action="feedback.close",
        object_type="training_session",
        object_id=session.pk,
        region_code=session.region_code,
    )
    return survey
