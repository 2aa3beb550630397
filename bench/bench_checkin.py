#!/usr/bin/env python3
"""Check-in under load: the real HTTP endpoints on PostgreSQL, driven by wrk over loopback.

    .venv/bin/python bench/bench_checkin.py [--quick] [--seconds S] [--workers N]

1. A fresh database `bimtek_checkin` (BENCH_CHECKIN_URL, default postgres://postgres@127.0.0.1:5432/bimtek_checkin),
   migrated; the bundled regions and the Pemilu 2024 TPS of Kabupaten Purbalingga; full KPPS crews at every TPS;
   sessions of 21 crews (147 participants) each at kecamatan halls; one PPK-level facilitator account.
2. gunicorn (N sync workers) serves the project on 127.0.0.1; wrk (fixed connections, bounded time) posts to
   - `scan`: one check-in per request, the phone's single endpoint;
   - `sync`: queued scans in batches of 25, the phone's sync after a spell offline;
   every tenth request re-sends an earlier key, as a phone retrying after a timeout does.
3. Baselines in the same run: `static` (wrk GETs a static file through the same server: the HTTP floor) and
   `raw insert` (psycopg inserts the same rows, one INSERT ... ON CONFLICT DO NOTHING and COMMIT each, from as
   many connections as wrk used).
4. Checks: rows stored = check-ins answered "created" = distinct (session, person, part) among the keys sent,
   no duplicate, no non-2xx answer. Exit 1 if a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _checkin_data import (  # noqa: E402
    CSRF,
    DB_URL,
    db_counts,
    env,
    raw_insert,
    recreate_db,
    settle,
    setup,
    truncate,
    venv,
)
from _checkin_load import (  # noqa: E402
    CPU_KINDS,
    LUA,
    STATIC_LUA,
    cpu_per_request,
    cpu_seconds,
    free_port,
    run_wrk,
    stop_server,
    wait_until_serving,
    write_items,
)
from _common import REPO_DIR, ratio, table, write_result  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 s per phase, fewer participants")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="600 participants, 5 s per phase, 4 connections: the same phases and checks, for CI",
    )
    parser.add_argument("--seconds", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--connections", type=int, default=None, help="wrk connections (16; --smoke 4)")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"], help="gunicorn -k")
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--setup-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    people = 600 if args.smoke else 4000 if args.quick else 16000
    if args.setup_child:
        print("SETUPJSON " + json.dumps(setup(people)))
        return 0
    seconds = args.seconds or (5 if args.smoke else 8 if args.quick else 20)
    args.connections = args.connections or (4 if args.smoke else 16)
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk")
        return 1
    try:
        recreate_db()
    except Exception as exc:  # unreachable PostgreSQL: say so and stop
        print(f"PostgreSQL unreachable at {DB_URL}: {exc}")
        return 1
    print(f"setting up {DB_URL} ({people} participants) ...", flush=True)
    t0 = time.perf_counter()
    done = subprocess.run(  # noqa: S603 (this script)
        [sys.executable, __file__, "--setup-child", *(["--quick"] if args.quick else [])]
        + (["--smoke"] if args.smoke else []),
        env=env(),
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        check=False,
    )  # noqa: S603
    match = re.search(r"SETUPJSON (\{.*\})", done.stdout)
    if done.returncode or not match:
        print(done.stdout[-3000:], done.stderr[-3000:])
        return 1
    data = json.loads(match.group(1))
    items = [tuple(i) for i in data["items"]]
    print(f"setup {time.perf_counter() - t0:.0f} s: {len(items)} participants", flush=True)

    port = free_port()
    # The server's log goes to a file, not a pipe nobody reads: a full pipe would block gunicorn mid-benchmark.
    server_log = tempfile.NamedTemporaryFile(prefix="bench-checkin-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [
            venv("gunicorn"),
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--graceful-timeout",
            "5",
            "-k",
            args.worker_class,
            *(["--threads", str(args.threads)] if args.worker_class == "gthread" else []),
            "bimtek.wsgi:application",
        ],
        env=env(),
        cwd=REPO_DIR,
        stdout=subprocess.DEVNULL,
        stderr=server_log,
        start_new_session=True,
    )
    results: dict[str, dict[str, object]] = {}
    ok = True
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(f"{base}/static/delivery/checkin.js")
        threads = 2
        with tempfile.TemporaryDirectory() as tmp:
            before = cpu_seconds(server.pid)
            results["static"] = run_wrk(
                STATIC_LUA, f"{base}/static/delivery/checkin.js", seconds, args.connections, threads
            )
            results["static"]["cpu_ms_per_request"] = cpu_per_request(
                before,
                cpu_seconds(server.pid),
                int(results["static"]["requests"]),  # type: ignore[call-overload]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
            )
            ok &= bool(results["static"]["requests"])
            for mode, batch in (("scan", 1), ("sync", 25)):
                truncate()
                data_file = Path(tmp) / f"items-{mode}.lua"
                write_items(data_file, items, 25)
                lua = LUA % {
                    "data": data_file,
                    "mode": mode,
                    "batch": batch,
                    "threads": threads,
                    "cookie": data["cookie"],
                    "csrf": CSRF,
                }
                run_wrk(lua, base, 2, 4, threads)  # warm-up: workers import, connections open
                settle()
                truncate()
                before = cpu_seconds(server.pid)
                out = run_wrk(lua, base, seconds, args.connections, threads)
                out["cpu_ms_per_request"] = cpu_per_request(
                    before, cpu_seconds(server.pid), int(out["requests"])
                )  # type: ignore[call-overload]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
                settle()
                counts = db_counts()
                pairs = 2 * len(Path(data_file).read_text().splitlines()[1:-1])
                # fresh (item, part) slots sent: thread t used slots t, t+T, ... up to its max slot
                distinct = min(pairs, sum((m // threads) + 1 for m in out["maxslots"] if m >= 0))  # type: ignore[union-attr]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
                out.update(counts, distinct_sent=distinct)
                bad = {c: n for c, n in out["codes"].items() if c not in ("200", "201")}  # type: ignore[union-attr]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
                # A request still in flight when wrk stops may be stored without its answer being counted, so
                # rows lie between the "created" answers (nothing lost) and the distinct check-ins sent.
                # A request wrk gave up on (its timeout) may be stored too, after wrk opened a new connection.
                in_flight = (args.connections + int(out.get("timeouts", 0))) * batch  # type: ignore[call-overload]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
                checks = {
                    "some requests answered": bool(out["requests"]),
                    "no error answers": not bad,
                    # 200 answers whose items were all refused would measure refusals, not check-ins.
                    "check-ins were stored": bool(out["created"]) and bool(counts["rows"]),
                    "every created answer is a row (nothing lost)": counts["rows"] >= out["created"],
                    "rows <= distinct check-ins sent (nothing invented)": counts["rows"] <= distinct,
                    "unanswered rows within the in-flight bound": counts["rows"] - out["created"]
                    <= in_flight,
                    "no duplicate (session, person, part)": counts["rows"] == counts["distinct_triples"],
                    # the incremental readiness's mark, as in the field: a crew's first scan marks its TPS
                    "readiness marks were made": counts["marks"] > 0,
                }
                out["checks"] = checks
                ok &= all(checks.values())
                results[mode] = out
        truncate()
        sample = [
            (s, p, part, f"raw-{i}-{part}")
            for i, (s, p, _) in enumerate(
                items[: (people if args.smoke else 4000 if args.quick else 12000) // 2]
            )
            for part in ("pagi", "siang")
        ]
        results["raw_insert"] = {"per_second": raw_insert(sample, args.connections), "rows": len(sample)}
    finally:
        stop_server(server)
        server_log.close()
        if not ok or "raw_insert" not in results:
            with open(server_log.name, encoding="utf-8", errors="replace") as log:
                print("server log (tail):", log.read()[-3000:], sep="\n")
        os.unlink(server_log.name)

    raw = float(results["raw_insert"]["per_second"])  # type: ignore[arg-type]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
    static_rps = results["static"]["requests"] / results["static"]["seconds"] or float("nan")  # type: ignore[operator]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
    rows = [
        [
            "static file (HTTP floor)",
            f"{static_rps:,.0f}",
            "",
            "",
            f"{results['static']['p95_ms']:.1f}",
            "",
            "",
        ]
    ]
    for mode in ("scan", "sync"):
        r = results[mode]
        rps = r["requests"] / r["seconds"]  # type: ignore[operator]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
        cps = r["sent"] / r["seconds"]  # type: ignore[operator]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
        stored = r["rows"] / r["seconds"]  # type: ignore[operator]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
        rows.append(
            [
                f"{mode} endpoint",
                f"{rps:,.0f}",
                f"{cps:,.0f}",
                f"{stored:,.0f}",
                f"{r['p95_ms']:.1f}",
                f"{cps / raw:.2f}",
                "ok" if all(r["checks"].values()) else "FAILED",
            ]
        )  # type: ignore[union-attr]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
    rows.append(["raw INSERT+COMMIT per row", "", f"{raw:,.0f}", f"{raw:,.0f}", "", "1.00", ""])
    print(
        f"\ncheck-in on PostgreSQL, gunicorn {args.workers} {args.worker_class} workers, wrk 2 threads x {args.connections} connections, {seconds} s per phase"
    )
    # check-ins/s counts every check-in answered, "already" included (a retry, or a key past the data's end);
    # stored/s counts only the rows written.
    print(table(["phase", "requests/s", "check-ins/s", "stored/s", "p95 ms", "x raw", "checks"], rows))
    cpu = {m: results[m].get("cpu_ms_per_request") for m in ("static", "scan", "sync")}
    if all(cpu.values()):
        # Where a request's time goes: the machine is CPU-bound under this load, so these add up to its cost.
        print(
            "CPU ms per request ("
            + ", ".join(CPU_KINDS)
            + "): "
            + "; ".join(f"{m} " + " / ".join(f"{c[k]:.2f}" for k in CPU_KINDS) for m, c in cpu.items())  # type: ignore[union-attr]  # checked just above
        )
    for mode in ("scan", "sync"):
        r = results[mode]
        print(
            f"{mode}: {r['sent']} check-ins sent ({r['created']} created, {r['already']} already), rows {r['rows']}, distinct sent {r['distinct_sent']}, codes {r['codes']}, wrk timeouts {r.get('timeouts', 0)}"
        )
        for name, passed in r["checks"].items():  # type: ignore[union-attr]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
            print(f"  {'ok  ' if passed else 'FAIL'} {name}")
    write_result(
        "checkin",
        {
            "smoke": args.smoke,
            "ratios": {
                "scan requests/s x static floor": ratio(
                    results["scan"]["requests"] / results["scan"]["seconds"] / static_rps  # type: ignore[operator]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
                ),
                "scan check-ins/s x raw insert": ratio(
                    results["scan"]["sent"] / results["scan"]["seconds"] / raw
                ),  # type: ignore[operator]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
                "sync check-ins/s x raw insert": ratio(
                    results["sync"]["sent"] / results["sync"]["seconds"] / raw
                ),  # type: ignore[operator]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
            },
            "seconds": seconds,
            "workers": args.workers,
            "worker_class": args.worker_class,
            "connections": args.connections,
            **results,
        },
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
