"""The HTTP API, version 1: reads of the registry in the caller's scope.

Regions, elections, the TPS and appointments of an election, people (NIK and phone masked in lists,
whole only for a KPU role on one person), long jobs, and the staffing of a region and the regions
below it. Each queryset starts from `visible_to(request.user)`; the shared base classes and lookups
are in `views.py`.
"""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bimtek.accounts.access import Ability, Rule, may
from bimtek.accounts.scoping import region_filter
from bimtek.api import filters
from bimtek.api.serializers import (
    SHOW_PERSONAL,
    AppointmentSerializer,
    ElectionSerializer,
    JobSerializer,
    PersonSerializer,
    RegionSerializer,
    StaffingSerializer,
    TPSSerializer,
)
from bimtek.api.views import (
    CHILD_ID,
    ELECTION_SLUG,
    REGION_OR_NATIONAL,
    ElectionChildViewSet,
    ScopedViewSet,
    region_in_scope,
    visible_elections,
)
from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.jobs.selectors import jobs_visible_to
from bimtek.regions.models import Region
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.selectors import (
    appointments_visible_to,
    people_visible_to,
    staffing,
    staffing_of_children,
)


@extend_schema_view(list=extend_schema(parameters=[filters.RegionFilter]))
class RegionViewSet(ScopedViewSet):
    """Wilayah Kemendagri di lingkup Anda, dengan kode bertitik (mis. 19.06.02.2009)."""

    required_ability = Rule.SIGNED_IN

    serializer_class = RegionSerializer
    filter_class = filters.RegionFilter
    lookup_field = "code"
    lookup_value_regex = filters.REGION_CODE

    def get_queryset(self) -> QuerySet[Region]:
        qs = Region.objects.visible_to(self.request.user)
        wanted = self.filter_values()
        if "parent" in wanted:
            qs = qs.filter(parent_id=wanted["parent"])
        if "level" in wanted:
            qs = qs.filter(level=wanted["level"])
        if "q" in wanted:
            qs = qs.filter(name__icontains=wanted["q"])
        return qs


class ElectionViewSet(ScopedViewSet):
    """Pemilihan dan norma jumlah petugasnya."""

    required_ability = Rule.SIGNED_IN

    serializer_class = ElectionSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Election]:
        return visible_elections(self.request)


@extend_schema_view(
    list=extend_schema(parameters=[ELECTION_SLUG, filters.TPSFilter]),
    retrieve=extend_schema(parameters=[ELECTION_SLUG, CHILD_ID]),
)
class TPSViewSet(ElectionChildViewSet):
    """TPS satu pemilihan di lingkup Anda."""

    required_ability = Ability.VIEW_REGION

    serializer_class = TPSSerializer
    filter_class = filters.TPSFilter

    def get_queryset(self) -> QuerySet[TPS]:
        qs = TPS.objects.visible_to(self.request.user).filter(election=self.election())
        wanted = self.filter_values()
        if "region" in wanted:
            qs = qs.filter(region_filter("village__code", wanted["region"]))
        return qs


@extend_schema_view(
    list=extend_schema(parameters=[ELECTION_SLUG, filters.AppointmentFilter]),
    retrieve=extend_schema(parameters=[ELECTION_SLUG, CHILD_ID]),
)
class AppointmentViewSet(ElectionChildViewSet):
    """Pengangkatan petugas (PPK, PPS, KPPS, Linmas) satu pemilihan di lingkup Anda."""

    required_ability = Ability.VIEW_REGION

    serializer_class = AppointmentSerializer
    filter_class = filters.AppointmentFilter

    def get_queryset(self) -> QuerySet[Appointment]:
        qs = (
            appointments_visible_to(self.request.user)
            .filter(election=self.election())
            .select_related("person", "tps")
        )
        wanted = self.filter_values()
        if "region" in wanted:
            qs = qs.filter(region_filter("region__code", wanted["region"]))
        for field in ("body", "status"):
            if field in wanted:
                qs = qs.filter(**{field: wanted[field]})
        if "tps" in wanted:
            qs = qs.filter(tps_id=wanted["tps"])
        return qs


@extend_schema_view(
    list=extend_schema(
        parameters=[filters.PersonFilter], description="NIK dan nomor HP selalu disamarkan di daftar."
    ),
    retrieve=extend_schema(
        description="NIK dan nomor HP lengkap hanya untuk KPU (yang boleh mengubah data) di wilayahnya."
    ),
)
class PersonViewSet(ScopedViewSet):
    """Petugas di lingkup Anda. NIK tidak pernah dikirim lewat URL: cari dengan nama."""

    required_ability = Ability.VIEW_REGION

    serializer_class = PersonSerializer
    filter_class = filters.PersonFilter

    def get_queryset(self) -> QuerySet[Person]:
        qs = people_visible_to(self.request.user)
        wanted = self.filter_values()
        if "q" in wanted:
            qs = qs.filter(name__icontains=wanted["q"])
        if "region" in wanted:
            qs = qs.filter(region_filter("region__code", wanted["region"]))
        if "nik_suffix" in wanted:
            qs = qs.filter(nik__endswith=wanted["nik_suffix"])
        return qs

    def shows_personal_data(self) -> bool:
        # Only a single person, already found inside the caller's scope, and only for KPU roles.
        return self.action == "retrieve" and may(self.request.user, Ability.OPERATE)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), SHOW_PERSONAL: self.shows_personal_data()}

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        if self.shows_personal_data():
            response["Cache-Control"] = "no-store"  # a full NIK stays out of shared and browser caches
        return response


@extend_schema_view(list=extend_schema(parameters=[filters.JobFilter]))
class JobViewSet(ScopedViewSet):
    """Pekerjaan panjang (impor, rencana, sertifikat) dan kemajuannya."""

    required_ability = Ability.VIEW_REGION

    serializer_class = JobSerializer
    filter_class = filters.JobFilter
    lookup_value_regex = "[0-9a-f-]{36}"

    def get_queryset(self) -> QuerySet[Job]:
        qs = jobs_visible_to(self.request.user)
        wanted = self.filter_values()
        if "status" in wanted:
            qs = qs.filter(status=wanted["status"])
        return qs


class StaffingView(APIView):
    required_ability = Ability.VIEW_REGION

    @extend_schema(
        parameters=[ELECTION_SLUG, REGION_OR_NATIONAL],
        responses=StaffingSerializer,
        description="Kebutuhan, yang sudah diangkat, dan kekosongan petugas per badan, "
        "untuk wilayah ini dan satu baris per wilayah di bawahnya.",
    )
    def get(self, request: Request, slug: str, code: str) -> Response:
        election = get_object_or_404(visible_elections(request), slug=slug)
        region_code, _ = region_in_scope(request, code)
        result = staffing(election=election, region_code=region_code)
        children = staffing_of_children(election=election, region_code=region_code)
        return Response(
            {"election": election.slug, **result.as_dict(), "children": [row.as_dict() for row in children]}
        )
