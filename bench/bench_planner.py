"""Benchmark the planner on the real Pemilu 2024 data: the KPPS bimtek of every TPS crew (per kecamatan, as run
25-28 January 2024, and a `tight` variant ending on 26 January) and the PPK/PPS ToT (per kabupaten), each measured
against the lower bound and against greedy in the same run.

    python bench/bench_planner.py [--quick] [--time-limit WORK] [--workers N] [--no-progress] [--tiers a,b]

--quick runs one province (Kepulauan Bangka Belitung, 19). --time-limit is CP-SAT's work budget per part
(deterministic seconds, one worker per part), so the plans are the same on a busy machine. Writes
bench/results/planner.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from bimtek.planner.core.greedy import greedy_plan
from bimtek.planner.core.national import Combined, solve_parts
from bimtek.planner.core.objective import score
from bimtek.planner.core.schema import Instance
from bimtek.planner.examples import pemilu2024_bimtek, tot_instance
from bimtek.planner.realdata import districts, tps_per_village

RESULTS = Path(os.environ.get("BENCH_RESULTS_DIR") or Path(__file__).parent / "results") / "planner.json"
TOT_START = date(2024, 1, 22)


def regencies(scope: str) -> list[str]:
    return sorted({regency for _, (regency, _) in districts().items() if regency.startswith(scope)})


def kecamatan(scope: str) -> list[str]:
    return sorted(code for code in districts() if code.startswith(scope))


def measure(
    name: str, parts: list[Instance], built_s: float, args: argparse.Namespace, *, explain: bool = False
) -> dict[str, Any]:
    started = time.perf_counter()
    combined = solve_parts(
        parts,
        time_limit=args.time_limit,
        workers=args.workers,
        progress=not (args.no_progress or args.smoke),
        explain=explain,
    )
    solved_s = time.perf_counter() - started
    started = time.perf_counter()
    greedy = [score(p, greedy_plan(p)) for p in parts]
    greedy_s = time.perf_counter() - started
    return row(name, parts, combined, greedy, built_s, solved_s, greedy_s)


def row(
    name: str, parts: list[Instance], c: Combined, greedy: list[Any], built: float, solved: float, g: float
) -> dict[str, Any]:
    """Sessions are compared on the parts where both plans seat everyone (a plan that leaves people out can
    always have fewer sessions); `unplanned` and `greedy_unplanned` compare the rest."""
    complete = [
        (r.score.sessions, s.sessions, r.lower_bound_sessions)
        for r, s in zip(c.results, greedy, strict=True)
        if r.score.unplanned == 0 and s.unplanned == 0
    ]
    sessions, greedy_sessions, bound = (sum(x[i] for x in complete) for i in range(3))
    return {
        "tier": name,
        "subproblems": len(parts),
        "groups": sum(len(p.groups) for p in parts),
        "participants": sum(p.total_participants() for p in parts),
        "build_s": round(built, 1),
        "solve_s": round(solved, 1),
        "greedy_s": round(g, 1),
        "sessions_all_parts": c.score.sessions,
        "compared_parts": len(complete),
        "sessions": sessions,
        "lower_bound_sessions": bound,
        "gap": round((sessions - bound) / sessions, 4) if sessions else 0.0,
        "greedy_sessions": greedy_sessions,
        "ratio_to_greedy": round(sessions / greedy_sessions, 4) if greedy_sessions else 1.0,
        "parts_improved": sum(1 for x in complete if x[0] < x[1]),
        "parts_greedy_above_bound": sum(1 for x in complete if x[1] > x[2]),
        "unplanned": c.score.unplanned,
        "greedy_unplanned": sum(s.unplanned for s in greedy),
        "parts_everyone_planned": sum(1 for r in c.results if r.score.unplanned == 0),
        "greedy_parts_everyone_planned": sum(1 for s in greedy if s.unplanned == 0),
        "methods": c.methods(),
        "infeasible_parts": sum(1 for r in c.results if r.plan.unplanned),
        "conflicts": c.conflicts() if any(r.explanation for r in c.results) else "not explained in this tier",
    }


def bimtek_parts(scope: str, *, tight: bool = False) -> tuple[list[Instance], float]:
    started = time.perf_counter()
    parts = [pemilu2024_bimtek(code, tight=tight) for code in kecamatan(scope)]
    return [p for p in parts if p.groups], time.perf_counter() - started


def tot_parts(scope: str) -> tuple[list[Instance], float]:
    started = time.perf_counter()
    parts = [
        tot_instance(code, start=TOT_START, day_count=3, capacity=300, sessions_per_day=2)
        for code in regencies(scope)
    ]
    return parts, time.perf_counter() - started


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        f"{'tier':<13}{'parts':>7}{'groups':>9}{'people':>10}{'solve s':>9}{'sessions':>10}{'LB':>9}{'gap':>7}"
        f"{'greedy':>9}{'ratio':>7}{'out':>8}{'greedy out':>11}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['tier']:<13}{r['subproblems']:>7}{r['groups']:>9}{r['participants']:>10}{r['solve_s']:>9}"
            f"{r['sessions']:>10}{r['lower_bound_sessions']:>9}{r['gap']:>7.1%}{r['greedy_sessions']:>9}"
            f"{r['ratio_to_greedy']:>7.3f}{r['unplanned']:>8}{r['greedy_unplanned']:>11}"
        )
    for r in rows:
        lines.append(
            f"{r['tier']}: sessions compared on {r['compared_parts']} parts where both plans seat everyone; "
            f"the planner beats plain greedy on {r['parts_improved']} of the {r['parts_greedy_above_bound']} "
            f"where plain greedy is above the bound; everyone planned in {r['parts_everyone_planned']} parts (greedy "
            f"{r['greedy_parts_everyone_planned']}); methods {r['methods']}"
        )
        if r["infeasible_parts"]:
            lines.append(
                f"  {r['infeasible_parts']} parts cannot fit everyone; conflicting rules: {r['conflicts']}"
            )
    return "\n".join(lines)


def ratios(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per tier: sessions over greedy's and over the bound (fewer is better), and the solve time."""
    out: dict[str, Any] = {}
    for r in rows:
        bound = r["lower_bound_sessions"]
        out[f"{r['tier']} sessions x greedy"] = {"value": r["ratio_to_greedy"], "better": "lower"}
        out[f"{r['tier']} sessions x bound"] = {
            "value": round(r["sessions"] / bound, 4) if bound else None,
            "better": "lower",
        }
        out[f"{r['tier']} solve s"] = {"value": r["solve_s"], "better": "lower"}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="one province (19) instead of the country")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="one kabupaten (31.71, Jakarta Pusat: every tight part short of seats): the same tiers, for CI",
    )
    parser.add_argument(
        "--time-limit", type=float, default=0.3, help="CP-SAT work per part (deterministic seconds)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-progress", action="store_true")
    parser.add_argument("--scope", default="", help="a region code prefix such as 33. (default: Indonesia)")
    parser.add_argument("--tiers", default="bimtek,bimtek-tight,ToT", help="comma-separated, in this order")
    args = parser.parse_args()
    scope = "31.71" if args.smoke else "19." if args.quick else args.scope
    started = time.perf_counter()
    tps_per_village()  # load the data once, outside the timings
    tiers = {
        "bimtek": lambda: measure("bimtek", *bimtek_parts(scope), args),
        "bimtek-tight": lambda: measure("bimtek-tight", *bimtek_parts(scope, tight=True), args, explain=True),
        "ToT": lambda: measure("ToT", *tot_parts(scope), args),
    }
    rows = []
    for name in args.tiers.split(","):
        rows.append(tiers[name]())
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)  # each tier as soon as it is done
    total = time.perf_counter() - started
    print(table(rows))
    print(
        f"total {total:.0f} s (scope: {scope or 'Indonesia'}, time limit {args.time_limit} s, {args.workers} workers)"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": "planner",
        "smoke": args.smoke,
        "quick": args.quick,
        "ratios": ratios(rows),
        "scope": scope or "national",
        "total_s": round(total, 1),
        "time_limit_s": args.time_limit,
        "workers": args.workers,
        "rows": rows,
    }
    unexplained = {r["tier"]: r["conflicts"].get("?", 0) for r in rows if isinstance(r["conflicts"], dict)}
    payload["checks"] = {
        f"{tier}: every part that cannot seat everyone explained": not n for tier, n in unexplained.items()
    }
    RESULTS.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    print(f"written {RESULTS}", file=sys.stderr)
    for tier, n in unexplained.items():
        if n:
            print(f"CHECK FAILED: {tier}: {n} parts cannot seat everyone and no conflict was proven")
    return 1 if any(unexplained.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
