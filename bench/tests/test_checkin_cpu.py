"""The check-in benchmark's CPU accounting finds the server's processes by their session, and splits a phase's
CPU per request."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _checkin_load import cpu_per_request, cpu_seconds  # noqa: E402

BUSY = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.4: pass\ntime.sleep(30)"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_busy_server_process_is_counted_as_the_server_and_only_there() -> None:
    server = subprocess.Popen([sys.executable, "-c", BUSY], start_new_session=True)  # noqa: S603 (our own interpreter)
    try:
        before = cpu_seconds(server.pid)
        deadline = time.monotonic() + 20
        while cpu_seconds(server.pid)["server"] - before["server"] < 0.35 and time.monotonic() < deadline:
            time.sleep(0.1)
        after = cpu_seconds(server.pid)
    finally:
        server.kill()
        server.wait()
    assert 0.35 <= after["server"] - before["server"] < 1.5
    assert (
        after["wrk"] == before["wrk"]
    )  # a child still running is not yet in this process's children's usage
    split = cpu_per_request(before, after, 100)
    assert set(split) == {"server", "postgres", "wrk"} and split["server"] >= 3.5  # ms per request
    assert cpu_per_request(before, after, 0) == {} and cpu_per_request({}, after, 100) == {}
