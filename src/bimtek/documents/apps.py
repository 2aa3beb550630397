from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "bimtek.documents"
    label = "documents"
    verbose_name = "Dokumen"

    def ready(self) -> None:
        # The batch job is registered from here, so the jobs app needs no edit to know this app.
        from bimtek.jobs.services import register_handler

        register_handler("documents.generate", "bimtek.documents.services:run_generate_job")
