"""Find date expressions in a token stream and read their stated fields.

The text is folded once (NFC, lower case, invisible characters dropped; ``vntext._views``)
and split into tokens: digit runs, letter runs and single other characters. At each token
that can start a date (a digit or a vocabulary word) a set of small recognisers ("atoms")
runs with a bounded look-ahead; the longest atom wins, atoms that can share one mention
(a day, a weekday, a relative day, a clock time, a part of the day, a time zone) are joined
across short connectors (``,``, ``|``, ``-``, ``lúc``, a line break), and the mention is
checked against the cue rules of the spec. Work per token is bounded, so the whole pass
is linear in the input. No regex runs over the text except the tokenizer
(``[0-9]+|[^\\W\\d_]+|\\S``), which cannot backtrack.

An expression is a plain dict of what the text states (``y m d H Mi S wd rel pod tz``,
``kind`` for offsets, windows, ranges...); ``_resolve.resolve`` turns it into instants.
"""

from __future__ import annotations

import bisect
import re
import sys
import threading
from itertools import accumulate
from typing import Any

from vntext._chars import strip_table
from vntext._views import _NOT_SIMPLE_LATIN, FoldedText, fold
from vntext.dates._lexicon import Lexicon, Phrase, WordSig, lexicon, marks_of
from vntext.dates._resolve import _valid

__all__ = ["Mention", "scan", "scan_piece"]

Expr = dict[str, Any]
Mention = tuple[int, int, Expr]  # original start, original end, expression

# A token is a digit run, a letter run or any other single visible character; splitting on
# tokens (kept by the group) leaves the whitespace between them.
_SPLIT = re.compile(r"([0-9]+|[^\W\d_]+|\S)")
# Letters that fold by lower() alone (each lowers to one letter; _NOT_SIMPLE_LATIN passes them).
_LATIN_LETTERS = "a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u012f\u0131-\u024f\u1e00-\u1eff"
# Possessive repeats (Python >= 3.11) save the regex engine its backtracking state; they
# match the same texts, since neither class holds a space and the two classes are disjoint.
_MANY = "++" if sys.version_info >= (3, 11) else "+"
_SPACED_WORDS = re.compile(
    f"(?:[{_LATIN_LETTERS}]{_MANY}|[0-9]{_MANY})(?: (?:[{_LATIN_LETTERS}]{_MANY}|[0-9]{_MANY}))*{_MANY[1:]}"
)
_DIGITS = "0123456789"


class _AsciiForms(dict[str, str]):
    """word -> the word without diacritics, remembered (words recur): ``forms[word]`` is
    answered in C for a known word, and only a new word runs Python (bounded memo)."""

    def __missing__(self, word: str) -> str:
        found = word if word.isascii() else word.translate(strip_table())
        if len(self) < 50_000:
            self[word] = found
        return found


_ASCII_FORMS = _AsciiForms()


_PLUS_ONE = (1).__add__  # a word's length plus the space after it (offsets of spaced words)
# Tuples of marks are passed as tuples (p_in, glued_sep): unpacking one into *args costs
# more than the test itself.
_SEPS = ("/", ".", "-")
_SEPS_COLON = (*_SEPS, ":")
_DASHES = ("-", "\u2013", "\u2014", "\u2212")
_PLUS_DASHES = ("+", *_DASHES)
_CONNECT_PUNCT = (",", "|", "-", "\u2013", "\u2014", "\u00b7")
_MERGE_ROLES = frozenset({"day", "wd", "rel", "time", "pod", "tz"})
# Role sets compared against (constants: a set display in a comparison is built on every test).
_TIME_TZ = frozenset({"time", "tz"})
_DAY_TZ = frozenset({"day", "tz"})
_DAY_ROLES = frozenset({"day", "rel", "wd"})
_WD_ONLY = frozenset({"wd"})
_TIME_ONLY = frozenset({"time"})
_NO_ROLES: frozenset[str] = frozenset()
_UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600}
# Half of a unit, in the next finer unit (nửa năm, 2 năm rưỡi, nửa ngày...).
_HALF: dict[str, tuple[dict[str, int], str]] = {
    "year": ({"months": 6}, "month"),
    "month": ({"days": 15}, "day"),
    "week": ({"days": 3, "seconds": 43_200}, "hour"),
    "day": ({"seconds": 43_200}, "hour"),
    "hour": ({"seconds": 1_800}, "minute"),
    "minute": ({"seconds": 30}, "second"),
}
_MONTH_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _amount(n: int, grain: str) -> dict[str, int]:
    if grain == "year":
        return {"months": 12 * n}
    if grain == "month":
        return {"months": n}
    if grain == "week":
        return {"days": 7 * n}
    if grain == "day":
        return {"days": n}
    return {"seconds": _UNIT_SECONDS[grain] * n}


