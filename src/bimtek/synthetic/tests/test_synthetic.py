"""The synthetic country: counts to the norms, valid unique NIKs, reproducible from a seed.

The loads run on PostgreSQL only (COPY); the pure generator is tested everywhere. Beltim (19.06) and
Purbalingga (33.03) keep each load to a few seconds.
"""

import datetime as dt
import io
import json
from collections import Counter
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.db.models import Avg, Count, F

from bimtek.accounts.scoping import Scope
from bimtek.assessment.attempts import versions_of
from bimtek.assessment.core.scoring import Key, mark
from bimtek.assessment.models import Attempt, Program, TestForm
from bimtek.assessment.packing import unpack
from bimtek.assessment.selectors import form_item_analysis
from bimtek.conftest import BELTIM, PURBALINGGA
from bimtek.delivery.models import DEFAULT_PARTS, Attendance
from bimtek.drill.core.schema import form_from_json
from bimtek.drill.core.scoring import score as drill_score_of
from bimtek.drill.models import DrillAttempt
from bimtek.drill.selectors import PASS_MARK as DRILL_PASS_MARK
from bimtek.drill.services import drill_for
from bimtek.elections.models import TPS, Election
from bimtek.planner.core.schema import Plan, Session
from bimtek.planner.core.validation import validate
from bimtek.planner.instance import build, spec_of, venue_key
from bimtek.planner.models import SessionFacilitator, SessionGroup, TrainingPlan, TrainingSession, Venue
from bimtek.readiness.services import readiness_refresh
from bimtek.synthetic import training
from bimtek.synthetic.country import choose_kabupaten, make_niks, nik_prefixes
from bimtek.synthetic.service import DEFAULT_SLUG, TABLES
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
    # One Sirekap operator per TPS: KPPS 4, or another anggota when that seat is vacant; never the ketua.
    operators = Appointment.objects.filter(election=election, sirekap_operator=True)
    assert operators.count() == counts["tps"] == operators.values("tps_id").distinct().count()
    assert set(operators.values_list("body", flat=True).distinct()) == {"kpps"}
    assert not operators.filter(seat=1).exists()
    seat_4 = Appointment.objects.filter(election=election, body="kpps", seat=4)
    assert operators.filter(seat=4).count() == seat_4.count() < counts["tps"]  # seat 4 is sometimes vacant


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
            "SELECT tablename, indexdef FROM pg_indexes WHERE tablename = ANY(%(t)s) "
            "UNION ALL SELECT conrelid::regclass::text, conname || pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = ANY(%(t)s::regclass[])",
            {"t": TABLES},
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


# --- PostgreSQL: the training hooks ------------------------------------------------------------------

PINNED = dt.date(2024, 2, 7)  # a week before voting day: training done, PAW no longer possible in time


@pytest.fixture
def beltim(db: None) -> dict[str, Any]:
    return synth("--seed", "7", "--regions", BELTIM)


def validate_stored(plan: TrainingPlan) -> list[Any]:
    """The planner core's own validator over a stored plan, as if its sessions were still to be held."""
    built = build(replace(spec_of(plan), plan_id=None))
    key_of = {person: key for key, person in built.facilitators.items()}
    sessions = [
        Session(
            venue_key(s.venue_id),
            s.date,
            s.slot,
            tuple((g.key, g.participants) for g in s.groups.all()),
            tuple(key_of[f.person_id] for f in s.facilitators.all()),
        )
        for s in TrainingSession.objects.filter(plan=plan).prefetch_related("groups", "facilitators")
    ]
    return validate(built.instance, Plan(tuple(sessions)))


