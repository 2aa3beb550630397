"""The budget (RAB) as a pure computation: session facts and unit costs in, lines and reconciliation out."""

from bimtek.budget.core.estimate import ESTIMATED, Line, SessionFacts, estimate, rupiah
from bimtek.budget.core.items import (
    AKUN_NAMES,
    AKUN_SOURCE,
    AMOUNT_SOURCE,
    DEFAULTS,
    LABELS,
    MAX_ACTUAL,
    MAX_UNIT_COST,
    UNITS,
    Item,
    UnitCost,
)
from bimtek.budget.core.reconcile import Row, Totals, by_akun, reconcile, terbilang, totals_of

__all__ = [
    "AKUN_NAMES",
    "AKUN_SOURCE",
    "AMOUNT_SOURCE",
    "DEFAULTS",
    "ESTIMATED",
    "LABELS",
    "MAX_ACTUAL",
    "MAX_UNIT_COST",
    "UNITS",
    "Item",
    "Line",
    "Row",
    "SessionFacts",
    "Totals",
    "UnitCost",
    "by_akun",
    "estimate",
    "reconcile",
    "rupiah",
    "terbilang",
    "totals_of",
]
