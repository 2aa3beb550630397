from django.urls import path

from bimtek.speakers import views

app_name = "speakers"
urlpatterns = [
    path("", views.speaker_list, name="list"),
    path("baru/", views.speaker_add, name="add"),
    path("<int:pk>/", views.speaker_edit, name="edit"),
    path("<int:pk>/modul/", views.speaker_module_default, name="module_default"),
    path("sesi/<int:pk>/", views.session_assign, name="assign"),
    path("sesi/<int:pk>/isi/", views.session_fill, name="fill"),
    path("sesi/<int:pk>/undangan.pdf", views.session_letters, name="letters"),
]
