from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bimtek.api"
    label = "api"
