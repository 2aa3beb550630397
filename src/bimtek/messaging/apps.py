from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "bimtek.messaging"
    label = "messaging"
    verbose_name = "Pesan"

    def ready(self) -> None:
        # Registered here rather than in jobs.services, so the app brings its own job kind with it.
        from bimtek.jobs.services import register_handler

        register_handler("messages.send", "bimtek.messaging.jobs:run_send_job")
