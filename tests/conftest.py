"""Shared test helpers.

Quality gates read the development data in ``../shared`` (beside the repository) when it
is there, as on CI, and skip cleanly when it is not, as on a newcomer's clone. Nothing
from ``../shared`` is copied into this repository.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VNTEXT_SHARED", REPO.parent / "shared"))
CASES = REPO / "tests" / "cases"

# Deadlines are off: the machine is noisy and speed belongs in benchmarks/, not in tests.
settings.register_profile(
    "default", deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("ci", deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "default")


def shared_path(*parts: str) -> Path:
    """Path under ``../shared``; skips the calling test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"development data not present: {path}")
    return path


_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|n|t|r|\\)")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


def unescape(cell: str) -> str:
    r"""Undo the ``\uXXXX`` / ``\n`` / ``\t`` escapes our case files use for invisible characters."""
    return _ESCAPE.sub(lambda m: _SIMPLE.get(m[1]) or chr(int(m[1][1:], 16)), cell)


def read_case_table(name: str) -> list[tuple[str, ...]]:
    """Rows of ``tests/cases/<name>`` (TSV with one header row; ``#`` comment lines), unescaped."""
    rows = []
    header_seen = False
    for line in (CASES / name).read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#"):
            continue
        if header_seen:
            rows.append(tuple(unescape(cell) for cell in line.split("\t")))
        header_seen = True
    return rows
