from django.apps import AppConfig


class SpeakersConfig(AppConfig):
    name = "bimtek.speakers"
    label = "speakers"
    verbose_name = "Narasumber"
