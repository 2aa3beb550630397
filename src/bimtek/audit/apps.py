from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "bimtek.audit"
    label = "audit"
