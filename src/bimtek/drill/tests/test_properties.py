"""Properties over generated TPS days: the truth is always consistent, and any one slip is caught."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from bimtek.drill.core.checker import check
from bimtek.drill.core.form import KINDS, MAX_VOTERS, boxes, with_boxes
from bimtek.drill.core.generator import LEVELS, Drill, new_drill
from bimtek.drill.core.words import in_words

drills = st.builds(
    new_drill, seed=st.integers(0, 2**32), level=st.sampled_from(LEVELS), kind=st.sampled_from(KINDS)
)

# Boxes no rule ties, with the reason. None today: every L/P cell is in sum_lp, every I.B cell in
# turnout_sum, II.1-II.4 in ballots_balance, IV.n and V.A in valid_sum, V.B and V.C in votes_sum. A new
# box that no rule ties must be named here, so the gap is a decision and not an accident.
UNTIED_BOXES: dict[str, str] = {}

few = settings(max_examples=40, deadline=None)


@few
@given(drills)
def test_it_finds_no_error_or_warning_on_any_generated_day(drill: Drill) -> None:
    result = check(drill.truth)
    assert result.errors == ()
    assert result.warnings == ()


@few
@given(drills)
def test_it_keeps_a_generated_day_within_the_tps_limits(drill: Drill) -> None:
    truth = drill.truth
    assert truth.dpt.total is not None and truth.turnout.total.total is not None
    assert truth.dpt.total <= MAX_VOTERS[truth.kind]
    assert truth.turnout.total.total <= MAX_VOTERS[truth.kind]
    assert all(value is not None and value >= 0 for value in boxes(truth).values())


@few
@given(drills, st.integers(-7, 7).filter(bool))
def test_it_finds_an_error_when_any_one_box_changes(drill: Drill, delta: int) -> None:
    for path, value in boxes(drill.truth).items():
        if path in UNTIED_BOXES:
            continue
        assert value is not None
        changed = with_boxes(drill.truth, {path: value + delta})
        assert check(changed).errors, f"{path} changed by {delta} went unnoticed"


@few
@given(drills, st.integers(1, 7))
def test_it_finds_an_error_when_a_tally_or_words_disagree(drill: Drill, delta: int) -> None:
    truth = drill.truth
    for path, count in truth.tally.items():
        changed = replace(truth, tally={**truth.tally, path: count + delta})
        assert [v.code for v in check(changed).errors] == ["tally_vs_box"]
    for path in truth.words:
        value = boxes(truth)[path]
        assert value is not None
        wrong = in_words(value + delta)
        changed = replace(truth, words={**truth.words, path: wrong})
        assert [v.code for v in check(changed).errors] == ["words_vs_digits"]


def test_it_names_only_boxes_that_exist_as_untied() -> None:
    assert set(UNTIED_BOXES) <= set(boxes(new_drill(1, "hard", "pilkada").truth))


@few
@given(drills, st.data())
def test_it_never_finds_more_errors_when_boxes_are_left_empty(drill: Drill, data: st.DataObject) -> None:
    paths = sorted(boxes(drill.truth))
    emptied = data.draw(st.sets(st.sampled_from(paths)))
    partial = with_boxes(drill.truth, dict.fromkeys(emptied))
    assert check(partial).codes == set()
