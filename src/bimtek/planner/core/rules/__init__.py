"""One module per business rule. Each adds its hard constraints (hung on the rule's literal when explaining)
and returns its objective terms; `describe` states the rule with the instance's numbers, in Indonesian."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Penalty, PlanModel
from ..schema import Instance


@dataclass(frozen=True)
class Rule:
    code: str
    add: Callable[[PlanModel], list[Penalty]]
    describe: Callable[[Instance], str]
    relaxable: bool = True  # False: an objective only, never part of a conflict


def no_constraints(pm: PlanModel) -> list[Penalty]:
    return []


def all_rules() -> list[Rule]:
    from . import (
        balance,
        capacity,
        coverage,
        dates,
        early,
        facilitator_area,
        facilitator_available,
        facilitator_clash,
        facilitator_count,
        facilitator_daily,
        locality,
        no_split,
        sessions,
        window,
    )

    return [
        coverage.RULE,
        no_split.RULE,
        capacity.RULE,
        window.RULE,
        dates.NOT_BEFORE,
        dates.DEADLINE,
        locality.RULE,
        facilitator_count.RULE,
        facilitator_area.RULE,
        facilitator_clash.RULE,
        facilitator_daily.RULE,
        facilitator_available.RULE,
        sessions.RULE,
        balance.RULE,
        early.RULE,
    ]
