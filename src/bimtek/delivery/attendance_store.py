"""How check-ins are stored: the rows new to the database in one statement, their audit entries and what
follows them (`lib.signals.training_recorded`: readiness marks the crews' TPS).

`attendance_store` is the write of `services.attendance_sync`, which has checked every row before. On
PostgreSQL the audit entries and the receivers' follow-ups go in the insert's own statement (data-modifying
CTEs), and that statement is its own transaction: one round trip for a scan instead of five (BEGIN, the
insert, the mark in a savepoint, COMMIT), and no model instance per entry. Should a follow-up fail, that
statement stores nothing and the rows go in as on SQLite: in a transaction, the receivers after the insert
(the readiness mark in a savepoint of its own, which never takes the check-in with it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, connection, transaction

from bimtek.audit.models import AuditEntry
from bimtek.audit.services import actor_label, entries_from_rows_sql, log_entries
from bimtek.delivery.models import Attendance
from bimtek.lib.masking import mask_personal
from bimtek.lib.prepared import preparing_cursor
from bimtek.lib.signals import training_follow_ups, training_recorded
from bimtek.planner.models import TrainingSession

if TYPE_CHECKING:
    from bimtek.delivery.services import Scan

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Row:
    """A scan that passed every check, with its participant: what one attendance row is made of."""

    scan: Scan
    person_id: int
    region_code: str
    name: str
    at: dt.datetime
    late: bool


def attendance_store(session: TrainingSession, rows: list[Row], actor: Any, now: dt.datetime) -> set[str]:
    """Insert what is new and audit it; returns the keys actually stored (the rows' keys are unique)."""
    ops = connection.ops
    key = ops.quote_name("key")
    columns = (
        "session_id, person_id, region_code, part, checked_in_at, method, reason, "
        f"{key}, recorded_by_id, created_at, offline, device_time, late"
    )
    user_id = getattr(actor, "pk", None) if not isinstance(actor, str) else None
    stamp = ops.adapt_datetimefield_value(now)
    values, params = [], []
    for r in rows:
        values.append("(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)")
        params += [
            session.pk,
            r.person_id,
            r.region_code,
            r.scan.part,
            ops.adapt_datetimefield_value(r.at),
            r.scan.method,
            r.scan.reason.strip()[:255],
            r.scan.key,
            user_id,
            stamp,
            r.scan.offline,
            ops.adapt_datetimefield_value(r.scan.at) if r.scan.at else None,
            r.late,
        ]
    table = ops.quote_name(Attendance._meta.db_table)
    insert = f"INSERT INTO {table} ({columns}) VALUES {', '.join(values)} ON CONFLICT DO NOTHING"  # noqa: S608 (only placeholders are interpolated)
    election_id = session.plan.election_id

    def recorded(created: set[str], **followed: Any) -> set[str]:
        if created:
            people = sorted({r.person_id for r in rows if r.scan.key in created})
            training_recorded.send(sender=Attendance, election_id=election_id, person_ids=people, **followed)
        return created

    if connection.vendor != "postgresql":
        with transaction.atomic(durable=True):
            created = _stored(f"{insert} RETURNING {key}", params)
            if created:
                _audit(session, [r for r in rows if r.scan.key in created], actor)
            return recorded(created)
    audit, audit_params = entries_from_rows_sql(
        actor=actor,
        action=AUDIT_ACTION,
        object_type="attendance",
        source="stored",
        object_id="key",
        region_code="region_code",
        after=AUDIT_AFTER,
    )
    returned = ", ".join((key, *AUDIT_AFTER.values(), "region_code"))
    logged = f"WITH stored AS ({insert} RETURNING {returned}), logged AS ({audit})"
    params += audit_params
    follow_ups = {name: build("stored", election_id) for name, build in training_follow_ups().items()}
    parts = "".join(f", {name} AS ({sql})" for name, (sql, _) in follow_ups.items())
    counts = "".join(f", (SELECT count(*) FROM {name})" for name in follow_ups)  # noqa: S608 (CTE names)
    try:
        found = _in_one(
            f"{logged}{parts} SELECT {key}{counts} FROM stored",  # noqa: S608 (names and placeholders only)
            [*params, *(p for _, part_params in follow_ups.values() for p in part_params)],
        )
    except DatabaseError:  # a follow-up refused (a trigger, a deadlock): the statement stored nothing
        logger.warning(
            "check-in: its statement failed (a follow-up refused?); the rows go in without it, then its receiver"
        )
    else:
        created = {row[0] for row in found}
        return recorded(created, followed=dict(zip(follow_ups, found[0][1:], strict=True)) if found else {})
    with transaction.atomic(durable=True):
        return recorded(_stored(f"{logged} SELECT {key} FROM stored", params))  # noqa: S608 (names and placeholders only)


def _stored(sql: str, params: list[Any]) -> set[str]:
    with preparing_cursor(connection) as cursor:  # a single scan's statement: planned once per connection
        cursor.execute(sql, params)
        return {k for (k,) in cursor.fetchall()}


def _in_one(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Run the check-in's one statement: outside a transaction it is its own (no BEGIN and COMMIT round trips);
    inside a caller's (a test's), in a savepoint, so that one that fails leaves the caller's as it was."""
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    with guard, preparing_cursor(connection) as cursor:  # planned once per connection
        cursor.execute(sql, params)
        return cursor.fetchall()


AUDIT_ACTION = "attendance.check_in"
# The audit entry's `after` of a check-in: its JSON keys and the attendance columns they come from.
AUDIT_AFTER = {
    "session": "session_id",
    "person_id": "person_id",
    "part": "part",
    "method": "method",
    "offline": "offline",
    "late": "late",
}


def _audit(session: TrainingSession, rows: list[Row], actor: Any) -> None:
    """One `attendance.check_in` entry per stored row, as `log_action` writes it, in one INSERT.

    An entry per row (not one per batch) keeps each under its participant's unit, so a PPS reading the
    audit log of their desa sees the check-ins of their people, as for every other write.
    """
    user = actor if actor is not None and not isinstance(actor, str) else None
    label = actor_label(actor)
    log_entries(
        AuditEntry(
            actor=user,
            actor_label=label,
            action=AUDIT_ACTION,
            object_type="attendance",
            object_id=r.scan.key,
            region_code=r.region_code,
            after=mask_personal(
                {
                    "session": session.pk,
                    "person_id": r.person_id,
                    "part": r.scan.part,
                    "method": r.scan.method,
                    "offline": r.scan.offline,
                    "late": r.late,
                }
            ),
        )
        for r in rows
    )
