"""The CLI: `bimtek messages send` with --json, --dry-run, a region's day, and its refusals."""

import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from bimtek.delivery.tests.helpers import GANTUNG, Setup
from bimtek.messaging.models import Message

pytestmark = pytest.mark.django_db


def run(*args: str) -> dict:  # type: ignore[type-arg]  # the command's JSON output
    from io import StringIO

    out = StringIO()
    call_command("messages", "send", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_it_sends_a_sessions_invitations_and_prints_one_json_object(gantung: Setup) -> None:
    result = run("--session", str(gantung.session.pk), "--kind", "undangan", "--channel", "email")
    assert (result["sent"], result["no_address"], result["already"]) == (14, 7, 0)
    assert result["sessions"][0]["session"] == gantung.session.pk
    assert sorted(result["sessions"][0]["no_address"]) == sorted(a.person.name for a in gantung.selingsing)
    assert len(mail.outbox) == 14
    again = run("--session", str(gantung.session.pk), "--kind", "undangan", "--channel", "email")
    assert (again["sent"], again["already"]) == (0, 14) and len(mail.outbox) == 14


def test_a_dry_run_stores_and_sends_nothing(gantung: Setup) -> None:
    result = run("--session", str(gantung.session.pk), "--kind", "pengingat", "--channel", "sms", "--dry-run")
    assert result["dry_run"] is True and result["waiting"] == 21 and result["sent"] == 0
    assert not Message.objects.exists()


def test_it_reminds_every_session_of_a_region_on_a_date(gantung: Setup) -> None:
    result = run("--region", GANTUNG, "--date", "2024-01-26", "--kind", "pengingat", "--channel", "whatsapp")
    assert [s["session"] for s in result["sessions"]] == [gantung.session.pk]
    assert result["waiting"] == 21
    assert (
        run("--region", GANTUNG, "--date", "2024-01-27", "--kind", "pengingat", "--channel", "sms")[
            "sessions"
        ]
        == []
    )


def test_it_refuses_an_unknown_session_and_a_region_without_a_date(db: None) -> None:
    with pytest.raises(CommandError, match="Sesi 999 tidak ditemukan"):
        run("--session", "999", "--kind", "undangan", "--channel", "email")
    with pytest.raises(CommandError, match="--region perlu --date"):
        run("--region", GANTUNG, "--kind", "undangan", "--channel", "email")
