"""Django admin, for superusers only (regional roles are never staff)."""

from django.contrib import admin

from bimtek.accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # django-stubs makes ModelAdmin generic; Django's class is not
    list_display = ["username", "role", "region", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["username"]
    raw_id_fields = ["region", "person"]
    exclude = ["password"]
