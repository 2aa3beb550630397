from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "bimtek.elections"
    label = "elections"

    def ready(self) -> None:
        # This app's background job, registered here so the jobs app names no app.
        from bimtek.jobs.services import register_handler

        register_handler("import.tps", "bimtek.elections.jobs:run_tps_import")
