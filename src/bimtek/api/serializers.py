"""What the API shows of each object. Personal data (NIK, phone) is masked unless a view says otherwise."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bimtek.assessment.core.gain import Gain
from bimtek.assessment.selectors import Group as ResultGroup
from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.lib.masking import mask_nik, mask_phone
from bimtek.planner.models import TrainingPlan
from bimtek.readiness.models import ReadinessTPS
from bimtek.readiness.selectors import reason_labels
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


class PlanSummarySerializer(serializers.Serializer[dict[str, Any]]):
    """What the planner stored when it last solved the plan (`TrainingPlan.summary`); all null for a draft."""

    status = serializers.CharField(allow_null=True, help_text="status pemecah (OPTIMAL, FEASIBLE, ...)")
    method = serializers.CharField(allow_null=True)
    participants = serializers.IntegerField(allow_null=True)
    groups = serializers.IntegerField(allow_null=True)
    sessions = serializers.IntegerField(allow_null=True)
    lower_bound_sessions = serializers.IntegerField(allow_null=True, help_text="paling sedikit sesi")
    gap = serializers.FloatField(allow_null=True)
    unplanned_participants = serializers.IntegerField(allow_null=True)
    unplanned_groups = serializers.SerializerMethodField(help_text="kelompok yang belum terjadwal")
    held_groups = serializers.IntegerField(allow_null=True)
    moved = serializers.IntegerField(allow_null=True, help_text="kelompok yang pindah jadwal")
    violations = serializers.SerializerMethodField(help_text="pelanggaran aturan menurut validator")
    warnings = serializers.SerializerMethodField(help_text="catatan data")
    solved_at = serializers.DateTimeField(allow_null=True)

    # Counts only: the stored lists label groups by place, and a plan is read by every region it covers.
    def get_unplanned_groups(self, summary: dict[str, Any]) -> int:
        return len(summary.get("unplanned") or [])

    def get_violations(self, summary: dict[str, Any]) -> int:
        return len(summary.get("violations") or [])

    def get_warnings(self, summary: dict[str, Any]) -> int:
        return len(summary.get("warnings") or [])


class PlanSerializer(serializers.ModelSerializer[TrainingPlan]):
    # One serializer for the list and the detail: a second component with the same `status` would
    # give drf-spectacular two homes for one enum (a naming warning), and the summary costs no query.
    region = serializers.CharField(source="region_id", read_only=True)
    region_name = serializers.CharField(source="region.display_name", read_only=True)
    summary = PlanSummarySerializer(read_only=True)

    class Meta:
        model = TrainingPlan
        fields = [
            "id",
            "tier",
            "region",
            "region_name",
            "start",
            "end",
            "status",
            "include_linmas",
            "created_at",
            "summary",
        ]


class ReadinessCountsSerializer(serializers.Serializer[dict[str, Any]]):
    region = serializers.CharField(help_text="kode wilayah; kosong untuk seluruh Indonesia")
    name = serializers.CharField()
    total = serializers.IntegerField(help_text="TPS")
    ready = serializers.IntegerField()
    at_risk = serializers.IntegerField()
    not_ready = serializers.IntegerField()


class ReasonSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField(help_text="kode alasan, tetap")
    label = serializers.CharField()


class ReadinessReasonSerializer(ReasonSerializer):
    tps = serializers.IntegerField(help_text="TPS dengan alasan ini")


class ReadinessSerializer(ReadinessCountsSerializer):
    """The region's snapshot as the readiness page shows it; counts are 0 before the first refresh."""

    election = serializers.CharField()
    computed_at = serializers.DateTimeField(allow_null=True, help_text="kapan dihitung; null: belum pernah")
    days_left = serializers.IntegerField(help_text="hari sampai hari pemungutan suara")
    reasons = ReadinessReasonSerializer(many=True)
    children = ReadinessCountsSerializer(many=True, help_text="wilayah satu tingkat di bawahnya")


