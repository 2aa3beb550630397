from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bimtek.accounts"
    label = "accounts"