class _Scanner:
    """One pass over one text. Methods named ``*_at`` try one atom at a token index and
    return ``(end_token, expr)`` or ``None``; they never look more than a few tokens ahead.

    Tokens are kept as parallel lists: ``W`` (as written: lower case, diacritics kept),
    ``A`` (the same without diacritics, what the vocabulary is keyed on) and ``G`` (the
    whitespace before each token; one more entry for the text's tail)."""

    __slots__ = (
        "A",
        "G",
        "W",
        "_edges",
        "_lines",
        "_parts",  # gaps and tokens, as split (None when the tokens are single-spaced words)
        "_starts",
        "last_end",
        "low",
        "n",
        "plain_text",
        "text",
        "view",
    )

    def __init__(self, text: str) -> None:
        # Tokens are read from fold(text) (lower case, diacritics kept).
        self.text = text
        self.view: FoldedText | None = None
        if _SPACED_WORDS.fullmatch(text) is not None:
            # Words of Latin letters or ASCII digits between single spaces (most short
            # expressions), checked in one C-level match: folding is text.lower() (every
            # offset stays put) and each word is one token, as the tokenizer below would split.
            self.low = low = text.lower()
            self._parts = None
            self.W: list[str] = low.split(" ")
            self.G: list[str] = [" "] * (len(self.W) + 1)  # one space before each word but the first
            self.G[0] = self.G[-1] = ""
        else:
            # fold(text), whose common case is inlined: without marks, invisibles and exotic
            # characters the folded text is text.lower() (view None).
            if _NOT_SIMPLE_LATIN.search(text) is None:
                self.low = low = text.lower()
            else:
                self.view = view = fold(text)
                self.low = low = view.text
            # Splitting on the tokens leaves only whitespace between them: gap, token, gap, ...
            # (Stripping diacritics maps each letter to a letter, so it never moves a boundary.)
            self._parts = parts = _SPLIT.split(low)
            self.W = parts[1::2]
            self.G = parts[0::2]
        self.n = len(self.W)
        # An ASCII text has no diacritics to strip (and every token is typed without them).
        self.plain_text = low.isascii()
        self.A: list[str] = self.W if self.plain_text else list(map(_ASCII_FORMS.__getitem__, self.W))
        self._starts: list[int] | None = None
        # Lines written wholly without diacritics let a bare word stand for its marked form.
        self._lines: tuple[list[int], list[bool]] | None = None  # line starts, plain or not
        self.last_end = -1  # token index where the last emitted mention ended
        self._edges: tuple[int, int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the folded span [start, end)."""
        return (start, end) if self.view is None else self.view.span(start, end)

    # ----------------------------------------------------------------- token tests
    def L(self, i: int) -> str:
        """Token i as written (lower case, diacritics kept)."""
        return self.W[i]

    def starts(self) -> list[int]:
        """Offset (in the folded text) of each token, computed on first use."""
        if self._starts is None:
            if self._parts is None:  # tokens between single spaces
                self._starts = list(accumulate(map(_PLUS_ONE, map(len, self.W[:-1])), initial=0))
            else:
                self._starts = list(accumulate(map(len, self._parts)))[::2]
        return self._starts

    def start(self, i: int) -> int:
        """Offset (in the folded text) of token i."""
        return self.starts()[i]

    def end(self, i: int) -> int:
        """Offset (in the folded text) just after token i."""
        return self.start(i) + len(self.W[i])

    def _plain(self, i: int) -> bool:
        if self.plain_text:
            return True
        if self._lines is None:
            self._lines = ([], [])
            pos = 0
            for line in self.low.split("\n"):
                self._lines[0].append(pos)
                self._lines[1].append(line == line.translate(strip_table()))
                pos += len(line) + 1
        starts, plain = self._lines
        return plain[bisect.bisect_right(starts, self.start(i)) - 1]

    def digit(self, i: int) -> bool:
        return i < self.n and self.A[i][0] in "0123456789"

    def is_word(self, i: int) -> bool:
        return i < self.n and self.A[i][0].isalpha()

    def adj(self, i: int) -> bool:
        """Token i touches token i-1 (no space between)."""
        return 0 < i < self.n and not self.G[i]

    def gap_nl(self, i: int) -> int:
        """Line breaks between token i-1 and token i."""
        if i <= 0 or i >= self.n:
            return 0
        return self.G[i].count("\n")

    def p(self, i: int, *chars: str) -> bool:
        return i < self.n and self.A[i] in chars

    def p_in(self, i: int, chars: tuple[str, ...]) -> bool:
        """``p(i, *chars)`` for a tuple of marks."""
        return i < self.n and self.A[i] in chars

    def glued_sep(self, j: int, chars: tuple[str, ...]) -> bool:
        """Token j is one of ``chars`` glued between token j-1 and a digit run (the / of 5/6):
        ``p(j, *chars) and adj(j) and digit(j + 1) and adj(j + 1)`` in one test."""
        return (
            j > 0
            and j + 1 < self.n
            and self.A[j] in chars
            and not self.G[j]
            and not self.G[j + 1]
            and self.A[j + 1][0] in _DIGITS
        )

    def match_word(self, i: int, wsig: WordSig) -> bool:
        """Token i has the letters of ``wsig`` and carries its marks (or none)."""
        if i >= self.n or self.A[i] != wsig[0]:
            return False
        lowtok = self.W[i]
        if lowtok == wsig[0]:
            # Typed without diacritics. A few bare forms are everyday words of their own
            # (sang, sau, nam, thu...): read them as the marked word only on a line typed
            # wholly without diacritics.
            return wsig[1] == "" or wsig[0] not in _AMBIGUOUS[0] or self._plain(i)
        return lowtok == wsig[2] or marks_of(lowtok) == wsig[1]

    def look(self, cat: str, i: int) -> tuple[Any, int] | None:
        """The first (longest) phrase of category ``cat`` written at token i: (value, end
        token). Later words must follow on the same line, each separated by a space."""
        if i >= self.n:
            return None
        A = self.A
        phrases = _TABLES[cat].get(A[i])
        if not phrases:
            return None
        lowtok = self.W[i]
        for first, rest, value in phrases:
            if rest and (i + 1 >= self.n or A[i + 1] != rest[0][0]):
                continue  # the second word's letters differ (the cheapest test first)
            # self.match_word(i, first), inlined: this is the innermost test of every look-up.
            if lowtok == first[0]:
                if first[1] and first[0] in _AMBIGUOUS[0] and not self._plain(i):
                    continue
            elif lowtok != first[2] and marks_of(lowtok) != first[1]:
                continue
            if not rest:
                return value, i + 1
            k = i + 1
            for w in rest:
                if k >= self.n or not self.G[k] or "\n" in self.G[k] or not self.match_word(k, w):
                    break
                k += 1
            else:
                return value, k
        return None

    def has(self, cat: str, i: int) -> int:
        """End of the longest phrase of ``cat`` at i, or -1: ``look(cat, i)[1]``, with the
        look-up repeated here because this is the most frequent call of a scan."""
        if i >= self.n:
            return -1
        A = self.A
        phrases = _TABLES[cat].get(A[i])
        if not phrases:
            return -1
        lowtok = self.W[i]
        for first, rest, _value in phrases:
            if rest and (i + 1 >= self.n or A[i + 1] != rest[0][0]):
                continue
            if lowtok == first[0]:
                if first[1] and first[0] in _AMBIGUOUS[0] and not self._plain(i):
                    continue
            elif lowtok != first[2] and marks_of(lowtok) != first[1]:
                continue
            if not rest:
                return i + 1
            k = i + 1
            for w in rest:
                if k >= self.n or not self.G[k] or "\n" in self.G[k] or not self.match_word(k, w):
                    break
                k += 1
            else:
                return k
        return -1

    def num(self, i: int, maxlen: int = 4, inner: bool = False) -> int | None:
        """Value of a digit token that starts a fresh number (not inside 1.200, S24, 2,4);
        ``inner`` accepts a number glued to the one before (the 6 of 5/6)."""
        if i >= self.n:
            return None
        A = self.A
        tok = A[i]
        if tok[0] not in _DIGITS or len(tok) > maxlen:
            return None
        if not inner and i > 0 and not self.G[i]:  # glued to the token before
            prev = A[i - 1]
            if prev[0].isalnum():
                return None
            if (
                prev in (".", ",", ":", "/", "-", "+", "_")
                and i > 1
                and not self.G[i - 1]
                and A[i - 2][0] in _DIGITS
            ):
                return None
        return int(tok)

    def ends_number(self, j: int) -> bool:
        """Nothing number-like continues right after token j-1 (no 2.4.1, 15/2023/TT)."""
        if j <= 0 or j >= self.n or self.G[j]:  # not glued to token j-1
            return True
        a = self.A[j]
        if a[0].isalnum() or a in ("%", "_"):
            return False
        if a in ("/", ".", "-", ":", ",", "+", ";") and j + 1 < self.n and not self.G[j + 1]:
            return not self.A[j + 1][0].isalnum()
        return True

    def year4(self, i: int, inner: bool = False) -> int | None:
        v = self.num(i, 4, inner)
        if v is None or len(self.A[i]) != 4 or not 1000 <= v <= 2999 or not self.ends_number(i + 1):
            return None
        return v

    # ----------------------------------------------------------------- numbers
    def number_words(self, i: int) -> list[tuple[int, int]]:
        """Spelled cardinals at i: [(value, end)], longest first (``hai mươi mốt`` -> 21)."""
        out: list[tuple[int, int]] = []
        if self.has("ten", i) > 0:
            out.append((10, i + 1))
            unit = self.look("units_after_ten", i + 1)
            if unit:
                out.append((10 + unit[0], unit[1]))
        else:
            found = self.look("numbers", i)
            if found and found[0] < 10 and self.A[i] != "tu":
                digit, k = found
                out.append((digit, k))
                if digit >= 2 and self.has("tens_marker", k) > 0:
                    out.append((digit * 10, k + 1))
                    unit = self.look("units_after_tens", k + 1)
                    if unit:
                        out.append((digit * 10 + unit[0], unit[1]))
        if len(out) > 1:
            out.sort(key=lambda x: -x[1])
        return out

    def amounts(self, i: int) -> list[tuple[float, int, bool]]:
        """Amounts before a unit: digits, number words, ``nửa``: [(value, end, spelled)]."""
        v = self.num(i)
        if v is not None:
            if self.glued_sep(i + 1, (",", ".")):
                return []  # 4,2 năm; 1.200 ngày
            return [(float(v), i + 1, False)]
        if i + 1 >= self.n or self.A[i + 1][0] in _DIGITS:
            return []  # a spelled amount ends at i then, with no unit after it (năm 2024)
        if self.has("half", i) > 0:
            return [(0.5, i + 1, True)]
        return [(float(val), j, True) for val, j in self.number_words(i)]

    def unit(self, i: int) -> str | None:
        if i >= self.n:
            return None  # (as look() finds nothing there)
        # "h" glued after a digit run (5h): p(i, "h") and adj(i) and digit(i - 1), inlined.
        if self.A[i] == "h" and i > 0 and not self.G[i] and self.A[i - 1][0] in _DIGITS:
            return "hour"
        found = self.look("units", i)
        return found[0] if found else None

    # ----------------------------------------------------------------- atoms
    def now_at(self, i: int) -> tuple[int, Expr] | None:
        j = self.has("now", i)
        return (j, {"kind": "now"}) if j > 0 else None

    def _offset_amount(self, i: int) -> list[tuple[dict[str, int], str, int, bool, float]]:
        """[(amount, grain, end, spelled, value)] for ``N unit`` incl. ``N giờ M phút``,
        ``N tiếng rưỡi``, ``nửa tiếng``."""
        out = []
        for value, j, spelled in self.amounts(i):
            grain = self.unit(j)
            if grain is None:
                continue
            k = j + 1
            if value == 0.5:
                if grain in _HALF:  # nửa tiếng = 30 minutes, nửa năm = 6 months
                    out.append((dict(_HALF[grain][0]), _HALF[grain][1], k, spelled, value))
                continue
            n = int(value)
            # 2 tiếng rưỡi, 2 năm rưỡi (has() called only when token k can start the phrase)
            if (
                grain in _HALF
                and k < self.n
                and self.A[k] in _TABLES["and_a_half"]
                and self.has("and_a_half", k) > 0
            ):
                half, finer = _HALF[grain]
                amount = _amount(n, grain)
                for key, v in half.items():
                    amount[key] = amount.get(key, 0) + v
                out.append((amount, finer, k + 1, spelled, value))
                continue
            if grain == "hour":
                mins = self.num(k, 2)
                if mins is not None and self.unit(k + 1) == "minute":
                    out.append(({"seconds": n * 3600 + mins * 60}, "minute", k + 2, spelled, value))
                    continue
            out.append((_amount(n, grain), grain, k, spelled, value))
        return out

    def _prefixed_offset_at(self, i: int) -> tuple[bool, tuple[int, Expr] | None]:
        """cách đây N unit, sau N unit, mấy/những + unit: (whether i starts one, its atom)."""
        heads = _CATEGORIES_OF.get(self.A[i], _NO_CATEGORIES)  # (skips look-ups bound to miss)
        # cách đây N unit
        j = self.has("offset_ago_prefix", i) if "offset_ago_prefix" in heads else -1
        if j > 0:
            while self.has("approximate", j) > 0:
                j += 1
            for amount, grain, k, _sp, _v in self._offset_amount(j):
                return True, (k, {"kind": "offset", "amount": amount, "sign": -1, "grain": grain})
            return True, None
        # sau N unit [nữa]: an offset only when nothing (an activity) follows it
        j = self.has("offset_after_prefix", i) if "offset_after_prefix" in heads else -1
        if j > 0:
            if self.has("approximate", j) > 0 or self.has("vague_amounts", j) > 0:
                return True, (j + 1, {"kind": "block"})
            for amount, grain, k, _sp, _v in self._offset_amount(j):
                after = self.has("offset_future", k)
                if after > 0:
                    return True, (after, {"kind": "offset", "amount": amount, "sign": 1, "grain": grain})
                if k >= self.n or not self.is_word(k) or self.gap_nl(k):
                    return True, (k, {"kind": "offset", "amount": amount, "sign": 1, "grain": grain})
                return True, (k, {"kind": "block"})  # sau 3 tháng sử dụng: a duration
            return True, None
        if "vague_amounts" in heads and self.has("vague_amounts", i) > 0 and self.unit(i + 1):
            # Vague or plural amounts are not dates: mấy hôm trước (§19), mấy ngày nay, những năm qua.
            k = i + 2
            if self.year4(k) is not None:
                return True, None  # những năm 1990: leave "năm 1990" to the year recogniser
            for cat in ("offset_past", "offset_future", "window_past", "window_future", "year_markers"):
                end = self.has(cat, k)
                if end > 0:
                    return True, (end, {"kind": "block"})
            return True, (k, {"kind": "block"})
        return False, None

    def offset_at(self, i: int) -> tuple[int, Expr] | None:
        followers = _OFFSET_FOLLOWERS[0]
        if self.A[i][0] not in _DIGITS:  # a prefix is a word
            prefixed, got = self._prefixed_offset_at(i)
            if prefixed:
                return got
        # The marker sits right after the amount and its one-token unit (5 giờ trước), after
        # rưỡi (2 tiếng rưỡi nữa) or after "M phút": if none of those tokens can start one,
        # nothing below can succeed. A digit amount is one token.
        last = i + 5 if self.A[i][0] in _DIGITS else i + 4 + _AMOUNT_TOKENS[0]
        if followers.isdisjoint(self.A[i + 2 : last]):
            return None
        # N unit <marker>
        for amount, grain, k, spelled, value in self._offset_amount(i):
            if k >= self.n or self.A[k] not in followers:
                continue  # no marker after the amount (what the look-ups below would find)
            heads = _CATEGORIES_OF.get(self.A[k], _NO_CATEGORIES)  # (skips look-ups bound to miss)
            end = self.has("duration_followers", k) if "duration_followers" in heads else -1
            if end > 0:
                return end, {"kind": "block"}  # 2 năm rồi, 3 tháng nay: "for N units now"
            end = self.has("offset_past", k) if "offset_past" in heads else -1
            if end > 0:
                if self.has("narrative_followers", end) > 0 and self.L(k) != "trước đây":
                    return self.has("narrative_followers", end), {"kind": "block"}
                if self.counted_from_event(end):
                    return end, {"kind": "block"}  # 3 ngày trước khi khai mạc, 10 ngày trước Tết
                return end, {"kind": "offset", "amount": amount, "sign": -1, "grain": grain}
            end = self.has("offset_future", k)
            if end > 0:
                return end, {"kind": "offset", "amount": amount, "sign": 1, "grain": grain}
            end = self.has("offset_later_digits_only", k)
            if end > 0 and self.counted_from_event(end):
                return end, {"kind": "block"}
            if end > 0:
                vague = i > 0 and self.has("approximate", i - 1) == i  # khoảng 30 phút sau: narrative
                if spelled or vague or self.has("narrative_followers", end) > 0:
                    follow = self.has("narrative_followers", end)
                    return max(end, follow), {"kind": "block"}
                return end, {"kind": "offset", "amount": amount, "sign": 1, "grain": grain}
            end = self.has("window_past", k)
            if end > 0 and value >= 1:
                return end, {"kind": "window", "amount": amount, "sign": -1, "grain": grain}
            end = self.has("window_future", k)
            if (
                end > 0
                and self.L(k) == "toi"
                and grain == "hour"
                and not spelled
                and (5 <= value <= 11 or self.look("day_anchors", end))
                and not (i > 0 and self.has("duration_cues", i - 1) > 0)
            ):
                end = -1  # typed without marks, "9 gio toi" is 9 p.m. (tối), not "in 9 hours"
            if end > 0 and value >= 1 and self.L(k) != "tối":
                return end, {"kind": "window", "amount": amount, "sign": 1, "grain": grain}
        return None

    def counted_from_event(self, k: int) -> bool:
        """After "N ngày trước/sau": khi, an event or a date follows (counted from it, not from base)."""
        if k >= self.n or self.gap_nl(k):
            return False
        return (
            self.has("event_followers", k) > 0
            or self.has("lunar", k) > 0
            or self.look_holiday(k) is not None
            or self.has("day_heads", k) > 0
            or (self.digit(k) and self.p_in(k + 1, _SEPS) and self.adj(k + 1))
        )

    def calrel_at(self, i: int) -> tuple[int, Expr] | None:
        found = self.look("calendar_units", i)
        if not found:
            return None
        grain, j = found
        table = "year_markers" if grain == "year" else "calendar_markers"
        # (skips look-ups bound to miss: most units end the text or start no marker)
        heads = _CATEGORIES_OF.get(self.A[j], _NO_CATEGORIES) if j < self.n else _NO_CATEGORIES
        mark = self.look(table, j) if table in heads else None
        if mark:
            rel, k = mark
            if self.has("narrative_followers", k) > 0:
                return self.has("narrative_followers", k), {"kind": "block"}
            expr: Expr = {"kind": "point", "cal": (grain, rel)}
            if grain in ("month", "quarter"):
                yp = self.year_part(k)  # tháng này năm ngoái: this month, last year
                if yp:
                    expr.update(yp[0])
                    k = yp[1]
            return k, expr
        k = self.has("rolling_markers", j) if "rolling_markers" in heads else -1
        if k > 0:  # tuần qua, năm qua: unspecified; read as the rolling window of one unit
            return k, {
                "kind": "window",
                "amount": _amount(1, grain) if grain != "quarter" else {"months": 3},
                "sign": -1,
                "grain": grain,
            }
        return None

    def year_part(self, j: int) -> tuple[Expr, int] | None:
        """A year after a month or a day: /2024, năm 2024, , 2024, 2024, năm nay."""
        if j >= self.n:
            return None  # (the usual case: the month or day ends the text)
        if self.p_in(j, _SEPS) and self.adj(j) and self.adj(j + 1):
            y = self.year4(j + 1, True)
            if y is not None:
                return {"y": y}, j + 2
            return None
        k = self.has("year_head", j)
        if k < 0 and self.p(j, "nam") and self.L(j) == "nam" and self.year4(j + 1) is not None:
            k = j + 1  # after a month, a bare "nam 1945" is the year even on a line with diacritics
        if k > 0:
            y = self.year4(k)
            if y is not None:
                return {"y": y}, k + 1
            mark = self.look("year_markers", k)
            if mark and not (self.has("narrative_followers", mark[1]) > 0):
                return {"year_rel": mark[0]}, mark[1]
            return None
        if self.p(j, ","):
            y = self.year4(j + 1)
            if y is not None:
                return {"y": y}, j + 2
            return None
        y = self.year4(j)
        if y is not None and not self.gap_nl(j):
            return {"y": y}, j + 1
        return None

    def markers(self, expr: Expr, j: int) -> int:
        """Trailing tới / sắp tới / này (future) or vừa qua (past) on a year-less expression."""
        if expr.get("y") is not None or expr.get("year_rel") is not None:
            return j
        if j >= self.n or self.A[j] not in _TIME_MARKERS[0]:
            return j
        k = self.has("future_markers", j)
        if k > 0 and self.L(j) != "tối":
            if self.has("narrative_followers", k) > 0:
                return j
            expr["fut"] = True
            return k
        k = self.has("past_markers", j)
        if k > 0:
            expr["past"] = True
            return k
        return j

    def month_spec(self, j: int) -> tuple[int, int] | None:
        v = self.num(j, 2)
        if v is not None:
            return (v, j + 1) if 1 <= v <= 12 else None
        found = self.look("month_words", j)
        if not found:
            return None
        m, k = found
        if j >= 2 and self.has("day_heads", j - 2) == j - 1:
            return None  # "ngày tháng năm (sinh)": the phrase "date", not May
        if m == 6 and self.L(j) == "sau" and not (j >= 2 and self.digit(j - 2)):
            return None  # typed without marks, "thang sau" is next month, not June
        if m == 5 and (self.year4(k) is not None or self.look("year_markers", k)):
            return None  # tháng năm 2020: năm heads the year here
        if self.has("count_nouns", k) > 0:
            return None  # sáu tháng một lần: a frequency
        return m, k

    def month_at(self, i: int) -> tuple[int, Expr] | None:
        j = self.has("month_head", i) if self.A[i][0] not in _DIGITS else -1
        if j > 0:
            spec = self.month_spec(j)
            if spec is None:
                return None
            m, k = spec
            expr: Expr = {"kind": "point", "m": m}
            yp = self.year_part(k)
            if yp:
                expr.update(yp[0])
                k = yp[1]
            elif self.glued_sep(k, _SEPS):
                return None  # tháng 3/15...: not a month-year
            k = self.markers(expr, k)
            return k, expr
        # bare MM/YYYY
        if i + 2 >= self.n or len(self.A[i + 2]) != 4:
            return None  # no four-digit year two tokens on (year4 below asks that first)
        month = self.num(i, 2)
        if (
            month is None
            or not 1 <= month <= 12
            or not self.p(i + 1, "/", "-")
            or not self.adj(i + 1)
            or not self.adj(i + 2)
        ):
            return None
        year = self.year4(i + 2, True)
        if year is None:
            return None
        return i + 3, {"kind": "point", "m": month, "y": year}

    def year_at(self, i: int) -> tuple[int, Expr] | None:
        j = self.has("year_head", i)
        if j > 0:
            y = self.year4(j)
            if y is not None:
                return j + 1, {"kind": "point", "y": y}
            # năm học 2024-2025 style spans: năm 2024-2025 is the two years
            first = self.num(j)
            if (
                first is not None
                and len(self.A[j]) == 4
                and self.p_in(j + 1, _DASHES)
                and self.adj(j + 1)
                and self.adj(j + 2)
            ):
                last = self.year4(j + 2, True)
                if last is not None and 1000 <= first <= last:
                    a, b = {"kind": "point", "y": first}, {"kind": "point", "y": last}
                    return j + 3, {"kind": "range", "a": a, "b": b}
        return None

    def bare_year_at(self, i: int) -> tuple[int, Expr] | None:
        """SEA Games 2019: a year after a capitalised name (§18)."""
        y = self.year4(i)
        if y is None or not 1900 <= y <= 2099 or self.adj(i) or i == 0 or not self.is_word(i - 1):
            return None
        first = self.text[self.span(self.start(i - 1), self.start(i - 1) + 1)[0]]
        if not first.isupper() or self.gap_nl(i):
            return None
        if self.unit(i + 1) or self.has("count_nouns", i + 1) > 0:
            return None  # Honda bán 2000 chiếc: a count
        return i + 1, {"kind": "point", "y": y}

    def quarter_at(self, i: int) -> tuple[int, Expr] | None:
        j = self.has("quarter_head", i)
        expr: Expr = {"kind": "point"}
        if j > 0:
            q = self.num(j, 1)
            k = j + 1
            if q is None:
                found = self.look("quarter_numbers", j)
                if found:
                    q, k = found
                else:
                    first = self.has("quarter_first", j)
                    last = self.has("quarter_last", j)
                    if first < 0 and last < 0:
                        return None
                    q, k = (1, first) if first > 0 else (4, last)
                    if self.has("of", k) > 0:
                        k += 1
                    yp = self.year_part(k)
                    if not yp:
                        return None
                    expr.update(yp[0])
                    expr["q"] = q
                    return yp[1], expr
            if not 1 <= q <= 4:
                yp = self.year_part(k)
                return (yp[1] if yp else k), {"kind": "block"}  # quý 5/2024: no such quarter
            expr["q"] = q
            yp = self.year_part(k)
            if yp:
                expr.update(yp[0])
                k = yp[1]
            elif not self.ends_number(k):
                return None
            k = self.markers(expr, k)
            return k, expr
        if self.A[i] == "q" and self.adj(i + 1):
            q = self.num(i + 1, 1, True) if self.digit(i + 1) else None
            if q is None or not 1 <= q <= 4:
                return None
            yp = self.year_part(i + 2)
            if not yp or "y" not in yp[0]:
                return None
            expr.update(yp[0])
            expr["q"] = q
            return yp[1], expr
        return None

    def fuzzy_at(self, i: int) -> tuple[int, Expr] | None:
        if self.A[i][0] in _DIGITS:
            return self._months_of_year_at(i)
        heads = _CATEGORIES_OF.get(self.A[i], _NO_CATEGORIES)  # (skips look-ups bound to miss)
        part = self.look("fuzzy_parts", i) if "fuzzy_parts" in heads else None
        if part:
            name, j = part
            k = self.has("month_head", j)
            if k > 0:
                expr: Expr = {"kind": "fuzzy", "fz": "month", "part": name}
                spec = self.month_spec(k)
                if spec:
                    expr["m"], k2 = spec
                    yp = self.year_part(k2)
                    if yp:
                        expr.update(yp[0])
                        k2 = yp[1]
                    return self.markers(expr, k2), expr
                mark = self.look("calendar_markers", k)
                if mark:
                    expr["cal"] = ("month", mark[0])
                    return mark[1], expr
                if self.unit(k) or self.digit(k):
                    return None
                return k, expr
            k = self.has("year_head", j)
            if k > 0:
                expr = {"kind": "fuzzy", "fz": "year", "part": name}
                yp = self.year_part(j)
                if yp:
                    expr.update(yp[0])
                    return yp[1], expr
                if self.unit(k) or self.digit(k):
                    return None
                return k, expr
            return None
        half = self.look("half_year", i) if "half_year" in heads else None
        if half:
            name, j = half
            k = self.has("year_head", j)
            if k < 0:
                return None
            expr = {"kind": "fuzzy", "fz": "half", "part": name}
            yp = self.year_part(j)
            if yp:
                expr.update(yp[0])
                return yp[1], expr
            return k, expr
        return self._months_of_year_at(i)

    def _months_of_year_at(self, i: int) -> tuple[int, Expr] | None:
        """N tháng đầu/cuối năm (§12): the first or last N months of a year."""
        if _MONTH_WORDS.isdisjoint(self.A[i + 1 : i + 1 + _AMOUNT_TOKENS[0]]):
            return None  # no month head can follow an amount starting here (năm 2024, hai ngày)
        for value, j, _spelled in self.amounts(i):
            if value != int(value) or not 1 <= value <= 11 or self.has("month_head", j) < 0:
                continue
            fl = self.look("first_last", j + 1)
            if not fl or self.has("year_head", fl[1]) < 0:
                continue
            expr: Expr = {"kind": "fuzzy", "fz": "nmonths", "part": fl[0], "n": int(value)}
            yp = self.year_part(fl[1])
            if yp:
                expr.update(yp[0])
                return yp[1], expr
            return fl[1] + 1, expr
        return None

    def iso_at(self, i: int) -> tuple[int, Expr] | None:
        y = self.num(i)
        if y is None or len(self.A[i]) != 4 or not self.p(i + 1, "-") or not self.adj(i + 1):
            return None
        if not (
            self.digit(i + 2)
            and self.adj(i + 2)
            and len(self.A[i + 2]) <= 2
            and self.p(i + 3, "-")
            and self.adj(i + 3)
            and self.digit(i + 4)
            and self.adj(i + 4)
            and len(self.A[i + 4]) <= 2
        ):
            return None
        m, d = int(self.A[i + 2]), int(self.A[i + 4])
        expr: Expr = {"kind": "point", "y": y, "m": m, "d": d, "roles": {"day"}}
        k = i + 5
        if (self.p(k, "t") and self.adj(k) and self.adj(k + 1)) or (
            k < self.n and not self.adj(k) and not self.gap_nl(k)
        ):
            start = k + 1 if self.p(k, "t") else k
            t = self.clock(start, inner=start != k)
            if t is not None:
                k, texpr = t
                expr.update(texpr)
                expr["roles"] = {"day", "time"}
                if self.p(k, "z") and self.adj(k):
                    expr["tz"] = 0
                    expr["roles"].add("tz")
                    k += 1
                elif self.glued_sep(k, ("+", "-")):
                    hh = int(self.A[k + 1][:2])
                    mm = int(self.A[k + 1][2:4] or 0) if len(self.A[k + 1]) == 4 else 0
                    end = k + 2
                    if (
                        len(self.A[k + 1]) <= 2
                        and self.p(k + 2, ":")
                        and self.digit(k + 3)
                        and self.adj(k + 3)
                    ):
                        mm, end = int(self.A[k + 3]), k + 4
                    expr["tz"] = (1 if self.A[k] == "+" else -1) * (hh * 60 + mm)
                    expr["roles"].add("tz")
                    k = end
            elif start != k:
                return None
        return k, expr

    def day_core(self, i: int, prefixed: bool, inner: bool = False) -> tuple[int, Expr] | None:
        """D with an optional month and year: 5/6, 5/6/2024, 5 tháng 6 năm 2024, 12 Th11 2021."""
        d = self.num(i, 2, inner)
        if d is None or not 1 <= d <= 31:
            return None
        expr: Expr = {"kind": "point", "d": d, "roles": {"day"}}
        j = i + 1
        if self.glued_sep(j, _SEPS):
            sep = self.A[j]
            m = self.num(j + 1, 2, True)
            if m is None:
                return None
            k = j + 2
            if self.glued_sep(k, (sep,)):
                ytxt = self.A[k + 1]
                if len(ytxt) not in (2, 4) or not self.ends_number(k + 2):
                    return None
                y = int(ytxt) + (2000 if len(ytxt) == 2 else 0)
                expr["m"] = m  # (item by item: a keyword update() costs more)
                expr["y"] = y
                return k + 2, expr
            if self.glued_sep(k, _SEPS_COLON):
                return None
            if not self.ends_number(k) or not 1 <= m <= 12:
                return None
            expr["m"] = m
            if not prefixed:
                expr["needs_cue"] = True
            yp = self.year_part(k) if self.p(k, "nam") else None
            if yp and "year_rel" in yp[0]:
                expr.update(yp[0])
                return yp[1], expr
            if not prefixed and (self.unit(k) or self.has("count_nouns", k) > 0):
                return None  # từ 5-7 người, 2-3 ngày: a quantity range
            return k, expr
        k = self.has("month_head", j)
        if k > 0:
            spec = self.month_spec(k)
            if spec is None:
                mark = self.look("calendar_markers", k)
                if mark is None or not prefixed:
                    return None
                expr["cal"] = ("month", mark[0])  # ngày 5 tháng sau: day 5 of next month
                return mark[1], expr
            expr["m"], k = spec
            yp = self.year_part(k)
            if yp:
                expr.update(yp[0])
                k = yp[1]
            return k, expr
        if self.p(j, "th") and self.digit(j + 1) and self.adj(j + 1):
            m = int(self.A[j + 1])
            if not 1 <= m <= 12 or len(self.A[j + 1]) > 2:
                return None
            expr["m"] = m
            k = j + 2
            year = self.year4(k)
            if year is not None:
                expr["y"] = year
                k += 1
            return k, expr
        if not prefixed or not self.ends_number(j):
            return None
        if self.is_word(j) and (self.unit(j) or self.has("count_nouns", j) > 0):
            return None  # ngày 2 lần, ngày 3 tiếng
        return j, expr

    def date_at(self, i: int) -> tuple[int, Expr] | None:
        j = -1
        if self.A[i][0] not in _DIGITS:  # ngày 5/6, hôm 12.4
            j = self.has("day_heads", i)
            if j < 0:
                j = self.has("hom", i)
        prefixed = j > 0
        start = j if prefixed else i
        if start >= self.n or self.A[start][0] not in _DIGITS:
            return None  # hôm qua, ngày mai: no day number (what day_core tests first)
        got = self.day_core(start, prefixed)
        if got is None:
            return None
        k, expr = got
        if prefixed:
            expr["cue"] = True
        if "y" in expr and not _valid(expr["y"], expr["m"], expr["d"]):
            return None
        if "y" not in expr and "m" in expr and expr["d"] > _MONTH_DAYS[expr["m"]]:
            return None  # 30/2 never exists; 29/2 does in leap years
        if k < self.n:  # (the usual date ends the text: no marker and no lunar word follow)
            k = self.markers(expr, k)
            if k < self.n:
                lunar = self.has("lunar", k)
                if lunar > 0:
                    return lunar, {"kind": "block"}
        return k, expr

    def weekday_at(self, i: int) -> tuple[int, Expr] | None:
        j = self.has("hom", i)
        start = j if j > 0 else i
        wd = None
        k = -1
        head = self.has("weekday_head", start)
        if head > 0:
            v = self.num(head, 1)
            if v is not None and 2 <= v <= 7 and self.ends_number(head + 1):
                wd, k = v - 2, head + 1
            else:
                found = self.look("weekday_numbers", head)
                if found:
                    wd, k = found
        elif start < self.n:
            found = self.look("weekday_names", start)
            if found:
                wd, k = found
            elif self.A[start] == "t" and self.adj(start + 1) and self.digit(start + 1):
                v = int(self.A[start + 1])
                if 2 <= v <= 7 and len(self.A[start + 1]) == 1 and self.ends_number(start + 2):
                    wd, k = v - 2, start + 2
        if wd is None:
            return None
        expr: Expr = {"kind": "point", "wd": wd, "roles": {"wd"}}
        if j > 0:
            expr["wdmode"] = "onbefore"
            expr["ctx"] = True
        week = self.has("week_word", k)
        if week > 0:
            mark = self.look("calendar_markers", week)
            if mark:
                expr.update(wdmode="week", week_rel=mark[0], ctx=True)
                return mark[1], expr
        mode = self.look("weekday_modes", k)
        if mode and self.L(k) != "tối":
            if mode[0] == "week":
                expr.update(wdmode="week", week_rel=0, ctx=True)
            else:
                expr.update(wdmode=mode[0], ctx=True)
            return mode[1], expr
        return k, expr

    def relday_at(self, i: int) -> tuple[int, Expr] | None:
        found = self.look("relative_days", i)
        if not found:
            return None
        rel, k = found
        if self.has("narrative_followers", k) > 0:
            return None
        expr: Expr = {"kind": "point", "rel": rel, "roles": {"rel"}}
        if rel == 0:
            yp = self.year_part(k)  # hôm nay năm ngoái / ngày này năm 2020: this day in that year
            if yp:
                expr.update(yp[0])
                return yp[1], expr
        return k, expr

    def same_day_at(self, i: int) -> tuple[int, Expr] | None:
        """ngày này năm ngoái: today's day and month in another year ("ngày này" alone is not a date)."""
        k = self.has("same_day", i)
        if k < 0:
            return None
        yp = self.year_part(k)
        if not yp:
            return None
        return yp[1], {"kind": "point", "rel": 0, **yp[0]}

    def pod_at(self, i: int) -> tuple[int, Expr] | None:
        found = self.look("parts_of_day", i)
        if not found:
            return None
        hours, k = found
        expr: Expr = {"kind": "point", "pod": tuple(hours), "roles": {"pod"}}
        anchor = self.look("day_anchors", k)
        if anchor:
            expr["rel"] = anchor[0]
            expr["roles"] = {"pod", "rel"}
            return anchor[1], expr
        return k, expr

    def clock(self, i: int, inner: bool = False) -> tuple[int, Expr] | None:
        """H:MM(:SS), H;MM, HhMM, Hh, H giờ (M (phút) | rưỡi | kém M)."""
        h = self.num(i, 2, inner)
        if h is None or h > 24:
            return None
        j = i + 1
        if self.glued_sep(j, (":", ";")) and len(self.A[j + 1]) == 2:
            mi = int(self.A[j + 1])
            k = j + 2
            expr: Expr = {"H": h, "Mi": mi, "clock_grain": "minute"}
            if self.glued_sep(k, (":",)) and len(self.A[k + 1]) == 2:
                expr["S"] = int(self.A[k + 1])
                expr["clock_grain"] = "second"
                k += 2
            if mi > 59 or expr.get("S", 0) > 59 or h > 23 or not self.clock_ends(k):
                return None
            return k, expr
        glued = 0 < j < self.n and not self.G[j]  # adj(j), inlined (p() and adj() below too)
        g_form = glued and self.A[j] == "g"  # 10g30, 8g sáng (g = giờ)
        hour_word = (glued and self.A[j] == "h") or g_form or (self.has("clock_hour", j) > 0 and not glued)
        if not hour_word or h > 23:
            return None
        k = j + 1
        expr = {"H": h, "clock_grain": "hour", "bare": True}
        if self.A[j] in ("h", "g"):
            if self.digit(k) and self.adj(k):
                if len(self.A[k]) != 2 or int(self.A[k]) > 59 or not self.ends_number(k + 1):
                    return None
                expr["Mi"] = int(self.A[k])
                expr["clock_grain"] = "minute"
                expr["bare"] = False
                k += 1
            elif k < self.n and self.adj(k) and self.A[k][0].isalnum():
                return None
        elif self.digit(k) and not self.adj(k):
            minutes = self.num(k, 2)
            if minutes is not None and minutes <= 59 and self.ends_number(k + 1):
                expr["Mi"] = minutes
                expr["clock_grain"] = "minute"
                expr["bare"] = False
                k += 1
                if self.has("clock_minute", k) > 0:
                    k += 1
        elif self.has("and_a_half", k) > 0:
            expr.update(Mi=30, clock_grain="minute", bare=False)
            k += 1
        if expr.get("Mi") is None and self.has("clock_to", k) > 0:
            before = self.num(k + 1, 2)
            if before is not None and 0 < before < 60 and h >= 1:
                expr.update(H=h - 1, Mi=60 - before, clock_grain="minute", bare=False)
                k += 2
                if self.has("clock_minute", k) > 0:
                    k += 1
        return k, expr

    def clock_ends(self, k: int) -> bool:
        """Nothing glued after a clock time but a zone (Z, +07:00) or AM/PM."""
        if k >= self.n or not self.adj(k):
            return True
        a = self.A[k]
        if a[0].isdigit():
            return False
        if a[0].isalpha():
            return a == "z" or a in _TABLES["ampm"]
        return not (a in (":", ".", "/", ",", ";") and self.adj(k + 1) and self.digit(k + 1))

    def time_at(self, i: int) -> tuple[int, Expr] | None:
        got = self.clock(i)
        if got is None:
            return None
        k, expr = got
        expr["kind"] = "point"
        roles = {"time"}
        more = k < self.n  # (nothing can follow a clock time that ends the text)
        ampm = self.look("ampm", k) if more else None
        if (
            ampm is None
            and (k + 2 < self.n and self.A[k] in ("a", "p") and self.A[k + 1] == "." and self.A[k + 2] == "m")
            and self.adj(k + 1)
        ):
            ampm = (
                "am" if self.A[k] == "a" else "pm",
                k + 4 if self.p(k + 3, ".") and self.adj(k + 3) else k + 3,
            )
        if ampm and (self.adj(k) or not self.gap_nl(k)):
            h = expr["H"]
            if h > 12:
                return None
            if ampm[0] == "pm" and h < 12:
                expr["H"] = h + 12
            elif ampm[0] == "am" and h == 12:
                expr["H"] = 0
            k = ampm[1]
            expr["bare"] = False
        else:
            pod = self.look("parts_of_day", k) if more else None
            if pod:
                expr["H"] = _pod_hour(expr["H"], pod[0])
                expr["pod_done"] = True
                expr["bare"] = False
                roles.add("pod")
                k = pod[1]
                anchor = self.look("day_anchors", k)
                if not anchor and self.has("part_of_day_fillers", k) > 0:
                    anchor = self.look("day_anchors", k + 1)
                if anchor:
                    expr["rel"] = anchor[0]
                    roles.add("rel")
                    k = anchor[1]
        if expr.pop("bare", False):
            # A bare hour after a duration word is a duration: trong 5 giờ, mất 3 giờ.
            if i > 0 and (
                self.has("duration_cues", i - 1) > 0 or (i > 1 and self.has("duration_cues", i - 2) == i)
            ):
                return None
            if self.has("clock_blockers_after", k) > 0:
                return None
            if self.A[i + 1] == "g":
                return None  # 5g alone is five grams; 10g30 and 8g sáng are clock times
            if self.A[i + 1] != "h":
                expr["weak_clock"] = True  # "2 giờ" alone: checked in finish()
        if expr["H"] == 24:
            return None
        expr["roles"] = roles
        return k, expr

    def tz_at(self, i: int) -> tuple[int, int] | None:
        """(GMT+7), GMT +7, (GMT + 7), GMT+07:00, UTC-7: (end, offset minutes)."""
        k = i
        paren = self.p(k, "(")
        if paren:
            k += 1
        if self.has("timezone_names", k) < 0:
            return None
        k += 1
        offset = 0
        if self.p_in(k, _PLUS_DASHES):
            sign = 1 if self.A[k] == "+" else -1
            hh = self.num(k + 1, 4)
            if hh is None:
                if self.digit(k + 1) and len(self.A[k + 1]) <= 4:
                    hh = int(self.A[k + 1])
                else:
                    return None
            txt = self.A[k + 1]
            mm = 0
            if len(txt) == 4:
                hh, mm = int(txt[:2]), int(txt[2:])
            k += 2
            if self.p(k, ":") and self.adj(k) and self.digit(k + 1) and len(self.A[k + 1]) == 2:
                mm = int(self.A[k + 1])
                k += 2
            if hh > 14 or mm > 59:
                return None
            offset = sign * (hh * 60 + mm)
        if paren:
            if not self.p(k, ")"):
                return None
            k += 1
        return k, offset

    def holiday_at(self, i: int) -> tuple[int, Expr] | None:
        j = i
        found = self.look_holiday(j)
        if not found:
            pre = self.has("holiday_prefix", i)
            if pre < 0:
                return None
            j = pre
            found = self.look_holiday(j)
            if not found:
                return None
        (m, d), k = found
        expr: Expr = {"kind": "point", "m": m, "d": d, "roles": {"day"}}
        yp = self.year_part(k)
        if yp:
            expr.update(yp[0])
            return yp[1], expr
        explicit = self.day_core(k, True)
        if explicit and "m" in explicit[1] and not self.gap_nl(k):
            explicit[1].pop("needs_cue", None)
            return explicit[0], explicit[1]
        return k, expr

    def look_holiday(self, i: int) -> tuple[Any, int] | None:
        """A holiday name at i (its words may touch, as in Quốc khánh-2/9): ((m, d), end)."""
        if i >= self.n:
            return None
        for first, rest, value in _HOLIDAYS[0].get(self.A[i], ()):
            if rest and (i + 1 >= self.n or self.A[i + 1] != rest[0][0]):
                continue  # the second word's letters differ (the cheapest test first)
            if not self.match_word(i, first):
                continue
            k = i + 1
            for w in rest:
                if not self.match_word(k, w) or self.gap_nl(k):
                    break
                k += 1
            else:
                return value, k
        return None

    def lunar_at(self, i: int) -> tuple[int, Expr] | None:
        k = self.has("lunar", i)
        if k < 0:
            return None
        if self.has("month_head", k) > 0:
            spec = self.month_spec(k + 1)
            if spec:
                k = spec[1]
        yp = self.year_part(k)
        if yp:
            k = yp[1]
        return k, {"kind": "block"}

    # ----------------------------------------------------------------- composition
    def atom_at(self, i: int) -> tuple[int, Expr] | None:
        """The longest atom starting at token i (ties go to the earlier recogniser)."""
        if i >= self.n:
            return None
        a = self.A[i]
        if a[0] in _DIGITS:
            nxt = self.A[i + 1] if i + 1 < self.n else ""
            found = _DIGIT_MEMO.get((len(a) if len(a) < 5 else 5, nxt))
            fns = found if found is not None else _digit_recognisers(a, nxt)
        else:
            nxt = self.A[i + 1] if i + 1 < self.n else ""
            found = _WORD_MEMO.get((a, nxt))
            fns = found if found is not None else _word_recognisers(a, nxt)
            if len(fns) == 1:
                return fns[0](self, i)  # type: ignore[no-any-return]
        best: tuple[int, Expr] | None = None
        for fn in fns:
            got = fn(self, i)
            if got is not None and (best is None or got[0] > best[0]):
                best = got
        return best

    def connector(self, j: int) -> int:
        """End of an allowed connector between two parts of one mention (or j if none)."""
        n = self.n
        if j >= n or (j > 0 and self.G[j].count("\n") > 1):  # gap_nl(j) > 1, inlined
            return -1
        k = j + 1 if self.A[j] in _CONNECT_PUNCT else j
        # has("at", k), called only when token k can start the phrase (it rarely does).
        if k < n and self.A[k] in _TABLES["at"]:
            at = self.has("at", k)
            if at > 0:
                k = at
        if k > j and 0 < k < n and self.G[k].count("\n") > 1:
            return -1
        return k

    def mergeable_at(self, k: int, roles: set[str]) -> tuple[int, Expr] | None:
        a = self.A[k]
        if a[0] in "0123456789":
            nxt = self.A[k + 1] if k + 1 < self.n else ""
            found = _DIGIT_MEMO.get((len(a) if len(a) < 5 else 5, nxt))
            fns = found if found is not None else _digit_recognisers(a, nxt)
        elif a in _TRIGGERS[0]:
            nxt = self.A[k + 1] if k + 1 < self.n else ""
            found = _WORD_MEMO.get((a, nxt))
            fns = found if found is not None else _word_recognisers(a, nxt)
        else:
            return None
        best: tuple[int, Expr] | None = None  # the longest (the first of equally long ones)
        for fn in fns:
            if fn not in _MERGEABLE:
                continue
            got: tuple[int, Expr] | None = fn(self, k)
            if (
                got is not None
                and (best is None or got[0] > best[0])
                and got[1]["kind"] == "point"
                and "roles" in got[1]
            ):
                best = got
        if best is None:
            return None
        new = best[1]["roles"]
        if not new.isdisjoint(roles):
            return None
        if ("rel" in new and "wd" in roles) or ("wd" in new and "rel" in roles):
            return None  # hôm thứ 6 tuần rồi, hôm qua ...: two different days
        return best

    def chain(self, i: int, first: tuple[int, Expr]) -> tuple[int, Expr]:
        j, expr = first
        if j >= self.n:
            return first  # the text ends here: nothing to join
        roles: set[str] = expr["roles"]
        copied = False  # the atom's dict and roles are copied before the first change
        while True:
            k = self.connector(j)
            if k < 0 or k >= self.n:
                break
            got = self.mergeable_at(k, roles)
            if got is None:
                break
            end, part = got
            day_and_rel = ("rel" in roles and "day" in part["roles"]) or (
                "day" in roles and "rel" in part["roles"]
            )
            if day_and_rel and (k != j or self.gap_nl(k)):
                break  # "hôm nay 20/5" is one mention; "Hôm nay, tối 11/3" is two
            if self.gap_nl(k) and not (
                ("time" not in roles and "day" in roles and part["roles"] <= _TIME_TZ)
                or (roles <= _TIME_TZ and "day" in part["roles"])
            ):
                break  # a line break only joins a date to its clock time (datelines)
            if not copied:
                expr, roles, copied = dict(expr), set(roles), True
            for key, value in part.items():
                if key == "roles":
                    continue
                if key not in expr:
                    expr[key] = value
                elif key in ("cue", "ctx"):
                    expr[key] = expr[key] or value
            roles |= part["roles"]
            j = end
        if "time" in roles and "tz" not in roles:
            k = j
            tz = self.tz_at(k)
            if tz is not None and not self.gap_nl(k):
                if not copied:
                    expr, roles, copied = dict(expr), set(roles), True
                expr["tz"] = tz[1]
                roles.add("tz")
                j = tz[0]
        if copied:
            expr["roles"] = roles
        return j, expr

    def cue_before(self, i: int) -> bool:
        """A word right before a bare D/M that makes it a date (từ, đến, dịp, tức, a bracket)."""
        for back in (1, 2):
            k = i - back
            if k < 0:
                break
            if self.has("cue_before_bare_day_month", k) == i:
                return True
        if i >= 1 and self.p(i - 1, "("):
            return self.last_end == i - 1 or (i >= 2 and self.is_word(i - 2))
        return False

    def restates(self, i: int) -> bool:
        """A bare D/M in brackets right after a mention: Ngày mai (13-3), hôm nay (5/6)."""
        return i >= 1 and self.p(i - 1, "(") and self.last_end == i - 1

    def finish(self, i: int, j: int, expr: Expr) -> Expr | None:
        """Apply the cue rules (§3, §8, §11); return the expression or None to drop it."""
        if expr.get("kind") != "point":
            return expr
        roles = expr.get("roles", _NO_ROLES)
        if "time" in roles and expr.get("pod") is not None:
            if not expr.get("pod_done"):
                expr["H"] = _pod_hour(expr["H"], expr["pod"])
            expr.pop("pod")
        if "pod" in roles and "time" not in roles and roles.isdisjoint(_DAY_ROLES):
            return None
        if "wd" in roles and roles == _WD_ONLY and not expr.get("ctx"):
            return None
        if "wd" in roles and "day" not in roles and "rel" not in roles and not expr.get("wdmode"):
            expr["wdmode"] = "onbefore"
        if "day" in roles and "rel" in roles:
            # hôm qua 30.5: the two agree in well-formed text; a full date wins, else the relative day.
            if expr.get("y") is not None:
                expr.pop("rel", None)
            else:
                for key in ("d", "m", "wd"):
                    expr.pop(key, None)
        if (
            "day" in roles
            and "wd" in roles
            and (expr.get("y") is not None or expr.get("m") is None or expr.get("wdmode") == "week")
        ):
            expr.pop("wd", None)  # a full date wins over its weekday (§9)
        if expr.get("needs_cue") and not expr.get("cue") and roles <= _DAY_TZ:
            if not self.cue_before(i):
                return None
            if self.restates(i):
                expr["near"] = True  # a restatement names the day next to the one before it
        if expr.pop("weak_clock", False) and roles == _TIME_ONLY and not self._clock_context(i, j):
            return None  # "· 2 giờ" under a comment, "chờ 2 giờ": an age or a duration
        return expr

    def _clock_context(self, i: int, j: int) -> bool:
        """A bare "H giờ" is a clock time after lúc/vào/khoảng/từ/đến... or as the whole text."""
        if i > 0 and (self.has("clock_cues", i - 1) == i or self.A[i - 1] == ":"):
            return True  # lúc 7 giờ; "Bắt đầu: 19 giờ" (a UI label)
        if i > 1 and self.has("clock_cues", i - 2) == i:
            return True
        if self._edges is None:  # first and last word or number of the text, found once
            first = next((k for k in range(self.n) if self.A[k][0].isalnum()), -1)
            last = next((k for k in range(self.n - 1, -1, -1) if self.A[k][0].isalnum()), -1)
            self._edges = (first, last)
        return self._edges[0] == i and self._edges[1] <= j - 1


def _pod_hour(h: int, pod: tuple[int, int]) -> int:
    """Half of the day picked by a part-of-day word after an hour (§10)."""
    lo = pod[0]
    if h >= 13:
        return h
    if lo == 11:  # trưa
        return h + 12 if 1 <= h <= 3 else h
    if lo == 13:  # chiều
        return h + 12 if 1 <= h <= 11 else h
    if lo == 18:  # tối
        return h + 12 if 5 <= h <= 11 else h
    if lo == 22:  # đêm
        return h + 12 if 8 <= h <= 11 else h
    return h


# Recognisers in tie-break order, with the vocabulary tables whose first words start them
# ("#" = a digit run). Only the recognisers a token can start are run at that token.
_ATOMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lunar_at", ("lunar",)),
    ("holiday_at", ("@holidays", "holiday_prefix")),
    ("now_at", ("now",)),
    (
        "offset_at",
        ("#", "offset_ago_prefix", "offset_after_prefix", "vague_amounts", "numbers", "ten", "half"),
    ),
    ("calrel_at", ("calendar_units",)),
    ("fuzzy_at", ("#", "fuzzy_parts", "half_year", "numbers", "ten")),
    ("quarter_at", ("quarter_head", "@q")),
    ("iso_at", ("#",)),
    ("date_at", ("#", "day_heads", "hom")),
    ("month_at", ("#", "month_head")),
    ("year_at", ("year_head",)),
    ("weekday_at", ("hom", "weekday_head", "weekday_names", "@t")),
    ("relday_at", ("relative_days",)),
    ("same_day_at", ("same_day",)),
    ("pod_at", ("parts_of_day",)),
    ("time_at", ("#",)),
    ("bare_year_at", ("#",)),
)
_DISPATCH: list[dict[str, tuple[Any, ...]]] = []
# Recognisers whose results can be joined into one mention (a day, weekday, time...).
_MERGEABLE = frozenset(
    (
        _Scanner.iso_at,
        _Scanner.date_at,
        _Scanner.holiday_at,
        _Scanner.weekday_at,
        _Scanner.relday_at,
        _Scanner.pod_at,
        _Scanner.time_at,
    )
)
# First word (letters) -> the vocabulary categories whose phrases it starts.
_CATEGORIES_OF: dict[str, frozenset[str]] = {}
_NO_CATEGORIES: frozenset[str] = frozenset()
_MONTH_WORDS: set[str] = set()  # first words of the month heads (tháng, thg)
_AMOUNT_TOKENS: list[int] = []  # the most tokens an amount (digits, nửa, hai mươi mốt) spans
_UNIT_WORDS: set[str] = set()  # first words of the units, and "h" (filled with the dispatch table)


