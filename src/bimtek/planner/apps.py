from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "bimtek.planner"
    label = "planner"

    def ready(self) -> None:
        from bimtek.jobs.services import register_handler
        from bimtek.jobs.signals import job_ended
        from bimtek.planner.jobs import release_plan

        # This app's background job, registered here so the jobs app names no app.
        register_handler("plan.solve", "bimtek.planner.jobs:run_plan")
        # A plan solve that ends without storing releases its plan (failed, cancelled, its worker lost).
        job_ended.connect(release_plan, dispatch_uid="planner.release_plan")
