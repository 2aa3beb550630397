"""bimtek budget estimate|actual --election SLUG --region CODE [--plan ID] [--tier T] [--session ID] [--wave DATE]
[--json]:
the training budget (RAB) of a region, plan, tier or session, estimated from the sessions or set against the
actuals (the attendance pay list and the costs finance entered)."""

import datetime as dt
from typing import Any

from django.core.management.base import CommandParser

from bimtek.accounts.scoping import Scope
from bimtek.budget.core import rupiah
from bimtek.budget.selectors import Budget, Focus, budget_of
from bimtek.elections.selectors import election_for_command
from bimtek.lib.commands import ReportCommand, UsageError
from bimtek.planner.models import Tier
from bimtek.planner.sessions import has_plan, has_session
from bimtek.regions.selectors import region_for_command


class Command(ReportCommand):
    help = "Anggaran pelatihan (RAB): estimasi dari rencana, dan realisasinya."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (
            ("estimate", "estimasi anggaran dari sesi-sesi rencana, per komponen dan akun belanja"),
            ("actual", "estimasi dibanding realisasi (daftar honorarium/transport dan biaya yang dicatat)"),
        ):
            cmd = sub.add_parser(name, help=text)
            cmd.add_argument("--election", required=True, help="slug pemilihan")
            cmd.add_argument("--region", required=True, help="kode wilayah Kemendagri, mis. 19.06")
            cmd.add_argument("--plan", type=int, help="nomor rencana (lihat halaman Rencana)")
            cmd.add_argument("--tier", choices=[Tier.TOT, Tier.BIMTEK], help="satu jenjang: tot atau bimtek")
            cmd.add_argument("--session", type=int, help="nomor satu sesi")
            cmd.add_argument(
                "--wave",
                type=dt.date.fromisoformat,
                help="satu gelombang: sesi yang mulai pada tanggal (YYYY-MM-DD)",
            )
            cmd.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        """1. Find the election, region, plan or session; 2. compute; 3. report."""
        self.json_output = options["json"]
        election = election_for_command(options["election"])
        code = options["region"]
        region_for_command(code)
        plan_id, session_id = options.get("plan"), options.get("session")
        if plan_id is not None and not has_plan(election, plan_id):
            raise UsageError(f"Rencana {plan_id} tidak ada dalam {election.name}; lihat halaman Rencana")
        if session_id is not None and not has_session(election, session_id):
            raise UsageError(f"Sesi {session_id} tidak ada dalam {election.name}")
        focus = Focus(
            code,
            plan_id=plan_id,
            tier=options.get("tier") or "",
            session_id=session_id,
            wave=options.get("wave"),
        )
        budget = budget_of(election=election, scope=Scope(None, None), focus=focus)
        title = f"Anggaran {election.name}, {code}" + (f", rencana {plan_id}" if plan_id else "")
        if options["action"] == "estimate":
            self.emit(estimate_dict(budget, election.slug), estimate_text(budget, title))
        else:
            self.emit(actual_dict(budget, election.slug), actual_text(budget, title))


def _head(budget: Budget, slug: str) -> dict[str, Any]:
    f = budget.focus
    return {"election": slug, "region": f.region_code, "plan": f.plan_id, "tier": f.tier or None,
            "session": f.session_id, "wave": f.wave.isoformat() if f.wave else None,
            "sessions": budget.sessions}  # fmt: skip


def estimate_dict(budget: Budget, slug: str) -> dict[str, Any]:
    return {
        **_head(budget, slug),
        "lines": [
            {
                "item": line.item.value,
                "label": line.label,
                "akun": line.akun,
                "quantity": line.quantity,
                "unit": line.unit,
                "unit_cost": line.unit_cost,
                "amount": line.amount,
                "basis": line.basis,
            }
            for line in budget.lines
        ],  # fmt: skip
        "total": budget.totals.estimate,
        "total_words": budget.totals.estimate_words,
    }


def actual_dict(budget: Budget, slug: str) -> dict[str, Any]:
    t = budget.totals
    return {
        **_head(budget, slug),
        "rows": [
            {
                "item": r.item.value,
                "label": r.label,
                "akun": r.akun,
                "estimate": r.estimate,
                "actual": r.actual,
                "difference": r.difference,
            }
            for r in budget.rows
        ],  # fmt: skip
        "children": [
            {"code": c.code, "name": c.name, "estimate": c.estimate, "actual": c.actual}
            for c in budget.children
        ],
        "pay_list": {
            "people": budget.pay.people,
            "transport": budget.pay.transport,
            "honorarium": budget.pay.honorarium,
        },  # fmt: skip
        "estimate": t.estimate,
        "actual": t.actual,
        "difference": t.difference,
        "estimate_words": t.estimate_words,
        "actual_words": t.actual_words,
    }


def estimate_text(budget: Budget, title: str) -> str:
    lines = [f"{title}: {budget.sessions} sesi"]
    for line in budget.lines:
        lines.append(f"  {line.akun} {line.label:<24} {rupiah(line.amount):>16}  {line.basis}")
    lines.append(f"  {'Jumlah':<31} {rupiah(budget.totals.estimate):>16}")
    lines.append(f"  Terbilang: {budget.totals.estimate_words}")
    return "\n".join(lines)


def actual_text(budget: Budget, title: str) -> str:
    lines = [
        f"{title}: {budget.sessions} sesi",
        f"  {'akun':<6} {'komponen':<28} {'estimasi':>16} {'realisasi':>16}",
    ]
    for r in budget.rows:
        lines.append(f"  {r.akun:<6} {r.label:<28} {rupiah(r.estimate):>16} {rupiah(r.actual):>16}")
    t = budget.totals
    lines.append(f"  {'':<6} {'Jumlah':<28} {rupiah(t.estimate):>16} {rupiah(t.actual):>16}")
    lines.append(f"  Terbilang realisasi: {t.actual_words}")
    return "\n".join(lines)
