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


def add_months(d: datetime, months: int) -> datetime:
    """Calendar month arithmetic that clamps the day to the month's end (as relativedelta does).

    >>> add_months(datetime(2024, 10, 31, 16), -8)
    datetime.datetime(2024, 2, 29, 16, 0)
    """
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    if not 1 <= year <= 9999:
        raise OverflowError("year out of range")
    day = min(d.day, _month_length(year, month + 1))
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


def _monday(d: date) -> date:
    return d - timedelta(d.weekday())


def _shift(base: datetime, amount: dict[str, int], sign: int) -> datetime:
    """base + sign * amount, months first (clamped), then exact days and seconds (§5)."""
    out = base
    if amount.get("months"):
        out = add_months(out, sign * amount["months"])
    return out + timedelta(sign * amount.get("days", 0), sign * amount.get("seconds", 0))


def _year_less_day(d: int, m: int, today: date, future: bool) -> date | None:
    """Most recent (d, m) not after today, or the next one on or after it (§9)."""
    step = 1 if future else -1
    for k in range(0, 9):  # a 29 February is at most eight years away
        y = today.year + step * k
        if _valid(y, m, d):
            cand = date(y, m, d)
            if (cand >= today) if future else (cand <= today):
                return cand
    return None


def _day_number(d: int, today: date, future: bool) -> date | None:
    """Latest calendar day numbered d on or before today (or next on or after it) (§9)."""
    y, m = today.year, today.month
    for _ in range(14):
        if _valid(y, m, d):
            cand = date(y, m, d)
            if (cand >= today) if future else (cand <= today):
                return cand
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
    best: date | None = None
    for y in range(today.year - 6, today.year + 7):
        if _valid(y, m, d) and date(y, m, d).weekday() == wd:
            cand = date(y, m, d)
            if best is None or abs((cand - today).days) < abs((best - today).days):
                best = cand
    return best


def _weekday_only(expr: Expr, today: date) -> date:
    wd = expr["wd"]
    mode = expr.get("wdmode", "onbefore")
    if mode == "week":
        return _monday(today) + timedelta(7 * expr.get("week_rel", 0) + wd)
    if mode == "after":
        return today + timedelta((wd - today.weekday()) % 7 or 7)
    if mode == "before":
        return today - timedelta((today.weekday() - wd) % 7 or 7)
    if expr.get("fut"):  # DateConfig(prefer_future=True): the next such day, today counts
        return today + timedelta((wd - today.weekday()) % 7)
    return today - timedelta((today.weekday() - wd) % 7)


def _month_year(m: int, expr: Expr, today: date) -> int:
    """Year of a stated month (§9): explicit, relative, future-marked or most recent."""
    if expr.get("y") is not None:
        return int(expr["y"])
    if expr.get("year_rel") is not None:
        return today.year + int(expr["year_rel"])
    if expr.get("fut"):
        return today.year if m >= today.month else today.year + 1
    return today.year if m <= today.month else today.year - 1


