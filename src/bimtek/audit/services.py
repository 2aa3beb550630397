"""Write the audit log. Every service that changes data calls `log_action` in its transaction."""

from collections.abc import Iterable
from typing import Any

from bimtek.audit.models import AuditEntry
from bimtek.lib.masking import mask_personal

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
