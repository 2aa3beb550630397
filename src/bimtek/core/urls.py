from django.urls import path

from bimtek.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("impor/", views.import_new, name="import"),
    path("healthz", views.healthz, name="healthz"),
]
