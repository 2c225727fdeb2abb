"""Word and sentence segmentation with offsets into the original string.

Words are found by a greedy averaged perceptron that decides, for each pair of adjacent
pre-tokens (``vntext.tokens``) separated by spaces on one line, whether they belong to the
same word. Features are syllable n-grams (lower-cased NFC keys, tone marks placed in the
``hòa`` style), case/number/punctuation shapes, membership in two word lists (one learned
from UD-VTB, pyvi's dictionary), forward and backward longest matching over both lists, and
the previous decision. Tokens glued without a space are decided by a rule (``knock-out``,
``2-0``, ``Th.`` join; ``Nội,`` does not). The model is ours:
``scripts/train_segmenter.py`` writes ``vntext/data/segmenter/``.

Decoding never builds feature strings: each distinct token, token pair and triple is scored
once (from per-template tables keyed by tuples) and kept in per-process caches keyed by the
token strings themselves, so a typical call costs a few dictionary look-ups per syllable.

Nothing is rewritten: ``segment`` returns ``Token`` slices of the input, and
``word_tokenize`` returns those slices as strings (multi-syllable words keep the
original spacing between their syllables).
"""

from __future__ import annotations

import itertools
import operator
import re
import threading
import unicodedata
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from vntext._chars import INVISIBLE
from vntext._validate import ensure_str
from vntext.normalization import normalize_tone
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


def _canonical(key: str) -> str:
    """The model's spelling of a token: tone marks placed as in ``hòa``/``thủy``.

    Vietnamese text mixes both placements (``hoá``/``hóa``); one spelling lets them share
    weights and dictionary entries (pyvi's list uses only the ``hoá`` style).

    >>> _canonical("Hoá"), _canonical("thuỷ"), _canonical("toán")
    ('Hóa', 'thủy', 'toán')
    """
    return normalize_tone(key, style="hòa")


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


def _match_features(code: int, sa: str, sb: str) -> list[str]:
    """Features of a boundary from maximum matching: ``code`` = 2 * forward + backward.

    ``forward``/``backward`` say whether greedy longest matching of the known words
    (2 to 4 syllables) from the left/from the right puts the boundary inside a word.
    """
    match = f"{code >> 1}{code & 1}"
    return [f"mm\t{match}", f"mms\t{match}\t{sa}{sb}"]


_MAX_WORD = 4


def _max_match(low: Sequence[str], vocabulary: Container[str]) -> list[int]:
    """Per boundary, 2 * (joined by forward longest match) + (joined by backward longest match).

    The reference definition (string look-ups); the decoder computes the same from cached
    pair flags. ``low`` are lower-cased canonical keys.

    >>> _max_match(["học", "sinh", "học", "sinh", "học"], {"học sinh", "sinh học"})
    [2, 1, 2, 1]
    """
    n = len(low)
    codes = [0] * max(n - 1, 0)
    i = 0
    while i < n - 1:
        size = 1
        for k in range(min(_MAX_WORD, n - i), 1, -1):
            if " ".join(low[i : i + k]) in vocabulary:
                size = k
                break
        for j in range(i, i + size - 1):
            codes[j] |= 2
        i += size
    i = n
    while i > 1:
        size = 1
        for k in range(min(_MAX_WORD, i), 1, -1):
            if " ".join(low[i - k : i]) in vocabulary:
                size = k
                break
        for j in range(i - size, i - 1):
            codes[j] |= 1
        i -= size
    return codes


_VOWELS = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")


