"""The synthetic country: counts to the norms, valid unique NIKs, reproducible from a seed.

The loads run on PostgreSQL only (COPY); the pure generator is tested everywhere. Beltim (19.06) and
Purbalingga (33.03) keep each load to a few seconds.
"""

import datetime as dt
import io
import json
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from bimtek.conftest import BELTIM, PURBALINGGA
from bimtek.elections.models import TPS, Election
from bimtek.readiness.synthetic.country import choose_kabupaten, make_niks, nik_prefixes
from bimtek.readiness.synthetic.service import DEFAULT_SLUG
from bimtek.workforce.models import Appointment, Person
from bimtek.workforce.nik import parse_nik
from bimtek.workforce.selectors import BODIES, staffing, staffing_of_children

postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL-only (COPY)")


def synth(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("synth", "country", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def registry_rows(slug: str = DEFAULT_SLUG) -> list[tuple[Any, ...]]:
    """Everything the seed decides, without ids and timestamps."""
    return list(
        Appointment.objects.filter(election__slug=slug)
        .order_by("person__nik")
        .values_list(
            "person__nik",
            "person__name",
            "person__birth_date",
            "person__sex",
            "person__phone",
            "person__employer",
            "person__region_id",
            "body",
            "region_id",
            "tps__number",
            "tps__voters",
            "seat",
            "start_date",
        )
    )


@pytest.fixture
def two_regencies(db: None) -> dict[str, Any]:
    return synth("--seed", "7", "--regions", f"{BELTIM},{PURBALINGGA}")


# --- PostgreSQL: the load ------------------------------------------------------------------------------


@postgres_only
def test_it_staffs_beltim_and_purbalingga_to_the_norms(two_regencies: dict[str, Any]) -> None:
    election = Election.objects.get(slug=DEFAULT_SLUG)
    beltim = staffing(election=election, region_code=BELTIM)
    assert (beltim.kecamatan, beltim.desa, beltim.tps) == (7, 39, 363)
    assert beltim.required == {"ppk": 35, "pps": 117, "kpps": 2541, "linmas": 726}
    purbalingga = staffing(election=election, region_code=PURBALINGGA)
    assert (purbalingga.kecamatan, purbalingga.desa) == (18, 239)
    assert purbalingga.required["ppk"] + purbalingga.required["pps"] == 807  # KPU Purbalingga's ToT
    counts, vacant = two_regencies["counts"], two_regencies["vacant"]
    for body in BODIES:
        required = beltim.required[body] + purbalingga.required[body]
        assert counts[f"appointed_{body}"] + vacant[body] == required
        assert beltim.appointed[body] + purbalingga.appointed[body] == counts[f"appointed_{body}"]
    assert counts["tps"] == beltim.tps + purbalingga.tps == TPS.objects.filter(election=election).count()
    assert 0 < sum(vacant.values()) < 0.03 * counts["people"]  # about 1%
    # Every ketua is seated: vacancies fall on anggota (and Linmas) only.
    ketua = Appointment.objects.filter(election=election, seat=1)
    assert ketua.filter(body="kpps").count() == counts["tps"]
    assert ketua.filter(body="pps").count() == beltim.desa + purbalingga.desa
    operators = Appointment.objects.filter(election=election, sirekap_operator=True)
    assert set(operators.values_list("body", "seat").distinct()) == {("kpps", 4)}
    assert operators.count() == Appointment.objects.filter(election=election, body="kpps", seat=4).count() > 0


@postgres_only
def test_it_gives_every_person_a_unique_valid_nik_matching_birth_date_and_sex(
    two_regencies: dict[str, Any],
) -> None:
    people = list(
        Person.objects.filter(appointments__election__slug=DEFAULT_SLUG).values_list(
            "nik", "birth_date", "sex", "region_id"
        )
    )
    assert len(people) == two_regencies["counts"]["people"]
    assert len({nik for nik, *_ in people}) == len(people)
    for nik, birth_date, sex, region in people:
        info = parse_nik(nik, today=dt.date(2024, 2, 14))
        assert (info.birth_date, info.sex) == (birth_date, sex)
        assert region.startswith(info.kecamatan_code)  # the NIK's kecamatan is the person's own


@postgres_only
def test_it_agrees_with_the_staffing_selector_per_kecamatan(two_regencies: dict[str, Any]) -> None:
    election = Election.objects.get(slug=DEFAULT_SLUG)
    for row in staffing_of_children(election=election, region_code=PURBALINGGA):
        direct = {
            body: Appointment.objects.filter(
                election=election, status="active", body=body, region__code__startswith=row.region
            ).count()
            for body in BODIES
        }
        assert row.appointed == direct, row.region
        assert row.tps == TPS.objects.filter(election=election, village__code__startswith=row.region).count()


def schema_objects() -> set[tuple[str, ...]]:
    """The indexes and constraints of the tables the load drops and restores."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE tablename IN "
            "('elections_tps', 'workforce_person', 'workforce_appointment') "
            "UNION ALL SELECT conrelid::regclass::text, conname || pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid IN ('elections_tps'::regclass, 'workforce_person'::regclass, "
            "'workforce_appointment'::regclass)"
        )
        return set(cursor.fetchall())


@postgres_only
def test_it_keeps_the_database_constraints(db: None) -> None:
    before = schema_objects()
    synth("--seed", "7", "--regions", BELTIM)
    assert schema_objects() == before  # every index and foreign key is back after the load
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT election_id, person_id FROM workforce_appointment "
            "WHERE status = 'active' GROUP BY 1, 2 HAVING count(*) > 1) d"
        )
        assert cursor.fetchone()[0] == 0
    appointment = Appointment.objects.filter(election__slug=DEFAULT_SLUG, body="kpps").first()
    assert appointment is not None
    with pytest.raises(IntegrityError), transaction.atomic():  # same person, a second active seat
        Appointment.objects.create(
            election=appointment.election,
            person=appointment.person,
            body="pps",
            region_id=appointment.region_id,
            seat=40,
        )
    # The foreign keys were put back after the load.
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("UPDATE workforce_appointment SET tps_id = -1 WHERE id = %s", [appointment.pk])


@postgres_only
def test_it_repeats_the_same_rows_from_the_same_seed(db: None) -> None:
    synth("--seed", "11", "--regions", BELTIM)
    first = registry_rows()
    synth("--seed", "11", "--regions", BELTIM, "--replace")
    assert registry_rows() == first
    assert Person.objects.count() == len(first)  # the replaced people are gone, not duplicated
    synth("--seed", "12", "--regions", BELTIM, "--replace")
    other = registry_rows()
    assert other != first
    assert {row[0] for row in other} != {row[0] for row in first}


@postgres_only
def test_it_refuses_an_election_that_exists_without_replace(two_regencies: dict[str, Any]) -> None:
    with pytest.raises(CommandError) as caught:
        synth("--seed", "7", "--regions", BELTIM)
    assert "synth_election_exists" in str(caught.value)


@postgres_only
def test_it_avoids_the_niks_already_stored(db: None) -> None:
    synth("--seed", "5", "--regions", BELTIM, "--election", "first-run")
    report = synth("--seed", "5", "--regions", BELTIM, "--election", "second-run")
    assert report["counts"]["people"] > 3000
    assert Person.objects.count() == 2 * report["counts"]["people"]  # same seed, no NIK collided


@postgres_only
def test_it_builds_whole_kabupaten_at_a_small_scale(db: None) -> None:
    report = synth(
        "--seed", "3", "--scale", "0.01", "--regions", "33", "--keep-indexes", "--vacancy-rate", "0"
    )
    election = Election.objects.get(slug=DEFAULT_SLUG)
    built = sorted(
        {code[:5] for code in TPS.objects.filter(election=election).values_list("village_id", flat=True)}
    )
    assert len(built) == report["counts"]["kabupaten"] >= 1
    for kabupaten in built:
        assert staffing(
            election=election, region_code=kabupaten
        ).complete  # no vacancy rate: every seat filled


# --- Everywhere: the refusal and the pure core ----------------------------------------------------


def test_it_refuses_sqlite_with_a_clear_message(db: None) -> None:
    if connection.vendor == "postgresql":
        pytest.skip("the refusal is for SQLite")
    with pytest.raises(CommandError) as caught:
        synth("--seed", "1", "--regions", BELTIM)
    assert "synth_needs_postgresql" in str(caught.value)
    assert "PostgreSQL" in str(caught.value)


def test_it_numbers_a_crowd_of_one_kecamatan_and_birth_date_uniquely() -> None:
    count = 12_000  # more than 9,999: a per-kecamatan serial would overflow
    kecamatan = np.full(count, 317506, dtype=np.int64)
    birth = np.array(["1990-05-17"] * 6000 + ["1991-01-02"] * 6000, dtype="datetime64[D]")
    female = np.arange(count) % 2 == 0
    niks = make_niks(kecamatan, birth, female)
    assert len(np.unique(niks)) == count
    info = parse_nik(str(niks[0]))
    assert (info.kecamatan_code, info.birth_date, info.sex) == ("31.75.06", dt.date(1990, 5, 17), "P")
    assert niks.max() % 10_000 <= 9999 and niks.min() % 10_000 >= 1


def test_it_starts_serials_above_the_stored_ones() -> None:
    kecamatan = np.full(3, 190602, dtype=np.int64)
    birth = np.array(["1980-01-01"] * 3, dtype="datetime64[D]")
    female = np.zeros(3, dtype=bool)
    prefix = nik_prefixes(kecamatan, birth, female)[:1]
    niks = make_niks(kecamatan, birth, female, (prefix, np.array([41], dtype=np.int64)))
    assert sorted(n % 10_000 for n in niks) == [42, 43, 44]


def test_it_samples_whole_kabupaten_up_to_the_scale() -> None:
    kabupaten = [f"33.{i:02d}" for i in range(1, 30)]
    tps = {k: 1000 + 100 * i for i, k in enumerate(kabupaten)}
    chosen = choose_kabupaten(kabupaten, tps, regions=["33"], scale=0.2)
    held = sum(tps[k] for k in chosen)
    assert held >= 0.2 * sum(tps.values())
    assert held - max(tps[k] for k in chosen) < 0.2 * sum(tps.values())  # it stops at the target
    assert chosen == choose_kabupaten(kabupaten, tps, regions=["33"], scale=0.2)
    assert choose_kabupaten(kabupaten, tps, regions=["33.05"], scale=1.0) == ["33.05"]
