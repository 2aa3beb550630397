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
import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_DIR, ratio, table, write_result  # noqa: E402

DB_URL = os.environ.get("BENCH_CHECKIN_URL", "postgres://postgres@127.0.0.1:5432/bimtek_checkin")
REGENCY = "33.03"  # Purbalingga: 18 kecamatan, 239 desa, about 2,900 TPS in the bundled Pemilu 2024 counts
CREWS_PER_SESSION = 21
PASSWORD = "bench-password-123"  # noqa: S105 (a throwaway account in a throwaway database)
CSRF = "a" * 32


def venv(name: str) -> str:
    path = REPO_DIR / ".venv" / "bin" / name
    return str(path) if path.exists() else name


FIRST_DAY = dt.date(2024, 1, 26)


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "DJANGO_SETTINGS_MODULE": "bimtek.settings",
        "SECRET_KEY": "bench-only-secret-key-which-is-long-enough-0123456789",
        "BIMTEK_DATA_DIR": os.environ.get("BENCH_DATA_DIR", tempfile.gettempdir() + "/bimtek-bench-checkin"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "AXES_ENABLED": "false",
        # The sessions lie in January 2024: pin "today" to their first day, or every scan would be refused as
        # after the session's day (session_over) and the benchmark would measure refusals.
        "BIMTEK_TODAY": FIRST_DAY.isoformat(),
    }


def recreate_db() -> None:
    import psycopg

    base, name = DB_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# -- setup, in a child process with Django configured for the bench database ---------------------------------


