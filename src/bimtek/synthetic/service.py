"""synth_country: build a synthetic country's registry and training into PostgreSQL, reproducibly from a seed.

1. Refuse SQLite, and an election slug already taken (unless `replace`).
2. Fill in any bundled region the database lacks (COPY).
3. Choose the kabupaten (`regions`, `scale`), read their kecamatan, desa and TPS counts.
4. Generate the TPS and the people with numpy (`country.py`).
5. In one transaction: create the election, lock, drop the large tables' plain indexes and foreign keys,
   reserve ids, COPY TPS, people, appointments, run the training hooks (plans and sessions, attendance,
   test attempts, drill attempts: `hooks.py`), restore the indexes and keys, write one audit entry.
6. ANALYZE.
"""

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from bimtek.audit.services import log_action
from bimtek.elections.models import Election
from bimtek.elections.services import bundled_tps_counts, election_create
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import Progress, no_progress
from bimtek.regions.services import bundled_regions_dir
from bimtek.synthetic import load, load_training
from bimtek.synthetic.country import (
    BODY_NAMES,
    Norms,
    build_people,
    build_tps,
    choose_kabupaten,
    seed_streams,
)
from bimtek.synthetic.hooks import HOOKS
from bimtek.synthetic.hooks_context import SynthContext
from bimtek.synthetic.names import faker_name_lists

DEFAULT_SLUG = "pemilu-2024-synth"
DEFAULT_NAME = "Pemilu 2024 (sintetis)"
VOTING_DAY = dt.date(2024, 2, 14)
VACANCY_RATE = 0.01
# The large tables: locked, their plain indexes and foreign keys dropped for the load and restored after it.
TABLES = [
    "elections_tps",
    "workforce_person",
    "workforce_appointment",
    "planner_sessiongroup",
    "delivery_attendance",
    "assessment_attempt",
    "drill_drillattempt",
]
# Of those, the tables whose UNIQUE constraints are dropped and added back too: the training's keys are
# unique by construction (ids in them), and one check at the end beats one index insert per row.
UNIQUES_REBUILT = ["planner_sessiongroup", "delivery_attendance", "assessment_attempt"]
# The hooks' small tables: only locked, so the id blocks reserved for them cannot collide.
LOCKED = [
    "planner_venue",
    "planner_trainingplan",
    "planner_planvenue",
    "planner_trainingsession",
    "planner_sessionfacilitator",
]

ERR_NOT_POSTGRES = (
    "Generator negara sintetis memakai COPY PostgreSQL; basis data ini {vendor}. Atur DATABASE_URL."
)
ERR_SLUG_TAKEN = "Pemilihan '{slug}' sudah ada; pakai --replace untuk menggantinya"
ERR_REGION = "Kode wilayah '{code}' bukan provinsi atau kabupaten/kota yang ada"
ERR_SCALE = "Skala harus lebih dari 0 dan paling besar 1"


@dataclass
class SynthReport:
    election: str
    seed: int
    scale: float
    regions: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    vacant: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    rows_per_second: dict[str, float] = field(default_factory=dict)
    indexes_rebuilt: bool = False

    @property
    def total_seconds(self) -> float:
        return round(sum(self.seconds.values()), 2)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "total_seconds": self.total_seconds}

    def summary(self) -> str:
        lines = [
            f"Negara sintetis '{self.election}' (seed {self.seed}, skala {self.scale}"
            + (f", wilayah {','.join(self.regions)}" if self.regions else "")
            + f") dalam {self.total_seconds:.1f} detik",
            "  " + ", ".join(f"{name}: {count:,}" for name, count in self.counts.items()),
            "  kosong: " + ", ".join(f"{body}: {count:,}" for body, count in self.vacant.items()),
        ]
        for phase, seconds in self.seconds.items():
            rate = self.rows_per_second.get(phase)
            lines.append(f"  {phase:<20} {seconds:8.2f} s" + (f"  {rate:12,.0f} baris/s" if rate else ""))
        return "\n".join(lines)


@dataclass
class _Clock:
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(self.seconds.get(name, 0.0) + time.perf_counter() - start, 3)


def synth_country(
    *,
    seed: int,
    actor: Any,
    slug: str = DEFAULT_SLUG,
    scale: float = 1.0,
    regions: list[str] | None = None,
    replace: bool = False,
    vacancy_rate: float = VACANCY_RATE,
    rebuild_indexes: bool = True,
    progress: Progress = no_progress,
) -> SynthReport:
    """Build the synthetic registry of one election; see the module docstring for the steps."""
    if connection.vendor != "postgresql":
        raise DomainError("synth_needs_postgresql", ERR_NOT_POSTGRES.format(vendor=connection.vendor))
    if not 0 < scale <= 1:
        raise DomainError("synth_scale", ERR_SCALE)
    regions = sorted(set(regions or []))
    existing = Election.objects.filter(slug=slug).first()
    if existing is not None and not replace:
        raise DomainError("synth_election_exists", ERR_SLUG_TAKEN.format(slug=slug))
    report = SynthReport(election=slug, seed=seed, scale=scale, regions=regions)
    clock = _Clock()
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor, for COPY
        with clock.phase("regions"):
            report.counts["regions_added"] = load.regions_fill(cursor, bundled_regions_dir())
        if existing is not None:
            with clock.phase("replace"):
                removed = load_training.delete_training_rows(cursor, existing.pk)
                removed.update(load.delete_election_rows(cursor, existing.pk))
                existing.delete()
                report.counts.update({f"removed_{k}": v for k, v in removed.items()})
        _build(
            cursor,
            report,
            clock,
            seed=seed,
            slug=slug,
            actor=actor,
            vacancy_rate=vacancy_rate,
            rebuild_indexes=rebuild_indexes,
            progress=progress,
        )
    with clock.phase("analyze"), connection.cursor() as cursor:
        cursor.execute(f"ANALYZE regions_region, {', '.join([*TABLES, *LOCKED])}")
    report.seconds = clock.seconds
    return report


