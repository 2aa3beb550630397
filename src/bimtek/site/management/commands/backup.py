"""bimtek backup DIR: a consistent PostgreSQL dump and the uploaded files, with a manifest of checksums.

1. `pg_dump --format=custom` reads the whole database in one snapshot, so the dump is consistent while the
   app keeps running; 2. the media folder (uploads, generated documents) goes into one tar.gz; 3. the
   manifest names both with their SHA-256 and size, and the applied migrations, so `bimtek restore` can
   refuse a damaged or foreign backup before it writes anything.
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from bimtek.lib.commands import InputRejected, ReportCommand, UsageError

DUMP = "database.dump"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"
FORMAT = "bimtek-backup-1"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pg_args() -> tuple[list[str], dict[str, str]]:
    """The connection options of the default database for pg_dump/pg_restore; the password goes by env."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        raise UsageError(
            "bimtek backup dan restore untuk PostgreSQL; untuk SQLite hentikan aplikasi lalu salin folder data"
        )
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or os.environ.get("PGPASSWORD", "")}
    return [*args, "--dbname", db["NAME"]], env


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise UsageError(f"{name} tidak ditemukan; pasang postgresql-client")
    return found


def applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


class Command(ReportCommand):
    help = "Cadangkan basis data PostgreSQL dan berkas unggahan ke satu folder, dengan manifest checksum."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="folder cadangan (dibuat; harus kosong)")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.exists() and any(out.iterdir()):
            raise UsageError(f"{out} tidak kosong")
        out.mkdir(parents=True, exist_ok=True)
        files = {DUMP: self._dump(out / DUMP), MEDIA: self._media(out / MEDIA)}
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "database": connection.settings_dict["NAME"],
            "migrations": applied_migrations(),
            "files": files,
        }
        (out / MANIFEST).write_text(json.dumps(manifest, indent=2))
        self.emit(
            {"backup": str(out), **manifest},
            f"Cadangan di {out}: basis data {files[DUMP]['bytes']:,} bita, "
            f"{files[MEDIA]['members']} berkas unggahan",
        )

    @staticmethod
    def _dump(path: Path) -> dict[str, Any]:
        args, env = pg_args()
        dumped = subprocess.run(  # noqa: S603 - fixed program, our own arguments
            [
                pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(path),
                *args,
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if dumped.returncode != 0:
            raise InputRejected(f"pg_dump gagal: {dumped.stderr.strip()[:500]}")
        return {"sha256": sha256_of(path), "bytes": path.stat().st_size}

    @staticmethod
    def _media(path: Path) -> dict[str, Any]:
        root = Path(settings.MEDIA_ROOT)
        members = 0
        with tarfile.open(path, "w:gz") as tar:
            if root.exists():
                for file in sorted(p for p in root.rglob("*") if p.is_file()):
                    tar.add(file, arcname=str(file.relative_to(root)))
                    members += 1
        return {"sha256": sha256_of(path), "bytes": path.stat().st_size, "members": members}
