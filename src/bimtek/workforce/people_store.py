"""Storing the people import: the plan written in bulk, with an audit entry per changed person.

The last phase of the people import (`people_import`), run inside its transaction once nothing blocks the
write. New people are inserted in bulk (`insert_rows`: COPY on PostgreSQL, with ids drawn from the table's
sequence first; elsewhere their ids are fetched back), changed people updated in bulk with one masked
`person.update` audit entry each (`_store_changes`), and the new appointments inserted in bulk (`_store`).
What to write was decided by `people_plan`; nothing is checked here.
"""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from bimtek.audit.models import AuditEntry
from bimtek.audit.services import actor_label, log_entries
from bimtek.lib.bulk import allocated_ids, db_date, db_datetime, insert_rows, values_where_in
from bimtek.lib.masking import mask_personal
from bimtek.lib.reports import Progress
from bimtek.lib.signals import crew_changed
from bimtek.workforce.models import Appointment, Person, Status
from bimtek.workforce.people_plan import PERSON_FIELDS, Plan
from bimtek.workforce.people_rows import Context
from bimtek.workforce.people_welfare import NONE_GIVEN, WELFARE_DEFAULTS, WELFARE_FIELDS, Welfare

BATCH = 2000


def _store(plan: Plan, ctx: Context, actor: Any, progress: Progress) -> None:
    total = len(plan.new_people) + len(plan.changed_people) + len(plan.new_appointments)
    now = db_datetime(timezone.now())
    progress(0, total, "Menyimpan orang")
    # On PostgreSQL the new people's ids come from the table's sequence first and go in with them.
    ids = allocated_ids(Person, len(plan.new_people))
    insert_rows(
        Person._meta.db_table,
        [
            *(["id"] if ids is not None else []),
            "nik",
            "name",
            "birth_date",
            "sex",
            "phone",
            "email",
            "employer",
            "region_code",
            "created_at",
            "updated_at",
            *WELFARE_FIELDS,
        ],
        (
            (
                *((ids[n],) if ids is not None else ()),
                r.nik,
                r.name,
                db_date(r.birth_date),
                r.sex,
                r.phone,
                r.email,
                r.employer,
                r.home_region,
                now,
                now,
                *_welfare_values(r.welfare),
            )
            for n, r in enumerate(plan.new_people)
        ),
    )
    if ids is not None:
        plan.person_ids.update(zip((r.nik for r in plan.new_people), ids, strict=True))
    else:
        _fetch_person_ids([r.nik for r in plan.new_people], plan.person_ids)
    done = len(plan.new_people)
    progress(done, total, "Menyimpan perubahan")
    if plan.changed_people:
        _store_changes(plan.changed_people, actor)
        done += len(plan.changed_people)
    progress(done, total, "Menyimpan penugasan")
    insert_rows(
        Appointment._meta.db_table,
        [
            "election_id",
            "person_id",
            "body",
            "region_code",
            "tps_id",
            "seat",
            "sirekap_operator",
            "status",
            "end_reason",
            "created_at",
        ],
        (
            (
                ctx.election.pk,
                plan.person_ids[row.nik],
                row.body,
                row.region,
                row.tps_id,
                seat,
                row.sirekap,
                Status.ACTIVE.value,
                "",
                now,
            )
            for row, seat in plan.new_appointments
        ),
    )
    # Readiness follows: the new crew members' TPS, and the TPS of people whose welfare data changed.
    crew = [plan.person_ids[row.nik] for row, _ in plan.new_appointments if row.tps_id is not None]
    crew += [p.pk for p, _ in plan.changed_people]
    if crew:
        crew_changed.send(sender=Appointment, election_id=ctx.election.pk, person_ids=crew)
    progress(total, total, "Selesai")


def _welfare_values(values: Welfare) -> Sequence[Any]:
    """A new person's welfare columns: the model's default where the file says nothing, dates adapted."""
    if values is NONE_GIVEN:
        return _DEFAULT_VALUES
    out = []
    for name in WELFARE_FIELDS:
        value = getattr(values, name)
        if value is None:
            value = WELFARE_DEFAULTS.get(name)
        out.append(db_date(value) if isinstance(value, dt.date) else value)
    return out


def _fetch_person_ids(niks: list[str], into: dict[str, int]) -> None:
    into.update((v["nik"], v["id"]) for v in values_where_in(Person, "nik", niks, ("nik", "id")))


def _store_changes(changed: list[tuple[Person, dict[str, Any]]], actor: Any) -> None:
    Person.objects.bulk_update([p for p, _ in changed], [*PERSON_FIELDS, "updated_at"], batch_size=BATCH)
    label = actor_label(actor)
    log_entries(
        [
            AuditEntry(
                actor=None if isinstance(actor, str) or actor is None else actor,
                actor_label=label,
                action="person.update",
                object_type="person",
                object_id=str(p.pk),
                region_code=p.region_id,
                before=_masked(before),
                after=_masked({k: getattr(p, k) for k in before}),
            )
            for p, before in changed
        ],
        batch_size=BATCH,
    )


def _masked(values: dict[str, Any]) -> dict[str, Any]:
    """NIK and phone masked by the shared rule; an e-mail address is personal data too, so only its domain stays."""
    masked = mask_personal(_jsonable(values))
    if isinstance(masked.get("email"), str) and masked["email"]:
        masked["email"] = "***@" + masked["email"].rpartition("@")[2]
    return masked


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}


_DEFAULT_VALUES = tuple(WELFARE_DEFAULTS.get(name) for name in WELFARE_FIELDS)  # NONE_GIVEN has no dates
