"""Score a boilerplate stripper on a directory of ``NN.raw.txt`` / ``NN.gold.txt`` pages.

Protocol (``shared/specs/boilerplate.md``): line precision/recall/F1 over non-empty lines,
a kept line is correct iff it is a gold line (multiset match per document), micro-averaged
over all lines, with the macro (per-document) F1 beside it; token F1 over bags of ``\\w+``
tokens as a recall guard; exact-match rate of ``published``, ``author`` and ``credit``
against ``meta.jsonl`` over the documents where the gold value is present.

Used by ``tests/test_boilerplate_dev.py`` and ``benchmarks/bench_boilerplate.py``; run it
by hand with ``python scripts/eval_boilerplate.py [DATA_DIR]`` (default
``../shared/data/boilerplate-dev``), ``-v`` to list every wrong line.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(REPO))
DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "boilerplate-dev"
META_FIELDS = ("published", "author", "credit")
_TOKEN = re.compile(r"\w+")


@dataclass
class Page:
    id: str
    raw: str
    gold: list[str]
    meta: dict[str, Any]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tok_tp: int = 0
    tok_fp: int = 0
    tok_fn: int = 0
    doc_f1: list[float] = field(default_factory=list)
    meta_hits: Counter[str] = field(default_factory=Counter)
    meta_total: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def precision(self) -> float:
        return self._f1(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return self._f1(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return self._f1(self.tp, self.fp, self.fn)[2]

    @property
    def macro_f1(self) -> float:
        return sum(self.doc_f1) / len(self.doc_f1) if self.doc_f1 else 0.0

    @property
    def token_f1(self) -> float:
        return self._f1(self.tok_tp, self.tok_fp, self.tok_fn)[2]

    def meta_rate(self, name: str) -> float | None:
        total = self.meta_total[name]
        return self.meta_hits[name] / total if total else None

    def summary(self) -> str:
        parts = [
            f"line P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(macro F1={self.macro_f1:.3f}; tp={self.tp} fp={self.fp} fn={self.fn}); "
            f"token F1={self.token_f1:.3f}"
        ]
        for name in META_FIELDS:
            rate = self.meta_rate(name)
            if rate is not None:
                parts.append(f"{name} {self.meta_hits[name]}/{self.meta_total[name]}")
        return "; ".join(parts)


def load_pages(data_dir: Path) -> list[Page]:
    meta = {}
    meta_file = data_dir / "meta.jsonl"
    if meta_file.exists():
        for line in meta_file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                meta[obj["id"]] = obj
    pages = []
    for raw_path in sorted(data_dir.glob("*.raw.txt")):
        doc_id = raw_path.name[: -len(".raw.txt")]
        gold_path = data_dir / f"{doc_id}.gold.txt"
        if not gold_path.exists():
            continue
        gold = [g for g in gold_path.read_text(encoding="utf-8").split("\n") if g.strip()]
        pages.append(Page(doc_id, raw_path.read_text(encoding="utf-8"), gold, meta.get(doc_id, {})))
    return pages


def score_page(score: Score, page: Page, kept: Iterable[str], meta: dict[str, str | None] | None) -> None:
    kept_lines = [k for k in kept if k.strip()]
    gold = Counter(page.gold)
    got = Counter(kept_lines)
    tp = sum((got & gold).values())
    fp = sum(got.values()) - tp
    fn = sum(gold.values()) - tp
    score.tp += tp
    score.fp += fp
    score.fn += fn
    score.doc_f1.append(Score._f1(tp, fp, fn)[2])
    for line in (got - gold).elements():
        score.errors.append(f"{page.id} KEPT    {line[:110]}")
    for line in (gold - got).elements():
        score.errors.append(f"{page.id} DROPPED {line[:110]}")
    gold_tok = Counter(t for g in page.gold for t in _TOKEN.findall(g))
    got_tok = Counter(t for k in kept_lines for t in _TOKEN.findall(k))
    ttp = sum((gold_tok & got_tok).values())
    score.tok_tp += ttp
    score.tok_fp += sum(got_tok.values()) - ttp
    score.tok_fn += sum(gold_tok.values()) - ttp
    if meta is None:
        return
    for name in META_FIELDS:
        want = page.meta.get(name)
        if want is None:
            continue
        score.meta_total[name] += 1
        if meta.get(name) == want:
            score.meta_hits[name] += 1
        else:
            score.errors.append(f"{page.id} META {name}: want {want!r} got {meta.get(name)!r}")


def evaluate(
    pages: list[Page], extract: Callable[[str], tuple[list[str], dict[str, str | None] | None]]
) -> Score:
    score = Score()
    for page in pages:
        kept, meta = extract(page.raw)
        score_page(score, page, kept, meta)
    return score


def vntext_extract(raw: str) -> tuple[list[str], dict[str, str | None]]:
    from vntext.boilerplate import strip_boilerplate

    art = strip_boilerplate(raw)
    kept = [
        line
        for line, reason in zip(art.source_lines, art.reasons, strict=True)
        if reason in ("title", "text")
    ]
    return kept, {"published": art.published, "author": art.author, "credit": art.credit}


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    data_dir = Path(args[0]) if args else DEFAULT_DIR
    pages = load_pages(data_dir)
    if not pages:
        print(f"no pages under {data_dir}")
        return 1
    score = evaluate(pages, vntext_extract)
    print(f"{len(pages)} documents from {data_dir}")
    print(score.summary())
    if verbose:
        print("\n".join(score.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
