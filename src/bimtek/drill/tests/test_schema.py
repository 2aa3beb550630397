"""The documented JSON schema: round trip, absence allowed, wrong shapes refused with the field's path."""

import pytest

from bimtek.drill.core.form import boxes
from bimtek.drill.core.schema import FormDataError, form_from_json, form_to_json
from bimtek.drill.tests.forms import tps_004_sukamaju


def test_it_round_trips_a_form_through_json() -> None:
    form = tps_004_sukamaju()
    assert form_from_json(form_to_json(form)) == form


def test_it_reads_the_paths_the_docs_promise() -> None:
    form = form_from_json(
        {
            "kind": "pilkada",
            "contest": "bupati",
            "turnout": {"total": {"l": 1, "p": 2, "total": 3}},
            "ballots": {"damaged": 4},
            "votes": {"1": 5, "kosong": 6},
        }
    )
    found = boxes(form)
    assert (found["I.B.4.l"], found["I.B.4.p"], found["I.B.4.total"]) == (1, 2, 3)
    assert (found["II.3"], found["IV.1"], found["IV.kosong"]) == (4, 5, 6)
    assert found["V.A"] is None
    assert form.id == "form"


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"dpt": {"l": "12"}}, "dpt.l"),
        ({"dpt": {"l": 1.5}}, "dpt.l"),
        ({"valid": True}, "valid"),
        ({"turnout": {"dpk": {"total": "x"}}}, "turnout.dpk.total"),
        ({"turnout": {"dpkk": {}}}, "turnout.dpkk"),
        ({"ballots": []}, "ballots"),
        ({"votes": {"1": "sepuluh"}}, "votes.1"),
        ({"votes": {"01": 3}}, "votes.01"),
        ({"votes": {"1": 3, "kosong": 1}}, "votes.kosong"),  # Pemilu has no empty column
        ({"kind": "pilkada", "contest": "bupati", "votes": {"1": 3, "2": 1, "kosong": 1}}, "votes.kosong"),
        ({"kind": "pileg"}, "kind"),
        ({"kind": "pilkada", "contest": "ppwp"}, "contest"),
        ({"words": {"V.Z": "satu"}}, "words.V.Z"),
        ({"valid": 3, "words": {"V.A": 3}}, "words.V.A"),
        ({"tally": {"IV.9": 1}}, "tally.IV.9"),
        ({"totl": 3}, "totl"),
        ({"id": 7}, "id"),
    ],
)
def test_it_refuses_a_wrong_field_naming_it(data: dict[str, object], path: str) -> None:
    with pytest.raises(FormDataError) as caught:
        form_from_json(data)
    assert caught.value.path == path
    assert str(caught.value).startswith(f"{path}: ")


def test_it_refuses_something_that_is_not_an_object() -> None:
    with pytest.raises(FormDataError, match="objek JSON"):
        form_from_json([1, 2])


def test_it_keeps_the_votes_in_ballot_order() -> None:
    form = form_from_json({"kind": "pilkada", "contest": "walikota", "votes": {"kosong": 1, "1": 2}})
    assert list(form.votes) == ["1", "kosong"]
    form = form_from_json({"votes": {"10": 1, "2": 2, "1": 3}})
    assert list(form.votes) == ["1", "2", "10"]
