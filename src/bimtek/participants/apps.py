from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "bimtek.participants"
    verbose_name = "Peserta"
