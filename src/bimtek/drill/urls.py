from django.urls import path

from bimtek.drill import views, views_crew

app_name = "drill"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/baru/", views.start, name="start"),
    path("<slug:slug>/soal/<str:level>/<int:seed>/", views.drill_page, name="drill"),
    path("<slug:slug>/soal/<str:level>/<int:seed>/lembar-kerja.pdf", views.worksheet, name="worksheet"),
    path("percobaan/<int:pk>/", views.attempt_detail, name="attempt"),
    path("peserta/<int:pk>/", views.person_attempts, name="person"),
    path("<slug:slug>/kesalahan/", views.mistakes, name="mistakes"),
    path("<slug:slug>/periksa/", views.check_page, name="check"),
    path("<slug:slug>/periksa/berkas/", views.check_file, name="check_file"),
    path("<slug:slug>/regu/", views_crew.crews, name="crews"),
    path("<slug:slug>/regu/aturan/", views_crew.crew_policy, name="crew_policy"),
    path("<slug:slug>/regu/tps/<int:tps>/", views_crew.crew_tps, name="crew_tps"),
    path("regu/<int:pk>/", views_crew.crew, name="crew"),
    path("regu/<int:pk>/isi/", views_crew.crew_entry, name="crew_entry"),
    path("regu/<int:pk>/bandingkan/", views_crew.crew_compare, name="crew_compare"),
    path("<slug:slug>/periksa/templat.xlsx", views.check_template, name="check_template"),
]