def _digit_recognisers(a: str, nxt: str) -> tuple[Any, ...]:
    """The recognisers a digit run can start, judged from its length and the next token
    (a cheap filter with the same outcome as running them all: each checks this itself)."""
    key = (min(len(a), 5), nxt)
    found = _DIGIT_MEMO.get(key)
    if found is None:
        found = _digit_recognisers_for(key[0], nxt)
        if len(_DIGIT_MEMO) < 4096:  # bounded: the next token can be any word
            _DIGIT_MEMO[key] = found
    return found


_DIGIT_MEMO: dict[tuple[int, str], tuple[Any, ...]] = {}


def _digit_recognisers_for(length: int, nxt: str) -> tuple[Any, ...]:
    short = length <= 2
    out: list[Any] = []
    if nxt in _UNIT_WORDS:
        out.append(_Scanner.offset_at)
        if nxt in _MONTH_WORDS:  # 3 tháng đầu năm (a digit amount needs tháng right after it)
            out.append(_Scanner.fuzzy_at)
    if length == 4:
        if nxt == "-":
            out.append(_Scanner.iso_at)
        out.append(_Scanner.bare_year_at)
    if short:
        if nxt in ("/", ".", "-", "th") or nxt in _MONTH_WORDS:
            out.append(_Scanner.date_at)
        if nxt in ("/", "-"):
            out.append(_Scanner.month_at)
        if nxt in (":", ";", "h", "g", "gio"):
            out.append(_Scanner.time_at)
    return tuple(out)


