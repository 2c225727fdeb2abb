"""vntext.dates: golden cases we wrote (tests/cases/dates*.jsonl), API contract, properties."""

from __future__ import annotations

import json
import multiprocessing
import pickle
import unicodedata
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CASES
from vntext._chars import strip_table
from vntext.dates import VIETNAM, DateConfig, DateMatch, find_dates, parse, parse_date, search
from vntext.dates._resolve import add_months

BASE = datetime(2025, 3, 12, 10, 30, tzinfo=VIETNAM)  # a Wednesday


def _rows(name: str) -> list[dict[str, Any]]:
    with open(CASES / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _same(m: DateMatch | None, want: dict[str, Any] | None) -> bool:
    if want is None:
        return m is None
    if m is None:
        return False
    end = datetime.fromisoformat(want["end"]) if "end" in want else None
    return m.start == datetime.fromisoformat(want["start"]) and m.grain == want["grain"] and m.end == end


PARSE_CASES = _rows("dates.jsonl")
SEARCH_CASES = _rows("dates_search.jsonl")


@pytest.mark.parametrize("case", PARSE_CASES, ids=[repr(c["text"])[:40] for c in PARSE_CASES])
def test_parse_golden(case: dict[str, Any]) -> None:
    got = parse_date(case["text"], datetime.fromisoformat(case["base"]))
    assert _same(got, case["expected"]), f"{case['text']!r}: want {case['expected']}, got {got!r}"
    if got is not None:
        assert case["text"][got.span[0] : got.span[1]] == got.text


@pytest.mark.parametrize("case", SEARCH_CASES, ids=[c["text"][:30] for c in SEARCH_CASES])
def test_search_golden(case: dict[str, Any]) -> None:
    found = find_dates(case["text"], datetime.fromisoformat(case["base"]))
    assert [m.span for m in found] == [(g["start"], g["end"]) for g in case["mentions"]]
    for m, g in zip(found, case["mentions"], strict=True):
        assert m.text == g["text"]
        assert _same(m, g["value"]), f"{g['text']!r}: want {g['value']}, got {m!r}"


# ---------------------------------------------------------------- API contract
def test_non_str_text_raises_type_error() -> None:
    with pytest.raises(TypeError, match="decode"):
        parse_date(b"h\xc3\xb4m nay", BASE)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        find_dates(None, BASE)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["2025-03-12", 1741750200, date(2025, 3, 12)])
def test_non_datetime_base_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="base"):
        parse_date("hôm nay", bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="base"):
        find_dates("hôm nay", bad)  # type: ignore[arg-type]


def test_naive_base_is_vietnam_time() -> None:
    naive = parse_date("7 giờ trước", datetime(2025, 3, 12, 10, 30))
    aware = parse_date("7 giờ trước", BASE)
    assert naive is not None and aware is not None
    assert naive.start == aware.start and naive.start.utcoffset() == timedelta(hours=7)


def test_base_defaults_to_now_in_vietnam() -> None:
    before = datetime.now(VIETNAM)
    m = parse_date("vừa xong")
    after = datetime.now(VIETNAM)
    assert m is not None and before <= m.start <= after


def test_other_base_offset_is_kept() -> None:
    utc_base = datetime(2025, 3, 12, 3, 30, tzinfo=timezone.utc)
    m = parse_date("2 giờ trước", utc_base)
    assert m is not None and m.start == datetime(2025, 3, 12, 1, 30, tzinfo=timezone.utc)
    assert m.start.utcoffset() == timedelta(0)


def test_empty_and_dateless_inputs() -> None:
    assert parse_date("", BASE) is None
    assert find_dates("", BASE) == []
    assert find_dates("Không có ngày tháng nào ở đây.", BASE) == []


def test_impossible_dates_give_nothing() -> None:
    for text in ("31/02/2024", "ngày 30/2", "29/2/2023", "ngày 32/1/2024", "tháng 13/2024", "quý 5/2024"):
        assert parse_date(text, BASE) is None, text


def test_spec_aliases_agree_with_public_functions() -> None:
    text = "Hôm qua lúc 21:05, còn sáng nay trời mưa."
    assert parse(text, BASE) == parse_date(text, BASE)
    assert search(text, BASE) == [(m.span[0], m.span[1], m) for m in find_dates(text, BASE)]


