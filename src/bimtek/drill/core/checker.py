"""The C.Hasil checker: every consistency rule of the form, one small function each, in one table.

A rule gets the form and its boxes by path and yields violations. A rule whose boxes are missing (None)
says nothing: a Sirekap record has no ballot section, and a half-filled drill form should only be told
about what is written. The codes are stable (tests, the CLI and the web pages use them); the messages
are Indonesian and tell the KPPS what to recount. docs/form.md maps each code to the domain rule.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from bimtek.drill.core.form import (
    BOX_MAX,
    LP_COLUMNS,
    LP_ROWS,
    RESERVE_PERCENT,
    Boxes,
    CountForm,
    boxes,
    label,
    reserve,
)
from bimtek.drill.core.words import in_words, words_match

Severity = Literal["error", "warning"]
Value = int | str | None

# Packing varies by a few ballots; farther off than this and the logistics record deserves a look.
RESERVE_TOLERANCE = 2


@dataclass(frozen=True)
class Violation:
    code: str
    severity: Severity
    fields: tuple[str, ...]
    values: Mapping[str, Value]
    message: str


@dataclass(frozen=True)
class CheckResult:
    form_id: str
    errors: tuple[Violation, ...] = ()
    warnings: tuple[Violation, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def codes(self) -> set[str]:
        return {v.code for v in (*self.errors, *self.warnings)}


Rule = Callable[[CountForm, Boxes], Iterator[Violation]]
RULES: dict[str, Rule] = {}


def rule(code: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        RULES[code] = func
        return func

    return register


def check(form: CountForm) -> CheckResult:
    """Apply every rule; errors and warnings apart, each in the order of the rule table."""
    found = boxes(form)
    violations = [v for func in RULES.values() for v in func(form, found)]
    return CheckResult(
        form_id=form.id,
        errors=tuple(v for v in violations if v.severity == "error"),
        warnings=tuple(v for v in violations if v.severity == "warning"),
    )


def _known(b: Boxes, paths: Sequence[str]) -> list[int] | None:
    values = [b.get(path) for path in paths]
    if any(v is None for v in values):
        return None
    return [v for v in values if v is not None]


def _error(code: str, b: Boxes, paths: Sequence[str], message: str) -> Violation:
    return Violation(code, "error", tuple(paths), {path: b.get(path) for path in paths}, message)


def _plus(values: Sequence[int]) -> str:
    return " + ".join(str(v) for v in values)


@rule("sum_lp")
def sum_lp(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 1: in every L/P row, total = L + P."""
    for row in LP_ROWS:
        paths = [f"{row}.total", f"{row}.l", f"{row}.p"]
        known = _known(b, paths)
        if known is None or known[0] == known[1] + known[2]:
            continue
        total, male, female = known
        yield _error(
            "sum_lp",
            b,
            paths,
            f"{label(row)}: L + P = {male} + {female} = {male + female}, tetapi kolom jumlah tertulis "
            f"{total}: hitung ulang L dan P, lalu perbaiki kolom jumlah.",
        )


