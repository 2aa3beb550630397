from django.urls import path

from bimtek.planner import views, views_edits

app_name = "planner"
urlpatterns = [
    path("e/<slug:slug>/", views.plan_list, name="list"),
    path("e/<slug:slug>/baru/", views.plan_create, name="create"),
    path("e/<slug:slug>/tempat/", views.venue_add, name="venue_add"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/rencanakan/", views.plan_solve, name="solve"),
    path("<int:pk>/skenario.json", views.plan_scenario, name="scenario"),
    path("sesi/<int:pk>/", views.session_detail, name="session"),
    path("sesi/<int:pk>/dilaksanakan/", views.session_held, name="session_held"),
    path("sesi/<int:pk>/pindah/", views_edits.session_move, name="session_move"),
    path("sesi/<int:pk>/fasilitator/", views_edits.session_facilitators, name="session_facilitators"),
    path("sesi/<int:pk>/batal/", views_edits.session_cancel, name="session_cancel"),
    path("<int:pk>/sesi-baru/", views_edits.session_create, name="session_create"),
    path("e/<slug:slug>/susulan/", views.makeup_propose, name="makeup"),
]
