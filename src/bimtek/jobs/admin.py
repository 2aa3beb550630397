"""Django admin, for superusers only (regional roles are never staff)."""

from django.contrib import admin

from bimtek.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # django-stubs makes ModelAdmin generic; Django's class is not
    list_display = ["title", "kind", "status", "done", "total", "created_at"]
