from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "bimtek.elections"
    label = "elections"
