"""Speakers (narasumber): who teaches a program's modules, by default and in each session.

A speaker belongs to a region (`region_code`, '' for KPU RI): a KPU kabupaten keeps its own register and also
sees, read-only, the speakers its province and KPU RI share (`SpeakerQuerySet.in_scope`). Phone and e-mail are
personal data (UU 27/2022): lists show them masked, and the participant's page never shows them.
A speaker is never in two sessions at the same time: `services.session_speaker_assign` asks the planner's pure
rule (`planner/core/speakers.py`) before it writes.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bimtek.accounts.scoping import Scope, ScopedQuerySet, region_filter


class Division(models.TextChoices):
    """The KPU commissioner's division, or the agency a guest speaker comes from."""

    TEKNIS = "teknis", _("Divisi Teknis Penyelenggaraan")
    HUKUM = "hukum", _("Divisi Hukum dan Pengawasan")
    SDM = "sdm", _("Divisi SDM, Sosdiklih dan Parmas")
    DATA = "data", _("Divisi Perencanaan, Data dan Informasi")
    SIREKAP = "sirekap", _("Admin Sirekap")
    POLISI = "polisi", _("Kepolisian")
    KEJAKSAAN = "kejaksaan", _("Kejaksaan")
    BKPSDM = "bkpsdm", _("BKPSDM")
    BAWASLU = "bawaslu", _("Bawaslu (tamu)")
    LAINNYA = "lainnya", _("Lainnya")


def regions_above(code: str) -> list[str]:
    """'19.06.02' -> ['', '19', '19.06']: the regions whose shared speakers a user of `code` sees."""
    parts = code.split(".") if code else []
    return [""] + [".".join(parts[:n]) for n in range(1, len(parts))]


class SpeakerQuerySet(ScopedQuerySet["Speaker"]):
    def in_scope(self, scope: Scope) -> SpeakerQuerySet:
        """The user's region and below (theirs to edit), and the speakers of the regions above (shared)."""
        if scope.nothing or scope.person_id is not None:
            return self.none()  # a participant has no register; their page shows names through selectors
        if scope.region_code is None:
            return self
        return self.filter(
            region_filter("region_code", scope.region_code)
            | Q(region_code__in=regions_above(scope.region_code))
        )

    def search(self, text: str) -> SpeakerQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text) | Q(institution__icontains=text) | Q(division_other__icontains=text)
        )


class Speaker(models.Model):
    name = models.CharField(_("nama"), max_length=150)
    institution = models.CharField(_("instansi"), max_length=150)
    division = models.CharField(_("divisi atau lembaga"), max_length=12, choices=Division.choices)
    division_other = models.CharField(_("divisi atau lembaga lainnya"), max_length=150, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    region_code = models.CharField(max_length=13, blank=True)  # '' for KPU RI's speakers, shared nationally
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SpeakerQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = None

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(division="lainnya") | ~Q(division_other=""), name="speaker_other_division_named"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.institution})"

    @property
    def division_label(self) -> str:
        return self.division_other if self.division == Division.LAINNYA else self.get_division_display()


class ModuleSpeaker(models.Model):
    """A speaker who teaches a module by default in the sessions of a region (`region_code`, '' everywhere)."""

    module = models.ForeignKey("assessment.Module", on_delete=models.CASCADE, related_name="+")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="module_defaults")
    region_code = models.CharField(max_length=13, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = None

    class Meta:
        ordering = ["module__position", "speaker__name"]
        constraints = [
            models.UniqueConstraint(fields=["module", "speaker", "region_code"], name="modulespeaker_once"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker} · {self.module_id}"


class SessionSpeaker(models.Model):
    """Who speaks on a module in one session: one speaker per session and module."""

    session = models.ForeignKey("planner.TrainingSession", on_delete=models.CASCADE, related_name="+")
    module = models.ForeignKey("assessment.Module", on_delete=models.CASCADE, related_name="+")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="sessions")
    region_code = models.CharField(max_length=13)  # the session's region, for scoping without a join
    honorarium = models.PositiveIntegerField(
        default=0
    )  # Rupiah; the Standar Biaya Masukan is the KPU's to set

    objects = ScopedQuerySet.as_manager()
    scope_region_field = "region_code"
    scope_person_field = None

    class Meta:
        ordering = ["session", "module__position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "module"], name="sessionspeaker_one_per_module"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker} @ {self.session_id}/{self.module_id}"
