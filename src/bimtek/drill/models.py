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


class CrewDrillStatus(models.TextChoices):
    WAITING_A = "waiting_a", _("Menunggu isian pertama")
    WAITING_B = "waiting_b", _("Menunggu isian kedua")
    TO_RESOLVE = "to_resolve", _("Menunggu keputusan ketua")
    RESOLVED = "resolved", _("Selesai")


class CrewDrillQuerySet(ScopedQuerySet["CrewDrill"]):
    pass


class CrewDrill(models.Model):
    """One drill scenario entered twice by the KPPS crew of one TPS, the double entry of the Kiesraad.

    Entry A is whichever member typed first and entry B the second, a different member of the same
    crew; the ketua KPPS (or a KPU operator on the crew's behalf, `resolved_by_user`) then settles each
    box where they differ. The truth is regenerated from the seed, as for a DrillAttempt. A KPPS member
    sees the crew drills of a TPS they serve at (`scope_person_field`), never another crew's.
    """

    election = models.ForeignKey("elections.Election", on_delete=models.CASCADE, related_name="crew_drills")
    tps = models.ForeignKey("elections.TPS", on_delete=models.CASCADE, related_name="crew_drills")
    seed = models.PositiveIntegerField()
    level = models.CharField(max_length=10, choices=Level.choices)
    kind = models.CharField(max_length=10, choices=DrillKind.choices)
    status = models.CharField(
        max_length=12, choices=CrewDrillStatus.choices, default=CrewDrillStatus.WAITING_A
    )
    entry_a_person = models.ForeignKey(
        "workforce.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entry_a_form = models.JSONField(null=True, blank=True)
    entry_a_at = models.DateTimeField(null=True, blank=True)
    entry_b_person = models.ForeignKey(
        "workforce.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entry_b_form = models.JSONField(null=True, blank=True)
    entry_b_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        "workforce.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_form = models.JSONField(null=True, blank=True)
    resolutions = models.JSONField(default=dict)  # box path -> "a", "b" or the ketua's own number
    resolved_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    agreement = models.PositiveSmallIntegerField(null=True, blank=True)  # percent of boxes typed alike
    difference_paths = models.JSONField(default=list)
    violation_codes = models.JSONField(default=list)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CrewDrillQuerySet.as_manager()
    scope_region_field = "tps__village__code"
    scope_person_field = "tps__appointments__person"

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["election", "tps", "status"], name="crew_drill_tps_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=100), name="crew_drill_score_0_to_100"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["waiting_a", "waiting_b", "to_resolve", "resolved"]),
                name="crew_drill_status_known",
            ),
            models.CheckConstraint(
                condition=Q(entry_a_person__isnull=True)
                | Q(entry_b_person__isnull=True)
                | ~Q(entry_b_person=models.F("entry_a_person")),
                name="crew_drill_two_different_members",
            ),
            models.CheckConstraint(
                condition=~Q(status="resolved") | (Q(resolved_at__isnull=False) & Q(score__isnull=False)),
                name="crew_drill_resolved_has_score",
            ),
        ]

    def __str__(self) -> str:
        return f"TPS {self.tps_id} seed {self.seed} ({self.status})"


class CrewDrillPolicy(models.Model):
    """The KPU's choice, per election, whether a TPS needs a resolved crew drill to count as trained.

    Off unless the KPU turns it on: the double entry is a drill some KPU adopt, not a rule of PKPU, and
    readiness measured before the choice keeps its results. Kept in the drill app rather than on the
    election's norms so the choice and the drills it judges live together.
    """

    election = models.OneToOneField(
        "elections.Election", on_delete=models.CASCADE, related_name="crew_drill_policy"
    )
    counts_in_readiness = models.BooleanField(default=False)
    pass_mark = models.PositiveSmallIntegerField(default=80)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="crew_drill_policy_mark_0_to_100")
        ]

    def __str__(self) -> str:
        return f"{self.election_id}: {'dihitung' if self.counts_in_readiness else 'tidak dihitung'}"
