"""Tests for vntext.boilerplate: golden pages we wrote, the two seed pages, properties."""

from __future__ import annotations

import html
import multiprocessing
import pickle
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vntext.boilerplate as bp
from tests.conftest import CASES, REPO, shared_path
from vntext.boilerplate import Article, BoilerplateConfig, BoilerplateModel, strip_boilerplate

CASE_DIR = CASES / "boilerplate"


# --------------------------------------------------------------------------- golden pages


@dataclass
class Case:
    name: str
    text: str
    marks: list[bool | None]  # per input line: keep, drop, or None for an empty line
    meta: dict[str, str | None]


def input_lines(text: str) -> list[str]:
    """The contract for ``Article.lines``: the text split at ``\\n``, where a final newline
    ends the last line rather than starting an empty one."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def _load_case(path: Path) -> Case:
    lines: list[str] = []
    marks: list[bool | None] = []
    meta: dict[str, str | None] = {}
    for row in path.read_text(encoding="utf-8").split("\n"):
        if row.startswith("#!"):
            key, _, value = row[2:].partition(":")
            meta[key.strip()] = None if value.strip() == "none" else value.strip()
        elif row.startswith("#"):
            continue
        elif row == "":
            lines.append("")
            marks.append(None)
        else:
            assert row[:2] in ("+ ", "- "), f"{path.name}: bad marker in {row[:20]!r}"
            marks.append(row[0] == "+")
            lines.append(row[2:])
    while lines and lines[-1] == "":  # the file's final newline is not a page line
        lines.pop()
        marks.pop()
    return Case(path.stem, "\n".join(lines), marks, meta)


CASE_FILES = sorted(CASE_DIR.glob("*.txt"))


def test_golden_pages_exist() -> None:
    assert len(CASE_FILES) >= 6


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_golden_page(path: Path) -> None:
    case = _load_case(path)
    art = strip_boilerplate(case.text)
    assert len(art.lines) == len(case.marks)
    wrong = [
        f"line {d.number} want {'keep' if want else 'drop'}, got {d.reason}: {d.text[:60]}"
        for d, want in zip(art.lines, case.marks, strict=True)
        if want is not None and d.kept != want
    ]
    assert not wrong, "\n".join(wrong)
    for field_name, want in case.meta.items():
        assert getattr(art, field_name) == want, field_name


# --------------------------------------------------------------------------- seeds

SEED_NEWS = "000_77ec6467c3a2622c.txt"
SEED_CLEAN = "001_3e3a23df57e78969.txt"


def test_seed_news_page() -> None:
    """The VIC News page: chrome on top, body, credit, related list and other-article cards.

    Gold by the dev-set README rules: drop the banners, the site name and both datelines
    (lines 1-5); keep the headline (7), the sapo (9) and every body paragraph up to line 33;
    drop the credit (35), the related header and its items (37-45) and the tail of other
    articles, each a title, a teaser and an "N giờ trước" line (49-72).
    """
    text = shared_path("seeds", SEED_NEWS).read_text(encoding="utf-8")
    art = strip_boilerplate(text)
    raw = text.split("\n")
    nonblank = {i + 1 for i, line in enumerate(raw) if line.strip()}
    want_kept = {n for n in nonblank if 7 <= n <= 33}
    got_kept = {d.number for d in art.lines if d.kept}
    assert got_kept == want_kept
    reasons = {d.number: d.reason for d in art.lines}
    assert reasons[1] == reasons[2] == "widget"  # "banner"
    assert reasons[4] == reasons[5] == "timestamp"
    assert reasons[35] == "credit"
    assert reasons[7] == "title"
    assert art.title == raw[6]
    assert art.published == raw[3].strip()
    assert art.published.startswith("Thứ năm, 13/04/2023")
    assert art.credit == raw[34].strip()
    assert art.credit.endswith("tổng hợp")
    assert art.author is None
    assert art.text == "\n".join(raw[n - 1] for n in sorted(want_kept))


def test_seed_clean_page() -> None:
    """A clean page: headline, a lead that starts with "Theo trang ...", body, two subheadings."""
    text = shared_path("seeds", SEED_CLEAN).read_text(encoding="utf-8")
    art = strip_boilerplate(text)
    raw = text.split("\n")
    assert all(d.kept for d in art.lines if d.text.strip())
    assert art.text == "\n".join(line for line in raw if line.strip())
    assert art.title == raw[0]
    assert art.credit is None and art.author is None and art.published is None


def test_example_page() -> None:
    """The project's own example page (``examples/page.txt``, written by us): a menu of
    section labels and the site name above the datelines, then the article and its tail."""
    raw = (REPO / "examples" / "page.txt").read_text(encoding="utf-8").split("\n")
    art = strip_boilerplate("\n".join(raw))
    kept = {d.number for d in art.lines if d.kept}
    assert kept == {8, 10, 12, 14, 16, 20}
    reasons = {d.number: d.reason for d in art.lines}
    assert raw[1:3] == ["Thời sự", "Kinh tế"] and reasons[2] == reasons[3] == "navigation"
    assert raw[3] == "Báo Sông Hồng Điện Tử" and reasons[4] == "site-name"
    assert reasons[5] == reasons[6] == "timestamp"
    assert raw[17].endswith("Ảnh: Minh Khoa") and reasons[18] == "caption"
    assert reasons[22] == "byline" and reasons[23] == "credit" and reasons[24] == "related"
    assert art.title == raw[7] and art.title.startswith("Hà Nội khởi công cầu vượt sông mới")
    assert art.published == raw[4] == "Thứ hai, 16/09/2024, 08:30 (GMT+7)"
    assert (art.author, art.credit) == ("Nguyễn Hải", "Theo Báo Sông Hồng")


# --------------------------------------------------------------------------- behaviour


def test_article_repr_and_html() -> None:
    art = strip_boilerplate(
        "Trang chủ\nGiá xăng giảm mạnh\nGiá xăng RON 95 giảm 600 đồng mỗi lít từ 15 giờ chiều nay.\nTheo VTV"
    )
    text = repr(art)
    assert text.startswith("Article(title='Giá xăng giảm mạnh'")
    assert "credit='Theo VTV'" in text and "kept 2/4 lines" in text
    page = art._repr_html_()
    assert html.escape("Trang chủ") in page and "<table>" in page
    assert page.count("<tr>") == 5  # header row + 4 lines
    assert "LineDecision(1, drop, 'widget'" in repr(art.lines[0])
    assert [d.number for d in art.dropped] == [1, 4]


def test_published_and_updated_dates_are_parsed_by_vntext_dates() -> None:
    pytest.importorskip("vntext.dates")
    page = "\n".join(
        [
            "Giá vàng tăng mạnh phiên đầu tuần",
            "Thứ hai, 04/03/2024 - 08:30",
            "Giá vàng miếng tăng 500.000 đồng mỗi lượng ngay khi mở cửa phiên sáng nay.",
            "Cập nhật lúc: 05/03/2024 10:00",
        ]
    )
    art = strip_boilerplate(page)
    assert art.published == "Thứ hai, 04/03/2024 - 08:30"
    assert art.updated == "05/03/2024 10:00"
    published, updated = art.published_date, art.updated_date
    assert published is not None and updated is not None
    assert (published.start.year, published.start.month, published.start.day) == (2024, 3, 4)
    assert (updated.start.month, updated.start.day, updated.start.hour) == (3, 5, 10)
    assert strip_boilerplate("Không có ngày tháng").published_date is None


def test_config_keep_reasons_and_drop_lines() -> None:
    page = "\n".join(
        [
            "Tôm rang me",
            "Tôm tươi rửa sạch, để ráo rồi ướp với nước me trong mười lăm phút cho thấm.",
            "Đĩa tôm rang me. Ảnh: Bếp Xinh",
            "Mẹo nhỏ của Bếp Xinh",
        ]
    )
    assert [d.reason for d in strip_boilerplate(page).lines][2] == "caption"
    kept = strip_boilerplate(page, keep_reasons={"caption"})
    assert kept.lines[2].kept
    dropped = strip_boilerplate(page, drop_lines=["mẹo nhỏ của bếp xinh"])
    assert dropped.lines[3].reason == "site-model" and not dropped.lines[3].kept
    cfg = BoilerplateConfig(keep_reasons=frozenset({"caption"}))
    assert strip_boilerplate(page, cfg).lines[2].kept
    assert hash(cfg) == hash(pickle.loads(pickle.dumps(cfg)))


def test_repeats_and_alt_pairs() -> None:
    page = "\n".join(
        [
            "Lễ hội hoa Đà Lạt khai mạc tối nay",
            "Lễ hội hoa Đà Lạt khai mạc tối nay",
            "Hơn 300 nghìn chậu hoa được trưng bày dọc bờ hồ Xuân Hương trong suốt một tuần lễ hội.",
            "Hoa cẩm tú cầu",
            "Hoa cẩm tú cầu",
            "Ban tổ chức cho biết lễ hội năm nay có thêm khu trưng bày hoa lan rừng.",
        ]
    )
    reasons = [d.reason for d in strip_boilerplate(page).lines]
    assert reasons == ["title", "repeat", "text", "image-alt", "image-alt", "text"]


def test_bytes_and_non_str_raise_type_error() -> None:
    with pytest.raises(TypeError, match="decode"):
        strip_boilerplate(b"abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        strip_boilerplate(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        BoilerplateModel.fit([b"abc"])  # type: ignore[list-item]


def test_empty_and_blank_input() -> None:
    for text in ("", "\n", "   \n\n", "\r\n"):
        art = strip_boilerplate(text)
        assert art.text == "" and art.title is None and art.published is None
        assert len(art.lines) == len(input_lines(text))


def test_article_pickles_and_works_with_spawn() -> None:
    page = CASE_FILES[0].read_text(encoding="utf-8")
    art = strip_boilerplate(page)
    assert pickle.loads(pickle.dumps(art)) == art
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        (remote,) = pool.map(strip_boilerplate, [page])
    assert remote == art


# --------------------------------------------------------------------------- site model


def _site_pages(n: int) -> list[str]:
    pages = []
    for i in range(n):
        pages.append(
            "\n".join(
                [
                    "Báo Mẫu Online - Tin nhanh mỗi ngày",
                    f"Thứ {2 + i % 6}, {10 + i}/05/2024 {7 + i % 9}:1{i % 10}",
                    f"Bài viết số {i} về thời tiết miền Bắc tuần này",
                    f"Nội dung riêng của bài số {i}: trời chuyển lạnh, nhiệt độ thấp nhất "
                    f"{12 + i % 5} độ C ở vùng núi.",
                    "Nguyên nhân:",
                    f"Không khí lạnh tăng cường lần thứ {i} trong mùa, "
                    "theo trung tâm dự báo khí tượng thủy văn.",
                    "Đường dây nóng của Báo Mẫu luôn sẵn sàng tiếp nhận thông tin từ bạn đọc",
                ]
            )
        )
    return pages


def test_site_model_learns_recurring_lines_and_shapes() -> None:
    pages = _site_pages(20)
    model = BoilerplateModel.fit(pages)
    assert model.pages == 20
    art = model.strip(pages[3])
    reasons = [d.reason for d in art.lines]
    # Site name and hotline recur verbatim; the dateline recurs as a shape.
    assert reasons[0] == "site-model"
    assert reasons[6] == "site-model"
    assert not art.lines[1].kept
    # A recurring label above a paragraph is a section label: kept.
    assert art.lines[4].kept and art.lines[3].kept and art.lines[5].kept
    # The plain function keeps the slogan line; the model is what removes it.
    assert strip_boilerplate(pages[3]).lines[6].kept
    # A new page of the site with a new dateline value still loses the chrome.
    fresh = _site_pages(40)[33]
    assert [d.kept for d in model.strip(fresh).lines] == [False, False, True, True, True, True, False]


def test_site_model_json_round_trip_is_readable() -> None:
    model = BoilerplateModel.fit(_site_pages(10), min_share=0.5)
    text = model.to_json()
    assert '"format": "vntext-boilerplate-site-model"' in text
    assert "bao mau online tin nhanh moi ngay" in text
    again = BoilerplateModel.from_json(text)
    assert again == model and again.min_share == 0.5
    with pytest.raises(ValueError):
        BoilerplateModel.from_json('{"format": "other"}')


def test_site_model_needs_enough_pages() -> None:
    model = BoilerplateModel.fit(_site_pages(2))
    assert not model.lines and not model.shapes


# --------------------------------------------------------------------------- properties

_LINE_PIECES = st.sampled_from(
    [
        "Trang chủ", "banner", "Tin liên quan", "Xem thêm:", "Theo VnExpress", "Ảnh: Minh Anh",
        "Thứ hai, 04/03/2024 10:30 (GMT+7)", "11 giờ trước", "Mục lục", "- 1. Giới thiệu",
        "Nguyễn Văn An", "#2", "Bình luận", "0 Comments", "© 2024", "...", "Hà Nội mưa lớn",
        "Người dân Hà Nội đội mưa đi làm trong sáng nay, nhiều tuyến phố ngập sâu nửa mét.",
        "", " ", "\r", "\t", "\u200b", "👍", "|", ">", "1.", "(", ")",
    ]
)  # fmt: skip
_PAGES = st.lists(st.one_of(_LINE_PIECES, st.text(max_size=40)), max_size=30).map("\n".join)


@given(_PAGES)
def test_kept_lines_are_input_lines_in_order(text: str) -> None:
    art = strip_boilerplate(text)
    raw = input_lines(text)
    assert [d.text for d in art.lines] == raw
    assert [d.number for d in art.lines] == list(range(1, len(raw) + 1))
    kept = [d.text for d in art.lines if d.kept]
    assert art.text == "\n".join(kept)
    for d in art.lines:
        assert d.reason in bp.KEPT_REASONS if d.kept else d.reason not in bp.KEPT_REASONS
    for value in (art.published, art.updated, art.author, art.credit, art.title):
        assert value is None or value in text


_SHORT_LINES = st.sampled_from(
    ["Thời sự", "Kinh tế", "Báo Mẫu Online", "Trang chủ", "Tin nhanh - Chính xác", "Hà Nội",
     "Mưa lớn ở Hà Nội chiều nay", "24/10/2024 08:15", "Nguyễn Văn An", "Giá vàng hôm nay tăng mạnh"]
)  # fmt: skip
_BODY = "Sáng nay, mưa lớn kéo dài khiến nhiều tuyến phố trung tâm ngập sâu hơn nửa mét nước."


@given(st.lists(_SHORT_LINES, max_size=12), st.lists(_SHORT_LINES, max_size=4))
def test_top_of_page_rules_never_drop_a_body_paragraph(above: list[str], below: list[str]) -> None:
    # Whatever short lines sit above and below it, a body sentence stays, and the title, if
    # any, is one of the kept lines.
    art = strip_boilerplate("\n".join([*above, _BODY, *below]))
    assert art.lines[len(above)].kept
    assert art.title is None or art.title in art.text.split("\n")


@given(st.text(max_size=300))
def test_never_raises_on_any_str(text: str) -> None:
    art = strip_boilerplate(text)
    assert isinstance(art, Article)
    assert strip_boilerplate(art.text).text == strip_boilerplate(art.text).text


@given(st.lists(_PAGES, min_size=1, max_size=5))
def test_site_model_never_raises_and_keeps_subsequence(pages: list[str]) -> None:
    model = BoilerplateModel.fit(pages, min_pages=1)
    for page in pages:
        art = model.strip(page)
        assert [d.text for d in art.lines] == input_lines(page)


@pytest.mark.parametrize(
    "unit",
    ["1" * 1000, "1/" * 500, "a" * 1000, "Thứ 2, " * 100, "- " * 500, "https://" + "a" * 990, "#" * 1000],
    ids=["digits", "slashes", "letters", "weekdays", "dashes", "url", "hashes"],
)
def test_adversarial_lines_complete_and_scale(unit: str) -> None:
    # One huge line, and many lines: both must finish (linear work, no regex blow-up).
    big = unit * 1000  # 1 MB on one line
    assert strip_boilerplate(big).lines[0].text == big
    many = "\n".join([unit[:80]] * 20000)
    art = strip_boilerplate(many)
    assert len(art.lines) == 20000


def test_many_near_repeats_complete() -> None:
    # 20,000 lines that share one matching key but differ in punctuation: no quadratic work.
    page = "\n".join("Hà Nội" + "!" * (i % 50) + "?" * (i // 50) for i in range(20000))
    art = strip_boilerplate(page)
    assert sum(d.reason == "repeat" for d in art.lines) == 0
    assert len(art.lines) == 20000
