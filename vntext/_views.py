"""A forgiving view of a string that remembers where each character came from.

Dates and segmentation match on a *folded* copy of the input (NFC, optionally lower-cased
and stripped of diacritics, invisible characters dropped, exotic spaces made plain) while
every span they report must index the *original* string. ``fold`` returns both, with a
map back to original offsets. A code point of the folded text maps to the whole cluster
(base character plus its combining marks) it came from, so a span never cuts a cluster.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any, NamedTuple

from vntext._chars import INVISIBLE, is_mark, strip_table

__all__ = ["FoldedText", "fold"]


class FoldedText(NamedTuple):
    """The folded text plus, for each of its code points, the original span it came from.

    ``starts``/``ends`` are ``None`` when folding kept every position (the common case for
    NFC input); then folded offsets *are* original offsets. A named tuple rather than a
    dataclass because callers fold every short string they parse and it is built fastest.
    """

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span ``[start, end)`` to the original string.

        >>> view = fold("Ngày\\u200b 5/6", lower=True, strip_marks=True)
        >>> view.text
        'ngay 5/6'
        >>> view.span(0, 4), view.original[slice(*view.span(0, 4))]
        ((0, 4), 'Ngày')
        """
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


_new_tuple = tuple.__new__


@cache
def _fast_table(lower: bool, strip_marks: bool, spaces: bool) -> dict[int, str]:
    """One-to-one ``str.translate`` table used when the input needs no composition."""
    table: dict[int, str] = {}
    if strip_marks:
        table.update(strip_table())
    if lower:
        for lo, hi in ((0x0000, 0x0250), (0x1E00, 0x1F00)):
            for cp in range(lo, hi):
                ch = table.get(cp, chr(cp))
                low = ch.lower()
                if len(low) == 1 and low != ch:
                    table[cp] = low
        table[0x0110] = "d" if strip_marks else "\u0111"
    if spaces:
        for cp in (0x09, 0x0B, 0x0C, 0x0D, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
            table[cp] = " "
    return table


@cache
def _slow_path_pattern() -> Any:
    import regex  # the stdlib `re` has no \p{M}; `regex` is a runtime dependency anyway

    return regex.compile("[\\p{M}" + "".join(sorted(INVISIBLE)) + "]")


# Anything but printable ASCII, "\n" and the precomposed Latin letters whose lower case is
# one code point (U+0130 İ lowers to two; U+00AD is an invisible). Text without such a
# character folds (lower case, marks kept) to exactly ``text.lower()``. Stdlib ``re`` runs
# this class scan several times faster than ``regex``.
_NOT_SIMPLE_LATIN = re.compile("[^\n\x20-\x7e\xa1-\xac\xae-\u012f\u0131-\u024f\u1e00-\u1eff]")


def _needs_slow_path(text: str) -> bool:
    """True when the text holds a combining mark or an invisible character (one C-level scan)."""
    if text.isascii():
        return False
    return _slow_path_pattern().search(text) is not None


def fold(text: str, *, lower: bool = True, strip_marks: bool = False, spaces: bool = True) -> FoldedText:
    """Fold ``text`` for matching and keep a map back to it.

    NFC is always applied; ``lower`` lower-cases letters (only where that keeps one code
    point, so offsets stay exact), ``strip_marks`` removes Vietnamese and other Latin
    diacritics (``đ -> d``), ``spaces`` turns tabs, CR and exotic spaces into ``" "``
    (``\\n`` is kept). Invisible characters (zero-widths, soft hyphen, U+034F, BOM) are dropped.

    >>> v = fold("Ho\\u0300a Bi\\u0300nh")  # NFD input
    >>> v.text, v.span(0, 3)
    ('hòa bình', (0, 4))
    """
    if lower and not strip_marks and _NOT_SIMPLE_LATIN.search(text) is None:
        # The common case of dates, kept cheap (a plain tuple.__new__ skips the named
        # tuple's Python-level constructor; same object).
        return _new_tuple(FoldedText, (text, text.lower(), None, None))
    if not _needs_slow_path(text):
        table = _fast_table(lower, strip_marks, spaces)
        return _new_tuple(FoldedText, (text, text.translate(table), None, None))
    table = _fast_table(lower, strip_marks, spaces)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in INVISIBLE:
            i += 1
            continue
        # A cluster: this character and the combining marks after it (skipping invisibles).
        j = i + 1  # end of the cluster: after its last mark, so trailing invisibles stay outside
        k = j
        marks = []
        while k < n and (text[k] in INVISIBLE or is_mark(text[k])):
            if text[k] not in INVISIBLE:
                marks.append(text[k])
                j = k + 1
            k += 1
        cluster = ch + "".join(marks) if marks else ch
        if marks:
            cluster = unicodedata.normalize("NFC", cluster)
        piece = cluster.translate(table)
        if strip_marks and len(piece) > 1 and piece[0].isascii() and piece[0].isalpha():
            # Marks NFC could not compose onto an ASCII letter (e.g. Windows-1258 leftovers).
            piece = piece[0] + "".join(c for c in piece[1:] if not ("\u0300" <= c <= "\u036f"))
        for c in piece:
            out.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    return FoldedText(text, "".join(out), tuple(starts), tuple(ends))
