from django.urls import path

from bimtek.readiness import views, views_policy

app_name = "readiness"
urlpatterns = [
    path("<slug:slug>/", views.national, name="national"),
    path("<slug:slug>/wilayah/<str:code>/", views.region, name="region"),
    path("<slug:slug>/tps/<int:pk>/", views.tps_detail, name="tps"),
    path("<slug:slug>/tps/<int:pk>/pengingat/", views.tps_remind, name="tps_remind"),
    path("<slug:slug>/status.json", views.status_json, name="status"),
    path("<slug:slug>/segarkan/", views.refresh, name="refresh"),
    path("<slug:slug>/aturan/", views_policy.policy, name="policy"),
    path("<slug:slug>/tps-berisiko/", views.risky_list, name="risky"),
    path("<slug:slug>/ekspor/tps-berisiko.xlsx", views.export_risky, name="export_risky"),
    path("<slug:slug>/ekspor/wilayah.xlsx", views.export_children, name="export_children"),
    path("<slug:slug>/ekspor/laporan.pdf", views.report_pdf, name="report_pdf"),
]
