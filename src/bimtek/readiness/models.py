"""Snapshots of readiness: one row per TPS, one per region (code prefix) and a small history.

The rules run in `readiness.core`; `services.readiness_refresh` stores what they said here, so the
pages read counts that are already summed instead of judging 820,000 TPS per request. Every row
carries its region code, so scoping is the usual code-prefix filter.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bimtek.accounts.scoping import ScopedQuerySet
from bimtek.lib.fields import CodeField


class ReadinessStatus(models.TextChoices):
    READY = "ready", _("Siap")
    AT_RISK = "at_risk", _("Berisiko")
    NOT_READY = "not_ready", _("Belum siap")


class ReadinessTPSQuerySet(ScopedQuerySet["ReadinessTPS"]):
    pass


class ReadinessTPS(models.Model):
    """What the rules said about one TPS at the last refresh: status, reasons (bit mask) and the counts behind them."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    tps = models.OneToOneField("elections.TPS", on_delete=models.CASCADE, related_name="readiness")
    region_code = CodeField(max_length=13)  # the TPS's desa
    status = models.CharField(max_length=10, choices=ReadinessStatus.choices)
    reason_bits = models.PositiveIntegerField(default=0)  # core.Code.bit of each reason
    kpps = models.PositiveSmallIntegerField(default=0)
    linmas = models.PositiveSmallIntegerField(default=0)
    untrained = models.PositiveSmallIntegerField(default=0)
    post_test_not_passed = models.PositiveSmallIntegerField(default=0)
    kpps_bpjs = models.PositiveSmallIntegerField(default=0, db_default=0)  # active KPPS enrolled in BPJS TK
    days_left = models.SmallIntegerField()
    computed_at = models.DateTimeField()

    objects = ReadinessTPSQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = "tps__appointments__person"

    class Meta:
        ordering = ["region_code", "tps_id"]
        indexes = [
            models.Index(fields=["election", "region_code"], name="readiness_tps_region"),
            models.Index(fields=["election", "status", "region_code", "tps"], name="readiness_tps_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["ready", "at_risk", "not_ready"]), name="readiness_tps_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status="ready", reason_bits=0) | (~Q(status="ready") & ~Q(reason_bits=0)),
                name="readiness_tps_ready_iff_no_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tps_id}: {self.status}"


class ReadinessRollupQuerySet(ScopedQuerySet["ReadinessRollup"]):
    pass


class ReadinessRollup(models.Model):
    """Counts of one region (a code prefix; "" the country) by status and by reason."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    region_code = CodeField(max_length=13, blank=True)
    level = models.PositiveSmallIntegerField()  # 0 country, 1 provinsi ... 4 desa
    total = models.PositiveIntegerField(default=0)
    ready = models.PositiveIntegerField(default=0)
    at_risk = models.PositiveIntegerField(default=0)
    not_ready = models.PositiveIntegerField(default=0)
    by_reason = models.JSONField(default=dict)  # reason code -> TPS with that reason
    kpps = models.PositiveIntegerField(default=0, db_default=0)  # active KPPS of the region's TPS
    kpps_bpjs = models.PositiveIntegerField(default=0, db_default=0)  # of them, enrolled in BPJS TK
    computed_at = models.DateTimeField()

    objects = ReadinessRollupQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = None

    class Meta:
        ordering = ["region_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "region_code"], name="readiness_rollup_one_per_region"
            ),
            models.CheckConstraint(
                condition=Q(total=models.F("ready") + models.F("at_risk") + models.F("not_ready")),
                name="readiness_rollup_statuses_add_up",
            ),
            models.CheckConstraint(condition=Q(level__lte=4), name="readiness_rollup_level_0_to_4"),
        ]
        indexes = [models.Index(fields=["election", "level", "region_code"], name="readiness_rollup_level")]

    def __str__(self) -> str:
        return f"{self.region_code or 'Indonesia'}: {self.ready}/{self.total}"


class ReadinessHistoryQuerySet(ScopedQuerySet["ReadinessHistory"]):
    pass


class ReadinessHistory(models.Model):
    """The counts of the country, provinces, kabupaten/kota and kecamatan at each refresh, for the trend chart."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    region_code = models.CharField(max_length=13, blank=True)
    computed_at = models.DateTimeField()
    total = models.PositiveIntegerField(default=0)
    ready = models.PositiveIntegerField(default=0)
    at_risk = models.PositiveIntegerField(default=0)
    not_ready = models.PositiveIntegerField(default=0)

    objects = ReadinessHistoryQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = None

    class Meta:
        ordering = ["region_code", "computed_at"]
        indexes = [
            models.Index(fields=["election", "region_code", "computed_at"], name="readiness_history_region"),
        ]

    def __str__(self) -> str:
        return f"{self.region_code or 'Indonesia'} {self.computed_at:%Y-%m-%d %H:%M}"


class ReadinessPolicy(models.Model):
    """The KPU's choice, per election, of the welfare gaps that count in readiness (`core.Policy`).

    No row means neither counts. Set by KPU RI for the whole election (`services.readiness_policy_set`), so
    one TPS is judged the same way in every kabupaten; it takes effect at the next refresh.
    """

    election = models.OneToOneField("elections.Election", on_delete=models.CASCADE, related_name="+")
    count_bpjs = models.BooleanField(default=False)
    count_health = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.election_id}: bpjs={self.count_bpjs} health={self.count_health}"


class ReadinessDirty(models.Model):
    """A TPS whose facts changed since its snapshot row was written (a check-in of its crew): the next
    `readiness.touch` job re-judges it and moves the roll-ups by the difference (`touch.py`). A mark left by
    a worker that died is drained by the next job."""

    election = models.ForeignKey("elections.Election", on_delete=models.CASCADE, related_name="+")
    tps = models.ForeignKey("elections.TPS", on_delete=models.CASCADE, related_name="+")
    marked_at = models.DateTimeField()
    # When a touch job took the mark (None: waiting). A check-in after that re-arms it (None again), so the
    # job that took it leaves it for the next one instead of deleting a change it has not seen.
    taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "tps"], name="readiness_dirty_once")]

    def __str__(self) -> str:
        return f"{self.election_id}/{self.tps_id}"