def _word_recognisers(a: str, nxt: str) -> tuple[Any, ...]:
    """The recognisers word ``a`` can start when ``nxt`` follows it. Every word-led recogniser
    first needs one of its vocabulary phrases at the word, and a phrase of two or more words
    needs ``nxt`` as its second: those that cannot get that far are left out (same outcome,
    fewer calls: most words head phrases of several recognisers)."""
    key = (a, nxt)
    found = _WORD_MEMO.get(key)
    if found is None:
        found = tuple(
            fn
            for fn in _DISPATCH[0].get(a, ())
            if any(not rest or rest[0][0] == nxt for _first, rest, _v in _HEADS[fn].get(a, ()))
        )
        if len(_WORD_MEMO) < 4096:  # bounded: the next token can be any word
            _WORD_MEMO[key] = found
    return found


_WORD_MEMO: dict[tuple[str, str], tuple[Any, ...]] = {}
# Recogniser -> first word -> the phrases of its vocabulary tables that word starts.
_HEADS: dict[Any, dict[str, tuple[Phrase, ...]]] = {}


def _build_dispatch(lex: Lexicon) -> dict[str, tuple[Any, ...]]:
    table: dict[str, list[Any]] = {}
    for name, sources in _ATOMS:
        for source in sources:
            if source == "#":
                keys: Any = ["#"]
            elif source == "@holidays":
                keys = lex.holidays
            elif source.startswith("@"):
                keys = [source[1:]]
            else:
                keys = lex.tables[source]
            fn = getattr(_Scanner, name)
            heads = _HEADS.setdefault(fn, {})
            for key in keys:
                if fn not in table.setdefault(key, []):
                    table[key].append(fn)
                if source == "@holidays":
                    heads[key] = heads.get(key, ()) + lex.holidays[key]
                elif source.startswith("@"):  # a bare letter (T2, Q3): a one-word head
                    heads[key] = (*heads.get(key, ()), ((key, "", key), (), None))
                elif source != "#":
                    heads[key] = heads.get(key, ()) + lex.tables[source][key]
    return {k: tuple(v) for k, v in table.items()}


