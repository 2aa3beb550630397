"""Filled drill forms for the web tests: the truth, or the truth with one known mistake."""

from bimtek.drill.core.form import boxes
from bimtek.drill.core.generator import Drill, new_drill

SEED = 4242


def drill(level: str = "easy", seed: int = SEED) -> Drill:
    return new_drill(seed, level, "pemilu")  # type: ignore[arg-type]  # a literal election kind for the core's Literal type


def post_data(values: dict[str, int | None]) -> dict[str, str]:
    return {path: "" if v is None else str(v) for path, v in values.items()}


def truth(level: str = "easy", seed: int = SEED) -> dict[str, int | None]:
    return boxes(drill(level, seed).truth)


def with_invalid_off_by_one(level: str = "easy", seed: int = SEED) -> dict[str, int | None]:
    """V.B one too many: breaks votes_sum (V.C = V.A + V.B) and nothing else; one box wrong."""
    values = truth(level, seed)
    assert values["V.B"] is not None
    return {**values, "V.B": values["V.B"] + 1}
