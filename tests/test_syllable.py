"""Tests for vntext.syllable: the parse, composition and is_syllable (spec normalize.md §1, §7)."""

from __future__ import annotations

import pickle
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vntext.syllable import TONE_NAMES, Syllable, is_syllable, parse_syllable

CASES = Path(__file__).parent / "cases"


def unescape(field: str) -> str:
    """Decode the escapes used in tests/cases/*.tsv: \\uXXXX, \\n, \\t and \\\\."""
    table = {"n": "\n", "t": "\t", "\\": "\\"}
    return re.sub(
        r"\\(u[0-9a-fA-F]{4}|[nt\\])",
        lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "u" else table[m.group(1)],
        field,
    )


def read_cases(name: str) -> list[list[str]]:
    rows = []
    for line in (CASES / name).read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#"):
            continue
        rows.append([unescape(field) for field in line.split("\t")])
    return rows


SYLLABLE_CASES = read_cases("syllables.tsv")


@pytest.mark.parametrize(
    ("token", "expected", "note"), SYLLABLE_CASES, ids=[r[0] or "<empty>" for r in SYLLABLE_CASES]
)
def test_is_syllable_golden(token: str, expected: str, note: str) -> None:
    assert expected in ("true", "false")
    assert is_syllable(token) is (expected == "true"), note


# ----------------------------------------------------------------------------------------------
# The parse


@pytest.mark.parametrize(
    ("word", "onset", "nucleus", "final", "tone_name", "tone_at"),
    [
        ("Người", "ng", "ươi", "", "huyền", 3),
        ("giếng", "gi", "ê", "ng", "sắc", 2),
        ("gìn", "gi", "i", "n", "huyền", 1),
        ("qúa", "qu", "a", "", "sắc", 1),  # misplaced mark: the parse still succeeds
        ("THUỶ", "th", "uy", "", "hỏi", 3),
        ("ăn", "", "ă", "n", "ngang", -1),
        ("nghiêng", "ngh", "iê", "ng", "ngang", -1),
        ("khuỷu", "kh", "uyu", "", "hỏi", 3),
        ("Kạn", "k", "a", "n", "nặng", 1),  # spelling is not part of the parse
    ],
)
def test_parse_fields(word: str, onset: str, nucleus: str, final: str, tone_name: str, tone_at: int) -> None:
    syl = parse_syllable(word)
    assert syl is not None
    assert (syl.onset, syl.nucleus, syl.final, syl.tone_name, syl.tone_at) == (
        onset,
        nucleus,
        final,
        tone_name,
        tone_at,
    )
    assert syl.word == word


@pytest.mark.parametrize(
    "word",
    ["", "Beyoncé", "hoàà", "Đắk", "Krông", "qu", "ng", "chip1", "Hà Nội", "ươ", "fò", "Ð", "x"],
)
def test_parse_fails(word: str) -> None:
    assert parse_syllable(word) is None


def test_parse_nfd_input() -> None:
    syl = parse_syllable("Ho\u0300a")  # NFD
    assert syl is not None and syl.word == "Hòa" and syl.tone_name == "huyền"


@pytest.mark.parametrize(
    ("word", "medial", "rhyme"),
    [
        ("hoàng", "o", "oang"),
        ("quốc", "u", "ôc"),
        ("thuyết", "u", "uyêt"),
        ("xoong", "", "oong"),
        ("ba", "", "a"),
    ],
)
def test_medial_and_rhyme(word: str, medial: str, rhyme: str) -> None:
    syl = parse_syllable(word)
    assert syl is not None
    assert (syl.medial, syl.rhyme) == (medial, rhyme)