# Built once per process from the vocabulary by _setup() (filled in place, so that the
# recognisers read plain module globals; _TRIGGERS is filled last and marks them ready).
_TABLES: dict[str, dict[str, tuple[Phrase, ...]]] = {}  # category -> first word -> phrases
_HOLIDAYS: list[dict[str, tuple[Phrase, ...]]] = []
_AMBIGUOUS: list[frozenset[str]] = []  # bare words that stand for a marked one only on plain lines
_TRIGGERS: list[frozenset[str]] = []  # words that can start a mention
_RANGE_HEADS: list[frozenset[str]] = []
# First words of the markers that can follow "N unit" in an offset or window (3 ngày trước).
_OFFSET_FOLLOWERS: list[frozenset[str]] = []
# First words of the markers after a year-less expression (tới, này, vừa qua).
_TIME_MARKERS: list[frozenset[str]] = []


_SETUP_LOCK = threading.Lock()


def _setup() -> None:
    """Compile the vocabulary into the look-up tables above (once per process, thread-safe)."""
    with _SETUP_LOCK:
        if not _TRIGGERS:
            _fill_tables()


def _fill_tables() -> None:
    """The body of _setup(), run under its lock by the first caller."""
    lex = lexicon()
    dispatch = _build_dispatch(lex)
    words = set(dispatch) - {"#"}
    for name in ("range_from", "range_period_heads"):
        words.update(lex.tables[name])
    _UNIT_WORDS.update(lex.tables["units"], ("h",))
    _MONTH_WORDS.update(lex.tables["month_head"])

    def longest(name: str) -> int:
        return max(1 + len(rest) for phrases in lex.tables[name].values() for _first, rest, _v in phrases)

    # As amounts() reads them: ten (one token) + a unit, or a digit word + tens marker (one
    # token) + a unit; digits and nửa are one token.
    _AMOUNT_TOKENS.append(
        max(1, 1 + longest("units_after_ten"), longest("numbers") + 1 + longest("units_after_tens"))
    )
    _TABLES.update(lex.tables)
    categories: dict[str, set[str]] = {}
    for name, table in lex.tables.items():
        for first in table:
            categories.setdefault(first, set()).add(name)
    _CATEGORIES_OF.update((first, frozenset(names)) for first, names in categories.items())
    _OFFSET_FOLLOWERS.append(
        frozenset().union(
            *(
                lex.tables[name]
                for name in (
                    "duration_followers",
                    "offset_past",
                    "offset_future",
                    "offset_later_digits_only",
                    "window_past",
                    "window_future",
                )
            )
        )
    )
    _TIME_MARKERS.append(frozenset(lex.tables["future_markers"]) | frozenset(lex.tables["past_markers"]))
    _HOLIDAYS.append(lex.holidays)
    _AMBIGUOUS.append(frozenset(lex.tables["ambiguous_without_marks"]))
    _DISPATCH.append(dispatch)
    _RANGE_HEADS.append(frozenset(lex.tables["range_from"]) | frozenset(lex.tables["range_period_heads"]))
    _TRIGGERS.append(frozenset(words))