def setup(people_limit: int) -> dict[str, object]:
    import django

    django.setup()

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from bimtek.accounts.services import user_create
    from bimtek.delivery.services import participant_token
    from bimtek.elections.models import TPS
    from bimtek.elections.services import bundled_tps_counts, election_create, tps_import
    from bimtek.planner.models import SessionGroup, Tier, TrainingPlan, TrainingSession, Venue
    from bimtek.regions.models import Level, Region
    from bimtek.regions.services import bundled_regions_dir, regions_import
    from bimtek.workforce.models import Appointment, Person
    from bimtek.workforce.nik import make_nik

    call_command("migrate", verbosity=0, interactive=False)
    regions_import(path=bundled_regions_dir(), actor="bench")
    election = election_create(
        slug="pemilu-2024", name="Pemilu 2024", kind="pemilu", voting_day=dt.date(2024, 2, 14), actor="bench"
    )
    tps_import(election=election, source=bundled_tps_counts(), actor="bench", region_code=REGENCY)
    day = FIRST_DAY
    plan = TrainingPlan.objects.create(
        election=election, tier=Tier.BIMTEK, region_id=REGENCY, start=day, end=day + dt.timedelta(days=3)
    )
    items: list[tuple[int, int, str]] = []  # (session id, person id, token)
    serial: dict[str, int] = {}
    birth = dt.date(1985, 3, 12)
    for kecamatan in Region.objects.filter(level=Level.KECAMATAN, code__startswith=f"{REGENCY}.").order_by(
        "code"
    ):
        venue = Venue.objects.create(name=f"Aula {kecamatan.name}", region=kecamatan, capacity=150)
        tps_rows = list(
            TPS.objects.filter(election=election, village__code__startswith=f"{kecamatan.code}.").order_by(
                "village_id", "number"
            )
        )
        for n, start in enumerate(range(0, len(tps_rows), CREWS_PER_SESSION)):
            session = TrainingSession.objects.create(
                plan=plan,
                venue=venue,
                date=day + dt.timedelta(days=n // 4),
                slot=n % 4 + 1,
                region_code=kecamatan.code,
            )
            for tps in tps_rows[start : start + CREWS_PER_SESSION]:
                people = []
                for _ in range(7):
                    serial[kecamatan.code] = serial.get(kecamatan.code, 0) + 1
                    people.append(
                        Person(
                            nik=make_nik(kecamatan.code, birth, "L", serial[kecamatan.code]),
                            name=f"Peserta {kecamatan.code} {serial[kecamatan.code]}",
                            birth_date=birth,
                            sex="L",
                            region_id=tps.village_id,
                        )
                    )
                people = Person.objects.bulk_create(people)
                Appointment.objects.bulk_create(
                    Appointment(
                        election=election, person=p, body="kpps", region_id=tps.village_id, tps=tps, seat=s
                    )
                    for s, p in enumerate(people, start=1)
                )
                SessionGroup.objects.create(
                    plan=plan,
                    session=session,
                    key=f"tps-{tps.pk}",
                    body="kpps",
                    region_code=tps.village_id,
                    tps=tps,
                    participants=7,
                )
                items += [(session.pk, p.pk, participant_token(p.pk)) for p in people]
            if len(items) >= people_limit:
                break
        if len(items) >= people_limit:
            break
    user = user_create(
        username="kpu-bench", password=PASSWORD, role="kpu_kabkota", region_code=REGENCY, actor="bench"
    )
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return {"items": items, "cookie": f"sessionid={store.session_key}; csrftoken={CSRF}"}


# -- wrk ----------------------------------------------------------------------------------------------------------

LUA = r"""
local items = dofile("%(data)s")
local mode = "%(mode)s"
local batch = %(batch)d
local parts = {"pagi", "siang"}
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  thread:set("nthreads", %(threads)d)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  n = 0          -- requests made by this thread
  sent = 0       -- check-ins sent (scan: 1 per request, sync: batch)
  codes = {}
  created = 0
  already = 0
  maxslot = -1   -- highest fresh slot index this thread used
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Cookie"] = "%(cookie)s"
  wrk.headers["X-CSRFToken"] = "%(csrf)s"
end

-- The thread's k-th fresh check-in: slot = id + k * nthreads over (item, part) pairs; every 10th request
-- re-sends the previous request's keys instead.
local function entry(slot)
  local i = math.floor(slot / 2) %% #items + 1
  local it = items[i]
  local part = parts[slot %% 2 + 1]
  return it, part, string.format('{"key":"bench-%%08d","part":"%%s","token":"%%s"}', slot, part, it[3])
end

local fresh = 0
local last_first = 0
function request()
  n = n + 1
  local first
  if n %% 10 == 0 and n > 1 then
    first = last_first
  else
    first = fresh
    fresh = fresh + (mode == "sync" and batch or 1)
  end
  last_first = first
  local bodies = {}
  local count = (mode == "sync") and batch or 1
  local session
  for k = 0, count - 1 do
    local slot = id + (first + k) * nthreads
    local it, part, body = entry(slot)
    if slot > maxslot then maxslot = slot end
    bodies[#bodies + 1] = body
    session = session or it[1]
  end
  sent = sent + count
  -- all items of one request must be of one session: batches are cut per session in the data file
  if mode == "sync" then
    return wrk.format(nil, "/pelaksanaan/sesi/" .. session .. "/hadir/sinkron/", nil, '{"items":[' .. table.concat(bodies, ",") .. ']}')
  end
  return wrk.format(nil, "/pelaksanaan/sesi/" .. session .. "/hadir/pindai/", nil, bodies[1])
end

function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
  if mode == "sync" and status == 200 then
    for _ in string.gmatch(body, '"code": "created"') do created = created + 1 end
    for _ in string.gmatch(body, '"code": "already"') do already = already + 1 end
  elseif status == 201 then created = created + 1
  elseif status == 200 then already = already + 1 end
end

function done(summary, latency, requests)
  local out = {codes = {}, created = 0, already = 0, sent = 0, maxslots = {}}
  for _, t in ipairs(threads) do
    out.created = out.created + t:get("created")
    out.already = out.already + t:get("already")
    out.sent = out.sent + t:get("sent")
    table.insert(out.maxslots, t:get("maxslot"))
    for code, c in pairs(t:get("codes")) do out.codes[tostring(code)] = (out.codes[tostring(code)] or 0) + c end
  end
  local codes = {}
  for code, c in pairs(out.codes) do codes[#codes + 1] = string.format('"%%s": %%d', code, c) end
  local maxs = {}
  for _, m in ipairs(out.maxslots) do maxs[#maxs + 1] = tostring(m) end
  io.write(string.format('WRKJSON {"requests": %%d, "seconds": %%f, "p50_ms": %%f, "p95_ms": %%f, "p99_ms": %%f, "created": %%d, "already": %%d, "sent": %%d, "codes": {%%s}, "maxslots": [%%s]}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, out.created, out.already, out.sent, table.concat(codes, ", "), table.concat(maxs, ", ")))
end
"""

STATIC_LUA = r"""
function done(summary, latency, requests)
  io.write(string.format('WRKJSON {"requests": %d, "seconds": %f, "p50_ms": %f, "p95_ms": %f, "p99_ms": %f}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3))
end
"""


def write_items(path: Path, items: list[tuple[int, int, str]], batch: int) -> None:
    """Items grouped so that every aligned run of `batch` (session, part) slots stays in one session."""
    by_session: dict[int, list[tuple[int, int, str]]] = {}
    for it in items:
        by_session.setdefault(it[0], []).append(it)
    ordered: list[tuple[int, int, str]] = []
    for rows in by_session.values():
        keep = len(rows) - len(rows) % batch if len(rows) >= batch else 0
        ordered += rows[:keep]
    lines = ",\n".join(f'{{{s}, {p}, "{t}"}}' for s, p, t in ordered)
    path.write_text(f"return {{\n{lines}\n}}\n")


def run_wrk(lua: str, url: str, seconds: int, connections: int, threads: int) -> dict[str, object]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(lua)
    cmd = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--timeout",
        "10s",
        "-s",
        handle.name,
        url,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=seconds + 60)  # noqa: S603
    match = re.search(r"WRKJSON (\{.*\})", done.stdout)
    if not match:
        raise SystemExit(f"wrk failed: {done.stdout}\n{done.stderr}")
    return json.loads(match.group(1))


