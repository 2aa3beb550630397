from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "bimtek.planner"
    label = "planner"
