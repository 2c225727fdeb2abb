"""Loader for the package's data files (``vntext/data/``).

Every table is a readable text file (TSV, JSON, one-item-per-line lists) shipped in the
wheel. Files are read on first use and cached for the life of the process; nothing is
read at import time and nothing is ever downloaded. ``functools.cache`` makes the cached
objects shared; callers must treat them as read-only (they are tuples/frozensets/dicts
that no code mutates), which keeps them safe to share between threads.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["read_json", "read_lines", "read_text", "read_tsv"]


@cache
def read_text(name: str) -> str:
    """The text of ``vntext/data/<name>`` (UTF-8)."""
    return resources.files("vntext").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@cache
def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty lines of a list file; ``#`` starts a comment line."""
    out = []
    for line in read_text(name).split("\n"):
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def read_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated file; ``#`` comment lines and blank lines are skipped."""
    rows = []
    for line in read_text(name).split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(line.rstrip("\r").split("\t")))
    return tuple(rows)


@cache
def read_json(name: str) -> Any:
    """A parsed JSON data file."""
    return json.loads(read_text(name))
