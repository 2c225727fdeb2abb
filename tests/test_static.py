"""Static checks run with the tests, so CI enforces them: mypy --strict and ruff."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)


def test_mypy_strict() -> None:
    pytest.importorskip("mypy")
    proc = _run(sys.executable, "-m", "mypy")  # settings (strict, files) in pyproject.toml
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_lint_and_format() -> None:
    pytest.importorskip("ruff")
    lint = _run(sys.executable, "-m", "ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run(sys.executable, "-m", "ruff", "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
