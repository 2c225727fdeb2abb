"""Line features for :mod:`vntext.boilerplate`: what one line looks like on its own.

Everything here judges a single line (plus the phrase tables in
``vntext/data/boilerplate/``); decisions that need the neighbours (related-article blocks,
the page header, repeats, bylines at the tail) live in :mod:`vntext.boilerplate`.

Matching runs on a *key*: the line lower-cased, Vietnamese marks removed, look-alike
Cyrillic/small-capital letters mapped to Latin (SEO copy uses them to dodge filters) and
every run of other characters made one space. Regexes are linear: no nested quantifiers
over overlapping classes, and each is applied to lines whose length is capped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from vntext._chars import strip_table
from vntext._resources import read_lines, read_tsv

__all__ = [
    "KEY_TABLE",
    "RELATIVE_AT_START",
    "TRAILING_CLOSERS",
    "Phrases",
    "Stamp",
    "ends_sentence",
    "fold_key",
    "fold_lower",
    "is_list_item",
    "line_shape_from_key",
    "may_be_stamp",
    "name_strength",
    "phrases",
    "scan_stamp",
    "trie_pattern",
]

# Look-alike letters seen in scraped SEO copy (Cyrillic and Latin small capitals).
_CONFUSABLES = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "ѕ": "s", "і": "i",
    "ј": "j", "ԁ": "d", "к": "k", "м": "m", "т": "t", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴄ": "c",
    "ᴏ": "o", "ᴜ": "u", "ᴢ": "z", "ʀ": "r", "ɪ": "i", "ᴍ": "m", "ɴ": "n", "ᴛ": "t", "ᴋ": "k",
    "ʜ": "h", "ᴀ": "a", "ʙ": "b", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ʟ": "l", "ᴘ": "p", "ꜱ": "s",
    "ɡ": "g", "’": "'", "‘": "'",
}  # fmt: skip

_NON_WORD = re.compile(r"[^0-9a-z]+")
# For an already folded (ASCII) page: everything but [0-9a-z\n] becomes a space. ASCII
# str.translate has a fast path, several times quicker than a regex substitution.
KEY_TABLE = str.maketrans(
    {chr(i): " " for i in range(128) if not (chr(i).islower() or chr(i).isdigit() or chr(i) == "\n")}
)
_DIGITS = re.compile(r"\d+")


@cache
def _key_table() -> dict[int, str]:
    table = dict(strip_table())
    for src, dst in _CONFUSABLES.items():
        table[ord(src)] = dst
    return table


_CONFUSABLE_RE = re.compile("[" + "".join(_CONFUSABLES) + "]")
_NFD = unicodedata.normalize


def fold_lower(text: str) -> str:
    """Lower-cased ASCII view: marks dropped (``đ -> d``), look-alikes mapped, dashes and
    ellipsis spelled in ASCII, other non-ASCII characters dropped. Not offset-preserving.

    >>> fold_lower("Ảnh minh họa – Đà Lạt…")
    'anh minh hoa - da lat...'
    """
    low = text.lower()
    if _CONFUSABLE_RE.search(low) is not None:
        low = low.translate(_confusable_table())
    low = low.replace("đ", "d").replace("–", "-").replace("—", "-").replace("…", "...").replace("\xa0", " ")
    if low.isascii():
        return low
    return _NFD("NFD", low).encode("ascii", "ignore").decode("ascii")


@cache
def _confusable_table() -> dict[int, str]:
    return {ord(k): v for k, v in _CONFUSABLES.items()}


def fold_key(text: str) -> str:
    """The matching key of a line: lower case, no marks, Latin look-alikes, single spaces.

    >>> fold_key("  Bạn đang хem: Thì hiện tại ")
    'ban dang xem thi hien tai'
    """
    return _NON_WORD.sub(" ", fold_lower(text)).strip()


def line_shape_from_key(key: str) -> str:
    """A key with every digit run replaced by ``0`` (dates and counters share a shape).

    >>> line_shape_from_key(fold_key("Thứ năm, 13/04/2023, 10:59 (GMT + 7)"))
    'thu nam 0 0 0 0 0 gmt 0'
    """
    return _DIGITS.sub("0", key)


TRAILING_CLOSERS = "\"”’'»)]}*"


def ends_sentence(text: str) -> bool:
    """True when the line ends like a sentence (``. ! ? … : ;`` before closing quotes)."""
    last = text[-1:]
    if last and last in ".!?…:;":
        return True
    if last not in TRAILING_CLOSERS and not last.isspace():
        return False
    stripped = text.rstrip().rstrip(TRAILING_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in ".!?…:;"


_LIST_ITEM = re.compile(
    r"\s*(?:[-–—•·+*⇒►▪●○◦✓✔]|\(?\d{1,3}(?:\.\d{1,3}){0,3}[.)/]|\(?[a-zđ][.)]|[IVXL]{1,5}[.)])\s*\S"
)


def is_list_item(text: str) -> bool:
    """Bullets, ``1.``/``1.2.``/``(3)``/``a)``/``IV.`` markers.

    >>> is_list_item("- Vịt sơ chế sạch."), is_list_item("1.1. Tại sao"), is_list_item("Hà Nội")
    (True, True, False)
    """
    return _LIST_ITEM.match(text) is not None


# --------------------------------------------------------------------------- phrases


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of literal ``words`` with common prefixes factored out.

    Python's ``re`` tries the branches of ``a|b|c`` one after another at every position; a
    trie-shaped pattern rejects a position after one character, which keeps phrase search
    fast on long lists.

    >>> trie_pattern(["xem them", "xem tiep", "doc them", "doc"])
    '(?:doc(?: them)?|xem t(?:hem|iep))'
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            child = node[ch]
            # Follow single-child chains to keep the pattern short.
            chunk = _escape(ch)
            while len(child) == 1 and "" not in child:
                (nxt,) = child
                chunk += _escape(nxt)
                child = child[nxt]
            rest = build(child)
            branches.append(chunk + rest)
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends and body else body

    pattern = build(trie)
    return pattern if pattern.startswith("(?:") and pattern.endswith(")") else f"(?:{pattern})"


def _escape(ch: str) -> str:
    return ch if ch == " " else re.escape(ch)


@dataclass(frozen=True)
class Phrases:
    """The phrase tables, folded once per process."""

    lines: dict[str, str]
    prefixes: dict[str, tuple[str, bool]]  # key -> (reason, needs a colon after it)
    prefix_re: re.Pattern[str]  # longest prefix phrase at the start of a key
    contains: dict[str, str]
    contains_re: re.Pattern[str]  # search " " + key; the phrase is group(0)[1:]
    related: frozenset[str]
    toc: frozenset[str]
    surnames: frozenset[str]
    titles: dict[str, bool]  # lower-cased title -> is a label to cut from the reported name
    titles_re: re.Pattern[str]


@cache
def phrases() -> Phrases:
    lines: dict[str, str] = {}
    prefixes: dict[str, tuple[str, bool]] = {}
    contains: dict[str, str] = {}
    for row in read_tsv("boilerplate/phrases.tsv"):
        if len(row) < 3:
            continue
        kind, reason, phrase = row[0].strip(), row[1].strip(), row[2].strip()
        key = fold_key(phrase)
        if not key:
            continue
        if kind == "line":
            lines[key] = reason
        elif kind == "prefix":
            prefixes[key] = (reason, phrase.endswith(":"))
        elif kind == "contains":
            contains[key] = reason
    pattern = trie_pattern(list(contains))
    prefix_pattern = trie_pattern(list(prefixes))
    titles = {
        row[1].strip().lower(): row[0].strip() == "label"
        for row in read_tsv("boilerplate/name_titles.tsv")
        if len(row) >= 2
    }
    return Phrases(
        lines=lines,
        prefixes=prefixes,
        prefix_re=re.compile(prefix_pattern + "(?![0-9a-z])"),
        contains=contains,
        # Searched in " " + key: keys hold only [0-9a-z ], so a leading space marks a word
        # start exactly, and a pattern that starts with a literal lets the regex engine skip
        # straight to spaces (twice as fast as a leading \b).
        contains_re=re.compile(rf" (?:{pattern})\b"),
        related=frozenset(fold_key(x) for x in read_lines("boilerplate/related_headers.txt")),
        toc=frozenset(fold_key(x) for x in read_lines("boilerplate/toc_headers.txt")),
        # Folded and as written (lower case): a name's first word is looked up without folding.
        surnames=frozenset(
            form
            for x in read_lines("boilerplate/surnames.txt")
            for form in (fold_key(x), unicodedata.normalize("NFC", x.strip().lower()))
        ),
        titles=titles,
        titles_re=re.compile(
            "((?i:"
            + "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
            + r"))(?:(?<=[.:])|\Z|(?=[^\w])|(?=[A-ZĐÀ-Ỹ]))"
        ),
    )


# --------------------------------------------------------------------------- timestamps

# A cheap "this line is a timestamp" scanner that also returns the span to quote as the
# publication string. Parsing the value is vntext.dates' job; this only finds the shape.
# It runs on a lower-cased, mark-stripped copy (same length as the line on the fast path).
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?"
_DATE_DAY = (
    r"\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}(?!\d)"
    r"|\d{4}-\d{1,2}-\d{1,2}(?!\d)"
    r"|(?:ngay\s{1,3})?\d{1,2}\s{1,3}thang\s{1,3}\d{1,2}(?:\s?(?:,|nam)\s{0,3}\d{4})?(?!\d)"
    rf"|{_MON}\s{{1,3}}\d{{1,2}},?\s{{1,3}}\d{{4}}(?!\d)"
    rf"|\d{{1,2}}\s{{1,3}}{_MON},?\s{{1,3}}\d{{4}}(?!\d)"
    r"|(?<![\d/.])\d{1,2}[/-]\d{1,2}(?![\d/.-])"
)
_DATE_MONTH = rf"{_MON}\s{{1,3}}\d{{4}}(?!\d)|thang\s{{1,3}}\d{{1,2}}\s?[/,]\s?\d{{4}}(?!\d)"
_TIME = r"\d{1,2}\s?[:h]\s?\d{2}(?:\s?:\s?\d{2})?(?!\d)(?:\s?(?:am|pm|sa|ch)\b)?"
_ZONE = r"(?:gmt|utc)\s?(?:[+-]\s?\d{1,2}(?::\d{2})?)?|\bict\b"
_WEEKDAY = r"\b(?:thu\s{1,3}(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s{1,3}nhat|cn|t[2-7])\b"
_RELATIVE = (
    r"\b(?:\d{1,3}|mot|hai|ba|bon|nam|sau|vai|may)\s{1,3}"
    r"(?:giay|phut|gio|tieng|ngay|tuan|thang|nam|seconds?|minutes?|hours?|days?|weeks?)"
    r"\s{1,3}(?:truoc|ago)\b|\bhom qua\b|\bvua xong\b|\bjust now\b|\byesterday\b"
)
_STAMP = re.compile(
    rf"(?P<day>{_DATE_DAY})|(?P<month>{_DATE_MONTH})|(?P<time>{_TIME})|(?P<zone>{_ZONE})"
    rf"|(?P<weekday>{_WEEKDAY})|(?P<rel>{_RELATIVE})"
)
# Words a dateline may carry besides the date itself ("Ngày đăng: ...", "Cập nhật lúc ...").
_STAMP_FILLERS = frozenset(
    {
        "ngay", "luc", "vao", "dang", "cap", "nhat", "posted", "on", "at", "a", "sang", "chieu", "toi",
        "trua", "tu", "den", "gio", "va", "publish", "published", "updated", "update", "the", "thu",
        "chu"
    }
)  # fmt: skip
_WORDS = re.compile(r"[a-z]+|\d+")
# A feed item's age at the start of a key: "11 gio truoc ...", "mot ngay truoc ...".
RELATIVE_AT_START = re.compile(_RELATIVE)


# Every word a stamp line can hold: fillers, weekdays, month names, zones, clock suffixes,
# relative-time words. A line whose first word is none of them cannot be a stamp, which
# spares scan_stamp on body lines that merely hold numbers ("tăng 8.000 đồng").
_STAMP_WORDS = _STAMP_FILLERS | frozenset(
    {
        "hai", "ba", "tu", "nam", "sau", "bay", "nhat", "cn", "t", "thang", "gmt", "utc", "ict",
        "am", "pm", "sa", "ch", "h", "giay", "phut", "tieng", "tuan", "truoc", "ago", "hom", "qua",
        "vua", "xong", "just", "now", "yesterday", "mot", "bon", "vai", "may", "seconds", "second",
        "minutes", "minute", "hours", "hour", "days", "day", "weeks", "week", "sept"
    }
)  # fmt: skip
_MONTHS = frozenset({"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"})
_FIRST_WORD = re.compile(r"[a-z]+")


def may_be_stamp(key: str) -> bool:
    """Cheap gate for :func:`scan_stamp` on a line's key: its first word could be in a stamp.

    >>> may_be_stamp("thu hai 16 09 2024 08 30 gmt 7"), may_be_stamp("gia vang tang 8 000 dong")
    (True, False)
    """
    m = _FIRST_WORD.search(key)
    if m is None:
        return True
    word = m.group(0)
    return word in _STAMP_WORDS or word[:3] in _MONTHS


@dataclass(frozen=True, slots=True)
class Stamp:
    """What :func:`scan_stamp` found: kind and the quoted span ``[start, end)`` of the line."""

    kind: str  # "date" (has a day), "month", "time" (clock only), "relative"
    start: int
    end: int


def _folded(text: str) -> tuple[str, list[int] | None]:
    """Lower-cased, mark-stripped copy plus an offset map when lengths differ."""
    table = _key_table()
    out = text.lower().translate(table)
    if len(out) == len(text):
        return out, None
    # Rare (characters whose lower case is longer): fold per character and keep a map.
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        piece = ch.lower().translate(table)
        chars.append(piece)
        where.extend([i] * len(piece))
    return "".join(chars), where


def scan_stamp(text: str, folded: str | None = None) -> Stamp | None:
    """The timestamp this short line *is*, or ``None`` when it says anything else.

    ``folded``: the line already lower-cased and mark-stripped *with the same length*
    (offsets must agree); computed when not given.

    >>> s = scan_stamp("Thứ 6, 19/02/2016 | 00:00:00 [GMT +7] A  A")
    >>> s.kind, "Thứ 6, 19/02/2016 | 00:00:00 [GMT +7] A  A"[s.start:s.end]
    ('date', 'Thứ 6, 19/02/2016 | 00:00:00 [GMT +7]')
    >>> scan_stamp("Hà Nội, ngày 19 tháng 08 năm 2014") is None
    True
    """
    if len(text) > 90:
        return None
    where: list[int] | None = None
    if folded is None or len(folded) != len(text):
        folded, where = _folded(text)
    spans: list[tuple[int, int]] = []
    kinds: set[str] = set()
    rest: list[str] = []
    last = 0
    for m in _STAMP.finditer(folded):
        kind = m.lastgroup or ""
        kinds.add(kind)
        spans.append((m.start(), m.end()))
        rest.append(folded[last : m.start()])
        last = m.end()
    if not spans or not (kinds & {"day", "month", "time", "rel"}):
        return None
    rest.append(folded[last:])
    for word in _WORDS.findall(" ".join(rest)):
        if word not in _STAMP_FILLERS:
            return None
    if "day" in kinds:
        kind = "date"
    elif "month" in kinds:
        kind = "month"
    elif "rel" in kinds:
        kind = "relative"
    else:
        kind = "time"
    start, end = spans[0][0], spans[-1][1]
    # Include a bracket opened inside the span ("(GMT+7)", "[GMT +7]").
    inside = folded[start:end]
    for opener, closer in (("(", ")"), ("[", "]")):
        if inside.count(opener) > inside.count(closer):
            j = folded.find(closer, end)
            if j != -1 and not folded[end:j].strip():
                end = j + 1
    if where is not None:
        start = where[start]
        end = where[end - 1] + 1
    return Stamp(kind, start, end)


# --------------------------------------------------------------------------- names


_NAME_TOKEN = r"(?:[A-ZĐÀ-ỸÁ-Ỹ][\w'’.-]*|[A-ZĐ]\.|\([^\s()]{1,12}\))"
# One to five name tokens separated by single spaces (the part has been stripped).
_NAME_PART = re.compile(rf"{_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,4}}\Z")
_INITIALS = re.compile(r"[A-ZĐ]{1,2}\.\s?[A-ZĐ]")
_ANY_DIGIT = re.compile(r"\d")
_NAME_SPLIT = re.compile(r"\s+[-–—&]\s+|\s+và\s+|,\s*")
# Function words (with their marks: folded, "những" would reject the name "Nhung" and
# "do" the family name "Đỗ").
_FUNCTION_WORDS = frozenset(
    {
        "và", "của", "là", "cho", "với", "các", "những", "trong", "khi", "mà", "để", "tại", "từ",
        "đến", "ở", "này", "đó", "thế", "the", "nào", "gì", "không", "có", "được", "bị", "sẽ", "đã",
        "đang", "rất", "cũng", "nên", "nếu", "vì", "do"
    }
)  # fmt: skip


def name_strength(text: str) -> tuple[int, int]:
    """How much a short line looks like a person's name, and where the name starts.

    Returns ``(strength, start)``: strength 0 no, 1 weak (a short title-case line), 2 strong
    (starts with a Vietnamese family name, carries a title such as ``BS.`` or initials such
    as ``H.Đào``); ``start`` skips a byline label (``Tác giả:``) so ``text[start:]`` is the
    name to report.

    >>> name_strength("Nguyễn Trinh"), name_strength("Quốc Tiệp"), name_strength("Tin tức mới")
    ((2, 0), (1, 0), (0, 0))
    >>> name_strength("Tác giả: Lan Anh")
    (2, 9)
    """
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    if not stripped or len(stripped) > 60 or _ANY_DIGIT.search(stripped):
        return 0, 0
    if stripped[-1] in "!?:;,…" or "  " in stripped or is_list_item(stripped):
        return 0, 0
    table = phrases()
    titled = False
    start = lead
    m = table.titles_re.match(stripped)
    if m is not None:
        body = stripped[m.end() :].lstrip(" :")
        if table.titles[m.group(1).lower()]:
            start = lead + len(stripped) - len(body)
        stripped = body
        titled = True
    parts = [p for p in _NAME_SPLIT.split(stripped) if p]
    if not parts or len(parts) > 3:
        return 0, 0
    best = 2
    for part in parts:
        if _NAME_PART.match(part) is None:
            return 0, 0
        lowered = part.lower().split()
        if not part.isupper() and not _FUNCTION_WORDS.isdisjoint(lowered):
            return 0, 0
        first_token = part.split(None, 1)[0]
        strong = (
            titled
            or (lowered[0] in table.surnames or fold_key(lowered[0]) in table.surnames)
            or _INITIALS.match(part) is not None
            or (first_token.endswith(".") and len(first_token) <= 4)
        )
        if not strong:
            best = 1
    return best, start
