"""bench/compare tells what got slower between two runs, through its command line."""

import json
import subprocess
import sys
from pathlib import Path

COMPARE = Path(__file__).resolve().parents[1] / "compare"


def _result(folder: Path, name: str, ratios: dict[str, tuple[float | None, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    figures = {k: {"value": v, "better": better} for k, (v, better) in ratios.items()}
    path.write_text(json.dumps({"benchmark": name, "ratios": figures}))
    return path


def _compare(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, str(COMPARE), *map(str, args)], capture_output=True, text=True, check=False
    )


def test_it_prints_a_figure_that_got_slower_in_either_direction(tmp_path: Path) -> None:
    old = _result(tmp_path / "old", "import", {"csv x raw": (0.50, "higher"), "page x base": (4.0, "lower")})
    new = _result(tmp_path / "new", "import", {"csv x raw": (0.25, "higher"), "page x base": (8.0, "lower")})
    done = _compare(old, new)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("2 slower, 0 faster")
    assert "import: csv x raw: 0.5 -> 0.25 (higher is better; 2.00× slower)" in done.stdout
    assert "import: page x base: 4 -> 8 (lower is better; 2.00× slower)" in done.stdout


def test_it_keeps_noise_within_the_tolerance_out_and_lists_what_got_faster(tmp_path: Path) -> None:
    old = _result(tmp_path / "old", "planner", {"solve s": (100.0, "lower"), "x greedy": (0.86, "lower")})
    new = _result(tmp_path / "new", "planner", {"solve s": (40.0, "lower"), "x greedy": (0.88, "lower")})
    done = _compare(old, new)
    assert done.stdout.splitlines()[0].startswith("0 slower, 1 faster")
    assert "faster:\n  planner: solve s: 100 -> 40 (lower is better; 2.50× faster)" in done.stdout
    assert "x greedy" not in done.stdout  # 2 % worse: noise at the default 10 %
    assert "x greedy" in _compare(old, new, "--tolerance", "0.01").stdout


def test_it_compares_two_runs_folder_by_folder_and_names_one_sided_figures(tmp_path: Path) -> None:
    _result(tmp_path / "a", "synth", {"people x copy": (0.3, "higher"), "gone": (1.0, "higher")})
    _result(tmp_path / "b", "synth", {"people x copy": (0.1, "higher"), "added": (1.0, "higher")})
    _result(tmp_path / "b", "checkin", {"scan x raw": (0.1, "higher")})
    (tmp_path / "b" / "run.json").write_text(json.dumps({"runs": []}))
    done = _compare(tmp_path / "a", tmp_path / "b")
    assert "synth: people x copy: 0.3 -> 0.1 (higher is better; 3.00× slower)" in done.stdout
    assert "synth: gone (only in the old run)" in done.stdout
    assert "synth: added (only in the new run)" in done.stdout
    assert "checkin: scan x raw (only in the new run)" in done.stdout


def test_it_fails_with_fail_only_when_something_got_slower(tmp_path: Path) -> None:
    old = _result(tmp_path / "old", "x", {"speed": (2.0, "higher")})
    same = _result(tmp_path / "same", "x", {"speed": (2.0, "higher")})
    worse = _result(tmp_path / "worse", "x", {"speed": (1.0, "higher")})
    assert _compare(old, same, "--fail").returncode == 0
    assert _compare(old, worse, "--fail").returncode == 1


def test_it_refuses_a_file_without_ratios_with_a_clear_message(tmp_path: Path) -> None:
    old = _result(tmp_path / "old", "x", {"speed": (2.0, "higher")})
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps({"benchmark": "x", "output": ["Traceback ..."]}))
    done = _compare(old, bare)
    assert done.returncode == 2
    assert 'no "ratios" in it' in done.stderr
