"""The HTTP API, version 1: reads, and the C.Hasil form checker (which stores nothing).

Every queryset starts from `visible_to(request.user)`, so an object outside the caller's region
does not exist for them and answers 404; a list simply leaves it out. Views only pick the
queryset, apply the validated filters and hand over to a serializer or a selector.

This module holds what the API's views share: the path parameters of the schema, the scoped base
classes, the region and election lookups, and the schema and its docs page. The views sit by area:
the registry (regions, elections, TPS, appointments, people, jobs, staffing) in `views_registry.py`,
the training and its outcome (plans, sessions, readiness, results) in `views_training.py`, and the
C.Hasil form checker in `views_form_check.py`.
"""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request

from bimtek.accounts.access import AbilityPermission, Rule
from bimtek.accounts.scoping import scope_of
from bimtek.api import filters
from bimtek.elections.models import Election
from bimtek.regions.models import Region
from bimtek.regions.selectors import region_or_404

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
    # The region must exist and lie in the caller's scope; otherwise it does not exist for them.
    _, region = region_or_404(request.user, "" if code == NATIONAL_CODE else code)
    return (region.code if region else ""), region


def visible_elections(request: Request) -> QuerySet[Election]:
    """Elections are national, but an account with no scope sees none of them."""
    if scope_of(request.user).nothing:
        return Election.objects.none()
    return Election.objects.all()


class ElectionChildViewSet(ScopedViewSet):
    # A list under /elections/{slug}/: an unknown election answers 404.

    lookup_value_regex = "[0-9]+"

    def election(self) -> Election | None:
        if getattr(self, "swagger_fake_view", False):
            return None  # the schema generator asks for the queryset without a URL
        return get_object_or_404(visible_elections(self.request), slug=self.kwargs["slug"])


class SchemaView(SpectacularAPIView):
    required_ability = Rule.SIGNED_IN
    permission_classes = [IsAuthenticated, AbilityPermission]  # drf-spectacular's own default is AllowAny


class DocsView(SpectacularSwaggerSplitView):
    permission_classes = [IsAuthenticated, AbilityPermission]
    """Swagger UI from the drf-spectacular-sidecar static files: the page loads nothing from a CDN.

    The split view serves Swagger UI's set-up script from a URL of its own, and the template replaces the
    inline <style>, so the page runs under the site's Content-Security-Policy.
    """

    template_name = "api/swagger_ui.html"

    required_ability = Rule.SIGNED_IN

    @staticmethod
    def _swagger_ui_resource(filename: str) -> str:
        return static(f"{SIDECAR_SWAGGER}/{filename}")

    @staticmethod
    def _swagger_ui_favicon() -> str:
        return static(f"{SIDECAR_SWAGGER}/favicon-32x32.png")
