"""The demo: real regions and TPS, a plausible synthetic workforce, one login per role.

The workforce goes through the same people import an operator uses, so the demo exercises the
real path. NIKs are synthetic (valid in shape, made from the kecamatan code, birth date and a
serial); names come from Faker's id_ID locale. Their welfare columns come from `demo_welfare`.
"""

import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import Count
from faker import Faker

from bimtek.accounts.models import User
from bimtek.accounts.scoping import Scope
from bimtek.accounts.services import user_create
from bimtek.elections.models import TPS, Election
from bimtek.elections.services import bundled_tps_counts, election_create, tps_import
from bimtek.lib.reports import Progress, no_progress
from bimtek.regions.models import Level, Region
from bimtek.regions.services import bundled_regions_dir, regions_import
from bimtek.site.demo_welfare import WELFARE_HEADERS, kpps_birth, welfare_cells
from bimtek.workforce.models import Appointment
from bimtek.workforce.nik import make_nik
from bimtek.workforce.people_import import people_import

DEMO_REGENCIES = ["19.06", "33.03", "16.05"]  # Belitung Timur, Purbalingga, Musi Rawas (Tugumulyo)
DEMO_PASSWORD = "demo-bimtek-2024"  # noqa: S105 - printed for the demo's users, never used elsewhere
VACANCY_RATE = 0.02  # a few empty seats, so the gap views have something to show
HEADERS = [
    "NIK",
    "Nama Lengkap",
    "Tanggal Lahir",
    "No. HP",
    "Instansi",
    "Badan",
    "Kode Wilayah",
    "TPS",
    "Jabatan",
    "Operator Sirekap",
]
SIREKAP_SEAT = 4  # the demo designates KPPS 4 of every TPS as its Sirekap operator
EMPLOYERS = ["", "", "", "SD Negeri 1", "Puskesmas", "Kantor Desa", "PT Timah", "Koperasi Unit Desa"]


@dataclass
class DemoLogin:
    username: str
    role: str
    region: str


DEMO_TODAY = dt.date(2024, 2, 7)  # a week before the Pemilu of 14 February 2024: the demo's pinned today


def build_demo(*, data_dir: Path, seed: int = 2024, progress: Progress = no_progress) -> list[DemoLogin]:
    regions_import(path=bundled_regions_dir(), actor="demo", progress=progress)
    election = election_create(
        slug="pemilu-2024", name="Pemilu 2024", kind="pemilu", voting_day=dt.date(2024, 2, 14), actor="demo"
    )
    for code in DEMO_REGENCIES:
        tps_import(
            election=election, source=bundled_tps_counts(), actor="demo", region_code=code, progress=progress
        )
    _give_voters(election, random.Random(seed))
    people_file = data_dir / "demo-petugas.csv"
    _write_workforce(election, people_file, random.Random(seed), random.Random(seed + 1))
    report = people_import(
        election=election,
        source=people_file,
        filename=people_file.name,
        actor="demo",
        scope=Scope(None, None),
        keep_good_rows=True,
        progress=progress,
    )
    assert report.stored, report.rejected[:5]
    _seed_assessment(election)
    from bimtek.planner.demo import demo_plans

    demo_plans(election)
    from bimtek.site.demo_speakers import demo_speakers

    demo_speakers(election)  # before the progress marks sessions held: only planned sessions take speakers
    from bimtek.readiness.services import readiness_refresh
    from bimtek.site.demo_progress import demo_progress

    demo_progress(election)
    from bimtek.site.demo_budget import demo_budget

    demo_budget(election)
    from bimtek.site.demo_crew import demo_crew_drills

    demo_crew_drills(election)

    readiness_refresh(election=election, actor="demo")
    return _create_logins(election)


def _seed_assessment(election: Election) -> None:
    """The standard programs with their pre/post tests, and the original starter question bank."""
    from bimtek.assessment.bank import questions_import_starter
    from bimtek.assessment.curriculum import programs_seed

    programs_seed(election=election, actor="demo")
    questions_import_starter(election=election, actor="demo")


def _give_voters(election: Election, rng: random.Random) -> None:
    """No per-TPS voter counts are public; a plausible DPT under the 300-voter cap of the Pemilu."""
    tps = list(TPS.objects.filter(election=election).only("id"))
    for t in tps:
        t.voters = rng.randint(180, election.max_voters_per_tps)
    TPS.objects.bulk_update(tps, ["voters"], batch_size=2000)


