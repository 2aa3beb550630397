from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "bimtek.assessment"
    label = "assessment"

    def ready(self) -> None:
        # The bulk answer-sheet job is registered from here, so the jobs app needs no edit to know this app.
        from bimtek.jobs.services import register_handler

        register_handler("assessment.sheets", "bimtek.assessment.sheets:run_sheets_job")
