"""Numbers in words, spelled by num2words, compared leniently on spacing, case and hyphens."""

import pytest

from bimtek.drill.core.words import in_words, normalise, words_match


def test_it_spells_with_num2words() -> None:
    assert in_words(221) == "dua ratus dua puluh satu"
    assert in_words(0) == "nol"


@pytest.mark.parametrize(
    "written",
    [
        "dua ratus dua puluh satu",
        "Dua Ratus Dua Puluh Satu",
        "dua-ratus dua-puluh-satu",
        " duaratus  duapuluh satu ",
    ],
)
def test_it_accepts_the_ways_people_write_221(written: str) -> None:
    assert words_match(written, 221)


@pytest.mark.parametrize("written", ["dua ratus dua puluh", "dua ratus satu", "dua ribu dua puluh satu", ""])
def test_it_refuses_words_for_another_number(written: str) -> None:
    assert not words_match(written, 221)


def test_it_stays_unambiguous_without_spaces_for_every_box_value() -> None:
    spelled = {normalise(in_words(n)) for n in range(1000)}
    assert len(spelled) == 1000
