from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "bimtek.budget"
    label = "budget"
    verbose_name = "Anggaran"
