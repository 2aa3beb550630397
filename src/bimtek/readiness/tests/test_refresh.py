"""Refreshing the snapshot: each TPS judged from the database, roll-ups that add up, the CLI and the job."""

import io
import json

import pytest
from django.core.management import call_command
from django.db.models import Count

from bimtek.audit.models import AuditEntry
from bimtek.conftest import BELTIM, LENGGANG
from bimtek.delivery.models import Attendance
from bimtek.elections.models import TPS, Election
from bimtek.planner.models import TrainingSession
from bimtek.readiness.core import Code, codes_of
from bimtek.readiness.facts import trained_person_ids
from bimtek.readiness.models import ReadinessHistory, ReadinessRollup, ReadinessTPS
from bimtek.readiness.services import readiness_refresh
from bimtek.readiness.tests.conftest import TODAY
from bimtek.workforce.models import Appointment

pytestmark = pytest.mark.django_db


def test_it_judges_each_tps_from_the_registry_planner_tests_and_drill(
    beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    readiness_refresh(election=beltim_tps, region_code=LENGGANG, actor="test", today=TODAY)
    row = {n: ReadinessTPS.objects.get(tps=t) for n, t in lenggang_story.items()}
    assert row[1].status == "ready" and row[1].reason_bits == 0
    assert row[2].status == "at_risk"
    assert codes_of(row[2].reason_bits) == (
        Code.CREW_UNTRAINED,
        Code.POST_TEST_NOT_PASSED,
        Code.KETUA_DRILL_NOT_PASSED,  # 60 is under the drill's pass mark
        Code.OPERATOR_UNTRAINED,
    )
    assert (row[2].untrained, row[2].post_test_not_passed) == (9, 9)
    assert codes_of(row[3].reason_bits)[:3] == (
        Code.CREW_INCOMPLETE,
        Code.KETUA_MISSING,
        Code.OPERATOR_MISSING,
    )
    assert row[3].kpps == 6
    assert row[12].status == "at_risk" and row[12].kpps == 0  # 20 days left: still time to appoint
    readiness_refresh(
        election=beltim_tps, region_code=LENGGANG, actor="test", today=TODAY.replace(month=2, day=1)
    )
    assert (
        ReadinessTPS.objects.get(tps=lenggang_story[3]).status == "not_ready"
    )  # 13 days: too late for a PAW
    assert ReadinessTPS.objects.get(tps=lenggang_story[2]).status == "at_risk"  # training still possible


def test_it_counts_as_trained_who_attended_every_part_of_a_session_that_counts(
    beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    from bimtek.planner.models import SessionGroup
    from bimtek.readiness.tests.conftest import _attend

    people = list(
        Appointment.objects.filter(tps__in=[lenggang_story[1], lenggang_story[2]]).values_list(
            "person_id", "tps_id"
        )
    )
    ids = [p for p, _ in people]
    first = {p for p, t in people if t == lenggang_story[1].pk}
    assert trained_person_ids(beltim_tps, ids) == first and len(first) == 9  # checked in, Linmas too

    second = SessionGroup.objects.get(tps=lenggang_story[2]).session
    crew = Appointment.objects.filter(tps=lenggang_story[2])
    _attend(second, crew.filter(body="kpps", seat=1))
    ketua = crew.get(body="kpps", seat=1).person_id
    assert trained_person_ids(beltim_tps, ids) == first | {ketua}
    Attendance.objects.filter(session=second, part="siang").delete()  # left at noon: not trained
    assert trained_person_ids(beltim_tps, ids) == first
    Attendance.objects.filter(session=second).delete()
    TrainingSession.objects.filter(pk=second.pk).update(status="cancelled")
    _attend(second, crew)  # attendance kept from a session later cancelled counts for nothing
    assert trained_person_ids(beltim_tps, ids) == first


def _direct(prefix: str) -> dict[str, int]:
    rows = (
        ReadinessTPS.objects.filter(region_code__startswith=prefix).values("status").annotate(n=Count("id"))
    )
    return {r["status"]: r["n"] for r in rows}


def test_it_rolls_up_by_code_prefix_to_the_same_counts_as_a_direct_count(
    beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    report = readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    assert report.tps == TPS.objects.filter(election=beltim_tps).count() > 100
    rollups = ReadinessRollup.objects.filter(election=beltim_tps)
    assert {r.level for r in rollups} == {0, 1, 2, 3, 4}
    for rollup in rollups:
        direct = _direct(rollup.region_code)
        assert (rollup.ready, rollup.at_risk, rollup.not_ready) == (
            direct.get("ready", 0),
            direct.get("at_risk", 0),
            direct.get("not_ready", 0),
        ), rollup.region_code
        for code in Code:
            with_reason = sum(
                1
                for bits in ReadinessTPS.objects.filter(
                    region_code__startswith=rollup.region_code
                ).values_list("reason_bits", flat=True)
                if bits & code.bit
            )
            assert rollup.by_reason.get(code.value, 0) == with_reason
    national = rollups.get(region_code="")
    assert national.ready == 1 and national.total == report.tps
    lenggang = rollups.get(region_code=LENGGANG)
    assert (lenggang.total, lenggang.ready) == (12, 1)
    assert lenggang.by_reason[Code.CREW_INCOMPLETE.value] == 10
    assert AuditEntry.objects.filter(action="readiness.refresh").count() == 1


def test_it_refreshes_a_region_and_recounts_its_ancestors(
    beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    Appointment.objects.filter(tps=lenggang_story[1], body="kpps", seat=7).delete()  # a member leaves
    readiness_refresh(election=beltim_tps, region_code=LENGGANG, actor="test", today=TODAY)
    for code in ("", "19", BELTIM, "19.06.02", LENGGANG):
        assert ReadinessRollup.objects.get(region_code=code).ready == 0, code
    assert ReadinessHistory.objects.filter(region_code=BELTIM).count() == 2
    assert ReadinessHistory.objects.filter(region_code=LENGGANG).count() == 0  # desa: no history kept


def test_it_refreshes_from_the_command_line(beltim_tps: Election, lenggang_story: dict[int, TPS]) -> None:
    out = io.StringIO()
    call_command(
        "readiness",
        "refresh",
        "--election",
        beltim_tps.slug,
        "--region",
        BELTIM,
        "--today",
        "2024-01-25",
        "--json",
        stdout=out,
    )
    payload = json.loads(out.getvalue())
    assert payload["tps"] == TPS.objects.filter(election=beltim_tps).count()
    assert payload["by_status"]["ready"] == 1
    human = io.StringIO()
    call_command("readiness", "refresh", "--election", beltim_tps.slug, "--region", LENGGANG, stdout=human)
    assert "12 TPS" in human.getvalue()


def test_it_refuses_an_unknown_election_or_region(beltim_tps: Election) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as unknown:
        call_command("readiness", "refresh", "--election", "nope")
    assert unknown.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("readiness", "refresh", "--election", beltim_tps.slug, "--region", "99.99")


def test_it_refreshes_as_a_job(
    beltim_tps: Election, lenggang_story: dict[int, TPS], kpu_beltim: object
) -> None:
    from bimtek.jobs.models import Job
    from bimtek.readiness.jobs import run_refresh

    job = Job.objects.create(
        kind="readiness.refresh", title="t", params={"election_id": beltim_tps.pk, "region_code": LENGGANG}
    )
    result = run_refresh(job, lambda done, total, message: None)
    assert result["tps"] == 12 and result["url"].endswith(f"/wilayah/{LENGGANG}/")


def test_few_and_many_people_are_judged_alike(
    beltim_tps: Election, lenggang_story: dict[int, TPS], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bimtek.readiness import facts
    from bimtek.readiness.facts import region_facts

    # A desa reads check-ins then sessions; a large region one grouped join. Same facts either way.
    few = {f.tps_id: f for f in region_facts(election=beltim_tps, region_code="19.06", today=TODAY).facts}
    monkeypatch.setattr(facts, "SMALL", 0)
    many = region_facts(election=beltim_tps, region_code="19.06", today=TODAY).facts
    assert many and all(few[f.tps_id] == f for f in many)
    assert {f.untrained for f in many} >= {0, 9}  # TPS 001 trained, TPS 002 not: the story is in it
    with pytest.raises(ValueError):
        region_facts(election=beltim_tps, region_code="", today=TODAY)  # never the country at once


def test_one_tps_facts_equal_its_row_in_the_region(
    beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    from bimtek.readiness.facts import region_facts

    region = {f.tps_id: f for f in region_facts(election=beltim_tps, region_code=LENGGANG, today=TODAY).facts}
    for n in (1, 2, 3):
        tps = lenggang_story[n]
        [one] = region_facts(election=beltim_tps, region_code=LENGGANG, today=TODAY, tps_id=tps.pk).facts
        assert one == region[tps.pk]


def test_the_tps_page_judges_a_tps_as_its_region_does(
    beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    """The TPS page reads its crew once for both the verdict and the table: the same facts as the region's."""
    from bimtek.readiness.facts import region_facts, tps_page_facts

    region = {f.tps_id: f for f in region_facts(election=beltim_tps, region_code=LENGGANG, today=TODAY).facts}
    for n in (1, 2, 3):
        tps = lenggang_story[n]
        facts, crew = tps_page_facts(election=beltim_tps, tps=tps, today=TODAY)
        assert facts == region[tps.pk]
        assert facts.untrained == sum(1 for m in crew if not m.trained)
