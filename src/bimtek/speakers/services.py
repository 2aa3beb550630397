"""Writes of the speaker register and of who speaks in which session: one durable transaction and one audit
entry each, refused with a stable code and Indonesian words (never a 500).

The clash rule is the planner's pure `speaker_clashes`: the assign service builds the speaker's other planned
sessions as `SpeakerSession`s, adds the one being assigned, and refuses when the rule answers. The speaker row
is locked first, so two assignments of one speaker never slip past each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from bimtek.assessment.models import Module
from bimtek.audit.services import log_action
from bimtek.lib.errors import DomainError
from bimtek.lib.masking import mask_personal
from bimtek.planner.core.speakers import SpeakerSession, speaker_clashes
from bimtek.planner.models import SessionStatus, TrainingSession
from bimtek.planner.selectors import session_modules
from bimtek.planner.sessions import sessions_among
from bimtek.speakers.models import Division, ModuleSpeaker, SessionSpeaker, Speaker, regions_above

ERR_NAME = "Nama dan instansi narasumber wajib diisi"
ERR_OTHER = "Tulis divisi atau lembaganya bila memilih 'Lainnya'"
ERR_DIVISION = "Divisi atau lembaga tidak dikenal"
ERR_NOT_PLANNED = "Narasumber hanya dapat diatur pada sesi yang masih direncanakan"
ERR_MODULE = "Modul itu bukan bagian dari program sesi ini"
ERR_OUT_OF_REGION = "{name} bukan narasumber wilayah sesi ini"
ERR_INACTIVE = "{name} tidak aktif lagi sebagai narasumber"

FIELDS = ("name", "institution", "division", "division_other", "phone", "email", "active")


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    data = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    if not data.get("name") or not data.get("institution"):
        raise DomainError("speaker_incomplete", ERR_NAME)
    if data.get("division") not in Division.values:
        raise DomainError("speaker_division_unknown", ERR_DIVISION)
    if data["division"] == Division.LAINNYA and not data.get("division_other"):
        raise DomainError("speaker_other_division_unnamed", ERR_OTHER)
    if data["division"] != Division.LAINNYA:
        data["division_other"] = ""
    return data


def _snapshot(speaker: Speaker) -> dict[str, Any]:
    return mask_personal({f: getattr(speaker, f) for f in FIELDS} | {"region_code": speaker.region_code})


@transaction.atomic(durable=True)
def speaker_create(
    *,
    actor: Any,
    region_code: str,
    name: str,
    institution: str,
    division: str,
    division_other: str = "",
    phone: str = "",
    email: str = "",
) -> Speaker:
    data = _clean(
        {
            "name": name,
            "institution": institution,
            "division": division,
            "division_other": division_other,
            "phone": phone,
            "email": email,
        }
    )
    speaker = Speaker.objects.create(region_code=region_code, **data)
    log_action(
        actor=actor,
        action="speakers.speaker.created",
        object_type="speaker",
        object_id=speaker.pk,
        region_code=region_code,
        after=_snapshot(speaker),
    )
    return speaker


@transaction.atomic(durable=True)
def speaker_update(*, actor: Any, speaker: Speaker, **values: Any) -> Speaker:
    speaker = Speaker.objects.select_for_update().get(pk=speaker.pk)
    before = _snapshot(speaker)
    data = _clean({f: values.get(f, getattr(speaker, f)) for f in FIELDS})
    for key, value in data.items():
        setattr(speaker, key, value)
    speaker.save(update_fields=list(data))
    log_action(
        actor=actor,
        action="speakers.speaker.updated",
        object_type="speaker",
        object_id=speaker.pk,
        region_code=speaker.region_code,
        before=before,
        after=_snapshot(speaker),
    )
    return speaker


def _serves(speaker: Speaker, region_code: str) -> bool:
    """A speaker of the session's region or one above it (shared)."""
    own = speaker.region_code
    return own in regions_above(region_code) or own == region_code or region_code.startswith(f"{own}.")


@transaction.atomic(durable=True)
def module_speaker_set(*, actor: Any, module: Module, speaker: Speaker, region_code: str) -> ModuleSpeaker:
    """The speaker teaches this module by default in the sessions of `region_code` (the operator's region)."""
    if not _serves(speaker, region_code) and region_code:
        raise DomainError("speaker_out_of_region", ERR_OUT_OF_REGION.format(name=speaker.name))
    row, created = ModuleSpeaker.objects.get_or_create(
        module=module, speaker=speaker, region_code=region_code
    )
    if created:
        log_action(
            actor=actor,
            action="speakers.module_default.set",
            object_type="module_speaker",
            object_id=row.pk,
            region_code=region_code,
            after={"module": module.pk, "speaker": speaker.pk},
        )
    return row


def _as_rule(session: TrainingSession, speakers: tuple[str, ...]) -> SpeakerSession:
    return SpeakerSession(
        id=str(session.pk),
        label=f"{session.venue.name} tanggal {session.date_label} sesi {session.slot}",
        date=session.date,
        slot=session.slot,
        slots=session.slots,
        days=session.days,
        speakers=speakers,
    )


