"""The demo behind the README's first command: real regions, a workforce, plans, training and readiness."""

import datetime as dt
from pathlib import Path

import pytest

from bimtek.accounts.models import User
from bimtek.elections.models import Election
from bimtek.lib import clock
from bimtek.planner.models import TrainingPlan
from bimtek.readiness.models import ReadinessRollup
from bimtek.site.demo import build_demo
from bimtek.workforce.selectors import staffing

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_it_builds_a_demo_that_tells_the_readiness_story(tmp_path: Path, settings: object) -> None:
    settings.BIMTEK_TODAY = dt.date(2024, 2, 7)  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    logins = build_demo(data_dir=tmp_path)
    assert {login.role for login in logins} == {"kpu_ri", "kpu_provinsi", "kpu_kabkota", "ppk", "pps", "kpps"}
    assert User.objects.filter(username="admin", is_superuser=True).exists()
    election = Election.objects.get(slug="pemilu-2024")
    beltim = staffing(election=election, region_code="19.06")
    assert beltim.required["ppk"] + beltim.required["pps"] == 152
    assert 0 < sum(beltim.vacant.values()) < 0.05 * sum(beltim.required.values())  # a few vacancies
    assert set(TrainingPlan.objects.values_list("tier", "status")) == {
        ("tot", "solved"),
        ("bimtek", "solved"),
        ("susulan", "solved"),
    }
    rollup = ReadinessRollup.objects.get(election=election, region_code="19.06")
    assert rollup.total == 363
    assert rollup.ready > 0 and rollup.at_risk > 0 and rollup.not_ready > 0
    from bimtek.delivery.models import Attendance

    # Trained means checked in: the held sessions carry attendance, most of their crews ready.
    assert Attendance.objects.filter(session__plan__election=election).count() > 1000
    assert rollup.ready > rollup.total / 4
    _assert_welfare_of_beltim(election)
    _assert_on_the_demo_clock(election)
    _assert_budget_of_beltim(election)
    _assert_a_session_to_keep_on_the_phone(election)


def _assert_a_session_to_keep_on_the_phone(election: Election) -> None:
    """Lenggang's PPS has a make-up session on the demo's today: its phone keeps the check-in page, which lists
    the desa's untrained people, so the offline check-in can be shown."""
    from django.test import Client
    from django.urls import reverse

    from bimtek.planner.models import TrainingSession
    from bimtek.planner.selectors import untrained_replacements

    assert untrained_replacements(election, "19.06.02") == []  # each waits for their make-up session now
    makeup = TrainingSession.objects.filter(plan__election=election, plan__tier="susulan")
    assert {s.date for s in makeup} <= {dt.date(2024, 2, 7), dt.date(2024, 2, 8)}
    # Gantung's 11 untrained, all seated; the same on SQLite and PostgreSQL (the demo's chance is drawn in id order):
    summary = TrainingPlan.objects.get(election=election, tier="susulan").summary
    assert (summary["participants"], summary["unplanned_participants"]) == (11, 0)
    assert sum(g.participants for s in makeup for g in s.groups.all()) > 0
    client = Client()
    client.force_login(User.objects.get(username="pps-lenggang"))
    kept = client.get(reverse("pwa:keep")).json()["pages"]
    checkin = [p for p in kept if p.endswith("/hadir/")]
    assert checkin and reverse("delivery:my_sessions") in kept, kept
    page = client.get(checkin[0])
    assert page.status_code == 200
    assert page.context["over"] is False and page.context["people"]  # today's, with people to check in


def _by_hand(plan: TrainingPlan) -> int:
    """The plan's estimate, session by session at Beltim's demo unit costs, without the budget's selectors."""
    from bimtek.site.demo_budget import UNIT_COSTS
    from bimtek.speakers.models import SessionSpeaker

    cost = {item: amount for item, (amount, _akun) in UNIT_COSTS.items()}
    venue_days: set[tuple[int, dt.date]] = set()
    total = 0
    for s in plan.sessions.exclude(status="cancelled"):
        people = sum(g.participants for g in s.groups.all())
        venue_days |= {(s.venue_id, s.date + dt.timedelta(days=k)) for k in range(s.days)}
        total += people * s.slots * s.days * cost["konsumsi"] + people * s.days * cost["transport"]
        total += people * cost["bahan"] + s.facilitators.count() * cost["honor_fasilitator"]
        for fee in SessionSpeaker.objects.filter(session=s).values_list("honorarium", flat=True):
            total += fee or cost["honor_narasumber"]
    return total + len(venue_days) * cost["sewa_tempat"]


