"""The estimate: from typed session facts and unit costs to budget lines, each with its basis in words.

Quantities, per session that is not cancelled:
- venue rent: one per venue and day, whatever the number of sessions held there that day (a hall is rented by
  the day); a free venue (the KPU's own hall, a village office) costs nothing;
- consumption: participants × parts of day (slots) × days;
- transport: participants × days;
- speaker honorarium: one per speaker and session, at the honorarium set on the session's speaker when there
  is one, else at the unit cost;
- facilitator honorarium: one per facilitator and session;
- printing and materials: one set per participant place (a person in two sessions gets two sets).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bimtek.budget.core.items import DEFAULTS, LABELS, UNITS, Item, UnitCost

ESTIMATED = (Item.VENUE, Item.CONSUMPTION, Item.TRANSPORT, Item.SPEAKER, Item.FACILITATOR, Item.MATERIALS)


@dataclass(frozen=True)
class SessionFacts:
    session_id: int
    region_code: str  # the venue's region
    tier: str
    venue_id: int
    date: dt.date
    days: int
    parts: int  # parts of day per day (the session's slots)
    participants: int
    speaker_honoraria: tuple[int, ...] = ()  # one per speaker on the session; 0: the unit cost applies
    facilitators: int = 0
    venue_rented: bool = True


@dataclass(frozen=True)
class Line:
    item: Item
    akun: str
    quantity: int
    unit_cost: int
    amount: int
    basis: str  # how the quantity and amount were found, in words

    @property
    def label(self) -> str:
        return LABELS[self.item]

    @property
    def unit(self) -> str:
        return UNITS[self.item]


def angka(n: int) -> str:
    """13.396: a count the Indonesian way, with dots between thousands."""
    return f"{n:,}".replace(",", ".")


def rupiah(amount: int) -> str:
    return "Rp" + angka(amount)


def _venue_days(sessions: list[SessionFacts]) -> int:
    return len(
        {
            (s.venue_id, s.date + dt.timedelta(days=k))
            for s in sessions
            if s.venue_rented
            for k in range(s.days)
        }
    )


def _speakers(sessions: list[SessionFacts], cost: UnitCost) -> Line:
    fees = [fee for s in sessions for fee in s.speaker_honoraria]
    set_on_session = [fee for fee in fees if fee > 0]
    amount = sum(set_on_session) + (len(fees) - len(set_on_session)) * cost.amount
    basis = f"{angka(len(fees))} narasumber-sesi"
    if set_on_session:
        basis += (
            f"; {len(set_on_session)} dengan honor yang ditetapkan di sesi ({rupiah(sum(set_on_session))}),"
            f" {len(fees) - len(set_on_session)} × {rupiah(cost.amount)}"
        )
    else:
        basis += f" × {rupiah(cost.amount)}"
    return Line(Item.SPEAKER, cost.akun, len(fees), cost.amount, amount, basis)


def estimate(sessions: Iterable[SessionFacts], costs: Mapping[Item, UnitCost]) -> list[Line]:
    """One line per estimated item, in the order finance lists them; a missing cost takes the default."""
    rows = list(sessions)

    def cost(item: Item) -> UnitCost:
        return costs.get(item, DEFAULTS[item])

    people_parts = sum(s.participants * s.parts * s.days for s in rows)
    people_days = sum(s.participants * s.days for s in rows)
    people = sum(s.participants for s in rows)
    facilitators = sum(s.facilitators for s in rows)
    venue_days = _venue_days(rows)
    free = sum(1 for s in rows if not s.venue_rented)
    counted = {
        Item.VENUE: (
            venue_days,
            f"{angka(venue_days)} hari tempat sewa" + (f"; {free} sesi di tempat tanpa sewa" if free else ""),
        ),
        Item.CONSUMPTION: (
            people_parts,
            f"{angka(people_parts)} orang × bagian hari ({angka(len(rows))} sesi)",
        ),
        Item.TRANSPORT: (people_days, f"{angka(people_days)} orang × hari"),
        Item.FACILITATOR: (facilitators, f"{angka(facilitators)} fasilitator-sesi"),
        Item.MATERIALS: (people, f"{angka(people)} peserta, satu paket per orang per sesi"),
    }
    out = []
    for item in ESTIMATED:
        c = cost(item)
        if item == Item.SPEAKER:
            out.append(_speakers(rows, c))
            continue
        quantity, basis = counted[item]
        out.append(
            Line(item, c.akun, quantity, c.amount, quantity * c.amount, f"{basis} × {rupiah(c.amount)}")
        )
    return out
