"""Drill attempts: a trainee's filled form for one seeded drill, and how it scored.

Every stored attempt belongs to a person, so it is scoped like the person (by their region) and
counts towards their record. Practice without a person (a visitor, an administrator trying the
drill) is scored on the page and not stored: a score with no name tells a facilitator nothing, and
a row without a region could not be scoped.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bimtek.accounts.scoping import ScopedQuerySet


class Level(models.TextChoices):
    EASY = "easy", _("Mudah")
    HARD = "hard", _("Sulit")


class DrillKind(models.TextChoices):
    PEMILU = "pemilu", _("Pemilu")
    PILKADA = "pilkada", _("Pilkada")


class DrillAttemptQuerySet(ScopedQuerySet["DrillAttempt"]):
    pass


class DrillAttempt(models.Model):
    person = models.ForeignKey("workforce.Person", on_delete=models.CASCADE, related_name="drill_attempts")
    election = models.ForeignKey(
        "elections.Election", on_delete=models.CASCADE, related_name="drill_attempts"
    )
    seed = models.PositiveIntegerField()
    level = models.CharField(max_length=10, choices=Level.choices)
    kind = models.CharField(max_length=10, choices=DrillKind.choices)
    # The trainee's form in the JSON schema of docs/form.md; the truth is regenerated from the seed.
    form = models.JSONField()
    score = models.PositiveSmallIntegerField()
    wrong_fields = models.JSONField(default=list)  # box paths, e.g. ["I.B.3.total", "V.B"]
    violation_codes = models.JSONField(default=list)  # checker codes on the trainee's form, once each
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DrillAttemptQuerySet.as_manager()
    scope_region_field = "person__region__code"
    scope_person_field = "person"

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "election", "score"], name="drill_attempt_person_score"),
            models.Index(fields=["election", "created_at"], name="drill_attempt_election_time"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=100), name="drill_attempt_score_0_to_100"),
            models.CheckConstraint(condition=Q(level__in=["easy", "hard"]), name="drill_attempt_level_known"),
            models.CheckConstraint(
                condition=Q(kind__in=["pemilu", "pilkada"]), name="drill_attempt_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} seed {self.seed} ({self.level}): {self.score}"
