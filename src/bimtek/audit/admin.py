"""Django admin, for superusers only (regional roles are never staff)."""

from django.contrib import admin

from bimtek.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # django-stubs makes ModelAdmin generic; Django's class is not
    list_display = ["at", "actor_label", "action", "object_type", "object_id", "region_code"]
    list_filter = ["action"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False  # the audit log is append-only

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