def _write_workforce(election: Election, path: Path, rng: random.Random, welfare_rng: random.Random) -> None:
    fake = Faker("id_ID")
    fake.seed_instance(rng.randint(0, 2**31))
    serials: dict[str, int] = {}
    rows: list[list[str]] = []

    def person(
        region: str, body: str, tps: str, position: str, min_age: int, max_age: int, sirekap: bool = False
    ) -> None:
        if rng.random() < VACANCY_RATE and position != "Ketua":
            return
        sex = rng.choice("LP")
        kecamatan = ".".join(region.split(".")[:3])
        serials[kecamatan] = serials.get(kecamatan, 0) + 1
        birth = election.voting_day - dt.timedelta(days=rng.randint(min_age * 365 + 1, max_age * 365 - 1))
        if body == "KPPS":
            birth = kpps_birth(welfare_rng, election.voting_day, birth)
        name = fake.name_male() if sex == "L" else fake.name_female()
        phone = f"08{rng.choice('1235789')}{rng.randint(10**8, 10**9 - 1)}"
        rows.append(
            [
                make_nik(kecamatan, birth, sex, serials[kecamatan]),
                name,
                birth.strftime("%d-%m-%Y"),
                phone,
                rng.choice(EMPLOYERS),
                body,
                region,
                tps,
                position,
                "Ya" if sirekap else "",
                *welfare_cells(welfare_rng, body, election.voting_day),
            ]
        )

    for code in DEMO_REGENCIES:
        for kec in Region.objects.below(code, Level.KECAMATAN).values_list("code", flat=True):
            for seat in range(1, election.ppk_per_kecamatan + 1):
                person(kec, "PPK", "", "Ketua" if seat == 1 else f"Anggota {seat}", 25, 60)
        for desa in Region.objects.below(code, Level.DESA).values_list("code", flat=True):
            for seat in range(1, election.pps_per_desa + 1):
                person(desa, "PPS", "", "Ketua" if seat == 1 else f"Anggota {seat}", 21, 60)
        for village, number in TPS.objects.filter(
            election=election, village__code__startswith=f"{code}."
        ).values_list("village_id", "number"):
            for seat in range(1, election.kpps_per_tps + 1):
                position = "Ketua" if seat == 1 else f"Anggota {seat}"
                person(village, "KPPS", f"{number:03d}", position, 17, 55, sirekap=seat == SIREKAP_SEAT)
            for seat in range(1, election.linmas_per_tps + 1):
                person(village, "Linmas", f"{number:03d}", str(seat), 20, 58)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADERS, *WELFARE_HEADERS])
        writer.writerows(rows)


def _create_logins(election: Election) -> list[DemoLogin]:
    kpps = (
        Appointment.objects.filter(
            election=election, body="kpps", seat=1, tps__village_id="19.06.02.2009", tps__number=1
        )
        .select_related("person")
        .first()
    )
    logins = [
        ("admin", "kpu_ri", None, None, True),
        ("kpu-ri", "kpu_ri", None, None, False),
        ("kpu-jateng", "kpu_provinsi", "33", None, False),
        ("kpu-beltim", "kpu_kabkota", "19.06", None, False),
        ("kpu-purbalingga", "kpu_kabkota", "33.03", None, False),
        ("ppk-gantung", "ppk", "19.06.02", None, False),
        ("pps-lenggang", "pps", "19.06.02.2009", None, False),
        ("pps-selingsing", "pps", "19.06.02.2002", None, False),
        ("kpps-lenggang-001", "kpps", "19.06.02.2009", kpps.person_id if kpps else None, False),
    ]
    made = []
    for username, role, region, person_id, superuser in logins:
        if role == "kpps" and person_id is None:
            continue
        user_create(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            region_code=region,
            actor="demo",
            person_id=person_id,
            is_superuser=superuser,
        )
        made.append(DemoLogin(username, role, region or "Indonesia"))
    return made


def demo_counts(election: Election) -> dict[str, Any]:
    return dict(Appointment.objects.filter(election=election).values_list("body").annotate(n=Count("id")))


def demo_user_exists() -> bool:
    return User.objects.filter(username="admin").exists()
