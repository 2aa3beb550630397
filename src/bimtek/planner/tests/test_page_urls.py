"""The project's URLs with the planner mounted at /rencana/, until bimtek/urls.py includes it (no tests here)."""

from typing import Any

from django.urls import include, path

from bimtek.urls import urlpatterns as project_urls

urlpatterns: list[Any] = list(project_urls)
if not any(getattr(p, "namespace", None) == "planner" for p in project_urls):
    urlpatterns.insert(0, path("rencana/", include("bimtek.planner.urls")))
URLCONF = "bimtek.planner.tests.test_page_urls"