def test_datematch_is_frozen_hashable_picklable_and_readable() -> None:
    m = parse_date("đêm 8/3", BASE)
    assert m is not None
    # Results are built through a same-layout draft (for speed): they must be plain DateMatch.
    assert type(m) is DateMatch
    assert m == DateMatch(m.start, m.end, m.grain, m.span, m.text)
    found = find_dates("đêm 8/3", BASE)
    assert [type(f) for f in found] == [DateMatch] and found[0] == m
    with pytest.raises(AttributeError):
        m.grain = "day"  # type: ignore[misc]
    assert hash(m) == hash(pickle.loads(pickle.dumps(m)))
    assert pickle.loads(pickle.dumps(m)) == m
    assert "đêm 8/3" in repr(m) and "2025-03-08T22:00:00+07:00" in repr(m) and "end=" in repr(m)
    html = m._repr_html_()
    assert "<b>đêm 8/3</b>" in html and "2025-03-09T06:00:00+07:00" in html
    escaped = DateMatch(m.start, None, "day", (0, 3), "<x>")._repr_html_()
    assert "<x>" not in escaped and "&lt;x&gt;" in escaped


def test_prefer_future_config() -> None:
    # Wednesday 12 March 2025: year-less parts resolve forward, written markers still rule.
    cfg = DateConfig(prefer_future=True)
    assert hash(cfg) == hash(pickle.loads(pickle.dumps(cfg)))
    forward = {
        "ngày 2/1": datetime(2026, 1, 2, tzinfo=VIETNAM),
        "ngày 12/3": datetime(2025, 3, 12, tzinfo=VIETNAM),
        "tháng 2": datetime(2026, 2, 1, tzinfo=VIETNAM),
        "hôm 5": datetime(2025, 4, 5, tzinfo=VIETNAM),
        "thứ Hai lúc 9h": datetime(2025, 3, 17, 9, tzinfo=VIETNAM),
        "tháng 2 vừa qua": datetime(2025, 2, 1, tzinfo=VIETNAM),
        "thứ Hai tuần trước": datetime(2025, 3, 3, tzinfo=VIETNAM),
        "từ 28/12 đến 2/1": datetime(2025, 12, 28, tzinfo=VIETNAM),
    }
    for text, want in forward.items():
        m = parse_date(text, BASE, config=cfg)
        assert m is not None and m.start == want, (text, m)
        assert parse_date(text, BASE, prefer_future=True) == m
    assert parse_date("ngày 2/1", BASE, config=cfg, prefer_future=False) == parse_date("ngày 2/1", BASE)
    with pytest.raises(TypeError):
        parse_date("hôm nay", BASE, config={"prefer_future": True})  # type: ignore[arg-type]


def test_parse_takes_the_longest_mention() -> None:
    m = parse_date("Bài viết cuối: Hôm qua lúc 22:14 · Điểm: 315", BASE)
    assert m is not None and m.text == "Hôm qua lúc 22:14"


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(datetime(2024, 3, 31), -1) == datetime(2024, 2, 29)
    assert add_months(datetime(2023, 1, 31), 13) == datetime(2024, 2, 29)
    assert add_months(datetime(2024, 2, 29), 12) == datetime(2025, 2, 28)


def _find_worker(text: str) -> list[tuple[int, int]]:
    return [m.span for m in find_dates(text, BASE)]


def test_find_dates_works_in_spawned_processes() -> None:
    texts = ["Sáng nay 7h họp.", "Hạn chót ngày 15/3/2025."]
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.map(_find_worker, texts) == [_find_worker(t) for t in texts]


# ---------------------------------------------------------------- variants carry the value (§17)
VARIANT_SOURCES = [c for c in PARSE_CASES if c["expected"] is not None][:120]


def _variants(text: str) -> dict[str, str]:
    out = {
        "upper": text.upper(),
        "nfd": unicodedata.normalize("NFD", text),
        "cgj": " ".join(w[:1] + "\u034f" + w[1:] if len(w) > 1 else w for w in text.split(" ")),
        "zwsp": text.replace("ng", "n\u200bg"),
        "nbsp": text.replace(" ", "\u00a0"),
    }
    if not text.isascii():
        # A plain "thu", "sau", "nam" is read as thứ, sáu, năm only on a line typed wholly
        # without diacritics; a marked UI label would change that, so plain cases skip it.
        out["ui"] = "Cập nhật: " + text + " · 12 bình luận"
    return out


@pytest.mark.parametrize("case", VARIANT_SOURCES, ids=[repr(c["text"])[:30] for c in VARIANT_SOURCES])
def test_variants_keep_the_value(case: dict[str, Any]) -> None:
    base = datetime.fromisoformat(case["base"])
    for name, text in _variants(case["text"]).items():
        got = parse_date(text, base)
        assert _same(got, case["expected"]), f"{name}: {text!r} -> {got!r}"
        assert got is not None and text[got.span[0] : got.span[1]] == got.text


