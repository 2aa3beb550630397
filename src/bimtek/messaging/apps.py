from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "bimtek.messaging"
    label = "messaging"
    verbose_name = "Pesan"
