"""Train vntext's word segmenter (averaged perceptron) and write vntext/data/segmenter/.

Reproducible from the UD-VTB files (CC BY-SA 4.0):

    python scripts/train_segmenter.py --train ../shared/data/ws/ud-vtb/vi_vtb-ud-train.conllu \
        --eval ../shared/data/ws/ud-vtb/vi_vtb-ud-dev.conllu            # choose settings on dev
    python scripts/train_segmenter.py --train ../shared/data/ws/ud-vtb/vi_vtb-ud-train.conllu \
        ../shared/data/ws/ud-vtb/vi_vtb-ud-dev.conllu --write           # the shipped model

The word-list features seen in training come from a word list built on the *other*
folds (jackknife), so the model learns how far to trust the list on words it has not
memorised; the shipped word list is built on all the training data.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vntext._ws_eval import read_conllu, score  # noqa: E402
from vntext.segmentation import (  # noqa: E402
    _BOS,
    _EOS,
    _NO_JOIN_SHAPES,
    _canonical,
    _joinable,
    _key,
    _left_features,
    _match_features,
    _max_match,
    _pair_features,
    _right_features,
    _SegmenterModel,
    _shape,
    _transition_features,
    _word_bounds,
)
from vntext.tokens import _TOKEN_RE  # noqa: E402

OUT = REPO / "vntext" / "data" / "segmenter"
MAX_N = 4


Units = tuple[list[str], list[bool], list[int]]


def sentence_units(words: list[str]) -> Units:
    """Pre-token keys of the rebuilt sentence and, for each key after the first, gold 'joined'
    and who decides (``_joinable``: 1 the model; glued tokens are decided by rule, as when
    decoding, so they teach the model nothing)."""
    text = " ".join(words)
    starts = set()
    pos = 0
    for word in words:
        starts.add(pos)
        pos += len(word) + 1
    keys, joined, gaps = [], [], []
    end = 0
    for m in _TOKEN_RE.finditer(text):
        keys.append(_canonical(_key(m.group())))
        joined.append(m.start() not in starts)
        gaps.append(text[end : m.start()])
        end = m.end()
    return keys, joined[1:], _joinable(keys, gaps[1:])


def build_lexicon(sents: list[Units], min_ratio: float) -> dict[str, str]:
    """Multi-syllable words -> bucket of how often their syllables, when seen, form the word."""
    as_word: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for keys, joined, _ in sents:
        low = [k.lower() for k in keys]
        n = len(low)
        # gold words
        start = 0
        for i in range(1, n + 1):
            if i == n or not joined[i - 1]:
                if 2 <= i - start <= MAX_N:
                    as_word[" ".join(low[start:i])] += 1
                start = i
        for size in range(2, MAX_N + 1):
            for i in range(n - size + 1):
                seen[" ".join(low[i : i + size])] += 1
    lexicon = {}
    for word, count in as_word.items():
        ratio = count / seen[word]
        if ratio < min_ratio:
            continue
        level = "h" if ratio >= 0.8 else "m" if ratio >= 0.5 else "l"
        lexicon[word] = level + ("1" if count == 1 else "2")
    return lexicon


def static_features(
    keys: list[str], lex: dict[str, str], dictionary: frozenset[str], vocabulary: frozenset[str]
) -> list[tuple[list[str] | None, list[str]]]:
    """Per boundary: (static features or None when joining is impossible, transition features)."""
    get = lambda w: lex.get(w, "-")  # noqa: E731
    dic = dictionary.__contains__
    padded = [_BOS, *keys, _EOS]
    codes = _max_match([k.lower() for k in keys], vocabulary)
    out: list[tuple[list[str] | None, list[str]]] = []
    for i in range(1, len(keys)):
        z, a, b, c = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        if _shape(a) in _NO_JOIN_SHAPES or _shape(b) in _NO_JOIN_SHAPES:
            out.append((None, []))
            continue
        feats = _pair_features(a, b, get, dic) + _left_features(z, a, b, get, dic)
        feats += _right_features(a, b, c, get, dic)
        feats += _match_features(codes[i - 1], _shape(a), _shape(b))
        out.append((feats, _transition_features(a, b, get, dic)))
    return out


class AveragedPerceptron:
    def __init__(self) -> None:
        self.w: defaultdict[str, float] = defaultdict(float)
        self.total: defaultdict[str, float] = defaultdict(float)
        self.stamp: defaultdict[str, int] = defaultdict(int)
        self.t = 0

    def update(self, feats: list[str], delta: float) -> None:
        t = self.t
        w, total, stamp = self.w, self.total, self.stamp
        for f in feats:
            total[f] += (t - stamp[f]) * w[f]
            stamp[f] = t
            w[f] += delta

    def averaged(self) -> dict[str, float]:
        t = self.t
        out = {}
        for f, value in self.w.items():
            total = self.total[f] + (t - self.stamp[f]) * value
            out[f] = total / t
        return out


def train(
    sents: list[Units],
    dictionary: frozenset[str],
    epochs: int,
    folds: int,
    min_ratio: float,
    seed: int,
) -> tuple[dict[str, float], dict[str, str]]:
    rng = random.Random(seed)
    fold_of = [i % folds for i in range(len(sents))]
    lexicons = [
        build_lexicon([s for s, f in zip(sents, fold_of, strict=False) if f != k], min_ratio)
        for k in range(folds)
    ]
    vocabularies = [dictionary | frozenset(lexicon) for lexicon in lexicons]
    data = []
    for (keys, joined, joinable), fold in zip(sents, fold_of, strict=False):
        feats = static_features(keys, lexicons[fold], dictionary, vocabularies[fold])
        data.append((feats, joined, joinable))
    model = AveragedPerceptron()
    order = list(range(len(data)))
    for epoch in range(epochs):
        rng.shuffle(order)
        errors = 0
        for idx in order:
            feats, joined, joinable = data[idx]
            prev = False
            for (static, trans), gold, can in zip(feats, joined, joinable, strict=False):
                model.t += 1
                if static is None or can != 1:
                    prev = can == 2
                    continue
                active = static + trans if prev else static
                w = model.w
                s = sum(w.get(f, 0.0) for f in active)
                pred = s > 0.0
                if pred != gold:
                    errors += 1
                    model.update(active, 1.0 if gold else -1.0)
                prev = pred
        print(f"  epoch {epoch + 1}: {errors} errors", file=sys.stderr)
    return model.averaged(), build_lexicon(sents, min_ratio)


def read_dictionary(path: str | None) -> frozenset[str]:
    """Multi-syllable entries of a one-word-a-line list, lower-cased NFC."""
    if not path:
        return frozenset()
    words = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            word = " ".join(_canonical(w) for w in unicodedata.normalize("NFC", line).lower().split())
            if " " in word and not word.startswith("#"):
                words.add(word)
    return frozenset(words)


def evaluate(
    weights: dict[str, float],
    lexicon: dict[str, str],
    dictionary: frozenset[str],
    gold: str | list[list[str]],
) -> str:
    model = _SegmenterModel(weights, lexicon, dictionary)

    def words(text: str) -> list[str]:
        spans, starts = _word_bounds(text, model)
        bounds = [*starts, len(spans)]
        return [text[spans[a][0] : spans[b - 1][1]] for a, b in itertools.pairwise(bounds)]

    return str(score(read_conllu(gold) if isinstance(gold, str) else gold, words))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--train", nargs="+", required=True, help="CoNLL-U files to train on")
    parser.add_argument("--eval", nargs="*", default=[], help="CoNLL-U files to score after training")
    parser.add_argument(
        "--dictionary",
        help="a word list, one word a line (the shipped model uses pyvi's models/words.txt, MIT)",
    )
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-ratio", type=float, default=0.2)
    parser.add_argument("--prune", type=float, default=0.01, help="drop weights with |w| below this")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="average this many runs (seed, seed+1, ...)")
    parser.add_argument(
        "--holdout",
        help="CoNLL-U file (dev) split in two: first half joins training, second half is scored",
    )
    parser.add_argument("--write", action="store_true", help=f"write the model to {OUT}")
    args = parser.parse_args()

    sents: list[Units] = []
    for path in args.train:
        sents.extend(sentence_units(words) for words in read_conllu(path))
    held: list[list[str]] = []
    if args.holdout:
        dev = read_conllu(args.holdout)
        half = len(dev) // 2
        sents.extend(sentence_units(words) for words in dev[:half])
        held = dev[half:]
    started = time.time()
    dictionary = read_dictionary(args.dictionary)
    # Several shuffles averaged: the perceptron's result depends on the training order
    # (±0.1 F1 on the dev hold-out between seeds); the mean is steadier than any one run.
    runs = []
    for offset in range(args.runs):
        seed = args.seed + offset
        weights, lexicon = train(sents, dictionary, args.epochs, args.folds, args.min_ratio, seed)
        runs.append(weights)
    weights = {}
    for run in runs:
        for feature, value in run.items():
            weights[feature] = weights.get(feature, 0.0) + value / len(runs)
    weights = {f: round(v, 3) for f, v in weights.items() if abs(v) >= args.prune}
    print(
        f"trained in {time.time() - started:.1f}s: {len(weights)} weights, {len(lexicon)} words",
        file=sys.stderr,
    )
    if held:
        print(f"holdout second half: {evaluate(weights, lexicon, dictionary, held)}")
    for path in args.eval:
        print(f"{Path(path).name}: {evaluate(weights, lexicon, dictionary, path)}")
    if args.write:
        write(weights, lexicon, dictionary, args)


def write(
    weights: dict[str, float], lexicon: dict[str, str], dictionary: frozenset[str], args: argparse.Namespace
) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    inputs = " ".join(Path(p).name for p in args.train)
    settings = (
        f"epochs={args.epochs} folds={args.folds} min_ratio={args.min_ratio} "
        f"prune={args.prune} seed={args.seed} runs={args.runs}"
    )
    command = "python scripts/train_segmenter.py --train " + " ".join(
        f"<ud-vtb>/{Path(p).name}" for p in args.train
    )
    if args.dictionary:
        command += " --dictionary <pyvi>/models/words.txt"
    header = (
        "# Generated by scripts/train_segmenter.py -- do not edit by hand.\n"
        f"# Inputs: {inputs} (UD_Vietnamese-VTB, CC BY-SA 4.0)"
        + (f" and the word list {Path(args.dictionary).name}" if args.dictionary else "")
        + ".\n"
        f"# Settings: {settings}\n"
        f"# Command: {command} --write\n"
    )
    derived = "# Licence: CC BY-SA 4.0 (derived from UD_Vietnamese-VTB; see LICENSE in this folder).\n"
    with open(OUT / "weights.tsv", "w", encoding="utf-8") as handle:
        handle.write(header + derived + "# feature<TAB>weight (averaged perceptron; > 0 favours joining)\n")
        for f in sorted(weights):
            handle.write(f"{f}\t{weights[f]:g}\n")
    with open(OUT / "words.tsv", "w", encoding="utf-8") as handle:
        handle.write(
            header
            + derived
            + "# word (lower-cased syllables)<TAB>bucket: h/m/l = joined >=80%/>=50%/>=min_ratio of the times"
            " its syllables occur in a row; 1/2 = seen as a word once/more\n"
        )
        for word in sorted(lexicon):
            handle.write(f"{word}\t{lexicon[word]}\n")
    if args.dictionary:
        with open(OUT / "dictionary.txt", "w", encoding="utf-8") as handle:
            handle.write(
                header + "# Licence: MIT -- the multi-syllable entries of pyvi's models/words.txt "
                "(pyvi 0.1.1, Copyright (c) 2016 Viet-Trung Tran), lower-cased NFC, tone marks placed "
                "in the hòa style (hoá -> hóa); see LICENSE.\n"
                "# one word a line, syllables separated by one space\n"
            )
            for word in sorted(dictionary):
                handle.write(word + "\n")


if __name__ == "__main__":
    main()
