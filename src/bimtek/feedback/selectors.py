"""Reads for the evaluation: who may answer (the questionnaire), and the results, aggregated in the database.

Each results table is one grouped query (n, sum, sum of squares and the count of 4-5 per group); the pure
`feedback.core` turns those sums into means and intervals. Results are scoped by the participant's unit
with the one scoping mechanism (`visible_to`/`in_scope`); a PPK/PPS who facilitated also sees every rating
of themselves, wherever the participants came from. A KPPS account sees no results.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Sum

from bimtek.accounts.models import Role
from bimtek.accounts.scoping import NOTHING, Scope, region_filter, scope_of
from bimtek.assessment.models import Program
from bimtek.assessment.selectors import program_of
from bimtek.delivery.selectors import program_kind_of
from bimtek.elections.models import Election
from bimtek.feedback.core import TOP, Summary, Tally, summarize
from bimtek.feedback.models import FacilitatorRating, ModuleRating, Response, Survey
from bimtek.lib import clock
from bimtek.lib.errors import DomainError
from bimtek.planner.models import SessionStatus, TrainingSession
from bimtek.planner.selectors import session_participants
from bimtek.planner.sessions import facilitators_of

RESULT_ROLES = {Role.KPU_RI, Role.KPU_PROVINSI, Role.KPU_KABKOTA, Role.PPK, Role.PPS}
FACILITATOR_ROLES = {Role.PPK, Role.PPS}
DEFAULT_OPEN_DAYS = 7

ERR_CLOSED = "Evaluasi sesi ini sudah ditutup"
ERR_NOT_YET = "Evaluasi sesi ini baru dibuka pada hari pelaksanaan"
ERR_NOT_PARTICIPANT = "Kode ini bukan milik peserta sesi ini"
ERR_NO_PROGRAM = "Kurikulum program untuk sesi ini belum disusun; hubungi KPU"


# -- who may answer ----------------------------------------------------------------------------------------------


def open_days() -> int:
    """FEEDBACK_OPEN_DAYS: how many days after the session the survey stays open (default 7)."""
    return int(getattr(settings, "FEEDBACK_OPEN_DAYS", DEFAULT_OPEN_DAYS))


@dataclass(frozen=True)
class State:
    open: bool
    code: str  # open, closed, not_yet
    message: str
    closes_on: dt.date


def survey_state(session: TrainingSession, today: dt.date | None = None) -> State:
    closed = Survey.objects.filter(session=session, closed_at__isnull=False).exists()
    return _state(session, today or clock.today(), closed=closed)


def survey_states(sessions: list[TrainingSession], today: dt.date | None = None) -> dict[int, State]:
    """`survey_state` of each session (session id -> state), in one query whatever their number."""
    closed = set(
        Survey.objects.filter(session__in=sessions, closed_at__isnull=False).values_list(
            "session_id", flat=True
        )
    )
    return {s.pk: _state(s, today or clock.today(), closed=s.pk in closed) for s in sessions}


def _state(session: TrainingSession, today: dt.date, *, closed: bool) -> State:
    closes_on = session.date + dt.timedelta(days=open_days())
    if closed or session.status == SessionStatus.CANCELLED or today > closes_on:
        return State(False, "closed", ERR_CLOSED, closes_on)
    if today < session.date:
        return State(False, "not_yet", ERR_NOT_YET, closes_on)
    return State(True, "open", "", closes_on)


@dataclass(frozen=True)
class Questionnaire:
    """What one participant is asked: the modules of their program and the session's facilitators."""

    session: TrainingSession
    person_id: int
    region_code: str
    program: Program
    modules: list[tuple[int, str]]  # module id, "1. Pengantar ..."
    facilitators: list[tuple[int, str]]  # person id, name


def questionnaire_of(session: TrainingSession, person_id: int) -> Questionnaire:
    """The participant's questionnaire; DomainError when they are not a participant or there is no curriculum."""
    seat = session_participants(session).filter(person_id=person_id).values_list("body", "region_id").first()
    if seat is None:
        raise DomainError("not_participant", ERR_NOT_PARTICIPANT)
    body, region_code = seat
    kind = program_kind_of(session, body)
    program = program_of(session.plan.election_id, kind)
    modules = list(program.modules.order_by("position")) if program else []
    if program is None or not modules:
        raise DomainError("no_program", ERR_NO_PROGRAM)
    facilitators = facilitators_of(session)
    return Questionnaire(
        session=session,
        person_id=person_id,
        region_code=region_code,
        program=program,
        modules=[(m.pk, str(m)) for m in modules],
        facilitators=list(facilitators.values_list("person_id", "person__name")),
    )


# -- results -----------------------------------------------------------------------------------------------------


