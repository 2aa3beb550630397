from django.urls import URLPattern

app_name = "drill"
urlpatterns: list[URLPattern] = []
