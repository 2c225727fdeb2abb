"""vntext: Vietnamese text for scrapers and NLP engineers.

Small composable functions, offline and fast: normalization (Unicode, tone marks,
diacritics, legacy encodings, noise), word and sentence segmentation with offsets,
date parsing and search, and boilerplate stripping of scraped plain text.

Importing the package is cheap: every public name is resolved on first use, and
data tables load lazily once per process.

>>> import vntext
>>> vntext.normalize_tone("Thuỷ điện Hoà Bình", style="hòa")
'Thủy điện Hòa Bình'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it. Resolved lazily by __getattr__ so that
# `import vntext` does not pay for `regex` or any data table.
_EXPORTS: dict[str, str] = {
    # normalization
    "normalize_unicode": "vntext.normalization",
    "normalize_tone": "vntext.normalization",
    "remove_diacritics": "vntext.normalization",
    "to_ascii": "vntext.normalization",
    "clean": "vntext.noise",
    "CleanConfig": "vntext.noise",
    "normalize": "vntext.normalization",
    "NormalizeConfig": "vntext.normalization",
    "decode_legacy": "vntext.legacy",
    "detect_legacy": "vntext.legacy",
    "is_syllable": "vntext.syllable",
    # segmentation
    "Token": "vntext.tokens",
    "tokenize": "vntext.tokens",
    "segment": "vntext.segmentation",
    "word_tokenize": "vntext.segmentation",
    "word_tokenize_many": "vntext.segmentation",
    "sent_tokenize": "vntext.segmentation",
    "sent_spans": "vntext.segmentation",
    "SegmentConfig": "vntext.segmentation",
    # dates
    "parse_date": "vntext.dates",
    "find_dates": "vntext.dates",
    "DateMatch": "vntext.dates",
    "DateConfig": "vntext.dates",
    # boilerplate
    "strip_boilerplate": "vntext.boilerplate",
    "Article": "vntext.boilerplate",
    "LineDecision": "vntext.boilerplate",
    "BoilerplateConfig": "vntext.boilerplate",
    "BoilerplateModel": "vntext.boilerplate",
    # batch
    "map_texts": "vntext.batch",
}

__all__ = [
    "Article",
    "BoilerplateConfig",
    "BoilerplateModel",
    "CleanConfig",
    "DateConfig",
    "DateMatch",
    "LineDecision",
    "NormalizeConfig",
    "SegmentConfig",
    "Token",
    "clean",
    "decode_legacy",
    "detect_legacy",
    "find_dates",
    "is_syllable",
    "map_texts",
    "normalize",
    "normalize_tone",
    "normalize_unicode",
    "parse_date",
    "remove_diacritics",
    "segment",
    "sent_spans",
    "sent_tokenize",
    "strip_boilerplate",
    "to_ascii",
    "tokenize",
    "word_tokenize",
    "word_tokenize_many",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from vntext.batch import (
        map_texts,
    )
    from vntext.boilerplate import (
        Article,
        BoilerplateConfig,
        BoilerplateModel,
        LineDecision,
        strip_boilerplate,
    )
    from vntext.dates import (
        DateConfig,
        DateMatch,
        find_dates,
        parse_date,
    )
    from vntext.legacy import (
        decode_legacy,
        detect_legacy,
    )
    from vntext.noise import (
        CleanConfig,
        clean,
    )
    from vntext.normalization import (
        NormalizeConfig,
        normalize,
        normalize_tone,
        normalize_unicode,
        remove_diacritics,
        to_ascii,
    )
    from vntext.segmentation import (
        SegmentConfig,
        segment,
        sent_spans,
        sent_tokenize,
        word_tokenize,
        word_tokenize_many,
    )
    from vntext.syllable import (
        is_syllable,
    )
    from vntext.tokens import (
        Token,
        tokenize,
    )


# Public submodules, reachable as attributes after a plain `import vntext` (vntext.dates.VIETNAM).
_SUBMODULES = frozenset(
    {
        "batch",
        "boilerplate",
        "cli",
        "dates",
        "legacy",
        "noise",
        "normalization",
        "segmentation",
        "syllable",
        "tokens",
    }
)


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"vntext.{name}")
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'vntext' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # cache: later look-ups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
