"""What the audit log records from the floor below it, which cannot import the log (`accounts.signals`)."""

from typing import Any

from bimtek.audit.services import log_action


def log_user_created(sender: Any, *, user: Any, actor: Any, after: dict[str, Any], **_: Any) -> None:
    log_action(
        actor=actor,
        action="user.create",
        object_type="user",
        object_id=user.pk,
        region_code=after.get("region") or "",
        after=after,
    )
