from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "bimtek.audit"
    label = "audit"

    def ready(self) -> None:
        # Accounts sits below audit: it announces a new account and the log records it here.
        from bimtek.accounts.signals import user_created
        from bimtek.audit.receivers import log_user_created

        user_created.connect(log_user_created, dispatch_uid="audit.user_created")
