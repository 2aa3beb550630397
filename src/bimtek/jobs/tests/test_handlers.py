"""Each app brings its own job kinds (AppConfig.ready); the jobs app names none of them."""

import importlib
import re
from pathlib import Path

import pytest

from bimtek.jobs import services
from bimtek.jobs.services import HANDLERS, register_handler

KINDS = {
    "import.people",
    "import.tps",
    "plan.solve",
    "certificates.issue",
    "delivery.print",
    "assessment.sheets",
    "messages.send",
    "documents.generate",
    "readiness.refresh",
    "readiness.touch",
}

FOUNDATION = {"jobs", "audit", "accounts"}  # its own floor (pyproject.toml, the layers contract)


def test_every_job_kind_is_registered_by_its_app_and_resolves_to_a_function() -> None:
    assert set(HANDLERS) == KINDS
    for kind, target in HANDLERS.items():
        app = kind.split(".")[0]
        module, _, name = target.partition(":")
        assert callable(getattr(importlib.import_module(module), name)), kind
        assert module.startswith("bimtek."), (kind, target)
        assert app in {"import", "plan", "certificates", "messages"} or module.startswith(f"bimtek.{app}."), (
            target
        )


def test_a_second_handler_for_a_taken_kind_is_refused_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "HANDLERS", dict(HANDLERS))
    register_handler("plan.solve", HANDLERS["plan.solve"])  # ready() run twice: harmless
    with pytest.raises(ValueError, match="already handled"):
        register_handler("plan.solve", "bimtek.readiness.jobs:run_refresh")
    with pytest.raises(ValueError, match="module:function"):
        register_handler("x.y", "bimtek.readiness.jobs.run_refresh")


def test_the_jobs_app_names_no_app_above_its_floor() -> None:
    here = Path(services.__file__).parent
    apps = "|".join(
        p.name for p in here.parent.iterdir() if (p / "apps.py").exists() and p.name not in FOUNDATION
    )
    for path in here.glob("*.py"):
        found = re.findall(rf"bimtek\.({apps})\b", path.read_text())
        assert not found, (path.name, found)
