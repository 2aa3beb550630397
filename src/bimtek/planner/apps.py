from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "bimtek.planner"
    label = "planner"

    def ready(self) -> None:
        # A plan solve that ends without storing releases its plan (failed, cancelled, its worker lost).
        from bimtek.jobs.signals import job_ended
        from bimtek.planner.jobs import release_plan

        job_ended.connect(release_plan, dispatch_uid="planner.release_plan")
