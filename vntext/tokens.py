"""The pre-tokenizer: cut a string into ``Token`` slices before word segmentation.

One left-to-right pass of a single compiled pattern. Every token is an exact slice of the
input (``token.text == text[token.start:token.end]``); whitespace is skipped and nothing
is rewritten. What is kept whole (see ``docs/segmentation.md``): URLs and bare domains,
e-mail addresses, ``@mentions`` and ``#hashtags``, dates and times (``13/04/2023``,
``10:59``, ``14h30``), numbers with separators (``100.000``, ``3,5``), currency amounts
(``$5``, ``20.000đ``), abbreviations with dots (``TP.HCM``, ``Mr.``, ``U.S.A.``),
letter/digit codes (``49X-6666``, ``F-16``, ``Su-34``, ``H5N1``), emoji sequences, and
words (letter runs, including combining marks so NFD input stays one token).
Each other non-space character is a token of its own (``%`` too, as in UD).

Every pattern below is audited for backtracking: open-ended runs only sit where the
alternative cannot fail after them, and every run that can fail late is bounded, so a
megabyte without spaces is still tokenized in linear time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from vntext._validate import ensure_str

__all__ = ["KINDS", "Token", "iter_tokens", "tokenize"]


@dataclass(frozen=True, slots=True)
class Token:
    """A slice of the input: ``text == original[start:end]``; ``kind`` says what it is.

    >>> Token("Hà", 0, 2, "word")
    Token('Hà', 0:2, word)
    """

    text: str
    start: int
    end: int
    kind: str = "word"

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}:{self.end}, {self.kind})"

    def _repr_html_(self) -> str:
        import html

        return (
            f"<code>{html.escape(self.text)}</code> "
            f"<small>[{self.start}:{self.end}] {html.escape(self.kind)}</small>"
        )


_LETTER = r"[^\W\d_]"
# Combining marks (NFD Vietnamese) and invisible characters that may sit inside a word.
_MARK = (
    r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    r"\u00ad\u034f\u200b-\u200d\u2060\ufeff]"
)
# After an ASCII-only pattern: not followed by a letter, digit or combining mark, so an NFD
# letter (base + mark) is never cut in two and NFD input tokenizes like NFC.
_END = rf"(?![^\W_]|{_MARK})"
_W = rf"(?:\w|{_MARK})"
_URL_STOP = r"\s<>\"'“”‘’()\[\]{}"
_TLD = r"(?:com|net|org|vn|edu|gov|info|io|biz|asia|me|co|tv)"
_EMOJI = r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]"
_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Prof|Jr|St|TS|PGS|GS|ThS|Ths|BS|KS|TP|Tp|TX|NXB|Cty|CTy|ĐH|THPT|THCS|TT|UBND|vs|v\\.v"
)
# Words after which ``12.4`` is a day.month date rather than a decimal.
_DATE_WORDS_LOWER = ("ngày", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "rạng")
_DATE_WORDS = frozenset((*_DATE_WORDS_LOWER, *(w.capitalize() for w in _DATE_WORDS_LOWER)))

# Order matters: the first alternative that matches at a position wins.
_ALTERNATIVES: tuple[tuple[str, str], ...] = (
    (
        "url",
        rf"(?:[A-Za-z][A-Za-z0-9+.-]{{1,15}}://|www\.)[^{_URL_STOP}]*[^{_URL_STOP}.,;:!?…]"
        rf"|(?:[A-Za-z0-9-]{{1,63}}\.){{1,5}}{_TLD}(?![\w-]|{_MARK})(?:/[^{_URL_STOP}]*[^{_URL_STOP}.,;:!?…])?",
    ),
    (
        "email",
        rf"(?:[\w.+-]|{_MARK}){{1,64}}@(?:[\w-]|{_MARK}){{1,63}}(?:\.(?:[\w-]|{_MARK}){{1,63}}){{1,6}}",
    ),
    ("mention", rf"@{_W}{{1,64}}"),
    ("hashtag", rf"#{_W}{{1,100}}"),
    (
        "date",
        r"(?:\d{1,2}[/-]\d{1,2}[/-]\d{4}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2}|\d{1,2}/\d{4}|"
        r"\d{1,2}/\d{1,2})(?![\d/])",
    ),
    ("time", r"\d{1,2}(?::\d{2}(?::\d{2})?|[hH](?:\d{2})?(?:'|p|ph)?)" + _END),
    ("currency", r"[$€£¥₫]\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)*(?:đ|₫|\$|€|VNĐ|VND|USD|vnđ|k)" + _END),
    (
        "code",
        r"(?:\d{1,10}[A-Za-z][A-Za-z\d]{0,15}|[A-Za-z]{1,10}-?\d[\dA-Za-z]{0,15})"
        r"(?:[-.]\d{1,10}|-[A-Za-z\d]{1,15}){0,5}" + _END,
    ),
    ("number", r"\d+(?:[.,]\d+)*"),
    (
        "abbrev",
        r"(?:[A-Z]\.){2,6}|[A-Z][A-Za-z]{0,3}(?:\.[A-Z0-9]{1,10}){1,5}"
        + _END
        + rf"|(?:{_ABBREVIATIONS})\.{_END}",
    ),
    ("word", rf"{_LETTER}(?:{_LETTER}|{_MARK})*"),
    ("emoji", rf"{_EMOJI}(?:[\ufe0f\u20e3\U0001F3FB-\U0001F3FF]|\u200d{_EMOJI})*"),
    ("punct", r"\.{2,}|…+|[!?]{2,}|-{2,}|[^\w\s]"),
    ("symbol", r"\S"),
)

KINDS: tuple[str, ...] = tuple(kind for kind, _ in _ALTERNATIVES)
_TOKEN_RE = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _ALTERNATIVES))


def iter_tokens(text: str) -> Iterator[Token]:
    """Yield the tokens of ``text`` one at a time (see ``tokenize``).

    >>> [t.text for t in iter_tokens("Giá 20.000đ.")]
    ['Giá', '20.000đ', '.']
    """
    ensure_str(text, "iter_tokens")  # checked now, not on first iteration
    return _iter_tokens(text)


def _iter_tokens(text: str) -> Iterator[Token]:
    previous = ""
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or "symbol"
        piece = match.group()
        if kind == "number" and "." in piece and _is_date_after(previous, piece):
            kind = "date"
        yield Token(piece, match.start(), match.end(), kind)
        previous = piece


def _is_date_after(previous: str, piece: str) -> bool:
    """``12.4`` after a day word (ngày, sáng, …) or ``10.2022`` after ``tháng``."""
    first, _, second = piece.partition(".")
    if not second.isdigit() or len(first) > 2:
        return False
    previous = unicodedata.normalize("NFC", previous)
    if previous in _DATE_WORDS:
        return len(second) <= 2 and 1 <= int(first) <= 31 and 1 <= int(second) <= 12
    if previous in ("tháng", "Tháng"):
        return len(second) == 4 and 1 <= int(first) <= 12
    return False


def tokenize(text: str) -> list[Token]:
    """Cut ``text`` into tokens that are exact slices of it (the pre-tokenizer).

    >>> tokenize("TP.HCM, 13/04/2023")
    [Token('TP.HCM', 0:6, abbrev), Token(',', 6:7, punct), Token('13/04/2023', 8:18, date)]
    >>> [(t.text, t.kind) for t in tokenize("Xe 49X-6666 chạy 61% lúc 14h30")]
    [('Xe', 'word'), ('49X-6666', 'code'), ('chạy', 'word'), ('61', 'number'), ('%', 'punct'),
     ('lúc', 'word'), ('14h30', 'time')]
    >>> tokenize("")
    []
    """
    ensure_str(text, "tokenize")
    return list(_iter_tokens(text))
