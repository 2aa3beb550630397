from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Cascade analytics: which trainers and which modules are weak. No models: it reads the other apps."""

    name = "bimtek.analytics"
    label = "analytics"
