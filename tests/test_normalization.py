"""Tests for vntext.normalization (spec normalize.md §2–§4) and the ``normalize`` composition."""

from __future__ import annotations

import dataclasses
import functools
import pickle
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_syllable import read_cases
from vntext._chars import strip_table
from vntext.normalization import (
    NormalizeConfig,
    _protected_spans,
    normalize,
    normalize_tone,
    normalize_unicode,
    remove_diacritics,
    to_ascii,
)
from vntext.syllable import _compose_table, _letters, _onsets, _qu_rhymes, _rhymes, parse_syllable

STYLES = ("hòa", "hoà")
TONE_CASES = read_cases("tone.tsv")
DIACRITIC_CASES = read_cases("diacritics.tsv")


# ----------------------------------------------------------------------------------------------
# Golden cases


@pytest.mark.parametrize(("style", "text", "expected", "note"), TONE_CASES, ids=[r[3] for r in TONE_CASES])
def test_normalize_tone_golden(style: str, text: str, expected: str, note: str) -> None:
    assert style in STYLES
    assert normalize_tone(text, style=style) == expected


@pytest.mark.parametrize(("text", "expected", "note"), DIACRITIC_CASES, ids=[r[2] for r in DIACRITIC_CASES])
def test_remove_diacritics_golden(text: str, expected: str, note: str) -> None:
    assert remove_diacritics(text) == expected


# ----------------------------------------------------------------------------------------------
# A plain reference for tone placement: parse every word of the spec's text, find the protected
# spans with the spec's own (quadratic, but simple) regex. The fast path must agree with it.

_SPEC_PROTECTED = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|`[^`\n]*`")
_WORD = re.compile(r"[^\W\d_]+")


def reference_tone(text: str, style: str) -> str:
    text = unicodedata.normalize("NFC", text)

    def fix_words(segment: str) -> str:
        def fix(m: re.Match[str]) -> str:
            syl = parse_syllable(m.group())
            return m.group() if syl is None else syl.compose(style=style)

        return _WORD.sub(fix, segment)

    out, pos = [], 0
    for m in _SPEC_PROTECTED.finditer(text):
        out.append(fix_words(text[pos : m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(fix_words(text[pos:]))
    return "".join(out)


@functools.cache
def _shapes() -> list[str]:
    return every_syllable_shape()


def every_syllable_shape() -> list[str]:
    """Every onset x rhyme x tone x marked vowel x case pattern, including misplaced marks."""
    compose = _compose_table()
    words = set()
    for onset in [*sorted(_onsets()), ""]:
        rhymes = set(_qu_rhymes() if onset == "qu" else _rhymes())
        if onset == "gi":
            rhymes |= {(n[1:], f) for n, f in _rhymes() if n.startswith("i") and len(n) > 1}
            rhymes |= {("", f) for f in ("", "m", "n", "t", "ch", "nh", "p")}
        for nucleus, final in rhymes:
            plain = onset + nucleus + final
            vowels = [i for i, c in enumerate(plain) if c in "aăâeêioôơuưy"]
            for tone in range(1, 6):
                for at in vowels:
                    for case in range(4):
                        chars = []
                        for i, c in enumerate(plain):
                            upper = (False, True, i == 0, i % 2 == 1)[case]
                            chars.append(compose[(c, tone if i == at else 0, upper)])
                        words.add("".join(chars))
    return sorted(words)


@pytest.mark.parametrize("style", STYLES)
def test_fast_path_agrees_with_parsing_every_word(style: str) -> None:
    # The candidate regex only visits marks that may be misplaced; this checks it never misses
    # one, on every syllable shape the parse accepts, alone and glued to digits and _.
    words = _shapes()
    assert len(words) > 100_000
    for word in words:
        syl = parse_syllable(word)
        want = word if syl is None else syl.compose(style=style)
        assert normalize_tone(word, style=style) == want, word
        assert normalize_tone(f"1{word}_", style=style) == f"1{want}_", word


def test_protected_spans_match_the_spec_regex_examples() -> None:
    text = "a www.x@y.com b@c.d `e` http://f `g\nh` i@j k.l+m@n-o.p.q"
    assert [text[s:e] for s, e in _protected_spans(text)] == [
        m.group() for m in _SPEC_PROTECTED.finditer(text)
    ]


SPAN_ALPHABET = st.sampled_from(
    [
        "a",
        "ò",
        "Z",
        "1",
        "_",
        ".",
        "+",
        "-",
        "@",
        "`",
        " ",
        "\n",
        "/",
        ":",
        "http://",
        "https://",
        "www.",
        "hoà",
    ]
)


@given(st.lists(SPAN_ALPHABET, max_size=40).map("".join))
def test_protected_spans_match_the_spec_regex(text: str) -> None:
    assert [text[s:e] for s, e in _protected_spans(text)] == [
        text[m.start() : m.end()] for m in _SPEC_PROTECTED.finditer(text)
    ]


