"""Django admin, for superusers only (regional roles are never staff)."""

from django.contrib import admin

from bimtek.accounts.models import User
from bimtek.audit.models import AuditEntry
from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.regions.models import Region
from bimtek.workforce.models import Appointment, Person


@admin.register(User)
class UserAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["username", "role", "region", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["username"]
    raw_id_fields = ["region", "person"]
    exclude = ["password"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "kind", "level"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "name", "kind", "voting_day"]


@admin.register(TPS)
class TPSAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["election", "village", "number", "voters"]
    list_filter = ["election"]
    raw_id_fields = ["village"]
    search_fields = ["village__code"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "sex", "region"]
    search_fields = ["name"]
    raw_id_fields = ["region"]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["person", "election", "body", "region", "tps", "seat", "status"]
    list_filter = ["election", "body", "status"]
    raw_id_fields = ["person", "region", "tps", "replaces"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "actor_label", "action", "object_type", "object_id", "region_code"]
    list_filter = ["action"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False  # the audit log is append-only

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "kind", "status", "done", "total", "created_at"]
