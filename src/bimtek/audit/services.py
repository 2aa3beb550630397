"""Write the audit log. Every service that changes data calls `log_action` in its transaction."""

from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.utils import timezone

from bimtek.audit.models import AuditEntry
from bimtek.lib.masking import HEALTH_FIELDS, PERSONAL_FIELDS, mask_personal

SYSTEM_ACTOR = "sistem"


def actor_label(actor: Any) -> str:
    if actor is None:
        return SYSTEM_ACTOR
    if isinstance(actor, str):
        return actor
    return str(actor.get_username())


def log_action(
    *,
    actor: Any,
    action: str,
    object_type: str = "",
    object_id: object = "",
    region_code: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one write. `actor` is a user, a label such as 'cli:root', or None for the system."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and not isinstance(actor, str) else None,
        actor_label=actor_label(actor),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        region_code=region_code,
        before=mask_personal(before) if before is not None else None,
        after=mask_personal(after) if after is not None else None,
    )


def log_entries(entries: Iterable[AuditEntry], batch_size: int = 2000) -> None:
    """Record many writes at once: entries built by a bulk service (one per row, each under its row's region),
    stored in batched INSERTs. The caller masks personal data as `log_action` does (`mask_personal`)."""
    AuditEntry.objects.bulk_create(entries, batch_size=batch_size)


def entries_from_rows_sql(
    *,
    actor: Any,
    action: str,
    object_type: str,
    source: str,
    object_id: str,
    region_code: str,
    after: dict[str, str],
) -> tuple[str, list[Any]]:
    """PostgreSQL: `INSERT INTO` the audit log `SELECT` one entry per row of `source` (a CTE of the caller's
    statement), so a hot write is logged in the same statement as the write itself, as `log_entries` would
    log it. `object_id`, `region_code` and the values of `after` (its JSON keys) are the source's columns;
    none of those keys may be personal or health data, which this SQL cannot mask. Returns (sql, params)."""
    if PERSONAL_FIELDS & after.keys() or HEALTH_FIELDS & after.keys():
        raise ValueError("personal or health data is masked by log_entries, not logged from SQL")
    columns = (source, object_id, region_code, *after.values())
    if not all(c.isidentifier() for c in columns) or not all(k.isidentifier() for k in after):
        raise ValueError("audit columns and keys are plain names")
    quote = connection.ops.quote_name
    table = quote(AuditEntry._meta.db_table)
    pairs = ", ".join(f"'{key}', {quote(column)}" for key, column in after.items())
    sql = (
        f"INSERT INTO {table} (at, actor_id, actor_label, action, object_type, object_id, region_code, after) "  # noqa: S608 (names checked above)
        f"SELECT %s, %s, %s, %s, %s, {quote(object_id)}, {quote(region_code)}, jsonb_build_object({pairs}) "
        f"FROM {quote(source)}"
    )
    user_id = getattr(actor, "pk", None) if actor is not None and not isinstance(actor, str) else None
    return sql, [timezone.now(), user_id, actor_label(actor), action, object_type]
