from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "bimtek.assessment"
    label = "assessment"
