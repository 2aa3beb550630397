"""Reproducible test forms: which questions a participant gets, and in which option order.

Everything comes from one seed, derived from the form and the person, so a paper sheet printed
today can be scored next week by drawing again. The generator is Python's Mersenne Twister driven
through `random()` only, whose sequence for a given seed is part of Python's documented
reproducibility guarantee; the index arithmetic is written out here so it cannot change under us.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence


def attempt_seed(form_id: int, person_id: int, attempt: int = 1) -> int:
    """A 63-bit seed from the form, the person and the attempt number."""
    digest = hashlib.sha256(f"bimtek-asesmen:{form_id}:{person_id}:{attempt}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def _shuffled(values: Sequence[int], rng: random.Random) -> list[int]:
    out = list(values)
    for i in range(len(out) - 1, 0, -1):  # Fisher-Yates
        j = int(rng.random() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


class BlueprintError(ValueError):
    def __init__(self, module: str, wanted: int, available: int) -> None:
        super().__init__(f"module {module}: {wanted} questions wanted, {available} in the bank")
        self.module = module
        self.wanted = wanted
        self.available = available


def draw_items(
    pool: Mapping[str, Sequence[int]], blueprint: Sequence[tuple[str, int]], seed: int
) -> list[int]:
    """n question ids from each module's pool, modules in blueprint order, questions shuffled within.

    The pool is sorted first, so the order the database returned it in does not matter.
    """
    rng = random.Random(f"items:{seed}")
    chosen: list[int] = []
    for module, wanted in blueprint:
        candidates = sorted(pool.get(module, ()))
        if wanted > len(candidates):
            raise BlueprintError(module, wanted, len(candidates))
        chosen += _shuffled(candidates, rng)[:wanted]
    return chosen


def option_order(seed: int, item: int, options: int, *, shuffle: bool = True) -> list[int]:
    """The order the options of one item are shown in: shown position -> original option index."""
    if not shuffle or options < 2:
        return list(range(options))
    return _shuffled(range(options), random.Random(f"options:{seed}:{item}"))
