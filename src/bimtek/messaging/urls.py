from django.urls import path

from bimtek.messaging import views

app_name = "messaging"
urlpatterns = [
    path("sesi/<int:pk>/", views.session_page, name="session"),
    path("sesi/<int:pk>/kirim/", views.session_send, name="send"),
    path("pesan/<int:pk>/terkirim/", views.mark_sent, name="mark_sent"),
    path("templat/", views.template_list, name="templates"),
    path("templat/<str:kind>/<str:tier>/", views.template_edit, name="template_edit"),
    path("pengingat/", views.region_send, name="region_send"),
]
