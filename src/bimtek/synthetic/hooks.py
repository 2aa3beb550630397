"""The training of the synthetic country, after its registry: plans and sessions, attendance, tests, drills.

Each hook receives the `SynthContext` of the run (the cursor inside the load's transaction, the
election, every generated person with their ids, the TPS, and its own random generator) and returns
the number of rows it wrote. Each draws from its own seed stream, so changing one never changes the
registry's rows or another hook's draws; later hooks read what earlier ones built from `ctx.state`
(which session each person trains in, who attended). The arrays come from the pure `training.py`;
the rows go by COPY (`load_training.py`), mirroring what the product's services write:

- plans: `planner.services.plan_create` + `_store` (plan, plan venues, sessions, groups, facilitators);
- attendance: `delivery.services.attendance_sync` (one row per person and part, a unique key per scan);
- attempts: `assessment.attempts` (one row per attempt, items and answers packed as int32);
- drills: `drill.services.drill_attempt_record` (the filled form, its score, wrong boxes, checker codes).

The hooks sit one per module, in the order they run: `hooks_plans.py`, `hooks_attendance.py`,
`hooks_attempts.py`, `hooks_drills.py`; what they share (`SynthContext`, the calendar, `Sessions`,
`Attended`) is in `hooks_context.py`. This module names them in order (`HOOKS`).
"""

from collections.abc import Callable

from bimtek.synthetic.hooks_attempts import test_attempts
from bimtek.synthetic.hooks_attendance import attendance
from bimtek.synthetic.hooks_context import SynthContext
from bimtek.synthetic.hooks_drills import drill_attempts
from bimtek.synthetic.hooks_plans import plans_and_sessions

# The order the generator runs them in; each is a phase of its report.
HOOKS: list[tuple[str, Callable[[SynthContext], int]]] = [
    ("plans_and_sessions", plans_and_sessions),
    ("attendance", attendance),
    ("test_attempts", test_attempts),
    ("drill_attempts", drill_attempts),
]
