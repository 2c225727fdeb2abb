"""Helpers shared by the benchmark scripts: where the data is, and how a run is timed."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"  # the development data, beside the repository
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # benchmark the working tree, installed or not


def ud_sentences(split: str = "*") -> list[str]:
    """The ``# text =`` sentences of UD-VTB (``split``: train, dev, test or * for all)."""
    lines = []
    for path in sorted((SHARED / "data" / "ws" / "ud-vtb").glob(f"vi_vtb-ud-{split}.conllu")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.startswith("# text = "):
                lines.append(line[len("# text = ") :].strip())
    return lines


def best_seconds(fn: Callable[[], object], repeats: int) -> float:
    """The fastest of ``repeats`` timed calls (the least disturbed by a noisy machine)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best
