"""Quality gate: 100% on the normalize-dev cases of the ops this module owns.

Reads ``../shared/data/normalize-dev/cases.jsonl`` at run time (skips when it is absent); no
case is copied into the repository. The ops: ``nfc``, ``tone_new`` (style="hòa"), ``tone_old``
(style="hoà"), ``strip_diacritics`` and ``is_syllable``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest

from tests.conftest import shared_path
from vntext.normalization import normalize_tone, normalize_unicode, remove_diacritics
from vntext.syllable import is_syllable

OPS: dict[str, Callable[[str], Any]] = {
    "nfc": normalize_unicode,
    "tone_new": partial(normalize_tone, style="hòa"),
    "tone_old": partial(normalize_tone, style="hoà"),
    "strip_diacritics": remove_diacritics,
    "is_syllable": is_syllable,
}


@pytest.mark.parametrize("op", sorted(OPS))
def test_normalize_dev_op_is_perfect(op: str) -> None:
    path = shared_path("data", "normalize-dev", "cases.jsonl")
    text = path.read_text(encoding="utf-8")
    cases = [json.loads(line) for line in text.split("\n") if line.strip()]
    mine = [case for case in cases if case["op"] == op]
    assert mine, f"no {op} cases in {path}"
    func = OPS[op]
    failures = []
    for case in mine:
        got = func(case["input"])
        ok = bool(got) == case["expected"] if op == "is_syllable" else got == case["expected"]
        if not ok:
            failures.append(f"{case['id']}: {case['input']!r} -> {got!r}, expected {case['expected']!r}")
    assert not failures, f"{len(failures)}/{len(mine)} {op} cases fail:\n" + "\n".join(failures)
