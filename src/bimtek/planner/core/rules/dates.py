"""Precedence between tiers: not before a start date (pelantikan, the ToT), and done by a deadline
(`deadline`, or `min_days_before_voting` days before `voting_day`). Slot filters do the work."""

from ..schema import Instance
from ..text import tanggal
from . import Rule, no_constraints


def describe_not_before(instance: Instance) -> str:
    starts = [d for d in [instance.rules.not_before, *(g.not_before for g in instance.groups)] if d]
    if not starts:
        return "tidak ada batas mulai"
    return f"bimtek baru boleh mulai {tanggal(min(starts))} (paling lambat mulai: {tanggal(max(starts))})"


def describe_deadline(instance: Instance) -> str:
    last = instance.rules.last_allowed_day()
    if last is None:
        return "tidak ada batas akhir"
    rules = instance.rules
    why = ""
    if rules.voting_day and rules.min_days_before_voting is not None:
        why = f" ({rules.min_days_before_voting} hari sebelum pemungutan suara {tanggal(rules.voting_day)})"
    return f"bimtek harus selesai paling lambat {tanggal(last)}{why}"


NOT_BEFORE = Rule("mulai", no_constraints, describe_not_before)
DEADLINE = Rule("batas_akhir", no_constraints, describe_deadline)
