"""The check-in benchmark's load: wrk's Lua scripts and items, the gunicorn it drives (bench_checkin.py)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

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
  io.write(string.format('WRKJSON {"requests": %%d, "seconds": %%f, "p50_ms": %%f, "p95_ms": %%f, "p99_ms": %%f, "created": %%d, "already": %%d, "sent": %%d, "timeouts": %%d, "codes": {%%s}, "maxslots": [%%s]}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, out.created, out.already, out.sent, summary.errors.timeout, table.concat(codes, ", "), table.concat(maxs, ", ")))
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


CPU_KINDS = ("server", "postgres", "wrk")


def cpu_seconds(server_session: int) -> dict[str, float]:
    """CPU seconds (user + system) used so far by the server's processes (those of its session: the gunicorn
    master and workers), by PostgreSQL's processes on this machine, and by this process's waited children
    (wrk); {} where there is no /proc. Read before and after a phase, they tell where a request's CPU goes."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return {}
    import resource

    tick = os.sysconf("SC_CLK_TCK")
    used = {"server": 0.0, "postgres": 0.0}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[
            stat.rindex(")") + 2 :
        ].split()  # from the state on: ppid is fields[1], session fields[3]
        seconds = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        if int(fields[3]) == server_session:
            used["server"] += seconds
        elif comm == "postgres":
            used["postgres"] += seconds
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    used["wrk"] = children.ru_utime + children.ru_stime
    return used


def cpu_per_request(before: dict[str, float], after: dict[str, float], requests: int) -> dict[str, float]:
    """Milliseconds of CPU per request of each kind between two `cpu_seconds` readings."""
    if not before or not after or not requests:
        return {}
    return {kind: round((after[kind] - before[kind]) / requests * 1000, 3) for kind in CPU_KINDS}


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
