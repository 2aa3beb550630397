from django.urls import path, re_path

from bimtek.regions import views

app_name = "regions"
urlpatterns = [
    path("wilayah/cari/", views.region_search, name="search"),
    path("e/<slug:slug>/wilayah/", views.region_detail, name="national"),
    re_path(
        r"^e/(?P<slug>[-\w]+)/wilayah/(?P<code>\d{2}(?:\.\d{2}){0,2}(?:\.\d{4})?)/$",
        views.region_detail,
        name="detail",
    ),
]
