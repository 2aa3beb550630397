"""The HTTP API, version 1: reads, and the C.Hasil form checker (which stores nothing).

Every queryset starts from `visible_to(request.user)`, so an object outside the caller's region
does not exist for them and answers 404; a list simply leaves it out. Views only pick the
queryset, apply the validated filters and hand over to a serializer or a selector.
"""

from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import BaseParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bimtek.accounts.access import Ability, AbilityPermission, Rule, may, may_see_results
from bimtek.accounts.scoping import region_filter, scope_of
from bimtek.api import filters
from bimtek.api.serializers import (
    SHOW_PERSONAL,
    AppointmentSerializer,
    ElectionSerializer,
    FormCheckSerializer,
    FormDataErrorSerializer,
    GroupResultSerializer,
    JobSerializer,
    PersonSerializer,
    PlanSerializer,
    ReadinessSerializer,
    ReadinessTPSSerializer,
    RegionSerializer,
    ResultsSerializer,
    SessionSerializer,
    StaffingSerializer,
    TPSSerializer,
)
from bimtek.assessment.models import Program, ProgramKind
from bimtek.assessment.selectors import child_key, group_results, participants, region_result
from bimtek.drill.core.report import result_json
from bimtek.drill.core.schema import FormDataError
from bimtek.drill.form_check import MAX_ROWS, check_forms
from bimtek.drill.services import forms_from_bytes
from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.lib import clock
from bimtek.planner.models import TrainingPlan, TrainingSession
from bimtek.planner.selectors import sessions_visible_in_election
from bimtek.readiness.models import ReadinessTPS
from bimtek.readiness.selectors import children_of, reasons_table, rollup_of, tps_with_status
from bimtek.regions.models import Level, Region
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.selectors import staffing, staffing_of_children

NATIONAL_CODE = "id"  # as in `bimtek staffing id`: the whole country
SIDECAR_SWAGGER = "drf_spectacular_sidecar/swagger-ui-dist"  # static files of drf-spectacular-sidecar
ELECTION_SLUG = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="slug pemilihan"
)
CHILD_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
REGION_OR_NATIONAL = OpenApiParameter(
    "code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description=f"kode wilayah Kemendagri, atau '{NATIONAL_CODE}' untuk seluruh Indonesia",
)
NATIONAL_NAME = "Indonesia"
ERR_TOO_LARGE = "Isi permintaan lebih dari {mb} MB; periksa berkas sebesar itu dengan `bimtek form check`"
ERR_TOO_MANY = "Paling banyak {n} formulir per permintaan; periksa lebih banyak dengan `bimtek form check`"


class ScopedViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    # Refuses NIK and phone numbers in the query string before anything else runs. (A comment, not a
    # docstring: drf-spectacular would show a docstring as every subclass's description.)

    filter_class: type[serializers.Serializer[Any]] | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        filters.refuse_personal_numbers(request.query_params)

    def filter_values(self) -> dict[str, Any]:
        if self.filter_class is None or self.action != "list":
            return {}
        return filters.filter_values(self.filter_class, self.request.query_params)


def region_in_scope(request: Request, code: str) -> tuple[str, Region | None]:
    """The region of a URL code (None and "" for the whole country) if the caller's scope covers it, else 404."""
    if code == NATIONAL_CODE:
        if not scope_of(request.user).is_national:
            raise Http404
        return "", None
    # The region must exist and lie in the caller's scope; otherwise it does not exist for them.
    region = get_object_or_404(Region.objects.visible_to(request.user), code=code)
    return region.code, region


def visible_elections(request: Request) -> QuerySet[Election]:
    """Elections are national, but an account with no scope sees none of them."""
    if scope_of(request.user).nothing:
        return Election.objects.none()
    return Election.objects.all()


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


class ElectionChildViewSet(ScopedViewSet):
    # A list under /elections/{slug}/: an unknown election answers 404.

    lookup_value_regex = "[0-9]+"

    def election(self) -> Election | None:
        if getattr(self, "swagger_fake_view", False):
            return None  # the schema generator asks for the queryset without a URL
        return get_object_or_404(visible_elections(self.request), slug=self.kwargs["slug"])


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
            Appointment.objects.visible_to(self.request.user)
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
        qs = Person.objects.visible_to(self.request.user)
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
        qs = Job.objects.visible_to(self.request.user)
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
        qs = (
            TrainingPlan.objects.visible_to(self.request.user)
            .filter(election=self.election())
            .select_related("region")
        )
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
            return ReadinessTPS.objects.none()
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
        found = get_object_or_404(Program.objects.prefetch_related("forms"), election=election, kind=program)
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


class RawJSONParser(BaseParser):
    """The body as bytes, read no further than the limit: the form reader parses it with its own limits."""

    media_type = "application/json"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> bytes:
        data: bytes = stream.read(body_limit() + 1)
        return data


def body_limit() -> int:
    """A request body holds at most Django's in-memory limit (5 MB), or the import limit when lower."""
    return min(settings.IMPORT_MAX_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def _content_length(request: Request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # a broken header: the read below is bounded all the same


class FormCheckView(APIView):
    required_ability = Ability.PARTICIPATE
    parser_classes = [RawJSONParser]

    @staticmethod
    def refuse(field: str, detail: str, code: str) -> Response:
        return Response({"field": field, "detail": detail, "code": code}, status=400)

    @extend_schema(
        request={
            "application/json": {
                "oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}}]
            }
        },
        responses={200: FormCheckSerializer, 400: FormDataErrorSerializer},
        description="Periksa satu formulir C.Hasil atau daftar formulir (JSON Bimtek atau Sirekap, docs/form.md), "
        "seperti `bimtek form check FILE --json`. Tidak ada yang disimpan. Isi yang tidak bisa dibaca: 400 "
        "dengan jalur isiannya di `field` dan alasannya di `code`.",
    )
    def post(self, request: Request) -> Response:
        limit = body_limit()
        too_large = ERR_TOO_LARGE.format(mb=max(1, limit // (1024 * 1024)))
        if _content_length(request) > limit:
            return self.refuse("", too_large, "body_too_large")
        raw = request.data if isinstance(request.data, bytes) else b""  # an empty body parses to {}
        try:
            # The CLI's own reader: the same limits, the same paths in errors, the same forms.
            forms = forms_from_bytes(raw, max_bytes=limit)
        except FormDataError as exc:
            detail = too_large if exc.code == "body_too_large" else exc.message
            return self.refuse(exc.path, detail, exc.code)
        if len(forms) > MAX_ROWS:
            return self.refuse("", ERR_TOO_MANY.format(n=MAX_ROWS), "too_many_forms")
        outcome = check_forms(forms)
        return Response(
            {
                "forms": [result_json(r.form, r.result) for r in outcome.results],
                "summary": {"forms": len(outcome.results), "with_errors": outcome.with_errors},
            }
        )


class SchemaView(SpectacularAPIView):
    required_ability = Rule.SIGNED_IN
    permission_classes = [IsAuthenticated, AbilityPermission]  # drf-spectacular's own default is AllowAny


class DocsView(SpectacularSwaggerView):
    permission_classes = [IsAuthenticated, AbilityPermission]
    """Swagger UI from the drf-spectacular-sidecar static files: the page loads nothing from a CDN."""

    required_ability = Rule.SIGNED_IN

    @staticmethod
    def _swagger_ui_resource(filename: str) -> str:
        return static(f"{SIDECAR_SWAGGER}/{filename}")

    @staticmethod
    def _swagger_ui_favicon() -> str:
        return static(f"{SIDECAR_SWAGGER}/favicon-32x32.png")
