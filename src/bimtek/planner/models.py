"""Training plans as stored: venues, a plan per election/tier/region, and the sessions the planner made.

The planner core (`planner/core`) knows none of this: `instance.plan_instance` turns a plan into a core
`Instance`, and `services.plan_solve` stores the core's `Plan` back as sessions. A session holds groups
(a kecamatan's PPK, a desa's PPS, a TPS's crew); the people behind a group are its active appointments
(`selectors.session_participants`), so a PAW replacement is trained in the seat's session.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from bimtek.accounts.scoping import Scope, ScopedQuerySet, region_filter, scope_of
from bimtek.planner.core.length import session_minutes


class Tier(models.TextChoices):
    TOT = "tot", _("ToT PPK/PPS")
    BIMTEK = "bimtek", _("Bimtek KPPS")
    SUSULAN = "susulan", _("Sesi susulan (PAW)")
    PENDALAMAN = "pendalaman", _("Pendalaman KPPS per desa")


# Attendance in these tiers' sessions counts towards a program of this kind (delivery's completion rule):
# a make-up session stands in for the bimtek; a deepening session (pendalaman) comes after it and counts for nothing.
TIERS_COUNTING = {
    "tot": (Tier.TOT,),
    "kpps": (Tier.BIMTEK, Tier.SUSULAN),
    "linmas": (Tier.BIMTEK, Tier.SUSULAN),
}

# The hour of slot n, the same at every venue (the core's slot numbers mean the same time of day everywhere).
SLOT_TIMES = {1: "08.00–12.00", 2: "13.00–17.00", 3: "18.30–21.30"}


def tiers_counting_for(program_kind: str) -> tuple[str, ...]:
    return TIERS_COUNTING.get(program_kind, ())


def slot_time(slot: int) -> str:
    return SLOT_TIMES.get(slot, "")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    QUEUED = "queued", _("Menunggu")
    SOLVING = "solving", _("Sedang disusun")
    SOLVED = "solved", _("Tersusun")
    INFEASIBLE = "infeasible", _("Tidak semua terjadwal")
    FAILED = "failed", _("Gagal")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    HELD = "held", _("Sudah dilaksanakan")
    CANCELLED = "cancelled", _("Dibatalkan")


class VenueQuerySet(ScopedQuerySet["Venue"]):
    def within_region(self, code: str) -> "VenueQuerySet":
        return self.filter(region_filter("region__code", code))


class Venue(models.Model):
    """A hall that can hold training sessions; reusable across elections."""

    name = models.CharField(max_length=150)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="venues", db_column="region_code"
    )
    capacity = models.PositiveIntegerField()
    address = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VenueQuerySet.as_manager()
    scope_region_field = "region__code"
    scope_person_field = None

    class Meta:
        ordering = ["region_id", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="venue_capacity_positive"),
            models.UniqueConstraint(fields=["region", "name"], name="venue_unique_name_in_region"),
        ]

    def __str__(self) -> str:
        return self.name


class TrainingPlanQuerySet(ScopedQuerySet["TrainingPlan"]):
    def in_scope(self, scope: Scope) -> "TrainingPlanQuerySet":
        """Plans of the user's region and below, and (read-only) the plans that cover the user's region.

        A PPS of a desa sees the kabupaten's ToT plan and the kecamatan's bimtek plan it takes part in;
        which sessions and groups it sees inside them is decided by the session and group scopes.
        """
        if scope.nothing:
            return self.none()
        if scope.region_code is None:
            return self
        parts = scope.region_code.split(".")
        above = [".".join(parts[:n]) for n in range(1, len(parts))]
        return self.filter(region_filter("region__code", scope.region_code) | Q(region__code__in=above))


class TrainingPlan(models.Model):
    """One plan: the ToT of a kabupaten or the bimtek of a kabupaten/kecamatan, within a date window."""

    election = models.ForeignKey("elections.Election", on_delete=models.CASCADE, related_name="plans")
    tier = models.CharField(max_length=10, choices=Tier.choices)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="plans", db_column="region_code"
    )
    start = models.DateField()
    end = models.DateField()
    rules = models.JSONField(default=dict, blank=True)  # the core's Rules fields, dates as ISO strings
    include_linmas = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    summary = models.JSONField(default=dict, blank=True)  # status, objective, bound, gap, stats, warnings
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingPlanQuerySet.as_manager()
    scope_region_field = "region__code"
    scope_person_field = None

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="plan_window_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.get_tier_display()} {self.region_id}"


class PlanVenue(models.Model):
    """A venue as one plan may use it: on which days and how many sessions a day."""

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="plan_venues")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="plan_uses")
    days = models.JSONField(default=list)  # ISO dates inside the plan's window
    sessions_per_day = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["plan", "venue__region_id", "venue__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "venue"], name="planvenue_once_per_plan"),
            models.CheckConstraint(
                condition=Q(sessions_per_day__gte=1, sessions_per_day__lte=6),
                name="planvenue_sessions_per_day_1_to_6",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.venue} ({self.sessions_per_day}/hari)"


MAX_SESSION_DAYS = 14  # the longest session stored (constraint session_length_sane)


def not_over_by(today: dt.date, prefix: str = "") -> Q:
    """Sessions whose last day is `today` or later (`prefix` reaches the session from another model, e.g.
    "session__"): one that began earlier and runs today, its second day, is not over. In SQL on both
    databases, without date arithmetic: a session began on or after today, or k days ago and runs more than k."""
    q = Q(**{f"{prefix}date__gte": today})
    for k in range(1, MAX_SESSION_DAYS):
        q |= Q(**{f"{prefix}date": today - dt.timedelta(days=k), f"{prefix}days__gt": k})
    return q


class TrainingSessionQuerySet(ScopedQuerySet["TrainingSession"]):
    def seen_by(self, user: Any) -> "TrainingSessionQuerySet":
        """The one session-visibility rule: a session is the user's when its venue lies in their region or one
        of its groups (a crew, a desa's PPS, a kecamatan's PPK) is theirs, so a PPS sees the kecamatan's
        session their crews attend. Pages, the phone, prints and the API all start from it."""
        return self.seen_in(scope_of(user))

    def seen_in(self, scope: Scope) -> "TrainingSessionQuerySet":
        """`seen_by` for a scope (a job or a command acting for a user's region)."""
        own = TrainingSession.objects.in_scope(scope).filter(pk=OuterRef("pk"))
        theirs = SessionGroup.objects.in_scope(scope).filter(session=OuterRef("pk"))
        return self.filter(Exists(own) | Exists(theirs))


class TrainingSession(models.Model):
    """One session at one venue, date and slot (slot n is the same hour at every venue)."""

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="sessions")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    slot = models.PositiveSmallIntegerField()  # the first slot (a full-day session starts at slot 1)
    slots = models.PositiveSmallIntegerField(
        default=1, db_default=1
    )  # slots in a row each day: 2 is 08.00–17.00
    days = models.PositiveSmallIntegerField(
        default=1, db_default=1
    )  # days in a row from `date`, same people and hall
    status = models.CharField(max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    region_code = models.CharField(max_length=13)  # the venue's region, for scoping without a join

    objects = TrainingSessionQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = None

    class Meta:
        ordering = ["date", "slot", "venue__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "venue", "date", "slot"],
                condition=~Q(status="cancelled"),
                name="session_one_per_slot",
            ),
            models.CheckConstraint(condition=Q(slot__gte=1), name="session_slot_positive"),
            models.CheckConstraint(
                condition=Q(slots__gte=1, slots__lte=3, days__gte=1, days__lte=MAX_SESSION_DAYS),
                name="session_length_sane",
            ),
        ]
        indexes = [models.Index(fields=["plan", "date"], name="session_plan_date")]

    def __str__(self) -> str:
        return f"{self.venue} {self.date} sesi {self.slot}"

    @property
    def time_label(self) -> str:
        """'08.00–12.00'; '08.00–17.00' for a full day (slots 1 and 2)."""
        first, last = slot_time(self.slot), slot_time(self.slot + self.slots - 1)
        if not first or not last:
            return first
        return f"{first.split('–')[0]}–{last.split('–')[-1]}"

    @property
    def last_date(self) -> dt.date:
        return self.date + dt.timedelta(days=self.days - 1)

    @property
    def minutes(self) -> int:
        return session_minutes(self.slot, self.slots, self.days)

    @property
    def date_label(self) -> str:
        """'25 Januari 2024'; '25–26 Januari 2024' or '31 Januari – 1 Februari 2024' for a session of several days."""
        first, last = self.date, self.last_date
        if first == last:
            return date_format(first, "j F Y")
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{date_format(last, 'j F Y')}"
        head = date_format(first, "j F" if first.year == last.year else "j F Y")
        return f"{head} – {date_format(last, 'j F Y')}"


