"""bimtek restore DIR: a `bimtek backup` into an empty PostgreSQL database and an empty media folder.

1. The manifest's checksums must match (a damaged or partial copy is refused, exit 1, nothing written);
2. the database must hold no tables and the media folder no files (a restore never merges into live data);
3. `pg_restore --single-transaction --exit-on-error`: all of it or nothing; 4. the files are unpacked.
"""

import json
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.db import connection

from bimtek.lib.commands import InputRejected, ReportCommand, UsageError
from bimtek.site.management.commands.backup import DUMP, FORMAT, MANIFEST, MEDIA, pg_args, pg_tool, sha256_of


class Command(ReportCommand):
    help = "Pulihkan cadangan `bimtek backup` ke basis data PostgreSQL yang kosong."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", help="folder cadangan")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["backup"])
        manifest = self._verified(folder)
        self._check_empty()
        self._restore_database(folder / DUMP)
        members = self._restore_media(folder / MEDIA)
        self.emit(
            {"restored": str(folder), "database": connection.settings_dict["NAME"], "files": members},
            f"Dipulihkan dari {folder} ({manifest['created_at']}): basis data dan {members} berkas unggahan",
        )

    @staticmethod
    def _verified(folder: Path) -> dict[str, Any]:
        if not (folder / MANIFEST).is_file():
            raise UsageError(f"{folder} bukan folder cadangan (tidak ada {MANIFEST})")
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text())
        if manifest.get("format") != FORMAT:
            raise InputRejected(f"Format cadangan tidak dikenal: {manifest.get('format')!r}")
        for name, expected in manifest["files"].items():
            path = folder / name
            if not path.is_file() or sha256_of(path) != expected["sha256"]:
                raise InputRejected(
                    f"{name} rusak atau tidak lengkap (checksum tidak cocok); tidak ada yang diubah"
                )
        return manifest

    @staticmethod
    def _check_empty() -> None:
        pg_args()  # PostgreSQL only
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            (tables,) = cursor.fetchone()
        if tables:
            raise InputRejected(
                f"Basis data {connection.settings_dict['NAME']} tidak kosong ({tables} tabel)"
            )
        media = Path(settings.MEDIA_ROOT)
        if media.exists() and any(p.is_file() for p in media.rglob("*")):
            raise InputRejected(f"Folder unggahan {media} tidak kosong")
        connection.close()  # pg_restore works alone in the database

    @staticmethod
    def _restore_database(dump: Path) -> None:
        args, env = pg_args()
        restored = subprocess.run(  # noqa: S603 - fixed program, our own arguments
            [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", *args,
             str(dump)],
            env=env,
            capture_output=True,
            text=True,
        )  # fmt: skip
        if restored.returncode != 0:
            raise InputRejected(f"pg_restore gagal; basis data tetap kosong: {restored.stderr.strip()[:500]}")

    @staticmethod
    def _restore_media(archive: Path) -> int:
        media = Path(settings.MEDIA_ROOT)
        media.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "r:gz") as tar:
            members = [m for m in tar.getmembers() if m.isfile()]
            tar.extractall(media, members=members, filter="data")  # no absolute paths, links or ".."
        return len(members)
