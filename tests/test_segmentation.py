"""Word and sentence segmentation: golden cases, properties, pickling and spawn workers."""

from __future__ import annotations

import itertools
import pickle
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CASES
from vntext.normalization import normalize_tone
from vntext.segmentation import (
    SegmentConfig,
    _canonical,
    _left_features,
    _load_model,
    _match_features,
    _max_match,
    _pair_features,
    _right_features,
    _SegmenterModel,
    _shape,
    _transition_features,
    segment,
    sent_spans,
    sent_tokenize,
    sentences,
    word_tokenize,
    word_tokenize_many,
)
from vntext.tokens import tokenize


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (CASES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.replace("\\n", "\n") for cell in line.split("\t")])
    return rows


def _segmentation_cases() -> list[object]:
    out = []
    for text, expected, status in _rows("segmentation.tsv"):
        marks = (
            [pytest.mark.xfail(strict=True, reason="known model error")] if status == "known-failure" else []
        )
        out.append(pytest.param(text, expected.split(" | "), marks=marks, id=text[:40]))
    return out


@pytest.mark.parametrize(("text", "expected"), _segmentation_cases())
def test_golden_words(text: str, expected: list[str]) -> None:
    assert word_tokenize(text) == expected


def _sentence_cases() -> list[object]:
    out = []
    for row in _rows("sentences.tsv"):
        text = row[0]
        expected = row[1].split(" || ") if len(row) > 1 and row[1] else []
        out.append(pytest.param(text, expected, id=text[:40]))
    return out


@pytest.mark.parametrize(("text", "expected"), _sentence_cases())
def test_golden_sentences(text: str, expected: list[str]) -> None:
    assert sent_tokenize(text) == expected


VIET = "aáàảãạăắằâấêếiíoóôốơờưứuyýđnhgtcmlsvkrqpx"
viet_text = st.text(alphabet=VIET + VIET.upper() + ' \n.,!?%/:0123456789-@“”"()…', max_size=120)


def _check_words(text: str, words: list) -> None:  # type: ignore[type-arg]
    pos = 0
    for word in words:
        assert word.text == text[word.start : word.end]
        assert word.start >= pos and text[pos : word.start].strip() == ""
        assert word.text == word.text.strip() and "\n" not in word.text
        pos = word.end
    assert text[pos:].strip() == ""


@given(st.text())
def test_segment_never_raises_and_returns_exact_slices(text: str) -> None:
    _check_words(text, segment(text))


@given(viet_text)
def test_words_are_exact_slices_and_gaps_are_whitespace(text: str) -> None:
    words = segment(text)
    _check_words(text, words)
    # Concatenating the words and the whitespace skipped between them gives back the input.
    pieces, pos = [], 0
    for word in words:
        pieces.append(text[pos : word.start])
        pieces.append(word.text)
        pos = word.end
    pieces.append(text[pos:])
    assert "".join(pieces) == text
    assert [w.text for w in words] == word_tokenize(text)


@given(viet_text)
def test_words_are_unions_of_pre_tokens(text: str) -> None:
    starts = {t.start for t in tokenize(text)}
    ends = {t.end for t in tokenize(text)}
    for word in segment(text):
        assert word.start in starts and word.end in ends


