"""The estimate of the pure core, against totals computed by hand; each rule on both sides."""

import datetime as dt

from bimtek.budget.core import (
    DEFAULTS,
    Item,
    SessionFacts,
    UnitCost,
    estimate,
    reconcile,
    terbilang,
    totals_of,
)

DAY = dt.date(2024, 1, 22)
COSTS = {
    Item.VENUE: UnitCost(1_000_000, "522141", "uji"),
    Item.CONSUMPTION: UnitCost(30_000, "521211", "uji"),
    Item.TRANSPORT: UnitCost(100_000, "524113", "uji"),
    Item.SPEAKER: UnitCost(500_000, "521213", "uji"),
    Item.FACILITATOR: UnitCost(200_000, "521213", "uji"),
    Item.MATERIALS: UnitCost(20_000, "521211", "uji"),
}


def facts(sid: int, **kw: object) -> SessionFacts:
    base: dict[str, object] = {
        "session_id": sid, "region_code": "19.06.01", "tier": "tot", "venue_id": 1, "date": DAY,
        "days": 1, "parts": 2, "participants": 40,
    }  # fmt: skip
    base.update(kw)
    return SessionFacts(**base)  # type: ignore[arg-type]  # test data built from a dict


def amounts(sessions: list[SessionFacts]) -> dict[Item, int]:
    return {line.item: line.amount for line in estimate(sessions, COSTS)}


def test_it_computes_a_small_plan_equal_to_the_hand_total() -> None:
    sessions = [
        facts(1, speaker_honoraria=(0, 750_000), facilitators=2),
        facts(2, venue_id=2, days=2, parts=1, participants=30, facilitators=1),
    ]
    # venue: 1 day + 2 days = 3 × 1,000,000; consumption: 40×2×1 + 30×1×2 = 140 × 30,000
    # transport: 40 + 60 = 100 × 100,000; speakers: 500,000 + 750,000; facilitators: 3 × 200,000
    # materials: 70 × 20,000
    assert amounts(sessions) == {
        Item.VENUE: 3_000_000,
        Item.CONSUMPTION: 4_200_000,
        Item.TRANSPORT: 10_000_000,
        Item.SPEAKER: 1_250_000,
        Item.FACILITATOR: 600_000,
        Item.MATERIALS: 1_400_000,
    }
    rows = reconcile(estimate(sessions, COSTS), {})
    assert totals_of(rows).estimate == 20_450_000


def test_it_rents_a_venue_once_a_day_however_many_sessions_it_holds() -> None:
    same_day = [facts(1, parts=1), facts(2, parts=1)]
    next_day = [facts(1, parts=1), facts(2, parts=1, date=DAY + dt.timedelta(days=1))]
    assert amounts(same_day)[Item.VENUE] == 1_000_000
    assert amounts(next_day)[Item.VENUE] == 2_000_000


def test_a_free_venue_costs_nothing_and_says_so() -> None:
    lines = estimate([facts(1, venue_rented=False)], COSTS)
    venue = next(line for line in lines if line.item == Item.VENUE)
    assert venue.amount == 0 and "tanpa sewa" in venue.basis
    assert amounts([facts(1, venue_rented=True)])[Item.VENUE] == 1_000_000


def test_a_speaker_honorarium_set_on_the_session_wins_over_the_unit_cost() -> None:
    assert amounts([facts(1, speaker_honoraria=(0,))])[Item.SPEAKER] == 500_000
    assert amounts([facts(1, speaker_honoraria=(1_200_000,))])[Item.SPEAKER] == 1_200_000


def test_a_missing_unit_cost_takes_the_default_with_its_akun() -> None:
    lines = estimate([facts(1)], {})
    venue = next(line for line in lines if line.item == Item.VENUE)
    assert (venue.unit_cost, venue.akun) == (DEFAULTS[Item.VENUE].amount, "522141")
    assert {line.akun for line in lines} == {"521211", "521213", "522141", "524113"}


def test_an_empty_plan_costs_nothing() -> None:
    assert totals_of(reconcile(estimate([], COSTS), {})).estimate == 0


def test_it_reconciles_estimate_and_actual_per_item_with_actual_only_items_after() -> None:
    rows = reconcile(
        estimate([facts(1)], COSTS), {Item.TRANSPORT: 3_500_000, Item.PARTICIPANT_HONOR: 400_000}
    )
    transport = next(r for r in rows if r.item == Item.TRANSPORT)
    assert (transport.estimate, transport.actual, transport.difference) == (4_000_000, 3_500_000, -500_000)
    assert rows[-1].item == Item.PARTICIPANT_HONOR and (rows[-1].estimate, rows[-1].akun) == (0, "521213")
    assert Item.PARTICIPANT_HONOR not in {r.item for r in reconcile(estimate([], COSTS), {})}


def test_the_total_is_written_in_words() -> None:
    assert terbilang(1_250_000) == "satu juta dua ratus lima puluh ribu rupiah"
    assert terbilang(0) == "nol rupiah"
