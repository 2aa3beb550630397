"""Sections that apps on the floors above add to the planner's session page, without the planner naming them.

An app registers a dotted path (`"bimtek.<app>.views.<function>"`) in its `AppConfig.ready` (as job handlers are registered with
`jobs.services.register_handler`); the session page calls each with the request, the session and the
program's modules, and shows what comes back: a column of the module timetable (keyed by module title)
and a template included below it. The planner never imports the app, so the floors stay in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.module_loading import import_string

_SECTIONS: list[str] = []


@dataclass
class SessionSection:
    template: str = ""  # included below the module timetable; '' for none
    context: dict[str, Any] = field(default_factory=dict)
    column: str = ""  # a column of the module timetable; '' for none
    cells: dict[str, str] = field(default_factory=dict)  # module title -> the column's text


def register_session_section(path: str) -> None:
    if path not in _SECTIONS:
        _SECTIONS.append(path)


def session_sections(request: HttpRequest, session: Any, modules: list[Any]) -> list[SessionSection]:
    out = []
    for path in _SECTIONS:
        provider: Callable[..., SessionSection | None] = import_string(path)
        section = provider(request, session, modules)
        if section is not None:
            out.append(section)
    return out


# What apps above hang on a session (the speakers of its modules) must survive a re-solve. `_store` replaces
# the plan's planned sessions by new rows; a keeper registered here is called with the sessions about to go,
# as {session id: (venue id, date, slot)}, reads what it keeps on them, and returns a function that the
# planner calls with the new sessions, {(venue id, date, slot): (session id, region code)}, once they
# exist. It carries each item to the new session at the same hall and time (the same time, so no new clash)
# and says how many it carried and how many it had to drop; dropped items are for the operator to assign again.
SlotKey = tuple[int, Any, int]
Restore = Callable[[dict[SlotKey, tuple[int, str]]], tuple[int, int]]
_KEEPERS: list[str] = []


def register_session_keeper(path: str) -> None:
    if path not in _KEEPERS:
        _KEEPERS.append(path)


def sessions_replacing(old: dict[int, SlotKey]) -> dict[str, Restore]:
    """Each keeper's restore function, keyed by its app ("bimtek.speakers.keep.x" -> "speakers"), which is
    how the plan's summary and audit entry name what was carried and dropped."""
    return {path.split(".")[1]: import_string(path)(old) for path in _KEEPERS}


# Who has completed their bimtek is the attendance's to say (delivery, a floor above): a make-up plan
# (`selectors.untrained_replacements`) asks through this hook, which delivery registers in its ready().
_COMPLETION: list[str] = []


def register_completion(path: str) -> None:
    if path not in _COMPLETION:
        _COMPLETION.append(path)


def completed_bimtek(election: Any, appointments: list[Any]) -> set[int]:
    """The ids of the appointments (KPPS, Linmas) whose holder has completed the bimtek; none without a hook."""
    done: set[int] = set()
    for path in _COMPLETION:
        done |= import_string(path)(election, appointments)
    return done
