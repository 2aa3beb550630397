from django.urls import path

from bimtek.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("impor/", views.import_new, name="import"),
    path("pekerjaan/", views.job_list, name="jobs"),
    path("pekerjaan/<uuid:pk>/", views.job_detail, name="job"),
    path("pekerjaan/<uuid:pk>/status.json", views.job_status, name="job_status"),
    path("pekerjaan/<uuid:pk>/simpan/", views.job_confirm, name="job_confirm"),
    path("pekerjaan/<uuid:pk>/batalkan/", views.job_cancel_view, name="job_cancel"),
    path("healthz", views.healthz, name="healthz"),
    path("audit/", views.audit_list, name="audit"),
]
