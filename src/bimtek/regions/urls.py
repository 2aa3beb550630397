from django.urls import path

from bimtek.regions import views

app_name = "regions"
urlpatterns = [
    path("wilayah/cari/", views.region_search, name="search"),
]