def test_no_diacritics_variant_keeps_the_value() -> None:
    # Typed without any diacritics, these keep their reading (the whole line is plain).
    for case in PARSE_CASES:
        want = case["expected"]
        if want is None or "\n" in case["text"]:
            continue
        plain = case["text"].translate(strip_table())
        got = parse_date(plain, datetime.fromisoformat(case["base"]))
        assert _same(got, want), f"{plain!r} -> {got!r}"


# ---------------------------------------------------------------- properties
_SOUP_WORDS = [
    "ngày",
    "tháng",
    "năm",
    "hôm",
    "nay",
    "qua",
    "thứ",
    "sáng",
    "tối",
    "giờ",
    "phút",
    "trước",
    "sau",
    "từ",
    "đến",
    "tới",
    "quý",
    "tuần",
    "mai",
    "GMT",
    "lúc",
    "hai",
    "mươi",
    "rưỡi",
    "kém",
    "đầu",
    "cuối",
    "giữa",
    "Tết",
    "SA",
    "CH",
    "AM",
    "Z",
    "T2",
    "CN",
    "2024",
    "12",
    "31",
    "29",
]
TEXT_ALPHABET = st.sampled_from(
    [*"0123456789/-.:;,|()+ \n\u00a0\u200b\u034fhHTtQq", *_SOUP_WORDS, "Chủ nhật", "Giáng sinh"]
)
date_soup = st.lists(TEXT_ALPHABET, max_size=40).map("".join)


@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    found = find_dates(text, BASE)
    parse_date(text, BASE)
    _check_spans(text, found)


@given(date_soup)
def test_spans_are_exact_ordered_and_disjoint(text: str) -> None:
    _check_spans(text, find_dates(text, BASE))


def _check_spans(text: str, found: list[DateMatch]) -> None:
    last = 0
    for m in found:
        s, e = m.span
        assert last <= s < e <= len(text)
        assert text[s:e] == m.text
        assert m.grain in ("second", "minute", "hour", "day", "week", "month", "quarter", "year")
        assert m.start.tzinfo is not None and (m.end is None or m.end > m.start)
        last = e


@given(date_soup)
def test_parse_of_a_found_mention_gives_its_value(text: str) -> None:
    for m in find_dates(text, BASE):
        again = parse_date(m.text, BASE)
        # Cue words outside the span (từ, đến, a bracket) may be what made a bare D/M a date.
        if again is not None:
            assert (again.start, again.grain, again.end) == (m.start, m.grain, m.end), m.text


@given(date_soup)
def test_case_does_not_change_what_is_found(text: str) -> None:
    low = [(m.span, m.start, m.grain) for m in find_dates(text, BASE)]
    up = text.upper()
    if len(up) == len(text):
        assert [(m.span, m.start, m.grain) for m in find_dates(up, BASE)] == low


@pytest.mark.parametrize(
    "piece",
    [
        "12/3/",
        "1/2-3.4:5 ",
        "0",
        "ngày tháng năm ",
        "từ 1 đến ",
        "thứ hai ",
        "(GMT+7) ",
        "9h ",
        "chờ 2 giờ ",
        "...",
    ],
)
def test_adversarial_input_is_linear(piece: str) -> None:
    # Work on 10x the input stays within a loose factor of 10x (no backtracking blow-up).
    import time

    small = piece * (20_000 // len(piece))
    big = piece * (200_000 // len(piece))
    t0 = time.perf_counter()
    find_dates(small, BASE)
    t1 = time.perf_counter()
    find_dates(big, BASE)
    t2 = time.perf_counter()
    assert (t2 - t1) < 40 * max(t1 - t0, 0.005)


def test_long_text_is_scanned_in_pieces_without_changing_results() -> None:
    # Texts over 32 KB are cut at sentence ends; every mention must come out as in its passage.
    passages = [c["text"] for c in SEARCH_CASES]
    sep = "\n\n"
    text = sep.join(passages * 25)
    assert len(text) > 40_000
    want = []
    offset = 0
    for passage in passages * 25:
        want += [
            (m.span[0] + offset, m.span[1] + offset, m.start, m.grain) for m in find_dates(passage, BASE)
        ]
        offset += len(passage) + len(sep)
    assert [(*m.span, m.start, m.grain) for m in find_dates(text, BASE)] == want


def test_one_megabyte_of_digits_and_slashes_completes() -> None:
    text = ("12/3/2024/" * 100_000)[:1_000_000]
    assert isinstance(find_dates(text, BASE), list)