@postgres_only
def test_it_plans_every_crew_and_every_ppk_pps_into_exactly_one_session(beltim: dict[str, Any]) -> None:
    election = Election.objects.get(slug=DEFAULT_SLUG)
    plans = {p.tier: p for p in TrainingPlan.objects.filter(election=election)}
    assert set(plans) == {"tot", "bimtek"} and all(p.status == "solved" for p in plans.values())
    assert plans["bimtek"].include_linmas and plans["bimtek"].region_id == BELTIM
    tps_ids = set(TPS.objects.filter(election=election).values_list("id", flat=True))
    crews = list(SessionGroup.objects.filter(plan=plans["bimtek"]).values_list("tps_id", "participants"))
    assert sorted(t for t, _ in crews) == sorted(tps_ids)  # every TPS crew once, and only once
    active = Appointment.objects.filter(election=election, status="active")
    crew_size = dict(active.filter(body__in=["kpps", "linmas"]).values_list("tps_id").annotate(n=Count("id")))
    assert dict(crews) == crew_size
    tot_keys = sorted(SessionGroup.objects.filter(plan=plans["tot"]).values_list("key", flat=True))
    units = set(active.filter(body__in=["ppk", "pps"]).values_list("body", "region_id"))
    assert tot_keys == sorted(f"{body}-{region}" for body, region in units)  # 7 PPK + 39 PPS groups
    assert len(tot_keys) == 7 + 39
    for session in TrainingSession.objects.filter(plan__election=election).select_related("venue"):
        assert sum(g.participants for g in session.groups.all()) <= session.venue.capacity
    assert dt.date(2024, 1, 22) <= min(
        TrainingSession.objects.filter(plan=plans["tot"]).values_list("date", flat=True)
    )
    bimtek_days = set(TrainingSession.objects.filter(plan=plans["bimtek"]).values_list("date", flat=True))
    assert bimtek_days <= {dt.date(2024, 1, d) for d in range(25, 29)}
    facilitators = SessionFacilitator.objects.filter(session__plan=plans["bimtek"]).select_related("session")
    assert facilitators.count() >= 1.9 * TrainingSession.objects.filter(plan=plans["bimtek"]).count()
    for f in facilitators[:200]:  # the desa's own PPS
        assert Appointment.objects.filter(
            election=election, person_id=f.person_id, body="pps", region_id=f.session.region_code
        ).exists()
    for plan in plans.values():  # what the planner would have accepted
        assert validate_stored(plan) == []


def held_participants(election: Election) -> int:
    """Everyone whose session took place: all PPK/PPS (the ToT was held), the crews of held bimtek sessions."""
    held_tps = SessionGroup.objects.filter(plan__election=election, session__status="held", tps__isnull=False)
    active = Appointment.objects.filter(election=election, status="active")
    return (
        active.filter(body__in=["ppk", "pps"]).count() + active.filter(tps__in=held_tps.values("tps")).count()
    )


@postgres_only
def test_it_checks_in_about_98_percent_for_every_part(beltim: dict[str, Any]) -> None:
    election = Election.objects.get(slug=DEFAULT_SLUG)
    rows = Attendance.objects.filter(session__plan__election=election)
    assert rows.count() == beltim["counts"]["attendance"]
    assert set(rows.values_list("part", flat=True).distinct()) == set(DEFAULT_PARTS)
    assert not rows.exclude(session__status="held").exists()
    participants = held_participants(election)
    parts = Counter(Counter(rows.values_list("person_id", flat=True)).values())
    assert 0.96 < parts[2] / participants < 0.995  # both parts
    assert 0.002 < parts[1] / participants < 0.03  # one part missed
    assert rows.values("key").distinct().count() == rows.count()
    assert not rows.exclude(region_code=F("person__region_id")).exists()
    assert not rows.filter(method="manual", reason="").exists()


