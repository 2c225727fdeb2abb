"""Character tables computed from ``unicodedata`` once per process.

These are facts about Unicode, not Vietnamese rules, so they are derived rather than
stored: the letters in U+00C0–U+024F and U+1E00–U+1EFF whose canonical decomposition is
an ASCII letter followed only by combining marks (all 134 Vietnamese vowel forms and most
European accented letters), plus ``đ/Đ`` which have no decomposition.
"""

from __future__ import annotations

import unicodedata
from functools import cache

__all__ = ["INVISIBLE", "is_mark", "strip_table"]

# Default-ignorable characters that may sit inside a word without changing it
# (soft hyphen, zero-widths, word joiner, BOM, combining grapheme joiner, bidi marks).
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)

_RANGES = ((0x00C0, 0x0250), (0x1E00, 0x1F00))


@cache
def strip_table() -> dict[int, str]:
    """``str.translate`` table: letter with marks -> its ASCII base letter, ``đ -> d``.

    >>> "Đường phố Hà Nội".translate(strip_table())
    'Duong pho Ha Noi'
    """
    table: dict[int, str] = {0x0111: "d", 0x0110: "D"}
    for lo, hi in _RANGES:
        for cp in range(lo, hi):
            decomposed = unicodedata.normalize("NFD", chr(cp))
            base, marks = decomposed[0], decomposed[1:]
            if (
                marks
                and base.isascii()
                and base.isalpha()
                and all(unicodedata.combining(m) or unicodedata.category(m) == "Mn" for m in marks)
            ):
                table[cp] = base
    return table


def is_mark(char: str) -> bool:
    """True for combining marks (general category M*).

    >>> is_mark("\\u0301"), is_mark("a")
    (True, False)
    """
    return unicodedata.category(char)[0] == "M"
