"""A typed code: read back the way people type it, a typo told apart by its check character, never guessable."""

import math

from bimtek.lib import typed_code
from bimtek.lib.typed_code import ALPHABET, LENGTH, RANDOM_CHARS


def _codes(count: int) -> list[str]:
    return [typed_code.new_code() for _ in range(count)]


def test_it_draws_at_least_50_random_bits_and_one_check_character() -> None:
    assert RANDOM_CHARS * math.log2(len(ALPHABET)) >= 50
    codes = _codes(2000)
    assert all(len(c) == LENGTH and typed_code.read(c) == ("ok", c) for c in codes)
    assert len(set(codes)) == len(codes)


def test_it_prints_in_groups_of_four() -> None:
    assert typed_code.grouped("53XPGZFTHT7Z") == "53XP-GZFT-HT7Z"


def test_it_reads_lowercase_spaces_dashes_and_the_letters_people_mean_as_digits() -> None:
    code = "53XPGZFTHT7Z"
    for typed in ("53xp-gzft-ht7z", " 53XP GZFT HT7Z ", "53xp.gzft_ht7z", "53xpgzftht7z"):
        assert typed_code.read(typed) == ("ok", code), typed
    body = "0011" + "ABCDEFG"
    with_digits = body + typed_code.check_char(body)
    assert typed_code.read("OoIl-" + with_digits[4:]) == ("ok", with_digits)


def test_every_single_mistyped_character_is_a_typo() -> None:
    for code in _codes(50):
        for i in range(LENGTH):
            for char in ALPHABET.replace(code[i], ""):
                assert typed_code.read(code[:i] + char + code[i + 1 :])[0] == "typo"


def test_almost_every_swap_of_two_neighbours_is_a_typo() -> None:
    """Every pair of different characters, swapped at every place of a code (with its check character)."""
    swaps = missed = 0
    for i in range(LENGTH - 1):
        for a in ALPHABET:
            for b in ALPHABET.replace(a, ""):
                body = ("Z" * RANDOM_CHARS)[:i] + a + b + "Z" * RANDOM_CHARS
                code = body[:RANDOM_CHARS] + typed_code.check_char(body[:RANDOM_CHARS])
                if code[i] == code[i + 1]:  # the last place swaps with the check character, which may match
                    continue
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
                swaps += 1
                missed += typed_code.read(swapped)[0] == "ok"
    assert missed / swaps < 0.005  # Luhn mod 32 misses the swaps of a few pairs only


def test_a_wrong_length_or_a_stray_character_is_a_typo() -> None:
    code = typed_code.new_code()
    for typed in (code[:-1], code + "0", code[:5] + "U" + code[6:], code[:5] + "*" + code[6:], ""):
        assert typed_code.read(typed)[0] == "typo", typed