@pytest.mark.parametrize(
    ("word", "hoa_first", "hoa_second"),
    [
        ("hoà", "hòa", "hoà"),
        ("KHỎE", "KHỎE", "KHOẺ"),
        ("Uỷ", "Ủy", "Uỷ"),
        ("hòan", "hoàn", "hoàn"),
        ("gỉai", "giải", "giải"),
        ("ngừơi", "người", "người"),
        ("qÚa", "qUá", "qUá"),  # each letter keeps its case
        ("ba", "ba", "ba"),
    ],
)
def test_compose(word: str, hoa_first: str, hoa_second: str) -> None:
    syl = parse_syllable(word)
    assert syl is not None
    assert syl.compose(style="hòa") == hoa_first
    assert syl.compose(style="hoà") == hoa_second
    assert syl.compose(style=unicodedata.normalize("NFD", "hoà")) == hoa_second


def test_mark_index() -> None:
    syl = parse_syllable("thuỷ")
    assert syl is not None
    assert (syl.mark_index("hòa"), syl.mark_index("hoà")) == (2, 3)
    toneless = parse_syllable("ba")
    assert toneless is not None and toneless.mark_index() == -1


def test_compose_unknown_style() -> None:
    syl = parse_syllable("hoà")
    assert syl is not None
    for style in ("old", "new", "hoa", "HÒA", ""):
        with pytest.raises(ValueError):
            syl.compose(style=style)


def test_syllable_is_frozen_hashable_picklable() -> None:
    syl = parse_syllable("Việt")
    assert isinstance(syl, Syllable)
    assert pickle.loads(pickle.dumps(syl)) == syl
    assert hash(syl) == hash(parse_syllable("Việt"))
    with pytest.raises(AttributeError):
        syl.onset = "x"  # type: ignore[misc]
    assert "Việt" in repr(syl)


def test_tone_names() -> None:
    assert TONE_NAMES == ("ngang", "huyền", "sắc", "hỏi", "ngã", "nặng")


# ----------------------------------------------------------------------------------------------
# The data tables hold the spec's rows


def test_rhyme_tables() -> None:
    from vntext.syllable import _qu_rhymes, _rhymes

    main, qu = _rhymes(), _qu_rhymes()
    # The sizes spec §7.3 states for its two tables.
    assert len(main) == 158
    assert len(qu) == 44
    assert ("oo", "ng") in main and ("oo", "") not in main
    assert ("ô", "c") in qu and ("ô", "") not in qu
    assert all(final in {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"} for _, final in main | qu)


# ----------------------------------------------------------------------------------------------
# Bad input and properties


@pytest.mark.parametrize("func", [is_syllable, parse_syllable])
@pytest.mark.parametrize("value", [b"ba", None, 3, ["ba"]])
def test_type_error(func: object, value: object) -> None:
    with pytest.raises(TypeError):
        func(value)  # type: ignore[operator]


def test_bytes_error_says_how_to_decode() -> None:
    with pytest.raises(TypeError, match=r"decode"):
        is_syllable(b"ba")  # type: ignore[arg-type]


@given(st.text())
def test_is_syllable_total(token: str) -> None:
    assert is_syllable(token) in (True, False)
    syl = parse_syllable(token)
    assert syl is None or isinstance(syl, Syllable)


VIET = "aăâeêioôơuưybcdđghklmnpqrstvx" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


@given(st.text(alphabet=VIET + VIET.upper(), min_size=1, max_size=8))
def test_syllable_implies_parse_and_compose_is_stable(token: str) -> None:
    syl = parse_syllable(token)
    if is_syllable(token):
        assert syl is not None
        # a well-formed syllable already sits in one of the two styles
        assert token in (syl.compose(style="hòa"), syl.compose(style="hoà"))
    if syl is not None:
        for style in ("hòa", "hoà"):
            composed = syl.compose(style=style)
            again = parse_syllable(composed)
            assert again is not None and again.compose(style=style) == composed
            assert len(composed) == len(token)
            assert (again.onset, again.nucleus, again.final, again.tone) == (
                syl.onset,
                syl.nucleus,
                syl.final,
                syl.tone,
            )


def test_long_token_is_quick() -> None:
    assert is_syllable("a" * 1_000_000) is False
    assert parse_syllable("hoà" * 300_000) is None
