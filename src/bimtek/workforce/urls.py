from django.urls import path

from bimtek.workforce import views

app_name = "workforce"
urlpatterns = [
    path("e/<slug:slug>/petugas/", views.people_list, name="people"),
    path("petugas/<int:pk>/", views.person_detail, name="person"),
    path("penugasan/<int:pk>/ganti/", views.appointment_replace_view, name="replace"),
    path("tps/<int:pk>/kursi/", views.seat_fill_view, name="seat_fill"),
]
