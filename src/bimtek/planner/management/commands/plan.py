"""`bimtek plan`: the training planner from the command line.

    bimtek plan solve SCENARIO.json [--time-limit S] [--json]
    bimtek plan scenario REGION_CODE --election SLUG --tier tot|bimtek --start YYYY-MM-DD --end YYYY-MM-DD
                         [--venue-capacity N] [--sessions-per-day K] [--linmas] [--out FILE] [--json]
    bimtek plan run PLAN_ID [--wait] [--time-limit S] [--json]
    bimtek plan create REGION_CODE --election SLUG --tier tot|bimtek|pendalaman --start D --end D
                       [--sessions-per-day K] [--facilitators-per-session N] [--linmas] [--json]
    bimtek plan makeup --election SLUG --kecamatan CODE --from D --to D [--sessions-per-day K] [--list] [--json]

Exit status: 0 a plan was found (OPTIMAL or FEASIBLE); 1 the scenario was rejected (the error names the field)
or not everyone fits (INFEASIBLE, with the explanation); 2 usage error (unknown option, missing file).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from bimtek.elections.selectors import election_for_command
from bimtek.lib.commands import InputRejected, ReportCommand, UsageError
from bimtek.planner.core.io import ScenarioError, instance_from_dict, result_to_dict
from bimtek.planner.core.schema import Instance, Result
from bimtek.planner.core.solver import solve
from bimtek.planner.core.text import tanggal
from bimtek.planner.core.validation import validate


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bukan tanggal YYYY-MM-DD: {value}") from None


class Command(ReportCommand):
    help = "Menyusun jadwal pelatihan (ToT/bimtek) dari berkas skenario JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{solve,scenario,run,create,makeup}"
        )
        solve_parser = actions.add_parser("solve", help="susun jadwal dari SCENARIO.json tanpa basis data")
        solve_parser.add_argument("scenario", type=Path)
        solve_parser.add_argument(
            "--time-limit", type=float, default=10.0, help="detik untuk CP-SAT (bawaan 10)"
        )
        solve_parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
        self.add_scenario_arguments(actions)
        self.add_run_arguments(actions)
        self.add_create_arguments(actions)
        self.add_makeup_arguments(actions)

    def add_create_arguments(self, actions: Any) -> None:
        create = actions.add_parser(
            "create", help="simpan rencana dengan semua tempat tersimpan di wilayah itu"
        )
        create.add_argument("region", metavar="REGION_CODE")
        create.add_argument("--election", required=True, metavar="SLUG")
        create.add_argument("--tier", required=True, choices=["tot", "bimtek", "pendalaman"])
        create.add_argument("--start", required=True, type=_iso_date, metavar="YYYY-MM-DD")
        create.add_argument("--end", required=True, type=_iso_date, metavar="YYYY-MM-DD")
        create.add_argument("--sessions-per-day", type=int, default=1)
        create.add_argument("--facilitators-per-session", type=int, default=0)
        create.add_argument("--linmas", action="store_true", help="bimtek/pendalaman: sertakan Linmas")
        create.add_argument("--json", action="store_true", default=argparse.SUPPRESS)

    def add_makeup_arguments(self, actions: Any) -> None:
        makeup = actions.add_parser(
            "makeup", help="usulkan sesi susulan bagi pengganti (PAW) yang belum terlatih"
        )
        makeup.add_argument("--election", required=True, metavar="SLUG")
        makeup.add_argument("--kecamatan", required=True, metavar="CODE")
        makeup.add_argument("--from", dest="start", required=True, type=_iso_date, metavar="YYYY-MM-DD")
        makeup.add_argument("--to", dest="end", required=True, type=_iso_date, metavar="YYYY-MM-DD")
        makeup.add_argument("--sessions-per-day", type=int, default=2)
        makeup.add_argument("--time-limit", type=float, default=5.0)
        makeup.add_argument(
            "--list", action="store_true", help="hanya tampilkan daftar, tanpa menyusun rencana"
        )
        makeup.add_argument("--json", action="store_true", default=argparse.SUPPRESS)

    def add_scenario_arguments(self, actions: Any) -> None:
        scenario = actions.add_parser("scenario", help="tulis SCENARIO.json dari basis data")
        scenario.add_argument("region", metavar="REGION_CODE")
        scenario.add_argument("--election", required=True, metavar="SLUG")
        scenario.add_argument("--tier", required=True, choices=["tot", "bimtek", "pendalaman"])
        scenario.add_argument("--start", required=True, type=_iso_date, metavar="YYYY-MM-DD")
        scenario.add_argument("--end", required=True, type=_iso_date, metavar="YYYY-MM-DD")
        scenario.add_argument(
            "--venue-capacity", type=int, help="tambahkan satu aula di wilayah itu dengan N kursi"
        )
        scenario.add_argument("--sessions-per-day", type=int, default=1)
        scenario.add_argument("--linmas", action="store_true", help="bimtek: sertakan Linmas")
        scenario.add_argument("--out", type=Path, help="berkas tujuan (bawaan: stdout)")
        scenario.add_argument("--json", action="store_true", default=argparse.SUPPRESS)

    def add_run_arguments(self, actions: Any) -> None:
        run = actions.add_parser("run", help="susun rencana tersimpan sebagai pekerjaan latar")
        run.add_argument("plan_id", type=int, metavar="PLAN_ID")
        run.add_argument("--wait", action="store_true", help="susun di proses ini dan tunggu hasilnya")
        run.add_argument("--time-limit", type=float, default=10.0)
        run.add_argument("--json", action="store_true", default=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        self.json_output = bool(options.get("json"))
        if options["action"] == "solve":
            self.handle_solve(options["scenario"], options["time_limit"])
        elif options["action"] == "scenario":
            self.handle_scenario(options)
        elif options["action"] == "run":
            self.handle_run(options["plan_id"], options["wait"], options["time_limit"])
        elif options["action"] == "create":
            self.handle_create(options)
        elif options["action"] == "makeup":
            self.handle_makeup(options)

    def election(self, slug: str) -> Any:

        return election_for_command(slug)

    def handle_create(self, options: dict[str, Any]) -> None:
        """1. Check the call. 2. Store the plan with the region's venues. 3. Report its id (solve with `run`)."""
        from bimtek.lib.commands import cli_actor
        from bimtek.lib.errors import DomainError
        from bimtek.planner.models import Venue
        from bimtek.planner.services import VenueUse, plan_create
        from bimtek.regions.models import Region

        election = self.election(options["election"])
        if not 1 <= options["sessions_per_day"] <= 6:
            raise UsageError("--sessions-per-day harus 1 sampai 6")
        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            raise UsageError(f"wilayah {options['region']} tidak dikenal")
        venues = [VenueUse(v, options["sessions_per_day"]) for v in Venue.objects.within_region(region.code)]
        try:
            plan = plan_create(
                election=election,
                tier=options["tier"],
                region=region,
                start=options["start"],
                end=options["end"],
                venues=venues,
                rules={"facilitators_per_session": options["facilitators_per_session"]},
                include_linmas=options["linmas"],
                actor=cli_actor(),
            )
        except DomainError as exc:
            raise InputRejected(exc.message, {"code": exc.code}) from None
        self.emit(
            {"plan_id": plan.pk, "tier": plan.tier, "venues": len(venues)},
            f"Rencana {plan.pk} ({plan.get_tier_display()}) dibuat dengan {len(venues)} tempat; "
            f"susun dengan: bimtek plan run {plan.pk}",
        )

    def handle_makeup(self, options: dict[str, Any]) -> None:
        """1. List the kecamatan's untrained replacements. 2. Unless --list, store a susulan plan and solve it."""
        from bimtek.lib.commands import cli_actor
        from bimtek.lib.errors import DomainError
        from bimtek.lib.masking import mask_nik
        from bimtek.planner.makeup import makeup_plan_create
        from bimtek.planner.selectors import untrained_replacements
        from bimtek.planner.services import plan_solve
        from bimtek.regions.models import Region

        election = self.election(options["election"])
        if options["end"] < options["start"]:
            raise UsageError("--to harus sama dengan atau sesudah --from")
        if not 1 <= options["sessions_per_day"] <= 6:
            raise UsageError("--sessions-per-day harus 1 sampai 6")
        kecamatan = Region.objects.filter(code=options["kecamatan"]).first()
        if kecamatan is None:
            raise UsageError(f"kecamatan {options['kecamatan']} tidak dikenal")
        people = untrained_replacements(election, kecamatan.code)
        listed = [
            {"name": a.person.name, "nik": mask_nik(a.person.nik), "body": a.body, "region": a.region_id}
            for a in people
        ]
        lines = [f"{len(people)} pengganti (PAW) belum terlatih di {kecamatan.display_name}"]
        lines += [f"  {p['name']} ({p['nik']}) {p['body']} {p['region']}" for p in listed]
        if options["list"]:
            self.emit({"untrained": listed}, "\n".join(lines))
            return
        try:
            plan = makeup_plan_create(
                election=election,
                kecamatan=kecamatan,
                start=options["start"],
                end=options["end"],
                sessions_per_day=options["sessions_per_day"],
                actor=cli_actor(),
            )
        except DomainError as exc:
            raise InputRejected(exc.message, {"code": exc.code, "untrained": listed}) from None
        result = plan_solve(plan=plan, actor=cli_actor(), time_limit=options["time_limit"])
        payload = {"untrained": listed, **result}
        lines.append(
            f"Rencana susulan {plan.pk}: {result['status']}; sesi: {result['sessions']}; "
            f"tidak terjadwal: {result['unplanned_participants']}"
        )
        if result["unplanned_participants"]:
            if not self.json_output:
                self.stdout.write("\n".join(lines))
            raise InputRejected("tidak semua pengganti dapat dijadwalkan", payload)
        self.emit(payload, "\n".join(lines))

    def handle_scenario(self, options: dict[str, Any]) -> None:
        """1. Check the call. 2. Build the instance from the registry. 3. Write the scenario JSON."""
        from bimtek.lib.errors import DomainError
        from bimtek.planner.scenario import plan_scenario

        election = election_for_command(options["election"])
        if options["venue_capacity"] is not None and options["venue_capacity"] < 1:
            raise UsageError("--venue-capacity harus bilangan bulat positif")
        if not 1 <= options["sessions_per_day"] <= 6:
            raise UsageError("--sessions-per-day harus 1 sampai 6")
        try:
            data = plan_scenario(
                election=election,
                tier=options["tier"],
                region_code=options["region"],
                start=options["start"],
                end=options["end"],
                venue_capacity=options["venue_capacity"],
                sessions_per_day=options["sessions_per_day"],
                include_linmas=options["linmas"],
            )
        except DomainError as exc:
            raise InputRejected(exc.message, {"code": exc.code}) from None
        warnings = data.pop("warnings")
        text = json.dumps(data, ensure_ascii=False, indent=1)
        groups, people = len(data["groups"]), sum(g["size"] for g in data["groups"])
        report = {
            "groups": groups,
            "participants": people,
            "venues": len(data["venues"]),
            "warnings": warnings,
            "out": str(options["out"]) if options["out"] else None,
        }
        if options["out"] is None:
            self.stdout.write(text)  # the scenario itself is the output
            return
        options["out"].write_text(text, encoding="utf-8")
        self.emit(
            report,
            f"{options['out']}: {groups} kelompok, {people} peserta, {len(data['venues'])} tempat, "
            f"{len(warnings)} catatan",
        )

    def handle_run(self, plan_id: int, wait: bool, time_limit: float) -> None:
        """Queue a stored plan as a job, or with --wait solve it here and report."""
        from bimtek.lib.commands import cli_actor
        from bimtek.lib.errors import DomainError
        from bimtek.planner.models import TrainingPlan
        from bimtek.planner.services import plan_enqueue, plan_solve

        if time_limit <= 0:
            raise UsageError("--time-limit harus lebih dari 0 detik")
        plan = TrainingPlan.objects.filter(pk=plan_id).first()
        if plan is None:
            raise UsageError(f"rencana {plan_id} tidak ditemukan")
        if not wait:
            try:
                job = plan_enqueue(plan=plan, actor=cli_actor())
            except DomainError as exc:
                raise InputRejected(exc.message, {"code": exc.code}) from None
            self.emit({"job": str(job.pk), "plan_id": plan.pk}, f"Pekerjaan {job.pk} diantrekan")
            return
        result = plan_solve(plan=plan, actor=cli_actor(), time_limit=time_limit)
        human = (
            f"Status: {result['status']}; sesi: {result['sessions']}; "
            f"tidak terjadwal: {result['unplanned_participants']}; pindah: {result['moved']}"
        )
        if result.get("explanation"):
            human += f"\n{result['explanation']['message']}"
        if result["unplanned_participants"]:
            if not self.json_output:
                self.stdout.write(human)
            raise InputRejected("tidak semua peserta dapat dijadwalkan", result)
        self.emit(result, human)

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
