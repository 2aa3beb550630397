from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "bimtek.site"
    label = "site"
