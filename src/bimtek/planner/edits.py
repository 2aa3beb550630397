"""Hand edits of a stored plan: move a group, change a session's facilitators, add a session, cancel one.

Every edit is tried on a *draft* first: the plan's planned sessions as the core's `Plan`, over the instance
`plan_solve` would build today (`instance.build`). The core's independent validator checks the draft before and
after the edit; an edit that adds a violation (capacity, facilitator double-booked, outside the window, group
split, ...) is refused with the validator's own words, and nothing is written. Violations the plan already had
(a crew that grew since the solve, say) do not block an unrelated edit. Sessions already held, or cancelled,
cannot be edited. One durable transaction and one audit entry per edit; the plan row is locked first, so two
edits (or an edit and a solve being stored) never interleave.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction

from bimtek.audit.services import log_action
from bimtek.lib.errors import DomainError
from bimtek.planner.core.length import refold
from bimtek.planner.core.schema import Plan, Session
from bimtek.planner.core.validation import Violation, validate
from bimtek.planner.instance import Built, build, spec_of, venue_key
from bimtek.planner.models import (
    PlanStatus,
    PlanVenue,
    SessionFacilitator,
    SessionGroup,
    SessionStatus,
    TrainingPlan,
    TrainingSession,
    Venue,
)
from bimtek.workforce.models import Person

ERR_NOT_PLANNED = "Sesi yang sudah dilaksanakan atau dibatalkan tidak dapat diubah"
ERR_OTHER_PLAN = "Sesi tujuan harus dari rencana yang sama"
ERR_RUNNING = "Rencana ini sedang disusun; tunggu sampai selesai"
ERR_UNKNOWN_GROUP = "Kelompok {key} tidak ada dalam rencana ini"
ERR_SAME_SESSION = "Kelompok itu sudah berada di sesi tujuan"
ERR_NO_CHANGE = "Pilih fasilitator yang ditambah atau dilepas"
ERR_NOT_FACILITATOR = "{name} bukan fasilitator sesi ini"
ERR_ALREADY_FACILITATOR = "{name} sudah menjadi fasilitator sesi ini"
ERR_NO_GROUPS = "Pilih paling sedikit satu kelompok untuk sesi baru"
ERR_VENUE_NOT_IN_PLAN = "Tempat {name} tidak termasuk rencana ini"
ERR_REFUSED = "Perubahan ditolak: {details}"

NEW = "baru"  # the draft's key for a session being created


@dataclass
class Draft:
    """The plan's planned sessions as the core sees them, keyed by session id (or NEW)."""

    plan: TrainingPlan
    built: Built
    sessions: dict[int | str, Session]
    names: dict[str, str]  # core ids (venues, groups, facilitators) -> names people read
    sizes: dict[str, int]  # group id -> today's size
    fids: dict[int, str]  # person id -> facilitator id

    def core(self) -> Plan:
        planned = {g for s in self.sessions.values() for g in s.group_ids}
        unplanned = tuple((g.id, g.size) for g in self.built.instance.groups if g.id not in planned)
        return Plan(tuple(self.sessions.values()), unplanned)

    def holder(self, key: str) -> int | str | None:
        return next((pk for pk, s in self.sessions.items() if key in s.group_ids), None)

    def size(self, key: str) -> int:
        return self.sizes[key]

    def take_out(self, key: str) -> None:
        """Remove a group from its session; a session left empty leaves the draft (it will be cancelled)."""
        pk = self.holder(key)
        if pk is None:
            return
        rest = tuple(a for a in self.sessions[pk].allocation if a[0] != key)
        if rest:
            self.sessions[pk] = replace(self.sessions[pk], allocation=rest)
        else:
            del self.sessions[pk]

    def put(self, key: str, pk: int | str) -> None:
        self.take_out(key)
        session = self.sessions[pk]
        self.sessions[pk] = replace(session, allocation=(*session.allocation, (key, self.size(key))))

    def facilitator_id(self, person_id: int) -> str:
        # A person who is not a facilitator of this plan keeps an id the validator does not know: refused.
        return self.fids.get(person_id, f"orang-{person_id}")


