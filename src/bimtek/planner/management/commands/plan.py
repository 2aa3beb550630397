"""`bimtek plan`: the training planner from the command line.

    bimtek plan solve SCENARIO.json [--time-limit S] [--json]

Exit status: 0 a plan was found (OPTIMAL or FEASIBLE); 1 the scenario was rejected (the error names the field)
or not everyone fits (INFEASIBLE, with the explanation); 2 usage error (unknown option, missing file).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from bimtek.lib.commands import InputRejected, ReportCommand, UsageError
from bimtek.planner.core.io import ScenarioError, instance_from_dict, result_to_dict
from bimtek.planner.core.schema import Instance, Result
from bimtek.planner.core.solver import solve
from bimtek.planner.core.text import tanggal
from bimtek.planner.core.validation import validate


class Command(ReportCommand):
    help = "Menyusun jadwal pelatihan (ToT/bimtek) dari berkas skenario JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{solve}")
        solve_parser = actions.add_parser("solve", help="susun jadwal dari SCENARIO.json tanpa basis data")
        solve_parser.add_argument("scenario", type=Path)
        solve_parser.add_argument(
            "--time-limit", type=float, default=10.0, help="detik untuk CP-SAT (bawaan 10)"
        )
        solve_parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
        # `scenario` (write SCENARIO.json from the database) will be added here, as its own handle_* method.

    def handle(self, *args: Any, **options: Any) -> None:
        self.json_output = bool(options.get("json"))
        if options["action"] == "solve":
            self.handle_solve(options["scenario"], options["time_limit"])

    def handle_solve(self, path: Path, time_limit: float) -> None:
        """1. Read and check the scenario. 2. Solve. 3. Validate. 4. Report; INFEASIBLE exits 1."""
        if time_limit <= 0:
            raise UsageError("--time-limit harus lebih dari 0 detik")
        instance = self.read_scenario(path)
        result = solve(instance, time_limit=time_limit)
        payload = result_to_dict(result, validate(instance, result.plan))
        if result.status == "INFEASIBLE":
            message = (
                result.explanation.message if result.explanation else "tidak semua peserta dapat dijadwalkan"
            )
            if not self.json_output:
                self.stdout.write(self.describe(instance, result, payload))
            raise InputRejected(message, payload)
        self.emit(payload, self.describe(instance, result, payload))

    def read_scenario(self, path: Path) -> Instance:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(f"berkas {path} tidak ditemukan") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputRejected(f"{path}: bukan JSON yang sah ({exc})", {"field": None}) from None
        try:
            return instance_from_dict(data)
        except ScenarioError as exc:
            raise InputRejected(str(exc), {"field": exc.field}) from None

    def describe(self, instance: Instance, result: Result, payload: dict[str, Any]) -> str:
        lines = [
            f"Status: {result.status} ({result.method})",
            f"Peserta: {instance.total_participants()} dalam {len(instance.groups)} kelompok; "
            f"tidak terjadwal: {result.score.unplanned}",
            f"Sesi: {result.score.sessions} (batas bawah {result.lower_bound_sessions}, gap {payload['gap']:.0%})",
        ]
        for session in result.plan.sessions:
            lines.append(
                f"  {tanggal(session.date)} sesi {session.slot} @ {session.venue}: "
                f"{session.participants} peserta, {len(session.allocation)} kelompok"
            )
        if result.explanation:
            lines.append(result.explanation.message)
            lines += [f"  - {d}" for d in result.explanation.details]
            lines += [f"  {'✓' if r.works else '✗'} {r.description}" for r in result.explanation.relaxations]
        lines += [f"PELANGGARAN {v['code']}: {v['message']}" for v in payload["violations"]]
        return "\n".join(lines)
