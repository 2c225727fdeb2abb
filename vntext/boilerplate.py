"""Boilerplate stripping of scraped plain text, with the article's metadata.

A scraper hands over a page as plain text, one block per line: banners, the site name,
datelines, bylines, captions, share widgets and lists of other articles sit between the
headline and the body. :func:`strip_boilerplate` decides, line by line, what is the
article (headline, sapo, body, in-article headings, lists, quotes, official-document
headers) and what is page furniture, and says *why* for every line. A line is never split,
edited or reordered: the article text is the kept input lines joined by ``\\n``.

What the dropped lines said about the article is returned too: the ``title``, the
``published``/``updated`` strings exactly as they appear (with their parsed
``vntext.dates.DateMatch`` when that module is available), the ``author`` and the
``credit`` (``Theo Dân Việt``, ``VIC Crypto tổng hợp``).

For many pages of one site, :class:`BoilerplateModel` learns the lines and line shapes that
recur across the site's pages (menus, slogans, footers, dateline formats) and strips those
as well.

>>> page = "\\n".join(["Trang chủ", "Mưa lớn ở Hà Nội", "24/10/2024 08:15",
...     "Sáng nay, mưa lớn kéo dài khiến nhiều tuyến phố ngập sâu.", "Theo VnExpress"])
>>> art = strip_boilerplate(page)
>>> print(art.text)
Mưa lớn ở Hà Nội
Sáng nay, mưa lớn kéo dài khiến nhiều tuyến phố ngập sâu.
>>> art.title, art.published, art.credit
('Mưa lớn ở Hà Nội', '24/10/2024 08:15', 'Theo VnExpress')
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from vntext import _boilerplate_rules as _r
from vntext._validate import ensure_str

__all__ = [
    "Article",
    "BoilerplateConfig",
    "BoilerplateModel",
    "LineDecision",
    "strip_boilerplate",
]

#: Reasons a kept line can carry.
KEPT_REASONS = ("title", "text")


@dataclass(frozen=True, slots=True)
class BoilerplateConfig:
    """Options for :func:`strip_boilerplate` (frozen, hashable, picklable).

    ``keep_reasons``: rule names whose lines are kept anyway (e.g. ``{"caption"}`` to keep
    photo captions, ``{"repeat"}`` to keep repeated lines). ``drop_lines``: extra lines to
    drop wherever they appear (compared after case and mark folding). ``paragraph_words``:
    the word count from which a sentence-final line counts as a body paragraph.

    >>> config = BoilerplateConfig(keep_reasons=frozenset({"caption"}))
    >>> strip_boilerplate("Cầu mới thông xe.\\nLễ thông xe sáng 2/9. Ảnh: T.L", config).text
    'Cầu mới thông xe.\\nLễ thông xe sáng 2/9. Ảnh: T.L'
    """

    keep_reasons: frozenset[str] = frozenset()
    drop_lines: tuple[str, ...] = ()
    paragraph_words: int = 12


_DEFAULT_CONFIG = BoilerplateConfig()


@dataclass(frozen=True, slots=True)
class LineDecision:
    """One input line: its 1-based ``number``, verbatim ``text``, ``kept`` and the rule name.

    >>> strip_boilerplate("Cầu mới thông xe.\\nChia sẻ Facebook").lines[1]
    LineDecision(2, drop, 'widget', 'Chia sẻ Facebook')
    """

    number: int
    text: str
    kept: bool
    reason: str

    def __repr__(self) -> str:
        mark = "keep" if self.kept else "drop"
        return f"LineDecision({self.number}, {mark}, {self.reason!r}, {_short(self.text, 50)!r})"


@dataclass(frozen=True, slots=True)
class Article:
    """The result of :func:`strip_boilerplate`.

    ``text`` is the kept lines, verbatim and in order, joined by ``\\n``. ``published`` and
    ``updated`` are exact substrings of the input; ``published_date``/``updated_date`` are
    their parsed ``DateMatch`` (``None`` when the string cannot be read as a date).
    ``reasons`` holds the rule name for every input line (``"title"`` and ``"text"`` mean
    kept), ``source_lines`` the input lines (split at ``\\n``; a final newline adds no empty
    line); ``lines`` pairs them as :class:`LineDecision` objects.

    >>> page = "Thứ hai, 16/09/2024, 08:30 (GMT+7)\\nMột bài báo ngắn về cây cầu mới.\\nTheo Báo Sông Hồng"
    >>> article = strip_boilerplate(page)
    >>> article.text, article.published, article.credit
    ('Một bài báo ngắn về cây cầu mới.', 'Thứ hai, 16/09/2024, 08:30 (GMT+7)', 'Theo Báo Sông Hồng')
    >>> article.published_date.start.isoformat()
    '2024-09-16T08:30:00+07:00'
    """

    text: str
    title: str | None
    published: str | None
    updated: str | None
    author: str | None
    credit: str | None
    reasons: tuple[str, ...] = field(repr=False)
    source_lines: tuple[str, ...] = field(repr=False)

    @property
    def lines(self) -> tuple[LineDecision, ...]:
        """A :class:`LineDecision` for every input line (built on access from ``reasons``)."""
        return tuple(
            LineDecision(n, raw, reason in KEPT_REASONS, reason)
            for n, (raw, reason) in enumerate(zip(self.source_lines, self.reasons, strict=True), 1)
        )

    @property
    def published_date(self) -> Any:
        """``published`` parsed by ``vntext.dates.parse_date`` (a ``DateMatch``), or ``None``."""
        return _parse_date(self.published)

    @property
    def updated_date(self) -> Any:
        """``updated`` parsed by ``vntext.dates.parse_date`` (a ``DateMatch``), or ``None``."""
        return _parse_date(self.updated)

    @property
    def dropped(self) -> tuple[LineDecision, ...]:
        """The non-blank lines that were dropped, with their reasons."""
        return tuple(d for d in self.lines if not d.kept and d.reason != "blank")

    def __repr__(self) -> str:
        kept = sum(1 for d in self.lines if d.kept)
        total = sum(1 for d in self.lines if d.text.strip())
        fields = [f"title={_short(self.title, 60)!r}"]
        for name in ("published", "updated", "author", "credit"):
            value = getattr(self, name)
            if value is not None:
                fields.append(f"{name}={value!r}")
        fields.append(f"kept {kept}/{total} lines")
        fields.append(f"text={_short(self.text, 60)!r}")
        return "Article(" + ", ".join(fields) + ")"

    def _repr_html_(self) -> str:
        rows = []
        for d in self.lines:
            if not d.text.strip():
                continue
            cell = html.escape(d.text)
            reason = html.escape(d.reason)
            if d.kept:
                rows.append(
                    f"<tr><td>{d.number}</td><td>{cell}</td><td></td>"
                    f"<td style='color:#888'>{reason}</td></tr>"
                )
            else:
                rows.append(
                    f"<tr><td>{d.number}</td><td></td><td style='color:#a33'>{cell}</td>"
                    f"<td style='color:#888'>{reason}</td></tr>"
                )
        meta = "".join(
            f"<li><b>{name}</b>: {html.escape(str(getattr(self, name)))}</li>"
            for name in ("title", "published", "updated", "author", "credit")
            if getattr(self, name) is not None
        )
        return (
            f"<div><ul>{meta}</ul><table><thead><tr><th>#</th><th>kept</th><th>dropped</th>"
            f"<th>reason</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )


def _short(text: str | None, n: int) -> str | None:
    if text is None or len(text) <= n:
        return text
    return text[: n - 1] + "…"


# --------------------------------------------------------------------------- line pass

_MAX_SHORT_WORDS = 30
# "... - Ảnh 1.", "... Ảnh: T.T.D", "(ảnh: TNCK)", "(Nguồn: BGR)", "(Hình ảnh Internet)" at the
# end of a line (on the folded tail). A bare "(hình 3)" is a figure reference in body text.
_CAPTION_WORD = r"(?:anh|hinh|hinh anh|photo|nguon|video|clip|do hoa|infographic)"
_CAPTION_END = r"\s{0,3}(?:\d{1,2}\s{0,3}[.:]?|:[^()\n]{1,60}|minh hoa|internet|tu lieu)"
_LINE_END = r"\s{0,3}\.?\s{0,3}$"
# Three patterns rather than one alternation: each starts with a literal or a character
# set, so the regex engine skips quickly to the places where a caption can start.
_CAPTION_AT_START = re.compile(_CAPTION_WORD + _CAPTION_END + _LINE_END)
_CAPTION_AFTER_SEP = re.compile(r"[-.,;|]\s{0,3}" + _CAPTION_WORD + _CAPTION_END + _LINE_END)
_CAPTION_IN_PARENS = re.compile(
    r"\(\s{0,3}(?:anh|hinh anh|photo|nguon|video|clip)"
    r"\s{0,3}(?:\d{1,2}|:[^()\n]{1,60}|minh hoa|internet|tu lieu)\s{0,3}\)" + _LINE_END
)


def _caption_tail(tail: str) -> bool:
    """The folded line ends like a caption."""
    return (
        _CAPTION_AT_START.match(tail) is not None
        or _CAPTION_AFTER_SEP.search(tail) is not None
        or _CAPTION_IN_PARENS.search(tail) is not None
    )


_CAPTION_HEAD = re.compile(r"\(?(?:anh|hinh|hinh anh|photo)\s{0,3}(?:\d{1,2}\s{0,3})?:")
_CREDIT_THEO = re.compile(r"\(?\s{0,3}(?:[Tt]heo|THEO|[Nn]guồn|NGUỒN)\s{1,3}(?:[A-ZĐÀ-Ỹ]|[a-z]+\.[a-z])")
_CREDIT_LABEL = re.compile(r"\(?\s{0,3}(?:cre|credit|credits|nguon|source|via)\s{0,3}:", re.IGNORECASE)
_CREDIT_TAIL = re.compile(r"\(?\s{0,3}tong hop\s{0,3}\)?\s{0,3}\.?$")
_ACRONYM = re.compile(r"[A-ZĐ]{2,6}\Z")
_AGENCY = re.compile(r"\(?[A-ZĐ][A-ZĐ0-9./]{1,11}\)?\Z")
_FILE = re.compile(r"\S{1,200}\.(?:jpe?g|png|gif|webp|bmp|svg|avif|heic|mp4|pdf)\Z", re.IGNORECASE)
_SLUG = re.compile(r"[a-z0-9]{1,40}(?:[-_][a-z0-9]{1,40}){2,40}\Z")
_URL = re.compile(
    r"(?:https?://|www\.)\S{1,300}\Z|[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.(?:vn|com|net|org|info|edu|gov|biz|io)"
    r"(?:\.vn)?/?\Z",
    re.IGNORECASE,
)
_CRUMB_SEP = re.compile(r"\s(?:>|>>|»|›|/)\s|\s?[»›]\s?")
_MENU_SEP = re.compile(r"\s[|·•]\s|\s?[|·•]\s?")
_COUNTER = re.compile(
    r"\d+(?: \d{3})* (?:comments?|binh luan|luot xem|lan xem|luot thich|views?|likes?|shares?|"
    r"luot chia se|phan hoi|replies|tra loi|luot truy cap|nguoi theo doi|followers|luot danh gia|"
    r"danh gia|luot mua|da ban|luot)\Z"
    r"|(?:luot xem|binh luan|views?|comments?|luot thich|da ban|da xem)(?: \d+(?: \d{3})*)\Z"
    r"|(?:dang online|online|hom nay|hom qua|trong tuan|tuan nay|tuan truoc|trong thang|thang nay|"
    r"thang truoc|tat ca|tong cong|tong truy cap|tong luot truy cap|luot truy cap|truy cap|"
    r"dang truy cap|khach|thanh vien)(?: \d+(?: \d{3})*)\Z"
    r"|\d+ \d+ ky tu\Z"
    r"|(?:\d+ ){1,3}(?:danh gia|luot danh gia|nhan xet|reviews?|ratings?|sao)\Z"
    r"|da ban (?:\d+ ){0,2}\d+ ?k?\Z"
)
_PAGINATION = re.compile(r"(?:trang|page) \d+ (?:\d+|tren \d+|of \d+)\b")
_UPDATE = re.compile(r"(?:ngay |lan )?(?:cap nhat|updated|last updated|sua lan cuoi)\b")
_SPLIT_BYLINE = re.compile(r"\s[-–—|]\s")
_ALNUM = re.compile(r"[^\W_]")
_ALPHA = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
# Cheap gates in front of costlier checks; a false hit only costs time. No leading \b: the
# regex engine then scans for the first letters quickly.
_STAMP_HINT = re.compile(r"\d\s?[/:h.-]\s?\d|thang|gmt|utc|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_CREDIT_HINT = re.compile(r"theo|nguon|cre|source|via|tong hop")
_NAV_CHARS = re.compile(r"[>»›/|·•]")
_HASHTAGS = re.compile(r"#[^\s#]{1,60}(?:\s{1,3}#[^\s#]{1,60}){1,30}\s*\Z")
_SOCIAL = frozenset(
    {"facebook", "twitter", "x", "zalo", "linkedin", "pinterest", "email", "messenger", "telegram",
     "tiktok", "youtube", "instagram", "copy", "link", "chia", "se", "share", "in", "print", "luu"}
)  # fmt: skip


# "<other headline> 3 giờ trước Thị trường": a feed item on one line (title, age, section).
_FEED_TAIL = re.compile(
    r" (?:\d{1,3}|mot|hai|ba|vai) (?:phut|gio|tieng|ngay|tuan|thang) truoc((?: [a-z0-9]{1,12}){0,4})\Z"
)
# A price on its own line: "189.000 đ", "Giá: 1.290.000 VNĐ" (bare digits are a "number").
_PRICE = re.compile(r"(?:gia (?:ban |km )?)?\d{1,3}(?: \d{3}){1,4} ?(?:d|vnd|dong|k)\Z")
# A press or website licence number in a footer line: "45/GP-BTTTT", "12/GP-TTĐT".
_LICENCE = re.compile(r"\d{1,5}/GP-?[A-ZĐ]")
# A thread's meta line: "Thảo luận trong '<forum>' bắt đầu bởi <user>, <date>".
_THREAD_META = re.compile(r"(?:thao luan trong|discussion in) .{1,100} (?:bat dau boi|started by) ")


def _feed_item(line: _Line) -> bool:
    """A feed item: a title of three or more words, a relative age, and a section name of
    at most four words, capitalised (or none). Body text ends in punctuation."""
    if _r.ends_sentence(line.s):
        return False
    m = _FEED_TAIL.search(line.key)
    if m is None or m.start() < 10:
        return False
    section = len(m.group(1).split())
    if section == 0:
        return True
    first = line.s.split()[-section][:1]  # "Thị trường", "Nhà nông": the name's first word
    return first.isupper() or first.isdigit()


def _maybe_relative(key: str) -> bool:
    """Cheap gate for a relative time (``... trước``, ``hôm qua``, ``ago``)."""
    return "truoc" in key or "hom qua" in key or "vua xong" in key or "ago" in key or "yesterday" in key


@dataclass(slots=True)
class _Line:
    raw: str
    s: str  # stripped
    words: int
    key: str  # fold_key of the line (of its head for paragraphs and long lines)
    para: bool
    tail: str  # lower-cased, mark-stripped last 90 characters
    number: int  # 1-based line number in the input
    reason: str | None = None
    weak_name: bool = False
    author: str | None = None
    credit: str | None = None
    stamp: str | None = None  # the quoted date string
    stamp_kind: str | None = None
    block: bool = False  # inside a related/toc block


def _title_case(s: str) -> bool:
    tokens = [t for t in s.split() if any(ch.isalpha() for ch in t)]
    return bool(tokens) and all(t[0].isupper() or any(ch.isdigit() for ch in t) for t in tokens)


def _prefix_reason(line: _Line, table: _r.Phrases) -> str | None:
    m = table.prefix_re.match(line.key)
    if m is None:
        return None
    phrase = m.group(0)
    reason, needs_colon = table.prefixes[phrase]
    if needs_colon:
        colon = line.s.find(":", 0, 60)
        if colon == -1 or _r.fold_key(line.s[:colon]) != phrase:
            return None
    elif line.words > 25 and ":" not in line.s[:60]:
        return None
    return reason


def _contains(key: str, table: _r.Phrases) -> str | None:
    """The reason of a phrase found inside the key (one trie-shaped regex search: a set
    test on first words rejects too few Vietnamese lines to pay for its split)."""
    hit = table.contains_re.search(" " + key)
    return None if hit is None else table.contains[hit.group(0)[1:]]


def _header_key(key: str) -> str:
    """A related/TOC header key without a trailing count (``Bình luận (3)``)."""
    return key.rstrip("0123456789 ")


def _line_pass(line: _Line, table: _r.Phrases, extra: frozenset[str]) -> None:
    s, key, words, tail = line.s, line.key, line.words, line.tail
    if line.para and words > 14:
        # A body-sized sentence: only a read-more/SEO prefix, a caption ending, footer
        # phrases or a keyword list can make it furniture.
        reason = _prefix_reason(line, table)
        if reason is None and _caption_tail(tail):
            reason = "caption"
        if reason is None and words <= _MAX_SHORT_WORDS:
            reason = _contains(key, table)
        if reason is None and not _r.ends_sentence(s) and s.count(", ") >= 4 and _tags(line):
            return
        if reason is None and extra and key in extra:
            reason = "site-model"
        line.reason = reason
        return
    if not key and _ALNUM.search(s) is None:
        line.reason = "separator"
        return
    if key in extra:
        line.reason = "site-model"
        return
    short = words <= _MAX_SHORT_WORDS and len(s) <= _LONG_CHARS
    if short:
        reason = table.lines.get(key)
        if reason is not None:
            line.reason = reason
            return
        hkey = key.rstrip("0123456789 ")  # _header_key, inlined on this hot path
        if hkey in table.related:
            line.reason = "related-header"
            return
        if hkey in table.toc:
            line.reason = "toc-header"
            return
        if _maybe_relative(key):
            if words <= 10 and _r.RELATIVE_AT_START.match(key):
                line.reason = "feed-time"
                return
            if words >= 5 and _feed_item(line):
                line.reason = "feed-item"
                return
        digits = _DIGIT.search(key) is not None  # the key holds every digit of a short line
        if words <= 14 and digits and _STAMP_HINT.search(tail):
            # An update stamp first: "cập nhật" is also a dateline filler word.
            if _UPDATE.match(key):
                colon = s.find(":")
                rest = s[colon + 1 :] if colon != -1 else s
                stamp = _r.scan_stamp(rest)
                if stamp is not None and stamp.kind == "date":
                    line.reason = "updated"
                    line.stamp = rest[stamp.start : stamp.end].strip()
                    return
            stamp = _r.scan_stamp(s, tail if len(tail) == len(s) else None) if _r.may_be_stamp(key) else None
            if stamp is not None:
                line.stamp_kind = stamp.kind
                if stamp.kind in ("date", "month"):
                    line.reason = "timestamp"
                    line.stamp = s[stamp.start : stamp.end].strip()
                else:
                    line.reason = "feed-time" if stamp.kind == "relative" else "hours"
                return
            # "VNF (ghi) - 19/06/2022 16:49 (GMT+7)": a byline glued to the dateline.
            parts = _SPLIT_BYLINE.split(s, maxsplit=1)
            if len(parts) == 2:
                stamp = _r.scan_stamp(parts[1])
                if stamp is not None and stamp.kind == "date" and _r.name_strength(parts[0])[0]:
                    line.reason = "byline"
                    line.author = parts[0].strip()
                    line.stamp = parts[1][stamp.start : stamp.end].strip()
                    line.stamp_kind = "date"
                    return
        if words <= 14 and digits and (_COUNTER.match(key) or _PAGINATION.match(key)):
            line.reason = "counter"
            return
        if words <= 4 and digits and _PRICE.match(key):
            line.reason = "price"
            return
        if "/GP" in s and _LICENCE.search(s):
            line.reason = "copyright"  # a site's licence line: "Giấy phép ... số 12/GP-BTTTT"
            return
        if ("bat dau boi" in key or "started by" in key) and _THREAD_META.search(key):
            line.reason = "widget"
            return
    if not key.strip("0123456789 ") and _ALPHA.search(s) is None:
        line.reason = "number"
        return
    reason = _prefix_reason(line, table)
    if reason is not None:
        line.reason = reason
        return
    if _caption_tail(tail) or (
        short and key[:1] in "ahp" and _CAPTION_HEAD.match(tail if len(s) <= 90 else _r.fold_lower(s[:24]))
    ):
        line.reason = "caption"
        return
    if not short:
        return
    # Credits and sources.
    if words <= 10 and not s.endswith(":") and _CREDIT_HINT.search(key):
        if (_CREDIT_THEO.match(s) and "," not in s and words <= 7 and not _DIGIT.search(s)) or (
            _CREDIT_LABEL.match(s)
        ):
            line.reason = "credit"
            line.credit = s
            return
        if _CREDIT_TAIL.search(tail) and words <= 8 and not _r.is_list_item(s) and _credited_name(s):
            line.reason = "credit"
            line.credit = s
            return
    if s[0] == "#" and _HASHTAGS.match(s):
        line.reason = "tags"
        return
    if key and key.partition(" ")[0] in _SOCIAL and _SOCIAL.issuperset(key.split()):
        line.reason = "widget"  # a row of share buttons: "Facebook Twitter Zalo"
        return
    if len(s) <= 6 and _ACRONYM.match(s):
        line.reason = "caption"  # a lone agency/photo credit such as "VNF" under an image
        return
    if "©" in s:
        line.reason = "copyright"
        return
    hit = _contains(key, table)
    if hit is not None:
        line.reason = hit
        return
    if " " not in s:
        if _FILE.match(s):
            line.reason = "image-file"
            return
        if _URL.match(s):
            line.reason = "url"
            return
        if _SLUG.match(s):
            line.reason = "image-file"
            return
    # Breadcrumbs (two or more short items between arrows) and menus (four or more
    # between bars or dots; three bar-separated cells are more likely a table row).
    if words <= 25 and _NAV_CHARS.search(s):
        items = [p for p in _CRUMB_SEP.split(s) if p.strip()]
        if len(items) >= 2 and all(len(p.split()) <= 5 for p in items):
            line.reason = "navigation"
            return
        items = [p for p in _MENU_SEP.split(s) if p.strip()]
        if len(items) >= 4 and all(len(p.split()) <= 3 for p in items):
            line.reason = "navigation"
            return
    if not _r.ends_sentence(s) and s.count(", ") >= 4 and _tags(line):
        return
    if words <= 8:
        # "Tường Vy – SGGPO": a byline with the agency's short name.
        parts = _SPLIT_BYLINE.split(s, maxsplit=1)
        if len(parts) == 2 and _AGENCY.match(parts[1].strip()) and _r.name_strength(parts[0])[0]:
            line.reason = "byline"
            line.author = parts[0].strip()
            line.credit = parts[1].strip()
            return
        if not s[0].isupper():
            return
        strength, start = _r.name_strength(line.raw)
        if strength == 2:
            line.reason = "byline"
            line.author = line.raw[start:].strip()
        elif strength and not line.s.isupper():  # a short all-capital line is a heading
            line.weak_name = True
            line.author = line.raw[start:].strip()


_LONG_CHARS = 240  # longer lines are judged as paragraphs: caption and prefix checks only
_FOLD_CHARS = 160  # the key of a longer line is its head (prefix and phrase checks)
_HEAD_CHARS = 80  # ... folded from its first 80 and last 90 characters only
_SENTENCE_END = frozenset(".!?…:;")  # "?" then rejected: see the paragraph test


def _credited_name(s: str) -> bool:
    """``VIC Crypto tổng hợp``, ``PV (tổng hợp)``, ``(Tổng hợp)``: a name (capitalised word) or
    nothing before "tổng hợp", not a phrase such as ``kinh doanh tổng hợp``."""
    words = s.replace("(", " ").replace(")", " ").split()
    return len(words) <= 2 or words[-3][:1].isupper()


def _tags(line: _Line) -> bool:
    """Tag/keyword lines: five or more short comma-separated items, no sentence end."""
    items = line.s.split(", ")
    if len(items) < 5:
        return False
    sizes = [len(p.split()) for p in items]
    # Keyword lists mix multi-word phrases in both cases; single words are an ingredient or
    # a word list, all-capitalised items a list of names.
    if (
        all(1 <= n <= 6 for n in sizes)
        and sum(sizes) >= 2 * len(sizes)
        and any(p[:1].islower() for p in items)
    ):
        line.reason = "tags"
        return True
    return False


def _make_lines(text: str, paragraph_words: int) -> tuple[list[str], list[_Line]]:
    """The input lines, and a record for each non-blank one (blank lines are skipped by
    every rule, so leaving them out makes "the next line" simply ``i + 1``)."""
    raws = text.split("\n")
    if len(raws) > 1 and raws[-1] == "":
        raws.pop()  # a final newline ends the last line; it does not start another
    stripped = [raw.strip() for raw in raws]
    # Fold once per page (C-level work) rather than once per line; "\n" survives folding, so
    # folded lines align with the input. Long lines only need their head and tail folded.
    limit = _HEAD_CHARS + 90
    compact = "\n".join([x if len(x) <= limit else f"{x[:_HEAD_CHARS]} {x[-90:]}" for x in stripped])
    folded = _r.fold_lower(compact)
    folded_lines = folded.split("\n")
    key_lines = folded.translate(_r.KEY_TABLE).split("\n")
    if len(folded_lines) != len(raws) or len(key_lines) != len(raws):  # pragma: no cover - defensive
        folded_lines = [_r.fold_lower(x) for x in stripped]
        key_lines = [x.translate(_r.KEY_TABLE) for x in folded_lines]
    out: list[_Line] = []
    append = out.append
    for i, s in enumerate(stripped):
        if not s:
            continue
        # Counting spaces is much cheaper than splitting (no word strings are built).
        words = s.count(" ") + 1 if "  " not in s else len(s.split())
        # A body paragraph: long, or a sentence (a question or an all-capital line of this
        # size is more likely a headline).
        para = words >= 20 or (
            words >= paragraph_words
            and (s[-1] in _SENTENCE_END or (s[-1] in _r.TRAILING_CLOSERS and _r.ends_sentence(s)))
            and s[-1] != "?"
            and not s.isupper()
        )
        key = key_lines[i]
        # A paragraph's key only serves prefix and phrase checks: no need to tidy it.
        key = key[:_FOLD_CHARS].strip() if para else " ".join(key.split())
        fline = folded_lines[i]
        append(_Line(raws[i], s, words, key, para, fline[-90:], i + 1))
    return raws, out


# --------------------------------------------------------------------------- context passes

_CHROME = frozenset(
    {"widget", "counter", "navigation", "pagination", "url", "contact", "hours", "separator", "number",
     "site-model", "image-file", "copyright", "seo"}
)  # fmt: skip
_META = frozenset({"timestamp", "counter", "byline", "credit", "updated", "hours", "feed-time", "widget"})
_TAILISH = frozenset(
    {"counter", "comment", "widget", "related", "feed-item", "price", "related-header", "copyright",
     "contact", "call-to-action", "navigation", "site-model", "separator", "number", "tags", "url"}
)  # fmt: skip
_LETTERHEAD = frozenset({"contact", "url", "hours"})


def _next_nonblank(lines: list[_Line], i: int, step: int) -> int:
    j = i + step
    return j if 0 <= j < len(lines) else -1


def _is_teaser(s: str) -> bool:
    return s.endswith(("...", "…", "..")) and len(s.split()) >= 6


def _is_link_like(line: _Line) -> bool:
    """A line that can be an item of a list of other articles (not a body paragraph)."""
    if not line.para:
        return True
    s = line.s.rstrip()
    return _is_teaser(s) or (s.endswith("?") and line.words <= 30)


def _blocks(lines: list[_Line], first_para: int) -> None:
    """Related-article lists and generated tables of contents, opened by their header."""
    n = len(lines)
    i = 0
    while i < n:
        line = lines[i]
        if line.reason == "toc-header":
            line.reason = "toc"
            first_item: str | None = None
            j = i + 1
            while j < n:
                item = lines[j]
                if not item.s:
                    j += 1
                    continue
                bare = _strip_marker(item.s)
                if item.para or (first_item is not None and bare == first_item) or item.words > 20:
                    break
                if first_item is None:
                    first_item = bare
                if item.reason is None:
                    item.reason = "toc"
                item.block = True
                j += 1
            i = j
            continue
        if line.reason == "related-header":
            line.reason = "related"
            if first_para == -1 or i < first_para:
                i += 1
                continue  # a sidebar header above the article: its items are not ours to judge
            j = i + 1
            count = 0
            while j < n and count < 40:
                item = lines[j]
                if not item.s:
                    j += 1
                    continue
                # A body paragraph ends the list; so does a line introducing a section
                # ("Nguyên liệu:"), which a link never does.
                if item.reason is None and (not _is_link_like(item) or item.s.endswith(":")):
                    break
                if item.reason is None or item.reason == "related-header":
                    item.reason = "related"
                item.block = True
                count += 1
                j += 1
            i = j
            continue
        i += 1


_MARKER = re.compile(r"\s*(?:[-–—•·+*]\s*)?")


def _strip_marker(s: str) -> str:
    return " ".join(s[_MARKER.match(s).end() :].split())  # type: ignore[union-attr]


def _sapo_links(lines: list[_Line], first_para: int) -> None:
    """``- <other headline>?`` links printed right after the sapo."""
    if first_para == -1:
        return
    j = _next_nonblank(lines, first_para, 1)
    while j != -1:
        line = lines[j]
        s = line.s
        if (
            line.reason is None
            and s[:1] in "-–—•"
            and line.words >= 8
            and (s.rstrip().endswith("?") or "'" in s or "‘" in s)
            and not s.rstrip().endswith((".", ";", ":", ","))
        ):
            line.reason = "related"
            j = _next_nonblank(lines, j, 1)
        else:
            break


def _feed_cards(lines: list[_Line]) -> None:
    """``title / snippet… / 11 giờ trước``: other-article cards ending in a feed time.

    One-line items (``<title> 3 giờ trước <section>``) count only when the page has two or
    more: a single headline such as ``... 2 ngày trước Tết`` is not a feed.
    """
    items = [line for line in lines if line.reason == "feed-item"]
    if len(items) == 1:
        items[0].reason = None
        items = []
    for i, line in enumerate(lines):
        if line.reason == "feed-item":
            j = _next_nonblank(lines, i, -1)
            if j != -1 and lines[j].reason is None and _is_teaser(lines[j].s):
                lines[j].reason = "related"
            continue
        if line.reason != "feed-time":
            continue
        j = _next_nonblank(lines, i, -1)
        if _comment_card(lines, i):
            continue
        if j != -1 and lines[j].reason is None and _is_teaser(lines[j].s):
            lines[j].reason = "related"
            j = _next_nonblank(lines, j, -1)
        if j != -1 and lines[j].reason is None and lines[j].words <= 30 and _is_link_like(lines[j]):
            lines[j].reason = "related"


_REACTIONS = frozenset({"widget", "counter"})


def _comment_card(lines: list[_Line], i: int) -> bool:
    """``<user> / 2 giờ trước / <comment> / Trả lời``: a reader comment with no comment
    header above it. The age line at ``i`` sits under a short name and over a text that a
    reply/like widget closes; all three are comment furniture."""
    j, k = i - 1, i + 1
    if j < 0 or k + 1 >= len(lines):
        return False
    user, text, after = lines[j], lines[k], lines[k + 1]
    if (
        user.reason not in (None, "byline")
        or user.words > 4
        or _r.ends_sentence(user.s)
        or text.reason is not None
        or after.reason not in _REACTIONS
    ):
        return False
    user.reason = text.reason = "comment"
    return True


# Site names: a media word before a capitalised name ("Báo Sông Hồng", "Tạp chí Gia Đình",
# "Diễn đàn Xe Việt"), a portal's own wording ("Cổng thông tin điện tử tỉnh ..."), or a
# site suffix ("... Online", "... Điện Tử", "... News", "DiBui.com").
_SITE_HEADS = ("bao ", "tap chi ", "dien dan ", "tuan bao ", "nhat bao ", "blog ")
# "Báo cáo", "báo giá", "báo động", "báo chí" are words, not a newspaper's name.
_NOT_PAPER = frozenset({"cao", "gia", "dong", "chi", "hieu", "thuc", "an", "tin", "danh"})
_PORTAL_HEADS = ("cong thong tin", "trang thong tin", "cong ttdt", "trang tin dien tu")
_SITE_TAIL = re.compile(r"(?:\bonline|\bdien tu|\bnews|\btv|\bmedia|\bmagazine|\.(?:vn|com|net|org))\Z")
_SLOGAN_SEP = re.compile(r"\s[-–—|·•/]\s")
# A full stop inside the line: two sentences make a paragraph, not a headline.
_INNER_STOP = re.compile(r"[a-zà-ỹđ)]{2}[.!] ")


def _site_name_shape(line: _Line) -> bool:
    """A line shaped like a site's name (short, no sentence end)."""
    if line.words > 8 or line.para or _r.ends_sentence(line.s):
        return False
    key = line.key
    if key.startswith(_PORTAL_HEADS) or _SITE_TAIL.search(line.tail):
        return True
    if key.startswith(("bao dien tu ", "tap chi dien tu ")):
        # "Báo điện tử Chính phủ": a name follows; "Báo điện tử cần ..." is a sentence.
        name = line.s.split()[4 if key.startswith("tap") else 3 :]
        return bool(name) and name[0][:1].isupper()
    if line.words <= 5 and key.startswith(_SITE_HEADS):
        tokens = line.s.split()
        if key.startswith("bao "):
            # "Báo" itself (not "Bảo", which folds alike), before a name.
            if tokens[0] not in ("Báo", "BÁO") or key.split(" ", 2)[1] in _NOT_PAPER:
                return False
            rest = tokens[1:]
        else:
            rest = tokens[1:] if key.startswith("blog ") else tokens[2:]
        return bool(rest) and all(t[:1].isupper() or t[:1].isdigit() for t in rest)
    return False


