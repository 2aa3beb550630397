from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "bimtek.readiness"
    label = "readiness"

    def ready(self) -> None:
        # This app's background job, registered here so the jobs app names no app.
        from bimtek.jobs.services import register_handler

        register_handler("readiness.refresh", "bimtek.readiness.jobs:run_refresh")
        register_handler("readiness.touch", "bimtek.readiness.touch:run_touch")

        # A check-in, a test, a drill or a change of crew marks the crew's TPS for re-judging (the apps that
        # store them sit below and name no app above them).
        from bimtek.lib.signals import crew_changed, register_follow_up, training_recorded
        from bimtek.readiness.touch import MARKS, mark_follow_up, on_training

        training_recorded.connect(on_training, dispatch_uid="readiness.on_training")
        crew_changed.connect(on_training, dispatch_uid="readiness.on_crew_changed")
        # A check-in on PostgreSQL marks in its own statement (`lib.signals`: follow-ups).
        register_follow_up(MARKS, mark_follow_up)
