"""The folded view used for forgiving matching with exact original offsets."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from vntext._views import fold

VIET = "aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
text_st = st.text(
    alphabet=st.sampled_from(VIET + " \n\t\u00a0\u200b\u034f\u00ad0123456789/:.,-" + "\u0300\u0301\u0323")
)


def test_fast_path_keeps_offsets() -> None:
    view = fold("Thứ Hai, 16/09/2024", strip_marks=True)
    assert view.text == "thu hai, 16/09/2024"
    assert view.starts is None
    assert view.span(0, 7) == (0, 7)


def test_nfd_and_invisibles_map_back_to_whole_clusters() -> None:
    original = "Ngày\u200b 1\u034f6/9 Ho\u0300a"
    view = fold(original, strip_marks=True)
    assert view.text == "ngay 16/9 hoa"
    start = view.text.index("hoa")
    s, e = view.span(start, start + 3)
    assert original[s:e] == "Ho\u0300a"
    s, e = view.span(5, 9)
    assert original[s:e] == "1\u034f6/9"


@given(text_st)
def test_nfd_and_nfc_fold_alike(text: str) -> None:
    for strip in (False, True):
        a = fold(unicodedata.normalize("NFC", text), strip_marks=strip).text
        b = fold(unicodedata.normalize("NFD", text), strip_marks=strip).text
        assert a == b


@given(text_st)
def test_spans_are_monotonic_and_in_bounds(text: str) -> None:
    view = fold(text, strip_marks=True)
    previous = (0, 0)
    for k in range(len(view.text)):
        s, e = view.span(k, k + 1)
        assert 0 <= s < e <= len(text)
        assert s >= previous[0] and e >= previous[1]
        previous = (s, e)
    # The whole folded text maps onto a slice that holds everything it came from.
    if view.text:
        s, e = view.span(0, len(view.text))
        assert text[:s].strip(" \n\t\u00a0\u200b\u034f\u00ad\u0300\u0301\u0323") == ""


@given(st.text())
def test_never_raises(text: str) -> None:
    view = fold(text, strip_marks=True)
    view.span(0, len(view.text))