VIET_LOWER = "aăâeêioôơuưybcdđghklmnpqrstvx" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
WORDISH = st.text(alphabet=VIET_LOWER + VIET_LOWER.upper(), min_size=1, max_size=7)
SEPARATORS = st.sampled_from(
    [" ", "  ", ", ", "_", "1", "\n", ". ", "é", "@", "`", "www.", "http://", ".vn "]
)
SYLLABLE_SHAPED = st.deferred(lambda: st.sampled_from(_shapes()))
VIET_TEXT = st.lists(st.one_of(SYLLABLE_SHAPED, WORDISH, SEPARATORS), max_size=30).map("".join)


@pytest.mark.parametrize("style", STYLES)
@given(text=VIET_TEXT)
def test_tone_agrees_with_reference(style: str, text: str) -> None:
    assert normalize_tone(text, style=style) == reference_tone(text, style)


def marks_removed(text: str) -> str:
    return remove_diacritics(text)


def tone_sequence(text: str) -> list[int]:
    letters = _letters()
    return [letters[c][1] for c in text if c in letters and letters[c][1]]


@pytest.mark.parametrize("style", STYLES)
@given(text=VIET_TEXT)
def test_tone_properties(style: str, text: str) -> None:
    out = normalize_tone(text, style=style)
    # idempotent
    assert normalize_tone(out, style=style) == out
    # only where a mark sits changes: same length, same letters without marks, same tones in order
    assert len(out) == len(text)
    assert marks_removed(out) == marks_removed(text)
    assert tone_sequence(out) == tone_sequence(text)
    # the other style and back is a round trip on text the first step produced
    other = STYLES[1] if style == STYLES[0] else STYLES[0]
    assert normalize_tone(normalize_tone(out, style=other), style=style) == out


@pytest.mark.parametrize("style", STYLES)
@given(text=st.text())
def test_tone_total_on_any_str(style: str, text: str) -> None:
    out = normalize_tone(text, style=style)
    assert out == reference_tone(text, style)
    assert normalize_tone(out, style=style) == out
    if unicodedata.is_normalized("NFC", text):
        assert len(out) == len(text)


def test_tone_is_nfc_first() -> None:
    nfd = unicodedata.normalize("NFD", "Thuỷ điện Hoà Bình")
    assert normalize_tone(nfd, style="hòa") == "Thủy điện Hòa Bình"
    assert normalize_tone(nfd, style=unicodedata.normalize("NFD", "hoà")) == "Thuỷ điện Hoà Bình"


def test_tone_unknown_style() -> None:
    for style in ("old", "new", "hoa", "HÒA", "", "hòa "):
        with pytest.raises(ValueError, match="hòa"):
            normalize_tone("hoà", style=style)
    with pytest.raises(ValueError):
        normalize_tone("", style="old")  # the style is checked even when there is nothing to do


# ----------------------------------------------------------------------------------------------
# Unicode


@given(st.text())
def test_normalize_unicode_is_nfc(text: str) -> None:
    assert normalize_unicode(text) == unicodedata.normalize("NFC", text)


def test_normalize_unicode_keeps_mark_position() -> None:
    assert normalize_unicode("Hoa\u0300 kho\u00e8") == "Hoà khoè"
    assert normalize_unicode("e\u0323\u0302") == "ệ" == normalize_unicode("e\u0302\u0323")
    assert normalize_unicode("a\u0341") == "á"


# ----------------------------------------------------------------------------------------------
# Diacritics

VIETNAMESE_MARKED = {chr(cp) for cp in strip_table()} | {"đ", "Đ"}


@given(st.text())
def test_remove_diacritics_properties(text: str) -> None:
    out = remove_diacritics(text)
    assert remove_diacritics(out) == out
    assert not VIETNAMESE_MARKED & set(out)
    assert re.search("[A-Za-z][\u0300-\u036f]", out) is None


def reference_strip(text: str) -> str:
    """Spec §4 step by step: đ/Đ and decomposable Latin letters, then marks after ASCII letters."""
    table = strip_table()
    letters = "".join(table.get(ord(c), c) for c in text)
    return re.sub("([A-Za-z])[\u0300-\u036f]+", r"\1", letters)


MARKY = st.text(
    alphabet=st.sampled_from(
        [*"aEzđĐêỆ1 _-ßøÐ東カЁή", "\u0300", "\u0301", "\u0302", "\u0323", "\u031b", "\u3099", "\u20dd"]
    )
)


@given(st.one_of(MARKY, st.text()))
def test_remove_diacritics_agrees_with_reference(text: str) -> None:
    assert remove_diacritics(text) == reference_strip(text)
    nfd = unicodedata.normalize("NFD", text)
    assert remove_diacritics(nfd) == reference_strip(nfd)


@given(st.text(alphabet=VIET_LOWER + VIET_LOWER.upper() + " ,.0123"))
def test_remove_diacritics_on_vietnamese_agrees_with_nfd_fold(text: str) -> None:
    folded = "".join(
        c
        for c in unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        if not unicodedata.combining(c)
    )
    assert remove_diacritics(text) == folded
    assert remove_diacritics(unicodedata.normalize("NFD", text)) == folded


