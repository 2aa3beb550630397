"""Incremental readiness: a check-in marks its crew's TPS, one job re-judges them, and every roll-up moves by
exactly the difference, so the snapshot reads as a full refresh would, without one."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from bimtek.accounts.models import User
from bimtek.conftest import LENGGANG
from bimtek.delivery.services import Scan, attendance_sync
from bimtek.elections.models import TPS, Election
from bimtek.jobs.models import Job
from bimtek.planner.models import TrainingSession
from bimtek.readiness.models import ReadinessDirty, ReadinessRollup, ReadinessTPS
from bimtek.readiness.services import readiness_refresh
from bimtek.readiness.tests.conftest import TODAY, _attend
from bimtek.readiness.touch import mark_dirty, readiness_touch, run_touch
from bimtek.workforce.models import Appointment

pytestmark = pytest.mark.django_db


def _snapshot(election: Election) -> tuple[dict[int, tuple[Any, ...]], dict[str, tuple[Any, ...]]]:
    tps = {
        r.tps_id: (
            r.status,
            r.reason_bits,
            r.kpps,
            r.linmas,
            r.untrained,
            r.post_test_not_passed,
            r.kpps_bpjs,
        )
        for r in ReadinessTPS.objects.filter(election=election)
    }
    rollups = {
        r.region_code: (r.total, r.ready, r.at_risk, r.not_ready, r.by_reason, r.kpps, r.kpps_bpjs)
        for r in ReadinessRollup.objects.filter(election=election)
    }
    return tps, rollups


def _session_of(tps: TPS) -> TrainingSession:
    return TrainingSession.objects.get(groups__tps=tps)


def test_a_touch_leaves_the_snapshot_as_a_full_refresh_would(
    beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    tps2 = lenggang_story[2]
    before = ReadinessTPS.objects.get(tps=tps2)
    _attend(_session_of(tps2), Appointment.objects.filter(tps=tps2))  # TPS 002's crew came after all

    assert readiness_touch(election=beltim_tps, tps_ids=[tps2.pk], today=TODAY) == 1
    touched = _snapshot(beltim_tps)
    assert touched[0][tps2.pk][4] == 0 and touched[0][tps2.pk][1] != before.reason_bits  # trained now
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    assert touched == _snapshot(beltim_tps)  # every TPS row and every roll-up, the country's included


def test_touching_an_unchanged_tps_moves_nothing(
    beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    before = _snapshot(beltim_tps)
    assert (
        readiness_touch(election=beltim_tps, tps_ids=[t.pk for t in lenggang_story.values()], today=TODAY)
        == 0
    )
    assert _snapshot(beltim_tps) == before


def test_a_tps_never_refreshed_is_left_to_the_refresh(
    beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    assert readiness_touch(election=beltim_tps, tps_ids=[lenggang_story[2].pk], today=TODAY) == 0
    assert not ReadinessRollup.objects.exists()
    crew = Appointment.objects.filter(tps=lenggang_story[2]).values_list("person_id", flat=True)
    assert mark_dirty(beltim_tps.pk, crew) == 0 and not ReadinessDirty.objects.exists()  # nothing to mark


def test_a_check_in_re_judges_its_crews_tps_through_one_job(
    beltim_tps: Election,
    lenggang_story: dict[int, TPS],
    django_capture_on_commit_callbacks: Callable[..., Any],
    settings: Any,
    pps_lenggang: User,
) -> None:
    """The tests run jobs at once (django-tasks' immediate backend), so the job has run when the scan returns."""
    settings.BIMTEK_TODAY = TODAY
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    tps2 = lenggang_story[2]  # its crew has not checked in yet
    before = ReadinessTPS.objects.get(tps=tps2)
    crew = list(Appointment.objects.filter(tps=tps2).values_list("person_id", flat=True))
    scans = [
        Scan(
            key=f"k{person:08d}{part}", part=part, method="manual", person_id=person, reason="hadir, dicatat"
        )
        for person in crew
        for part in ("pagi", "siang")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        answers = attendance_sync(session=_session_of(tps2), scans=scans, actor=pps_lenggang)
    assert {a.status for a in answers} == {"created"}, answers[0]
    (job,) = Job.objects.filter(kind="readiness.touch")
    assert job.status == "done" and job.result == {"tps": 1, "changed": 1}, job.result
    assert not ReadinessDirty.objects.exists()  # drained
    after = ReadinessTPS.objects.get(tps=tps2)
    assert (before.untrained, after.untrained) == (9, 0) and after.computed_at > before.computed_at


def test_marks_wait_for_one_job_and_survive_a_worker_that_died(
    beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    crew = list(
        Appointment.objects.filter(tps__in=[lenggang_story[1], lenggang_story[2]]).values_list(
            "person_id", flat=True
        )
    )
    assert mark_dirty(beltim_tps.pk, crew) == 2
    assert mark_dirty(beltim_tps.pk, crew) == 0  # asked again: both wait already, nothing new to schedule
    assert ReadinessDirty.objects.count() == 2
    job = Job.objects.create(kind="readiness.touch", title="t", params={"election_id": beltim_tps.pk})
    # A worker that dies before it deletes the marks leaves them for the next job: nothing is lost.
    result = run_touch(job, lambda *a: None)
    assert result["tps"] == 2 and not ReadinessDirty.objects.exists()


def test_a_passed_drill_clears_the_ketuas_reason_without_a_refresh(
    beltim_tps: Election,
    lenggang_story: dict[int, TPS],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    from bimtek.drill.services import drill_attempt_record
    from bimtek.drill.tests.helpers import truth
    from bimtek.readiness.core import Code

    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    tps2 = lenggang_story[2]
    assert ReadinessTPS.objects.get(tps=tps2).reason_bits & Code.KETUA_DRILL_NOT_PASSED.bit  # scored 60
    ketua = Appointment.objects.get(tps=tps2, body="kpps", seat=1).person
    with django_capture_on_commit_callbacks(execute=True):
        drill_attempt_record(
            person=ketua, election=beltim_tps, level="easy", seed=4242, values=truth(), actor="test"
        )
    assert not ReadinessTPS.objects.get(tps=tps2).reason_bits & Code.KETUA_DRILL_NOT_PASSED.bit
    country = ReadinessRollup.objects.get(election=beltim_tps, region_code="")
    assert Code.KETUA_DRILL_NOT_PASSED.value not in country.by_reason  # the only ketua who had not passed


def _refuse_marks() -> None:
    """A trigger that makes the database refuse every new readiness mark: a real error from the database, in
    the middle of the check-in's transaction (the test's transaction takes it away again)."""
    dirty = ReadinessDirty._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION bimtek_refuse() RETURNS trigger LANGUAGE plpgsql "
                "AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$"
            )
            cursor.execute(f"CREATE TRIGGER refuse BEFORE INSERT ON {dirty} EXECUTE FUNCTION bimtek_refuse()")
        else:
            cursor.execute(
                f"CREATE TRIGGER refuse BEFORE INSERT ON {dirty} BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )


def test_a_mark_that_fails_never_takes_the_check_in_with_it(
    beltim_tps: Election, lenggang_story: dict[int, TPS], pps_lenggang: User, caplog: pytest.LogCaptureFixture
) -> None:
    from bimtek.delivery.models import Attendance

    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)  # a snapshot row: the mark inserts
    _refuse_marks()
    tps2 = lenggang_story[2]
    first, second = Appointment.objects.filter(tps=tps2).values_list("person_id", flat=True)[:2]
    for n, person in enumerate((first, second)):
        scan = Scan(key=f"m{n}" * 10, part="pagi", method="manual", person_id=person, reason="hadir, dicatat")
        (answer,) = attendance_sync(session=_session_of(tps2), scans=[scan], actor=pps_lenggang)
        assert answer.status == "created" and Attendance.objects.filter(key=f"m{n}" * 10).exists()
    assert not ReadinessDirty.objects.exists()
    assert "not marked; the next refresh judges them" in caplog.text
    if connection.vendor == "postgresql":  # the one statement failed first and stored nothing, then again
        assert "a follow-up refused?); the rows go in without it" in caplog.text


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL-only: set DATABASE_URL to a PostgreSQL server"
)
def test_on_postgresql_a_check_in_marks_its_tps_in_its_own_statement(
    beltim_tps: Election,
    lenggang_story: dict[int, TPS],
    pps_lenggang: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    """The insert, its audit entries and the mark are one statement (a million scans a morning: no BEGIN,
    savepoint or COMMIT round trips), and the first mark of a TPS still queues its job."""
    from bimtek.delivery.models import Attendance

    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    tps2 = lenggang_story[2]
    crew = list(Appointment.objects.filter(tps=tps2).values_list("person_id", flat=True))
    writes: list[str] = []

    def note_writes(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if "INSERT" in sql:
            writes.append(sql)
        return execute(sql, params, many, context)

    scans = [
        Scan(key=f"o{n}" * 8, part="pagi", method="manual", person_id=person, reason="hadir, dicatat")
        for n, person in enumerate(crew[:2])
    ]
    with django_capture_on_commit_callbacks(execute=False) as queued, connection.execute_wrapper(note_writes):
        answers = [
            attendance_sync(session=_session_of(tps2), scans=[s], actor=pps_lenggang)[0] for s in scans
        ]
    assert [a.code for a in answers] == ["created", "created"]
    assert len(writes) == 2 and all(
        "readiness_readinessdirty" in w and "audit_auditentry" in w for w in writes
    )
    assert Attendance.objects.filter(key__in=[s.key for s in scans]).count() == 2
    assert list(ReadinessDirty.objects.values_list("tps_id", flat=True)) == [tps2.pk]
    assert len(queued) == 1  # the first scan's mark is new and queues the job; the second finds it waiting


def test_a_check_in_while_the_job_runs_stays_marked_for_the_next_job(
    beltim_tps: Election, lenggang_story: dict[int, TPS], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The job may have read a TPS's facts before a check-in of its crew commits: that mark is re-armed by the
    check-in and survives the job that took it, so the next job judges the TPS with the new fact."""
    from bimtek.readiness import touch

    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    tps2 = lenggang_story[2]
    crew = list(Appointment.objects.filter(tps=tps2).values_list("person_id", flat=True))
    assert mark_dirty(beltim_tps.pk, crew[:1]) == 1
    judged = touch.readiness_touch

    def judge_then_check_in(**kwargs: Any) -> int:
        changed = judged(**kwargs)
        assert mark_dirty(beltim_tps.pk, crew[1:2]) == 1  # taken by the running job: re-armed, needs a job
        assert mark_dirty(beltim_tps.pk, crew[2:3]) == 0  # re-armed already: the next job is queued
        return changed

    monkeypatch.setattr(touch, "readiness_touch", judge_then_check_in)
    job = Job.objects.create(kind="readiness.touch", title="t", params={"election_id": beltim_tps.pk})
    assert run_touch(job, lambda *a: None)["tps"] == 1
    (mark,) = ReadinessDirty.objects.all()
    assert (mark.tps_id, mark.taken_at) == (tps2.pk, None)
    monkeypatch.undo()
    assert run_touch(job, lambda *a: None)["tps"] == 1 and not ReadinessDirty.objects.exists()


def test_a_paper_import_of_many_people_marks_their_tps_in_batches(
    beltim_tps: Election, lenggang_story: dict[int, TPS]
) -> None:
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    crew = list(Appointment.objects.filter(tps=lenggang_story[2]).values_list("person_id", flat=True))
    many = [*crew, *range(10_000_000, 10_025_000)]  # 25,000 ids that are nobody, then the crew: one mark
    assert mark_dirty(beltim_tps.pk, many) == 1
    assert list(ReadinessDirty.objects.values_list("tps_id", flat=True)) == [lenggang_story[2].pk]


def test_a_paw_replacement_re_judges_its_tps_without_a_refresh(
    beltim_tps: Election,
    lenggang_story: dict[int, TPS],
    django_capture_on_commit_callbacks: Callable[..., Any],
    settings: Any,
) -> None:
    """A trained member replaced by someone with no bimtek: the TPS row and every roll-up count one more
    untrained member at once, as a full refresh would."""
    import datetime as dt

    from bimtek.readiness.tests.test_tps_actions import newcomer
    from bimtek.workforce.services import appointment_replace

    settings.BIMTEK_TODAY = TODAY
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    tps1 = lenggang_story[1]
    before = ReadinessTPS.objects.get(tps=tps1)
    member = Appointment.objects.get(tps=tps1, body="kpps", seat=3, status="active")
    with django_capture_on_commit_callbacks(execute=True):
        appointment_replace(
            appointment=member,
            replacement=newcomer(790, "Dewi Pengganti"),
            on=dt.date(2024, 1, 25),
            reason="pindah domisili",
            status="resigned",
            actor="test",
        )
    after = ReadinessTPS.objects.get(tps=tps1)
    assert after.untrained == before.untrained + 1 and not ReadinessDirty.objects.exists()
    touched = _snapshot(beltim_tps)
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    assert touched == _snapshot(beltim_tps)


def test_a_people_import_re_judges_the_tps_it_seats_people_in(
    beltim_tps: Election,
    lenggang_story: dict[int, TPS],
    django_capture_on_commit_callbacks: Callable[..., Any],
    settings: Any,
) -> None:
    """TPS 003 had no ketua: the import that seats one sends `crew_changed`, and its TPS row and every roll-up
    follow at once, as a full refresh would."""
    from bimtek.readiness.tests.conftest import _import
    from bimtek.workforce.tests.factories import person_row

    settings.BIMTEK_TODAY = TODAY
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    tps3 = lenggang_story[3]
    before = ReadinessTPS.objects.get(tps=tps3)
    with django_capture_on_commit_callbacks(execute=True):
        _import(beltim_tps, [person_row(880, body="KPPS", region=LENGGANG, tps="003", position="Ketua")])
    after = ReadinessTPS.objects.get(tps=tps3)
    assert (before.kpps, after.kpps) == (6, 7) and not ReadinessDirty.objects.exists()
    (job,) = Job.objects.filter(kind="readiness.touch")
    assert job.result == {"tps": 1, "changed": 1}
    touched = _snapshot(beltim_tps)
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    assert touched == _snapshot(beltim_tps)


def test_a_kabupaten_mostly_marked_is_refreshed_whole_instead_of_desa_by_desa(
    beltim_tps: Election, lenggang_story: dict[int, TPS], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bimtek.readiness import touch

    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    tps2 = lenggang_story[2]
    _attend(_session_of(tps2), Appointment.objects.filter(tps=tps2))
    crews = list(Appointment.objects.filter(tps__village_id=LENGGANG).values_list("person_id", flat=True))
    assert mark_dirty(beltim_tps.pk, crews) == 3
    ids = list(ReadinessDirty.objects.values_list("tps_id", flat=True))
    # Three of Beltim's 363 TPS: under the share, touched one desa at a time.
    assert touch.split_for_refresh(beltim_tps, ids) == ([], sorted(ids))
    monkeypatch.setattr(touch, "REFRESH_MIN", 2)
    monkeypatch.setattr(touch, "REFRESH_SHARE", 3 / 363)
    assert touch.split_for_refresh(beltim_tps, ids) == (["19.06"], [])
    monkeypatch.setattr(touch, "clock", type("C", (), {"today": staticmethod(lambda: TODAY)}))
    monkeypatch.setattr(touch, "readiness_refresh", lambda **kw: readiness_refresh(**kw, today=TODAY))
    job = Job.objects.create(kind="readiness.touch", title="t", params={"election_id": beltim_tps.pk})
    result = run_touch(job, lambda *a: None)
    assert result == {"tps": 3, "changed": 0, "refreshed": ["19.06"]} and not ReadinessDirty.objects.exists()
    assert ReadinessTPS.objects.get(tps=tps2).untrained == 0  # judged by the kabupaten's refresh
    refreshed = _snapshot(beltim_tps)
    readiness_refresh(election=beltim_tps, actor="test", today=TODAY)
    assert refreshed == _snapshot(beltim_tps)
