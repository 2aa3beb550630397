"""A refresh of a kabupaten or more counts in one SQL query (bulk_facts): every TPS judged as the per-person facts do."""

import datetime as dt

import pytest

from bimtek.conftest import BELTIM, LENGGANG
from bimtek.delivery.models import Attendance
from bimtek.elections.models import TPS, Election
from bimtek.readiness import services
from bimtek.readiness.bulk_facts import tps_facts_stream
from bimtek.readiness.facts import region_facts
from bimtek.readiness.models import ReadinessTPS
from bimtek.readiness.services import readiness_refresh
from bimtek.readiness.tests.conftest import TODAY
from bimtek.workforce.models import Appointment, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed_story(beltim_tps: Election, lenggang_story: dict[int, TPS]) -> dict[int, TPS]:
    """The Lenggang story with the cases the counts must tell apart: welfare papers of every kind, a half
    attended session, a failed post-test, an operator who passed the drill (not the ketua)."""
    from bimtek.assessment.models import Attempt, TestForm
    from bimtek.drill.models import DrillAttempt

    tps = lenggang_story
    crew2 = list(Appointment.objects.filter(tps=tps[2]).order_by("body", "seat"))
    voting_day = beltim_tps.voting_day
    health = [voting_day - dt.timedelta(days=d) for d in (10, 180, 181, 400)] + [None]
    for i, a in enumerate(Appointment.objects.filter(tps__in=[tps[1], tps[2]]).order_by("pk")):
        Person.objects.filter(pk=a.person_id).update(
            bpjs_enrolled="yes" if i % 3 == 0 else ("no" if i % 3 == 1 else "unknown"),
            health_date=health[i % len(health)],
        )
    held = Attendance.objects.filter(person__appointments__tps=tps[1]).values_list("session_id", flat=True)[0]
    Attendance.objects.create(
        session_id=held, person_id=crew2[0].person_id, part="pagi", key="half", method="qr",
        region_code=LENGGANG, checked_in_at=dt.datetime(2024, 1, 21, 8, tzinfo=dt.UTC),
    )  # fmt: skip
    form = TestForm.objects.get(program__election=beltim_tps, program__kind="kpps", stage="post")
    for n, (a, passed) in enumerate(((crew2[1], False), (crew2[2], True))):
        Attempt.objects.create(
            form=form, person_id=a.person_id, region_id=LENGGANG, code=f"M{n}", seed=n, items=b"", answers=b"",
            status="submitted", score=9 if passed else 2, percent=90.0 if passed else 20.0, passed=passed,
        )  # fmt: skip
    operator = Appointment.objects.get(tps=tps[2], body="kpps", seat=4)
    DrillAttempt.objects.create(
        person_id=operator.person_id,
        election=beltim_tps,
        seed=9,
        level="easy",
        kind="pemilu",
        form={},
        score=90,
    )
    return tps


@pytest.mark.parametrize("region", ["", "19", BELTIM])
def test_sql_counts_equal_the_per_person_facts_for_every_tps(
    beltim_tps: Election, mixed_story: dict[int, TPS], region: str
) -> None:
    per_person = {
        f.tps_id: f for f in region_facts(election=beltim_tps, region_code=BELTIM, today=TODAY).facts
    }
    streamed = list(tps_facts_stream(election=beltim_tps, region_code=region, today=TODAY))
    assert {f.tps_id: f for _, f in streamed} == per_person  # the country here is Belitung Timur
    assert [village for village, _ in streamed] == sorted(village for village, _ in streamed)
    assert (
        len(per_person) == TPS.objects.filter(election=beltim_tps, village__code__startswith="19.06.").count()
    )
    two = per_person[mixed_story[2].pk]  # the story is in it: the counts differ from TPS to TPS
    assert (two.untrained, two.post_test_not_passed, two.ketua_drill_passed, two.operator) == (
        9,
        8,
        False,
        True,
    )
    assert 0 < two.kpps_bpjs_missing < two.kpps and 0 < two.kpps_health_unchecked < two.kpps


