from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bimtek.core"
    label = "core"
