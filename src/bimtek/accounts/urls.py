from django.contrib.auth import views as auth_views
from django.urls import path

from bimtek.accounts.access import public
from bimtek.accounts.views import LoginView

app_name = "accounts"
urlpatterns = [
    path("masuk/", public(LoginView.as_view()), name="login"),
    path("keluar/", public(auth_views.LogoutView.as_view()), name="logout"),
]
