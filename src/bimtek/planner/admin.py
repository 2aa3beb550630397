from django.contrib import admin

from bimtek.planner.models import TrainingPlan, Venue


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin[Venue]):
    list_display = ["name", "region", "capacity"]
    search_fields = ["name", "region__code"]
    raw_id_fields = ["region"]


@admin.register(TrainingPlan)
class TrainingPlanAdmin(admin.ModelAdmin[TrainingPlan]):
    list_display = ["id", "election", "tier", "region", "start", "end", "status"]
    list_filter = ["tier", "status"]
    raw_id_fields = ["region", "job", "created_by"]
    readonly_fields = ["summary"]
