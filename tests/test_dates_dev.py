"""Quality gate: vntext.dates on the shared development set (skipped when ../shared is absent).

The comparison helpers (value conversion, "same instant and grain", span overlap) are
imported from the set's own ``score.py`` so the gate measures exactly what it reports.
Floors (issue #4): >= 97% overall, >= 98% of negatives rejected, span F1 >= 95% lenient
and >= 90% strict. They are pinned here and never lowered silently.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import shared_path
from vntext.dates import parse, search

FLOOR_OVERALL = 0.97
FLOOR_NEGATIVES = 0.98
FLOOR_F1_LENIENT = 0.95
FLOOR_F1_STRICT = 0.90


def _score_module() -> ModuleType:
    path = shared_path("data", "dates-dev", "score.py")
    spec = importlib.util.spec_from_file_location("_dates_dev_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="module")
def score() -> ModuleType:
    return _score_module()


def test_dev_parse_accuracy(score: ModuleType) -> None:
    cases = [c for c in _rows(shared_path("data", "dates-dev", "dates.jsonl")) if not c.get("out_of_scope")]
    right = neg_right = neg_total = 0
    failures = []
    for c in cases:
        base = datetime.fromisoformat(c["base"])
        pred = score.as_value(parse(c["text"], base), base)
        if c["expected"] is None:
            ok = pred is None
            neg_total += 1
            neg_right += ok
        else:
            ok = score.same_value(pred, c["expected"], base)[0]
        right += ok
        if not ok:
            failures.append(c["text"])
    overall = right / len(cases)
    print(f"dates.jsonl: {100 * overall:.1f}% overall, {neg_right}/{neg_total} negatives rejected")
    assert overall >= FLOOR_OVERALL, failures[:20]
    assert neg_right / neg_total >= FLOOR_NEGATIVES, failures[:20]


def test_dev_search_spans(score: ModuleType) -> None:
    passages = _rows(shared_path("data", "dates-dev", "dates_search.jsonl"))
    n_gold = n_pred = strict = lenient = 0
    for p in passages:
        base = datetime.fromisoformat(p["base"])
        gold = [m for m in p["mentions"] if not m.get("out_of_scope")]
        skip = [(m["start"], m["end"]) for m in p["mentions"] if m.get("out_of_scope")]
        preds = [(s, e) for s, e, _ in search(p["text"], base)]
        preds = [x for x in preds if not any(score.overlap(x, o) for o in skip)]
        n_gold += len(gold)
        n_pred += len(preds)
        strict += len({(m["start"], m["end"]) for m in gold} & set(preds))
        pairs = sorted(
            (
                (score.overlap((m["start"], m["end"]), x), gi, pi)
                for gi, m in enumerate(gold)
                for pi, x in enumerate(preds)
            ),
            reverse=True,
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for size, gi, pi in pairs:
            if size and gi not in used_g and pi not in used_p:
                used_g.add(gi)
                used_p.add(pi)
                lenient += 1

    def f1(tp: int) -> float:
        pr, rc = tp / max(n_pred, 1), tp / max(n_gold, 1)
        return 2 * pr * rc / (pr + rc) if pr + rc else 0.0

    print(f"dates_search.jsonl: F1 lenient {100 * f1(lenient):.1f}%, strict {100 * f1(strict):.1f}%")
    assert f1(lenient) >= FLOOR_F1_LENIENT
    assert f1(strict) >= FLOOR_F1_STRICT
