"""Who a plan trains: its groups from the registry (a kecamatan's PPK and a desa's PPS in the ToT, a TPS crew in
the bimtek, a desa's PPS in the pendalaman, the untrained replacements of a susulan), with a warning for each
unit that fell back to the staffing norm."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from bimtek.accounts.scoping import region_filter
from bimtek.elections.models import TPS, Election
from bimtek.planner.core.schema import (
    Group,
)
from bimtek.planner.models import (
    GroupBody,
)
from bimtek.planner.selectors import untrained_replacements
from bimtek.planner.spec import PlanSpec
from bimtek.regions.models import Level, Region
from bimtek.workforce.models import Body
from bimtek.workforce.selectors import active_in


@dataclass(frozen=True)
class GroupInfo:
    body: str
    region: str
    tps_id: int | None
    label: str
    appointment_id: int | None = None


def _active_counts(election: Election, code: str, bodies: list[str], by: str) -> dict[tuple[str, Any], int]:
    rows = active_in(election, code, bodies).values("body", by).annotate(n=Count("id"))
    return {(r["body"], r[by]): r["n"] for r in rows}


def _norm_warning(label: str, norm: int) -> dict[str, str]:
    return {
        "code": "pakai_norma",
        "message": f"{label}: belum ada petugas aktif; dihitung {norm} orang sesuai norma",
    }


def tot_groups(spec: PlanSpec, warnings: list[dict[str, str]]) -> tuple[list[Group], dict[str, GroupInfo]]:
    """One group per kecamatan's PPK and per desa's PPS, sized by active appointments (or the norm)."""
    election, code = spec.election, spec.region_code
    counts = _active_counts(election, code, [Body.PPK, Body.PPS], "region_id")
    groups, info = [], {}
    units = Region.objects.within(code).filter(level__in=[Level.KECAMATAN, Level.DESA]).order_by("code")
    for region in units:
        body = Body.PPK if region.level == Level.KECAMATAN else Body.PPS
        label = f"{body.upper()} {region.display_name}"
        size = counts.get((body, region.code), 0)
        if size == 0:
            size = election.norm(body)
            warnings.append(_norm_warning(label, size))
        key = f"{body}-{region.code}"
        groups.append(Group(key, region.code, size))
        info[key] = GroupInfo(str(body), region.code, None, label)
    return groups, info


def crew_groups(spec: PlanSpec, warnings: list[dict[str, str]]) -> tuple[list[Group], dict[str, GroupInfo]]:
    """One group per TPS: its KPPS, and its Linmas when the plan includes them."""
    election, code = spec.election, spec.region_code
    bodies = [Body.KPPS, Body.LINMAS] if spec.include_linmas else [Body.KPPS]
    counts = _active_counts(election, code, bodies, "tps_id")
    norm = sum(election.norm(b) for b in bodies)
    tps_rows = (
        TPS.objects.filter(region_filter("village__code", code), election=election)
        .select_related("village")
        .order_by("village_id", "number")
    )
    groups, info = [], {}
    for tps in tps_rows:
        label = f"TPS {tps.label} {tps.village.name}"
        size = sum(counts.get((b, tps.pk), 0) for b in bodies)
        if size == 0:
            size = norm
            warnings.append(_norm_warning(label, size))
        key = f"tps-{tps.pk}"
        groups.append(Group(key, tps.village_id, size, not_before=None))
        info[key] = GroupInfo("kpps", tps.village_id, tps.pk, label)
    return groups, info


def desa_groups(spec: PlanSpec, warnings: list[dict[str, str]]) -> tuple[list[Group], dict[str, GroupInfo]]:
    """Pendalaman: one group per desa with TPS, all its crews together (and Linmas when the plan says)."""
    election, code = spec.election, spec.region_code
    bodies = [Body.KPPS, Body.LINMAS] if spec.include_linmas else [Body.KPPS]
    counts = _active_counts(election, code, bodies, "region_id")
    norm = sum(election.norm(b) for b in bodies)
    tps_per_desa = (
        TPS.objects.filter(region_filter("village__code", code), election=election)
        .values("village_id", "village__name")
        .annotate(n=Count("id"))
        .order_by("village_id")
    )
    groups, info = [], {}
    for row in tps_per_desa:
        desa = row["village_id"]
        label = f"KPPS {row['village__name']}"
        size = sum(counts.get((b, desa), 0) for b in bodies)
        if size == 0:
            size = norm * row["n"]
            warnings.append(_norm_warning(label, size))
        key = f"desa-{desa}"
        groups.append(Group(key, desa, size))
        info[key] = GroupInfo(GroupBody.DESA, desa, None, label)
    return groups, info


def makeup_groups(spec: PlanSpec) -> tuple[list[Group], dict[str, GroupInfo]]:
    """Sesi susulan: one group of one person per PAW replacement still untrained and not seated in another
    plan's make-up session (read at solve time; this plan's own seats count as not seated)."""
    groups, info = [], {}
    for a in untrained_replacements(spec.election, spec.region_code, seating_plan=spec.plan_id):
        key = f"orang-{a.pk}"
        groups.append(Group(key, a.region_id, 1, splittable=True))
        # No name: the label is stored in the plan's summary, which every reader of the plan sees.
        label = f"PAW {a.get_body_display()} TPS {a.tps.label if a.tps else '-'} {a.region.name}"
        info[key] = GroupInfo(GroupBody.PERSON, a.region_id, None, label, appointment_id=a.pk)
    return groups, info
