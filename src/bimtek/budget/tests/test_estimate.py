"""The estimate of a plan from the database equals the total computed by hand, per line and per region."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bimtek.accounts.scoping import Scope
from bimtek.budget.core import Item
from bimtek.budget.selectors import Focus, budget_of, unit_costs_for
from bimtek.budget.tests.helpers import (
    GANTUNG,
    HAND_GANTUNG,
    HAND_MANGGAR,
    HAND_TOTAL,
    MANGGAR,
    SmallPlan,
    session,
    small_plan,
)
from bimtek.conftest import BELTIM
from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db
ALL = Scope(None, None)


def test_it_estimates_a_small_plan_equal_to_the_hand_computed_total(pemilu: Election) -> None:
    world = small_plan(pemilu)
    budget = budget_of(election=pemilu, scope=ALL, focus=Focus(BELTIM, plan_id=world.plan.pk))
    assert budget.totals.estimate == HAND_TOTAL == 13_280_000
    assert budget.totals.estimate_words == "tiga belas juta dua ratus delapan puluh ribu rupiah"
    lines = {line.item: line.amount for line in budget.lines}
    assert lines[Item.VENUE] == 3_000_000 and lines[Item.CONSUMPTION] == 2_590_000
    assert {c.code: c.estimate for c in budget.children} == {MANGGAR: HAND_MANGGAR, GANTUNG: HAND_GANTUNG}


def test_it_estimates_one_session(pemilu: Election) -> None:
    world = small_plan(pemilu)
    budget = budget_of(election=pemilu, scope=ALL, focus=Focus(BELTIM, session_id=world.two_days.pk))
    assert budget.totals.estimate == HAND_GANTUNG


def test_a_tier_without_sessions_costs_nothing(pemilu: Election) -> None:
    small_plan(pemilu)
    assert budget_of(election=pemilu, scope=ALL, focus=Focus(BELTIM, tier="bimtek")).totals.estimate == 0
    assert (
        budget_of(election=pemilu, scope=ALL, focus=Focus(BELTIM, tier="tot")).totals.estimate == HAND_TOTAL
    )


def test_the_nearest_region_sets_the_unit_cost_and_says_where_it_comes_from(pemilu: Election) -> None:
    small_plan(pemilu)
    beltim = unit_costs_for(pemilu, MANGGAR)
    assert (beltim[Item.CONSUMPTION].cost.amount, beltim[Item.CONSUMPTION].origin) == (35_000, BELTIM)
    assert (beltim[Item.VENUE].cost.amount, beltim[Item.VENUE].origin) == (1_000_000, "")
    elsewhere = unit_costs_for(pemilu, "33.03")
    assert elsewhere[Item.CONSUMPTION].cost.amount == 30_000
    assert unit_costs_for(pemilu, "33.03")[Item.PARTICIPANT_HONOR].origin is None  # the built-in default


def test_it_reads_a_plan_in_a_fixed_number_of_queries(pemilu: Election) -> None:
    world = small_plan(pemilu)
    focus = Focus(BELTIM, plan_id=world.plan.pk)
    with CaptureQueriesContext(connection) as small:
        budget_of(election=pemilu, scope=ALL, focus=focus, with_children=False)
    for day in range(3, 13):
        _more_sessions(world, day)
    with CaptureQueriesContext(connection) as large:
        budget_of(election=pemilu, scope=ALL, focus=focus, with_children=False)
    assert len(large) == len(small)


def _more_sessions(world: SmallPlan, slot: int) -> None:
    """Another evening session at Balai A on Monday (slots past the day's three: the hall is only a key here)."""
    session(world.plan, world.full_day.venue, 5, date=world.full_day.date, slot=slot + 10)


def test_it_estimates_one_wave_of_a_plan(pemilu: Election) -> None:
    world = small_plan(pemilu)
    focus = Focus(BELTIM, plan_id=world.plan.pk, wave=world.full_day.date)
    assert (
        budget_of(election=pemilu, scope=ALL, focus=focus).totals.estimate == HAND_TOTAL
    )  # all start Monday
    later = Focus(BELTIM, plan_id=world.plan.pk, wave=world.full_day.date + dt.timedelta(days=1))
    assert (
        budget_of(election=pemilu, scope=ALL, focus=later).sessions == 0
    )  # only the cancelled one starts then