def _build(
    cursor: Any,
    report: SynthReport,
    clock: _Clock,
    *,
    seed: int,
    slug: str,
    actor: Any,
    vacancy_rate: float,
    rebuild_indexes: bool,
    progress: Progress,
) -> None:
    """Steps 3 to 5, inside the caller's transaction."""
    with clock.phase("units"):
        counts = load.read_tps_counts(bundled_tps_counts())
        all_kabupaten = load.kabupaten_codes(cursor)
        for code in report.regions:
            if code.count(".") > 1 or not (
                code in all_kabupaten or any(k[:2] == code for k in all_kabupaten)
            ):
                raise DomainError("synth_region_unknown", ERR_REGION.format(code=code))
        tps_per_kabupaten: dict[str, int] = {}
        for code, (regular, special) in counts.items():
            tps_per_kabupaten[code[:5]] = tps_per_kabupaten.get(code[:5], 0) + regular + special
        kabupaten = choose_kabupaten(
            all_kabupaten, tps_per_kabupaten, regions=report.regions, scale=report.scale
        )
        whole = len(kabupaten) == len(all_kabupaten)
        units, unplaced = load.read_units(cursor, kabupaten, counts, whole_country=whole)
    election = election_create(
        slug=slug,
        name=DEFAULT_NAME if slug == DEFAULT_SLUG else slug,
        kind="pemilu",
        voting_day=VOTING_DAY,
        actor=actor,
    )
    norms = Norms(
        election.ppk_per_kecamatan,
        election.pps_per_desa,
        election.kpps_per_tps,
        election.linmas_per_tps,
        election.max_voters_per_tps,
    )
    load.lock_tables(cursor, [*TABLES, *LOCKED])
    streams = seed_streams(seed)
    names = faker_name_lists()
    with clock.phase("generate"):
        tps = build_tps(units, norms, streams[0])
        people = build_people(
            units,
            tps,
            norms,
            names,
            streams[1],
            voting_day=VOTING_DAY,
            vacancy_rate=vacancy_rate,
            taken_serials=load.taken_serials(cursor),
        )
    report.counts.update(
        kabupaten=len(kabupaten),
        kecamatan=len(units.kecamatan),
        desa=len(units.desa),
        tps=len(tps),
        tps_unplaced=unplaced,
        people=len(people),
        appointments=len(people),
    )
    report.counts.update({f"appointed_{BODY_NAMES[b]}": int((people.body == b).sum()) for b in range(4)})
    report.vacant = people.vacant
    first_tps = load.reserve_ids(cursor, "elections_tps", len(tps))
    first_person = load.reserve_ids(cursor, "workforce_person", len(people))
    first_appointment = load.reserve_ids(cursor, "workforce_appointment", len(people))
    created_at = timezone.now()
    dropped = load.drop_for_load(cursor, TABLES, uniques_of=UNIQUES_REBUILT) if rebuild_indexes else None
    report.indexes_rebuilt = dropped is not None

    def tick_for(message: str, total: int) -> Any:
        done = [0]

        def tick(rows: int) -> None:
            done[0] += rows
            progress(done[0], total, message)

        return tick

    with clock.phase("tps"):
        load.copy_tps(
            cursor,
            election_id=election.pk,
            first_id=first_tps,
            units=units,
            tps=tps,
            tick=tick_for("TPS", len(tps)),
        )
    with clock.phase("people"):
        load.copy_people(
            cursor,
            first_id=first_person,
            people=people,
            names=names,
            created_at=created_at,
            tick=tick_for("orang", len(people)),
        )
    with clock.phase("appointments"):
        load.copy_appointments(
            cursor,
            election_id=election.pk,
            voting_day=VOTING_DAY,
            first_id=first_appointment,
            first_person_id=first_person,
            first_tps_id=first_tps,
            people=people,
            created_at=created_at,
            tick=tick_for("penugasan", len(people)),
        )
    context = SynthContext(
        cursor=cursor,
        election_id=election.pk,
        voting_day=VOTING_DAY,
        units=units,
        tps=tps,
        people=people,
        first_tps_id=first_tps,
        first_person_id=first_person,
        first_appointment_id=first_appointment,
        rng=streams[2],
        tick=tick_for("hook", 0),
        reserve=lambda table, count: load.reserve_ids(cursor, table, count),
        created_at=created_at,
    )
    for number, (name, hook) in enumerate(HOOKS):
        context.rng = streams[2 + number]
        context.tick = tick_for(name.replace("_", " "), 0)
        with clock.phase(name):
            report.counts[name] = hook(context)
    if dropped is not None:
        with clock.phase("indexes"):
            load.restore_after_load(cursor, dropped)
    for phase, rows in (("tps", len(tps)), ("people", len(people)), ("appointments", len(people))):
        report.rows_per_second[phase] = round(rows / max(clock.seconds[phase], 1e-9))
    with clock.phase("commit"):
        log_action(
            actor=actor,
            action="synth.country",
            object_type="election",
            object_id=election.pk,
            after={"seed": seed, "scale": report.scale, "regions": report.regions, **report.counts},
        )
        # Deferred checks (the foreign keys) run now rather than at COMMIT, so their time is measured here.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