@postgres_only
def test_it_gives_a_pre_and_a_post_test_and_the_post_test_is_better(beltim: dict[str, Any]) -> None:
    election = Election.objects.get(slug=DEFAULT_SLUG)
    assert set(Program.objects.filter(election=election).values_list("kind", flat=True)) == {
        "tot",
        "kpps",
        "linmas",
    }
    attempts = Attempt.objects.filter(form__program__election=election)
    assert attempts.count() == beltim["counts"]["test_attempts"]
    people = held_participants(election)
    firsts = attempts.filter(number=1)
    assert 0.93 < firsts.filter(form__stage="pre").count() / people < 0.99
    assert 0.97 < firsts.filter(form__stage="post").count() / people <= 1
    assert not attempts.filter(form__stage="pre", number__gt=1).exists()
    for kind in ("tot", "kpps", "linmas"):
        mean = dict(
            firsts.filter(form__program__kind=kind).values_list("form__stage").annotate(m=Avg("percent"))
        )
        assert mean["pre"] + 10 < mean["post"], kind
    # Scores are what the product's marking gives for the stored items and answers.
    for attempt in attempts.select_related("form__program").order_by("?")[:100]:
        versions = versions_of(attempt)
        marked = mark([Key(v.kind, v.answer) for v in versions], unpack(attempt.answers))
        assert (marked.score, marked.percent) == (attempt.score, attempt.percent)
        assert marked.passed(attempt.form.program.pass_mark) == attempt.passed
    # Item analysis finds weak items and a reliable test.
    form = TestForm.objects.get(program__election=election, program__kind="kpps", stage="post")
    analysis = form_item_analysis(form, Scope(None, None))
    assert analysis.test.attempts == firsts.filter(form=form).count()
    assert analysis.test.alpha is not None and analysis.test.alpha > 0.3
    assert any("low_discrimination" in row.stat.flags for row in analysis.items)


@postgres_only
def test_it_drills_nearly_every_ketua_with_forms_the_scorer_agrees_with(beltim: dict[str, Any]) -> None:
    election = Election.objects.get(slug=DEFAULT_SLUG)
    drills = DrillAttempt.objects.filter(election=election)
    assert drills.count() == beltim["counts"]["drill_attempts"]
    ketua = Appointment.objects.filter(election=election, body="kpps", seat=1)
    passed = ketua.filter(person__drill_attempts__score__gte=DRILL_PASS_MARK).distinct().count()
    assert 0.95 < passed / ketua.count() < 1
    assert drills.exclude(person__appointments__body="kpps").count() == 0
    for attempt in drills.order_by("?")[:100]:
        truth = drill_for(kind="pemilu", level=attempt.level, seed=attempt.seed).truth
        assert drill_score_of(form_from_json(attempt.form), truth).score == attempt.score


@postgres_only
def test_it_leaves_readiness_mostly_ready_a_week_before_voting(beltim: dict[str, Any]) -> None:
    election = Election.objects.get(slug=DEFAULT_SLUG)
    report = readiness_refresh(election=election, actor="test", today=PINNED)
    by_status = report.by_status
    assert sum(by_status.values()) == report.tps == beltim["counts"]["tps"]
    # Trained = every part checked in: with 98% of people complete, one crew in six misses someone.
    assert by_status["ready"] > 0.6 * report.tps
    assert 0 < by_status["at_risk"] < 0.3 * report.tps  # untrained, post-tests not passed, drills missing
    assert 0 < by_status["not_ready"] < 0.15 * report.tps  # vacant seats: too late for a PAW


def training_rows() -> dict[str, list[tuple[Any, ...]]]:
    """The training rows a seed decides, without ids and timestamps of the load."""
    scope = {"plan__election__slug": DEFAULT_SLUG}
    return {
        "sessions": sorted(
            TrainingSession.objects.filter(**scope).values_list("venue__name", "date", "slot", "status")
        ),
        "groups": sorted(
            SessionGroup.objects.filter(**scope).values_list(  # not the key: a crew's names its TPS id
                "body",
                "region_code",
                "tps__number",
                "session__venue__name",
                "session__date",
                "session__slot",
                "participants",
            )
        ),
        "facilitators": sorted(
            SessionFacilitator.objects.filter(session__plan__election__slug=DEFAULT_SLUG).values_list(
                "person__nik", "session__date", "session__slot"
            )
        ),
        "attendance": sorted(
            Attendance.objects.filter(session__plan__election__slug=DEFAULT_SLUG).values_list(
                "person__nik", "part", "checked_in_at", "method"
            )
        ),
        "attempts": sorted(
            (nik, kind, stage, number, score, started, bytes(answers))
            for nik, kind, stage, number, score, started, answers in Attempt.objects.filter(
                form__program__election__slug=DEFAULT_SLUG
            ).values_list(
                "person__nik",
                "form__program__kind",
                "form__stage",
                "number",
                "score",
                "started_at",
                "answers",
            )
        ),
        "drills": sorted(
            DrillAttempt.objects.filter(election__slug=DEFAULT_SLUG).values_list(
                "person__nik", "seed", "level", "score", "created_at"
            )
        ),
    }


