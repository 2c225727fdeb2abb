"""Turn a parsed expression (a small dict of stated fields) into instants, against a base time.

Every rule here names the section of the spec (``shared/specs/dates.md``) it implements.
Nothing raises: an impossible combination (31 February, a weekday that never matches)
resolves to ``None``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any

__all__ = ["Resolved", "add_months", "resolve"]

Expr = dict[str, Any]
Resolved = tuple[datetime, "datetime | None", str]

GRAINS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year")

# This module runs once per mention, so its hot paths avoid what costs most in CPython:
# keyword arguments (datetime(..., tzinfo=tz) and replace(...) parse them at a cost comparable
# to the rest of a resolution: arguments are positional), building timedelta objects (~130 ns
# each: days are counted as ordinals, and the few distinct deltas are kept in bounded memos),
# and intermediate date objects (points are worked out as (year, month, day) ints).


def add_months(d: datetime, months: int) -> datetime:
    """Calendar month arithmetic that clamps the day to the month's end (as relativedelta does).

    >>> add_months(datetime(2024, 10, 31, 16), -8)
    datetime.datetime(2024, 2, 29, 16, 0)
    """
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    if not 1 <= year <= 9999:
        raise OverflowError("year out of range")
    day = d.day
    if day > 28:  # only then can the target month be too short
        day = min(day, _month_length(year, month + 1))
    if d.__class__ is datetime and not d.fold:
        # Same value as replace() (which keeps a subclass and fold), at half the cost.
        return datetime(year, month + 1, day, d.hour, d.minute, d.second, d.microsecond, d.tzinfo)
    return d.replace(year=year, month=month + 1, day=day)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _month_length(y: int, m: int) -> int:
    return 29 if m == 2 and _leap(y) else _MONTH_DAYS[m]


def _valid(y: int, m: int, d: int) -> bool:
    if not (1 <= y <= 9999 and 1 <= m <= 12 and d >= 1):
        return False
    if m == 2 and d == 29:
        return _leap(y)
    return d <= _MONTH_DAYS[m]


_SECONDS: dict[int, timedelta] = {}  # n -> timedelta(0, n): offsets repeat (3 days, 2 hours)
_POD_HOURS: dict[tuple[float, float], tuple[timedelta, timedelta]] = {}  # (13, 18) -> 13 h, 18 h


def _seconds(n: int) -> timedelta:
    """``timedelta(0, n)``, memoised."""
    delta = _SECONDS.get(n)
    if delta is None:
        delta = timedelta(0, n)
        if len(_SECONDS) < 1024:
            _SECONDS[n] = delta
    return delta


def _pod_hours(pod: tuple[float, float]) -> tuple[timedelta, timedelta]:
    """The bounds of a part of the day (a handful of lexicon pairs) as offsets from midnight."""
    deltas = _POD_HOURS.get(pod)
    if deltas is None:
        deltas = timedelta(0, 0, 0, 0, 0, pod[0]), timedelta(0, 0, 0, 0, 0, pod[1])
        if len(_POD_HOURS) < 256:
            _POD_HOURS[pod] = deltas
    return deltas


def _shift(base: datetime, amount: dict[str, int], sign: int) -> datetime:
    """base + sign * amount, months first (clamped), then exact days and seconds (§5)."""
    months = amount.get("months")
    if months:
        base = add_months(base, sign * months)
    # timedelta(days, seconds) == timedelta(0, days * 86400 + seconds) for ints.
    seconds = sign * (amount.get("days", 0) * 86400 + amount.get("seconds", 0))
    return base + (_SECONDS.get(seconds) or _seconds(seconds))


def _year_less_day(d: int, m: int, base: datetime, future: bool) -> int | None:
    """Year of the most recent (d, m) not after the base's day, or of the next one on or after it (§9)."""
    month, day = base.month, base.day
    # This year's (d, m) must fall on the right side of today; any other year's does.
    if future:
        step, k = 1, (0 if m > month or (m == month and d >= day) else 1)
    else:
        step, k = -1, (0 if m < month or (m == month and d <= day) else 1)
    year = base.year
    while k < 9:  # a 29 February is at most eight years away
        y = year + step * k
        if _valid(y, m, d):
            return y
        k += 1
    return None


def _day_number(d: int, base: datetime, future: bool) -> tuple[int, int] | None:
    """(year, month) of the latest day numbered d on or before today (or next on or after it) (§9)."""
    y, m = base.year, base.month
    # This month's day d must fall on the right side of today; any other month's does.
    this_month = (d >= base.day) if future else (d <= base.day)
    for i in range(14):
        if (this_month or i) and _valid(y, m, d):
            return y, m
        m += 1 if future else -1
        if m == 0:
            y, m = y - 1, 12
        elif m == 13:
            y, m = y + 1, 1
    return None