_CHUNK = 16_384
# A sentence end followed by space, or a blank line: no mention crosses one (atoms need
# their parts glued or space-separated, and joined parts allow one line break at most).
_SAFE_BREAK = re.compile(r"[.!?]\s+|\n[ \t]*\n")


def scan(text: str) -> list[Mention]:
    """Every date mention in ``text``: (start, end, expression), original offsets, in order.

    Long texts are scanned in pieces of about 16 KB cut at sentence ends or blank lines,
    which keeps the token tables small (and the pass linear) without changing what is found.
    """
    if len(text) <= 2 * _CHUNK:
        return scan_piece(text)
    out: list[Mention] = []
    start = 0
    n = len(text)
    while start < n:
        cut = n
        if start + _CHUNK < n:
            m = _SAFE_BREAK.search(text, start + _CHUNK)
            if m is not None:
                cut = m.end()
        out += scan_piece(text[start:cut], start)
        start = cut
    return out


def scan_piece(text: str, offset: int = 0) -> list[Mention]:
    """Every date mention in ``text`` scanned as one piece (a short text, or one piece of a
    long one), offsets moved by ``offset``. Callers that cache the list never modify it."""
    if not _TRIGGERS:
        _setup()
    sc = _Scanner(text)
    triggers = _TRIGGERS[0]
    range_heads = _RANGE_HEADS[0]
    out: list[Mention] = []
    i = 0
    A = sc.A
    W = sc.W
    n = sc.n
    while i < n:
        a = A[i]
        if not (a[0] in "0123456789" or a in triggers):
            i += 1
            continue
        got = (_range_at(sc, i) if a in range_heads else None) or _mention_at(sc, i)
        if got is None:
            i += 1
            continue
        start, end, expr = got
        if expr is not None:
            # Offsets in the folded text. A mention at either edge of the text (the usual
            # case for one expression) needs no table of token offsets.
            s = len(sc.G[0]) if start == 0 else sc.starts()[start]
            e = len(sc.low) - len(sc.G[n]) if end == n else sc.starts()[end - 1] + len(W[end - 1])
            if sc.view is not None:
                s, e = sc.view.span(s, e)
            out.append((s + offset, e + offset, expr))
            sc.last_end = end
        i = end if end > i else i + 1
    return out