def _assert_budget_of_beltim(election: Election) -> None:
    """Beltim's ToT and bimtek budgets equal the totals computed by hand, carry actuals, and the page shows them."""
    from django.test import Client
    from django.urls import reverse

    from bimtek.accounts.scoping import Scope
    from bimtek.budget.core import rupiah
    from bimtek.budget.selectors import Focus, budget_of

    kpu = User.objects.filter(role="kpu_kabkota", region_id="19.06").first()
    assert kpu is not None
    client = Client()
    client.force_login(kpu)
    for tier in ("tot", "bimtek"):
        plan = TrainingPlan.objects.get(election=election, tier=tier, region_id="19.06")
        budget = budget_of(election=election, scope=Scope(None, None), focus=Focus("19.06", plan_id=plan.pk))
        assert budget.totals.estimate == _by_hand(plan) > 0, tier
        assert budget.totals.actual > 0, tier
        page = client.get(reverse("budget:region", args=[election.slug, "19.06"]) + f"?rencana={plan.pk}")
        assert page.status_code == 200
        assert rupiah(budget.totals.estimate) in page.content.decode(), tier
    _assert_a_double_entry_drill(election)


def _assert_a_double_entry_drill(election: Election) -> None:
    """The demo shows a double-entry drill: one Lenggang crew resolved with its differences settled, one waiting."""
    from bimtek.drill.models import CrewDrill

    drills = {d.tps.number: d for d in CrewDrill.objects.filter(election=election).select_related("tps")}
    done, waiting = drills[2], drills[1]
    assert (done.status, done.score, sorted(done.difference_paths)) == (
        "resolved",
        100,
        ["I.B.1.l", "II.3", "V.B"],
    )
    assert done.resolutions["V.B"] == "b" and done.resolutions["II.3"] == "a"
    assert (waiting.status, sorted(waiting.difference_paths)) == ("to_resolve", [])
    shown = clock.shown(done.resolved_at)  # what the pages show (the `app_clock` filter)
    assert shown is not None and dt.datetime(2024, 1, 29, tzinfo=dt.UTC) < shown < dt.datetime(
        2024, 2, 7, tzinfo=dt.UTC
    )


def _assert_on_the_demo_clock(election: Election) -> None:
    """Tests and drills happened in the demo's January and February 2024, not on the day the demo was built."""
    from bimtek.assessment.models import Attempt
    from bimtek.drill.models import DrillAttempt

    story = (dt.datetime(2024, 1, 18, tzinfo=dt.UTC), dt.datetime(2024, 2, 7, tzinfo=dt.UTC))
    submitted = Attempt.objects.filter(form__program__election=election, submitted_at__isnull=False)
    drills = DrillAttempt.objects.filter(election=election)
    assert submitted.exists() and drills.exists()
    # Attempts are shown as stored; drill times through `app_clock` (stored real, shown on the demo's calendar).
    for rows, field, show in ((submitted, "submitted_at", False), (drills, "created_at", True)):
        first, last = (rows.order_by(f).values_list(field, flat=True).first() for f in (field, f"-{field}"))
        if show:
            first, last = clock.shown(first), clock.shown(last)
        assert first is not None and last is not None
        assert story[0] < first <= last < story[1], (field, first, last)
    post = submitted.filter(form__stage="post", form__program__kind="kpps").values_list(
        "submitted_at", flat=True
    )
    assert all(dt.date(2024, 1, 25) <= t.date() <= dt.date(2024, 1, 28) for t in post)  # the bimtek's days


def _assert_welfare_of_beltim(election: Election) -> None:
    """Most KPPS of Beltim enrolled in BPJS, a few over 55 on voting day, a few without a health statement."""
    from bimtek.workforce.models import Appointment, Person

    crew = Appointment.objects.filter(
        election=election, body="kpps", status="active", region__code__startswith="19.06."
    )
    enrolled = crew.filter(person__bpjs_enrolled="yes").count()
    assert 0.6 * crew.count() < enrolled < crew.count()
    kpps = Person.objects.filter(appointments__body="kpps", region__code__startswith="19.06.")
    over_55 = kpps.filter(birth_date__lt=dt.date(1968, 2, 15)).count()
    assert 0 < over_55 < 0.1 * kpps.count()
    assert 0 < kpps.filter(health_date__isnull=True).count() < 0.1 * kpps.count()