@postgres_only
def test_it_repeats_the_training_from_the_same_seed(db: None) -> None:
    synth("--seed", "11", "--regions", BELTIM)
    first = training_rows()
    assert all(first.values())
    synth("--seed", "11", "--regions", BELTIM, "--replace")
    assert training_rows() == first
    synth("--seed", "12", "--regions", BELTIM, "--replace")
    other = training_rows()
    assert all(other[name] != first[name] for name in first)


@postgres_only
def test_it_replaces_the_training_rows_without_touching_another_election(db: None) -> None:
    synth("--seed", "5", "--regions", BELTIM, "--election", "other-run")
    synth("--seed", "5", "--regions", BELTIM)
    other = Election.objects.get(slug="other-run")

    def rows_of(slug: str) -> dict[str, int]:
        return {
            "plans": TrainingPlan.objects.filter(election__slug=slug).count(),
            "sessions": TrainingSession.objects.filter(plan__election__slug=slug).count(),
            "groups": SessionGroup.objects.filter(plan__election__slug=slug).count(),
            "attendance": Attendance.objects.filter(session__plan__election__slug=slug).count(),
            "programs": Program.objects.filter(election__slug=slug).count(),
            "attempts": Attempt.objects.filter(form__program__election__slug=slug).count(),
            "drills": DrillAttempt.objects.filter(election__slug=slug).count(),
        }

    kept = rows_of("other-run")
    beltim_halls = Venue.objects.filter(region__code__startswith=BELTIM, name__endswith="(sintetis)")
    halls = beltim_halls.count()
    assert halls == 1 + 39  # the ToT ballroom and one hall per desa, shared by both elections
    readiness_refresh(election=Election.objects.get(slug=DEFAULT_SLUG), actor="test", today=PINNED)
    before = rows_of(DEFAULT_SLUG)
    report = synth("--seed", "6", "--regions", PURBALINGGA, "--replace")
    # 2-day sessions: the ToT and two waves a desa
    assert before["attempts"] > 6000 and before["sessions"] > 70
    assert report["counts"]["removed_attempts"] == before["attempts"]
    assert report["counts"]["removed_sessions"] == before["sessions"]
    assert rows_of("other-run") == kept
    assert beltim_halls.count() == halls  # still used by the other election
    new = rows_of(DEFAULT_SLUG)
    assert new["attempts"] == report["counts"]["test_attempts"]
    assert new["attendance"] == report["counts"]["attendance"]
    assert not TrainingSession.objects.filter(
        plan__election__slug=DEFAULT_SLUG, region_code__startswith=f"{BELTIM}."
    ).exists()
    synth("--seed", "6", "--regions", PURBALINGGA, "--replace", "--election", "other-run")
    assert not beltim_halls.exists()  # nobody uses them any more: gone with the elections that made them
    assert TrainingPlan.objects.filter(election=other).count() == 0  # the replaced election's plans are gone


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


