"""Reads for documents: which template and rates apply to a region, and who goes on each document.

Every list starts from the scoping mechanism (`in_scope`), so a PPS prints only its desa and a KPU
kabupaten only its kabupaten, whatever region the form names.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from bimtek.accounts.scoping import Scope, region_filter
from bimtek.delivery.models import DEFAULT_PARTS
from bimtek.delivery.selectors import attendance_in_scope, completion_parts
from bimtek.documents.defaults import DEFAULTS
from bimtek.documents.honorarium import DEFAULT_RATES, Attendee, RateRow
from bimtek.documents.models import DocumentTemplate, Rate
from bimtek.lib.masking import mask_nik
from bimtek.planner.models import SessionStatus, Tier
from bimtek.workforce.models import Appointment, Body, BpjsEnrolled, Status
from bimtek.workforce.selectors import active_in, appointments_of_people


def covering_codes(region_code: str) -> list[str]:
    """'' (national), then each ancestor, then the region itself: '19.06.02' -> ['', '19', '19.06', '19.06.02']."""
    parts = region_code.split(".") if region_code else []
    return ["", *(".".join(parts[:n]) for n in range(1, len(parts) + 1))]


def template_for(kind: str, region_code: str) -> DocumentTemplate:
    """The most specific saved template covering the region, else the built-in default (unsaved)."""
    codes = covering_codes(region_code)
    saved = {t.region_code: t for t in DocumentTemplate.objects.filter(kind=kind, region_code__in=codes)}
    for code in reversed(codes):
        if code in saved:
            return saved[code]
    return DocumentTemplate(kind=kind, region_code="", **DEFAULTS[kind])


def rates_for(region_code: str) -> dict[str, RateRow]:
    """body -> rate: the built-in default, overridden by the national row, then by each narrower region."""
    rates = {body: RateRow(*pair) for body, pair in DEFAULT_RATES.items()}
    codes = covering_codes(region_code)
    rows = Rate.objects.filter(region_code__in=codes).values_list(
        "region_code", "body", "transport_per_day", "honorarium_per_session"
    )
    for _code, body, transport, honorarium in sorted(rows, key=lambda r: len(r[0])):
        rates[body] = RateRow(transport, honorarium)
    return rates


def appointees(
    *, scope: Scope, election: Any, region_code: str, bodies: list[str], employed_only: bool = False
) -> QuerySet[Appointment]:
    """Active appointments of the bodies in a region that the scope covers, in print order."""
    qs = (
        active_in(election, region_code, bodies)
        .in_scope(scope)
        .select_related("person", "region", "tps")
        .order_by("region_id", "body", "tps__number", "seat")
    )
    if employed_only:
        qs = qs.exclude(person__employer="")
    return qs


def uncovered(*, scope: Scope, election: Any, region_code: str, bodies: list[str]) -> QuerySet[Appointment]:
    """Active appointees not recorded as enrolled in BPJS Ketenagakerjaan ("no" or not known yet)."""
    return appointees(scope=scope, election=election, region_code=region_code, bodies=bodies).exclude(
        person__bpjs_enrolled=BpjsEnrolled.YES
    )


def position_of(body: str, seat: int) -> str:
    label = Appointment(body=body, seat=seat).position_label
    name = dict(Body.choices)[body]
    return f"{name} {label}" if body == Body.LINMAS else f"{label} {name}"


def _program_kind(tier: str, body: str) -> str:
    if tier == Tier.TOT:
        return "tot"
    return "linmas" if body == Body.LINMAS else "kpps"


def attendees(
    *,
    scope: Scope,
    region_code: str,
    date_from: dt.date,
    date_to: dt.date,
    session_id: int | None = None,
    election_id: int | None = None,
) -> list[Attendee]:
    """Who attended what in a region and date range (or one session), per person, election and tier.

    Three queries whatever the size: the attendance rows (cancelled sessions left out), the appointments
    of those people, and the completion rules of the elections involved.
    """
    rows = (
        attendance_in_scope(scope)
        .filter(session__date__gte=date_from, session__date__lte=date_to)
        .exclude(session__status=SessionStatus.CANCELLED)
    )
    if region_code:
        rows = rows.filter(region_filter("region_code", region_code))
    if session_id is not None:
        rows = rows.filter(session_id=session_id)
    if election_id is not None:
        rows = rows.filter(session__plan__election_id=election_id)
    seen: dict[tuple[int, int, str], dict[str, set[Any]]] = defaultdict(
        lambda: {"parts": set(), "sessions": set(), "days": set()}
    )
    for pid, part, sid, day, eid, tier in rows.order_by().values_list(
        "person_id",
        "part",
        "session_id",
        "session__date",
        "session__plan__election_id",
        "session__plan__tier",
    ):
        entry = seen[(pid, eid, tier)]
        entry["parts"].add(part)
        entry["sessions"].add(sid)
        entry["days"].add(day.isoformat())
    elections = {eid for _, eid, _ in seen}
    seats = _seats(rows.values("person_id"), elections)
    rules = completion_parts(elections)
    out = []
    for (pid, eid, tier), entry in seen.items():
        seat = seats.get((pid, eid))
        if seat is None:
            continue
        out.append(
            Attendee(
                person_id=pid,
                name=seat["person__name"],
                nik_masked=mask_nik(seat["person__nik"]),
                body=seat["body"],
                position=position_of(seat["body"], seat["seat"]),
                unit=_unit(seat),
                required=rules.get((eid, _program_kind(tier, seat["body"])), DEFAULT_PARTS),
                parts=frozenset(entry["parts"]),
                sessions=frozenset(entry["sessions"]),
                days=frozenset(entry["days"]),
            )
        )
    return out


def _seats(person_ids: Any, elections: set[int]) -> dict[tuple[int, int], dict[str, Any]]:
    """(person, election) -> their appointment's fields, the active one preferred over an ended one."""
    rows = appointments_of_people(person_ids, elections).values(
        "person_id", "election_id", "body", "seat", "status", "region__name", "tps__number",
        "person__name", "person__nik",
    )  # fmt: skip
    out: dict[tuple[int, int], dict[str, Any]] = {}
    for row in rows:
        key = (row["person_id"], row["election_id"])
        if key not in out or row["status"] == Status.ACTIVE:
            out[key] = row
    return out


def _unit(seat: dict[str, Any]) -> str:
    if seat["tps__number"] is not None:
        return f"TPS {seat['tps__number']:03d} {seat['region__name']}"
    return str(seat["region__name"])
