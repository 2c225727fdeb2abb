"""The date vocabulary (``vntext/data/dates/lexicon.json``) compiled into look-up tables.

Matching happens on tokens of a lower-cased copy of the text. A token matches a word of
the vocabulary when its letters without diacritics are the same **and** either it carries
no diacritics at all (text typed without them) or it carries the same set of marks. The
second test keeps ``tới`` (next) apart from ``tối`` (evening), ``sáu`` (six) from ``sau``
(after) and ``nay`` from ``này``, while old-style tone placement (``qúy`` for ``quý``)
still matches because only the set of marks is compared, not where they sit.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vntext._chars import strip_table
from vntext._resources import read_json

__all__ = ["Lexicon", "Phrase", "WordSig", "lexicon", "marks_of", "sig"]

# (letters without diacritics, sorted combining marks, the word as written: lower case, NFC).
# A token spelled exactly as written needs no marks_of() to match (the usual case).
WordSig = tuple[str, str, str]
# One vocabulary phrase: its first word, the words after it (often none), its value.
Phrase = tuple[WordSig, tuple[WordSig, ...], Any]


@lru_cache(maxsize=16384)
def marks_of(word: str) -> str:
    """The sorted combining marks of ``word`` (``đ`` counts as a mark)."""
    marks = sorted(c for c in unicodedata.normalize("NFD", word) if unicodedata.combining(c))
    if "đ" in word:
        marks.append("đ")
    return "".join(marks)


def sig(word: str) -> WordSig:
    """Signature of one vocabulary word."""
    low = unicodedata.normalize("NFC", word.lower())
    return low.translate(strip_table()), marks_of(low), low


@dataclass(frozen=True)
class Lexicon:
    """Phrase tables by category: first word (ASCII) -> its phrases, longest first."""

    tables: dict[str, dict[str, tuple[Phrase, ...]]]
    holidays: dict[str, tuple[Phrase, ...]]


def _compile(entries: dict[str, Any]) -> dict[str, tuple[Phrase, ...]]:
    by_first: dict[str, list[Phrase]] = {}
    for phrase, value in entries.items():
        words = tuple(sig(w) for w in phrase.split())
        by_first.setdefault(words[0][0], []).append((words[0], words[1:], value))
    return {k: tuple(sorted(v, key=lambda e: -len(e[1]))) for k, v in by_first.items()}


_LOCK = threading.Lock()
_CACHE: list[Lexicon] = []


def lexicon() -> Lexicon:
    """The compiled vocabulary, built once per process (thread-safe)."""
    if _CACHE:
        return _CACHE[0]
    with _LOCK:
        if not _CACHE:
            raw = read_json("dates/lexicon.json")
            tables = {}
            for name, entries in raw.items():
                if name.startswith("_") or name == "holidays":
                    continue
                if isinstance(entries, list):
                    entries = {phrase: phrase for phrase in entries}
                tables[name] = _compile(entries)
            holiday_entries: dict[str, tuple[int, int]] = {}
            for item in raw["holidays"]:
                for name in item["names"]:
                    holiday_entries[name] = (int(item["month"]), int(item["day"]))
            _CACHE.append(Lexicon(tables, _compile(holiday_entries)))
    return _CACHE[0]