def _mention_at(sc: _Scanner, i: int) -> tuple[int, int, Expr | None] | None:
    # sc.atom_at(i), inlined (this runs at every candidate token of every text).
    a = sc.A[i]
    nxt = sc.A[i + 1] if i + 1 < sc.n else ""
    if a[0] in _DIGITS:
        found = _DIGIT_MEMO.get((len(a) if len(a) < 5 else 5, nxt))
        fns = found if found is not None else _digit_recognisers(a, nxt)
    else:
        found = _WORD_MEMO.get((a, nxt))
        fns = found if found is not None else _word_recognisers(a, nxt)
    atom: tuple[int, Expr] | None = None
    for fn in fns:
        got = fn(sc, i)
        if got is not None and (atom is None or got[0] > atom[0]):
            atom = got
    if atom is None:
        return None
    j, expr = atom
    kind = expr["kind"]
    if kind != "point":  # offsets, windows, periods: complete as they are (finish() keeps them)
        return (i, j, None) if kind == "block" else (i, j, expr)
    roles = expr.get("roles")
    if j < sc.n and roles and roles <= _MERGE_ROLES:  # (nothing to join at the text's end)
        j, expr = sc.chain(i, (j, expr))
    done = sc.finish(i, j, expr)
    if done is None:
        return None
    # Trailing zone labels: (giờ Việt Nam), theo giờ Việt Nam -> +07:00, outside the span.
    # (No label follows a mention that ends the text: the usual case, tested first.)
    if j < sc.n and "time" in done.get("roles", ()) and done.get("tz") is None:
        k = j + 1 if sc.A[j] == "(" else j
        if sc.has("timezone_labels", k) > 0:
            done["tz"] = 420
    return i, j, done


