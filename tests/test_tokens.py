"""The pre-tokenizer: golden cases (tests/cases/tokens.tsv) and properties."""

from __future__ import annotations

import pickle
import time
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CASES
from vntext.tokens import KINDS, Token, iter_tokens, tokenize


def _cases() -> list[tuple[str, list[tuple[str, str]]]]:
    out = []
    for line in (CASES / "tokens.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        text, expected = line.split("\t")
        pairs = []
        for item in expected.split(" "):
            piece, _, kind = item.rpartition("/")
            pairs.append((piece, kind))
        out.append((text, pairs))
    return out


@pytest.mark.parametrize(("text", "expected"), _cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_golden(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.kind) for t in tokenize(text)] == expected


def _check_slices(text: str, tokens: list[Token]) -> None:
    pos = 0
    for token in tokens:
        assert token.text == text[token.start : token.end]
        assert token.start >= pos, "tokens overlap or are out of order"
        assert text[pos : token.start].isspace() or pos == token.start, "a non-space character was skipped"
        assert token.kind in KINDS
        assert token.text and not any(ch.isspace() for ch in token.text)
        pos = token.end
    assert text[pos:].strip() == ""


@given(st.text())
def test_tokens_are_exact_slices_covering_every_non_space_character(text: str) -> None:
    _check_slices(text, tokenize(text))


@given(st.text(alphabet="aáàảãạăâđêôơưAĐ0123456789 .,:/-@#%$h\u0300\u0301\u200b\n'\"()", max_size=80))
def test_slices_on_dense_vietnamese_like_input(text: str) -> None:
    _check_slices(text, tokenize(text))


@given(st.text(alphabet="aáàảãạăâđêôơườƠỜAĐ0123456789 .,:/-@#%$h'\u200b\n", max_size=80))
def test_nfd_input_tokenizes_like_nfc(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    expected = [(t.text, t.kind) for t in tokenize(nfc)]
    assert [(unicodedata.normalize("NFC", t.text), t.kind) for t in tokenize(nfd)] == expected


def test_iter_tokens_matches_tokenize() -> None:
    text = "Ngày 13/04/2023, giá 3,5% tại TP.HCM."
    assert list(iter_tokens(text)) == tokenize(text)


def test_nfd_word_is_one_token() -> None:
    nfd = "Ho\u0300a Bi\u0300nh"
    assert [t.text for t in tokenize(nfd)] == ["Ho\u0300a", "Bi\u0300nh"]


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="decode"):
        tokenize(b"abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        tokenize(None)  # type: ignore[arg-type]
    assert tokenize("") == []
    assert tokenize(" \n\t ") == []


def test_token_is_frozen_hashable_picklable() -> None:
    token = Token("Hà", 0, 2, "word")
    assert pickle.loads(pickle.dumps(token)) == token
    assert hash(token) == hash(Token("Hà", 0, 2, "word"))
    with pytest.raises(AttributeError):
        token.text = "x"  # type: ignore[misc]
    assert "Hà" in repr(token) and "0:2" in repr(token)
    assert "<code>" in token._repr_html_()


ADVERSARIAL = [
    "a" * 1000,
    "1/" * 500,
    "1." * 500,
    "a.a" * 300,
    "A." * 500,
    "http://" * 150,
    "a@" * 500,
    "x-1" * 300,
    "@" * 1000,
    "#" * 1000,
    "9" * 1000,
    "aa1" * 300,
    " " * 1000 + "x",
    "a\u0300" * 500,
]


@pytest.mark.parametrize("unit", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_linear_time_on_adversarial_input(unit: str) -> None:
    # Loose: ten times the input may take at most ~40x the time (linear is ~10x, quadratic ~100x).
    small, large = unit * 10, unit * 100

    def timed(text: str) -> float:
        started = time.perf_counter()
        tokens = tokenize(text)
        elapsed = time.perf_counter() - started
        _check_slices(text, tokens)
        return elapsed

    timed(small)
    assert timed(large) < 40 * timed(small) + 0.5


def test_one_megabyte_without_spaces_completes() -> None:
    for text in ("á" * 1_000_000, "1/2" * 333_333, "a.b@" * 250_000):
        tokens = tokenize(text)
        assert "".join(t.text for t in tokens) == text