@given(viet_text)
def test_nfd_input_segments_like_nfc(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    words_nfc = segment(nfc)
    words_nfd = segment(nfd)
    _check_words(nfd, words_nfd)
    assert [unicodedata.normalize("NFC", w.text) for w in words_nfd] == [w.text for w in words_nfc]


@given(viet_text)
def test_nfd_input_splits_sentences_like_nfc(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    assert [unicodedata.normalize("NFC", nfd[s:e]) for s, e in sent_spans(nfd)] == sent_tokenize(nfc)


def test_nfd_and_invisible_characters_keep_offsets() -> None:
    text = "Ho\u0300a Bi\u0300nh la\u0300 ti\u0309nh Vie\u0323\u0302t Nam"
    assert [unicodedata.normalize("NFC", w) for w in word_tokenize(text)] == word_tokenize(
        unicodedata.normalize("NFC", text)
    )
    zw = "Hà\u200b Nội đẹp"
    words = segment(zw)
    assert words[0].text == zw[words[0].start : words[0].end]
    assert next(w.text for w in segment("Hà Nội đẹp")) == "Hà Nội"
    assert words[0].text == "Hà\u200b Nội"


def test_format_text_and_many() -> None:
    text = "Học sinh Hà Nội đi học."
    words = word_tokenize(text)
    assert word_tokenize(text, format="text") == " ".join(w.replace(" ", "_") for w in words)
    assert word_tokenize_many([text, "", text]) == [words, [], words]
    assert word_tokenize_many([text], format="text") == [word_tokenize(text, format="text")]
    with pytest.raises(ValueError):
        word_tokenize(text, format="json")  # type: ignore[arg-type]


def test_original_spacing_is_kept_inside_words() -> None:
    assert word_tokenize("Hà  Nội") == ["Hà  Nội"]
    assert word_tokenize("Hà\nNội") == ["Hà", "Nội"]  # never joined across a line break


def test_bad_input() -> None:
    for func in (segment, word_tokenize, sent_tokenize, sent_spans, sentences):
        with pytest.raises(TypeError, match="decode"):
            func(b"x")  # type: ignore[operator]
        assert func("") == []
    with pytest.raises(TypeError):
        word_tokenize_many([b"x"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="decode"):
        word_tokenize_many(b"x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="iterable of str"):
        word_tokenize_many("Hà Nội")
    assert word_tokenize_many([]) == []
    with pytest.raises(ValueError):
        segment("x", backend="nope")


@given(viet_text)
def test_sentence_spans_are_ordered_slices(text: str) -> None:
    spans = sent_spans(text)
    pos = 0
    for start, end in spans:
        assert pos <= start < end
        assert text[pos:start].strip() == ""
        assert text[start:end] == text[start:end].strip()
        pos = end
    assert text[pos:].strip() == ""
    assert [text[s:e] for s, e in spans] == sent_tokenize(text) == [t.text for t in sentences(text)]


ADVERSARIAL = ["a " * 500, "a" * 1000, "1/" * 500, ". " * 500, "Hà Nội " * 200, "\n" * 1000, "A. " * 300]


@pytest.mark.parametrize("unit", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_linear_time_on_adversarial_input(unit: str) -> None:
    def timed(func, text: str) -> float:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        func(text)
        return time.perf_counter() - started

    for func in (word_tokenize, segment, sent_tokenize):
        timed(func, unit * 10)
        assert timed(func, unit * 100) < 40 * timed(func, unit * 10) + 0.5


def test_one_megabyte_inputs_complete() -> None:
    for text in ("á" * 1_000_000, "1/2 " * 250_000, "Hà Nội. " * 125_000):
        assert "".join(word_tokenize(text)).replace(" ", "") == text.replace(" ", "")
        assert len(sent_spans(text)) >= 1


def test_cached_scores_equal_the_feature_definitions() -> None:
    # The decoder sums weights per template from tuple-keyed tables; the trainer uses the
    # feature strings. Both must give the same score for any syllables.
    model = _load_model()
    fresh = _SegmenterModel(_raw_weights(), model.lexicon, model.dictionary)
    lex = lambda w: model.lexicon.get(w, "-")  # noqa: E731
    dic = model.dictionary.__contains__
    weights = _raw_weights()
    text = (
        "Ông Nguyễn Văn An đi học ở TP.HCM, giá 1.500 đồng; Bộ Y tế xyzzy 9X! Hà Nội, thành phố "
        "hoá học Hồ Chí Minh công nghệ sinh học ủy ban nhân dân, học sinh học bài"
    )
    keys = [_canonical(t.text) for t in tokenize(text)]
    padded = ["<s>", *keys, "</s>"]
    pairs = [fresh.pair[pair] for pair in itertools.pairwise(keys)]
    codes = _max_match([k.lower() for k in keys], fresh.vocabulary)
    assert fresh._match_codes(keys, pairs) == codes
    assert {1, 2, 3} <= set(codes)  # the sentence exercises both directions
    for i in range(1, len(keys)):
        z, a, b, c = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        scores = pairs[i - 1]
        code = codes[i - 1]
        if scores[0] < -1e8:
            continue
        expected = sum(weights.get(f, 0.0) for f in _pair_features(a, b, lex, dic))
        expected += sum(weights.get(f, 0.0) for f in _match_features(code, _shape(a), _shape(b)))
        assert scores[code] == pytest.approx(expected)
        expected_t = sum(weights.get(f, 0.0) for f in _transition_features(a, b, lex, dic))
        assert scores[4 + code] - scores[code] == pytest.approx(expected_t)
        assert fresh.triple[(z, a, b)][0] == pytest.approx(
            sum(weights.get(f, 0.0) for f in _left_features(z, a, b, lex, dic))
        )
        assert fresh.triple[(a, b, c)][1] == pytest.approx(
            sum(weights.get(f, 0.0) for f in _right_features(a, b, c, lex, dic))
        )


def test_both_tone_placements_segment_alike() -> None:
    # "hoá"/"hóa" spellings differ only in where the mark sits: same words, same offsets.
    text = "Ủy ban nhân dân đề nghị công ty hóa chất khỏe mạnh, thủy lợi và hòa bình."
    old_style = normalize_tone(text, style="hoà")
    assert old_style != text and len(old_style) == len(text)
    new_spans = [(w.start, w.end) for w in segment(text)]
    assert [(w.start, w.end) for w in segment(old_style)] == new_spans


def test_glued_tokens_join_only_as_words_do() -> None:
    assert word_tokenize("tỷ số 2-1") == ["tỷ số", "2-1"]
    assert word_tokenize("ông G. Bush")[:2] == ["ông", "G."]
    assert word_tokenize("Tôi ở đó.")[-2:] == ["đó", "."]
    assert word_tokenize("Hà Nội-, x")[:3] == ["Hà Nội", "-", ","]
    # a glued hyphen between multi-syllable words separates them
    assert word_tokenize("Hà Nội-Hải Phòng") == ["Hà Nội", "-", "Hải Phòng"]


def _raw_weights() -> dict[str, float]:
    from vntext._resources import read_text

    out = {}
    for line in read_text("segmenter/weights.tsv").split("\n"):
        if line and not line.startswith("#"):
            feature, _, value = line.rpartition("\t")
            out[feature] = float(value)
    return out


def test_model_files_state_their_licence_and_origin() -> None:
    from vntext._resources import read_text

    for name in ("segmenter/weights.tsv", "segmenter/words.tsv"):
        header = read_text(name)[:600]
        assert "scripts/train_segmenter.py" in header and "CC BY-SA 4.0" in header
    assert "CC BY-SA 4.0" in read_text("segmenter/LICENSE")


def test_config_is_frozen_hashable_picklable() -> None:
    config = SegmentConfig(backend="vntext")
    assert pickle.loads(pickle.dumps(config)) == config
    assert hash(config) == hash(SegmentConfig())
    with pytest.raises(AttributeError):
        config.backend = "underthesea"  # type: ignore[misc]
    assert segment("Hà Nội", config) == segment("Hà Nội")


def test_functions_pickle_and_run_in_spawn_workers() -> None:
    texts = ["Học sinh Hà Nội đi học.", "Giá 1.500 đồng tại TP.HCM."]
    for func in (segment, word_tokenize, word_tokenize_many, sent_tokenize):
        assert pickle.loads(pickle.dumps(func)) is func
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        remote = list(pool.map(word_tokenize, texts))
        remote_spans = list(pool.map(segment, texts))
        remote_sents = pool.submit(sent_tokenize, " ".join(texts)).result()
    assert remote == [word_tokenize(t) for t in texts]
    assert remote_spans == [segment(t) for t in texts]
    assert remote_sents == sent_tokenize(" ".join(texts))


def test_underthesea_backend_maps_words_back_onto_the_input() -> None:
    pytest.importorskip("underthesea")
    text = "Chàng trai 9X Quảng Trị khởi nghiệp từ nấm sò “xịn”."
    words = segment(text, backend="underthesea")
    _check_words(text, words)
    assert "".join(w.text for w in words).replace(" ", "") == text.replace(" ", "")
    assert word_tokenize(text, backend="underthesea") == [w.text for w in words]
