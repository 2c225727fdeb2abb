"""Quality gate: decode_legacy and clean on the shared normalize-dev cases (skips when absent).

Explicit encodings and clean must be exact (100%). Detection (``encoding="auto"``) must name
the right reading for at least 233 of the 237 legacy cases: the other 4 are documented as
inherent (two short inputs valid in two readings, and a place name outside the syllable rules).
"""

from __future__ import annotations

import json

import pytest
from conftest import shared_path

from vntext.legacy import decode_legacy
from vntext.noise import clean

LEGACY_OPS = ("tcvn3", "vni", "viqr")
AUTO_FLOOR = 233


def _cases() -> list[dict[str, str]]:
    path = shared_path("data", "normalize-dev", "cases.jsonl")
    text = path.read_text(encoding="utf-8")
    # split on "\n" only: str.splitlines() would also split on U+2028 / U+0085 inside a case
    return [json.loads(line) for line in text.split("\n") if line.strip()]


def _failures(cases: list[dict[str, str]], op: str, run: object) -> list[str]:
    assert callable(run)
    return [c["id"] for c in cases if c["op"] == op and run(c["input"]) != c["expected"]]


@pytest.mark.parametrize("op", LEGACY_OPS)
def test_explicit_encoding_is_exact(op: str) -> None:
    cases = _cases()
    assert sum(c["op"] == op for c in cases) > 0
    assert _failures(cases, op, lambda s: decode_legacy(s, encoding=op)) == []


def test_clean_is_exact() -> None:
    cases = _cases()
    assert sum(c["op"] == "clean" for c in cases) > 0
    assert _failures(cases, "clean", clean) == []


def test_auto_detection_floor() -> None:
    cases = [c for c in _cases() if c["op"] in LEGACY_OPS]
    passed = sum(decode_legacy(c["input"], encoding="auto") == c["expected"] for c in cases)
    assert len(cases) == 237
    assert passed >= AUTO_FLOOR, f"auto: {passed}/{len(cases)}"