def _glued_joins(keys: Sequence[str], gaps: Sequence[str]) -> list[bool]:
    """Boundaries with no space that are always inside a word (UD writes them as one).

    A hyphen glued between two letter/digit tokens (``knock-out``, ``15-11``,
    ``1.500-2.000``) and a vowel-less abbreviation glued to its dot (``Th.``, ``G.``,
    ``tp.``). Anything else glued (``Nội,``) stays apart.

    >>> _glued_joins(["Wai", "-", "kru", "Th", ".", "Nội", ","], ["", "", " ", "", " ", ""])
    [True, True, False, True, False, False]
    """
    n = len(keys)
    out = [False] * len(gaps)
    for i, gap in enumerate(gaps):
        if gap:
            continue
        right = keys[i + 1]
        if right == "-":
            # never glue a URL, e-mail, mention or hashtag to its neighbour
            if (
                i + 2 < n
                and not gaps[i + 1]
                and keys[i][-1].isalnum()
                and keys[i + 2][0].isalnum()
                and _shape(keys[i]) not in _NO_JOIN_SHAPES
                and _shape(keys[i + 2]) not in _NO_JOIN_SHAPES
            ):
                out[i] = out[i + 1] = True
        elif right == "." and len(keys[i]) <= 3 and keys[i].isalpha():
            base = unicodedata.normalize("NFD", keys[i])
            out[i] = _VOWELS.isdisjoint(base)
    return out


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
    "mm",
    "mms",
)
# Flags kept with each pair: "a b" is a known word; is the start / the end of a longer one.
_WORD, _PREFIX, _SUFFIX = 1, 2, 4
_FLAGS_OF = operator.itemgetter(8)
_SHAPES = "LUADCPXS"


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
        vocabulary = dictionary | frozenset(lexicon)
        self.vocabulary = vocabulary
        longer = [word.split(" ") for word in vocabulary if word.count(" ") >= 2]
        self.prefixes = frozenset(" ".join(w[:2]) for w in longer)
        self.suffixes = frozenset(" ".join(w[-2:]) for w in longer)
        tables: dict[str, _Table] = {name: {} for name in _TEMPLATES}
        for feature, value in weights.items():
            template, *fields = feature.split("\t")
            tables.setdefault(template, {})[tuple(fields)] = value
        self.tables = tables
        self.bias = tables.get("B", {}).get((), 0.0)
        self.syllable = _ScoreCache(self._syllable_info)
        self.buckets = frozenset(("-", *lexicon.values()))
        # What a pair adds as the first/last two tokens of a triple that is no known word.
        self.word_context = {
            (bucket, listed): (
                tables["xl"].get(("-", bucket), 0.0) + tables["dl"].get(("0", "1" if listed else "0"), 0.0),
                tables["xr"].get(("-", bucket), 0.0) + tables["dr"].get(("0", "1" if listed else "0"), 0.0),
            )
            for bucket in self.buckets
            for listed in (False, True)
        }
        self.shape_pair = _ScoreCache(self._shape_pair_info)
        self.shape_triple = _ScoreCache(self._shape_triple_info)
        self.pair = _ScoreCache(self._pair_score)
        self.triple = _ScoreCache(self._triple_score)

    def _syllable_info(self, key: str) -> tuple[str, str, dict[str, float], dict[str, float], float]:
        """Per token: its model key, shape, and the weights it brings to any pair.

        As the left syllable of a pair it adds ``a`` + ``sb`` (which depends only on the
        right syllable's shape), as the right one ``b`` + ``sa`` and, when the syllable
        before was joined, ``jb``: precomputed per shape, so a new pair of known tokens
        costs a few look-ups.
        """
        low, shape = _canonical(key).lower(), _shape(key)
        t = self.tables
        as_left = t["a"].get((low,), 0.0)
        as_right = t["b"].get((low,), 0.0)
        left = {other: as_left + t["sb"].get((low, other), 0.0) for other in _SHAPES}
        right = {other: as_right + t["sa"].get((other, low), 0.0) for other in _SHAPES}
        return (low, shape, left, right, t["jb"].get((low,), 0.0))

    def _shape_pair_info(
        self, shapes: str
    ) -> tuple[float, dict[tuple[str, bool], tuple[float, float]], float, tuple[float, ...]]:
        """Weights that depend on the two shapes only, and per word-list status of the pair
        (``words.tsv`` bucket, in the dictionary) what it adds alone and after a join."""
        t = self.tables
        base = self.bias + t["s"].get((shapes,), 0.0)
        by_word = {
            (bucket, listed): (
                t["x2"].get((bucket, shapes), 0.0) + t["d2"].get(("1" if listed else "0", shapes), 0.0),
                t["jx"].get((bucket,), 0.0),
            )
            for bucket in self.buckets
            for listed in (False, True)
        }
        joined = t["j"].get((shapes,), 0.0)
        match = tuple(
            t["mm"].get((m,), 0.0) + t["mms"].get((m, shapes), 0.0) for m in ("00", "01", "10", "11")
        )
        return (base, by_word, joined, match)

    def _pair_score(self, key: tuple[str, str]) -> tuple[Any, ...]:
        """Everything the decoder needs about a pair of tokens, computed once.

        0..7: its score indexed by 4 * (previous pair joined) + match code; 8: word-list
        flags; 9: its ``words.tsv`` bucket; 10: in the dictionary; 11, 12: what it adds as
        the first/last two tokens of a triple that is no known word; 13, 14: the shapes of
        both tokens and of the second.
        """
        la, sa, left, _, _ = self.syllable[key[0]]
        lb, sb, _, right, joined_b = self.syllable[key[1]]
        word = la + " " + lb
        bucket = self.lexicon.get(word, "-")
        in_dictionary = word in self.dictionary
        flags = (
            (_WORD if in_dictionary or bucket != "-" else 0)
            | (_PREFIX if word in self.prefixes else 0)
            | (_SUFFIX if word in self.suffixes else 0)
        )
        status = (bucket, in_dictionary)
        as_first, as_last = self.word_context[status]
        shapes = sa + sb
        if sa in _NO_JOIN_SHAPES or sb in _NO_JOIN_SHAPES:
            return (*(-1e9,) * 8, flags, bucket, in_dictionary, as_first, as_last, shapes, sb)
        base_s, by_word, joined_s, match = self.shape_pair[shapes]
        word_alone, word_joined = by_word[status]
        base = base_s + self.tables["p"].get((la, lb), 0.0) + left[sb] + right[sa] + word_alone
        joined = base + joined_s + word_joined + joined_b
        return (
            base + match[0],
            base + match[1],
            base + match[2],
            base + match[3],
            joined + match[0],
            joined + match[1],
            joined + match[2],
            joined + match[3],
            flags,
            bucket,
            in_dictionary,
            as_first,
            as_last,
            shapes,
            sb,
        )

    def _shape_triple_info(self, shapes: str) -> tuple[float, float]:
        t = self.tables
        return (t["sl"].get((shapes,), 0.0), t["sr"].get((shapes,), 0.0))

    def _triple_score(self, key: tuple[str, str, str]) -> tuple[float, float]:
        """Scores a triple (x, y, z) adds as left context of y|z and as right context of x|y."""
        x, y, z = key
        first = self.pair[(x, y)]
        last = self.pair[(y, z)]
        as_left, as_right = self.shape_triple[first[13] + last[14]]
        if not first[8] & _PREFIX:  # "x y z" cannot be a known word: the common case
            return (as_left + first[11], as_right + last[12])
        three = " ".join((self.syllable[x][0], self.syllable[y][0], self.syllable[z][0]))
        bucket3 = self.lexicon.get(three, "-")
        dic3 = "1" if three in self.dictionary else "0"
        t = self.tables
        as_left += t["xl"].get((bucket3, first[9]), 0.0)
        as_left += t["dl"].get((dic3, "1" if first[10] else "0"), 0.0)
        as_right += t["xr"].get((bucket3, last[9]), 0.0)
        as_right += t["dr"].get((dic3, "1" if last[10] else "0"), 0.0)
        return (as_left, as_right)

    def _match_codes(self, keys: Sequence[str], pairs: list[tuple[Any, ...]]) -> list[int]:
        """``_max_match`` over the model's vocabulary, from the cached pair flags.

        A longer word is looked up (one string built) only where a pair starts or ends one.
        """
        n = len(keys)
        codes = [0] * (n - 1)
        # Only boundaries whose pair is (part of) a known word can start or end a
        # multi-syllable match; every other position is a one-syllable step.
        marked = list(itertools.compress(itertools.count(), map(_FLAGS_OF, pairs)))
        if not marked:
            return codes
        vocabulary = self.vocabulary
        start = 0  # forward: the next syllable that begins a word
        for i in marked:
            if i < start:
                continue
            flags = pairs[i][8]
            size = 2 if flags & _WORD else 1
            if flags & _PREFIX:
                low = [self.syllable[k][0] for k in keys[i : i + _MAX_WORD]]
                size = next((k for k in range(len(low), 2, -1) if " ".join(low[:k]) in vocabulary), size)
            if size > 1:
                for j in range(i, i + size - 1):
                    codes[j] = 2
                start = i + size
        end = n  # backward: the syllable after the last one still free
        for i in reversed(marked):
            stop = i + 2
            if stop > end:
                continue
            flags = pairs[i][8]
            size = 2 if flags & _WORD else 1
            if flags & _SUFFIX:
                low = [self.syllable[k][0] for k in keys[max(stop - _MAX_WORD, 0) : stop]]
                size = next((k for k in range(len(low), 2, -1) if " ".join(low[-k:]) in vocabulary), size)
            if size > 1:
                for j in range(stop - size, stop - 1):
                    codes[j] |= 1
                end = stop - size
        return codes

    def joins(self, keys: Sequence[str], joinable: Sequence[int]) -> list[bool]:
        """For each key after the first: is it joined to the one before it?

        ``joinable`` per boundary: 0 never joined, 1 the model decides, 2 always joined.
        """
        n = len(keys)
        if n < 2:
            return []
        padded = [_BOS, *keys, _EOS]
        pairs = list(map(self.pair.__getitem__, itertools.pairwise(keys)))
        codes = self._match_codes(keys, pairs)
        # triples[j] is centred on keys[j]: left context of boundary j, right context of j - 1.
        triples = list(map(self.triple.__getitem__, zip(padded, keys, padded[2:], strict=False)))
        out: list[bool] = []
        append = out.append
        prev = 0
        for can, pair, code, left, right in zip(joinable, pairs, codes, triples, triples[1:], strict=False):
            if can == 1:
                if pair[prev + code] + left[0] + right[1] > 0.0:
                    append(True)
                    prev = 4
                else:
                    append(False)
                    prev = 0
            elif can:
                append(True)
                prev = 4
            else:
                append(False)
                prev = 0
        if 2 in joinable:
            _separate_hyphens(keys, joinable, out)
        return out


