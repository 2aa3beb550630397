"""Django admin, for superusers only (regional roles are never staff)."""

from django.contrib import admin

from bimtek.elections.models import TPS, Election


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # django-stubs makes ModelAdmin generic; Django's class is not
    list_display = ["slug", "name", "kind", "voting_day"]


@admin.register(TPS)
class TPSAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # django-stubs makes ModelAdmin generic; Django's class is not
    list_display = ["election", "village", "number", "voters"]
    list_filter = ["election"]
    raw_id_fields = ["village"]
    search_fields = ["village__code"]
