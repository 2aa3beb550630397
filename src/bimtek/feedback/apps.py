from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "bimtek.feedback"
    label = "feedback"
    verbose_name = "Evaluasi sesi"
