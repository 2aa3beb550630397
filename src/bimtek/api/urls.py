"""The API, versioned: /api/v1/... Lists under an election are nested below its slug."""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from bimtek.api import views, views_form_check, views_registry, views_training
from bimtek.api.filters import REGION_CODE
from bimtek.assessment.models import ProgramKind

app_name = "api"
SLUG = "[-a-zA-Z0-9_]+"
REGION_OR_NATIONAL = f"{REGION_CODE}|{views.NATIONAL_CODE}"
PROGRAM = "|".join(ProgramKind.values)

router = SimpleRouter()
router.register("regions", views_registry.RegionViewSet, basename="region")
router.register("elections", views_registry.ElectionViewSet, basename="election")
router.register(r"elections/(?P<slug>[-a-zA-Z0-9_]+)/tps", views_registry.TPSViewSet, basename="tps")
router.register(
    r"elections/(?P<slug>[-a-zA-Z0-9_]+)/appointments",
    views_registry.AppointmentViewSet,
    basename="appointment",
)
router.register(r"elections/(?P<slug>[-a-zA-Z0-9_]+)/plans", views_training.PlanViewSet, basename="plan")
router.register(
    r"elections/(?P<slug>[-a-zA-Z0-9_]+)/sessions", views_training.SessionViewSet, basename="session"
)
router.register("people", views_registry.PersonViewSet, basename="person")
router.register("jobs", views_registry.JobViewSet, basename="job")

v1 = [
    *router.urls,
    re_path(
        rf"^elections/(?P<slug>{SLUG})/staffing/(?P<code>{REGION_OR_NATIONAL})/$",
        views_registry.StaffingView.as_view(),
        name="staffing",
    ),
    re_path(
        rf"^elections/(?P<slug>{SLUG})/readiness/(?P<code>{REGION_OR_NATIONAL})/$",
        views_training.ReadinessView.as_view(),
        name="readiness",
    ),
    re_path(
        rf"^elections/(?P<slug>{SLUG})/readiness/(?P<code>{REGION_OR_NATIONAL})/tps/$",
        views_training.ReadinessTPSViewSet.as_view({"get": "list"}),
        name="readiness-tps-list",
    ),
    re_path(
        rf"^elections/(?P<slug>{SLUG})/results/(?P<program>{PROGRAM})/(?P<code>{REGION_OR_NATIONAL})/$",
        views_training.ResultsView.as_view(),
        name="results",
    ),
    path("forms/check/", views_form_check.FormCheckView.as_view(), name="form-check"),
    path(
        "schema/",
        views.SchemaView.as_view(api_version="1"),
        name="schema",
    ),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns = [path("v1/", include(v1))]