def _nearest_day(d: int, m: int, today: date) -> date | None:
    """The (d, m) nearest to today, past or future: a bracketed restatement of a nearby day."""
    cands = [date(y, m, d) for y in (today.year - 1, today.year, today.year + 1) if _valid(y, m, d)]
    return min(cands, key=lambda c: (abs((c - today).days), c > today)) if cands else None


def _weekday_date(d: int, m: int, wd: int, today: date) -> date | None:
    """Year-less date with a weekday: the matching year within six of today's, nearest (§9b)."""
    if not _valid(2000, m, d):  # no year has that day (2000 has them all, 29 February too)
        return None
    leap_day = m == 2 and d == 29
    best: date | None = None
    best_distance = 0
    now = today.toordinal()
    for y in range(max(1, today.year - 6), min(9999, today.year + 6) + 1):
        if leap_day and not _leap(y):
            continue
        cand = date(y, m, d)
        if cand.weekday() == wd:
            distance = abs(cand.toordinal() - now)
            if best is None or distance < best_distance:
                best, best_distance = cand, distance
    return best


def _weekday_only(expr: Expr, base: datetime) -> date:
    """The day of a weekday without a date: in a stated week, after, before or on/before today."""
    wd = expr["wd"]
    mode = expr.get("wdmode", "onbefore")
    today = base.toordinal()
    shift = wd - base.weekday()  # from today to this week's such day
    if mode == "week":
        return date.fromordinal(today + 7 * expr.get("week_rel", 0) + shift)
    if mode == "after":
        return date.fromordinal(today + (shift % 7 or 7))
    if mode == "before":
        return date.fromordinal(today - (-shift % 7 or 7))
    if expr.get("fut"):  # DateConfig(prefer_future=True): the next such day, today counts
        return date.fromordinal(today + shift % 7)
    return date.fromordinal(today - -shift % 7)


def _month_year(m: int, y: int | None, expr: Expr, base: datetime) -> int:
    """Year of a stated month m (§9): explicit (y), relative, future-marked or most recent."""
    if y is not None:
        return int(y)
    year_rel = expr.get("year_rel")
    if year_rel is not None:
        return base.year + int(year_rel)
    if expr.get("fut"):
        return base.year if m >= base.month else base.year + 1
    return base.year if m <= base.month else base.year - 1