def wait_until_serving(url: str, seconds: float = 120) -> None:
    """Until the workers answer (not just the socket: a loaded machine takes a while to import Django)."""
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our own loopback server)
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"the server did not answer {url} within {seconds:.0f} s")
        time.sleep(0.3)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group; SIGKILL if it has not gone in 30 s (a hung worker must not hang CI)."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


RAW_COLUMNS = (
    "session_id",
    "person_id",
    "region_code",
    "part",
    "checked_in_at",
    "method",
    "reason",
    "key",
    "created_at",
    "offline",
    "late",
)


def raw_insert(rows: list[tuple[int, int, str, str]], connections: int) -> float:
    """The same rows, one INSERT ... ON CONFLICT DO NOTHING and COMMIT each, from `connections` threads."""
    import psycopg

    with psycopg.connect(DB_URL, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS raw_attendance (LIKE delivery_attendance INCLUDING ALL)")
        conn.execute("TRUNCATE raw_attendance")
        # A column the application must fill (NOT NULL, no default) that these rows leave out would break or
        # flatter the baseline: say which, instead of measuring something else.
        missing = conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'delivery_attendance' "
            "AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO' "
            "AND column_name <> ALL(%s)",
            (list(RAW_COLUMNS),),
        ).fetchall()
        if missing:
            raise SystemExit(
                f"raw baseline: delivery_attendance has {[m[0] for m in missing]} these rows lack"
            )

    def work(chunk: list[tuple[int, int, str, str]]) -> None:
        with psycopg.connect(DB_URL, autocommit=True) as conn:
            for session, person, part, key in chunk:
                conn.execute(
                    f"INSERT INTO raw_attendance ({', '.join(RAW_COLUMNS)}) "  # noqa: S608 (constants)
                    "VALUES (%s, %s, '33.03', %s, now(), 'qr', '', %s, now(), false, false) ON CONFLICT DO NOTHING",
                    (session, person, part, key),
                )

    start = time.perf_counter()
    workers = [threading.Thread(target=work, args=(rows[i::connections],)) for i in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return len(rows) / (time.perf_counter() - start)


def db_counts() -> dict[str, int]:
    import psycopg

    with psycopg.connect(DB_URL) as conn:
        total, distinct_keys, distinct_triples = conn.execute(
            "SELECT count(*), count(DISTINCT key), count(DISTINCT (session_id, person_id, part)) FROM delivery_attendance"
        ).fetchone()
    return {"rows": total, "distinct_keys": distinct_keys, "distinct_triples": distinct_triples}


def truncate() -> None:
    import psycopg

    with psycopg.connect(DB_URL, autocommit=True) as conn:
        conn.execute("TRUNCATE delivery_attendance")
        conn.execute("DELETE FROM audit_auditentry WHERE action = 'attendance.check_in'")


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
            results["static"] = run_wrk(
                STATIC_LUA, f"{base}/static/delivery/checkin.js", seconds, args.connections, threads
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
                truncate()
                out = run_wrk(lua, base, seconds, args.connections, threads)
                counts = db_counts()
                pairs = 2 * len(Path(data_file).read_text().splitlines()[1:-1])
                # fresh (item, part) slots sent: thread t used slots t, t+T, ... up to its max slot
                distinct = min(pairs, sum((m // threads) + 1 for m in out["maxslots"] if m >= 0))  # type: ignore[union-attr]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
                out.update(counts, distinct_sent=distinct)
                bad = {c: n for c, n in out["codes"].items() if c not in ("200", "201")}  # type: ignore[union-attr]  # the results dict mixes numbers, dicts and lists (JSON written as it is read)
                # A request still in flight when wrk stops may be stored without its answer being counted, so
                # rows lie between the "created" answers (nothing lost) and the distinct check-ins sent.
                in_flight = args.connections * batch
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
    for mode in ("scan", "sync"):
        r = results[mode]
        print(
            f"{mode}: {r['sent']} check-ins sent ({r['created']} created, {r['already']} already), rows {r['rows']}, distinct sent {r['distinct_sent']}, codes {r['codes']}"
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
