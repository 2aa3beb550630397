from django.contrib import admin

from bimtek.speakers.models import ModuleSpeaker, SessionSpeaker, Speaker


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin[Speaker]):
    list_display = ["name", "institution", "division", "region_code", "active"]
    list_filter = ["division", "active"]
    search_fields = ["name", "institution", "region_code"]


@admin.register(ModuleSpeaker)
class ModuleSpeakerAdmin(admin.ModelAdmin[ModuleSpeaker]):
    list_display = ["module", "speaker", "region_code"]
    raw_id_fields = ["module", "speaker"]


@admin.register(SessionSpeaker)
class SessionSpeakerAdmin(admin.ModelAdmin[SessionSpeaker]):
    list_display = ["session", "module", "speaker", "honorarium"]
    raw_id_fields = ["session", "module", "speaker"]
