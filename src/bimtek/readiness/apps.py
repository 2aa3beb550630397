from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "bimtek.readiness"
    label = "readiness"