def test_it_packs_whole_groups_into_sessions_that_fit() -> None:
    rng = np.random.default_rng(1)
    block = np.sort(rng.integers(0, 40, 2000))
    size = rng.integers(1, 10, 2000)
    room = rng.integers(21, 80, 40)  # capacity less the largest group (9)
    packing = training.pack_groups(block, size, room, 40)
    assert (packing.participants <= room[packing.session_block] + 9).all()
    assert (packing.participants > 0).all()  # no empty session
    assert (packing.session_block[packing.session_of_group] == block).all()  # a group stays in its block
    assert packing.participants.sum() == size.sum()
    people = np.bincount(block, weights=size, minlength=40)
    assert (packing.sessions_per_block == np.maximum(1, np.ceil(people / room))).all()  # as few as fit


def test_it_spreads_a_kabupatens_tot_over_the_days_and_adds_halls_only_when_needed() -> None:
    packing = training.pack_groups(np.repeat([0, 1], [200, 700]), np.full(900, 5), np.array([295, 295]), 2)
    schedule = training.spread(packing, days=3, slots_per_day=2)
    assert list(packing.sessions_per_block) == [4, 12]
    assert list(schedule.halls_per_block) == [1, 2]
    first = packing.session_block == 0
    assert sorted(set(schedule.day[first].tolist())) == [0, 1, 2]  # waves on all three days
    slots = set(zip(packing.session_block, schedule.hall, schedule.day, schedule.slot, strict=True))
    assert len(slots) == len(packing.session_block)  # no hall holds two sessions at once


def test_it_schedules_sessions_as_long_as_their_program_in_the_planners_blocks() -> None:
    assert training.positions(4, 2, slots=1, days=1) == (4, 2)  # a slot: two a day
    assert training.positions(4, 2, slots=2, days=1) == (4, 1)  # a full day: one a day
    assert training.positions(4, 2, slots=2, days=2) == (2, 1)  # two days: blocks 1-2 and 3-4
    assert training.positions(3, 2, slots=2, days=2) == (1, 1)  # a third day cannot hold a block
    packing = training.pack_groups(np.zeros(4, np.int64), np.full(4, 9), np.array([18]), 1)
    at = training.in_a_row(packing, 2, 1, np.random.default_rng(1))
    when = training.stretch(at, slots=2, days=2)
    assert sorted(when.day.tolist()) == [0, 2] and set(when.slot.tolist()) == {1}  # 25-26 and 27-28 January


def test_it_lets_no_pps_facilitate_more_than_two_sessions_a_day() -> None:
    position = np.arange(8)  # a desa's hall, four days of two slots
    sessions, people = training.rotating_facilitators(position, np.full(8, 100), np.full(8, 3))
    assert Counter(sessions.tolist()) == dict.fromkeys(range(8), 2)
    for day in range(4):
        on_day = np.isin(sessions, [2 * day, 2 * day + 1])
        assert max(Counter(people[on_day].tolist()).values()) <= 2
    lone, alone = training.rotating_facilitators(position, np.full(8, 7), np.full(8, 1))
    assert set(alone.tolist()) == {7} and len(lone) == 8  # a desa with one PPS: that one, every session


def test_it_gives_abler_people_more_right_answers() -> None:
    rng = np.random.default_rng(2)
    items = training.item_parameters(
        np.arange(30), ["mc"] * 10 + ["tf"] * 10 + ["num"] * 10, np.zeros(30, np.int64), np.full(30, 4), rng
    )
    chosen = training.draw_items([np.arange(30)], [20], 4000, rng)
    assert all(len(set(row)) == 20 for row in chosen.tolist())  # no question twice in a test
    ability = np.repeat([-1.0, 2.0], 2000)
    answers, right = training.answer(items, chosen, ability, rng)
    assert right[:2000].mean() + 0.2 < right[2000:].mean()
    assert ((answers == items.answer[chosen]) == right).all()  # right means the key, wrong never does


def test_it_checks_in_most_for_both_parts() -> None:
    rows, present = training.draw_attendance(100_000, np.random.default_rng(3))
    per_person = np.bincount(rows.participant, minlength=100_000)
    assert 0.975 < (per_person == 2).mean() < 0.985
    assert 0.007 < (per_person == 0).mean() < 0.013
    assert ((per_person > 0) == present).all()
