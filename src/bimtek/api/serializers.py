"""What the API shows of each object. Personal data (NIK, phone) is masked unless a view says otherwise."""

from typing import Any

from rest_framework import serializers

from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.lib.masking import mask_nik, mask_phone
from bimtek.regions.models import Region
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.selectors import BODIES

# The view puts this in the serializer context when the caller may read a person's full NIK and phone.
SHOW_PERSONAL = "show_personal"


class RegionSerializer(serializers.ModelSerializer[Region]):
    parent = serializers.CharField(source="parent_id", allow_null=True, read_only=True)

    class Meta:
        model = Region
        fields = ["code", "name", "display_name", "level", "kind", "parent"]


class ElectionSerializer(serializers.ModelSerializer[Election]):
    class Meta:
        model = Election
        fields = [
            "slug",
            "name",
            "kind",
            "voting_day",
            "ppk_per_kecamatan",
            "pps_per_desa",
            "kpps_per_tps",
            "linmas_per_tps",
            "max_voters_per_tps",
        ]


class TPSSerializer(serializers.ModelSerializer[TPS]):
    village = serializers.CharField(source="village_id", read_only=True)

    class Meta:
        model = TPS
        fields = ["id", "village", "number", "label", "voters", "address"]


class PersonSerializer(serializers.ModelSerializer[Person]):
    """NIK and phone are masked unless the context carries SHOW_PERSONAL."""

    nik = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    region = serializers.CharField(source="region_id", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "nik", "phone", "sex", "birth_date", "employer", "region"]

    def get_nik(self, person: Person) -> str:
        return person.nik if self.context.get(SHOW_PERSONAL) else mask_nik(person.nik)

    def get_phone(self, person: Person) -> str:
        return person.phone if self.context.get(SHOW_PERSONAL) else mask_phone(person.phone)


class AppointmentSerializer(serializers.ModelSerializer[Appointment]):
    person = serializers.IntegerField(source="person_id", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True)
    region = serializers.CharField(source="region_id", read_only=True)
    tps = serializers.IntegerField(source="tps_id", allow_null=True, read_only=True)
    tps_number = serializers.IntegerField(source="tps.number", allow_null=True, read_only=True, default=None)

    class Meta:
        model = Appointment
        fields = [
            "id",
            "person",
            "person_name",
            "body",
            "region",
            "tps",
            "tps_number",
            "seat",
            "position_label",
            "status",
            "start_date",
            "end_date",
            "replaces",
        ]


class JobSerializer(serializers.ModelSerializer[Job]):
    percent = serializers.IntegerField(allow_null=True, read_only=True)

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "title",
            "status",
            "done",
            "total",
            "percent",
            "message",
            "result",
            "created_at",
            "finished_at",
        ]


def _per_body() -> serializers.DictField:
    return serializers.DictField(
        child=serializers.IntegerField(), help_text=f"per badan: {', '.join(BODIES)}"
    )


class StaffingRowSerializer(serializers.Serializer[dict[str, Any]]):
    """The shape of `Staffing.as_dict()`; used to describe the response, the selector builds the data."""

    region = serializers.CharField(help_text="kode wilayah; kosong untuk seluruh Indonesia")
    name = serializers.CharField()
    kecamatan = serializers.IntegerField()
    desa = serializers.IntegerField()
    tps = serializers.IntegerField()
    required = _per_body()
    appointed = _per_body()
    vacant = _per_body()
    trainees_tot = serializers.IntegerField(help_text="PPK + PPS yang dilatih dalam ToT")


class StaffingSerializer(StaffingRowSerializer):
    election = serializers.CharField()
    children = StaffingRowSerializer(many=True)