def _separate_hyphens(keys: Sequence[str], joinable: Sequence[int], out: list[bool]) -> None:
    """Undo a glued-hyphen join when the model joined either side to more syllables.

    ``knock-out`` and ``2-0`` are words, but in ``Hà Nội-Hải Phòng`` the hyphen separates
    two words: it stays a word of its own.
    """
    last = len(out) - 1
    for i in range(last):
        if joinable[i] == 2 and joinable[i + 1] == 2 and keys[i + 1] == "-":
            before = i > 0 and joinable[i - 1] == 1 and out[i - 1]
            after = i + 2 <= last and joinable[i + 2] == 1 and out[i + 2]
            if before or after:
                out[i] = out[i + 1] = False


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


def _joinable(keys: Sequence[str], gaps: Sequence[str]) -> list[int]:
    """Per boundary: 1 the model decides (a space between), 2 always joined, 0 never."""
    joinable = [1 if gap else 0 for gap in gaps]
    if 0 in joinable:
        for i, glued in enumerate(_glued_joins(keys, gaps)):
            if glued:
                joinable[i] = 2
    return joinable


def _decide(model: _SegmenterModel, keys: list[str], gaps: list[str]) -> list[bool]:
    """Join decisions between consecutive keys; ``gaps`` is the text between them.

    Tokens are joined only across horizontal whitespace; a line break ends the context
    too, so the lines of a text are decoded as if they were separate inputs.
    """
    joinable = _joinable(keys, gaps)
    if "\n" not in "".join(gaps):
        return model.joins(keys, joinable)
    out: list[bool] = []
    first = 0
    for i, gap in enumerate(gaps):
        if "\n" in gap:
            out.extend(model.joins(keys[first : i + 1], joinable[first:i]))
            out.append(False)
            first = i + 1
    out.extend(model.joins(keys[first:], joinable[first:]))
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
