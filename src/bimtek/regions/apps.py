from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "bimtek.regions"
    label = "regions"
