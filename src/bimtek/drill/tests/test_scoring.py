"""Scoring a trainee's form box by box against the drill's truth."""

from bimtek.drill.core.form import boxes, with_boxes
from bimtek.drill.core.generator import new_drill
from bimtek.drill.core.scoring import WrongBox, score


def test_it_gives_a_perfect_form_100() -> None:
    truth = new_drill(5, "hard").truth
    result = score(truth, truth)
    assert (result.score, result.wrong, result.check.errors) == (100, (), ())


def test_it_lists_each_wrong_box_and_the_rules_it_breaks() -> None:
    truth = new_drill(5, "hard").truth
    dpk = truth.turnout.dpk.total
    assert dpk is not None
    trainee = with_boxes(truth, {"I.B.3.total": dpk + 1})
    result = score(trainee, truth)
    assert result.wrong == (WrongBox("I.B.3.total", dpk, dpk + 1),)
    assert result.score == (result.total - 1) * 100 // result.total < 100
    assert {v.code for v in result.check.errors} == {"sum_lp", "turnout_sum"}


def test_it_counts_an_empty_box_as_wrong() -> None:
    truth = new_drill(5, "easy").truth
    empty = with_boxes(truth, dict.fromkeys(boxes(truth)))
    result = score(empty, truth)
    assert result.score == 0
    assert len(result.wrong) == result.total == len(boxes(truth))
