from django.urls import path

from bimtek.feedback import views

app_name = "feedback"
urlpatterns = [
    path("sesi/<int:pk>/", views.survey_page, name="survey"),
    path("sesi/<int:pk>/tutup/", views.survey_close, name="survey_close"),
    path("isi/<str:token>/", views.fill, name="fill"),
    path("e/<slug:slug>/hasil/", views.results_page, name="results"),
    path("e/<slug:slug>/hasil.xlsx", views.results_xlsx, name="results_xlsx"),
]
