from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "bimtek.delivery"
    label = "delivery"
    verbose_name = "Pelaksanaan"
