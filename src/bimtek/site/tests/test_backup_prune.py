"""`bimtek backup --keep N`: the nightly folder keeps the N newest backups, and only Bimtek's own are removed."""

import json
from pathlib import Path

from bimtek.site.management.commands.backup import FORMAT, MANIFEST, prune_beside


def _backup(folder: Path, created_at: str, fmt: str = FORMAT) -> Path:
    folder.mkdir(parents=True)
    (folder / MANIFEST).write_text(json.dumps({"format": fmt, "created_at": created_at}))
    (folder / "database.dump").write_bytes(b"PGDMP")
    return folder


def test_it_removes_all_but_the_newest_and_leaves_what_is_not_a_whole_backup(tmp_path: Path) -> None:
    for day in range(1, 6):
        _backup(tmp_path / f"2026-12-0{day}", f"2026-12-0{day}T18:30:00+00:00")
    tonight = _backup(tmp_path / "2026-12-07", "2026-12-07T18:30:00+00:00")
    crashed = tmp_path / "2026-12-06"  # a night whose backup died before its manifest
    crashed.mkdir()
    (crashed / "database.dump").write_bytes(b"PGDM")
    foreign = _backup(tmp_path / "other-tool", "2026-01-01T00:00:00+00:00", fmt="something-else")
    broken = tmp_path / "2026-11-30"
    broken.mkdir()
    (broken / MANIFEST).write_text("{not json")
    (tmp_path / "README.txt").write_text("copy these off the machine")

    removed, left_alone = prune_beside(tonight, keep=3)

    assert sorted(p.name for p in removed) == ["2026-12-01", "2026-12-02", "2026-12-03"]
    assert sorted(p.name for p in left_alone) == ["2026-11-30", "2026-12-06", "other-tool"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2026-11-30",
        "2026-12-04",
        "2026-12-05",
        "2026-12-06",
        "2026-12-07",
        "README.txt",
        "other-tool",
    ]
    assert (foreign / MANIFEST).exists() and (crashed / "database.dump").exists()


def test_the_new_backup_is_kept_even_when_an_older_one_claims_a_later_time(tmp_path: Path) -> None:
    _backup(tmp_path / "a", "2030-01-01T00:00:00+00:00")  # a clock that was wrong that night
    _backup(tmp_path / "b", "2029-01-01T00:00:00+00:00")
    tonight = _backup(tmp_path / "c", "2026-12-07T18:30:00+00:00")
    removed, _ = prune_beside(tonight, keep=1)
    assert sorted(p.name for p in removed) == ["a", "b"]
    assert [p.name for p in tmp_path.iterdir()] == ["c"]
