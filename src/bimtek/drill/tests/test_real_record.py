"""The published record from domain.md: valid 220 + invalid 1, total 211, pairs summing to 210."""

from bimtek.drill.core.checker import check
from bimtek.drill.core.form import LP, Turnout
from bimtek.drill.tests.forms import blank

RECORD = {"votes": {"1": 100, "2": 60, "3": 50}, "valid": 220, "invalid": 1, "total": 211}


def test_it_flags_the_valid_total_and_the_sum_of_section_v() -> None:
    result = check(blank(**RECORD))
    assert [v.code for v in result.errors] == ["valid_sum", "votes_sum"]
    assert result.errors[0].values["V.A"] == 220
    assert "210" in result.errors[0].message
    assert "220 + 1 = 221" in result.errors[1].message


def test_it_also_flags_the_box_against_the_voters_when_turnout_is_known() -> None:
    result = check(blank(**RECORD, turnout=Turnout(total=LP(total=221))))
    assert [v.code for v in result.errors] == ["valid_sum", "votes_sum", "votes_vs_turnout"]
