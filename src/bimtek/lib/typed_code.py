"""Codes a person reads off paper and types back: Crockford base32, grouped by four, with a check character.

A code is 11 random characters (55 bits) and one check character, printed as `53XP-GZFT-HT7K`. Reading it
back forgives what people do when they type: lowercase, spaces and dashes, the letter O for zero, I or L for
one (Crockford's alphabet leaves out I, L, O and U so none of them can be meant). The check character is
Luhn mod 32 over the alphabet: any single mistyped character, and most swaps of two neighbours, fail it, so
a typo is told apart from a code that was never issued without asking the database.

Randomness is what makes a code unforgeable; the check character only catches typos. No Django here.
"""

from __future__ import annotations

import secrets
from typing import Literal

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_CHARS = 11  # 55 bits
LENGTH = RANDOM_CHARS + 1
GROUP = 4
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = str.maketrans("", "", " \t\r\n-_.")

Reading = Literal["ok", "typo"]


def _luhn_sum(values: list[int], double_first: bool) -> int:
    """Luhn mod 32 from the right: every other value doubled, and a doubled value's two base-32 digits added."""
    total, double = 0, double_first
    for value in reversed(values):
        addend = value * 2 if double else value
        total += addend // len(ALPHABET) + addend % len(ALPHABET)
        double = not double
    return total


def check_char(body: str) -> str:
    remainder = _luhn_sum([_VALUE[c] for c in body], double_first=True) % len(ALPHABET)
    return ALPHABET[(len(ALPHABET) - remainder) % len(ALPHABET)]


def new_code() -> str:
    """A fresh code, without dashes (the stored form)."""
    bits = secrets.randbits(RANDOM_CHARS * 5)  # one draw, five bits a character
    body = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(RANDOM_CHARS))
    return body + check_char(body)


def compact(text: str) -> str:
    """Upper case without separators: spaces, dashes, dots, underscores."""
    return text.translate(_SEPARATORS).upper()


def normalize(text: str) -> str:
    """What the person meant: `compact`, then O read as 0 and I/L as 1."""
    return compact(text).translate(_READ_AS)


def read(text: str) -> tuple[Reading, str]:
    """('ok', code) for a well-formed code, else ('typo', what was read): wrong length, a stray character
    or a failed check character."""
    code = normalize(text)
    if len(code) != LENGTH or any(c not in _VALUE for c in code):
        return "typo", code
    if _luhn_sum([_VALUE[c] for c in code], double_first=False) % len(ALPHABET):
        return "typo", code
    return "ok", code


def grouped(code: str) -> str:
    """The printed form, `XXXX-XXXX-XXXX`."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