def clash_of(speaker: Speaker, session: TrainingSession) -> str:
    """The rule's words when this speaker already speaks in an overlapping session; '' when free."""
    others = (
        sessions_among(SessionSpeaker.objects.filter(speaker=speaker).values("session_id"))
        .exclude(pk=session.pk)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("venue")
    )
    here = _as_rule(session, (speaker.name,))
    for other in others:
        found = speaker_clashes([here, _as_rule(other, (speaker.name,))])
        if found:
            return found[0].message
    return ""


def _check_assignable(session: TrainingSession, module: Module, speaker: Speaker) -> None:
    if session.status != SessionStatus.PLANNED:
        raise DomainError("session_not_planned", ERR_NOT_PLANNED)
    if not session_modules(session).filter(pk=module.pk).exists():
        raise DomainError("module_not_in_program", ERR_MODULE)
    if not speaker.active:
        raise DomainError("speaker_inactive", ERR_INACTIVE.format(name=speaker.name))
    if not _serves(speaker, session.region_code):
        raise DomainError("speaker_out_of_region", ERR_OUT_OF_REGION.format(name=speaker.name))
    clash = clash_of(speaker, session)
    if clash:
        raise DomainError("speaker_clash", clash)


def _assign(*, actor: Any, session: TrainingSession, module: Module, speaker: Speaker) -> SessionSpeaker:
    Speaker.objects.select_for_update().filter(pk=speaker.pk).first()  # one assignment of a speaker at a time
    _check_assignable(session, module, speaker)
    previous = SessionSpeaker.objects.filter(session=session, module=module).first()
    row, _ = SessionSpeaker.objects.update_or_create(
        session=session, module=module, defaults={"speaker": speaker, "region_code": session.region_code}
    )
    log_action(
        actor=actor,
        action="speakers.session_speaker.assigned",
        object_type="session",
        object_id=session.pk,
        region_code=session.region_code,
        before={"module": module.pk, "speaker": previous.speaker_id} if previous else None,
        after={"module": module.pk, "speaker": speaker.pk},
    )
    return row


@transaction.atomic(durable=True)
def session_speaker_assign(
    *, actor: Any, session: TrainingSession, module: Module, speaker: Speaker
) -> SessionSpeaker:
    """This speaker speaks on this module in this session (replacing whoever did); refused on a clash."""
    return _assign(actor=actor, session=session, module=module, speaker=speaker)


@transaction.atomic(durable=True)
def session_speaker_remove(*, actor: Any, session: TrainingSession, module: Module) -> None:
    if session.status != SessionStatus.PLANNED:
        raise DomainError("session_not_planned", ERR_NOT_PLANNED)
    row = SessionSpeaker.objects.filter(session=session, module=module).first()
    if row is None:
        return
    row.delete()
    log_action(
        actor=actor,
        action="speakers.session_speaker.removed",
        object_type="session",
        object_id=session.pk,
        region_code=session.region_code,
        before={"module": module.pk, "speaker": row.speaker_id},
    )


@dataclass
class Filled:
    filled: list[str] = field(default_factory=list)  # "Modul: Nama"
    skipped: list[str] = field(default_factory=list)  # why a module stayed empty, in the rule's words


def _defaults_for(module: Module, region_code: str) -> list[Speaker]:
    """The module's default speakers for this region, the most local first."""
    regions = [*regions_above(region_code), region_code]
    rows = ModuleSpeaker.objects.filter(
        module=module, region_code__in=regions, speaker__active=True
    ).select_related("speaker")
    ranked = sorted(rows, key=lambda r: (-len(r.region_code), r.speaker.name))
    return [r.speaker for r in ranked if _serves(r.speaker, region_code)]


@transaction.atomic(durable=True)
def session_speakers_fill(*, actor: Any, session: TrainingSession) -> Filled:
    """Each module of the session without a speaker gets its first default speaker who is free then."""
    if session.status != SessionStatus.PLANNED:
        raise DomainError("session_not_planned", ERR_NOT_PLANNED)
    done = set(SessionSpeaker.objects.filter(session=session).values_list("module_id", flat=True))
    out = Filled()
    for module in session_modules(session):
        if module.pk in done:
            continue
        candidates = _defaults_for(module, session.region_code)
        if not candidates:
            out.skipped.append(f"{module.title}: belum ada narasumber bawaan")
            continue
        reasons = []
        for speaker in candidates:
            Speaker.objects.select_for_update().filter(pk=speaker.pk).first()
            clash = clash_of(speaker, session)
            if clash:
                reasons.append(clash)
                continue
            SessionSpeaker.objects.create(
                session=session, module=module, speaker=speaker, region_code=session.region_code
            )
            out.filled.append(f"{module.title}: {speaker.name}")
            break
        else:
            out.skipped.append(f"{module.title}: {'; '.join(reasons)}")
    log_action(
        actor=actor,
        action="speakers.session_speakers.filled",
        object_type="session",
        object_id=session.pk,
        region_code=session.region_code,
        after={"filled": out.filled, "skipped": out.skipped},
    )
    return out