def test_to_ascii() -> None:
    assert to_ascii("Phở bò “Hà Nội” – Straße") == 'Pho bo "Ha Noi" - Strasse'
    assert to_ascii("東京") == "Dong Jing "  # unidecode's transliteration, trailing space included
    assert to_ascii("") == ""


@given(st.text())
def test_to_ascii_is_ascii(text: str) -> None:
    assert to_ascii(text).isascii()


# ----------------------------------------------------------------------------------------------
# normalize and its config


def test_normalize_default_steps() -> None:
    assert normalize("  Hoa\u0300\u200b  bi\u0300nh\u00a0thuỷ ") == "Hòa bình thủy"


def test_normalize_options_override_config() -> None:
    config = NormalizeConfig(tone_style="hoà")
    assert normalize("Thủy Hòa", config) == "Thuỷ Hoà"
    assert normalize("Thủy Hòa", config, tone_style="hòa") == "Thủy Hòa"
    assert normalize("Thủy Hòa", config, tone=False) == "Thủy Hòa"
    assert normalize(" hoà ", clean=False, tone=False) == " hoà "
    assert normalize("Ho\u0300a", clean=False, unicode=False, tone=False) == "Ho\u0300a"
    assert normalize("Thuỷ điện", remove_diacritics=True) == "Thuy dien"


def test_normalize_bad_options() -> None:
    with pytest.raises(TypeError, match="tone_stlye"):
        normalize("x", tone_stlye="hoà")
    with pytest.raises(ValueError):
        normalize("x", tone_style="old")
    with pytest.raises(TypeError):
        normalize("x", config="hoà")  # type: ignore[arg-type]


def test_config_frozen_hashable_picklable() -> None:
    config = NormalizeConfig(tone_style=unicodedata.normalize("NFD", "hoà"))
    assert config.tone_style == "hoà"  # stored in NFC
    assert config == NormalizeConfig(tone_style="hoà")
    assert hash(config) == hash(NormalizeConfig(tone_style="hoà"))
    assert pickle.loads(pickle.dumps(config)) == config
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.tone = False  # type: ignore[misc]


# ----------------------------------------------------------------------------------------------
# Bad input, empty input, adversarial input

PUBLIC: list[Callable[..., Any]] = [normalize_unicode, normalize_tone, remove_diacritics, to_ascii, normalize]


@pytest.mark.parametrize("func", PUBLIC, ids=lambda f: f.__name__)
@pytest.mark.parametrize("value", [b"ho\xc3\xa0", None, 1, ["x"]])
def test_type_error(func: Callable[..., Any], value: Any) -> None:
    with pytest.raises(TypeError):
        func(value)


@pytest.mark.parametrize("func", PUBLIC, ids=lambda f: f.__name__)
def test_bytes_message_says_how_to_decode(func: Callable[..., Any]) -> None:
    with pytest.raises(TypeError, match=r'decode\("utf-8"\)'):
        func(b"abc")


@pytest.mark.parametrize("func", PUBLIC, ids=lambda f: f.__name__)
def test_empty(func: Callable[..., Any]) -> None:
    assert func("") == ""


@pytest.mark.parametrize("func", [normalize_unicode, remove_diacritics, to_ascii], ids=lambda f: f.__name__)
@given(text=st.text())
def test_no_exception_on_any_str(func: Callable[..., Any], text: str) -> None:
    assert isinstance(func(text), str)


@given(text=st.text())
def test_normalize_no_exception_on_any_str(text: str) -> None:
    assert isinstance(normalize(text), str)


@pytest.mark.parametrize(
    "text",
    [
        "hoà" * 350_000,  # 1 MB of letters, no space
        "a" * 1_000_000 + "@b.c",  # one huge e-mail local part
        "a" * 500_000 + "@" * 500_000,  # many "@", none an address
        "`" * 1_000_000,
        "1/" * 500_000,  # digits and slashes
        ("hòan@" * 200_000),
        "www." * 250_000,
        "qúa" * 300_000 + " hoà",
    ],
    ids=["letters", "local-part", "ats", "backticks", "digits", "mixed", "www", "qua"],
)
def test_megabyte_without_spaces_completes(text: str) -> None:
    for style in STYLES:
        out = normalize_tone(text, style=style)
        assert len(out) == len(text)
    assert len(remove_diacritics(text)) == len(text)


def test_public_functions_pickle() -> None:
    for func in PUBLIC:
        assert pickle.loads(pickle.dumps(func)) is func


def _tone_hoa(text: str) -> str:
    return normalize_tone(text, style="hoà")


def test_works_in_spawned_processes() -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert list(pool.map(_tone_hoa, ["Hòa bình", "khỏe"])) == ["Hoà bình", "khoẻ"]
        assert list(pool.map(remove_diacritics, ["Đà Nẵng"])) == ["Da Nang"]
