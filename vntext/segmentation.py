"""Word and sentence segmentation with offsets into the original string.

Words are found by a greedy averaged perceptron that decides, for each pair of adjacent
pre-tokens (``vntext.tokens``) separated by spaces on one line, whether they belong to the
same word. Features are syllable n-grams (lower-cased NFC), case/number/punctuation
shapes, membership in a word list learned from UD-VTB, and the previous decision. The
model is ours: ``scripts/train_segmenter.py`` writes ``vntext/data/segmenter/``.

Decoding never builds feature strings for a pair or triple of syllables it has already
seen: the summed weight of all features of a pair (and of each neighbouring triple) is
computed once and kept in a per-process cache keyed by the syllable strings themselves,
so a typical call costs a few dictionary look-ups per syllable.

Nothing is rewritten: ``segment`` returns ``Token`` slices of the input, and
``word_tokenize`` returns those slices as strings (multi-syllable words keep the
original spacing between their syllables).
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from vntext._chars import INVISIBLE
from vntext._validate import ensure_str
from vntext.tokens import _ALTERNATIVES, _TOKEN_RE, Token

__all__ = [
    "SegmentConfig",
    "segment",
    "sent_spans",
    "sent_tokenize",
    "sentences",
    "word_tokenize",
    "word_tokenize_many",
]

Backend = Literal["vntext", "underthesea"]


@dataclass(frozen=True, slots=True)
class SegmentConfig:
    """Options for word segmentation (frozen, hashable, picklable).

    ``backend``: ``"vntext"`` (our model, UD conventions) or ``"underthesea"`` (needs the
    ``underthesea`` extra; VLSP-2013 conventions; its words are mapped back onto the
    input so offsets stay exact).

    >>> SegmentConfig(backend="underthesea").backend
    'underthesea'
    """

    backend: Backend = "vntext"


_DEFAULT = SegmentConfig()

# --------------------------------------------------------------------------------------
# Features. The trainer (scripts/train_segmenter.py) imports these very functions, so
# training and decoding can never disagree about what a feature is.
# --------------------------------------------------------------------------------------

_BOS = "<s>"
_EOS = "</s>"
# Shapes: L lower word, U Title word, A ALLCAPS word, D number-like, C code/mixed,
# P punctuation, X never joined (url, e-mail, mention, hashtag), S sentence edge.
_NO_JOIN_SHAPES = frozenset("XS")


def _shape(key: str) -> str:
    """Coarse class of a syllable key.

    >>> [_shape(k) for k in ("nhà", "Hà", "UBND", "1.500", "F-16", ",", "a@b.vn", _BOS)]
    ['L', 'U', 'A', 'D', 'C', 'P', 'X', 'S']
    """
    if key in (_BOS, _EOS):
        return "S"
    first = key[0]
    if key.isalpha():
        if key.islower():
            return "L"
        if key.isupper():
            return "A" if len(key) > 1 else "U"
        return "U" if first.isupper() else "L"
    if "@" in key or "://" in key or first == "#" or key.startswith("www."):
        return "X"
    if first.isdigit():
        return "D" if not any(ch.isalpha() for ch in key) else "C"
    if any(ch.isalnum() for ch in key):
        return "C" if "." not in key[1:] or not key[0].isalpha() else "A"
    return "P"


_LexiconGet = Callable[[str], str]
_DictionaryHas = Callable[[str], bool]
# Features are tab-joined strings "template<TAB>field<TAB>..."; tabs never occur in a token.


def _pair_features(a: str, b: str, lex: _LexiconGet, dic: _DictionaryHas) -> list[str]:
    """Features of the boundary between syllables ``a`` and ``b`` that see only them.

    >>> [f.replace("\\t", "|") for f in _pair_features("Hà", "Nội", lambda w: "h2", bool)][:4]
    ['B', 'p|hà|nội', 'a|hà', 'b|nội']
    """
    la, lb = a.lower(), b.lower()
    sa, sb = _shape(a), _shape(b)
    return [
        "B",
        f"p\t{la}\t{lb}",
        f"a\t{la}",
        f"b\t{lb}",
        f"s\t{sa}{sb}",
        f"sa\t{sa}\t{lb}",
        f"sb\t{la}\t{sb}",
        f"x2\t{lex(la + ' ' + lb)}\t{sa}{sb}",
        f"d2\t{dic(la + ' ' + lb):d}\t{sa}{sb}",
    ]


def _transition_features(a: str, b: str, lex: _LexiconGet, dic: _DictionaryHas) -> list[str]:
    """Features that fire only when the syllable before ``a`` was joined to ``a``."""
    la, lb = a.lower(), b.lower()
    return [f"j\t{_shape(a)}{_shape(b)}", f"jx\t{lex(la + ' ' + lb)}", f"jb\t{lb}"]


def _left_features(z: str, a: str, b: str, lex: _LexiconGet, dic: _DictionaryHas) -> list[str]:
    """Features of the boundary a|b that also see the syllable ``z`` before ``a``."""
    lz, la, lb = z.lower(), a.lower(), b.lower()
    return [
        f"sl\t{_shape(z)}{_shape(a)}{_shape(b)}",
        f"xl\t{lex(lz + ' ' + la + ' ' + lb)}\t{lex(lz + ' ' + la)}",
        f"dl\t{dic(lz + ' ' + la + ' ' + lb):d}\t{dic(lz + ' ' + la):d}",
    ]


def _right_features(a: str, b: str, c: str, lex: _LexiconGet, dic: _DictionaryHas) -> list[str]:
    """Features of the boundary a|b that also see the syllable ``c`` after ``b``."""
    la, lb, lc = a.lower(), b.lower(), c.lower()
    return [
        f"sr\t{_shape(a)}{_shape(b)}{_shape(c)}",
        f"xr\t{lex(la + ' ' + lb + ' ' + lc)}\t{lex(lb + ' ' + lc)}",
        f"dr\t{dic(la + ' ' + lb + ' ' + lc):d}\t{dic(lb + ' ' + lc):d}",
    ]


# --------------------------------------------------------------------------------------
# The model: weights + word list, read lazily from vntext/data/segmenter/.
# --------------------------------------------------------------------------------------


class _ScoreCache(dict):  # type: ignore[type-arg]
    """dict whose missing keys are computed by ``compute`` and remembered (bounded)."""

    __slots__ = ("compute", "limit")

    def __init__(self, compute: Callable[[Any], Any], limit: int = 100_000) -> None:
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, key: Any) -> Any:
        value = self.compute(key)
        if len(self) >= self.limit:
            self.clear()  # a crude bound: memory stays flat on endless streams
        self[key] = value
        return value


_Table = dict[tuple[str, ...], float]
# Every template the decoder reads (features named in _pair_features & co.).
_TEMPLATES = (
    "B",
    "p",
    "a",
    "b",
    "s",
    "sa",
    "sb",
    "x2",
    "d2",
    "j",
    "jx",
    "jb",
    "sl",
    "xl",
    "dl",
    "sr",
    "xr",
    "dr",
)


class _SegmenterModel:
    """A trained segmenter: feature weights, a word list, and decoding caches.

    Weights are held per feature template, keyed by tuples of strings, so a cache miss
    costs a handful of dictionary look-ups and never formats a feature string. The
    scores equal the sums over ``_pair_features`` & co. (a test checks this).
    """

    def __init__(
        self, weights: dict[str, float], lexicon: dict[str, str], dictionary: frozenset[str] = frozenset()
    ) -> None:
        self.lexicon = lexicon
        self.dictionary = dictionary
        tables: dict[str, _Table] = {name: {} for name in _TEMPLATES}
        for feature, value in weights.items():
            template, *fields = feature.split("\t")
            tables.setdefault(template, {})[tuple(fields)] = value
        self.tables = tables
        self.bias = tables.get("B", {}).get((), 0.0)
        self.syllable = _ScoreCache(lambda key: (key.lower(), _shape(key)))
        self.pair = _ScoreCache(self._pair_score)
        self.triple = _ScoreCache(self._triple_score)

    def _pair_score(self, key: tuple[str, str]) -> tuple[float, float]:
        (la, sa), (lb, sb) = map(self.syllable.__getitem__, key)
        if sa in _NO_JOIN_SHAPES or sb in _NO_JOIN_SHAPES:
            return (-1e9, -1e9)
        t = self.tables
        word = la + " " + lb
        lx = self.lexicon.get(word, "-")
        ss = sa + sb
        base = (
            self.bias
            + t["p"].get((la, lb), 0.0)
            + t["a"].get((la,), 0.0)
            + t["b"].get((lb,), 0.0)
            + t["s"].get((ss,), 0.0)
            + t["sa"].get((sa, lb), 0.0)
            + t["sb"].get((la, sb), 0.0)
            + t["x2"].get((lx, ss), 0.0)
            + t["d2"].get(("1" if word in self.dictionary else "0", ss), 0.0)
        )
        joined = t["j"].get((ss,), 0.0) + t["jx"].get((lx,), 0.0) + t["jb"].get((lb,), 0.0)
        return (base, base + joined)

    def _triple_score(self, key: tuple[str, str, str]) -> tuple[float, float]:
        """Scores a triple (x, y, z) adds as left context of y|z and as right context of x|y."""
        (lx, sx), (ly, sy), (lz, sz) = map(self.syllable.__getitem__, key)
        lex = self.lexicon.get
        dic = self.dictionary
        t = self.tables
        shapes = (sx + sy + sz,)
        three = lx + " " + ly + " " + lz
        first, last = lx + " " + ly, ly + " " + lz
        lex3 = lex(three, "-")
        dic3 = "1" if three in dic else "0"
        as_left = (
            t["sl"].get(shapes, 0.0)
            + t["xl"].get((lex3, lex(first, "-")), 0.0)
            + t["dl"].get((dic3, "1" if first in dic else "0"), 0.0)
        )
        as_right = (
            t["sr"].get(shapes, 0.0)
            + t["xr"].get((lex3, lex(last, "-")), 0.0)
            + t["dr"].get((dic3, "1" if last in dic else "0"), 0.0)
        )
        return (as_left, as_right)

    def joins(self, keys: Sequence[str], joinable: Sequence[bool]) -> list[bool]:
        """For each key after the first: is it joined to the one before it?"""
        n = len(keys)
        if n < 2:
            return []
        padded = [_BOS, *keys, _EOS]
        pairs = list(map(self.pair.__getitem__, itertools.pairwise(keys)))
        # triples[j] is centred on keys[j]: left context of boundary j, right context of j - 1.
        triples = list(map(self.triple.__getitem__, zip(padded, keys, padded[2:], strict=False)))
        out = []
        prev = 0
        for can, pair, left, right in zip(joinable, pairs, triples, triples[1:], strict=False):
            if can and pair[prev] + left[0] + right[1] > 0.0:
                out.append(True)
                prev = 1
            else:
                out.append(False)
                prev = 0
        return out


_MODEL_LOCK = threading.Lock()
_MODEL: _SegmenterModel | None = None


def _load_model() -> _SegmenterModel:
    global _MODEL
    if _MODEL is not None:
        return _MODEL
    with _MODEL_LOCK:
        if _MODEL is None:
            from vntext._resources import read_lines, read_text

            weights: dict[str, float] = {}
            for line in read_text("segmenter/weights.tsv").split("\n"):
                if line and line[0] != "#":
                    feature, _, value = line.rpartition("\t")
                    weights[feature] = float(value)
            lexicon: dict[str, str] = {}
            for line in read_text("segmenter/words.tsv").split("\n"):
                if line and line[0] != "#":
                    word, _, bucket = line.partition("\t")
                    lexicon[word] = bucket
            try:
                dictionary = frozenset(read_lines("segmenter/dictionary.txt"))
            except FileNotFoundError:  # a model trained without --dictionary ships none
                dictionary = frozenset()
            _MODEL = _SegmenterModel(weights, lexicon, dictionary)
    return _MODEL


# --------------------------------------------------------------------------------------
# Decoding a string.
# --------------------------------------------------------------------------------------


def _needs_fold(text: str) -> bool:
    if not unicodedata.is_normalized("NFC", text):
        return True
    return not INVISIBLE.isdisjoint(text)


def _key(piece: str) -> str:
    if not INVISIBLE.isdisjoint(piece):
        piece = "".join(ch for ch in piece if ch not in INVISIBLE) or piece
    return unicodedata.normalize("NFC", piece)


def _keys(text: str, pieces: list[str]) -> list[str]:
    """Model keys: the pieces themselves, or their NFC form without invisibles when needed."""
    if _needs_fold(text):
        return [_key(piece) for piece in pieces]
    return pieces


def _decide(model: _SegmenterModel, keys: list[str], gaps: list[str]) -> list[bool]:
    """Join decisions between consecutive keys; ``gaps`` is the text between them.

    Tokens are joined only across horizontal whitespace; a line break ends the context
    too, so the lines of a text are decoded as if they were separate inputs.
    """
    if "\n" not in "".join(gaps):
        return model.joins(keys, [bool(gap) for gap in gaps])
    out: list[bool] = []
    first = 0
    for i, gap in enumerate(gaps):
        if "\n" in gap:
            chunk = gaps[first:i]
            out.extend(model.joins(keys[first : i + 1], [bool(g) for g in chunk]))
            out.append(False)
            first = i + 1
    out.extend(model.joins(keys[first:], [bool(g) for g in gaps[first:]]))
    return out


def _word_bounds(text: str, model: _SegmenterModel) -> tuple[list[tuple[int, int, str]], list[int]]:
    """Pre-tokens as (start, end, kind) and the indexes of tokens that start a word."""
    spans = [(m.start(), m.end(), m.lastgroup or "symbol") for m in _TOKEN_RE.finditer(text)]
    if not spans:
        return spans, []
    keys = _keys(text, [text[s:e] for s, e, _ in spans])
    gaps = [text[prev[1] : cur[0]] for prev, cur in itertools.pairwise(spans)]
    joins = _decide(model, keys, gaps)
    starts = [0]
    starts.extend(i + 1 for i, joined in enumerate(joins) if not joined)
    return spans, starts


# The same alternation as the pre-tokenizer, without names, behind a group that captures
# the whitespace before each token: ``findall`` then yields (gap, token) pairs straight
# from C, which is all ``word_tokenize`` needs (no Match objects, no offsets).
_GAP_TOKEN_RE = re.compile(r"(\s*)((?:" + "|".join(f"(?:{p})" for _, p in _ALTERNATIVES) + "))")


def _fast_words(text: str, model: _SegmenterModel | None = None) -> list[str]:
    # rstrip: trailing whitespace would make the leading \s* retry at every position.
    pieces = _GAP_TOKEN_RE.findall(text.rstrip())
    if not pieces:
        return []
    keys = _keys(text, [tok for _, tok in pieces])
    joins = _decide(model or _load_model(), keys, [gap for gap, _ in pieces[1:]])
    words = []
    current = pieces[0][1]
    for (gap, tok), joined in zip(pieces[1:], joins, strict=False):
        if joined:
            current += gap + tok
        else:
            words.append(current)
            current = tok
    words.append(current)
    return words


def _vntext_words(text: str) -> list[Token]:
    spans, starts = _word_bounds(text, _load_model())
    words = []
    bounds = [*starts, len(spans)]
    for first, stop in itertools.pairwise(bounds):
        start = spans[first][0]
        end = spans[stop - 1][1]
        kind = spans[first][2] if stop - first == 1 else "word"
        words.append(Token(text[start:end], start, end, kind))
    return words


def _underthesea_words(text: str) -> list[Token]:
    try:
        from underthesea import word_tokenize as uts_word_tokenize
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            'backend="underthesea" needs the optional dependency: pip install "vntext[underthesea]"'
        ) from error
    return _align(text, uts_word_tokenize(text))


def _align(text: str, pieces: Iterable[str]) -> list[Token]:
    """Map words returned as strings back onto ``text`` by their non-space characters.

    Characters a backend rewrote one-for-one are tolerated; a word that cannot be placed
    ends the alignment and the rest of the text is returned token by token.
    """
    out: list[Token] = []
    pos = 0
    n = len(text)
    for piece in pieces:
        size = sum(1 for ch in piece if not ch.isspace())
        if not size:
            continue
        while pos < n and text[pos].isspace():
            pos += 1
        start = pos
        seen = 0
        while pos < n and seen < size:
            if not text[pos].isspace():
                seen += 1
            pos += 1
        if seen < size:
            break
        out.append(Token(text[start:pos], start, pos, "word"))
    if pos < n:
        out.extend(
            Token(m.group(), m.start(), m.end(), m.lastgroup or "symbol")
            for m in _TOKEN_RE.finditer(text, pos)
        )
    return out


def _config(config: SegmentConfig | None, options: dict[str, Any]) -> SegmentConfig:
    base = config or _DEFAULT
    options = {k: v for k, v in options.items() if v is not None}
    if not options:
        return base
    return replace(base, **options)


def segment(text: str, config: SegmentConfig | None = None, **options: Any) -> list[Token]:
    """Words of ``text`` as ``Token`` spans (nothing is lost or rewritten).

    >>> [w.text for w in segment("Học sinh Hà Nội đi học.")]
    ['Học sinh', 'Hà Nội', 'đi', 'học', '.']
    >>> segment("Cảm ơn!")[0]
    Token('Cảm ơn', 0:6, word)
    """
    ensure_str(text, "segment")
    cfg = _config(config, options)
    if cfg.backend == "underthesea":
        return _underthesea_words(text)
    if cfg.backend != "vntext":
        raise ValueError(f"unknown backend {cfg.backend!r}; use 'vntext' or 'underthesea'")
    return _vntext_words(text)


def word_tokenize(
    text: str,
    format: Literal["text"] | None = None,
    backend: Backend | None = None,
    config: SegmentConfig | None = None,
) -> Any:
    """Words of ``text`` as strings, or with ``format="text"`` one string with ``_`` joins.

    >>> word_tokenize("Chính phủ Việt Nam ban hành nghị định mới.")
    ['Chính phủ', 'Việt Nam', 'ban hành', 'nghị định', 'mới', '.']
    >>> word_tokenize("Học sinh Hà Nội đi học.", format="text")
    'Học_sinh Hà_Nội đi học .'
    """
    ensure_str(text, "word_tokenize")
    cfg = _config(config, {"backend": backend})
    words = _fast_words(text) if cfg.backend == "vntext" else [w.text for w in segment(text, cfg)]
    if format == "text":
        return " ".join("_".join(w.split()) for w in words)
    if format is not None:
        raise ValueError(f"unknown format {format!r}; use None or 'text'")
    return words


def word_tokenize_many(
    texts: Iterable[str],
    format: Literal["text"] | None = None,
    backend: Backend | None = None,
    config: SegmentConfig | None = None,
) -> list[Any]:
    """``word_tokenize`` over many texts, loading the model once and sharing its caches.

    >>> word_tokenize_many(["Học sinh đi học.", "Tôi ở Hà Nội"])
    [['Học sinh', 'đi', 'học', '.'], ['Tôi', 'ở', 'Hà Nội']]
    """
    if isinstance(texts, (str, bytes, bytearray, memoryview)):
        if isinstance(texts, str):
            raise TypeError("word_tokenize_many() expects an iterable of str, got one str; use word_tokenize")
        ensure_str(texts, "word_tokenize_many", "texts")  # raises, saying how to decode
    cfg = _config(config, {"backend": backend})
    if cfg.backend != "vntext" or format is not None:
        return [word_tokenize(ensure_str(t, "word_tokenize_many"), format, None, cfg) for t in texts]
    model = _load_model()
    return [_fast_words(ensure_str(t, "word_tokenize_many"), model) for t in texts]


# --------------------------------------------------------------------------------------
# Sentences.
# --------------------------------------------------------------------------------------

_TERMINAL = frozenset(".!?")
_CLOSERS = frozenset("\"'”’»)]}")
_OPEN_QUOTES = frozenset("“‘«")
_CLOSE_QUOTES = frozenset("”’»")


def _is_terminal(piece: str) -> bool:
    return piece[-1] in _TERMINAL or piece[-1] == "…"


def sent_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``, whitespace trimmed.

    Splits after ``. ! ? …`` and at line breaks, never inside numbers, dates, URLs,
    e-mails or abbreviations (the pre-tokenizer keeps those whole), not after an initial
    (``Nguyễn V. A.``) or an ellipsis followed by a lower-case word, nor inside quotes.
    Closing quotes and brackets stay with their sentence.

    >>> text = "Ông Nguyễn V. A. ở TP.HCM. Giá 1.500 đồng! (Hết.)"
    >>> [text[s:e] for s, e in sent_spans(text)]
    ['Ông Nguyễn V. A. ở TP.HCM.', 'Giá 1.500 đồng!', '(Hết.)']
    """
    ensure_str(text, "sent_spans")
    tokens = [(m.start(), m.end(), m.lastgroup or "symbol") for m in _TOKEN_RE.finditer(text)]
    out: list[tuple[int, int]] = []
    n = len(tokens)
    first = 0
    in_quote = False  # inside "..." (straight) or “...”
    i = 0
    while i < n:
        start, end, kind = tokens[i]
        piece = text[start:end]
        if piece == '"':
            in_quote = not in_quote
        elif piece in _OPEN_QUOTES:
            in_quote = True
        elif piece in _CLOSE_QUOTES:
            in_quote = False
        split_after = -1
        nxt = tokens[i + 1] if i + 1 < n else None
        if nxt is not None and "\n" in text[end : nxt[0]]:
            split_after = i
        elif kind == "punct" and _is_terminal(piece) and nxt is not None:
            prev_piece = text[tokens[i - 1][0] : tokens[i - 1][1]] if i > 0 else ""
            prev_piece = unicodedata.normalize("NFC", prev_piece)
            initial = piece == "." and len(prev_piece) == 1 and prev_piece.isupper()
            # Closing quotes and brackets right after the terminal stay with its sentence.
            last = i
            while (
                last + 1 < n
                and text[tokens[last + 1][0]] in _CLOSERS
                and tokens[last + 1][1] - tokens[last + 1][0] == 1
            ):
                if "\n" in text[tokens[last][1] : tokens[last + 1][0]]:
                    break
                if text[tokens[last + 1][0]] in "\"'" and not in_quote:
                    break  # a straight quote that opens the next sentence
                last += 1
            following = tokens[last + 1] if last + 1 < n else None
            lower_next = following is not None and text[following[0]].islower()
            quoted = in_quote and last == i  # still inside the quotation: not a sentence end
            if not initial and not lower_next and not quoted:
                if last > i:
                    in_quote = False
                split_after = last
        if split_after >= 0 and split_after == n - 1:
            break
        if split_after >= 0:
            out.append((tokens[first][0], tokens[split_after][1]))
            first = split_after + 1
            i = split_after + 1
            continue
        i += 1
    if first < n:
        out.append((tokens[first][0], tokens[n - 1][1]))
    return out


def sent_tokenize(text: str) -> list[str]:
    """Sentences of ``text`` as strings (slices of the input).

    >>> sent_tokenize("Trời mưa. Tôi ở nhà… Còn bạn?")
    ['Trời mưa.', 'Tôi ở nhà…', 'Còn bạn?']
    """
    ensure_str(text, "sent_tokenize")
    return [text[s:e] for s, e in sent_spans(text)]


def sentences(text: str) -> list[Token]:
    """Sentences as ``Token`` spans (kind ``"sentence"``).

    >>> sentences("Mưa. Nắng.")
    [Token('Mưa.', 0:4, sentence), Token('Nắng.', 5:10, sentence)]
    """
    ensure_str(text, "sentences")
    return [Token(text[s:e], s, e, "sentence") for s, e in sent_spans(text)]
