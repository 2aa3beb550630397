from django.apps import AppConfig


class DrillConfig(AppConfig):
    name = "bimtek.drill"
    label = "drill"
