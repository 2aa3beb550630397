from django.urls import path

from bimtek.budget import views

app_name = "budget"
urlpatterns = [
    path("<slug:slug>/", views.national, name="national"),
    path("<slug:slug>/wilayah/<str:code>/", views.region, name="region"),
    path("<slug:slug>/biaya-satuan/", views.unit_cost_set, name="unit_cost_set"),
    path("<slug:slug>/realisasi/", views.actual_cost_record, name="actual_cost_record"),
    path("realisasi/<int:pk>/hapus/", views.actual_cost_delete, name="actual_cost_delete"),
    path("<slug:slug>/anggaran.xlsx", views.export_xlsx, name="export_xlsx"),
]
