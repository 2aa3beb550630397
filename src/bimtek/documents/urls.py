from django.urls import path

from bimtek.documents import views

app_name = "documents"
urlpatterns = [
    path("e/<slug:slug>/", views.index, name="index"),
    path("pekerjaan/<uuid:pk>/unduh/", views.job_file, name="job_file"),
    path("templat/<str:kind>/", views.template_edit, name="template"),
    path("tarif/", views.rates, name="rates"),
]
