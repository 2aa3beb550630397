"""Curriculum, question banks, tests and attempts.

A program (ToT PPK/PPS, bimtek KPPS, briefing Linmas) of one election has ordered modules. Each
module names a bank key; the election's question bank is shared by every program that teaches the
module. A question keeps its versions: an edit makes a new version, and an attempt records the
versions it was given, so an old attempt still means what it meant.

Attempts are stored for a country (about twelve million: 5.7 million KPPS, pre and post): one row
per attempt, the versions given and the answers chosen packed as little-endian int32 arrays in
question order (`assessment.packing`), and the score beside them for the results queries.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bimtek.accounts.scoping import ScopedQuerySet


class ProgramKind(models.TextChoices):
    TOT = "tot", _("ToT PPK/PPS")
    KPPS = "kpps", _("Bimtek KPPS")
    LINMAS = "linmas", _("Briefing Linmas")


# Who takes each program: the bodies of the workforce registry.
PROGRAM_BODIES = {
    ProgramKind.TOT: ("ppk", "pps"),
    ProgramKind.KPPS: ("kpps",),
    ProgramKind.LINMAS: ("linmas",),
}


class Program(models.Model):
    election = models.ForeignKey("elections.Election", on_delete=models.CASCADE, related_name="programs")
    kind = models.CharField(max_length=10, choices=ProgramKind.choices)
    name = models.CharField(max_length=200)
    pass_mark = models.PositiveSmallIntegerField(default=70, help_text=_("Nilai lulus, persen"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["election", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["election", "kind"], name="program_one_per_kind_per_election"),
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="program_pass_mark_percent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def bodies(self) -> tuple[str, ...]:
        return PROGRAM_BODIES[ProgramKind(self.kind)]


class Module(models.Model):
    """One session of a program, in order; `bank` names the question bank it draws from."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField()
    bank = models.SlugField(max_length=40)
    title = models.CharField(max_length=200)
    minutes = models.PositiveSmallIntegerField()
    objectives = models.TextField(blank=True)
    regulations = models.TextField(blank=True)
    parts = models.JSONField(default=list, blank=True)  # [{"title": ..., "minutes": ...}]
    questions = models.PositiveSmallIntegerField(default=0, help_text=_("Soal per tes dari modul ini"))

    class Meta:
        ordering = ["program", "position"]
        constraints = [
            models.UniqueConstraint(fields=["program", "position"], name="module_position_unique"),
            models.UniqueConstraint(fields=["program", "bank"], name="module_bank_unique_in_program"),
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=1440), name="module_minutes_sane"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="module_position_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class QuestionKind(models.TextChoices):
    MC = "mc", _("Pilihan ganda")
    TF = "tf", _("Benar/Salah")
    NUM = "num", _("Isian angka")


class Question(models.Model):
    """A question's identity in the election's bank; its text lives in its versions."""

    election = models.ForeignKey("elections.Election", on_delete=models.CASCADE, related_name="questions")
    bank = models.SlugField(max_length=40)
    code = models.CharField(max_length=30)
    current = models.ForeignKey(
        "QuestionVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["election", "bank", "code"]
        constraints = [
            models.UniqueConstraint(fields=["election", "code"], name="question_code_unique_per_election"),
        ]
        indexes = [models.Index(fields=["election", "bank", "active"], name="question_bank")]

    def __str__(self) -> str:
        return self.code


class QuestionVersion(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=3, choices=QuestionKind.choices)
    text = models.TextField()
    options = models.JSONField(default=list, blank=True)  # mc: 2-6 texts; tf: Benar, Salah; num: []
    answer = models.IntegerField()  # mc/tf: the right option's index; num: the number
    explanation = models.TextField(blank=True)
    regulation = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="question_version_number_unique"),
            models.CheckConstraint(condition=Q(kind__in=["mc", "tf", "num"]), name="question_version_kind"),
            models.CheckConstraint(
                condition=Q(kind="num") | Q(answer__gte=0, answer__lte=5),
                name="question_version_answer_is_option",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id} v{self.number}"


class Stage(models.TextChoices):
    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")


class FormMode(models.TextChoices):
    FIXED = "fixed", _("Tetap")
    BLUEPRINT = "blueprint", _("Diundi per peserta")


class TestForm(models.Model):
    """The pre-test or post-test of a program: fixed questions, or n per module drawn per participant."""

    __test__ = False  # a model, not a class of tests for pytest to collect

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="forms")
    stage = models.CharField(max_length=4, choices=Stage.choices)
    mode = models.CharField(max_length=10, choices=FormMode.choices, default=FormMode.BLUEPRINT)
    fixed_questions = models.JSONField(default=list, blank=True)  # question ids, in order (fixed mode)
    time_limit_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    max_attempts = models.PositiveSmallIntegerField(default=1)
    shuffle_options = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "-stage"]
        constraints = [
            models.UniqueConstraint(fields=["program", "stage"], name="testform_one_per_stage_per_program"),
            models.CheckConstraint(condition=Q(max_attempts__gte=1), name="testform_at_least_one_attempt"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.program}"


class AttemptMode(models.TextChoices):
    ONLINE = "online", _("Daring")
    PAPER = "paper", _("Kertas")
    SCORE = "score", _("Nilai saja")  # only the score was imported: left out of item analysis


class AttemptStatus(models.TextChoices):
    ISSUED = "issued", _("Belum selesai")
    SUBMITTED = "submitted", _("Selesai")


class AttemptQuerySet(ScopedQuerySet["Attempt"]):
    def first_attempts(self) -> "AttemptQuerySet":
        return self.filter(number=1, status=AttemptStatus.SUBMITTED)


class Attempt(models.Model):
    """One participant's sitting of one form; `code` is on the paper sheet and in the phone link."""

    form = models.ForeignKey(TestForm, on_delete=models.CASCADE, related_name="attempts")
    person = models.ForeignKey("workforce.Person", on_delete=models.PROTECT, related_name="attempts")
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", db_column="region_code"
    )
    number = models.PositiveSmallIntegerField(default=1)
    code = models.CharField(max_length=16, unique=True)
    seed = models.BigIntegerField()
    mode = models.CharField(max_length=6, choices=AttemptMode.choices, default=AttemptMode.ONLINE)
    status = models.CharField(max_length=10, choices=AttemptStatus.choices, default=AttemptStatus.ISSUED)
    items = models.BinaryField()  # question version ids, int32 little-endian, in the order shown
    answers = models.BinaryField()  # per item: the original option index or the number; BLANK if none
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    percent = models.FloatField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AttemptQuerySet.as_manager()
    scope_region_field = "region__code"
    scope_person_field = "person"

    class Meta:
        ordering = ["form", "region_id", "person_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["form", "person", "number"], name="attempt_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="attempt_number_from_1"),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="attempt_percent_0_to_100",
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(score__isnull=False, percent__isnull=False),
                name="attempt_submitted_is_scored",
            ),
        ]
        indexes = [
            # results: a form's first attempts in a region, by code prefix
            models.Index(fields=["form", "number", "status", "region"], name="attempt_results"),
            models.Index(fields=["person", "form"], name="attempt_person"),
        ]

    def __str__(self) -> str:
        return self.code
