from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "bimtek.workforce"
    label = "workforce"
