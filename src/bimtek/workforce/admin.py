"""Django admin, for superusers only (regional roles are never staff)."""

from django.contrib import admin

from bimtek.workforce.models import Appointment, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # django-stubs makes ModelAdmin generic; Django's class is not
    list_display = ["name", "sex", "region"]
    search_fields = ["name"]
    raw_id_fields = ["region"]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # django-stubs makes ModelAdmin generic; Django's class is not
    list_display = ["person", "election", "body", "region", "tps", "seat", "status"]
    list_filter = ["election", "body", "status"]
    raw_id_fields = ["person", "region", "tps", "replaces"]
