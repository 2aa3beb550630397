"""The OpenAPI schema and its docs page, served without any CDN."""

import re
from pathlib import Path

import drf_spectacular_sidecar
import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from bimtek.accounts.models import User

pytestmark = pytest.mark.django_db
SIDECAR_STATIC = Path(drf_spectacular_sidecar.__file__).parent / "static"


def test_it_serves_a_valid_openapi_3_schema(kpu_beltim: User) -> None:
    client = APIClient()
    client.force_authenticate(kpu_beltim)
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    assert {"/api/v1/regions/", "/api/v1/people/", "/api/v1/elections/{slug}/staffing/{code}/"} <= set(
        schema["paths"]
    )
    people_params = {p["name"] for p in schema["paths"]["/api/v1/people/"]["get"]["parameters"]}
    assert "nik_suffix" in people_params and "nik" not in people_params


NEW_PATHS = {
    "/api/v1/elections/{slug}/plans/",
    "/api/v1/elections/{slug}/plans/{id}/",
    "/api/v1/elections/{slug}/sessions/",
    "/api/v1/elections/{slug}/sessions/{id}/",
    "/api/v1/elections/{slug}/readiness/{code}/",
    "/api/v1/elections/{slug}/readiness/{code}/tps/",
    "/api/v1/elections/{slug}/results/{program}/{code}/",
    "/api/v1/forms/check/",
}


def test_it_documents_only_reading_and_the_form_check(kpu_beltim: User) -> None:
    client = APIClient()
    client.force_authenticate(kpu_beltim)
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]
    assert set(paths) >= NEW_PATHS
    assert set(paths.pop("/api/v1/forms/check/")) == {"post"}  # checks what it is sent, stores nothing
    assert {method for operations in paths.values() for method in operations} == {"get"}


def test_it_generates_the_schema_without_warnings(kpu_beltim: User) -> None:
    GENERATOR_STATS.reset()
    SchemaGenerator(api_version="1").get_schema(request=None, public=True)
    assert not GENERATOR_STATS, "drf-spectacular warned: see the warnings printed above"


def test_it_documents_the_new_endpoints_responses(kpu_beltim: User) -> None:
    client = APIClient()
    client.force_authenticate(kpu_beltim)
    schema = client.get("/api/v1/schema/?format=json").json()
    check = schema["paths"]["/api/v1/forms/check/"]["post"]
    assert {"200", "400"} <= set(check["responses"])
    tps_params = {
        p["name"]
        for p in schema["paths"]["/api/v1/elections/{slug}/readiness/{code}/tps/"]["get"]["parameters"]
    }
    assert {"status", "limit", "offset"} <= tps_params
    components = schema["components"]["schemas"]
    assert {"Plan", "Session", "Readiness", "ReadinessTPS", "Results", "FormCheck"} <= set(components)


def test_it_serves_the_docs_page_from_local_static_files(kpu_beltim: User) -> None:
    client = APIClient()
    client.force_authenticate(kpu_beltim)
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"(src|href)=\"https?://", html)
    assets = re.findall(r"/static/(drf_spectacular_sidecar/[^\"']+)", html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for asset in assets:
        assert (SIDECAR_STATIC / asset).is_file(), asset
