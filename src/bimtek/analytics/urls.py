from django.urls import path

from bimtek.analytics import views

# Mounted under /kesiapan/ beside readiness (bimtek/urls.py), so the paths are those the pages always had.
app_name = "analytics"
urlpatterns = [
    path("<slug:slug>/analitik/", views.analytics, name="cascade"),
    path("<slug:slug>/analitik/<str:table>.xlsx", views.analytics_xlsx, name="cascade_xlsx"),
]
