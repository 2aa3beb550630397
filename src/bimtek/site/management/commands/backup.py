"""bimtek backup DIR: a consistent PostgreSQL dump and the uploaded files, with a manifest of checksums.

1. `pg_dump --format=custom` reads the whole database in one snapshot, so the dump is consistent while the
   app keeps running; 2. the media folder (uploads, generated documents) goes into one tar.gz; 3. the
   manifest names both with their SHA-256 and size, and the applied migrations, so `bimtek restore` can
   refuse a damaged or foreign backup before it writes anything.

With `--keep N`, once the new backup is whole, the older backups beside it are removed but for the N newest:
the new one and the N-1 latest by their manifests' time. Only folders that hold a Bimtek manifest are counted
or removed: anything else in the folder, a half-written backup with no manifest included, is left as it is and
named in the report.
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


def backups_beside(out: Path) -> tuple[list[tuple[str, Path]], list[Path]]:
    """The Bimtek backups in out's parent folder, newest first, with their times; and the folders that are not."""
    found, others = [], []
    for folder in sorted(p for p in out.parent.iterdir() if p.is_dir()):
        try:
            manifest = json.loads((folder / MANIFEST).read_text())
            ours = manifest.get("format") == FORMAT
            created_at = str(manifest["created_at"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            ours = False
        if ours:
            found.append((created_at, folder))
        else:
            others.append(folder)
    found.sort(key=lambda pair: pair[0], reverse=True)
    return found, others


def prune_beside(out: Path, keep: int) -> tuple[list[Path], list[Path]]:
    """Remove the backups beside `out` but for the `keep` newest (`out` always kept); the removed and the left alone."""
    found, others = backups_beside(out)
    older = [folder for _, folder in found if folder.resolve() != out.resolve()]
    removed = older[keep - 1 :]  # `out` is the first of the `keep`, whatever time an older manifest claims
    for folder in removed:
        shutil.rmtree(folder)
    return removed, others


def applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


class Command(ReportCommand):
    help = "Cadangkan basis data PostgreSQL dan berkas unggahan ke satu folder, dengan manifest checksum."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="folder cadangan (dibuat; harus kosong)")
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            metavar="N",
            help="setelah cadangan selesai, hapus cadangan lama di folder yang sama kecuali N yang terbaru",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        keep = options["keep"]
        if keep is not None and keep < 1:
            raise UsageError("--keep: paling sedikit 1 (cadangan yang baru dibuat selalu disimpan)")
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
        removed, others = prune_beside(out, keep) if keep is not None else ([], [])
        text = (
            f"Cadangan di {out}: basis data {files[DUMP]['bytes']:,} bita, "
            f"{files[MEDIA]['members']} berkas unggahan"
        )
        if keep is not None:
            text += f"; {len(removed)} cadangan lama dihapus, {keep} terbaru disimpan"
            if others:
                text += f"; dibiarkan (bukan cadangan utuh): {', '.join(p.name for p in others)}"
        self.emit(
            {
                "backup": str(out),
                **manifest,
                "removed": [str(p) for p in removed],
                "left_alone": [str(p) for p in others],
            },
            text,
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
