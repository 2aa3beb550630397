from django.urls import path

from bimtek.assessment import views, views_bank, views_results, views_take, views_tests

app_name = "assessment"
urlpatterns = [
    path("e/<slug:slug>/", views.programs, name="programs"),
    path("e/<slug:slug>/soal/", views_bank.bank_list, name="bank"),
    path("e/<slug:slug>/soal.xlsx", views_bank.bank_export, name="bank_export"),
    path("e/<slug:slug>/soal/impor/", views_bank.bank_import, name="bank_import"),
    path("program/<int:pk>/", views.program_detail, name="program"),
    path("program/<int:pk>/hasil/", views_results.results, name="results"),
    path("modul/<int:pk>/ubah/", views.module_edit, name="module_edit"),
    path("tes/<int:pk>/", views_tests.form_detail, name="form"),
    path("tes/<int:pk>/terbitkan/", views_tests.form_issue, name="form_issue"),
    path("tes/<int:pk>/atur/", views.form_settings, name="form_settings"),
    path("tes/<int:pk>/soal-tetap/", views.form_fixed, name="form_fixed"),
    path("tes/<int:pk>/lembar.pdf", views_tests.form_sheets, name="form_sheets"),
    path("tes/lembar/<uuid:pk>/", views_tests.form_sheets_file, name="form_sheets_file"),
    path("tes/<int:pk>/impor/", views_tests.form_answers_import, name="form_answers_import"),
    path("tes/<int:pk>/analisis/", views_results.form_analysis, name="form_analysis"),
    path("tes/<int:pk>/analisis.xlsx", views_results.form_analysis_xlsx, name="form_analysis_xlsx"),
    path("t/<str:code>/", views_take.take, name="take"),
    path("t/<str:code>/jawab/", views_take.take_answer, name="take_answer"),
    path("t/<str:code>/selesai/", views_take.take_submit, name="take_submit"),
]