def _draft(plan: TrainingPlan) -> Draft:
    built = build(spec_of(plan))
    sizes = {g.id: g.size for g in built.instance.groups}
    fids = {person: fid for fid, person in built.facilitators.items()}
    draft = Draft(plan, built, {}, {}, sizes, fids)
    rows = (
        TrainingSession.objects.filter(plan=plan, status=SessionStatus.PLANNED)
        .select_related("venue")
        .prefetch_related("groups", "facilitators__person")
    )
    for s in rows:
        # Today's group sizes, as a re-plan would see them, so the edit is judged on today's crews.
        allocation = tuple((g.key, sizes[g.key]) for g in s.groups.all() if g.key in sizes)
        people = tuple(draft.facilitator_id(f.person_id) for f in s.facilitators.all())
        draft.sessions[s.pk] = refold(
            Session(venue_key(s.venue_id), s.date, s.slot, allocation, people), built.length
        )
        draft.names[venue_key(s.venue_id)] = s.venue.name
        draft.names.update({draft.facilitator_id(f.person_id): f.person.name for f in s.facilitators.all()})
    draft.names.update({key: info.label for key, info in built.groups.items()})
    for pv in PlanVenue.objects.filter(plan=plan).select_related("venue"):
        draft.names[venue_key(pv.venue_id)] = pv.venue.name
    return draft


def _humanize(text: str, names: dict[str, str]) -> str:
    """Put names where the validator wrote core ids ('v12' -> 'Balai Desa Lenggang')."""
    return re.sub(r"[\w.\-]+", lambda m: names.get(m.group(0), m.group(0)), text)


def _check(before: Draft, after: Draft) -> list[Violation]:
    """Refuse the edit when it adds violations; return the plan's violations after it."""
    known = {(v.code, v.message) for v in validate(before.built.instance, before.core())}
    found = validate(after.built.instance, after.core())
    added = [v for v in found if (v.code, v.message) not in known]
    if added:
        details = "; ".join(_humanize(v.message, after.names) for v in added)
        raise DomainError(added[0].code, ERR_REFUSED.format(details=details))
    return found


def _copy(draft: Draft) -> Draft:
    return Draft(draft.plan, draft.built, dict(draft.sessions), dict(draft.names), draft.sizes, draft.fids)


def _lock(plan: TrainingPlan) -> TrainingPlan:
    plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status in (PlanStatus.QUEUED, PlanStatus.SOLVING):
        raise DomainError("sedang_berjalan", ERR_RUNNING)
    return plan


def _planned(session: TrainingSession) -> TrainingSession:
    fresh = TrainingSession.objects.select_related("venue").get(pk=session.pk)
    if fresh.status != SessionStatus.PLANNED:
        raise DomainError("sesi_bukan_rencana", ERR_NOT_PLANNED)
    return fresh