def _cal_start(grain: str, rel: int, today: date) -> date:
    """Start of this/previous/next calendar unit (§7)."""
    if grain == "week":
        return date.fromordinal(today.toordinal() - today.weekday() + 7 * rel)
    if grain == "month":
        total = today.year * 12 + today.month - 1 + rel
        return date(total // 12, total % 12 + 1, 1)
    if grain == "quarter":
        q0 = (today.month - 1) // 3 + rel
        total = today.year * 4 + q0
        return date(total // 4, (total % 4) * 3 + 1, 1)
    return date(today.year + rel, 1, 1)


def _cal_date(expr: Expr, today: date) -> tuple[date, str] | None:
    """tuần này, tháng sau, năm ngoái...: the unit's first day and grain (or a stated day in it)."""
    grain, rel = expr["cal"]
    start = _cal_start(grain, rel, today)
    if expr.get("y") is not None:  # tháng này năm 2023
        start = start.replace(year=int(expr["y"]))
    elif expr.get("year_rel") is not None:  # quý này năm ngoái
        start = start.replace(year=start.year + int(expr["year_rel"]))
    if expr.get("d") is not None:  # ngày 5 tháng sau
        if not _valid(start.year, start.month, int(expr["d"])):
            return None
        return start.replace(day=int(expr["d"])), "day"
    return start, grain


def _point(expr: Expr, base: datetime, tz: tzinfo | None) -> Resolved | None:
    """A day or coarser unit (§6-§10), at a clock time or part of the day when one is stated.

    The branches mirror the fields the grammar can state, most specific first, and end
    with (y, m, d) ints (no intermediate ``date``). A stated day that does not exist
    (31/4, 29/2/2023) gives ``None``; a day out of range reached by arithmetic raises
    (caught by :func:`resolve`; for a part of a range, the whole range fails).
    """
    y, m, d = expr.get("y"), expr.get("m"), expr.get("d")
    hour = expr.get("H")
    grain = "day"
    stated = False  # (y, m, d) as written: when no such day exists, the answer is None
    if "cal" in expr:
        found = _cal_date(expr, base.date())
        if found is None:
            return None
        day, grain = found
        y, m, d = day.year, day.month, day.day
    elif "rel" in expr and (rel := expr["rel"]) is not None:  # (in: no call for the usual absence)
        day = date.fromordinal(base.toordinal() + int(rel)) if rel else base.date()
        year_rel = expr.get("year_rel")
        if y is not None:  # ngày này năm 2023
            y, stated = int(y), True
        elif year_rel is not None:  # ngày này năm ngoái
            y, stated = day.year + int(year_rel), True
        else:
            y = day.year
        m, d = day.month, day.day
    elif d is not None and m is not None:
        if y is None:
            year_rel = expr.get("year_rel")
            if year_rel is not None:
                y = base.year + int(year_rel)
        if y is not None:
            stated = True
        else:
            wd = expr.get("wd")
            if wd is not None and not expr.get("fut"):
                found_day = _weekday_date(d, m, wd, base.date())
                y = found_day.year if found_day else None
            elif expr.get("near"):
                found_day = _nearest_day(d, m, base.date())
                y = found_day.year if found_day else None
            else:
                y = _year_less_day(d, m, base, bool(expr.get("fut")))
            if y is None:
                return None
    elif d is not None:
        found_month = _day_number(d, base, bool(expr.get("fut")))
        if found_month is None:
            return None
        y, m = found_month
    elif m is not None:
        y = _month_year(m, y, expr, base)
        if not 1 <= y <= 9999:
            return None
        d, grain = 1, "month"
    elif (q := expr.get("q")) is not None:
        m = (q - 1) * 3 + 1
        y = _month_year(m, y, expr, base)
        if not 1 <= y <= 9999:
            return None
        d, grain = 1, "quarter"
    elif y is not None:
        m, d, grain, stated = 1, 1, "year", True
    elif (year_rel := expr.get("year_rel")) is not None:
        y, m, d, grain = base.year + int(year_rel), 1, 1, "year"  # out of range: raises below
    elif expr.get("wd") is not None:
        day = _weekday_only(expr, base)
        y, m, d = day.year, day.month, day.day
    elif hour is not None or expr.get("pod") is not None:
        y, m, d = base.year, base.month, base.day
    else:
        return None
    try:
        if hour is not None:
            clock = datetime(y, m, d, hour, expr.get("Mi", 0), expr.get("S", 0), 0, tz)
            return clock, None, expr["clock_grain"]
        start = datetime(y, m, d, 0, 0, 0, 0, tz)
    except (ValueError, TypeError):
        # datetime() checks the day and the clock time at once (no separate test on the usual,
        # valid path). The rules check the day first: a stated day that does not exist is
        # None, any other day out of range raises ValueError; then the time is checked.
        if stated and not _valid(y, m, d):
            return None
        datetime(y, m, d, 0, 0, 0, 0, tz)
        raise
    if "pod" in expr and grain == "day":
        pod = expr["pod"]
        if pod is not None:
            lo, hi = _pod_hours(pod)
            return start + lo, start + hi, "hour"
    return start, None, grain


_UNIT_SECONDS = {"week": 7 * 86400, "day": 86400, "hour": 3600, "minute": 60, "second": 1}


def _unit_after(start: datetime, grain: str) -> datetime:
    """start + one unit of grain (the exclusive end of a calendar unit)."""
    if grain == "year":
        return add_months(start, 12)
    if grain == "quarter":
        return add_months(start, 3)
    if grain == "month":
        return add_months(start, 1)
    return start + _seconds(_UNIT_SECONDS[grain])


_MONTH_PARTS = {"early": (1, 11), "mid": (11, 21), "late": (21, None)}  # days of a month
_YEAR_PARTS = {"early": (0, 4), "mid": (4, 8), "late": (8, 12)}  # months after 1 January


def _fuzzy(expr: Expr, base: datetime, tz: tzinfo | None) -> Resolved | None:
    """đầu/giữa/cuối tháng, năm; nửa đầu năm; N tháng đầu năm (§12)."""
    kind = expr["fz"]
    if kind == "month":
        if "cal" in expr:
            first = _cal_start("month", expr["cal"][1], base.date())
            year, month = first.year, first.month
        elif expr.get("m") is not None:
            month = expr["m"]
            year = _month_year(month, expr.get("y"), expr, base)
        else:
            year, month = base.year, base.month
        start_day, end_day = _MONTH_PARTS[expr["part"]]
        start = datetime(year, month, start_day, 0, 0, 0, 0, tz)
        end = (
            datetime(year + month // 12, month % 12 + 1, 1, 0, 0, 0, 0, tz)  # the next month's first day
            if end_day is None
            else datetime(year, month, end_day, 0, 0, 0, 0, tz)
        )
        return start, end, "day"
    year = int(expr["y"]) if expr.get("y") is not None else base.year + int(expr.get("year_rel") or 0)
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")  # (as building its 1 January did)
    if kind == "year":
        lo, hi = _YEAR_PARTS[expr["part"]]
    elif kind == "half":
        lo, hi = (0, 6) if expr["part"] == "first" else (6, 12)
    else:  # N months at the start or end of a year
        n = int(expr["n"])
        lo, hi = (0, n) if expr["part"] == "first" else (12 - n, 12)
    # add_months(1 January, lo) and (..., hi), built directly (out of range: raises alike)
    start = datetime(year + lo // 12, lo % 12 + 1, 1, 0, 0, 0, 0, tz)
    return start, datetime(year + hi // 12, hi % 12 + 1, 1, 0, 0, 0, 0, tz), "month"


def _range(expr: Expr, base: datetime, tz: tzinfo | None) -> Resolved | None:
    """từ A đến B (B inclusive), từ A đến nay (§13)."""
    a = dict(expr["a"])
    b = dict(expr["b"]) if expr.get("b") is not None else None
    if b is not None:
        for key in ("m", "y"):  # parts written once after B are shared with A
            if a.get(key) is None and b.get(key) is not None and (key == "y" or a.get("d") is not None):
                if key == "y" and a.get("year_rel") is not None:
                    continue
                a[key] = b[key]
        if a.get("y") is None and a.get("year_rel") is None and b.get("year_rel") is not None:
            a["year_rel"] = b["year_rel"]
        if b.get("fut"):
            a["fut"] = True
    ra = _resolve_point_like(a, base, tz)
    if ra is None:
        return None
    if b is None:
        return ra[0], base, ra[2]
    if a.get("y") is not None and expr["b"].get("y") is not None and expr["a"].get("y") is None:
        # The year came from B: if A then falls after B, A belongs to the year before.
        rb = _resolve_point_like(b, base, tz)
        if rb is not None and ra[0] > rb[0] and a.get("m") is not None:
            a["y"] = int(a["y"]) - 1
            ra = _resolve_point_like(a, base, tz)
            if ra is None:
                return None
    if b.get("y") is None and b.get("year_rel") is None and b.get("m") is not None and ra[2] != "year":
        b["y"] = ra[0].year
        rb = _resolve_point_like(b, base, tz)
        if rb is not None and rb[0] < ra[0]:
            b["y"] = ra[0].year + 1
    elif b.get("d") is not None and b.get("m") is None and a.get("m") is not None:
        b["m"], b["y"] = ra[0].month, ra[0].year
    rb = _resolve_point_like(b, base, tz)
    if rb is None:
        return None
    end = rb[1] if rb[1] is not None else _unit_after(rb[0], rb[2])
    if end <= ra[0]:
        return None
    return ra[0], end, ra[2]


def _resolve_point_like(expr: Expr, base: datetime, tz: tzinfo | None) -> Resolved | None:
    if expr.get("kind") == "fuzzy":
        return _fuzzy(expr, base, tz)
    return _point(expr, base, tz)


_OFFSETS: dict[int, timedelta] = {}  # stated zone (minutes) -> its offset (few distinct values)


def resolve(expr: Expr, base: datetime) -> Resolved | None:
    """(start, end, grain) for a parsed expression, or None when it names no valid date."""
    tz: tzinfo | None = base.tzinfo
    minutes = expr.get("tz")
    if minutes is not None:
        offset = _OFFSETS.get(minutes)
        if offset is None:
            offset = timedelta(minutes=int(minutes))
            if len(_OFFSETS) < 256:
                _OFFSETS[minutes] = offset
        if base.utcoffset() != offset:
            # The stated zone wins; relative parts still count from the base, seen in that zone.
            tz = timezone(offset)
            base = base.astimezone(tz)
    kind = expr.get("kind", "point")
    try:
        if kind == "point":  # the most common kinds first
            return _point(expr, base, tz)
        if kind == "offset":
            return _shift(base, expr["amount"], expr["sign"]), None, expr["grain"]
        if kind == "now":
            return base, None, "second"
        if kind == "window":
            other = _shift(base, expr["amount"], expr["sign"])
            lo, hi = (other, base) if expr["sign"] < 0 else (base, other)
            return lo, hi, expr["grain"]
        if kind == "fuzzy":
            return _fuzzy(expr, base, tz)
        if kind == "range":
            return _range(expr, base, tz)
        return _point(expr, base, tz)
    except (OverflowError, ValueError):
        return None
