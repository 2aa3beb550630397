"""`training_recorded` is sent inside the transaction that stored a check-in, a submitted test or a drill of
some people, so an app above (readiness re-judges their TPS) follows without the app that sent it naming it.
Sent with sender=<the model class stored>, election_id=<int>, person_ids=<list of int>.

`crew_changed` is sent, the same way and with the same arguments, inside the transaction that seated someone
in a TPS crew (a PAW replacement, an empty seat filled): person_ids are the people newly seated, whose TPS
readiness re-judges (one member fewer trained, a seat no longer vacant).

A write that is one PostgreSQL statement (a check-in: a million over a morning) can carry its receivers'
writes inside that statement instead of a transaction around several: a receiver registers a follow-up
(`register_follow_up`), a data-modifying CTE that reads the people written from the writer's CTE, and the
writer, having run them, sends `training_recorded` with `followed={name: rows that follow-up wrote}` after
its statement. A receiver that finds its name there has nothing left to write; every other receiver, and
every writer that does not use follow-ups, works as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

training_recorded = Signal()
crew_changed = Signal()

# name -> build(source, election_id) -> (SQL of an INSERT/UPDATE ... RETURNING, its params). The SQL reads the
# people written as `SELECT person_id FROM <source>`; the name is the CTE's, so an SQL identifier.
FollowUp = Callable[[str, int], tuple[str, list[Any]]]
_follow_ups: dict[str, FollowUp] = {}


def register_follow_up(name: str, build: FollowUp) -> None:
    """Let the receiver of `training_recorded` named `name` write inside a writer's own statement."""
    if not name.isidentifier():
        raise ValueError(f"a follow-up's name is a CTE's: {name!r}")
    _follow_ups[name] = build


def training_follow_ups() -> dict[str, FollowUp]:
    return dict(_follow_ups)
