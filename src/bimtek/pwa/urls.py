from django.urls import path

from bimtek.pwa import views

app_name = "pwa"
urlpatterns = [
    path("sw.js", views.worker, name="worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("luring/", views.offline, name="offline"),
    path("lapangan/simpan.json", views.keep, name="keep"),
]
