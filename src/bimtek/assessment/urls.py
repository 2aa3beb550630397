from django.urls import path

from bimtek.assessment import views

app_name = "assessment"
urlpatterns = [
    path("e/<slug:slug>/", views.programs, name="programs"),
    path("e/<slug:slug>/soal/", views.bank_list, name="bank"),
    path("e/<slug:slug>/soal.xlsx", views.bank_export, name="bank_export"),
    path("e/<slug:slug>/soal/impor/", views.bank_import, name="bank_import"),
    path("program/<int:pk>/", views.program_detail, name="program"),
    path("program/<int:pk>/hasil/", views.results, name="results"),
    path("modul/<int:pk>/ubah/", views.module_edit, name="module_edit"),
    path("tes/<int:pk>/", views.form_detail, name="form"),
    path("tes/<int:pk>/terbitkan/", views.form_issue, name="form_issue"),
    path("tes/<int:pk>/atur/", views.form_settings, name="form_settings"),
    path("tes/<int:pk>/soal-tetap/", views.form_fixed, name="form_fixed"),
    path("tes/<int:pk>/lembar.pdf", views.form_sheets, name="form_sheets"),
    path("tes/lembar/<uuid:pk>/", views.form_sheets_file, name="form_sheets_file"),
    path("tes/<int:pk>/impor/", views.form_answers_import, name="form_answers_import"),
    path("tes/<int:pk>/analisis/", views.form_analysis, name="form_analysis"),
    path("tes/<int:pk>/analisis.xlsx", views.form_analysis_xlsx, name="form_analysis_xlsx"),
    path("t/<str:code>/", views.take, name="take"),
    path("t/<str:code>/jawab/", views.take_answer, name="take_answer"),
    path("t/<str:code>/selesai/", views.take_submit, name="take_submit"),
]
