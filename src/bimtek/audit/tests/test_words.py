"""The audit log reads in words: every action the code records has a label, and no entry shows a Python value."""

import ast
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from bimtek.accounts.models import User
from bimtek.audit import words
from bimtek.audit.services import log_action

SRC = Path(__file__).resolve().parents[2]


def recorded_actions() -> set[str]:
    """Every literal `action="..."` passed to `log_action` outside the tests."""
    found = set()
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "log_action"
            ):
                for kw in node.keywords:
                    if kw.arg == "action" and isinstance(kw.value, ast.Constant):
                        found.add(kw.value.value)
                    elif kw.arg == "action" and isinstance(kw.value, ast.JoinedStr):
                        found.add(ast.unparse(kw.value))  # an f-string: listed below by hand
    return found


def test_every_recorded_action_has_words() -> None:
    actions = recorded_actions()
    assert "readiness.refresh" in actions and len(actions) > 30  # the scan finds the real calls
    # The f-string of messaging: one action per message kind.
    assert actions & {a for a in actions if "{" in a} == {"f'messages.send.{kind}'"}
    actions = {a for a in actions if "{" not in a} | {"messages.send.undangan", "messages.send.pengingat"}
    assert sorted(actions - set(words.ACTIONS)) == []


def test_values_are_words_not_python() -> None:
    assert words.change_words(
        {"tps": 363, "at_risk": 12, "role": "kpu_kabkota", "end": None, "late": False}
    ) == [
        ("TPS", "363"),
        ("berisiko", "12"),
        ("peran", "KPU Kabupaten/Kota"),
        ("selesai", "–"),
        ("terlambat", "tidak"),
    ]
    assert words.value_words({"ready": 2541, "rules": ["a", "b"]}) == "siap: 2.541; aturan: a, b"
    assert words.field_words("sessions_kept") == "sessions kept"  # unknown: humanised, never a bare code


@pytest.mark.django_db
def test_the_audit_page_shows_words_and_keeps_codes_in_the_markup(kpu_beltim: User) -> None:
    log_action(
        actor=kpu_beltim,
        action="readiness.refresh",
        region_code="19.06",
        after={"tps": 363, "rollups": 120, "not_ready": 41, "at_risk": 200, "ready": 122},
    )
    client = Client()
    client.force_login(kpu_beltim)
    page = client.get(reverse("audit:audit")).content.decode()
    table = page.split('id="audit"')[1].split("</table>")[0]
    assert "Kesiapan dihitung ulang" in table and 'data-code="readiness.refresh"' in table
    assert "belum siap: 41" in table and "berisiko: 200" in table
    visible = re.sub(r"<[^>]+>", " ", table)
    assert "{" not in visible and "None" not in visible and "not_ready" not in visible
    filtered = client.get(reverse("audit:audit") + "?action=people.import").content.decode()
    assert "Kesiapan dihitung ulang" not in filtered.split('id="audit"')[1]
