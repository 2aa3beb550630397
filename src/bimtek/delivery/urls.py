from django.urls import path

app_name = "delivery"
urlpatterns: list[object] = []
