"""Changes to appointments: filling a vacant seat of a TPS, and replacement (PAW), which keeps the history of
who held a seat."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from bimtek.audit.services import log_action
from bimtek.elections.models import TPS
from bimtek.lib.errors import DomainError
from bimtek.lib.signals import crew_changed
from bimtek.workforce.models import TPS_BODIES, Appointment, Body, Person, Status

END_STATUSES = {Status.RESIGNED, Status.DISMISSED, Status.DECEASED, Status.REPLACED}
ERR_NOT_ACTIVE = "Penugasan ini sudah tidak aktif"
ERR_BUSY = "{name} sudah aktif di penugasan lain pada pemilihan ini"
ERR_SAME = "Pengganti tidak boleh orang yang sama"
ERR_DATE = "Tanggal penggantian tidak boleh sebelum tanggal mulai tugas"
ERR_SEAT_BODY = "Kursi TPS hanya untuk KPPS atau Linmas"
ERR_SEAT_RANGE = "{body} TPS ini punya kursi 1 sampai {n}, bukan {seat}"
ERR_SEAT_TAKEN = "Kursi {body} {seat} TPS {tps} sudah terisi oleh {name}"


def _refuse_if_busy(election: Any, person: Person) -> None:
    """One person, one active seat per election: the rule that filling a seat and a PAW both check."""
    if Appointment.objects.active().filter(election=election, person=person).exists():
        raise DomainError("replacement_busy", ERR_BUSY.format(name=person.name))


@transaction.atomic(durable=True)
def seat_fill(*, tps: TPS, body: str, seat: int, person: Person, on: dt.date, actor: Any) -> Appointment:
    """Appoint `person` to an empty seat of `tps` (KPPS seat 1 is the ketua): the TPS page's 'angkat'.

    The seat's unique constraint is the final word: two operators filling the same seat at once get one
    appointment and one clear refusal, never a 500.
    """
    election = tps.election
    if body not in TPS_BODIES:
        raise DomainError("seat_body", ERR_SEAT_BODY)
    seats, label = election.norm(body), Body(body).label
    if not 1 <= seat <= seats:
        raise DomainError("seat_out_of_range", ERR_SEAT_RANGE.format(body=label, n=seats, seat=seat))
    holder = (
        Appointment.objects.active().filter(tps=tps, body=body, seat=seat).select_related("person").first()
    )
    if holder is not None:
        raise DomainError(
            "seat_taken", ERR_SEAT_TAKEN.format(body=label, seat=seat, tps=tps.label, name=holder.person.name)
        )
    _refuse_if_busy(election, person)
    try:
        with transaction.atomic():
            new = Appointment.objects.create(
                election=election,
                person=person,
                body=body,
                region_id=tps.village_id,
                tps=tps,
                seat=seat,
                start_date=on,
            )
    except IntegrityError as exc:  # filled (or the person appointed) by someone else a moment ago
        raise DomainError(
            "seat_taken", ERR_SEAT_TAKEN.format(body=label, seat=seat, tps=tps.label, name="petugas lain")
        ) from exc
    log_action(
        actor=actor,
        action="appointment.fill",
        object_type="appointment",
        object_id=new.pk,
        region_code=tps.village_id,
        after={"person_id": person.pk, "body": body, "seat": seat, "tps_id": tps.pk, "on": on.isoformat()},
    )
    crew_changed.send(sender=Appointment, election_id=election.pk, person_ids=[person.pk])
    return new


@transaction.atomic(durable=True)
def appointment_replace(
    *, appointment: Appointment, replacement: Person, on: dt.date, reason: str, status: str, actor: Any
) -> Appointment:
    """End `appointment` (resigned, dismissed, deceased...) and seat `replacement` in the same seat.

    Lock, check, write: the row lock stops two operators replacing the same member at once.
    """
    old = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if old.status != Status.ACTIVE:
        raise DomainError("appointment_not_active", ERR_NOT_ACTIVE)
    if replacement.pk == old.person_id:
        raise DomainError("replacement_same_person", ERR_SAME)
    if old.start_date and on < old.start_date:
        raise DomainError("replacement_date", ERR_DATE)
    _refuse_if_busy(old.election, replacement)
    if status not in END_STATUSES:
        raise DomainError("replacement_status", "Alasan berakhirnya tugas tidak dikenal")
    before = {"person_id": old.person_id, "status": old.status}
    old.status, old.end_date, old.end_reason = status, on, reason[:255]
    old.save(update_fields=["status", "end_date", "end_reason"])
    new = Appointment.objects.create(
        election=old.election,
        person=replacement,
        body=old.body,
        region=old.region,
        tps=old.tps,
        seat=old.seat,
        start_date=on,
        replaces=old,
    )
    log_action(
        actor=actor,
        action="appointment.replace",
        object_type="appointment",
        object_id=old.pk,
        region_code=old.region_id,
        before=before,
        after={
            "replaced_by_person_id": replacement.pk,
            "status": status,
            "reason": reason,
            "on": on.isoformat(),
        },
    )
    crew_changed.send(sender=Appointment, election_id=old.election_id, person_ids=[replacement.pk])
    return new


def seat_history(appointment: Appointment) -> list[Appointment]:
    """Everyone who held this seat, oldest first, by following the PAW chain both ways."""
    chain = [appointment]
    while chain[0].replaces_id:
        chain.insert(0, Appointment.objects.select_related("person").get(pk=chain[0].replaces_id))
    current = appointment
    while (nxt := Appointment.objects.select_related("person").filter(replaces=current).first()) is not None:
        chain.append(nxt)
        current = nxt
    return chain
