"""Word-segmentation scoring shared by the quality gate, the benchmark and the trainer.

Protocol (``specs/segmentation.md``): rebuild each sentence as its gold words joined by
single spaces, segment it, and map every predicted word onto gold syllables by character
offsets. A predicted word is correct iff its exact span is a gold word; punctuation
counts. Offsets are counted over *non-space* characters so that a segmenter that returns
strings (and may drop or re-space characters, as the incumbents do) is scored the same
way as one that returns spans; a segmenter that rewrites characters one-for-one is still
aligned, one that drops characters is penalised by the misalignment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["WSScore", "read_conllu", "read_underscored", "score", "word_spans"]

# UD-VTB dev writes brackets as placeholders; the text a user would feed has brackets.
_PLACEHOLDERS = {"LBKT": "(", "RBKT": ")"}


@dataclass(frozen=True, slots=True)
class WSScore:
    """Word-level precision, recall and F1 (in percent) plus the counts behind them."""

    precision: float
    recall: float
    f1: float
    correct: int
    predicted: int
    gold: int
    sentences: int

    def __str__(self) -> str:
        return f"P {self.precision:.2f}  R {self.recall:.2f}  F1 {self.f1:.2f}"


def read_conllu(path: str | Path) -> list[list[str]]:
    """Gold words (FORMs, multi-syllable words keep their spaces) of each sentence.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".conllu", delete=False) as f:
    ...     _ = f.write("# x\\n1\\tbắt chuyện\\t_\\n2\\tLBKT\\t_\\n\\n")
    >>> read_conllu(f.name); os.unlink(f.name)
    [['bắt chuyện', '(']]
    """
    sentences: list[list[str]] = []
    words: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if words:
                    sentences.append(words)
                words = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2 or "-" in cols[0] or "." in cols[0]:
                continue  # multiword ranges and empty nodes carry no new syllables
            form = cols[1]
            words.append(_PLACEHOLDERS.get(form, form))
    if words:
        sentences.append(words)
    return sentences


def read_underscored(path: str | Path) -> list[list[str]]:
    """Gold words of a one-sentence-a-line file whose syllables are joined by ``_``."""
    sentences = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            words = [w.replace("_", " ") for w in line.split()]
            if words:
                sentences.append(words)
    return sentences


def word_spans(words: Iterable[str]) -> set[tuple[int, int]]:
    """Spans of words in non-space-character coordinates.

    >>> sorted(word_spans(["Hà Nội", "đẹp"]))
    [(0, 5), (5, 8)]
    """
    spans = set()
    pos = 0
    for word in words:
        size = len("".join(word.split()))
        if size:
            spans.add((pos, pos + size))
            pos += size
    return spans


def score(
    sentences: Sequence[Sequence[str]],
    segment_words: Callable[[str], Sequence[str]],
) -> WSScore:
    """Score ``segment_words(sentence_text) -> words`` against gold sentences.

    >>> gold = [["Hà Nội", "đẹp", "."]]
    >>> str(score(gold, lambda s: s.split()))
    'P 50.00  R 66.67  F1 57.14'
    """
    correct = predicted = gold_total = 0
    for words in sentences:
        text = " ".join(words)
        gold = word_spans(words)
        pred = word_spans(segment_words(text))
        correct += len(gold & pred)
        predicted += len(pred)
        gold_total += len(gold)
    p = 100.0 * correct / predicted if predicted else 0.0
    r = 100.0 * correct / gold_total if gold_total else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return WSScore(p, r, f, correct, predicted, gold_total, len(sentences))
