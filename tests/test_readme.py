"""The README's examples are doctests: they must stay true."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_readme_examples() -> None:
    cwd = os.getcwd()
    os.chdir(REPO)  # the examples open examples/page.txt
    try:
        result = doctest.testfile(
            str(REPO / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS
        )
    finally:
        os.chdir(cwd)
    assert result.attempted > 10
    assert result.failed == 0
