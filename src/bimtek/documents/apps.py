from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "bimtek.documents"
    label = "documents"
    verbose_name = "Dokumen"
