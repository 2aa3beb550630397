from django.urls import path

from bimtek.jobs import views

app_name = "jobs"
urlpatterns = [
    path("pekerjaan/", views.job_list, name="jobs"),
    path("pekerjaan/<uuid:pk>/", views.job_detail, name="job"),
    path("pekerjaan/<uuid:pk>/status.json", views.job_status, name="job_status"),
    path("pekerjaan/<uuid:pk>/simpan/", views.job_confirm, name="job_confirm"),
    path("pekerjaan/<uuid:pk>/batalkan/", views.job_cancel_view, name="job_cancel"),
]
