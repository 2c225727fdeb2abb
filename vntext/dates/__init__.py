"""Vietnamese dates and times: parse one expression, or find every mention in running text.

>>> from datetime import datetime
>>> from vntext.dates import parse_date, find_dates, VIETNAM
>>> base = datetime(2024, 6, 5, 14, 20, tzinfo=VIETNAM)
>>> parse_date("7 giờ trước", base)
DateMatch('7 giờ trước', start=2024-06-05T07:20:00+07:00, grain='hour', span=(0, 11))
>>> [m.text for m in find_dates("Sáng 4/6 họp; hạn chót 17h ngày 14/6 tới.", base)]
['Sáng 4/6', '17h ngày 14/6 tới']

The semantics follow ``shared/specs/dates.md`` (see ``docs/dates.md``): offsets keep the
base's clock time, calendar units start at their beginning, weeks start on Monday, and
year-less dates resolve to the most recent occurrence unless the expression marks the
future. Matching forgives case, missing diacritics, NFD and invisible characters, while
spans always index the original string.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

from vntext._validate import ensure_str
from vntext.dates._grammar import Mention, scan, scan_piece
from vntext.dates._resolve import Resolved, resolve

__all__ = ["GRAINS", "VIETNAM", "DateConfig", "DateMatch", "find_dates", "parse", "parse_date", "search"]

#: Vietnam time: UTC+07:00 all year (no daylight saving), so a fixed offset is exact.
VIETNAM = timezone(timedelta(hours=7), "ICT")

_CACHE_MAX_CHARS = 160

#: The grains a match can have, finest first.
GRAINS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year")


@dataclass(frozen=True, slots=True)
class DateConfig:
    """Options of :func:`parse_date` and :func:`find_dates` (frozen, hashable, picklable).

    ``prefer_future``: resolve year-less dates, months, quarters, day numbers and bare
    weekdays to their next occurrence (on or after the base's date) instead of the most
    recent one. The spec's default (``False``) suits news, which reports the past; event
    listings, ticket and booking pages read better with ``True``. Markers written in the
    expression (``tới``, ``này``, ``vừa qua``, ``tuần trước``) are obeyed either way.

    >>> from datetime import datetime
    >>> base = datetime(2025, 3, 12, tzinfo=VIETNAM)
    >>> parse_date("ngày 2/1", base).start.date()
    datetime.date(2025, 1, 2)
    >>> parse_date("ngày 2/1", base, prefer_future=True).start.date()
    datetime.date(2026, 1, 2)
    """

    prefer_future: bool = False


_DEFAULT = DateConfig()


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date or time mention and its value.

    ``start`` is the first instant the expression denotes (aware); ``end`` is the exclusive
    end of a range, part of the day or fuzzy period (``None`` for points and offsets);
    ``grain`` is the finest unit written; ``span`` is ``(start, end)`` character offsets into
    the input and ``text`` is that slice.

    >>> base = datetime(2024, 9, 16, 9, 0, tzinfo=VIETNAM)
    >>> m = parse_date("cuối tháng 8", base)
    >>> m.start.isoformat(), m.end.isoformat(), m.grain
    ('2024-08-21T00:00:00+07:00', '2024-09-01T00:00:00+07:00', 'day')
    """

    start: datetime
    end: datetime | None
    grain: str
    span: tuple[int, int]
    text: str

    def __repr__(self) -> str:
        end = f", end={self.end.isoformat()}" if self.end is not None else ""
        return (
            f"DateMatch({self.text!r}, start={self.start.isoformat()}{end}, "
            f"grain={self.grain!r}, span={self.span})"
        )

    def _repr_html_(self) -> str:
        end = f" &rarr; {html.escape(self.end.isoformat())}" if self.end is not None else ""
        return (
            "<div class='vntext-date'><b>" + html.escape(self.text) + "</b> "
            f"<code>{html.escape(self.start.isoformat())}</code>{end} "
            f"<small>({html.escape(self.grain)}, chars {self.span[0]}&ndash;{self.span[1]})</small></div>"
        )


def _base(base: object, func: str) -> datetime:
    if base is None:
        return datetime.now(VIETNAM)
    if not isinstance(base, datetime):
        raise TypeError(
            f"{func}() expects a datetime for 'base', got {type(base).__name__}; "
            "pass e.g. datetime(2024, 6, 5, 14, 20, tzinfo=vntext.dates.VIETNAM)"
        )
    if base.tzinfo.__class__ is timezone:
        return base  # a fixed offset is never "unknown" (the usual case: no utcoffset() call)
    return base if base.tzinfo is not None and base.utcoffset() is not None else base.replace(tzinfo=VIETNAM)


# What a text says does not depend on the base, so short texts (feed times, datelines,
# which repeat endlessly in scraped pages) are scanned once per process and cached.
_scan_short = lru_cache(maxsize=4096)(scan_piece)


def _config(config: DateConfig | None, prefer_future: bool | None) -> DateConfig:
    if config is not None and not isinstance(config, DateConfig):
        raise TypeError(f"expected a DateConfig for 'config', got {type(config).__name__}")
    config = config or _DEFAULT
    if prefer_future is not None:
        config = DateConfig(prefer_future=bool(prefer_future))
    return config


def _toward_future(expr: dict[str, Any]) -> dict[str, Any]:
    kind = expr.get("kind", "point")
    if kind in ("point", "fuzzy"):
        return expr if expr.get("past") else {**expr, "fut": True}  # "vừa qua" stays past
    if kind == "range":
        b = expr.get("b")
        return {**expr, "a": _toward_future(expr["a"]), "b": _toward_future(b) if b else None}
    return expr


def _mentions(text: str) -> Sequence[Mention]:
    return _scan_short(text) if len(text) <= _CACHE_MAX_CHARS else scan(text)


class _DraftMatch:
    """A mutable twin of :class:`DateMatch` (the same slots), to build results quickly.

    The dataclass ``__init__`` of a frozen class goes through ``object.__setattr__`` per
    field, and even the slot descriptors' ``__set__`` builds an argument tuple per call:
    most of the cost of a result. A draft is filled with plain attribute stores, then
    becomes a ``DateMatch`` by assigning ``__class__``, which Python allows between
    classes of identical layout (and checks: a layout mismatch raises ``TypeError``).
    """

    __slots__ = DateMatch.__slots__
    start: datetime
    end: datetime | None
    grain: str
    span: tuple[int, int]
    text: str


_new = object.__new__


def _new_match(value: Resolved, span: tuple[int, int], text: str) -> DateMatch:
    """``DateMatch(*value, span, text)``, built faster (same object)."""
    match = _new(_DraftMatch)
    match.start, match.end, match.grain = value
    match.span = span
    match.text = text
    match.__class__ = DateMatch  # type: ignore[assignment]
    return match  # type: ignore[return-value]


def _match(text: str, mention: Mention, base: datetime, config: DateConfig) -> DateMatch | None:
    s, e, expr = mention
    value = resolve(_toward_future(expr) if config.prefer_future else expr, base)
    return None if value is None else _new_match(value, (s, e), text[s:e])


def _matches(text: str, base: datetime, config: DateConfig = _DEFAULT) -> list[DateMatch]:
    out = []
    for mention in _mentions(text):
        found = _match(text, mention, base, config)
        if found is not None:
            out.append(found)
    return out


def find_dates(
    text: str,
    base: datetime | None = None,
    *,
    config: DateConfig | None = None,
    prefer_future: bool | None = None,
) -> list[DateMatch]:
    """Every date mention in ``text``, in order, non-overlapping.

    ``base`` is the reference time for everything relative or partial (an aware
    ``datetime``; a naive one is read as Vietnam time, ``None`` means now in Vietnam).
    ``config`` / ``prefer_future``: see :class:`DateConfig`.

    >>> from datetime import datetime
    >>> base = datetime(2025, 11, 27, 8, 15, tzinfo=VIETNAM)
    >>> for m in find_dates("Đặt hôm thứ Hai, hẹn chiều mai giao. 4 ngày trước", base):
    ...     print(m.span, m.text, m.start.isoformat(), m.grain)
    (4, 15) hôm thứ Hai 2025-11-24T00:00:00+07:00 day
    (21, 30) chiều mai 2025-11-28T13:00:00+07:00 hour
    (37, 49) 4 ngày trước 2025-11-23T08:15:00+07:00 day
    >>> find_dates("")
    []
    """
    text = ensure_str(text, "find_dates")
    options = _DEFAULT if config is None and prefer_future is None else _config(config, prefer_future)
    return _matches(text, _base(base, "find_dates"), options)


def parse_date(
    text: str,
    base: datetime | None = None,
    *,
    config: DateConfig | None = None,
    prefer_future: bool | None = None,
) -> DateMatch | None:
    """The date one expression denotes, or ``None`` when it holds no date.

    Words around the expression (UI labels, counters) are ignored; when the text holds
    several mentions, the longest one is taken. ``base`` as in :func:`find_dates`.

    >>> from datetime import datetime
    >>> base = datetime(2024, 6, 5, 14, 20, tzinfo=VIETNAM)
    >>> m = parse_date("Thứ sáu, 15/3/2024, 07:42 (GMT+7)", base)
    >>> m.start.isoformat(), m.grain
    ('2024-03-15T07:42:00+07:00', 'minute')
    >>> parse_date("tỉ số 4-2", base) is None
    True
    """
    if text.__class__ is not str:
        text = ensure_str(text, "parse_date")
    future = False
    if config is not None or prefer_future is not None:
        future = _config(config, prefer_future).prefer_future
    if base.__class__ is not datetime or base.tzinfo.__class__ is not timezone:  # the usual base: kept
        base = _base(base, "parse_date")
    mentions = _scan_short(text) if len(text) <= _CACHE_MAX_CHARS else scan(text)
    if len(mentions) > 1:
        # The longest mention that resolves (the first of equally long ones): longest first.
        mentions = sorted(mentions, key=lambda m: m[0] - m[1])
    for s, e, expr in mentions:
        value = resolve(_toward_future(expr) if future else expr, base)
        if value is not None:
            # _new_match(value, (s, e), text[s:e]), inlined: one call less on every parse
            match = _new(_DraftMatch)
            match.start, match.end, match.grain = value
            match.span = (s, e)
            match.text = text[s:e]
            match.__class__ = DateMatch  # type: ignore[assignment]
            return match  # type: ignore[return-value]
    return None


def parse(text: str, base: datetime) -> DateMatch | None:
    """Spec interface (``score.py``): same as :func:`parse_date`.

    >>> parse("hôm nay", datetime(2024, 6, 5, 14, 20, tzinfo=VIETNAM)).start.isoformat()
    '2024-06-05T00:00:00+07:00'
    """
    return parse_date(text, base)


def search(text: str, base: datetime) -> list[tuple[int, int, DateMatch]]:
    """Spec interface (``score.py``): ``[(start_char, end_char, match)]`` from :func:`find_dates`.

    >>> [(s, e) for s, e, _ in search("Hôm qua lúc 21:05", datetime(2024, 6, 5, tzinfo=VIETNAM))]
    [(0, 17)]
    """
    return [(m.span[0], m.span[1], m) for m in find_dates(text, base)]