def _cal_start(grain: str, rel: int, today: date) -> date:
    """Start of this/previous/next calendar unit (§7)."""
    if grain == "week":
        return _monday(today) + timedelta(7 * rel)
    if grain == "month":
        total = today.year * 12 + today.month - 1 + rel
        return date(total // 12, total % 12 + 1, 1)
    if grain == "quarter":
        q0 = (today.month - 1) // 3 + rel
        total = today.year * 4 + q0
        return date(total // 4, (total % 4) * 3 + 1, 1)
    return date(today.year + rel, 1, 1)


def _point_date(expr: Expr, today: date) -> tuple[date, str] | None:
    """The day (or coarser unit) a point expression names, and its calendar grain."""
    if "cal" in expr:
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
    y, m, d, q = expr.get("y"), expr.get("m"), expr.get("d"), expr.get("q")
    if expr.get("rel") is not None:
        day = today + timedelta(int(expr["rel"]))
        if y is not None or expr.get("year_rel") is not None:  # ngày này năm ngoái
            year = int(y) if y is not None else day.year + int(expr["year_rel"])
            return (day.replace(year=year), "day") if _valid(year, day.month, day.day) else None
        return day, "day"
    if d is not None and m is not None:
        if y is None and expr.get("year_rel") is not None:
            y = today.year + int(expr["year_rel"])
        if y is not None:
            return (date(y, m, d), "day") if _valid(y, m, d) else None
        if expr.get("wd") is not None and not expr.get("fut"):
            found = _weekday_date(d, m, expr["wd"], today)
        elif expr.get("near"):
            found = _nearest_day(d, m, today)
        else:
            found = _year_less_day(d, m, today, bool(expr.get("fut")))
        return (found, "day") if found else None
    if d is not None:
        found = _day_number(d, today, bool(expr.get("fut")))
        return (found, "day") if found else None
    if m is not None:
        year = _month_year(m, expr, today)
        return (date(year, m, 1), "month") if 1 <= year <= 9999 else None
    if q is not None:
        first = (q - 1) * 3 + 1
        year = _month_year(first, expr, today)
        return (date(year, first, 1), "quarter") if 1 <= year <= 9999 else None
    if y is not None:
        return (date(y, 1, 1), "year") if 1 <= y <= 9999 else None
    if expr.get("year_rel") is not None:
        return date(today.year + int(expr["year_rel"]), 1, 1), "year"
    if expr.get("wd") is not None:
        return _weekday_only(expr, today), "day"
    if expr.get("H") is not None or expr.get("pod") is not None:
        return today, "day"
    return None


def _at(day: date, hours: float, tz: tzinfo | None) -> datetime:
    return datetime(day.year, day.month, day.day, 0, 0, 0, 0, tz) + timedelta(0, 0, 0, 0, 0, hours)


def _point(expr: Expr, base: datetime, tz: tzinfo | None) -> Resolved | None:
    today = base.date()
    found = _point_date(expr, today)
    if found is None:
        return None
    day, grain = found
    if expr.get("H") is not None:
        start = datetime(day.year, day.month, day.day, expr["H"], expr.get("Mi", 0), expr.get("S", 0), 0, tz)
        return start, None, expr["clock_grain"]
    if expr.get("pod") is not None and grain == "day":
        lo, hi = expr["pod"]
        return _at(day, lo, tz), _at(day, hi, tz), "hour"
    return datetime(day.year, day.month, day.day, 0, 0, 0, 0, tz), None, grain


def _unit_after(start: datetime, grain: str) -> datetime:
    """start + one unit of grain (the exclusive end of a calendar unit)."""
    if grain == "year":
        return add_months(start, 12)
    if grain == "quarter":
        return add_months(start, 3)
    if grain == "month":
        return add_months(start, 1)
    step = {"week": 7 * 86400, "day": 86400, "hour": 3600, "minute": 60, "second": 1}[grain]
    return start + timedelta(0, step)


def _fuzzy(expr: Expr, base: datetime, tz: tzinfo | None) -> Resolved | None:
    """đầu/giữa/cuối tháng, năm; nửa đầu năm; N tháng đầu năm (§12)."""
    today = base.date()
    kind = expr["fz"]
    if kind == "month":
        if "cal" in expr:
            first = _cal_start("month", expr["cal"][1], today)
        elif expr.get("m") is not None:
            first = date(_month_year(expr["m"], expr, today), expr["m"], 1)
        else:
            first = date(today.year, today.month, 1)
        start_day, end_day = {"early": (1, 11), "mid": (11, 21), "late": (21, None)}[expr["part"]]
        start = datetime(first.year, first.month, start_day, 0, 0, 0, 0, tz)
        end = (
            add_months(datetime(first.year, first.month, 1, 0, 0, 0, 0, tz), 1)
            if end_day is None
            else datetime(first.year, first.month, end_day, 0, 0, 0, 0, tz)
        )
        return start, end, "day"
    year = int(expr["y"]) if expr.get("y") is not None else today.year + int(expr.get("year_rel") or 0)
    jan = datetime(year, 1, 1, 0, 0, 0, 0, tz)
    if kind == "year":
        lo, hi = {"early": (0, 4), "mid": (4, 8), "late": (8, 12)}[expr["part"]]
    elif kind == "half":
        lo, hi = (0, 6) if expr["part"] == "first" else (6, 12)
    else:  # N months at the start or end of a year
        n = int(expr["n"])
        lo, hi = (0, n) if expr["part"] == "first" else (12 - n, 12)
    return add_months(jan, lo), add_months(jan, hi), "month"


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


# Positional arguments throughout: datetime(..., tzinfo=tz) and timedelta(days=n) parse
# their keywords at a cost comparable to the rest of a resolution.
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
        if kind == "point":  # the most common kind first
            return _point(expr, base, tz)
        if kind == "now":
            return base, None, "second"
        if kind == "offset":
            return _shift(base, expr["amount"], expr["sign"]), None, expr["grain"]
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
