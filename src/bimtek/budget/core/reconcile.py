"""Estimate against actual, per item; totals and the total in words (terbilang), as finance writes it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from num2words import num2words

from bimtek.budget.core.estimate import Line
from bimtek.budget.core.items import DEFAULTS, LABELS, Item, UnitCost


def terbilang(amount: int) -> str:
    """1250000 -> 'satu juta dua ratus lima puluh ribu rupiah'."""
    return f"{num2words(amount, lang='id')} rupiah"


@dataclass(frozen=True)
class Row:
    item: Item
    akun: str
    estimate: int
    actual: int

    @property
    def label(self) -> str:
        return LABELS[self.item]

    @property
    def difference(self) -> int:
        """Actual minus estimate: positive is over the estimate."""
        return self.actual - self.estimate


def reconcile(
    lines: Iterable[Line], actuals: Mapping[Item, int], costs: Mapping[Item, UnitCost] | None = None
) -> list[Row]:
    """Every estimated item, then any item with only an actual (the participants' honorarium of the pay list)."""
    out = [Row(line.item, line.akun, line.amount, actuals.get(line.item, 0)) for line in lines]
    seen = {row.item for row in out}
    for item in Item:
        if item not in seen and actuals.get(item, 0):
            akun = (costs or {}).get(item, DEFAULTS[item]).akun
            out.append(Row(item, akun, 0, actuals[item]))
    return out


@dataclass(frozen=True)
class Totals:
    estimate: int
    actual: int

    @property
    def difference(self) -> int:
        return self.actual - self.estimate

    @property
    def estimate_words(self) -> str:
        return terbilang(self.estimate)

    @property
    def actual_words(self) -> str:
        return terbilang(self.actual)


def totals_of(rows: Iterable[Row]) -> Totals:
    listed = list(rows)
    return Totals(sum(r.estimate for r in listed), sum(r.actual for r in listed))


def by_akun(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """akun -> its rows, in akun order: the shape of the finance workbook (one sheet per akun)."""
    out: dict[str, list[Row]] = {}
    for row in sorted(rows, key=lambda r: r.akun):
        out.setdefault(row.akun, []).append(row)
    return out