def test_a_crew_drill_counts_alike_in_both_ways(beltim_tps: Election, mixed_story: dict[int, TPS]) -> None:
    from bimtek.drill.models import CrewDrill, CrewDrillPolicy

    CrewDrillPolicy.objects.create(election=beltim_tps, counts_in_readiness=True, pass_mark=70)
    for n, score in ((1, 90), (2, 50)):
        CrewDrill.objects.create(
            election=beltim_tps,
            tps=mixed_story[n],
            seed=n,
            level="easy",
            kind="pemilu",
            status="resolved",
            score=score,
            resolved_at=dt.datetime(2024, 1, 22, 10, tzinfo=dt.UTC),
        )
    per_person = {
        f.tps_id: f for f in region_facts(election=beltim_tps, region_code=BELTIM, today=TODAY).facts
    }
    streamed = {f.tps_id: f for _, f in tps_facts_stream(election=beltim_tps, region_code="", today=TODAY)}
    assert streamed == per_person
    assert [streamed[mixed_story[n].pk].crew_drill_passed for n in (1, 2, 3)] == [True, False, False]


def test_a_kabupaten_refresh_stores_what_a_desa_refresh_stores(
    beltim_tps: Election, mixed_story: dict[int, TPS]
) -> None:
    def rows() -> list[tuple[object, ...]]:
        fields = ("tps_id", "status", "reason_bits", "kpps", "linmas", "untrained", "post_test_not_passed")
        return list(ReadinessTPS.objects.filter(region_code=LENGGANG).order_by("tps_id").values_list(*fields))

    readiness_refresh(election=beltim_tps, region_code=LENGGANG, actor="test", today=TODAY)  # per person
    by_desa = rows()
    readiness_refresh(election=beltim_tps, region_code=BELTIM, actor="test", today=TODAY)  # set-based
    assert rows() == by_desa and len(by_desa) == 12
    assert {r[1] for r in by_desa} >= {"ready", "at_risk"}


def test_a_refresh_that_fails_midway_keeps_the_old_snapshot(
    beltim_tps: Election, mixed_story: dict[int, TPS], monkeypatch: pytest.MonkeyPatch
) -> None:
    readiness_refresh(election=beltim_tps, region_code=BELTIM, actor="test", today=TODAY)
    before = list(ReadinessTPS.objects.order_by("tps_id").values_list("tps_id", "status", "computed_at"))
    monkeypatch.setattr(services, "BATCH", 50)  # several batches: the second one dies
    real = services._judge_and_store
    calls = []

    def dies_on_the_second(*args: object, **kwargs: object) -> dict[str, int]:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the worker died")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "_judge_and_store", dies_on_the_second)
    with pytest.raises(RuntimeError):
        readiness_refresh(election=beltim_tps, region_code="", actor="test", today=TODAY)
    assert (
        list(ReadinessTPS.objects.order_by("tps_id").values_list("tps_id", "status", "computed_at")) == before
    )
    monkeypatch.undo()
    assert readiness_refresh(election=beltim_tps, region_code="", actor="test", today=TODAY).tps == len(
        before
    )


def test_a_country_refresh_leaves_fresh_planner_statistics(
    beltim_tps: Election, mixed_story: dict[int, TPS]
) -> None:
    """PostgreSQL plans the pages' prefix queries from these statistics; a replaced country must not wait for
    autovacuum (the first refresh of the whole country left estimates of 14 rows for a province of 64,000)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only: set DATABASE_URL to a PostgreSQL server")

    def estimated() -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [ReadinessTPS._meta.db_table])
            return cursor.fetchone()[0]

    with connection.cursor() as cursor:  # statistics of an empty table (an earlier test may have left others)
        cursor.execute(f"ANALYZE {ReadinessTPS._meta.db_table}")
    assert estimated() <= 0
    readiness_refresh(election=beltim_tps, region_code=BELTIM, actor="test", today=TODAY)
    stored = ReadinessTPS.objects.count()
    assert stored > 300 and estimated() != stored  # a kabupaten's refresh leaves them to autovacuum
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    assert estimated() == ReadinessTPS.objects.count() == stored
