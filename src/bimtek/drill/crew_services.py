"""Crew drills: start one for a TPS, take each member's entry, and the ketua's resolution.

The rules live in the pure core (`drill/core/double_entry.py`); here the database supplies the crew
(the active KPPS appointments of the TPS, seat 1 the ketua), each action is one durable transaction
that locks the drill row first, and each writes one audit entry. Refusals are DomainErrors with codes
the pages show and the tests assert.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from bimtek.accounts.access import Ability, may
from bimtek.audit.services import log_action
from bimtek.drill.core.double_entry import CrewScore, Resolution, compare, crew_score, resolve
from bimtek.drill.core.form import CountForm, form_from_boxes
from bimtek.drill.core.schema import form_from_json, form_to_json
from bimtek.drill.models import CrewDrill, CrewDrillPolicy, CrewDrillStatus
from bimtek.drill.services import drill_for
from bimtek.elections.models import TPS, Election
from bimtek.lib.errors import DomainError
from bimtek.lib.signals import training_recorded
from bimtek.workforce.models import Person
from bimtek.workforce.selectors import kpps_crew, kpps_ketua

KETUA_SEAT = 1
RESOLUTION_FIELDS = [
    "resolved_by",
    "resolved_by_user",
    "resolved_form",
    "resolutions",
    "resolved_at",
    "score",
    "agreement",
    "difference_paths",
    "violation_codes",
    "status",
]

ERR_OTHER_ELECTION = ("crew_drill_other_election", "TPS ini bukan TPS pemilihan yang dipilih.")
ERR_CREW_TOO_SMALL = (
    "crew_drill_crew_too_small",
    "Isian ganda butuh paling sedikit dua anggota KPPS aktif di TPS ini.",
)
ERR_NOT_MEMBER = ("crew_drill_not_member", "Hanya anggota KPPS aktif di TPS ini yang dapat mengisi.")
ERR_ALREADY_ENTERED = (
    "crew_drill_already_entered",
    "Anggota ini sudah mengisi; isian kedua harus dari anggota lain.",
)
ERR_ENTRIES_COMPLETE = ("crew_drill_entries_complete", "Kedua isian sudah masuk; tinggal keputusan ketua.")
ERR_RESOLVED = ("crew_drill_resolved", "Latihan regu ini sudah diputuskan ketua dan tidak dapat diubah.")
ERR_NOT_READY = ("crew_drill_not_ready", "Ketua baru dapat memutuskan setelah kedua isian masuk.")
ERR_PASS_MARK = ("crew_drill_bad_pass_mark", "Nilai lulus harus 0-100.")
ERR_NOT_KETUA = (
    "crew_drill_not_ketua",
    "Hanya ketua KPPS TPS ini (atau operator KPU) yang dapat memutuskan.",
)


def _refuse(error: tuple[str, str]) -> DomainError:
    return DomainError(*error)


def crew_members(tps: TPS) -> list[Person]:
    """The active KPPS of the TPS in seat order; the ketua first."""
    return [a.person for a in kpps_crew(tps)]


def crew_ketua(tps: TPS) -> Person | None:
    return kpps_ketua(tps)


def _user(actor: Any) -> Any:
    return actor if actor is not None and not isinstance(actor, str) else None


def _locked(drill: CrewDrill) -> CrewDrill:
    return CrewDrill.objects.select_for_update().select_related("tps", "election").get(pk=drill.pk)


def _log(actor: Any, action: str, drill: CrewDrill, after: dict[str, Any]) -> None:
    log_action(
        actor=actor,
        action=action,
        object_type="drill.crew",
        object_id=drill.pk,
        region_code=drill.tps.village_id,
        after={"tps_id": drill.tps_id, **after},
    )


@transaction.atomic(durable=True)
def crew_drill_start(*, election: Election, tps: TPS, level: str, seed: int, actor: Any) -> CrewDrill:
    """A new drill scenario for the crew of one TPS; nothing is entered yet."""
    if tps.election_id != election.pk:
        raise _refuse(ERR_OTHER_ELECTION)
    if len(crew_members(tps)) < 2:
        raise _refuse(ERR_CREW_TOO_SMALL)
    drill = CrewDrill.objects.create(
        election=election, tps=tps, seed=seed, level=level, kind=election.kind, started_by=_user(actor)
    )
    _log(actor, "drill.crew.start", drill, {"election": election.slug, "seed": seed, "level": level})
    return drill


def entered_form(drill: CrewDrill, values: Mapping[str, int | None]) -> CountForm:
    truth = drill_for(kind=drill.kind, level=drill.level, seed=drill.seed).truth  # type: ignore[arg-type]  # TextChoices strs; the core has Literals
    return form_from_boxes(id=f"crew-{drill.pk}", kind=truth.kind, contest=truth.contest, values=values)


@transaction.atomic(durable=True)
def crew_drill_enter(
    *, drill: CrewDrill, person: Person, values: Mapping[str, int | None], actor: Any
) -> CrewDrill:
    """One member's entry: the first becomes entry A, the second (another member) entry B."""
    drill = _locked(drill)
    if drill.status == CrewDrillStatus.RESOLVED:
        raise _refuse(ERR_RESOLVED)
    if drill.status == CrewDrillStatus.TO_RESOLVE:
        raise _refuse(ERR_ENTRIES_COMPLETE)
    if person.pk not in {p.pk for p in crew_members(drill.tps)}:
        raise _refuse(ERR_NOT_MEMBER)
    if drill.entry_a_person_id == person.pk:
        raise _refuse(ERR_ALREADY_ENTERED)
    form = form_to_json(entered_form(drill, values))
    now = timezone.now()
    if drill.status == CrewDrillStatus.WAITING_A:
        drill.entry_a_person, drill.entry_a_form, drill.entry_a_at = person, form, now
        drill.status = CrewDrillStatus.WAITING_B
        fields, entry = ["entry_a_person", "entry_a_form", "entry_a_at", "status"], "a"
    else:
        drill.entry_b_person, drill.entry_b_form, drill.entry_b_at = person, form, now
        drill.status = CrewDrillStatus.TO_RESOLVE
        fields, entry = ["entry_b_person", "entry_b_form", "entry_b_at", "status"], "b"
    drill.save(update_fields=fields)
    _log(actor, "drill.crew.enter", drill, {"person_id": person.pk, "entry": entry})
    return drill