def _finish(plan: TrainingPlan, after: Draft, violations: list[Violation], emptied: set[int]) -> None:
    """Cancel the sessions an edit emptied and keep the plan's summary in step with its sessions."""
    TrainingSession.objects.filter(pk__in=emptied).update(status=SessionStatus.CANCELLED)
    core = after.core()
    summary = dict(plan.summary or {})
    summary.update(
        participants=after.built.instance.total_participants(),
        groups=len(after.built.instance.groups),
        sessions=len(core.sessions),
        unplanned=[
            {"group": g, "label": after.names.get(g, g), "participants": n} for g, n in core.unplanned
        ],
        unplanned_participants=core.unplanned_participants(),
        violations=[{"code": v.code, "message": _humanize(v.message, after.names)} for v in violations],
        edited_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    plan.summary = summary
    if plan.status in (PlanStatus.SOLVED, PlanStatus.INFEASIBLE):
        plan.status = PlanStatus.INFEASIBLE if core.unplanned else PlanStatus.SOLVED
    plan.save(update_fields=["summary", "status"])


def _emptied(before: Draft, after: Draft) -> set[int]:
    return {pk for pk in before.sessions if pk not in after.sessions and isinstance(pk, int)}


def _place_group(plan: TrainingPlan, draft: Draft, key: str, session: TrainingSession) -> None:
    """Point the group's row at `session`, creating it when the group was unplanned."""
    moved = SessionGroup.objects.filter(plan=plan, key=key).update(session=session)
    if not moved:
        info = draft.built.groups[key]
        SessionGroup.objects.create(
            plan=plan,
            session=session,
            key=key,
            body=info.body,
            region_code=info.region,
            tps_id=info.tps_id,
            appointment_id=info.appointment_id,
            participants=draft.size(key),
        )
    else:
        SessionGroup.objects.filter(plan=plan, key=key).update(participants=draft.size(key))


def _source_of(before: Draft, key: str) -> int | str | None:
    if key not in before.sizes:  # groups of held sessions have left the instance
        held = SessionGroup.objects.filter(plan=before.plan, key=key, session__status=SessionStatus.HELD)
        if held.exists():
            raise DomainError("sesi_bukan_rencana", ERR_NOT_PLANNED)
        raise DomainError("kelompok_tidak_dikenal", ERR_UNKNOWN_GROUP.format(key=key))
    return before.holder(key)


@transaction.atomic(durable=True)
def session_group_move(*, plan: TrainingPlan, key: str, target: TrainingSession, actor: Any) -> None:
    """Move a group (a TPS crew, a desa's PPS, a kecamatan's PPK, ...) into another planned session; an
    unplanned group is planned there. A session the move empties is cancelled."""
    plan = _lock(plan)
    target = _planned(target)
    if target.plan_id != plan.pk:
        raise DomainError("rencana_lain", ERR_OTHER_PLAN)
    before = _draft(plan)
    source = _source_of(before, key)
    if source == target.pk:
        raise DomainError("sesi_sama", ERR_SAME_SESSION)
    after = _copy(before)
    after.put(key, target.pk)
    violations = _check(before, after)
    _place_group(plan, after, key, target)
    _finish(plan, after, violations, _emptied(before, after))
    log_action(
        actor=actor,
        action="planner.session.move_group",
        object_type="training_session",
        object_id=target.pk,
        region_code=plan.region_id,
        before={"group": key, "session": source},
        after={"group": key, "session": target.pk},
    )


@transaction.atomic(durable=True)
def session_facilitators_change(
    *, session: TrainingSession, add: Person | None = None, remove: Person | None = None, actor: Any
) -> None:
    """Add a facilitator, release one, or both at once (a swap)."""
    if add is None and remove is None:
        raise DomainError("tanpa_perubahan", ERR_NO_CHANGE)
    plan = _lock(session.plan)
    session = _planned(session)
    current = set(SessionFacilitator.objects.filter(session=session).values_list("person_id", flat=True))
    if remove is not None and remove.pk not in current:
        raise DomainError("bukan_fasilitator", ERR_NOT_FACILITATOR.format(name=remove.name))
    if add is not None and add.pk in current:
        raise DomainError("sudah_fasilitator", ERR_ALREADY_FACILITATOR.format(name=add.name))
    before = _draft(plan)
    after = _copy(before)
    people = (current - {remove.pk if remove else None}) | ({add.pk} if add else set())
    ids = tuple(sorted(after.facilitator_id(p) for p in people))
    after.sessions[session.pk] = replace(after.sessions[session.pk], facilitators=ids)
    if add is not None:
        after.names[after.facilitator_id(add.pk)] = add.name
    violations = _check(before, after)
    if remove is not None:
        SessionFacilitator.objects.filter(session=session, person=remove).delete()
    if add is not None:
        SessionFacilitator.objects.create(session=session, person=add)
    _finish(plan, after, violations, set())
    log_action(
        actor=actor,
        action="planner.session.facilitators",
        object_type="training_session",
        object_id=session.pk,
        region_code=session.region_code,
        before={"person_ids": sorted(current)},
        after={"person_ids": sorted(people)},
    )


@transaction.atomic(durable=True)
def session_create(
    *,
    plan: TrainingPlan,
    venue: Venue,
    date: dt.date,
    slot: int,
    keys: list[str],
    facilitators: list[Person] | None = None,
    actor: Any,
) -> TrainingSession:
    """A session made by hand at one of the plan's venues, with the groups moved (or planned) into it."""
    plan = _lock(plan)
    if not keys:
        raise DomainError("tanpa_kelompok", ERR_NO_GROUPS)
    if not PlanVenue.objects.filter(plan=plan, venue=venue).exists():
        raise DomainError("tempat_di_luar_rencana", ERR_VENUE_NOT_IN_PLAN.format(name=venue.name))
    before = _draft(plan)
    sources = {key: _source_of(before, key) for key in keys}
    after = _copy(before)
    staff = facilitators or []
    after.sessions[NEW] = refold(
        Session(venue_key(venue.pk), date, slot, (), tuple(after.facilitator_id(p.pk) for p in staff)),
        before.built.length,
    )
    length = before.built.length
    slot = (after.sessions[NEW].slot - 1) * length.slots + 1  # a full-day session starts at the day's start
    after.names.update({after.facilitator_id(p.pk): p.name for p in staff})
    for key in keys:
        after.put(key, NEW)
    violations = _check(before, after)
    session = TrainingSession.objects.create(
        plan=plan,
        venue=venue,
        date=date,
        slot=slot,
        slots=length.slots,
        days=length.days,
        region_code=venue.region_id,
    )
    for key in keys:
        _place_group(plan, after, key, session)
    SessionFacilitator.objects.bulk_create(SessionFacilitator(session=session, person=p) for p in staff)
    _finish(plan, after, violations, _emptied(before, after))
    log_action(
        actor=actor,
        action="planner.session.create",
        object_type="training_session",
        object_id=session.pk,
        region_code=session.region_code,
        before={"groups": sources},
        after={
            "venue": venue.pk,
            "date": date.isoformat(),
            "slot": slot,
            "groups": keys,
            "facilitator_ids": [p.pk for p in staff],
        },
    )
    return session


@dataclass(frozen=True)
class Cancelled:
    moved: int
    unplanned: int  # groups left without a session: the page warns about them


@transaction.atomic(durable=True)
def session_cancel(
    *, session: TrainingSession, target: TrainingSession | None = None, actor: Any
) -> Cancelled:
    """Cancel a planned session; its groups move to `target`, or are left unplanned (warned) without one."""
    plan = _lock(session.plan)
    session = _planned(session)
    if target is not None:
        target = _planned(target)
        if target.plan_id != plan.pk:
            raise DomainError("rencana_lain", ERR_OTHER_PLAN)
        if target.pk == session.pk:
            raise DomainError("sesi_sama", ERR_SAME_SESSION)
    before = _draft(plan)
    after = _copy(before)
    keys = list(SessionGroup.objects.filter(session=session).values_list("key", flat=True))
    for key in keys:
        if target is not None and key in after.sizes:
            after.put(key, target.pk)
        else:
            after.take_out(key)
    after.sessions.pop(session.pk, None)
    violations = _check(before, after)
    if target is not None:
        for key in keys:
            if key in after.sizes:
                _place_group(plan, after, key, target)
    SessionGroup.objects.filter(session=session).delete()
    _finish(plan, after, violations, _emptied(before, after) | {session.pk})
    result = Cancelled(moved=len(keys) if target else 0, unplanned=0 if target else len(keys))
    log_action(
        actor=actor,
        action="planner.session.cancel",
        object_type="training_session",
        object_id=session.pk,
        region_code=session.region_code,
        before={"status": SessionStatus.PLANNED, "groups": keys},
        after={"status": SessionStatus.CANCELLED, "moved_to": target.pk if target else None},
    )
    return result
