"""The phone's prepared session read agrees with the pages' `session_visible`, for every user and session."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bimtek.accounts.models import User
from bimtek.assessment.models import Program
from bimtek.delivery import scan_reads, selectors
from bimtek.delivery.models import CompletionRule
from bimtek.delivery.tests.helpers import Setup
from bimtek.planner.models import SessionStatus, TrainingSession

pytestmark = pytest.mark.django_db


def test_the_phone_sees_the_sessions_the_pages_show(
    gantung: Setup,
    kpu_beltim: User,
    pps_lenggang: User,
    pps_neighbour: User,
    kpu_ri: User,
    kpu_purbalingga: User,
) -> None:
    missing = TrainingSession.objects.order_by("-pk").values_list("pk", flat=True).first() + 1
    for user in (kpu_beltim, pps_lenggang, pps_neighbour, kpu_ri, kpu_purbalingga):
        for pk in (gantung.session.pk, missing):
            page = selectors.session_visible(user, pk)
            with CaptureQueriesContext(connection) as queries:
                phone = scan_reads.checkin_session(user, pk)
            assert len(queries) == 1
            assert (phone is None) == (page is None), (user.username, pk)
            if page is None or phone is None:
                continue
            assert (phone.pk, phone.status, phone.last_date, phone.region_code) == (
                page.pk,
                page.status,
                page.last_date,
                page.region_code,
            )
            plan = phone.plan
            assert (plan.pk, plan.election_id, plan.tier, plan.include_linmas) == (
                page.plan.pk,
                page.plan.election_id,
                page.plan.tier,
                page.plan.include_linmas,
            )
            assert selectors.session_parts(phone) == selectors.session_parts(page)
    assert scan_reads.checkin_session(kpu_purbalingga, gantung.session.pk) is None  # another kabupaten's


def test_it_reads_the_session_as_it_is_now(gantung: Setup, kpu_beltim: User) -> None:
    """Status and completion rule are read on each call, never kept with the compiled SQL."""
    session = scan_reads.checkin_session(kpu_beltim, gantung.session.pk)
    assert session is not None and session.status != SessionStatus.CANCELLED
    TrainingSession.objects.filter(pk=gantung.session.pk).update(status=SessionStatus.CANCELLED)
    program = Program.objects.create(election=gantung.election, kind="kpps", name="Bimtek KPPS")
    CompletionRule.objects.create(program=program, parts=["1", "2", "3"])
    again = scan_reads.checkin_session(kpu_beltim, gantung.session.pk)
    assert again is not None and again.status == SessionStatus.CANCELLED
    assert selectors.session_parts(again) == ("1", "2", "3")
    assert again.plan.election.pk == gantung.election.pk  # a field not read loads on access


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL-only: set DATABASE_URL to a PostgreSQL server"
)
def test_on_postgresql_the_scans_statements_are_planned_once_not_on_every_scan(
    gantung: Setup, pps_lenggang: User
) -> None:
    """PostgreSQL plans a prepared statement for its values in its first five runs and then keeps one plan,
    unless that plan looks dearer: the participant read and the readiness mark, when they bound their people
    as an array, were planned anew on every scan (about 0.3 ms of the server's CPU each). The mark is now a
    part of the check-in's own statement, which reads its people from the rows inserted."""
    from bimtek.delivery.services import attendance_check_in
    from bimtek.delivery.tests.helpers import crew
    from bimtek.elections.models import TPS

    # A register the size of a kecamatan's, with statistics, as the planner sees it in use (on a handful of
    # rows every plan costs the same and the one kept is always chosen).
    crewless = TPS.objects.filter(election=gantung.election).exclude(appointments__isnull=False)
    for n, tps in enumerate(crewless.order_by("pk")[:400]):
        crew(gantung.election, tps, 5000 + 7 * n, "Warga")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    people = [a.person for a in gantung.lenggang]
    for n, (person, part) in enumerate((p, part) for part in ("pagi", "siang") for p in people):
        answer = attendance_check_in(
            session=gantung.session,
            person=person,
            part=part,
            method="qr",
            actor=pps_lenggang,
            key=f"scan-{n:04d}-plan",
        )
        assert answer.code == "created"
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
        plans = {statement: (generic, custom) for statement, generic, custom in cursor}
    hot = {  # the participant read, and the check-in's statement, which carries the mark (`lib.signals`)
        statement[:60]: counts
        for statement, counts in plans.items()
        if statement.startswith('SELECT "workforce_appointment"') or "readiness_readinessdirty" in statement
    }
    assert len(hot) == 2, plans
    assert all(generic > 0 and custom <= 5 for generic, custom in hot.values()), plans