class ReadinessTPSSerializer(serializers.ModelSerializer[ReadinessTPS]):
    tps = serializers.IntegerField(source="tps_id", read_only=True)
    region = serializers.CharField(source="region_code", read_only=True)
    number = serializers.IntegerField(source="tps.number", read_only=True)
    label = serializers.CharField(source="tps.label", read_only=True)
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = ReadinessTPS
        fields = [
            "tps",
            "region",
            "number",
            "label",
            "status",
            "reasons",
            "kpps",
            "linmas",
            "untrained",
            "post_test_not_passed",
            "days_left",
            "computed_at",
        ]

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, row: ReadinessTPS) -> list[dict[str, str]]:
        return [{"code": code, "label": str(label)} for code, label in reason_labels(row.reason_bits)]


class GainSerializer(serializers.Serializer[Gain]):
    """Hake's normalized gain over the participants with both tests (docs/assessment.md)."""

    pairs = serializers.IntegerField(help_text="peserta dengan pre-test dan post-test")
    pre_mean = serializers.FloatField(allow_null=True)
    post_mean = serializers.FloatField(allow_null=True)
    class_gain = serializers.FloatField(allow_null=True, help_text="<g> rata-rata kelas")
    mean_individual_gain = serializers.FloatField(allow_null=True, help_text="rata-rata g_i per peserta")
    individual = serializers.IntegerField(help_text="peserta dalam rata-rata g_i")
    ceiling = serializers.IntegerField(help_text="peserta dengan pre-test 100%")


class GroupResultSerializer(serializers.Serializer[ResultGroup]):
    region = serializers.CharField(source="key")
    name = serializers.CharField()
    participants = serializers.IntegerField()
    pre_n = serializers.IntegerField()
    post_n = serializers.IntegerField()
    passed = serializers.IntegerField()
    pass_rate = serializers.SerializerMethodField(
        help_text="lulus / yang mengerjakan post-test; null tanpa post-test"
    )
    gain = GainSerializer()

    def get_pass_rate(self, group: ResultGroup) -> float | None:
        return group.passed / group.post_n if group.post_n else None


class ResultsSerializer(GroupResultSerializer):
    """The shape of the results response; the view fills it from the assessment selectors."""

    election = serializers.CharField()
    program = serializers.IntegerField()
    program_name = serializers.CharField()
    children = GroupResultSerializer(many=True, help_text="wilayah satu tingkat di bawahnya")


class ViolationSerializer(serializers.Serializer[dict[str, Any]]):
    code = serializers.CharField(help_text="kode aturan, tetap (docs/form.md)")
    fields = serializers.ListField(child=serializers.CharField(), help_text="jalur kotak, mis. V.A")
    values = serializers.DictField(child=serializers.IntegerField(allow_null=True))
    message = serializers.CharField()


class FormResultSerializer(serializers.Serializer[dict[str, Any]]):
    id = serializers.CharField()
    kind = serializers.CharField()
    contest = serializers.CharField()
    ok = serializers.BooleanField(help_text="tanpa kesalahan (peringatan boleh)")
    errors = ViolationSerializer(many=True)
    warnings = ViolationSerializer(many=True)


class FormCheckSummarySerializer(serializers.Serializer[dict[str, Any]]):
    forms = serializers.IntegerField()
    with_errors = serializers.IntegerField()


class FormCheckSerializer(serializers.Serializer[dict[str, Any]]):
    """The JSON of `bimtek form check FILE --json`."""

    forms = FormResultSerializer(many=True)
    summary = FormCheckSummarySerializer()


class FormDataErrorSerializer(serializers.Serializer[dict[str, Any]]):
    field = serializers.CharField(help_text="jalur isian yang salah, mis. [1].votes.2; kosong: seluruh isi")
    detail = serializers.CharField()
    code = serializers.CharField(
        help_text="alasan yang tetap, mis. json_invalid, json_too_deep, body_too_large"
    )
