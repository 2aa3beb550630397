"""bimtek messages send: a session's (or a region's day of) invitations or reminders by e-mail, SMS or WhatsApp."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandParser

from bimtek.accounts.scoping import Scope
from bimtek.lib.commands import InputRejected, ReportCommand, UsageError, cli_actor
from bimtek.lib.errors import DomainError
from bimtek.messaging.models import Channel, Kind
from bimtek.messaging.render import TemplateProblem
from bimtek.messaging.services import SendReport, messages_send, messages_send_region
from bimtek.planner.sessions import session_with_plan
from bimtek.regions.models import Region

NATIONAL = Scope(region_code=None, person_id=None)  # the server's operator, as in the other commands


class Command(ReportCommand):
    help = "Kirim undangan atau pengingat sesi bimtek lewat email, SMS atau WhatsApp."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        send = sub.add_parser(
            "send", help="kirim pesan untuk satu sesi, atau semua sesi satu wilayah pada satu tanggal"
        )
        where = send.add_mutually_exclusive_group(required=True)
        where.add_argument("--session", type=int, help="nomor sesi")
        where.add_argument("--region", help="kode wilayah (mis. 19.06), bersama --date")
        send.add_argument("--date", type=dt.date.fromisoformat, help="tanggal sesi, YYYY-MM-DD")
        send.add_argument("--kind", choices=Kind.values, required=True)
        send.add_argument("--channel", choices=Channel.values, required=True)
        send.add_argument("--dry-run", action="store_true", help="hitung saja, tidak menyimpan atau mengirim")
        send.add_argument("--resend", action="store_true", help="kirim ulang yang sudah terkirim")
        send.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        self.json_output = options["json"]
        common = {
            "kind": options["kind"],
            "channel": options["channel"],
            "scope": NATIONAL,
            "actor": cli_actor(),
            "resend": options["resend"],
            "dry_run": options["dry_run"],
        }
        try:
            reports = self._send(options, common)
        except (DomainError, TemplateProblem) as exc:
            raise InputRejected(exc.message, {"code": getattr(exc, "code", "template_invalid")}) from None
        payload = {
            "sessions": [r.as_dict() for r in reports],
            "sent": sum(r.sent for r in reports),
            "waiting": sum(r.waiting for r in reports),
            "failed": sum(r.failed for r in reports),
            "already": sum(r.already for r in reports),
            "no_address": sum(len(r.no_address) for r in reports),
            "dry_run": options["dry_run"],
        }
        human = "\n".join(r.summary() for r in reports) or "Tidak ada sesi"
        self.emit(payload, human)

    def _send(self, options: dict[str, Any], common: dict[str, Any]) -> list[SendReport]:
        """1. One session by its number; 2. or every session of a region on a date."""
        if options["session"] is not None:
            session = session_with_plan(options["session"])
            if session is None:
                raise UsageError(f"Sesi {options['session']} tidak ditemukan")
            return [messages_send(session=session, **common)]
        if options["date"] is None:
            raise UsageError("--region perlu --date YYYY-MM-DD")
        if not Region.objects.filter(code=options["region"]).exists():
            raise UsageError(f"Wilayah {options['region']} tidak ditemukan")
        return messages_send_region(region_code=options["region"], day=options["date"], **common)
