from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "bimtek.readiness"
    label = "readiness"

    def ready(self) -> None:
        # This app's background job, registered here so the jobs app names no app.
        from bimtek.jobs.services import register_handler

        register_handler("readiness.refresh", "bimtek.readiness.jobs:run_refresh")
        register_handler("readiness.touch", "bimtek.readiness.touch:run_touch")

        # A check-in marks its crew's TPS for re-judging (delivery sits below and names no app above it).
        from bimtek.delivery.signals import attendance_recorded
        from bimtek.readiness.touch import on_attendance

        attendance_recorded.connect(on_attendance, dispatch_uid="readiness.on_attendance")
