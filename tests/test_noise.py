"""vntext.noise.clean: invisible and typographic noise (spec normalize.md §6)."""

from __future__ import annotations

import dataclasses
import pickle
import unicodedata

import pytest
from conftest import read_case_table
from hypothesis import given
from hypothesis import strategies as st

from vntext._resources import read_tsv
from vntext.noise import CleanConfig, clean

ROWS = read_case_table("clean.tsv")


def test_case_file_is_well_formed() -> None:
    assert len(ROWS) >= 30
    assert all(len(r) == 3 for r in ROWS)


@pytest.mark.parametrize(("source", "expected", "note"), ROWS)
def test_golden(source: str, expected: str, note: str) -> None:
    assert clean(source) == expected, note
    assert clean(expected) == expected, "expected values are fixed points"


# ---------------------------------------------------------------------------- options
def test_config_switches_parts_off() -> None:
    assert clean("“Hà Nội” ‘x’", quotes=False) == "“Hà Nội” ‘x’"
    assert clean("ＡＢＣ １２３", fullwidth=False) == "ＡＢＣ １２３"
    assert clean("iPh\u043ene", lookalikes=False) == "iPh\u043ene"
    config = CleanConfig(quotes=False, fullwidth=False, lookalikes=False)
    assert clean(" “Ａ”  iPh\u043ene\u200b ", config) == "“Ａ” iPh\u043ene"
    # a keyword overrides the config it is given with
    assert clean("“Ａ”", config, quotes=True) == '"Ａ"'


def test_config_is_frozen_hashable_and_picklable() -> None:
    config = CleanConfig(quotes=False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.quotes = True  # type: ignore[misc]
    assert hash(config) == hash(CleanConfig(quotes=False))
    assert pickle.loads(pickle.dumps(config)) == config
    assert pickle.loads(pickle.dumps(clean)) is clean


def test_bad_input_types() -> None:
    for bad in (b"Vi\xe1\xbb\x87t", None, 1.5, ["x"]):
        with pytest.raises(TypeError):
            clean(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="decode"):
        clean(b"abc")  # type: ignore[arg-type]


def test_empty_input() -> None:
    assert clean("") == ""


def test_lookalike_table_is_cyrillic_or_greek_to_ascii() -> None:
    rows = read_tsv("noise/lookalikes.tsv")[1:]
    assert len(rows) == 48
    for codepoint, char, latin, name in rows:
        assert ord(char) == int(codepoint[2:], 16)
        assert unicodedata.name(char) == name
        assert name.startswith(("CYRILLIC", "GREEK"))
        assert latin.isascii() and latin.isalpha() and len(latin) == 1
        assert char.isupper() == latin.isupper()


# ---------------------------------------------------------------------------- properties
# Letters (Vietnamese, Cyrillic look-alikes and not), marks, digits, emoji and every kind of noise.
NOISY = st.text(
    st.sampled_from(
        list("aAeiouyđĐệỆươ Hp12_-.\n\r\t\"'")
        + list("\u0430\u043e\u0421\u041d\u043f\u0397\u03bf\u03b8")  # Cyrillic/Greek
        + list("\u0301\u0302\u0323\u0306")  # combining marks
        + list("\u200b\u200c\u200d\u200e\u00ad\ufeff\u00a0\u3000\u2028\u2029\u0085\u0092\u000b\u007f")
        + list("“”‘’″′＂Ａｚ１\uff5e\ufe0f")
        + ["👩", "💻", "🏽", "👍", "★"]
    ),
    max_size=80,
)
ANY_TEXT = st.one_of(st.text(), NOISY)

DELETED = set("\u00ad\u180e\u200b\u200c\u200e\u200f\u2060\u2066\u2067\u2068\u2069\u061c\ufeff")
DELETED |= {chr(c) for c in range(0x202A, 0x202F)}
DELETED |= {chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if c not in (0x0A, 0x85)}
DELETED |= set("\u00a0\u2028\u2029\u0085\u3000“”‘’")  # mapped to something else


@given(ANY_TEXT)
def test_idempotent(text: str) -> None:
    once = clean(text)
    assert clean(once) == once


@given(ANY_TEXT)
def test_output_shape(text: str) -> None:
    out = clean(text)
    assert unicodedata.is_normalized("NFC", out)
    assert not DELETED & set(out)
    assert "  " not in out and " \n" not in out and "\n " not in out and "\n\n\n" not in out
    assert out == out.strip(" \n")
    assert not any(0xFF01 <= ord(c) <= 0xFF5E for c in out)


@given(ANY_TEXT)
def test_zwj_survives_only_between_emoji(text: str) -> None:
    out = clean(text)
    for i, ch in enumerate(out):
        if ch == "\u200d":
            before, after = out[i - 1], out[i + 1]
            assert before == "\ufe0f" or unicodedata.category(before) in ("So", "Sk")
            assert unicodedata.category(after) == "So"


_PLAIN = st.text(st.sampled_from(list("abcxyzĐđệươÀ0189.,!?-_ ")), max_size=80)
_NOISE = st.sampled_from(["\u200b", "\u00ad", "\ufeff", "\u200e", "\u202a", "\u0092", "\u200d", "\u2060"])


@given(st.lists(st.tuples(_PLAIN, _NOISE), max_size=10))
def test_only_noise_and_spaces_change(parts: list[tuple[str, str]]) -> None:
    text = "".join(plain + noise for plain, noise in parts)
    plain = "".join(plain for plain, _ in parts)
    # no letter, digit or punctuation is lost or invented: only noise and spacing differ
    assert clean(text).replace(" ", "") == plain.replace(" ", "")


@given(st.text(st.sampled_from(list("ab \n\r\t\u00a0"))))
def test_whitespace_only_layout(text: str) -> None:
    out = clean(text)
    words = text.replace("\r", "\n").replace("\t", " ").replace("\u00a0", " ").split()
    assert out.split() == words


@pytest.mark.parametrize(
    "unit",
    [" ", "\n", "\r\n", " \n", "\u200d", "👩\u200d", "a", "\u043e", "a\u043e", "\u00a0\t", "1/", "e\u0301"],
)
def test_megabyte_adversarial_input_completes(unit: str) -> None:
    text = unit * (1_000_000 // len(unit))
    out = clean(text)
    assert len(out) <= len(text)
    assert clean(out) == out


@given(ANY_TEXT, st.booleans(), st.booleans())
def test_char_map_runs_equal_one_translate(text: str, quotes: bool, fullwidth: bool) -> None:
    from vntext import noise

    config = CleanConfig(quotes=quotes, fullwidth=fullwidth)
    assert noise._apply_char_map(text, config) == text.translate(noise._char_map(config))