def entries(drill: CrewDrill) -> tuple[CountForm, CountForm]:
    if drill.entry_a_form is None or drill.entry_b_form is None:
        raise _refuse(ERR_NOT_READY)
    return form_from_json(drill.entry_a_form), form_from_json(drill.entry_b_form)


def result_of(drill: CrewDrill) -> CrewScore:
    """The crew's score and findings of a resolved drill, recomputed from the stored forms."""
    a, b = entries(drill)
    truth = drill_for(kind=drill.kind, level=drill.level, seed=drill.seed).truth  # type: ignore[arg-type]  # TextChoices strs
    return crew_score(a=a, b=b, resolved=form_from_json(drill.resolved_form), truth=truth)


def may_resolve(drill: CrewDrill, *, person: Person | None, actor: Any) -> bool:
    """The ketua KPPS of the TPS, or a KPU operator of the region (or the system) on the crew's behalf."""
    if isinstance(actor, str):
        return True
    ketua = crew_ketua(drill.tps)
    if person is not None and ketua is not None and person.pk == ketua.pk:
        return True
    return may(actor, Ability.OPERATE, drill.tps.village_id)


@transaction.atomic(durable=True)
def crew_drill_resolve(
    *, drill: CrewDrill, resolutions: Mapping[str, Resolution], person: Person | None, actor: Any
) -> CrewDrill:
    """The ketua settles every differing box; the resolved form is scored against the truth."""
    drill = _locked(drill)
    if drill.status == CrewDrillStatus.RESOLVED:
        raise _refuse(ERR_RESOLVED)
    if drill.status != CrewDrillStatus.TO_RESOLVE:
        raise _refuse(ERR_NOT_READY)
    if not may_resolve(drill, person=person, actor=actor):
        raise _refuse(ERR_NOT_KETUA)
    a, b = entries(drill)
    resolved = resolve(a, b, resolutions)
    truth = drill_for(kind=drill.kind, level=drill.level, seed=drill.seed).truth  # type: ignore[arg-type]  # TextChoices strs
    result = crew_score(a=a, b=b, resolved=resolved, truth=truth)
    drill.resolved_by = person if person is not None else crew_ketua(drill.tps)
    drill.resolved_by_user = _user(actor)
    drill.resolved_form = form_to_json(resolved)
    drill.resolutions = dict(resolutions)
    drill.resolved_at = timezone.now()
    drill.score, drill.agreement = result.score, result.agreement
    drill.difference_paths = list(compare(a, b).paths)
    drill.violation_codes = sorted({f.code for f in (*result.findings.blocking, *result.findings.warnings)})
    drill.status = CrewDrillStatus.RESOLVED
    drill.save(update_fields=RESOLUTION_FIELDS)
    _log(
        actor,
        "drill.crew.resolve",
        drill,
        {"score": result.score, "agreement": result.agreement, "differences": result.differences},
    )
    # The crew's TPS (readiness counts a resolved crew drill where the KPU chooses): its entrants serve there.
    training_recorded.send(
        sender=CrewDrill,
        election_id=drill.election_id,
        person_ids=[drill.entry_a_person_id, drill.entry_b_person_id],
    )
    return drill


@transaction.atomic(durable=True)
def crew_drill_policy_set(
    *, election: Election, counts_in_readiness: bool, pass_mark: int, actor: Any
) -> CrewDrillPolicy:
    """The KPU's choice for the election: count crew drills in readiness, at this pass mark."""
    if not 0 <= pass_mark <= 100:
        raise _refuse(ERR_PASS_MARK)
    policy, _created = CrewDrillPolicy.objects.select_for_update().get_or_create(election=election)
    before = {"counts_in_readiness": policy.counts_in_readiness, "pass_mark": policy.pass_mark}
    policy.counts_in_readiness, policy.pass_mark = counts_in_readiness, pass_mark
    policy.updated_by = _user(actor)
    policy.save(update_fields=["counts_in_readiness", "pass_mark", "updated_by", "updated_at"])
    log_action(
        actor=actor,
        action="drill.crew_policy.set",
        object_type="election",
        object_id=election.pk,
        before=before,
        after={"counts_in_readiness": counts_in_readiness, "pass_mark": pass_mark},
    )
    return policy
