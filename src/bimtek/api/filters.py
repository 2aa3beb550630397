"""Query-string filters, one small serializer per list: it validates the values and documents them in the schema.

NIK never travels in a URL (it would land in access logs and browser history): people are found by
name, and at most the last six digits of a NIK may be sent to tell namesakes apart.
"""

import re
from typing import Any

from django.http import QueryDict
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from bimtek.jobs.models import JobStatus
from bimtek.planner.models import SessionStatus, Tier
from bimtek.readiness.models import ReadinessStatus
from bimtek.regions.models import Level
from bimtek.workforce.models import Body, Status

REGION_CODE = r"[0-9]{2}(?:\.[0-9]{2}){0,2}(?:\.[0-9]{4})?"
NIK_SUFFIX_MAX = 6
ERR_NIK_IN_URL = (
    "NIK tidak boleh dikirim lewat URL; cari petugas dengan nama atau nik_suffix (maks. 6 digit)."
)
# Ids and offsets stay below ten digits; a NIK has 16 and a phone number 10 to 13.
_LONG_NUMBER = re.compile(r"[0-9]{10,}")


def refuse_personal_numbers(params: QueryDict) -> None:
    """A NIK or phone number in the query string is refused, whichever parameter carries it."""
    for _name, values in params.lists():
        if any(_LONG_NUMBER.search(value) for value in values):
            raise ValidationError({"detail": ERR_NIK_IN_URL}, code="nik_in_url")


def region_code_field(help_text: str) -> serializers.RegexField:
    return serializers.RegexField(rf"^{REGION_CODE}$", required=False, help_text=help_text)


class RegionFilter(serializers.Serializer[dict[str, Any]]):
    parent = region_code_field("kode wilayah induk: hanya anak langsungnya")
    level = serializers.ChoiceField(choices=Level.choices, required=False)
    q = serializers.CharField(required=False, max_length=100, help_text="bagian dari nama wilayah")


class TPSFilter(serializers.Serializer[dict[str, Any]]):
    region = region_code_field("awalan kode wilayah: TPS di wilayah ini dan di bawahnya")


class PersonFilter(serializers.Serializer[dict[str, Any]]):
    q = serializers.CharField(required=False, max_length=100, help_text="bagian dari nama")
    region = region_code_field("awalan kode wilayah domisili")
    nik_suffix = serializers.RegexField(
        rf"^[0-9]{{1,{NIK_SUFFIX_MAX}}}$",
        required=False,
        help_text=f"digit terakhir NIK, paling banyak {NIK_SUFFIX_MAX}",
    )


class AppointmentFilter(serializers.Serializer[dict[str, Any]]):
    region = region_code_field("awalan kode wilayah tugas")
    body = serializers.ChoiceField(choices=Body.choices, required=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    tps = serializers.IntegerField(required=False, min_value=1, help_text="id TPS")


class JobFilter(serializers.Serializer[dict[str, Any]]):
    status = serializers.ChoiceField(choices=JobStatus.choices, required=False)


class PlanFilter(serializers.Serializer[dict[str, Any]]):
    tier = serializers.ChoiceField(choices=Tier.choices, required=False)
    region = region_code_field("awalan kode wilayah rencana: rencana wilayah ini dan di bawahnya")


class SessionFilter(serializers.Serializer[dict[str, Any]]):
    plan = serializers.IntegerField(required=False, min_value=1, help_text="id rencana")
    date = serializers.DateField(required=False, help_text="tanggal sesi (YYYY-MM-DD)")
    region = region_code_field("awalan kode wilayah tempat sesi")
    status = serializers.ChoiceField(choices=SessionStatus.choices, required=False)


class ReadinessTPSFilter(serializers.Serializer[dict[str, Any]]):
    status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in (ReadinessStatus.AT_RISK, ReadinessStatus.NOT_READY)],
        required=False,
        help_text="tanpa status: belum siap dulu, lalu berisiko",
    )


def filter_values(serializer_class: type[serializers.Serializer[Any]], params: Any) -> dict[str, Any]:
    serializer = serializer_class(data=params)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
