"""The count form at the TPS as typed data: Model C.Hasil (Pemilu) and C.Hasil-KWK (Pilkada).

Every number on the form has a path named after the form's own sections (`I.A.total`, `I.B.4.l`, `II.2`,
`IV.1`, `V.C`), so a checker message, a scorer's list of wrong fields and the paper form all point at the
same box. `boxes()` flattens a form to those paths and `with_boxes()` rebuilds it, which keeps the
checker, the scorer and the tests free of per-field code.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

Kind = Literal["pemilu", "pilkada"]
KINDS: tuple[Kind, ...] = get_args(Kind)

# Pemilu starts with the presidential ballot; the legislative ballots (party + candidate votes) come later.
CONTESTS: Mapping[Kind, tuple[str, ...]] = {
    "pemilu": ("ppwp",),
    "pilkada": ("gubernur", "bupati", "walikota"),
}

# A Pilkada region with a single candidate pair votes for the pair or for this empty column.
EMPTY_COLUMN = "kosong"

# Ceiling of DPT x percent, as an exact fraction so 250 x 2% is 5 and not 5.000000001 -> 6.
RESERVE_PERCENT: Mapping[Kind, tuple[int, int]] = {"pemilu": (2, 100), "pilkada": (25, 1000)}

# Most voters one TPS may serve.
MAX_VOTERS: Mapping[Kind, int] = {"pemilu": 300, "pilkada": 600}

BOX_MAX = 999

Boxes = dict[str, int | None]


@dataclass(frozen=True)
class LP:
    """One row with columns L (laki-laki), P (perempuan) and the total."""

    male: int | None = None
    female: int | None = None
    total: int | None = None


@dataclass(frozen=True)
class Turnout:
    """Section I.B: voters who used their right, by the list they came from."""

    dpt: LP = field(default_factory=LP)
    dptb: LP = field(default_factory=LP)
    dpk: LP = field(default_factory=LP)
    total: LP = field(default_factory=LP)


@dataclass(frozen=True)
class Ballots:
    """Section II: received (with the reserve), used, returned damaged or mis-marked, unused."""

    received: int | None = None
    used: int | None = None
    damaged: int | None = None
    unused: int | None = None


@dataclass(frozen=True)
class CountForm:
    id: str
    kind: Kind
    contest: str
    dpt: LP = field(default_factory=LP)
    turnout: Turnout = field(default_factory=Turnout)
    ballots: Ballots = field(default_factory=Ballots)
    disabled: LP = field(default_factory=LP)
    # Keyed by the pair's ballot number ("1", "2", ...) or EMPTY_COLUMN, in ballot order.
    votes: Mapping[str, int | None] = field(default_factory=dict)
    valid: int | None = None
    invalid: int | None = None
    total: int | None = None
    # Both keyed by box path: the number written in words, and the count of the tally grid.
    words: Mapping[str, str] = field(default_factory=dict)
    tally: Mapping[str, int] = field(default_factory=dict)


LP_ROWS: Mapping[str, str] = {
    "I.A": "dpt",
    "I.B.1": "turnout.dpt",
    "I.B.2": "turnout.dptb",
    "I.B.3": "turnout.dpk",
    "I.B.4": "turnout.total",
    "III": "disabled",
}
LP_COLUMNS: Mapping[str, str] = {"l": "male", "p": "female", "total": "total"}
BALLOT_BOXES: Mapping[str, str] = {"II.1": "received", "II.2": "used", "II.3": "damaged", "II.4": "unused"}
TOTAL_BOXES: Mapping[str, str] = {"V.A": "valid", "V.B": "invalid", "V.C": "total"}

# How a KPPS reads each section aloud; used in the checker's messages.
LABELS: Mapping[str, str] = {
    "I.A": "pemilih dalam DPT (I.A)",
    "I.B.1": "pengguna hak pilih dalam DPT (I.B.1)",
    "I.B.2": "pengguna hak pilih dalam DPTb (I.B.2)",
    "I.B.3": "pengguna hak pilih dalam DPK (I.B.3)",
    "I.B.4": "jumlah pengguna hak pilih (I.B.4)",
    "II.1": "surat suara yang diterima termasuk cadangan (II.1)",
    "II.2": "surat suara yang digunakan (II.2)",
    "II.3": "surat suara yang dikembalikan karena rusak/keliru coblos (II.3)",
    "II.4": "surat suara yang tidak digunakan (II.4)",
    "III": "pemilih disabilitas yang menggunakan hak pilih (III)",
    "V.A": "jumlah suara sah (V.A)",
    "V.B": "jumlah suara tidak sah (V.B)",
    "V.C": "jumlah suara sah dan tidak sah (V.C)",
}


def _lp_row(form: CountForm, attr: str) -> LP:
    row: object = form
    for part in attr.split("."):
        row = getattr(row, part)
    assert isinstance(row, LP)
    return row


def vote_path(key: str) -> str:
    return f"IV.{key}"


def label(path: str) -> str:
    if path.startswith("IV."):
        key = path.removeprefix("IV.")
        return (
            "suara sah kolom kosong (IV)" if key == EMPTY_COLUMN else f"suara sah pasangan calon {key} (IV)"
        )
    row, _, column = path.rpartition(".")
    if column in LP_COLUMNS and row in LP_ROWS:
        return f"{LABELS[row]} kolom {column.upper() if column != 'total' else 'jumlah'}"
    return LABELS.get(path, path)


def boxes(form: CountForm) -> Boxes:
    """Every box of the form by path, in the order the form prints them."""
    result: Boxes = {}
    for row, attr in LP_ROWS.items():
        if row == "III":
            continue
        _add_lp(result, row, _lp_row(form, attr))
    for path, attr in BALLOT_BOXES.items():
        result[path] = getattr(form.ballots, attr)
    _add_lp(result, "III", form.disabled)
    for key, value in form.votes.items():
        result[vote_path(key)] = value
    for path, attr in TOTAL_BOXES.items():
        result[path] = getattr(form, attr)
    return result


def _add_lp(result: Boxes, row: str, lp: LP) -> None:
    for column, attr in LP_COLUMNS.items():
        result[f"{row}.{column}"] = getattr(lp, attr)


def with_boxes(form: CountForm, updates: Mapping[str, int | None]) -> CountForm:
    """The same form with some boxes changed; an unknown path is a programming error."""
    current = boxes(form)
    unknown = set(updates) - set(current)
    if unknown:
        raise KeyError(f"unknown box paths: {sorted(unknown)}")
    merged = {**current, **updates}

    def lp(row: str) -> LP:
        return LP(**{attr: merged[f"{row}.{column}"] for column, attr in LP_COLUMNS.items()})

    return replace(
        form,
        dpt=lp("I.A"),
        turnout=Turnout(dpt=lp("I.B.1"), dptb=lp("I.B.2"), dpk=lp("I.B.3"), total=lp("I.B.4")),
        ballots=Ballots(**{attr: merged[path] for path, attr in BALLOT_BOXES.items()}),
        disabled=lp("III"),
        votes={key: merged[vote_path(key)] for key in form.votes},
        valid=merged["V.A"],
        invalid=merged["V.B"],
        total=merged["V.C"],
    )


def reserve(kind: Kind, dpt_total: int) -> int:
    """The reserve ballots for a TPS: DPT x 2% (Pemilu) or 2.5% (Pilkada), rounded up."""
    numerator, denominator = RESERVE_PERCENT[kind]
    return -(-dpt_total * numerator // denominator)


def _vote_order(key: str) -> tuple[int, int]:
    return (1, 0) if key == EMPTY_COLUMN else (0, int(key))


def vote_keys(pairs: int, kind: Kind) -> list[str]:
    """The IV columns of a form with this many pairs; a Pilkada with one pair has the empty column too."""
    keys = [str(n) for n in range(1, pairs + 1)]
    return [*keys, EMPTY_COLUMN] if kind == "pilkada" and pairs == 1 else keys


def form_from_boxes(*, id: str, kind: Kind, contest: str, values: Mapping[str, int | None]) -> CountForm:
    """A form from box paths (a web form, a spreadsheet row); the IV columns are the IV paths given."""
    keys = sorted((p.removeprefix("IV.") for p in values if p.startswith("IV.")), key=_vote_order)
    base = CountForm(id=id, kind=kind, contest=contest, votes=dict.fromkeys(keys))
    return with_boxes(base, values)


def box_paths(kind: Kind, pairs: int) -> list[str]:
    """Every box path of an empty form with this many pairs, in print order."""
    base = CountForm(id="", kind=kind, contest=CONTESTS[kind][0], votes=dict.fromkeys(vote_keys(pairs, kind)))
    return list(boxes(base))
