"""Numbers written in Indonesian words, as on the form, compared with the digits in the box.

The spelling comes from num2words, not from a hand-written table. People write "dua puluh" and
"duapuluh", "Dua-Puluh" and "dua  puluh"; we compare with case, spaces and hyphens removed. That stays
unambiguous: no two numbers from 0 to 999 spell the same once the spaces are gone (a test holds us to it).
"""

import re

from num2words import num2words

_NOT_LETTERS = re.compile(r"[\s\-_.,]+")


def in_words(number: int) -> str:
    """The number in Indonesian words, e.g. 221 -> "dua ratus dua puluh satu"."""
    return str(num2words(number, lang="id"))


def normalise(words: str) -> str:
    return _NOT_LETTERS.sub("", words.casefold())


def words_match(words: str, number: int) -> bool:
    return normalise(words) == normalise(in_words(number))
