from django.urls import path

from bimtek.participants import views

app_name = "participants"
urlpatterns = [
    path("", views.home, name="home"),
    path("sesi/<int:pk>/jawab/", views.reply, name="reply"),
    path("program/<int:pk>/sertifikat/", views.certificate_claim, name="certificate_claim"),
    path("masuk/", views.signin_request, name="signin"),
    path("masuk/kode/", views.signin_code, name="signin_code"),
    path("masuk/<str:token>/", views.signin_link, name="signin_link"),
]
