from django.urls import path

from bimtek.elections import views

app_name = "elections"
urlpatterns = [
    path("e/<slug:slug>/tps/<int:pk>/", views.tps_detail, name="tps"),
]
