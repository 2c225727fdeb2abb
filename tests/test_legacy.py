"""vntext.legacy: TCVN3 / VNI / VIQR decoding and detection (spec normalize.md §5)."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import unicodedata

import pytest
from conftest import read_case_table
from hypothesis import assume, given
from hypothesis import strategies as st

from vntext import legacy
from vntext._resources import read_tsv
from vntext.legacy import ENCODINGS, decode_legacy, detect_legacy

# ---------------------------------------------------------------------------- golden cases
ROWS = read_case_table("legacy.tsv")
DECODE_ROWS = [r for r in ROWS if r[0] in (*ENCODINGS, "auto")]
DETECT_ROWS = [r for r in ROWS if r[0] == "detect"]
SENTENCES = [r[2] for r in ROWS if r[0] == "sentence"]
ENCODERS = {"tcvn3": legacy._encode_tcvn3, "vni": legacy._encode_vni, "viqr": legacy._encode_viqr}


def test_case_file_is_well_formed() -> None:
    assert all(len(r) == 4 for r in ROWS)
    assert {r[0] for r in ROWS} == {"tcvn3", "vni", "viqr", "auto", "detect", "sentence"}
    assert len(SENTENCES) >= 10


@pytest.mark.parametrize(("kind", "source", "expected", "note"), DECODE_ROWS)
def test_golden_decode(kind: str, source: str, expected: str, note: str) -> None:
    assert decode_legacy(source, encoding=kind) == expected, note


@pytest.mark.parametrize(("kind", "source", "expected", "note"), DETECT_ROWS)
def test_golden_detect(kind: str, source: str, expected: str, note: str) -> None:
    assert detect_legacy(source) == (None if expected == "none" else expected), note


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_sentences_survive_encode_decode_and_detection(sentence: str, encoding: str) -> None:
    try:
        encoded = ENCODERS[encoding](sentence)
    except ValueError:
        pytest.skip(f"{encoding} cannot carry this sentence")
    assert encoded != sentence  # every sentence has marked letters, so the encoding shows
    assert decode_legacy(encoded, encoding=encoding) == sentence
    assert detect_legacy(encoded) == encoding
    assert decode_legacy(encoded) == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_unicode_sentences_are_left_alone(sentence: str) -> None:
    assert detect_legacy(sentence) is None
    assert decode_legacy(sentence) == sentence
    nfd = unicodedata.normalize("NFD", sentence)
    assert decode_legacy(nfd) == sentence


# ---------------------------------------------------------------------------- the tables
def test_tcvn3_table_covers_74_letters_in_distinct_high_bytes() -> None:
    rows = read_tsv("legacy/tcvn3.tsv")[1:]
    assert len(rows) == 74  # 66 toned or modified lower-case vowels, đ, Ă Â Ê Ô Ơ Ư Đ (a e i o u y are ASCII)
    bytes_ = [int(r[0], 16) for r in rows]
    assert len(set(bytes_)) == len(bytes_)
    assert all(0xA1 <= b <= 0xFE for b in bytes_)
    assert len({r[1] for r in rows}) == len(rows)


def test_vni_mark_characters_never_start_a_token() -> None:
    # the decoder's pattern relies on it (see legacy._vni_decoder)
    table = legacy._vni_table()
    marks = {s[1] for s in table if len(s) == 2}
    starts = {s[0] for s in table}
    assert marks and not marks & starts


def _vietnamese_letters() -> list[str]:
    out = ["đ", "Đ"]
    for vowel in "aăâeêioôơuưy":
        for mark in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            letter = unicodedata.normalize("NFC", vowel + mark)
            out += [letter, letter.upper()]
    return out


LETTERS = _vietnamese_letters()
MARKED = [c for c in LETTERS if not c.isascii()]


def test_every_marked_letter_has_a_vni_and_a_viqr_spelling() -> None:
    assert len(MARKED) == 132 + 2  # 144 vowel forms less 12 ASCII ones, plus đ Đ
    for letter in MARKED:
        for encoding in ("vni", "viqr"):
            spelled = ENCODERS[encoding](letter)
            # VNI writes ì í (bytes EC ED) as the same characters; everything else changes
            assert spelled != letter or letter in "ìíÌÍ"
            assert decode_legacy(spelled, encoding=encoding) == letter


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not installed")
def test_tcvn3_table_agrees_with_glibc_iconv() -> None:
    rows = read_tsv("legacy/tcvn3.tsv")[1:]
    raw = bytes(int(r[0], 16) for r in rows)
    done = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True)
    if done.returncode != 0:
        pytest.skip("iconv has no TCVN5712-1 charset here")
    theirs = unicodedata.normalize("NFC", done.stdout.decode("utf-8"))
    assert decode_legacy(raw.decode("cp1252"), encoding="tcvn3") == theirs


# ---------------------------------------------------------------------------- API behaviour
def test_bad_input_types() -> None:
    for bad in (b"H\xb5 N\xe9i", None, 3, ["text"]):
        with pytest.raises(TypeError):
            decode_legacy(bad)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            detect_legacy(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cp1252"):
        decode_legacy(b"abc")  # type: ignore[arg-type]


@pytest.mark.parametrize("encoding", ["latin1", "", "utf-8", "vni-win", None, 3])
def test_unknown_encoding_is_a_value_error(encoding: object) -> None:
    with pytest.raises(ValueError, match="unknown encoding"):
        decode_legacy("abc", encoding=encoding)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        decode_legacy("", encoding=encoding)  # type: ignore[arg-type]


def test_encoding_names_ignore_case() -> None:
    assert decode_legacy("Hµ", encoding="TCVN3") == "Hà"
    assert decode_legacy("Haø", encoding="VNI") == "Hà"
    assert decode_legacy("Ha`", encoding="Auto") == "Hà"


def test_empty_input() -> None:
    for encoding in (*ENCODINGS, "auto"):
        assert decode_legacy("", encoding=encoding) == ""
    assert detect_legacy("") is None


def test_functions_pickle() -> None:
    for fn in (decode_legacy, detect_legacy):
        assert pickle.loads(pickle.dumps(fn)) is fn


# ---------------------------------------------------------------------------- properties
_ASCII_SAFE = "bcghklmnpqrstvx0123456789 ,;:!-/"  # no vowel, no d, no VIQR mark
_VIQR_MARKS = "(^+'`?~.\\"
TEXT_CHARS = st.sampled_from(LETTERS + list("aeiouyAEIOUYdD" + _ASCII_SAFE + _VIQR_MARKS + "\n"))


@given(st.text(TEXT_CHARS, max_size=60))
def test_vni_and_viqr_round_trip_every_letter(text: str) -> None:
    assert decode_legacy(legacy._encode_vni(text), encoding="vni") == text
    try:
        encoded = legacy._encode_viqr(text)
    except ValueError:
        assume(False)  # a backslash right before đ/Đ has no VIQR spelling
    assert encoded.isascii()
    assert decode_legacy(encoded, encoding="viqr") == text


TCVN3_CHARS = st.sampled_from(
    [c for c in LETTERS if c.islower() or c in "ĂÂÊÔƠƯĐ" or c.isascii()] + list(_ASCII_SAFE + "\n“”–…")
)


@given(st.text(TCVN3_CHARS, max_size=60))
def test_tcvn3_round_trips_every_letter_it_carries(text: str) -> None:
    encoded = legacy._encode_tcvn3(text)
    assert all(ord(c) < 0x100 or c in "“”–…" for c in encoded)
    assert decode_legacy(encoded, encoding="tcvn3") == text


@given(st.text())
def test_never_raises_and_output_is_nfc(text: str) -> None:
    for encoding in (*ENCODINGS, "auto"):
        out = decode_legacy(text, encoding=encoding)
        assert unicodedata.is_normalized("NFC", out)
    assert detect_legacy(text) in (None, *ENCODINGS)


@given(st.text())
def test_auto_returns_the_decoding_that_detection_names(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    name = detect_legacy(text)
    expected = nfc if name is None else decode_legacy(nfc, encoding=name)
    assert decode_legacy(text) == expected


@given(st.text(st.characters(max_codepoint=0x7F)))
def test_tcvn3_and_vni_leave_ascii_alone(text: str) -> None:
    assert decode_legacy(text, encoding="tcvn3") == text
    assert decode_legacy(text, encoding="vni") == text


@given(st.text(st.sampled_from(list("bcghklmnpqrstvxBCGHKLMNPQRSTVX aeiouyAEIOUY0123456789,;:!-/\n"))))
def test_viqr_needs_a_mark_or_dd_to_change_anything(text: str) -> None:
    assert decode_legacy(text, encoding="viqr") == text
    assert detect_legacy(text) is None


@pytest.mark.parametrize(
    "unit",
    ["a^'", "\\", "d", "ô", "öôø", "aø", "µ", "®\u00ad", "a(", "Dd\\", "ngöôøi ", "Ng\u00adêi "],
)
def test_megabyte_adversarial_input_completes(unit: str) -> None:
    text = unit * (1_000_000 // len(unit))
    for encoding in (*ENCODINGS, "auto"):
        out = decode_legacy(text, encoding=encoding)
        assert len(out) <= len(text)
    detect_legacy(text)
