from django.urls import path

from bimtek.delivery import views

app_name = "delivery"
urlpatterns = [
    path("sesi/<int:pk>/", views.session_page, name="session"),
    path("sesi/<int:pk>/hadir/", views.checkin, name="checkin"),
    path("sesi/<int:pk>/hadir/pindai/", views.scan, name="scan"),
    path("sesi/<int:pk>/hadir/sinkron/", views.sync, name="sync"),
    path("sesi/<int:pk>/hadir/impor/", views.paper_import, name="paper_import"),
]