@rule("turnout_sum")
def turnout_sum(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 2: I.B.4 = I.B.1 + I.B.2 + I.B.3, for L, P and total."""
    for column in LP_COLUMNS:
        paths = [f"I.B.4.{column}", f"I.B.1.{column}", f"I.B.2.{column}", f"I.B.3.{column}"]
        known = _known(b, paths)
        if known is None or known[0] == sum(known[1:]):
            continue
        yield _error(
            "turnout_sum",
            b,
            paths,
            f"Jumlah pengguna hak pilih (I.B.4 kolom {_column_name(column)}) tertulis {known[0]}, tetapi "
            f"DPT + DPTb + DPK = {_plus(known[1:])} = {sum(known[1:])}: jumlahkan ulang ketiga baris "
            f"dari daftar hadir.",
        )


def _column_name(column: str) -> str:
    return "jumlah" if column == "total" else column.upper()


@rule("valid_sum")
def valid_sum(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 3: V.A = the sum of the valid votes of every pair (and the empty column)."""
    vote_paths = [path for path in b if path.startswith("IV.")]
    known = _known(b, ["V.A", *vote_paths])
    if not vote_paths or known is None or known[0] == sum(known[1:]):
        return
    yield _error(
        "valid_sum",
        b,
        ["V.A", *vote_paths],
        f"Jumlah suara sah (V.A) tertulis {known[0]}, tetapi jumlah suara sah semua kolom IV = "
        f"{_plus(known[1:])} = {sum(known[1:])}: jumlahkan ulang perolehan suara dari formulir plano.",
    )


@rule("votes_sum")
def votes_sum(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 4: V.C = V.A + V.B."""
    known = _known(b, ["V.C", "V.A", "V.B"])
    if known is None or known[0] == known[1] + known[2]:
        return
    total, valid, invalid = known
    yield _error(
        "votes_sum",
        b,
        ["V.C", "V.A", "V.B"],
        f"Jumlah suara sah dan tidak sah (V.C) tertulis {total}, tetapi suara sah + suara tidak sah = "
        f"{valid} + {invalid} = {valid + invalid}: perbaiki penjumlahan di bagian V.",
    )


@rule("votes_vs_turnout")
def votes_vs_turnout(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 5: V.C = I.B.4 total; every voter left exactly one ballot in the box."""
    known = _known(b, ["V.C", "I.B.4.total"])
    if known is None or known[0] == known[1]:
        return
    yield _error(
        "votes_vs_turnout",
        b,
        ["V.C", "I.B.4.total"],
        f"Jumlah suara sah dan tidak sah ({known[0]}) tidak sama dengan jumlah pengguna hak pilih "
        f"({known[1]}): hitung ulang surat suara di kotak dan cocokkan dengan daftar hadir.",
    )


@rule("used_vs_turnout")
def used_vs_turnout(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 6: II.2 = I.B.4 total; every voter used exactly one ballot."""
    known = _known(b, ["II.2", "I.B.4.total"])
    if known is None or known[0] == known[1]:
        return
    yield _error(
        "used_vs_turnout",
        b,
        ["II.2", "I.B.4.total"],
        f"Surat suara yang digunakan (II.2 = {known[0]}) tidak sama dengan jumlah pengguna hak pilih "
        f"(I.B.4 = {known[1]}): setiap pemilih memakai satu surat suara; hitung ulang surat suara "
        f"terpakai dan daftar hadir.",
    )


@rule("ballots_balance")
def ballots_balance(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 7: II.1 = II.2 + II.3 + II.4."""
    paths = ["II.1", "II.2", "II.3", "II.4"]
    known = _known(b, paths)
    if known is None or known[0] == sum(known[1:]):
        return
    yield _error(
        "ballots_balance",
        b,
        paths,
        f"Surat suara diterima (II.1 = {known[0]}) tidak sama dengan digunakan + rusak/keliru coblos + "
        f"tidak digunakan = {_plus(known[1:])} = {sum(known[1:])}: hitung ulang sisa surat suara dan "
        f"surat suara yang dikembalikan.",
    )


@rule("reserve")
def reserve_rule(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 8 (warning): II.1 = DPT + ceil(DPT x 2% or 2.5%), give or take RESERVE_TOLERANCE."""
    known = _known(b, ["II.1", "I.A.total"])
    if known is None:
        return
    received, dpt = known
    expected = dpt + reserve(form.kind, dpt)
    if abs(received - expected) <= RESERVE_TOLERANCE:
        return
    numerator, denominator = RESERVE_PERCENT[form.kind]
    percent = f"{numerator * 100 / denominator:g}%".replace(".", ",")
    yield Violation(
        "reserve",
        "warning",
        ("II.1", "I.A.total"),
        {"II.1": received, "I.A.total": dpt, "expected": expected},
        f"Surat suara diterima (II.1 = {received}) berbeda dari DPT + cadangan {percent} "
        f"({dpt} + {expected - dpt} = {expected}): cocokkan dengan berita acara penerimaan logistik.",
    )


@rule("turnout_le_dpt")
def turnout_le_dpt(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 9a: I.B.1 <= I.A for L, P and total; DPTb and DPK voters belong in I.B.2 and I.B.3."""
    for column in LP_COLUMNS:
        paths = [f"I.B.1.{column}", f"I.A.{column}"]
        known = _known(b, paths)
        if known is None or known[0] <= known[1]:
            continue
        yield _error(
            "turnout_le_dpt",
            b,
            paths,
            f"Pengguna hak pilih dari DPT (I.B.1 kolom {_column_name(column)} = {known[0]}) lebih banyak "
            f"dari pemilih dalam DPT ({known[1]}): pemilih DPTb dan DPK dicatat di I.B.2 dan I.B.3; "
            f"periksa daftar hadir.",
        )


@rule("disabled_le_turnout")
def disabled_le_turnout(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 9b: III <= I.B.4; the rule names the total, and L and P follow from the same logic."""
    for column in LP_COLUMNS:
        paths = [f"III.{column}", f"I.B.4.{column}"]
        known = _known(b, paths)
        if known is None or known[0] <= known[1]:
            continue
        yield _error(
            "disabled_le_turnout",
            b,
            paths,
            f"Pemilih disabilitas (III kolom {_column_name(column)} = {known[0]}) lebih banyak dari "
            f"seluruh pengguna hak pilih ({known[1]}): hitung ulang pemilih disabilitas di daftar hadir.",
        )


@rule("turnout_le_ballots")
def turnout_le_ballots(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 9c: I.B.4 total <= II.1 - II.3; nobody votes without a ballot."""
    paths = ["I.B.4.total", "II.1", "II.3"]
    known = _known(b, paths)
    if known is None or known[0] <= known[1] - known[2]:
        return
    turnout, received, damaged = known
    yield _error(
        "turnout_le_ballots",
        b,
        paths,
        f"Jumlah pengguna hak pilih ({turnout}) lebih banyak dari surat suara yang bisa dipakai "
        f"(diterima - rusak = {received} - {damaged} = {received - damaged}): hitung ulang surat suara "
        f"diterima dan yang dikembalikan.",
    )


@rule("range")
def range_rule(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 10: every box (and tally count) holds a whole number from 0 to 999."""
    numbers = {**b, **{f"tally:{path}": count for path, count in form.tally.items()}}
    for path, value in numbers.items():
        if value is None or 0 <= value <= BOX_MAX:
            continue
        box = path.removeprefix("tally:")
        yield Violation(
            "range",
            "error",
            (box,),
            {path: value},
            f"{label(box)} tertulis {value}: isian harus bilangan bulat dari 0 sampai {BOX_MAX}.",
        )


@rule("tally_vs_box")
def tally_vs_box(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 11a: the tally grid's count equals the number in the box."""
    for path, count in form.tally.items():
        value = b.get(path)
        if value is None or value == count:
            continue
        yield Violation(
            "tally_vs_box",
            "error",
            (path,),
            {path: value, "tally": count},
            f"Turus {label(path)} berjumlah {count}, tetapi angka di kotak {value}: hitung ulang turus "
            f"pada formulir plano, lalu samakan angkanya.",
        )


@rule("words_vs_digits")
def words_vs_digits(form: CountForm, b: Boxes) -> Iterator[Violation]:
    """Domain rule 11b: where the number is also written in words, the words say the same number."""
    for path, words in form.words.items():
        value = b.get(path)
        if value is None or not 0 <= value <= BOX_MAX or words_match(words, value):
            continue
        yield Violation(
            "words_vs_digits",
            "error",
            (path,),
            {path: value, "words": words},
            f'{label(path)}: angka {value} ditulis dengan huruf "{words}", seharusnya '
            f'"{in_words(value)}": cek ulang angkanya, lalu samakan tulisan huruf.',
        )


@dataclass(frozen=True)
class RuleDoc:
    code: str
    severity: Severity
    doc: str = field(default="")


def rule_table() -> list[RuleDoc]:
    """The registered rules with their docstrings, for docs and the CLI's help."""
    warnings = {"reserve"}
    return [
        RuleDoc(code, "warning" if code in warnings else "error", (func.__doc__ or "").strip())
        for code, func in RULES.items()
    ]