def _menu_like(line: _Line) -> bool:
    """A menu item, section label or slogan: at most four words, or short pieces between
    separators (``Tin nhanh - Chính xác - Tin cậy``); never a sentence or a list item."""
    s = line.s
    if line.para or _r.ends_sentence(s) or _r.is_list_item(s) or s.endswith(("...", "…")):
        return False
    if s[0].isdigit():
        return False  # "500 g thịt", "2 quả trứng": quantities, not menu items
    if line.words <= 4:
        return True
    return _slogan(s)


def _slogan(s: str) -> bool:
    """Two or more capitalised pieces of at most four words between separators."""
    if not _SLOGAN_SEP.search(s):
        return False
    pieces = [p.strip() for p in _SLOGAN_SEP.split(s)]
    return len(pieces) >= 2 and all(
        p and len(p.split()) <= 4 and (p[0].isupper() or p[0].isdigit()) for p in pieces
    )


def _title_like(line: _Line, min_words: int) -> bool:
    """A headline: several words, no sentence end other than ``?``/``!``, not a list item,
    a teaser, a site name or a slogan."""
    s = line.s
    if not (min_words <= line.words <= 40):
        return False
    end = s.rstrip(_END_CLOSERS)[-1:]  # the last mark before closing quotes and brackets
    if not end or end in ".:;,…":
        return False
    if line.para and end not in "?!":
        return False  # twenty words and more with no end mark: a cut paragraph, a spec line
    if _r.is_list_item(s) or _site_name_shape(line) or _INNER_STOP.search(s) or s.count(": ") >= 2:
        return False
    return not _slogan(s)


