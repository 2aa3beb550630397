from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "bimtek.readiness"
    label = "readiness"

    def ready(self) -> None:
        # This app's background job, registered here so the jobs app names no app.
        from bimtek.jobs.services import register_handler

        register_handler("readiness.refresh", "bimtek.readiness.jobs:run_refresh")
