"""Benchmark the planner on the real Pemilu 2024 data: the KPPS bimtek of every TPS crew (per kecamatan) and
the PPK/PPS ToT (per kabupaten), each measured against the lower bound and against greedy in the same run.

    python bench/bench_planner.py [--quick] [--time-limit S] [--workers N] [--no-progress]

--quick runs one province (Kepulauan Bangka Belitung, 19). Writes bench/results/planner.json.
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
from bimtek.planner.examples import bimtek_instance, tot_instance
from bimtek.planner.realdata import districts, tps_per_village

RESULTS = Path(os.environ.get("BENCH_RESULTS_DIR") or Path(__file__).parent / "results") / "planner.json"
BIMTEK_START, TOT_START = date(2024, 1, 25), date(2024, 1, 22)


def regencies(scope: str) -> list[str]:
    return sorted({regency for _, (regency, _) in districts().items() if regency.startswith(scope)})


def kecamatan(scope: str) -> list[str]:
    return sorted(code for code in districts() if code.startswith(scope))


def measure(name: str, parts: list[Instance], built_s: float, args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    combined = solve_parts(
        parts, time_limit=args.time_limit, workers=args.workers, progress=not args.no_progress
    )
    solved_s = time.perf_counter() - started
    started = time.perf_counter()
    greedy = [score(p, greedy_plan(p)) for p in parts]
    greedy_s = time.perf_counter() - started
    return row(name, parts, combined, greedy, built_s, solved_s, greedy_s)


def row(
    name: str, parts: list[Instance], c: Combined, greedy: list[Any], built: float, solved: float, g: float
) -> dict[str, Any]:  # noqa: E501
    greedy_sessions = sum(s.sessions for s in greedy)
    sessions = c.score.sessions
    return {
        "tier": name,
        "subproblems": len(parts),
        "groups": sum(len(p.groups) for p in parts),
        "participants": sum(p.total_participants() for p in parts),
        "build_s": round(built, 1),
        "solve_s": round(solved, 1),
        "greedy_s": round(g, 1),
        "sessions": sessions,
        "lower_bound_sessions": c.lower_bound_sessions,
        "gap": round((sessions - c.lower_bound_sessions) / sessions, 4) if sessions else 0.0,
        "greedy_sessions": greedy_sessions,
        "ratio_to_greedy": round(sessions / greedy_sessions, 4) if greedy_sessions else 1.0,
        "unplanned": c.score.unplanned,
        "greedy_unplanned": sum(s.unplanned for s in greedy),
        "methods": c.methods(),
    }


def bimtek_parts(scope: str) -> tuple[list[Instance], float]:
    started = time.perf_counter()
    parts = [bimtek_instance(code, start=BIMTEK_START, day_count=4) for code in kecamatan(scope)]
    return [p for p in parts if p.groups], time.perf_counter() - started


def tot_parts(scope: str) -> tuple[list[Instance], float]:
    started = time.perf_counter()
    parts = [
        tot_instance(code, start=TOT_START, day_count=3, capacity=300, sessions_per_day=2)
        for code in regencies(scope)
    ]
    return parts, time.perf_counter() - started


def table(rows: list[dict[str, Any]]) -> str:
    head = f"{'tier':<8}{'parts':>7}{'groups':>9}{'people':>10}{'solve s':>9}{'sessions':>10}{'LB':>9}{'gap':>7}{'greedy':>9}{'ratio':>7}{'out':>5}"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['tier']:<8}{r['subproblems']:>7}{r['groups']:>9}{r['participants']:>10}{r['solve_s']:>9}"
            f"{r['sessions']:>10}{r['lower_bound_sessions']:>9}{r['gap']:>7.1%}{r['greedy_sessions']:>9}"
            f"{r['ratio_to_greedy']:>7.3f}{r['unplanned']:>5}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="one province (19) instead of the country")
    parser.add_argument("--time-limit", type=float, default=1.0, help="CP-SAT seconds per subproblem")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args()
    scope = "19." if args.quick else ""
    started = time.perf_counter()
    tps_per_village()  # load the data once, outside the timings
    rows = [measure("bimtek", *bimtek_parts(scope), args), measure("ToT", *tot_parts(scope), args)]
    total = time.perf_counter() - started
    print(table(rows))
    print(
        f"total {total:.0f} s (scope: {'province 19' if args.quick else 'Indonesia'}, time limit {args.time_limit} s, {args.workers} workers)"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "scope": scope or "national",
        "total_s": round(total, 1),
        "time_limit_s": args.time_limit,
        "workers": args.workers,
        "rows": rows,
    }
    RESULTS.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    print(f"written {RESULTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
