from django.apps import AppConfig


class PwaConfig(AppConfig):
    name = "bimtek.pwa"
    label = "pwa"
    verbose_name = "Aplikasi lapangan (PWA)"
