from django.urls import path, re_path

from bimtek.workforce import views, views_places

app_name = "workforce"
urlpatterns = [
    path("e/<slug:slug>/wilayah/", views_places.region_detail, name="region_national"),
    re_path(
        r"^e/(?P<slug>[-\w]+)/wilayah/(?P<code>\d{2}(?:\.\d{2}){0,2}(?:\.\d{4})?)/$",
        views_places.region_detail,
        name="region",
    ),
    path("e/<slug:slug>/tps/<int:pk>/", views_places.tps_detail, name="tps"),
    path("e/<slug:slug>/petugas/", views.people_list, name="people"),
    path("petugas/<int:pk>/", views.person_detail, name="person"),
    path("penugasan/<int:pk>/ganti/", views.appointment_replace_view, name="replace"),
    path("tps/<int:pk>/kursi/", views.seat_fill_view, name="seat_fill"),
]
