from django.contrib.auth import views as auth_views
from django.urls import path

from bimtek.accounts.views import LoginView

app_name = "accounts"
urlpatterns = [
    path("masuk/", LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
]
