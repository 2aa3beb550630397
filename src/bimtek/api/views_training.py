"""The HTTP API, version 1: reads of the training and its outcome in the caller's scope.

The training plans and sessions of an election, the readiness of a region's TPS and of the regions
below it (from the last snapshot), the TPS not ready or at risk, and a program's pre/post-test results
per region, without participants' names. The shared base classes and lookups are in `views.py`.
"""

from dataclasses import asdict

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bimtek.accounts.access import Ability, may_see_results
from bimtek.accounts.scoping import region_filter, scope_of
from bimtek.api import filters
from bimtek.api.serializers import (
    GroupResultSerializer,
    PlanSerializer,
    ReadinessSerializer,
    ReadinessTPSSerializer,
    ResultsSerializer,
)
from bimtek.api.serializers_sessions import SessionSerializer
from bimtek.api.views import (
    CHILD_ID,
    ELECTION_SLUG,
    NATIONAL_NAME,
    REGION_OR_NATIONAL,
    ElectionChildViewSet,
    region_in_scope,
    visible_elections,
)
from bimtek.assessment.models import ProgramKind
from bimtek.assessment.selectors import child_key, group_results, participants, program_of, region_result
from bimtek.lib import clock
from bimtek.planner.models import TrainingPlan, TrainingSession
from bimtek.planner.selectors import sessions_visible_in_election
from bimtek.planner.sessions import plans_visible_to
from bimtek.readiness.models import ReadinessTPS
from bimtek.readiness.selectors import children_of, no_tps_rows, reasons_table, rollup_of, tps_with_status
from bimtek.regions.models import Level


@extend_schema_view(
    list=extend_schema(parameters=[ELECTION_SLUG, filters.PlanFilter]),
    retrieve=extend_schema(parameters=[ELECTION_SLUG, CHILD_ID]),
)
class PlanViewSet(ElectionChildViewSet):
    """Rencana pelatihan wilayah Anda dan di bawahnya, serta (hanya baca) rencana yang mencakup wilayah Anda."""

    required_ability = Ability.VIEW_REGION

    serializer_class = PlanSerializer
    filter_class = filters.PlanFilter

    def get_queryset(self) -> QuerySet[TrainingPlan]:
        qs = plans_visible_to(self.request.user).filter(election=self.election()).select_related("region")
        wanted = self.filter_values()
        if "tier" in wanted:
            qs = qs.filter(tier=wanted["tier"])
        if "region" in wanted:
            qs = qs.filter(region_filter("region__code", wanted["region"]))
        return qs


@extend_schema_view(
    list=extend_schema(parameters=[ELECTION_SLUG, filters.SessionFilter]),
    retrieve=extend_schema(parameters=[ELECTION_SLUG, CHILD_ID]),
)
class SessionViewSet(ElectionChildViewSet):
    """Sesi pelatihan yang Anda lihat di halaman rencana: di tempat wilayah Anda, atau dengan kelompok wilayah Anda."""

    required_ability = Ability.VIEW_REGION

    serializer_class = SessionSerializer
    filter_class = filters.SessionFilter

    def get_queryset(self) -> QuerySet[TrainingSession]:
        qs = sessions_visible_in_election(self.request.user, self.election())
        wanted = self.filter_values()
        if "plan" in wanted:
            qs = qs.filter(plan_id=wanted["plan"])
        for field in ("date", "status"):
            if field in wanted:
                qs = qs.filter(**{field: wanted[field]})
        if "region" in wanted:
            qs = qs.filter(region_filter("region_code", wanted["region"]))
        return qs


class ReadinessView(APIView):
    required_ability = Ability.VIEW_REGION

    @extend_schema(
        parameters=[ELECTION_SLUG, REGION_OR_NATIONAL],
        responses=ReadinessSerializer,
        description="Kesiapan TPS (siap, berisiko, belum siap) wilayah ini dan tiap wilayah di bawahnya, "
        "dari snapshot terakhir (`computed_at`); dihitung ulang oleh `bimtek readiness refresh`.",
    )
    def get(self, request: Request, slug: str, code: str) -> Response:
        election = get_object_or_404(visible_elections(request), slug=slug)
        region_code, region = region_in_scope(request, code)
        rollup = rollup_of(election=election, region_code=region_code)
        counts = {field: getattr(rollup, field, 0) for field in ("total", "ready", "at_risk", "not_ready")}
        return Response(
            {
                "election": election.slug,
                "region": region_code,
                "name": region.display_name if region else NATIONAL_NAME,
                **counts,
                "computed_at": rollup.computed_at if rollup else None,
                "days_left": (election.voting_day - clock.today()).days,
                "reasons": [
                    {"code": c, "label": str(label), "tps": n} for c, label, n in reasons_table(rollup)
                ],
                "children": [
                    {"region": c.code, **{k: v for k, v in asdict(c).items() if k != "code"}}
                    for c in children_of(election=election, region_code=region_code)
                ],
            }
        )


@extend_schema_view(
    list=extend_schema(parameters=[ELECTION_SLUG, REGION_OR_NATIONAL, filters.ReadinessTPSFilter])
)
class ReadinessTPSViewSet(ElectionChildViewSet):
    """TPS belum siap lalu berisiko di wilayah ini, dengan alasan dan sisa hari, dari snapshot terakhir."""

    required_ability = Ability.VIEW_REGION

    serializer_class = ReadinessTPSSerializer
    filter_class = filters.ReadinessTPSFilter

    def get_queryset(self) -> QuerySet[ReadinessTPS]:
        election = self.election()
        if election is None:
            return no_tps_rows()
        region_code, _ = region_in_scope(self.request, self.kwargs["code"])
        wanted = self.filter_values()
        return tps_with_status(
            election=election,
            scope=scope_of(self.request.user),
            region_code=region_code,
            statuses=(wanted["status"],) if "status" in wanted else ("not_ready", "at_risk"),
        )


class ResultsView(APIView):
    required_ability = Ability.VIEW_REGION  # and, per program, may_see_results

    @extend_schema(
        parameters=[
            ELECTION_SLUG,
            OpenApiParameter(
                "program",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=ProgramKind.values,
                description="program",
            ),
            REGION_OR_NATIONAL,
        ],
        responses=ResultsSerializer,
        description="Hasil pre-test dan post-test satu program (percobaan pertama): tingkat kelulusan dan "
        "gain ternormalisasi, untuk wilayah ini dan tiap wilayah di bawahnya. Tanpa nama peserta.",
    )
    def get(self, request: Request, slug: str, program: str, code: str) -> Response:
        election = get_object_or_404(visible_elections(request), slug=slug)
        found = program_of(election, program, with_forms=True)
        if found is None:
            raise Http404
        if not may_see_results(request.user, found.kind):
            raise PermissionDenied
        region_code, region = region_in_scope(request, code)
        rows = participants(found, scope_of(request.user), region_code)
        below = region is None or region.level < Level.DESA
        whole = GroupResultSerializer(region_result(rows, region_code)).data
        return Response(
            {
                "election": election.slug,
                "program": found.pk,
                "program_name": found.name,
                **whole,
                "name": region.display_name if region else NATIONAL_NAME,
                "children": GroupResultSerializer(
                    group_results(rows, child_key(region_code)) if below else [], many=True
                ).data,
            }
        )
