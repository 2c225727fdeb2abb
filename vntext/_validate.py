"""Input checks shared by every public function (bad input gets a clear error)."""

from __future__ import annotations

from typing import Any

__all__ = ["ensure_str"]


def ensure_str(value: Any, func: str, arg: str = "text") -> str:
    """Return ``value`` if it is a ``str``; otherwise raise a ``TypeError`` that says what to do.

    >>> ensure_str("Hà Nội", "clean")
    'Hà Nội'
    >>> ensure_str(b"H\\xc3\\xa0", "clean")
    Traceback (most recent call last):
    ...
    TypeError: clean() expects str for 'text', got bytes; decode it first: data.decode("utf-8"), ...
    """
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(
            f"{func}() expects str for {arg!r}, got {type(value).__name__}; decode it first: "
            'data.decode("utf-8"), or for a legacy TCVN3/VNI document data.decode("cp1252") '
            "followed by vntext.decode_legacy(...)"
        )
    raise TypeError(f"{func}() expects str for {arg!r}, got {type(value).__name__}")
