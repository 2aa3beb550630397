"""Sessions through the API: the hall, its time and counts, facilitators and who speaks on each module."""

from dataclasses import asdict
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bimtek.planner.models import TrainingSession
from bimtek.speakers.selectors import talks_of


class TalkSerializer(serializers.Serializer[Any]):
    module = serializers.CharField(help_text="judul modul")
    name = serializers.CharField(help_text="nama narasumber")
    institution = serializers.CharField(help_text="instansi narasumber")


class SessionListSerializer(serializers.ListSerializer[TrainingSession]):
    """A page of sessions reads its speakers in one query (`speakers.selectors.talks_of`), not one per session."""

    def to_representation(self, data: Any) -> list[Any]:
        sessions = list(data.all() if hasattr(data, "all") else data)
        self.child.context["talks"] = talks_of([s.pk for s in sessions])  # type: ignore[union-attr]  # child is set by many=True
        return super().to_representation(sessions)


class SessionSerializer(serializers.ModelSerializer[TrainingSession]):
    """Counts cover every group of the session (how full the hall is), whoever the groups belong to."""

    plan = serializers.IntegerField(source="plan_id", read_only=True)
    tier = serializers.CharField(source="plan.tier", read_only=True)
    time = serializers.CharField(
        source="time_label", read_only=True, help_text="jam sesi, sama di semua tempat"
    )
    last_date = serializers.DateField(
        read_only=True, help_text="hari terakhir sesi (sesi bisa beberapa hari)"
    )
    venue = serializers.CharField(source="venue.name", read_only=True)
    region = serializers.CharField(source="region_code", read_only=True, help_text="wilayah tempat sesi")
    capacity = serializers.IntegerField(source="venue.capacity", read_only=True)
    groups = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()
    facilitators = serializers.SerializerMethodField()
    speakers = serializers.SerializerMethodField(
        help_text="narasumber per modul (nama, instansi; tanpa kontak)"
    )

    class Meta:
        model = TrainingSession
        list_serializer_class = SessionListSerializer
        fields = [
            "id",
            "plan",
            "tier",
            "date",
            "last_date",
            "slot",
            "slots",
            "days",
            "time",
            "status",
            "venue",
            "region",
            "capacity",
            "groups",
            "participants",
            "facilitators",
            "speakers",
        ]

    # From the prefetched groups and facilitators (`sessions_visible*`): no query per session.
    def get_groups(self, session: TrainingSession) -> int:
        return len(session.groups.all())

    def get_participants(self, session: TrainingSession) -> int:
        return sum(g.participants for g in session.groups.all())

    def get_facilitators(self, session: TrainingSession) -> list[str]:
        return [f.person.name for f in session.facilitators.all()]

    @extend_schema_field(TalkSerializer(many=True))
    def get_speakers(self, session: TrainingSession) -> list[dict[str, str]]:
        talks = self.context["talks"] if "talks" in self.context else talks_of([session.pk])
        return [asdict(t) for t in talks.get(session.pk, [])]
