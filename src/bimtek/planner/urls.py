from django.urls import path

from bimtek.planner import views

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
]
