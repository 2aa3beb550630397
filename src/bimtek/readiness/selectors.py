"""Reads for the readiness pages and exports: roll-ups, children, TPS at risk, history. All scoped by code prefix."""

from dataclasses import dataclass

from django.db.models import F, QuerySet

from bimtek.accounts.scoping import Scope
from bimtek.elections.models import Election
from bimtek.readiness.core import CODE_LABELS, WELFARE_CODES, Code, Policy, codes_of
from bimtek.readiness.models import ReadinessHistory, ReadinessPolicy, ReadinessRollup, ReadinessTPS
from bimtek.regions.models import Region, level_of

RISK_LIST_LIMIT = 50


@dataclass(frozen=True)
class Child:
    code: str
    name: str
    total: int
    ready: int
    at_risk: int
    not_ready: int

    def share(self, part: int) -> float:
        return part / self.total if self.total else 0.0

    @property
    def ready_share(self) -> float:
        return self.share(self.ready)

    @property
    def at_risk_share(self) -> float:
        return self.share(self.at_risk)

    @property
    def not_ready_share(self) -> float:
        return self.share(self.not_ready)


def policy_of(election: Election) -> Policy:
    """Which welfare gaps the KPU counts for this election (neither, until it chooses)."""
    row = ReadinessPolicy.objects.filter(election=election).first()
    return Policy(count_bpjs=row.count_bpjs, count_health=row.count_health) if row else Policy()


def rollup_of(*, election: Election, region_code: str) -> ReadinessRollup | None:
    return ReadinessRollup.objects.filter(election=election, region_code=region_code).first()


def children_of(*, election: Election, region_code: str) -> list[Child]:
    """The regions one level down that hold TPS, with their counts; worst share of 'belum siap' first."""
    level = level_of(region_code) + 1 if region_code else 1
    rows = ReadinessRollup.objects.filter(election=election, level=level)
    if region_code:
        rows = rows.filter(region_code__startswith=f"{region_code}.")
    rollups = list(rows.values_list("region_code", "total", "ready", "at_risk", "not_ready"))
    names = dict(Region.objects.filter(code__in=[r[0] for r in rollups]).values_list("code", "name"))
    children = [Child(code, names.get(code, code), *counts) for code, *counts in rollups]
    children.sort(key=lambda c: (-c.not_ready_share, -c.at_risk_share, c.code))
    return children


def risky_tps(
    *, election: Election, scope: Scope, region_code: str, limit: int | None = RISK_LIST_LIMIT
) -> list[ReadinessTPS]:
    """TPS that are not ready, then those at risk, in code order; scoped.

    One query per status, each ordered as the index `readiness_tps_status` is, so the first rows come
    straight from the index even for the whole country. TPS rows always carry a desa code, so a
    region above desa is a plain prefix (no OR with equality, which would defeat the index range).
    """
    out: list[ReadinessTPS] = []
    for status in ("not_ready", "at_risk"):
        rows = ReadinessTPS.objects.in_scope(scope).filter(election=election, status=status)
        if region_code and level_of(region_code) < 4:
            rows = rows.filter(region_code__startswith=f"{region_code}.")
        elif region_code:
            rows = rows.filter(region_code=region_code)
        rows = rows.select_related("tps", "tps__village").order_by("region_code", "tps_id")
        if limit is None:
            out.extend(rows.iterator(chunk_size=5000))
            continue
        out.extend(rows[: limit - len(out)])
        if len(out) >= limit:
            break
    return out


def tps_with_status(
    *,
    election: Election,
    scope: Scope,
    region_code: str,
    statuses: tuple[str, ...] = ("not_ready", "at_risk"),
    reason: Code | None = None,
) -> QuerySet[ReadinessTPS]:
    """`risky_tps` as one queryset, for a paginated list and its export: 'belum siap' first, then code
    order; scoped, optionally only the TPS that carry one reason."""
    rows = ReadinessTPS.objects.in_scope(scope).filter(election=election, status__in=statuses)
    if reason is not None:
        rows = rows.alias(has_reason=F("reason_bits").bitand(reason.bit)).filter(has_reason__gt=0)
    if region_code and level_of(region_code) < 4:
        rows = rows.filter(region_code__startswith=f"{region_code}.")
    elif region_code:
        rows = rows.filter(region_code=region_code)
    # "not_ready" sorts after "at_risk", so descending puts 'belum siap' first, as `risky_tps` does.
    return rows.select_related("tps", "tps__village").order_by("-status", "region_code", "tps_id")


def reason_labels(bits: int) -> list[tuple[str, str]]:
    return [(code.value, CODE_LABELS[code]) for code in codes_of(bits)]


OPTIONAL_CODES = WELFARE_CODES | {Code.CREW_DRILL_NOT_PASSED}  # counted only where the KPU chooses


def reasons_table(
    rollup: ReadinessRollup | None, policy: Policy | None = None, *, crew_drill: bool = False
) -> list[tuple[str, str, int]]:
    """(code, label, TPS) for every reason, most frequent first. A reason the KPU does not count (welfare by
    `policy`, the crew drill by `crew_drill`) is left out when no TPS has it, so "0 TPS without BPJS" never
    reads as good news."""
    by_reason = rollup.by_reason if rollup is not None else {}
    counted = _counted_welfare(policy or Policy()) | ({Code.CREW_DRILL_NOT_PASSED} if crew_drill else set())
    rows = [
        (code.value, CODE_LABELS[code], int(by_reason.get(code.value, 0)))
        for code in Code
        if code not in OPTIONAL_CODES or code in counted or by_reason.get(code.value)
    ]
    return sorted(rows, key=lambda r: -r[2])


def _counted_welfare(policy: Policy) -> set[Code]:
    return {
        code
        for code, on in (
            (Code.KPPS_BPJS_MISSING, policy.count_bpjs),
            (Code.KPPS_HEALTH_UNCHECKED, policy.count_health),
        )
        if on
    }


def history_of(*, election: Election, region_code: str, limit: int = 60) -> list[ReadinessHistory]:
    rows = ReadinessHistory.objects.filter(election=election, region_code=region_code).order_by(
        "-computed_at"
    )
    return list(reversed(rows[:limit]))


def region_names(codes: list[str]) -> dict[str, str]:
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def no_tps_rows() -> QuerySet[ReadinessTPS]:
    """An empty list of TPS rows (an API listing of an election the user may not see)."""
    return ReadinessTPS.objects.none()
