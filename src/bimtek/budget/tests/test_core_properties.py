"""Properties of the estimate: regions at separate venues add up, order does not matter, and every amount is its
quantity times its unit cost (the speakers' honoraria set on a session aside)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from bimtek.budget.core import DEFAULTS, Item, SessionFacts, estimate, reconcile, totals_of

DAY = dt.date(2024, 1, 22)


@st.composite
def sessions(draw: st.DrawFn, venues: tuple[int, ...]) -> SessionFacts:
    return SessionFacts(
        session_id=draw(st.integers(1, 10_000)),
        region_code="19.06.01",
        tier="tot",
        venue_id=draw(st.sampled_from(venues)),
        date=DAY + dt.timedelta(days=draw(st.integers(0, 5))),
        days=draw(st.integers(1, 3)),
        parts=draw(st.integers(1, 3)),
        participants=draw(st.integers(0, 300)),
        speaker_honoraria=tuple(draw(st.lists(st.sampled_from([0, 500_000, 1_250_000]), max_size=4))),
        facilitators=draw(st.integers(0, 5)),
        venue_rented=draw(st.booleans()),
    )


def total(rows: list[SessionFacts]) -> int:
    return totals_of(reconcile(estimate(rows, DEFAULTS), {})).estimate


@settings(max_examples=200, deadline=None)
@given(st.lists(sessions((1, 2)), max_size=12), st.lists(sessions((3, 4)), max_size=12))
def test_regions_at_separate_venues_add_up(here: list[SessionFacts], there: list[SessionFacts]) -> None:
    assert total(here + there) == total(here) + total(there)


@settings(max_examples=200, deadline=None)
@given(st.lists(sessions((1, 2, 3)), max_size=12))
def test_the_order_of_sessions_does_not_matter_and_amounts_are_quantity_times_cost(
    rows: list[SessionFacts],
) -> None:
    assert total(rows) == total(list(reversed(rows)))
    for line in estimate(rows, DEFAULTS):
        if line.item != Item.SPEAKER:
            assert line.amount == line.quantity * line.unit_cost
        assert line.amount >= 0