class SessionGroupQuerySet(ScopedQuerySet["SessionGroup"]):
    pass


class GroupBody(models.TextChoices):
    PPK = "ppk", "PPK"
    PPS = "pps", "PPS"
    KPPS = "kpps", _("KPPS satu TPS")
    DESA = "desa", _("KPPS satu desa")  # pendalaman: a desa's crews together
    PERSON = "orang", _("Satu orang")  # sesi susulan: one PAW replacement


class SessionGroup(models.Model):
    """A group planned into a session: 'ppk-33.03.01', 'pps-33.03.01.2001', 'tps-<id>', 'desa-<code>' or
    'orang-<appointment id>'."""

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="groups")
    key = models.CharField(max_length=40)
    body = models.CharField(max_length=10)  # ppk, pps or kpps (a TPS crew, with Linmas when the plan says)
    # Indexed: the make-up rule reads a kecamatan's groups.
    region_code = models.CharField(max_length=13, db_index=True)
    tps = models.ForeignKey(
        "elections.TPS", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    participants = models.PositiveIntegerField()
    # Only for a make-up group of one person: the appointment (a PAW replacement) who trains here.
    appointment = models.ForeignKey(
        "workforce.Appointment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = SessionGroupQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = None

    class Meta:
        ordering = ["session", "region_code", "key"]
        constraints = [
            # Groups are never split across sessions here, so a group is planned once per plan.
            models.UniqueConstraint(fields=["plan", "key"], name="sessiongroup_once_per_plan"),
            models.CheckConstraint(
                condition=Q(participants__gte=1), name="sessiongroup_participants_positive"
            ),
            models.CheckConstraint(
                condition=Q(body="kpps", tps__isnull=False)
                | Q(body__in=["ppk", "pps", "desa", "orang"], tps__isnull=True),
                name="sessiongroup_tps_iff_crew",
            ),
            models.CheckConstraint(
                condition=Q(body="orang", appointment__isnull=False)
                | (~Q(body="orang") & Q(appointment__isnull=True)),
                name="sessiongroup_appointment_iff_person",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class SessionFacilitator(models.Model):
    """A PPK/PPS member who facilitates a KPPS bimtek session."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="facilitators")
    person = models.ForeignKey("workforce.Person", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["session", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="sessionfacilitator_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}"


class Reply(models.TextChoices):
    """A participant's answer to their session invitation."""

    COMING = "coming", _("Akan hadir")
    CANNOT = "cannot", _("Tidak dapat hadir")


class SessionReplyQuerySet(ScopedQuerySet["SessionReply"]):
    pass


class SessionReply(models.Model):
    """A participant's answer to their session: coming, or cannot come with a reason the operator reads."""

    scope_region_field = "region_code"
    scope_person_field = "person"

    session = models.ForeignKey("planner.TrainingSession", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("workforce.Person", on_delete=models.CASCADE, related_name="+")
    region_code = models.CharField(max_length=13)  # the person's unit, for the operator's scoped lists
    reply = models.CharField(max_length=10, choices=Reply.choices)
    reason = models.CharField(max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionReplyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="session_reply_once"),
            models.CheckConstraint(
                condition=~Q(reply="cannot") | ~Q(reason=""), name="session_reply_cannot_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.session_id}: {self.reply}"
