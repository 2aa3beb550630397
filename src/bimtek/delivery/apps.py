from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "bimtek.delivery"
    label = "delivery"
    verbose_name = "Pelaksanaan"

    def ready(self) -> None:
        # This app's background jobs, registered here so the jobs app names no app.
        from bimtek.jobs.services import register_handler

        register_handler("certificates.issue", "bimtek.delivery.certificates:run_issue_job")
        register_handler("delivery.print", "bimtek.delivery.batch:run_print_job")

        # Who has completed the bimtek, for the planner's make-up plans (the planner never imports delivery).
        from bimtek.planner.extensions import register_completion

        register_completion("bimtek.delivery.selectors.bimtek_completed")
