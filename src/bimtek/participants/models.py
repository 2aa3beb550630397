"""The one-time codes a participant signs in with (their answers to invitations are the planner's)."""

from django.db import models


class LoginCode(models.Model):
    """A one-time sign-in code (and link) for a participant; only hashes are stored."""

    # None for a request with an unknown NIK: kept only so that it counts against the asker's limit.
    person = models.ForeignKey("workforce.Person", null=True, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    link_hash = models.CharField(max_length=64, unique=True)
    client_hash = models.CharField(max_length=64, db_index=True)  # who asked (address hashed), for throttling
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "created_at"], name="login_code_person_time")]

    def __str__(self) -> str:
        return f"login code {self.pk} for {self.person_id}"
