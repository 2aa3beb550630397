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
