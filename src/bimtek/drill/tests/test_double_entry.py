"""The double-entry comparison: two members type the same drill form, the ketua resolves the differences."""

import pytest

from bimtek.drill.core.double_entry import (
    ERR_BAD_VALUE,
    ERR_MISSING,
    ERR_NOT_A_DIFFERENCE,
    ERR_OTHER_FORM,
    Difference,
    compare,
    crew_score,
    resolve,
)
from bimtek.drill.core.form import CountForm, boxes, form_from_boxes, with_boxes
from bimtek.drill.core.generator import new_drill
from bimtek.lib.errors import DomainError

DRILL = new_drill(4242, "easy", "pemilu")
TRUTH = DRILL.truth


def entered(**changes: int | None) -> CountForm:
    """The truth as a member types it (boxes only, no words or tallies), with some boxes changed."""
    values = {**boxes(TRUTH), **{path.replace("_", "."): v for path, v in changes.items()}}
    return form_from_boxes(id="entry", kind=TRUTH.kind, contest=TRUTH.contest, values=values)


def vb() -> int:
    assert TRUTH.invalid is not None
    return TRUTH.invalid


def test_it_finds_no_differences_between_identical_entries() -> None:
    comparison = compare(entered(), entered())
    assert comparison.differences == ()
    assert comparison.equal == comparison.total == len(boxes(TRUTH))
    assert comparison.agreement == 100


def test_it_names_exactly_the_one_box_that_differs() -> None:
    comparison = compare(entered(), entered(V_B=vb() + 1))
    assert comparison.differences == (Difference("V.B", "jumlah suara tidak sah (V.B)", vb(), vb() + 1),)
    assert comparison.equal == comparison.total - 1
    assert comparison.agreement == (comparison.total - 1) * 100 // comparison.total < 100


def test_an_empty_box_differs_from_a_written_one() -> None:
    comparison = compare(entered(), entered(II_3=None))
    assert comparison.paths == ("II.3",)


def test_it_refuses_to_compare_forms_of_another_shape() -> None:
    other = form_from_boxes(id="x", kind="pemilu", contest="ppwp", values={"V.A": 1, "IV.1": 1})
    with pytest.raises(DomainError) as caught:
        compare(entered(), other)
    assert caught.value.code == ERR_OTHER_FORM


def test_the_ketua_picks_a_b_or_their_own_value() -> None:
    a = entered(V_B=vb() + 1, II_3=5)
    b = entered(II_4=0)
    truth_ii4 = boxes(TRUTH)["II.4"]
    resolved = resolve(a, b, {"V.B": "b", "II.3": "b", "II.4": "a"})
    assert boxes(resolved) == boxes(entered())
    own = resolve(a, b, {"V.B": 7, "II.3": "a", "II.4": "b"})
    assert (boxes(own)["V.B"], boxes(own)["II.3"], boxes(own)["II.4"]) == (7, 5, 0)
    assert truth_ii4 != 0


def test_it_refuses_a_missing_resolution() -> None:
    with pytest.raises(DomainError) as caught:
        resolve(entered(V_B=vb() + 1, II_3=5), entered(), {"V.B": "b"})
    assert caught.value.code == ERR_MISSING and "II.3" in caught.value.message


def test_it_refuses_a_resolution_for_a_box_that_did_not_differ() -> None:
    with pytest.raises(DomainError) as caught:
        resolve(entered(V_B=vb() + 1), entered(), {"V.B": "b", "V.A": 3})
    assert caught.value.code == ERR_NOT_A_DIFFERENCE and "V.A" in caught.value.message


@pytest.mark.parametrize("value", [1000, -1, True])
def test_it_refuses_an_own_value_outside_the_box(value: int) -> None:
    with pytest.raises(DomainError) as caught:
        resolve(entered(V_B=vb() + 1), entered(), {"V.B": value})
    assert caught.value.code == ERR_BAD_VALUE


def test_identical_entries_need_no_resolution() -> None:
    assert boxes(resolve(entered(), entered(), {})) == boxes(entered())


def test_a_right_resolution_scores_100_with_the_entries_agreement_beside_it() -> None:
    a, b = entered(V_B=vb() + 1), entered()
    result = crew_score(a=a, b=b, resolved=resolve(a, b, {"V.B": "b"}), truth=TRUTH)
    assert (result.score, result.differences) == (100, 1)
    assert result.agreement == compare(a, b).agreement < 100
    assert result.findings.blocking == () and result.findings.warnings == ()


def test_a_blocking_error_is_listed_apart_with_its_rule() -> None:
    a, b = entered(V_B=vb() + 1), entered()
    result = crew_score(a=a, b=b, resolved=resolve(a, b, {"V.B": "a"}), truth=TRUTH)
    assert [f.code for f in result.findings.blocking] == ["votes_sum"]
    assert result.findings.warnings == ()
    assert all(f.severity == "error" and f.message for f in result.findings.blocking)
    assert result.score < 100


def test_a_plausibility_warning_is_listed_apart_and_does_not_block() -> None:
    values = boxes(TRUTH)
    received, unused = values["II.1"], values["II.4"]
    assert received is not None and unused is not None
    # Five more ballots received and five more unused: the balance holds, the reserve looks off.
    off = with_boxes(entered(), {"II.1": received + 5, "II.4": unused + 5})
    result = crew_score(a=off, b=off, resolved=resolve(off, off, {}), truth=TRUTH)
    assert result.findings.blocking == ()
    assert [(f.code, f.severity) for f in result.findings.warnings] == [("reserve", "warning")]
    assert "cadangan" in result.findings.warnings[0].message
    assert result.agreement == 100
