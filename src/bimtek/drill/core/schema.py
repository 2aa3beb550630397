"""The form as JSON (the schema documented in docs/form.md) and back.

Parsing is strict about shape and types, lenient about absence: an unknown key or a number written as a
string is refused with the field's path (a typo must not silently skip a rule), while a missing or null
number simply leaves that box empty, and the checker skips the rules that need it.
"""

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bimtek.drill.core.form import (
    CONTESTS,
    EMPTY_COLUMN,
    KINDS,
    LP,
    Ballots,
    CountForm,
    Kind,
    Turnout,
    boxes,
)

TOP_LEVEL_KEYS = {
    "id",
    "kind",
    "contest",
    "dpt",
    "turnout",
    "ballots",
    "disabled",
    "votes",
    "valid",
    "invalid",
    "total",
    "words",
    "tally",
}
LP_KEYS = ("l", "p", "total")
TURNOUT_KEYS = ("dpt", "dptb", "dpk", "total")
BALLOT_KEYS = ("received", "used", "damaged", "unused")


class FormDataError(ValueError):
    """The JSON does not describe a form; `path` names the offending field."""

    def __init__(self, path: str, message: str, *, code: str = "form_invalid") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message
        self.code = code


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def number(value: Any, path: str) -> int | None:
    # bool is an int to Python, never to a KPPS.
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise FormDataError(path, f"harus bilangan bulat atau null, bukan {value!r}")


def mapping(value: Any, path: str, allowed: set[str] | None = None) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FormDataError(path, f"harus objek JSON, bukan {type(value).__name__}")
    if allowed is not None:
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise FormDataError(
                _join(path, unknown[0]), f"kolom tidak dikenal (yang dikenal: {sorted(allowed)})"
            )
    return value


def _lp(value: Any, path: str) -> LP:
    data = mapping(value, path, set(LP_KEYS))
    male, female, total = (number(data.get(key), _join(path, key)) for key in LP_KEYS)
    return LP(male=male, female=female, total=total)


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise FormDataError(path, f"harus teks, bukan {value!r}")
    return value


def _kind_and_contest(data: Mapping[str, Any]) -> tuple[Kind, str]:
    kind = data.get("kind", "pemilu")
    if kind not in KINDS:
        raise FormDataError("kind", f"harus salah satu dari {list(KINDS)}, bukan {kind!r}")
    contests = CONTESTS[kind]
    contest = data.get("contest", contests[0])
    if contest not in contests:
        raise FormDataError(
            "contest", f"untuk {kind} harus salah satu dari {list(contests)}, bukan {contest!r}"
        )
    return kind, contest


def _vote_order(key: str) -> tuple[int, int]:
    return (1, 0) if key == EMPTY_COLUMN else (0, int(key))


def _votes(value: Any, kind: Kind) -> dict[str, int | None]:
    data = mapping(value, "votes")
    for key in data:
        if key != EMPTY_COLUMN and not (key.isdigit() and int(key) > 0 and str(int(key)) == key):
            raise FormDataError(
                f"votes.{key}", f'kunci harus nomor urut pasangan calon ("1", "2", ...) atau "{EMPTY_COLUMN}"'
            )
    if EMPTY_COLUMN in data and (kind != "pilkada" or len(data) != 2):
        raise FormDataError(
            f"votes.{EMPTY_COLUMN}", "kolom kosong hanya ada pada Pilkada dengan satu pasangan calon"
        )
    return {key: number(data[key], f"votes.{key}") for key in sorted(data, key=_vote_order)}


def form_from_json(data: Any, *, default_id: str = "form") -> CountForm:
    """A form from its JSON object, or FormDataError naming the first field that is wrong."""
    data = mapping(data, "", TOP_LEVEL_KEYS)
    kind, contest = _kind_and_contest(data)
    turnout = mapping(data.get("turnout"), "turnout", set(TURNOUT_KEYS))
    ballots = mapping(data.get("ballots"), "ballots", set(BALLOT_KEYS))
    form = CountForm(
        id=_text(data.get("id", default_id), "id"),
        kind=kind,
        contest=contest,
        dpt=_lp(data.get("dpt"), "dpt"),
        turnout=Turnout(**{key: _lp(turnout.get(key), f"turnout.{key}") for key in TURNOUT_KEYS}),
        ballots=Ballots(**{key: number(ballots.get(key), f"ballots.{key}") for key in BALLOT_KEYS}),
        disabled=_lp(data.get("disabled"), "disabled"),
        votes=_votes(data.get("votes"), kind),
        valid=number(data.get("valid"), "valid"),
        invalid=number(data.get("invalid"), "invalid"),
        total=number(data.get("total"), "total"),
    )
    paths = set(boxes(form))
    words = {
        path: _text(v, f"words.{path}") for path, v in _by_box(data.get("words"), "words", paths).items()
    }
    tally = {
        path: number(v, f"tally.{path}") for path, v in _by_box(data.get("tally"), "tally", paths).items()
    }
    return replace(form, words=words, tally={k: v for k, v in tally.items() if v is not None})


def _by_box(value: Any, section: str, paths: set[str]) -> Mapping[str, Any]:
    data = mapping(value, section)
    for path in data:
        if path not in paths:
            raise FormDataError(
                f"{section}.{path}", "bukan kotak pada formulir ini (contoh: V.A, IV.1, I.B.4.total)"
            )
    return data


def _lp_json(lp: LP) -> dict[str, int | None]:
    return {"l": lp.male, "p": lp.female, "total": lp.total}


def form_to_json(form: CountForm) -> dict[str, Any]:
    """The form in the documented schema; empty boxes are null so every field is always present."""
    return {
        "id": form.id,
        "kind": form.kind,
        "contest": form.contest,
        "dpt": _lp_json(form.dpt),
        "turnout": {key: _lp_json(getattr(form.turnout, key)) for key in TURNOUT_KEYS},
        "ballots": {key: getattr(form.ballots, key) for key in BALLOT_KEYS},
        "disabled": _lp_json(form.disabled),
        "votes": dict(form.votes),
        "valid": form.valid,
        "invalid": form.invalid,
        "total": form.total,
        "words": dict(form.words),
        "tally": dict(form.tally),
    }
