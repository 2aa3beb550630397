"""`bimtek backup` of a populated PostgreSQL database, `bimtek restore` into an empty one: every row and every
uploaded file comes back identical. A damaged backup and a database that is not empty are refused."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from bimtek.accounts.scoping import Scope
from bimtek.conftest import LENGGANG
from bimtek.elections.models import Election
from bimtek.regions.models import Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.workforce.people_import import people_import
from bimtek.workforce.tests.factories import crew_rows, csv_bytes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only(transactional_db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only: set DATABASE_URL to a PostgreSQL server")
    if not Region.objects.exists():  # a transactional test empties the tables the run loaded
        regions_import(path=bundled_regions_dir(), actor="test")


def _dsn(name: str) -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def empty_database() -> Any:
    name = f"{connection.settings_dict['NAME']}_restored"
    with psycopg.connect(_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fingerprint(dsn: str) -> dict[str, tuple[int, str]]:
    """Every table's row count and a hash of all its rows, in a stable order."""
    with psycopg.connect(dsn) as db:
        tables = [r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        out = {}
        for table in sorted(tables):
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t"
            ).format(sql.Identifier(table))
            row = db.execute(query).fetchone()
            assert row is not None
            out[table] = (row[0], row[1])
        return out


def files_of(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def restore(backup: Path, database: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bimtek.settings",
        "DATABASE_URL": _dsn(database),
        "BIMTEK_DATA_DIR": str(data_dir),
        "SECRET_KEY": settings.SECRET_KEY,
    }
    return subprocess.run(  # noqa: S603 - our own module
        [sys.executable, "-m", "bimtek", "restore", str(backup), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_it_restores_every_row_and_file(beltim_tps: Election, tmp_path: Path, empty_database: str) -> None:
    people_import(
        election=beltim_tps,
        source=io.BytesIO(csv_bytes(crew_rows(LENGGANG, [1, 2]))),
        filename="p.csv",
        actor="test",
        scope=Scope(None, None),
    )
    media = Path(settings.MEDIA_ROOT)
    (media / "documents" / "19.06").mkdir(parents=True, exist_ok=True)
    (media / "documents" / "19.06" / "kartu.pdf").write_bytes(b"%PDF-1.4 kartu peserta")
    (media / "imports").mkdir(exist_ok=True)
    (media / "imports" / "menunggu.csv").write_bytes(csv_bytes(crew_rows(LENGGANG, [3])))

    out = StringIO()
    call_command("backup", str(tmp_path / "cadangan"), "--json", stdout=out)
    manifest = json.loads((tmp_path / "cadangan" / "manifest.json").read_text())
    assert json.loads(out.getvalue())["files"] == manifest["files"]

    restored = restore(tmp_path / "cadangan", empty_database, tmp_path / "restored")
    assert restored.returncode == 0, restored.stderr
    source = fingerprint(_dsn(connection.settings_dict["NAME"]))
    assert source["workforce_person"][0] == 18 and source["regions_region"][0] > 90_000
    assert fingerprint(_dsn(empty_database)) == source
    assert files_of(tmp_path / "restored" / "media") == files_of(media)

    again = restore(tmp_path / "cadangan", empty_database, tmp_path / "again")  # never merged into live data
    assert again.returncode == 1 and "tidak kosong" in again.stdout + again.stderr


def test_it_refuses_a_damaged_backup_before_writing(tmp_path: Path, empty_database: str) -> None:
    call_command("backup", str(tmp_path / "cadangan"), stdout=StringIO())
    with (tmp_path / "cadangan" / "database.dump").open("r+b") as dump:
        dump.seek(100)
        dump.write(b"rusak")
    refused = restore(tmp_path / "cadangan", empty_database, tmp_path / "restored")
    assert refused.returncode == 1 and "checksum" in refused.stdout + refused.stderr
    assert fingerprint(_dsn(empty_database)) == {}


def test_the_nightly_backup_with_keep_removes_the_oldest_after_it_is_whole(tmp_path: Path) -> None:
    nights = tmp_path / "nights"
    for day in ("2026-12-04", "2026-12-05", "2026-12-06"):
        call_command("backup", str(nights / day), stdout=StringIO())
    (nights / "catatan").mkdir()  # not a backup: never removed

    out = StringIO()
    call_command("backup", str(nights / "2026-12-07"), "--keep", "2", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert [Path(p).name for p in report["removed"]] == ["2026-12-05", "2026-12-04"]
    assert [Path(p).name for p in report["left_alone"]] == ["catatan"]
    assert sorted(p.name for p in nights.iterdir()) == ["2026-12-06", "2026-12-07", "catatan"]

    with pytest.raises(CommandError, match="--keep"):  # refused before anything is written or removed
        call_command("backup", str(nights / "2026-12-08"), "--keep", "0", stdout=StringIO())
    assert not (nights / "2026-12-08").exists() and len(list(nights.iterdir())) == 3
