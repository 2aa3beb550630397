from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "bimtek.delivery"
    label = "delivery"
    verbose_name = "Pelaksanaan"

    def ready(self) -> None:
        # The batch print job is registered from here, so the jobs app needs no edit to know this app.
        from bimtek.jobs.services import HANDLERS

        HANDLERS.setdefault("delivery.print", "bimtek.delivery.batch:run_print_job")
