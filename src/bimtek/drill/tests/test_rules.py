"""One broken and one mended form per rule code: the smallest form that trips the rule."""

import pytest

from bimtek.drill.core.checker import RULES, check
from bimtek.drill.core.form import LP, Ballots, CountForm, Kind, Turnout
from bimtek.drill.tests.forms import blank, tps_004_sukamaju

# code -> (the smallest form that breaks the rule, the same form mended)
CASES = {
    "sum_lp": (blank(dpt=LP(1, 1, 3)), blank(dpt=LP(1, 2, 3))),
    "turnout_sum": (
        blank(turnout=Turnout(dpt=LP(total=1), dptb=LP(total=1), dpk=LP(total=0), total=LP(total=3))),
        blank(turnout=Turnout(dpt=LP(total=1), dptb=LP(total=1), dpk=LP(total=1), total=LP(total=3))),
    ),
    "valid_sum": (blank(votes={"1": 1, "2": 0}, valid=2), blank(votes={"1": 1, "2": 1}, valid=2)),
    "votes_sum": (blank(valid=1, invalid=1, total=3), blank(valid=2, invalid=1, total=3)),
    "votes_vs_turnout": (
        blank(total=2, turnout=Turnout(total=LP(total=3))),
        blank(total=3, turnout=Turnout(total=LP(total=3))),
    ),
    "used_vs_turnout": (
        blank(ballots=Ballots(used=2), turnout=Turnout(total=LP(total=3))),
        blank(ballots=Ballots(used=3), turnout=Turnout(total=LP(total=3))),
    ),
    "ballots_balance": (
        blank(ballots=Ballots(received=3, used=1, damaged=0, unused=1)),
        blank(ballots=Ballots(received=3, used=1, damaged=1, unused=1)),
    ),
    "reserve": (
        blank(dpt=LP(total=250), ballots=Ballots(received=250)),
        blank(dpt=LP(total=250), ballots=Ballots(received=255)),
    ),
    "turnout_le_dpt": (
        blank(dpt=LP(total=1), turnout=Turnout(dpt=LP(total=2))),
        blank(dpt=LP(total=2), turnout=Turnout(dpt=LP(total=2))),
    ),
    "disabled_le_turnout": (
        blank(disabled=LP(total=2), turnout=Turnout(total=LP(total=1))),
        blank(disabled=LP(total=1), turnout=Turnout(total=LP(total=1))),
    ),
    "turnout_le_ballots": (
        blank(turnout=Turnout(total=LP(total=3)), ballots=Ballots(received=3, damaged=1)),
        blank(turnout=Turnout(total=LP(total=2)), ballots=Ballots(received=3, damaged=1)),
    ),
    "range": (blank(valid=1000), blank(valid=999)),
    "tally_vs_box": (blank(votes={"1": 5}, tally={"IV.1": 4}), blank(votes={"1": 5}, tally={"IV.1": 5})),
    "words_vs_digits": (
        blank(valid=221, words={"V.A": "dua ratus dua puluh"}),
        blank(valid=221, words={"V.A": "Dua-ratus  duapuluh satu"}),
    ),
}


def test_it_has_a_case_for_every_registered_rule() -> None:
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_it_flags_the_smallest_form_that_breaks_each_rule(code: str) -> None:
    broken, _ = CASES[code]
    assert {v.code for v in (*check(broken).errors, *check(broken).warnings)} == {code}


@pytest.mark.parametrize("code", sorted(CASES))
def test_it_accepts_the_mended_form_for_each_rule(code: str) -> None:
    _, mended = CASES[code]
    assert check(mended).codes == set()


def test_it_keeps_the_reserve_rule_a_warning() -> None:
    result = check(CASES["reserve"][0])
    assert result.ok
    assert [w.code for w in result.warnings] == ["reserve"]
    assert result.warnings[0].values["expected"] == 255


@pytest.mark.parametrize(
    ("kind", "contest", "dpt", "expected"),
    [
        ("pemilu", "ppwp", 250, 255),  # 2% of 250 is exactly 5: no rounding
        ("pemilu", "ppwp", 210, 215),  # 4.2 rounds up to 5
        ("pilkada", "bupati", 250, 257),  # 2.5% of 250 = 6.25 rounds up to 7
        ("pilkada", "bupati", 600, 615),
    ],
)
def test_it_expects_dpt_plus_the_reserve_rounded_up(
    kind: Kind, contest: str, dpt: int, expected: int
) -> None:
    def received(n: int) -> CountForm:
        return CountForm(id="t", kind=kind, contest=contest, dpt=LP(total=dpt), ballots=Ballots(received=n))

    assert check(received(expected)).warnings == ()
    assert [w.code for w in check(received(expected + 3)).warnings] == ["reserve"]
    assert [w.code for w in check(received(expected - 3)).warnings] == ["reserve"]


def test_it_tolerates_a_reserve_a_few_ballots_off() -> None:
    for received in (253, 257):
        assert check(blank(dpt=LP(total=250), ballots=Ballots(received=received))).warnings == ()


def test_it_reports_each_lp_row_and_column_by_its_form_path() -> None:
    form = blank(turnout=Turnout(dpk=LP(1, 1, 1)), disabled=LP(0, 0, 1))
    fields = [v.fields for v in check(form).errors]
    assert fields == [("I.B.3.total", "I.B.3.l", "I.B.3.p"), ("III.total", "III.l", "III.p")]


def test_it_finds_nothing_wrong_with_a_clean_count() -> None:
    assert check(tps_004_sukamaju()).codes == set()


def test_it_skips_rules_whose_boxes_are_empty() -> None:
    assert check(blank(valid=220, invalid=1)).codes == set()


def test_it_explains_in_indonesian_with_the_numbers() -> None:
    form = blank(total=211, turnout=Turnout(total=LP(total=221)))
    (violation,) = check(form).errors
    assert violation.message.startswith(
        "Jumlah suara sah dan tidak sah (211) tidak sama dengan jumlah pengguna hak pilih (221): hitung ulang"
    )
    assert violation.values == {"V.C": 211, "I.B.4.total": 221}
