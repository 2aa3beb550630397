from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "bimtek.jobs"
    label = "jobs"
