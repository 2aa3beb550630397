from django.conf import settings
from django.db import models

from bimtek.accounts.scoping import ScopedQuerySet


class AuditQuerySet(ScopedQuerySet["AuditEntry"]):
    pass


class AuditEntry(models.Model):
    """One write. Personal data in `before`/`after` is masked before it gets here."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_label = models.CharField(max_length=150)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    region_code = models.CharField(max_length=13, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = None

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["region_code", "at"], name="audit_region_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"
