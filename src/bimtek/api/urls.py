"""The API, versioned: /api/v1/... Lists under an election are nested below its slug."""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from bimtek.api import views
from bimtek.api.filters import REGION_CODE
from bimtek.assessment.models import ProgramKind

app_name = "api"
SLUG = "[-a-zA-Z0-9_]+"
REGION_OR_NATIONAL = f"{REGION_CODE}|{views.NATIONAL_CODE}"
PROGRAM = "|".join(ProgramKind.values)

router = SimpleRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("elections", views.ElectionViewSet, basename="election")
router.register(r"elections/(?P<slug>[-a-zA-Z0-9_]+)/tps", views.TPSViewSet, basename="tps")
router.register(
    r"elections/(?P<slug>[-a-zA-Z0-9_]+)/appointments", views.AppointmentViewSet, basename="appointment"
)
router.register(r"elections/(?P<slug>[-a-zA-Z0-9_]+)/plans", views.PlanViewSet, basename="plan")
router.register(r"elections/(?P<slug>[-a-zA-Z0-9_]+)/sessions", views.SessionViewSet, basename="session")
router.register("people", views.PersonViewSet, basename="person")
router.register("jobs", views.JobViewSet, basename="job")

v1 = [
    *router.urls,
    re_path(
        rf"^elections/(?P<slug>{SLUG})/staffing/(?P<code>{REGION_OR_NATIONAL})/$",
        views.StaffingView.as_view(),
        name="staffing",
    ),
    re_path(
        rf"^elections/(?P<slug>{SLUG})/readiness/(?P<code>{REGION_OR_NATIONAL})/$",
        views.ReadinessView.as_view(),
        name="readiness",
    ),
    re_path(
        rf"^elections/(?P<slug>{SLUG})/readiness/(?P<code>{REGION_OR_NATIONAL})/tps/$",
        views.ReadinessTPSViewSet.as_view({"get": "list"}),
        name="readiness-tps-list",
    ),
    re_path(
        rf"^elections/(?P<slug>{SLUG})/results/(?P<program>{PROGRAM})/(?P<code>{REGION_OR_NATIONAL})/$",
        views.ResultsView.as_view(),
        name="results",
    ),
    path("forms/check/", views.FormCheckView.as_view(), name="form-check"),
    path(
        "schema/",
        views.SchemaView.as_view(api_version="1"),
        name="schema",
    ),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns = [path("v1/", include(v1))]
