from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "bimtek.workforce"
    label = "workforce"

    def ready(self) -> None:
        # This app's background job, registered here so the jobs app names no app.
        from bimtek.jobs.services import register_handler

        register_handler("import.people", "bimtek.workforce.jobs:run_people_import")
