"""The session evaluation: a survey per training session, one anonymous response per participant.

A response stores no person: `respondent` is a keyed hash of (session, person) that only the unique
constraint reads, so "one response per participant per session" holds in the database while the results,
the exports and the database rows themselves never say who answered what. `region_code` is the
participant's unit (a desa, or a kecamatan for PPK), which is what the results are scoped by.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from bimtek.accounts.scoping import ScopedQuerySet

SCORE_RANGE = Q(score__gte=1, score__lte=5)
REMARKS_MAX = 500


class Survey(models.Model):
    """A session's survey state; the row exists once someone answered or the operator closed it."""

    session = models.OneToOneField("planner.TrainingSession", on_delete=models.CASCADE, related_name="survey")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Evaluasi {self.session_id}"


class ResponseQuerySet(ScopedQuerySet["Response"]):
    pass


class Response(models.Model):
    session = models.ForeignKey("planner.TrainingSession", on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey("assessment.Program", on_delete=models.PROTECT, related_name="+")
    respondent = models.CharField(max_length=64)  # keyed hash of (session, person); see the module doc
    region_code = models.CharField(max_length=13)  # the participant's unit, for scoping
    satisfaction = models.PositiveSmallIntegerField()
    remarks = models.CharField(max_length=REMARKS_MAX, blank=True)
    submitted_on = models.DateField()  # a day, not a time: a time would match the check-in log

    objects = ResponseQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = None

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "respondent"], name="response_once_per_participant"),
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1, satisfaction__lte=5), name="response_satisfaction_1_to_5"
            ),
        ]
        indexes = [models.Index(fields=["region_code"], name="response_region")]

    def __str__(self) -> str:
        return f"Respons {self.pk} sesi {self.session_id}"


class ModuleRatingQuerySet(ScopedQuerySet["ModuleRating"]):
    pass


class ModuleRating(models.Model):
    """How useful one module of the program was, 1-5."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="modules")
    module = models.ForeignKey("assessment.Module", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()

    objects = ModuleRatingQuerySet.as_manager()
    scope_region_field = "response__region_code"
    scope_person_field = None

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "module"], name="modulerating_once_per_response"),
            models.CheckConstraint(condition=SCORE_RANGE, name="modulerating_score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.module_id}: {self.score}"


class FacilitatorRatingQuerySet(ScopedQuerySet["FacilitatorRating"]):
    pass


class FacilitatorRating(models.Model):
    """How well one facilitator of the session delivered it, 1-5."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="facilitators")
    facilitator = models.ForeignKey("workforce.Person", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()

    objects = FacilitatorRatingQuerySet.as_manager()
    scope_region_field = "response__region_code"
    scope_person_field = None

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "facilitator"], name="facilitatorrating_once_per_response"
            ),
            models.CheckConstraint(condition=SCORE_RANGE, name="facilitatorrating_score_1_to_5"),
        ]
        indexes = [models.Index(fields=["facilitator"], name="facilitatorrating_person")]

    def __str__(self) -> str:
        return f"{self.facilitator_id}: {self.score}"
