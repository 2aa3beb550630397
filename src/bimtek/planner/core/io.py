"""Scenario JSON → `Instance` (errors name the field, in Indonesian) and `Result` → JSON-ready dict."""

from __future__ import annotations

from datetime import date
from typing import Any

from .schema import (
    Explanation,
    Facilitator,
    Group,
    Instance,
    Plan,
    Result,
    Rules,
    Session,
    Shortage,
    Venue,
    Window,
)
from .validation import Violation

AREAS = ("any", "provinsi", "kabupaten", "kecamatan", "desa")
LOCALITIES = ("prefer", "strict", "desa", "any")


class ScenarioError(ValueError):
    """A field of the scenario is wrong; `field` is its path, e.g. `venues[0].capacity`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def _get(data: dict[str, Any], key: str, path: str, default: Any = ...) -> Any:
    if not isinstance(data, dict):
        raise ScenarioError(path, "harus berupa objek")
    if key not in data:
        if default is ...:
            raise ScenarioError(f"{path}.{key}".lstrip("."), "wajib diisi")
        return default
    return data[key]


def _positive(value: Any, field: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        word = "positif" if minimum == 1 else "tidak negatif"
        raise ScenarioError(field, f"harus bilangan bulat {word}")
    return value


def _date(value: Any, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ScenarioError(field, "harus tanggal berformat YYYY-MM-DD") from None


def _optional_date(value: Any, field: str) -> date | None:
    return None if value is None else _date(value, field)


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(field, "harus teks yang tidak kosong")
    return value


def _list(value: Any, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise ScenarioError(field, "harus berupa daftar")
    return value


def instance_from_dict(data: Any) -> Instance:
    if not isinstance(data, dict):
        raise ScenarioError("(akar)", "harus berupa objek JSON")
    window = _window(_get(data, "window", ""))
    venues = tuple(_venue(v, f"venues[{i}]") for i, v in enumerate(_list(_get(data, "venues", ""), "venues")))
    groups = tuple(_group(g, f"groups[{i}]") for i, g in enumerate(_list(_get(data, "groups", ""), "groups")))
    facilitators = tuple(
        _facilitator(f, f"facilitators[{i}]")
        for i, f in enumerate(_list(_get(data, "facilitators", "", []), "facilitators"))
    )
    _unique([v.id for v in venues], "venues")
    _unique([g.id for g in groups], "groups")
    _unique([f.id for f in facilitators], "facilitators")
    return Instance(window, venues, groups, facilitators, _rules(_get(data, "rules", "", {})))


def _unique(ids: list[str], field: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(ids):
        if item in seen:
            raise ScenarioError(f"{field}[{i}].id", f"'{item}' sudah dipakai")
        seen.add(item)


def _window(data: Any) -> Window:
    start = _date(_get(data, "start", "window"), "window.start")
    end = _date(_get(data, "end", "window"), "window.end")
    if end < start:
        raise ScenarioError("window.end", "tidak boleh sebelum window.start")
    return Window(start, end)


def _venue(data: Any, path: str) -> Venue:
    days = _list(_get(data, "days", path), f"{path}.days")
    return Venue(
        id=_text(_get(data, "id", path), f"{path}.id"),
        region=_text(_get(data, "region", path), f"{path}.region"),
        capacity=_positive(_get(data, "capacity", path), f"{path}.capacity"),
        sessions_per_day=_positive(_get(data, "sessions_per_day", path, 1), f"{path}.sessions_per_day"),
        days=tuple(_date(d, f"{path}.days[{i}]") for i, d in enumerate(days)),
    )


def _group(data: Any, path: str) -> Group:
    splittable = _get(data, "splittable", path, False)
    if not isinstance(splittable, bool):
        raise ScenarioError(f"{path}.splittable", "harus true atau false")
    return Group(
        id=_text(_get(data, "id", path), f"{path}.id"),
        region=_text(_get(data, "region", path), f"{path}.region"),
        size=_positive(_get(data, "size", path), f"{path}.size"),
        splittable=splittable,
        not_before=_optional_date(_get(data, "not_before", path, None), f"{path}.not_before"),
    )


def _facilitator(data: Any, path: str) -> Facilitator:
    limit = _get(data, "max_sessions_per_day", path, None)
    return Facilitator(
        id=_text(_get(data, "id", path), f"{path}.id"),
        region=_text(_get(data, "region", path), f"{path}.region"),
        available_from=_optional_date(_get(data, "available_from", path, None), f"{path}.available_from"),
        max_sessions_per_day=None if limit is None else _positive(limit, f"{path}.max_sessions_per_day"),
        busy_days=tuple(
            _date(d, f"{path}.busy_days[{i}]") for i, d in enumerate(_get(data, "busy_days", path, []) or [])
        ),
    )


def _choice(value: Any, options: tuple[str, ...], field: str) -> Any:
    if value not in options:
        raise ScenarioError(field, f"harus salah satu dari: {', '.join(options)}")
    return value


def _rules(data: Any) -> Rules:
    path = "rules"
    known = set(Rules.__dataclass_fields__) | {"facilitator_locality"}
    for key in _get({"rules": data}, "rules", ""):
        if key not in known:
            raise ScenarioError(f"rules.{key}", "aturan tidak dikenal")
    min_days = _get(data, "min_days_before_voting", path, None)
    area = _get(data, "facilitator_area", path, _get(data, "facilitator_locality", path, "any"))
    return Rules(
        facilitators_per_session=_positive(
            _get(data, "facilitators_per_session", path, 0), "rules.facilitators_per_session", 0
        ),
        facilitator_area=_choice(area, AREAS, "rules.facilitator_locality"),
        facilitator_max_sessions_per_day=_positive(
            _get(data, "facilitator_max_sessions_per_day", path, 2), "rules.facilitator_max_sessions_per_day"
        ),
        not_before=_optional_date(_get(data, "not_before", path, None), "rules.not_before"),
        deadline=_optional_date(_get(data, "deadline", path, None), "rules.deadline"),
        voting_day=_optional_date(_get(data, "voting_day", path, None), "rules.voting_day"),
        min_days_before_voting=None
        if min_days is None
        else _positive(min_days, "rules.min_days_before_voting", 0),
        locality=_choice(_get(data, "locality", path, "prefer"), LOCALITIES, "rules.locality"),
    )


def session_to_dict(session: Session) -> dict[str, Any]:
    return {
        "venue": session.venue,
        "date": session.date.isoformat(),
        "slot": session.slot,
        "groups": list(session.group_ids),
        "allocation": dict(session.allocation),
        "participants": session.participants,
        "facilitators": list(session.facilitators),
        **({"slots": session.slots, "days": session.days} if (session.slots, session.days) != (1, 1) else {}),
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return {
        "sessions": [session_to_dict(s) for s in plan.sessions],
        "unplanned": [{"group": g, "participants": n} for g, n in plan.unplanned],
    }


def plan_from_dict(data: dict[str, Any]) -> Plan:
    """Read a plan back (hand-edited or exported) so the validator can check it."""
    sessions = tuple(
        Session(
            venue=s["venue"],
            date=date.fromisoformat(s["date"]),
            slot=int(s["slot"]),
            allocation=tuple((g, int(n)) for g, n in s["allocation"].items()),
            facilitators=tuple(s.get("facilitators", [])),
            slots=int(s.get("slots", 1)),
            days=int(s.get("days", 1)),
        )
        for s in data["sessions"]
    )
    unplanned = tuple((u["group"], int(u["participants"])) for u in data.get("unplanned", []))
    return Plan(sessions, unplanned)


def result_to_dict(result: Result, violations: list[Violation]) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "status": result.status,
        "method": result.method,
        **plan_to_dict(result.plan),
        "unplanned_participants": result.score.unplanned,
        "objective": {
            "value": result.objective,
            "bound": result.objective_bound,
            "unplanned": result.score.unplanned,
            "sessions": result.score.sessions,
            "travel": result.score.travel,
            "imbalance": result.score.imbalance,
        },
        "lower_bound_sessions": result.lower_bound_sessions,
        "gap": round(result.gap, 4),
        "stats": result.stats,
        "violations": [{"code": v.code, "message": v.message} for v in violations],
    }
    if result.explanation is not None:
        payload["explanation"] = explanation_to_dict(result.explanation)
    return payload


def explanation_to_dict(explanation: Explanation) -> dict[str, Any]:
    """Words for people (`message`, `details`, relaxations' `description`), codes and numbers for programs."""
    e = explanation
    return {
        "message": e.message,
        "rules": list(e.rules),
        "details": list(e.details),
        "relaxations": [
            {"code": r.code, "description": r.description, "works": r.works} for r in e.relaxations
        ],
        "shortage": None if e.shortage is None else shortage_to_dict(e.shortage),
    }


def shortage_to_dict(shortage: Shortage) -> dict[str, int]:
    s = shortage
    return {
        "sessions_needed": s.sessions_needed,
        "sessions_available": s.sessions_available,
        "seats_needed": s.seats_needed,
        "seats_available": s.seats_available,
        "shortfall": s.shortfall,
        "seats_per_session": s.seats_per_session,
        "groups": s.groups,
        "venues": s.venues,
        "days": s.days,
        "sessions_per_day": s.sessions_per_day,
    }
