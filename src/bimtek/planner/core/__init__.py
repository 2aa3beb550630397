"""The planner's pure core: typed instance and plan, CP-SAT model, greedy baseline, bounds, validator.

No Django here: the core takes and returns plain data, so it runs in tests, benchmarks and worker processes.
"""

from .schema import Facilitator, Group, Instance, Plan, Result, Rules, Session, Venue, Window
from .solver import solve
from .validation import Violation, validate

__all__ = [
    "Facilitator", "Group", "Instance", "Plan", "Result", "Rules", "Session", "Venue", "Violation", "Window",
    "solve", "validate",
]  # fmt: skip