def results_scope(user: Any) -> Scope:
    """Whose results a user may read: KPU, PPK and PPS by region; a KPPS account none."""
    if user.is_authenticated and (user.is_superuser or user.role in RESULT_ROLES):
        return scope_of(user)
    return NOTHING


def own_person(user: Any) -> int | None:
    """The person behind a PPK/PPS account, whose own facilitator ratings they always see."""
    if user.is_authenticated and user.role in FACILITATOR_ROLES:
        return user.person_id  # type: ignore[no-any-return]  # user is Any (AnonymousUser or User)
    return None


@dataclass(frozen=True)
class Row:
    key: int
    label: str
    summary: Summary
    detail: str = ""  # the session's date, the module's program


@dataclass(frozen=True)
class Results:
    overall: Summary
    sessions: list[Row]
    facilitators: list[Row]
    modules: list[Row]

    def as_dict(self) -> dict[str, Any]:
        def rows(items: list[Row]) -> list[dict[str, Any]]:
            return [{"id": r.key, "label": r.label, "detail": r.detail, **r.summary.as_dict()} for r in items]

        return {
            "overall": self.overall.as_dict(),
            "sessions": rows(self.sessions),
            "facilitators": rows(self.facilitators),
            "modules": rows(self.modules),
        }


def _sums(field: str) -> dict[str, Any]:
    return {
        "n": Count(field),
        "total": Sum(field),
        "squares": Sum(F(field) * F(field)),
        "top": Count(field, filter=Q(**{f"{field}__gte": TOP})),
    }


def _summary(row: dict[str, Any]) -> Summary:
    return summarize(Tally(row["n"], row["total"] or 0, row["squares"] or 0, row["top"]))


def _filters(prefix: str, election: Election, region_code: str, session: TrainingSession | None) -> Q:
    where = Q(**{f"{prefix}session__plan__election": election})
    if region_code:
        where &= region_filter(f"{prefix}region_code", region_code)
    if session is not None:
        where &= Q(**{f"{prefix}session": session})
    return where


def results(
    *,
    scope: Scope,
    election: Election,
    region_code: str = "",
    session: TrainingSession | None = None,
    own_person_id: int | None = None,
) -> Results:
    """Overall, per session, per facilitator and per module: four queries, whatever the number of answers."""
    responses = Response.objects.in_scope(scope).filter(_filters("", election, region_code, session))
    overall = _summary(responses.aggregate(**_sums("satisfaction")))
    return Results(
        overall=overall,
        sessions=_session_rows(responses),
        facilitators=_facilitator_rows(scope, election, region_code, session, own_person_id),
        modules=_module_rows(
            ModuleRating.objects.in_scope(scope).filter(
                _filters("response__", election, region_code, session)
            )
        ),
    )


def _session_rows(responses: QuerySet[Response]) -> list[Row]:
    rows = (
        responses.values("session_id", "session__date", "session__slot", "session__venue__name")
        .annotate(**_sums("satisfaction"))
        .order_by("session__date", "session__slot", "session__venue__name")
    )
    return [
        Row(
            r["session_id"],
            f"{r['session__venue__name']} · sesi {r['session__slot']}",
            _summary(r),
            r["session__date"].isoformat(),
        )
        for r in rows
    ]


def _facilitator_rows(
    scope: Scope,
    election: Election,
    region_code: str,
    session: TrainingSession | None,
    own_person_id: int | None,
) -> list[Row]:
    ratings: QuerySet[FacilitatorRating] = FacilitatorRating.objects.in_scope(scope).filter(
        _filters("response__", election, region_code, session)
    )
    if own_person_id is not None and not scope.nothing:
        own = FacilitatorRating.objects.filter(
            _filters("response__", election, "", session), facilitator_id=own_person_id
        )
        ratings = ratings | own
    rows = (
        ratings.values("facilitator_id", "facilitator__name")
        .annotate(**_sums("score"))
        .order_by("facilitator__name", "facilitator_id")
    )
    return [Row(r["facilitator_id"], r["facilitator__name"], _summary(r)) for r in rows]


def _module_rows(ratings: QuerySet[ModuleRating]) -> list[Row]:
    rows = (
        ratings.values("module_id", "module__position", "module__title", "module__program__name")
        .annotate(**_sums("score"))
        .order_by("module__program__name", "module__position")
    )
    return [
        Row(
            r["module_id"],
            f"{r['module__position']}. {r['module__title']}",
            _summary(r),
            r["module__program__name"],
        )
        for r in rows
    ]


def remarks(*, scope: Scope, session: TrainingSession) -> list[str]:
    """The session's open remarks in the user's scope, sorted by text so their order says nothing about who."""
    rows = (
        Response.objects.in_scope(scope)
        .filter(session=session)
        .exclude(remarks="")
        .order_by("remarks")
        .values_list("remarks", flat=True)
    )
    return list(rows)