def _range_part(sc: _Scanner, i: int) -> tuple[int, Expr] | None:
    """One bound of a range: a point atom (with its joined parts) or a fuzzy part."""
    got = sc.atom_at(i)
    if got is None:
        return None
    j, expr = got
    kind = expr.get("kind")
    if kind == "fuzzy":
        return j, expr
    if kind != "point" or "cal" in expr:
        return None
    if expr.get("roles") and expr["roles"] <= _MERGE_ROLES:
        j, expr = sc.chain(i, (j, expr))
    expr = dict(expr)
    expr.pop("needs_cue", None)
    done = sc.finish(i, j, expr)
    return (j, done) if done else None


def _range_at(sc: _Scanner, i: int) -> tuple[int, int, Expr | None] | None:
    """từ A đến B, từ A - B, giai đoạn A-B, dịp A - B, từ 2-4/6, từ A đến nay (§13)."""
    head = sc.has("range_from", i)
    period = -1
    if head < 0:
        period = sc.has("range_period_heads", i)
        if period < 0:
            return None
        head = period
    k = head
    # D-D/M(/Y): từ 2-4/6
    d1 = sc.num(k, 2)
    if (
        d1 is not None
        and sc.p_in(k + 1, _DASHES)
        and sc.adj(k + 1)
        and sc.adj(k + 2)
        and sc.digit(k + 2)
        and sc.p(k + 3, "/", ".")
        and sc.adj(k + 3)
    ):
        b = sc.day_core(k + 2, True, inner=True)
        if b is not None and "m" in b[1] and 1 <= d1 <= 31:
            bexpr = dict(b[1])
            bexpr.pop("needs_cue", None)
            aexpr = {"kind": "point", "d": d1, "roles": {"day"}}
            end = sc.markers(bexpr, b[0])
            return i, end, {"kind": "range", "a": aexpr, "b": bexpr}
    # A: a full atom, or a bare day number / bare year standing before B
    a: tuple[int, Expr] | None = _range_part(sc, k)
    bare = None
    if a is None:
        v = sc.num(k)
        if v is not None:
            bare = v
            a = (k + 1, {"kind": "point"})
    if a is None:
        return None
    j, aexpr = a
    to = sc.has("range_to", j)
    if to < 0 and sc.p_in(j, _DASHES):
        to = j + 1
    if to < 0:
        return None if bare is not None else (k, j, aexpr) if head != period else None
    # A bare four-digit A is a year (từ 2018 đến 2020, giai đoạn 2016-2020).
    year_a = bare if bare is not None and len(sc.A[k]) == 4 and 1000 <= bare <= 2999 else None
    if year_a is None and bare is None and set(aexpr) <= {"kind", "y", "roles"} and aexpr.get("y"):
        stated: Any = aexpr["y"]
        year_a = int(stated)  # năm 2015, or Giai Đoạn 2026 read as an event year
    until_now = sc.has("range_until_now", to)
    if until_now > 0 and (bare is None or year_a is not None):
        if bare is not None:
            aexpr = {"kind": "point", "y": year_a}
        return i, until_now, {"kind": "range", "a": aexpr, "b": None}
    b = _range_part(sc, to)
    if b is None:
        v = sc.year4(to, True) if year_a is not None else None
        if v is not None and year_a is not None and v >= year_a:
            return (
                i,
                to + 1,
                {"kind": "range", "a": {"kind": "point", "y": year_a}, "b": {"kind": "point", "y": v}},
            )
        return None if bare is not None else (k, j, aexpr) if head != period else None
    end, bexpr = b
    if bare is not None:
        if len(sc.A[k]) == 4 and bexpr.get("y") is not None and bexpr.get("m") is None:
            aexpr = {"kind": "point", "y": bare}
        elif bexpr.get("d") is not None and 1 <= bare <= 31:
            aexpr = {"kind": "point", "d": bare}
        elif bexpr.get("m") is not None and bexpr.get("d") is None and 1 <= bare <= 12:
            aexpr = {"kind": "point", "m": bare}
        else:
            return None
    if (
        (aexpr.get("H") is not None or bexpr.get("H") is not None)
        and aexpr.get("d") is None
        and aexpr.get("rel") is None
    ):
        return None  # hour ranges (từ 22h đến 5h sáng mai) are not specified
    return i, end, {"kind": "range", "a": aexpr, "b": bexpr}
