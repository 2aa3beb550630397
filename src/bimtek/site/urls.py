from django.urls import path

from bimtek.site import views

app_name = "site"
urlpatterns = [
    path("", views.home, name="home"),
    path("impor/", views.import_new, name="import"),
    path("healthz", views.healthz, name="healthz"),
    path("csp-laporan/", views.csp_report, name="csp_report"),
]