_STAMPED = frozenset({"timestamp", "byline", "updated"})
# Reasons that show a page's furniture above the headline (a crawl-day date header or a
# lone emoji does not: a blog post or a poem can sit under one).
_MENU_EVIDENCE = frozenset(
    {"widget", "navigation", "pagination", "url", "contact", "hours", "site-model", "copyright",
     "seo", "related", "site-name", "counter", "image-file"}
)  # fmt: skip
_END_CLOSERS = _r.TRAILING_CLOSERS + " "


def _dated(lines: list[_Line], i: int) -> bool:
    """A dateline right above or right below line ``i``."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines) and lines[j].reason in _STAMPED and lines[j].stamp is not None:
            return True
    return False


def _top_chrome(lines: list[_Line], first_para: int) -> tuple[int, bool]:
    """Menus, section labels, slogans and site names printed above the headline.

    The headline is the title-like line nearest the first paragraph (the paragraph itself
    when it reads as a headline); a line of three or more words right after or before a
    dateline counts too. When every kept line from the top of the page down to it is
    menu-like (short, no sentence) or shaped like a site name, *and* the page shows it is
    a page (a dateline at the headline, a site name, a line the phrase tables or shapes
    already dropped as furniture), those lines are page chrome. Any other kept line on the
    way (a first heading, a sentence), or no such evidence (a poem's short verses, a Q&A's
    ``Hỏi`` label), means the top of the page is content, and nothing changes.

    Returns the headline's index (-1: none) and whether the evidence was there.
    """
    if first_para == -1:
        return -1, False
    head = -1
    dated = False
    for i in range(first_para, -1, -1):
        line = lines[i]
        if line.reason is not None or line.words < 3:
            continue
        if i < first_para and line.para:
            break
        dated = _dated(lines, i)
        if _title_like(line, 3 if dated else 5):
            head = i
            break
    if head <= 0:
        return head, False
    # Between a headline and its first paragraph sit a dateline, a byline, a user name,
    # widgets, at most one subtitle. More means the "headline" is a line inside a list or a
    # recipe, and the short lines above it are content.
    between = [ln for ln in lines[head + 1 : first_para] if ln.reason is None]
    if sum(1 for ln in between if not ln.weak_name and ln.words > 1) > 1:
        return -1, False
    marks: list[tuple[int, str]] = []
    chrome = dated  # evidence that the top is a page's furniture, not the text's own lines
    sidebar = False  # under a "Tin nổi bật"-style header: the lines are other articles
    for i in range(head):
        line = lines[i]
        if line.reason is not None:
            chrome = chrome or line.reason in _MENU_EVIDENCE
            sidebar = sidebar or line.reason == "related"
            continue
        if _site_name_shape(line):
            marks.append((i, "site-name"))
        elif _menu_like(line):
            marks.append((i, "navigation"))
        elif sidebar and not line.para and not _r.ends_sentence(line.s):
            marks.append((i, "related"))
        else:
            return head, False
    chrome = chrome or any(reason == "site-name" for _, reason in marks)
    if not chrome:
        return head, False
    for i, reason in marks:
        lines[i].reason = reason
    return head, True


def _header_zone(lines: list[_Line], first_para: int) -> None:
    if first_para == 0:
        return  # the page opens with a paragraph: no header above it
    head, page_chrome = _top_chrome(lines, first_para)
    end = first_para if first_para != -1 else len(lines)
    # Letterhead: the site's name and slogan stacked above its phone/address/URL line (but
    # not the headline's place, the last line before the first paragraph).
    headline_slot = -1
    if end == len(lines) or _r.ends_sentence(lines[end].s):  # else the long line is the headline
        headline_slot = next((i for i in range(end - 1, -1, -1) if lines[i].reason is None), -1)
    for i in range(end):
        if lines[i].reason in _LETTERHEAD:
            j = _next_nonblank(lines, i, -1)
            while (
                j != -1
                and j != headline_slot
                and lines[j].reason is None
                and lines[j].words <= 10
                and not _r.ends_sentence(lines[j].s)
            ):
                lines[j].reason = "site-name"
                j = _next_nonblank(lines, j, -1)
    # A menu printed one item per line: a run of four or more very short lines (no sentence,
    # no list marker, no number) above the article; the headline's place is left alone.
    # Ingredient lines and verses look the same, so the run needs evidence of a menu: an item
    # the phrase tables know ("Trang chủ", "Đăng nhập"), or the page chrome found above the
    # headline (see _top_chrome).
    run: list[int] = []
    for i in range(end + 1):
        line = lines[i] if i < end else None
        if (
            line is not None
            and line.words <= 4
            and line.reason in (None, "widget", "navigation")
            and not _r.ends_sentence(line.s)
            and not line.s[0].isdigit()
            and not _r.is_list_item(line.s)
        ):
            run.append(i)
            continue
        if len(run) >= 4 and (
            (page_chrome and head > run[-1]) or any(lines[j].reason is not None for j in run)
        ):
            for j in run:
                if lines[j].reason is None and j != headline_slot:
                    lines[j].reason = "navigation"
        run = []
    candidates = [i for i in range(end) if lines[i].s and lines[i].reason is None]
    # A short line walled in by page furniture (a user card, a widget row); the headline
    # (else the last candidate before the first paragraph, its likely place) is left alone.
    protected = head if head != -1 else (candidates[-1] if candidates else -1)
    for i in candidates:
        if i == protected or lines[i].words > 10:
            continue
        p, q = _next_nonblank(lines, i, -1), _next_nonblank(lines, i, 1)
        if p != -1 and q != -1 and lines[p].reason in _CHROME and lines[q].reason in _CHROME:
            lines[i].reason = "widget"
    candidates = [i for i in candidates if lines[i].reason is None]
    # A short Title-Case label right above a longer headline: the site name or section.
    # Only above the first long line: below it, short lines are the article's own labels.
    first_long = next((k for k, i in enumerate(candidates) if lines[i].words >= 6), len(candidates))
    candidates = candidates[: first_long + 1]
    for a, b in itertools.pairwise(candidates):
        la, lb = lines[a], lines[b]
        if (
            2 <= la.words <= 4  # a one-word label ("Hỏi", "Video") is the text's own
            and lb.words >= 6
            and _title_case(la.s)
            and not _r.ends_sentence(la.s)
            and not _r.is_list_item(la.s)
        ):
            la.reason = "site-name"


def _weak_bylines(lines: list[_Line], first_kept: int) -> None:
    seen_para = False
    later_text = [False] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        later_text[i] = later_text[i + 1] or (lines[i].reason is None and lines[i].words >= 6)
    for i, line in enumerate(lines):
        if line.reason is None and line.para:
            seen_para = True
        if not line.weak_name or line.reason is not None or i == first_kept or line.words > 4:
            continue
        p, q = _next_nonblank(lines, i, -1), _next_nonblank(lines, i, 1)
        near_meta = (p != -1 and lines[p].reason in _META and lines[p].reason != "widget") or (
            q != -1 and lines[q].reason in _META
        )
        # The byline slot: right under a real headline, right above the first paragraph.
        under_headline = (
            p == first_kept
            and lines[first_kept].words >= 6
            and q != -1
            and lines[q].reason is None
            and lines[q].para
            and 2 <= line.words <= 4
        )
        if near_meta or under_headline or (seen_para and not later_text[i + 1]):
            line.reason = "byline"


_ODD_SPACE = re.compile(r"\s\s|[^\S ]")


def _norm(s: str) -> str:
    """The repeat key: NFC with whitespace runs collapsed."""
    s = unicodedata.normalize("NFC", s)
    return " ".join(s.split()) if _ODD_SPACE.search(s) else s


def _repeats(lines: list[_Line]) -> None:
    # Equal lines have equal keys, so the (costlier) NFC key is computed on key collisions
    # only; a key's earlier lines become a set of NFC keys at its first collision.
    seen: dict[str, str | set[str]] = {}
    first = True
    n = len(lines)
    for i in range(n):
        line = lines[i]
        if line.reason is not None:
            continue
        earlier = seen.get(line.key)
        norm: str | None = None
        if earlier is not None:
            if isinstance(earlier, str):
                earlier = seen[line.key] = {_norm(earlier)}
            norm = _norm(line.s)
            if norm in earlier:
                line.reason = "repeat"
                continue
        q = i + 1
        if (
            not first
            and q < n
            and lines[q].reason is None
            and lines[q].key == line.key
            and _norm(lines[q].s) == (norm or _norm(line.s))
        ):
            # The same line twice in a row inside the body: image alt text plus caption.
            line.reason = "image-alt"
            lines[q].reason = "image-alt"
            continue
        if earlier is None:
            seen[line.key] = line.s
        else:
            earlier.add(norm or _norm(line.s))
        first = False


def _tail_sweep(lines: list[_Line]) -> None:
    """Sidebar links left just above a footer block at the end of the page."""
    last = len(lines) - 1
    while True:
        while last >= 0 and lines[last].reason is not None:
            last -= 1
        if last <= 0:  # nothing kept, or only one kept line: leave it
            return
        line = lines[last]
        after = lines[last + 1 : last + 3]
        if (
            len(after) == 2
            and after[0].reason in _TAILISH
            and after[1].reason in _TAILISH
            and line.words <= 12
            and not _r.ends_sentence(line.s)
            and not _r.is_list_item(line.s)
            and any(ln.reason is None for ln in lines[:last])
        ):
            line.reason = "sidebar"
        else:
            return


_POST_MARK = re.compile(r"(?:\d{1,4}\.\s{0,3})?#\d{1,6}\Z")
_COMMENT_HEADERS = frozenset(
    {"binh luan", "y kien", "y kien ban doc", "nhan xet", "comments", "comment", "phan hoi",
     "binh luan cua ban", "gui binh luan", "viet binh luan", "dang nhan xet", "tra loi",
     "de lai binh luan", "de lai mot binh luan", "leave a reply", "leave a comment",
     "danh gia san pham", "nhan xet san pham"}
)  # fmt: skip
_COMMENT_COUNT = re.compile(
    r"(?:\d+ (?:binh luan|y kien|nhan xet|comments?|phan hoi|tra loi)|"
    r"(?:binh luan|y kien|nhan xet|comments?|phan hoi) \d+)\Z"
)


def _replies(lines: list[_Line], first_para: int, short_lines: list[int], seen_chrome: bool = True) -> None:
    """Forum replies after the opening post, and reader comments after the article.

    A second post card (``#2``) ends the opening post. A comment-section header opens the
    comments only once most of the article's paragraph text is behind it, so a share/comment
    button row under the sapo never cuts the body.
    """
    if first_para == -1 or (not seen_chrome and not any("#" in lines[i].s for i in short_lines)):
        return
    posts = [i for i in short_lines if "#" in lines[i].s and _POST_MARK.match(lines[i].s)]
    start = posts[1] if len(posts) >= 2 and posts[1] > first_para else -1
    if start != -1:
        start = _card_start(lines, start, first_para)
    # A comment header was dropped as a widget ("Bình luận") or a counter ("12 bình luận").
    headers = [
        i
        for i in short_lines
        if i > first_para
        and lines[i].reason in ("widget", "counter")
        and (_header_key(lines[i].key) in _COMMENT_HEADERS or _COMMENT_COUNT.match(lines[i].key))
    ]
    if start == -1 and headers:
        total = sum(len(ln.s) for ln in lines if ln.reason is None and ln.para)
        seen = 0
        h = 0
        for i, ln in enumerate(lines):
            if ln.reason is None and ln.para:
                seen += len(ln.s)
            if i == headers[h]:
                if seen >= 0.6 * total:
                    start = i
                    break
                h += 1
                if h == len(headers):
                    break
    if start == -1:
        return
    for ln in lines[start:]:
        if ln.s and ln.reason is None:
            ln.reason = "comment"
        ln.block = True


def _card_start(lines: list[_Line], mark: int, first_para: int) -> int:
    """Where the post card of the reply marked ``#2`` begins: forums print the user's name,
    rank and date above the mark as well as below it. Short lines right above the mark
    belong to the card when one of them is already furniture (a date, a rank)."""
    k = mark
    chrome = False
    while k - 1 > first_para and mark - k < 5:
        above = lines[k - 1]
        if above.para or above.words > 4 or _r.ends_sentence(above.s):
            break
        chrome = chrome or above.reason is not None
        k -= 1
    return k if chrome else mark


_ANSWER_LABELS = frozenset({"tra loi", "dap", "giai dap", "loi giai", "tra loi cau hoi"})


def _answer_labels(lines: list[_Line]) -> None:
    """``Trả lời`` between a question and a paragraph heads the answer of a Q&A page (a
    section label, kept), not a reply button."""
    for i in range(1, len(lines) - 1):
        line = lines[i]
        if (
            line.reason == "widget"
            and line.key in _ANSWER_LABELS
            and lines[i - 1].s.rstrip(_END_CLOSERS).endswith("?")
            and lines[i - 1].reason is None
            and lines[i + 1].reason is None
            and lines[i + 1].para
        ):
            line.reason = None


def _first_para(lines: list[_Line]) -> int:
    for i, line in enumerate(lines):
        if line.reason is None and line.para:
            return i
    return -1


@functools.cache
def _extra_keys(drop_lines: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_r.fold_key(x) for x in drop_lines)


def _full_key(line: _Line) -> str:
    return line.key if len(line.s) <= _LONG_CHARS else _r.fold_key(line.s)


def _classify(text: str, config: BoilerplateConfig, site: _SiteSets | None) -> tuple[list[str], list[_Line]]:
    table = _r.phrases()
    extra = _extra_keys(config.drop_lines)
    raws, lines = _make_lines(text, config.paragraph_words)
    short_lines = []  # indexes of lines of at most six words (post marks, comment headers)
    seen: set[str | None] = set()  # reasons met, to skip passes with nothing to do
    first_para = -1
    for i, line in enumerate(lines):
        _line_pass(line, table, extra)
        if site is not None and line.reason is None and site.matches(_full_key(line)):
            line.reason = "site-model"
        if line.words <= 6:
            short_lines.append(i)
        reason = line.reason
        seen.add(reason)
        if reason is None and line.para and first_para == -1:
            first_para = i  # what _first_para returns, found on the way
        if line.weak_name:
            seen.add("weak-name")
    if "related-header" in seen or "toc-header" in seen:
        _blocks(lines, first_para)
    _sapo_links(lines, first_para)
    if "feed-time" in seen or "feed-item" in seen:
        _feed_cards(lines)
    if "widget" in seen:
        _answer_labels(lines)
    _replies(lines, first_para, short_lines, "widget" in seen or "counter" in seen)
    _header_zone(lines, first_para)
    first_kept = next((i for i, ln in enumerate(lines) if ln.reason is None), -1)
    if "weak-name" in seen:
        _weak_bylines(lines, first_kept)
    if "repeat" not in config.keep_reasons:
        _repeats(lines)
    _tail_sweep(lines)
    if config.keep_reasons:
        for line in lines:
            if line.reason in config.keep_reasons:
                line.reason = None
    return raws, lines


# --------------------------------------------------------------------------- metadata


def _parse_date(value: str | None) -> Any:
    if value is None:
        return None
    try:
        from vntext.dates import parse_date  # the dates capability; optional at this layer
    except ImportError:
        return None
    try:
        return parse_date(value)
    except Exception:  # a date we cannot read must not cost the user the article
        return None


_META_REASONS = frozenset({"timestamp", "byline", "credit", "updated"})


def _metadata(lines: list[_Line]) -> dict[str, Any]:
    first_kept = -1
    stamps: list[int] = []
    updated = author = credit = None
    for i, ln in enumerate(lines):
        reason = ln.reason
        if reason is None:
            if first_kept == -1:
                first_kept = i
            continue
        if reason not in _META_REASONS:
            continue
        if ln.stamp is not None and ln.stamp_kind == "date" and reason != "updated" and not ln.block:
            stamps.append(i)
        if reason == "updated" and updated is None:
            updated = ln.stamp
        if reason == "byline" and author is None and ln.author and not ln.block:
            author = ln.author
        if credit is None and ln.credit:
            credit = ln.credit
    title = None
    if first_kept != -1:
        head = lines[first_kept]
        if head.words <= 40 and not (head.para and head.s.endswith(".")):
            title = head.s
    published = None
    if stamps:
        # A dateline under the headline beats a date header above it (the crawl-day "today").
        after = [i for i in stamps if first_kept != -1 and i > first_kept]
        before = [i for i in stamps if first_kept == -1 or i < first_kept]
        published = lines[after[0] if after else before[-1]].stamp
    return {"title": title, "published": published, "updated": updated, "author": author, "credit": credit}


def _article(classified: tuple[list[str], list[_Line]]) -> Article:
    raws, lines = classified
    meta = _metadata(lines)
    reasons = ["blank"] * len(raws)
    kept_text: list[str] = []
    for line in lines:
        if line.reason is None:
            reasons[line.number - 1] = "title" if meta["title"] is not None and not kept_text else "text"
            kept_text.append(line.raw)
        else:
            reasons[line.number - 1] = line.reason
    return Article(
        text="\n".join(kept_text),
        title=meta["title"],
        published=meta["published"],
        updated=meta["updated"],
        author=meta["author"],
        credit=meta["credit"],
        reasons=tuple(reasons),
        source_lines=tuple(raws),
    )


def strip_boilerplate(text: str, config: BoilerplateConfig | None = None, **options: Any) -> Article:
    """Keep the article lines of a scraped page and say why every other line was dropped.

    ``text`` is split on ``\\n`` only; kept lines are returned verbatim, in order. Options
    are the fields of :class:`BoilerplateConfig` as keywords.

    >>> art = strip_boilerplate("\\n".join(["banner", "Giá vàng tăng mạnh",
    ...     "Giá vàng hôm nay tăng 500.000 đồng mỗi lượng so với hôm qua.", "Tin liên quan:",
    ...     "Giá USD giảm nhẹ"]))
    >>> [(d.number, d.kept, d.reason) for d in art.lines]  # doctest: +NORMALIZE_WHITESPACE
    [(1, False, 'widget'), (2, True, 'title'), (3, True, 'text'), (4, False, 'related'),
     (5, False, 'related')]
    >>> strip_boilerplate("").text
    ''
    """
    text = ensure_str(text, "strip_boilerplate")
    config = _config(config, options)
    return _article(_classify(text, config, None))


def _config(config: BoilerplateConfig | None, options: dict[str, Any]) -> BoilerplateConfig:
    config = config or _DEFAULT_CONFIG
    if options:
        if "keep_reasons" in options:
            options["keep_reasons"] = frozenset(options["keep_reasons"])
        if "drop_lines" in options:
            options["drop_lines"] = tuple(options["drop_lines"])
        config = replace(config, **options)
    return config


# --------------------------------------------------------------------------- site model


@dataclass(frozen=True, slots=True)
class _SiteSets:
    lines: frozenset[str]
    shapes: frozenset[str]

    def matches(self, key: str) -> bool:
        if not key:
            return False
        return key in self.lines or _r.line_shape_from_key(key) in self.shapes


_MODEL_FORMAT = "vntext-boilerplate-site-model"


@dataclass(frozen=True)
class BoilerplateModel:
    """Lines and line shapes that recur across one site's pages, learned by :meth:`fit`.

    A site prints the same menu, slogan, footer and dateline format on every page; a line
    (or its *shape*: digits normalised, so every ``Thứ năm, 13/04/2023, 10:59`` looks alike)
    seen on at least ``min_share`` of the pages (and at least ``min_pages`` pages) is taken
    as the site's furniture and dropped with reason ``"site-model"``, on top of the rules of
    :func:`strip_boilerplate`. Use it when you scrape many pages (dozens or more) of the
    same site; on a handful of pages, or pages from many sites, the plain function is better.

    >>> pages = ["\\n".join(["Báo Mẫu - Tin nhanh", f"Bài số {i}",
    ...     f"Nội dung riêng của bài {i} được viết ở đây để thử.", "Cảm ơn bạn đã ghé thăm Báo Mẫu mỗi ngày"])
    ...     for i in range(5)]
    >>> model = BoilerplateModel.fit(pages)
    >>> [d.reason for d in model.strip(pages[0]).lines]
    ['site-model', 'title', 'text', 'site-model']
    >>> BoilerplateModel.from_json(model.to_json()) == model
    True
    """

    lines: frozenset[str] = frozenset()
    shapes: frozenset[str] = frozenset()
    pages: int = 0
    min_share: float = 0.3
    config: BoilerplateConfig = field(default_factory=BoilerplateConfig)

    @classmethod
    def fit(
        cls,
        pages: Iterable[str],
        *,
        min_share: float = 0.3,
        min_pages: int = 3,
        config: BoilerplateConfig | None = None,
    ) -> BoilerplateModel:
        """Learn the recurring lines of one site from an iterable of its pages (plain text)."""
        line_df: Counter[str] = Counter()
        shape_df: Counter[str] = Counter()
        label_df: Counter[str] = Counter()  # occurrences right above a body paragraph
        n = 0
        for page in pages:
            page = ensure_str(page, "BoilerplateModel.fit", "pages[i]")
            n += 1
            _, page_lines = _make_lines(page, 12)
            keys: set[str] = set()
            shapes: set[str] = set()
            for i, line in enumerate(page_lines):
                if not line.key or line.words > 60:
                    continue
                line.key = _full_key(line)
                keys.add(line.key)
                shape = _r.line_shape_from_key(line.key)
                # Shapes stand for datelines, counters and similar stamps: short lines
                # with at least two numbers. Longer lines differ in words, not digits.
                if line.words <= 8 and not line.para and shape.count("0") >= 2:
                    shapes.add(shape)
                q = _next_nonblank(page_lines, i, 1)
                if q != -1 and page_lines[q].para and not line.para:
                    label_df[line.key] += 1
            line_df.update(keys)
            shape_df.update(shapes)
        threshold = max(min_pages, min_share * n)
        # A recurring short line that mostly heads a paragraph is a section label
        # ("Nguyên liệu:", "CÂU HỎI"): content, not furniture.
        learned = frozenset(k for k, c in line_df.items() if c >= threshold and label_df[k] * 2 <= c)
        learned_shapes = frozenset(k for k, c in shape_df.items() if c >= threshold)
        return cls(learned, learned_shapes, n, min_share, config or BoilerplateConfig())

    def strip(self, text: str) -> Article:
        """:func:`strip_boilerplate` plus this site's learned furniture."""
        text = ensure_str(text, "BoilerplateModel.strip")
        return _article(_classify(text, self.config, _SiteSets(self.lines, self.shapes)))

    def to_json(self) -> str:
        """A readable JSON document (sorted lists of folded lines and shapes)."""
        return json.dumps(
            {
                "format": _MODEL_FORMAT,
                "version": 1,
                "pages": self.pages,
                "min_share": self.min_share,
                "paragraph_words": self.config.paragraph_words,
                "lines": sorted(self.lines),
                "shapes": sorted(self.shapes),
            },
            ensure_ascii=False,
            indent=1,
        )

    @classmethod
    def from_json(cls, data: str) -> BoilerplateModel:
        """Load a model written by :meth:`to_json`."""
        obj = json.loads(ensure_str(data, "BoilerplateModel.from_json", "data"))
        if not isinstance(obj, dict) or obj.get("format") != _MODEL_FORMAT:
            raise ValueError("not a vntext boilerplate site model")
        return cls(
            frozenset(obj.get("lines", ())),
            frozenset(obj.get("shapes", ())),
            int(obj.get("pages", 0)),
            float(obj.get("min_share", 0.3)),
            BoilerplateConfig(paragraph_words=int(obj.get("paragraph_words", 12))),
        )
