"""The check-in benchmark's data: its database, the participants and sessions it checks in, the raw-insert
baseline and the counts its checks read (bench_checkin.py runs them)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_DIR  # noqa: E402

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
    from bimtek.readiness.services import readiness_refresh
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
    # A readiness snapshot, as a running election has: a crew's first scan then marks its TPS for the
    # incremental readiness (one upsert inside the check-in's statement) and looks for a waiting touch job.
    # Without one the marks write nothing and the benchmark would measure less than the field does.
    readiness_refresh(election=election, actor="bench", region_code=REGENCY)
    user = user_create(
        username="kpu-bench", password=PASSWORD, role="kpu_kabkota", region_code=REGENCY, actor="bench"
    )
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "bimtek.accounts.backends.AccountBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    from django.db import connection

    with connection.cursor() as cursor:
        # Statistics, as autovacuum gives a database in use: without them PostgreSQL plans a participant's
        # lookup from an estimate of one row and scans the election's appointments (1.3 ms instead of 0.1).
        cursor.execute("ANALYZE")
    return {"items": items, "cookie": f"sessionid={store.session_key}; csrftoken={CSRF}"}


# -- wrk ----------------------------------------------------------------------------------------------------------

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
        (marks,) = conn.execute("SELECT count(*) FROM readiness_readinessdirty").fetchone()
    return {
        "rows": total,
        "distinct_keys": distinct_keys,
        "distinct_triples": distinct_triples,
        "marks": marks,
    }


def settle(still: float = 0.5, limit: float = 20.0) -> None:
    """Wait until no request of a stopped wrk run is still being stored.

    wrk closes its connections when its time is up, but a sync gunicorn worker finishes the request it holds and
    commits it. Without this wait a warm-up's last scans land after the next phase's TRUNCATE and count there as
    rows nobody was answered for."""
    import psycopg

    deadline = time.monotonic() + limit
    with psycopg.connect(DB_URL, autocommit=True) as conn:
        last = conn.execute("SELECT count(*) FROM delivery_attendance").fetchone()
        while time.monotonic() < deadline:
            time.sleep(still)
            now = conn.execute("SELECT count(*) FROM delivery_attendance").fetchone()
            if now == last:
                return
            last = now


def truncate() -> None:
    import psycopg

    with psycopg.connect(DB_URL, autocommit=True) as conn:
        conn.execute("TRUNCATE delivery_attendance")
        conn.execute("DELETE FROM audit_auditentry WHERE action = 'attendance.check_in'")
        # Each phase starts with no TPS marked and no touch job waiting, as the first phase did.
        conn.execute("TRUNCATE readiness_readinessdirty")
        conn.execute("DELETE FROM django_tasks_database_dbtaskresult")
        conn.execute("DELETE FROM jobs_job WHERE kind = 'readiness.touch'")
