"""Legacy Vietnamese encodings: TCVN3 (.VnTime), VNI-Windows and VIQR, decoded to Unicode.

Before Unicode, Vietnamese documents were typed in font encodings. A scraper or a
``.doc``/``.rtf`` extractor hands them to Python as the document's bytes decoded as
cp1252, which is why TCVN3 text looks like ``Hµ Néi`` and VNI text like ``Haø Noäi``.
VIQR (RFC 1456) is the 7-bit convention ``Ha` No^.i`` used on mailing lists and Usenet.

* :func:`decode_legacy` turns such text into NFC Unicode, for a named encoding or by
  detection (``encoding="auto"``).
* :func:`detect_legacy` names the encoding the detection picks, or ``None`` for text that
  is already plain Unicode.

Decoding is a table look-up: TCVN3 is one ``str.translate``; VNI is one regular
expression that tries the two-character spellings before the one-character ones; VIQR is
one regular expression per RFC 1456 §3 (vowel, modifier, tone; ``dd``; backslash
escapes). The code tables live in ``vntext/data/legacy/`` and load on first use.
Contract: ``shared/specs/normalize.md`` §5.

Decode *before* cleaning: TCVN3 ``ư`` is byte 0xAD, the soft hyphen that
:func:`vntext.clean` deletes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache

from vntext._resources import read_tsv
from vntext._validate import ensure_str

__all__ = ["ENCODINGS", "decode_legacy", "detect_legacy"]

#: The legacy encodings :func:`decode_legacy` understands, in the order detection tries them.
ENCODINGS: tuple[str, ...] = ("tcvn3", "vni", "viqr")

_TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang huyền sắc hỏi ngã nặng
_VOWELS = "aăâeêioôơuưy"


def _nfc(text: str) -> str:
    # the check is cheap, and it spares a copy of text that is NFC already (the usual case)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _toned(vowel: str, tone: int) -> str:
    return unicodedata.normalize("NFC", vowel + _TONE_MARKS[tone])


def _char_class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


# --------------------------------------------------------------------------- TCVN3
@cache
def _tcvn3_table() -> dict[int, str]:
    """``str.translate`` table: cp1252 character of a TCVN3 byte -> Unicode letter."""
    return {int(row[0], 16): row[1] for row in read_tsv("legacy/tcvn3.tsv")[1:]}


def _decode_tcvn3(text: str) -> str:
    return _nfc(text.translate(_tcvn3_table()))


# --------------------------------------------------------------------------- VNI
@cache
def _vni_rows() -> tuple[tuple[str, str, str], ...]:
    """(VNI spelling, Unicode letter, kind) in both cases; kind is ``table`` or ``variant``."""
    rows = []
    for spelling, letter, kind, *_ in read_tsv("legacy/vni.tsv")[1:]:
        rows.append((spelling, letter, kind))
        # Upper case is the upper-case form of every character of the spelling.
        rows.append((spelling.upper(), letter.upper(), kind))
    return tuple(rows)


@cache
def _vni_table() -> dict[str, str]:
    """VNI spelling (one or two cp1252 characters) -> Unicode letter."""
    return {spelling: letter for spelling, letter, _ in _vni_rows()}


@cache
def _vni_decoder() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern for one VNI token and the text each match decodes to.

    Greedy, two characters before one: ``ô`` alone is ơ but ``ôù`` is ớ. The pattern takes
    any base letter followed by any mark character, or a one-character spelling. A
    base+mark pair that is not a VNI letter (``ôâ``, ``Aù``) decodes as its two characters
    one by one; that equals the one-character-at-a-time reading because no mark character
    is itself a base or a one-character spelling, so the mark could not start a token.
    """
    table = _vni_table()
    pairs = [s for s in table if len(s) == 2]
    singles = "".join(s for s in table if len(s) == 1)
    bases = {s[0] for s in pairs}
    marks = {s[1] for s in pairs}
    decoded = dict(table)
    for base in bases:
        for mark in marks:
            decoded.setdefault(base + mark, table.get(base, base) + mark)
    pattern = re.compile(
        f"({_char_class(''.join(bases))}{_char_class(''.join(marks))}|{_char_class(singles)})"
    )
    return pattern, decoded


def _substitute(pattern: re.Pattern[str], table: dict[str, str], text: str) -> str:
    """Replace every match of ``pattern`` (one capturing group) by ``table.get(match, match)``.

    ``split`` puts the matches at the odd indexes, so the look-ups run in C with no
    Python call per match.
    """
    parts = pattern.split(text)
    if len(parts) > 1:
        matches = parts[1::2]
        parts[1::2] = map(table.get, matches, matches)
    return "".join(parts)


def _decode_vni(text: str) -> str:
    return _nfc(_substitute(*_vni_decoder(), text))


# --------------------------------------------------------------------------- VIQR
# RFC 1456 §3: vowel, then an optional modifier that can combine with it, then an optional tone.
_VIQR_MODIFIERS = {"a": {"(": "ă", "^": "â"}, "e": {"^": "ê"}, "o": {"^": "ô", "+": "ơ"}, "u": {"+": "ư"}}
_VIQR_TONES = "`'?~."  # huyền sắc hỏi ngã nặng, in _TONE_MARKS order
_VIQR_ESCAPABLE = "(^+'`?~.dD"  # a backslash before one of these makes it literal


@cache
def _viqr_table() -> dict[str, str]:
    """Every VIQR token (escape, ``dd``, vowel+modifier+tone) -> its Unicode text."""
    table = {"\\" + c: c for c in _VIQR_ESCAPABLE}
    for first in "dD":
        for second in "dD":
            table[first + second] = "đ" if first == "d" else "Đ"  # case of the first letter
    for base in "aeiouy":
        bodies = {"": base, **_VIQR_MODIFIERS.get(base, {})}
        for modifier, vowel in bodies.items():
            for tone in range(6):
                spelling = base + modifier + ("" if tone == 0 else _VIQR_TONES[tone - 1])
                if len(spelling) == 1:
                    continue  # a bare vowel is itself
                letter = _toned(vowel, tone)
                table[spelling] = letter
                table[spelling[0].upper() + spelling[1:]] = letter.upper()
    return table


@cache
def _viqr_pattern() -> re.Pattern[str]:
    # A vowel with any modifier (and maybe a tone) or with a tone; dd; a backslash escape.
    # Only letters that carry a mark are matched, so plain text costs little. A modifier
    # that cannot combine (u^, o() makes a match missing from the table: _substitute then
    # keeps it as it is, which is what the rules say (the modifier is literal, and a tone
    # character after it follows punctuation, so it is literal too).
    modifiers = _char_class("".join(m for mods in _VIQR_MODIFIERS.values() for m in mods))
    tone = _char_class(_VIQR_TONES)
    vowel = _char_class("aeiouyAEIOUY")
    return re.compile(f"({vowel}(?:{modifiers}{tone}?|{tone})|[dD][dD]|\\\\{_char_class(_VIQR_ESCAPABLE)})")


def _decode_viqr(text: str) -> str:
    return _nfc(_substitute(_viqr_pattern(), _viqr_table(), text))


_DECODERS: dict[str, Callable[[str], str]] = {
    "tcvn3": _decode_tcvn3,
    "vni": _decode_vni,
    "viqr": _decode_viqr,
}


# --------------------------------------------------------------------------- detection
_WORD = re.compile(r"[^\W\d_]+")  # a letter run (spec §1)


@cache
def _marked_letter() -> re.Pattern[str]:
    """A letter with a Vietnamese mark: one of the 132 non-ASCII vowel forms, đ or Đ."""
    letters = {_toned(v, t) for v in _VOWELS for t in range(6)}
    letters |= {c.upper() for c in letters}
    return re.compile(_char_class("".join(c for c in letters if not c.isascii()) + "đĐ"))


def _vote_score(text: str) -> int:
    """Words holding a Vietnamese-marked letter that pass ``is_syllable`` (spec §5.5)."""
    from vntext.syllable import is_syllable

    marked = _marked_letter()
    return sum(
        count
        for word, count in Counter(_WORD.findall(text)).items()
        if marked.search(word) and is_syllable(word)
    )


def _detect(text: str) -> tuple[str | None, str]:
    """The winning encoding (``None`` = plain Unicode) and the text decoded with it."""
    text = _nfc(text)
    best: tuple[str | None, str] = (None, text)
    # Pure-ASCII text has no marked letter, and TCVN3/VNI leave it unchanged: only VIQR can score.
    best_score = 0 if text.isascii() else _vote_score(text)
    for name, decode in _DECODERS.items():
        if name == "viqr" and not text.isascii():
            continue
        decoded = decode(text)
        if decoded == text:
            continue  # same words, same score: cannot beat the earlier candidate
        score = _vote_score(decoded)
        if score > best_score:  # strictly greater: ties go to the earlier candidate
            best, best_score = (name, decoded), score
    return best


# --------------------------------------------------------------------------- public API
def decode_legacy(text: str, encoding: str = "auto") -> str:
    """Decode TCVN3, VNI-Windows or VIQR text (as Python sees it) to NFC Unicode.

    ``text`` is the legacy document as a ``str``: its bytes decoded as cp1252 (TCVN3,
    VNI) or plain ASCII (VIQR). ``encoding`` is ``"tcvn3"``, ``"vni"``, ``"viqr"`` or
    ``"auto"`` (any case). ``"auto"`` decodes with each candidate and keeps the reading
    with the most valid Vietnamese syllables, falling back to the input (NFC) when no
    legacy reading is better; it is a best-effort heuristic, the named encodings are exact.
    Characters that are not part of an encoded letter pass through unchanged.

    >>> decode_legacy("Hµ Néi mïa thu", encoding="tcvn3")
    'Hà Nội mùa thu'
    >>> decode_legacy("Thaønh phoá Hoà Chí Minh", encoding="vni")
    'Thành phố Hồ Chí Minh'
    >>> decode_legacy("Tie^'ng Vie^.t co' da^'u\\\\.", encoding="viqr")
    'Tiếng Việt có dấu.'
    >>> decode_legacy("Ng\\xadêi ViÖt")          # auto: TCVN3 wins the vote
    'Người Việt'
    >>> decode_legacy("Người Việt")               # already Unicode: unchanged
    'Người Việt'
    >>> decode_legacy("abc", encoding="latin1")
    Traceback (most recent call last):
    ...
    ValueError: unknown encoding 'latin1'; expected one of 'auto', 'tcvn3', 'vni', 'viqr'
    """
    text = ensure_str(text, "decode_legacy")
    key = encoding.lower() if isinstance(encoding, str) else None
    if key == "auto":
        return _detect(text)[1] if text else text
    decode = _DECODERS.get(key) if key is not None else None
    if decode is None:
        raise ValueError(
            f"unknown encoding {encoding!r}; expected one of 'auto', "
            + ", ".join(repr(name) for name in ENCODINGS)
        )
    return decode(text) if text else text


def detect_legacy(text: str) -> str | None:
    """Name the legacy encoding of ``text`` (``"tcvn3"``, ``"vni"``, ``"viqr"``), or ``None``.

    ``None`` means the text reads best as it is (plain Unicode, or nothing Vietnamese at
    all). The vote: decode with every candidate, count the words that hold a letter with
    a Vietnamese mark and are well-formed syllables; the first highest count wins, and
    ties go to plain Unicode. VIQR is considered only for pure-ASCII text. Short inputs
    can be valid in two readings (``chò em`` is Unicode, and VNI for ``chị em``).

    >>> detect_legacy("Thêi tiÕt h«m nay")
    'tcvn3'
    >>> detect_legacy("Thôøi tieát hoâm nay")
    'vni'
    >>> detect_legacy("Tho+`i tie^'t ho^m nay")
    'viqr'
    >>> detect_legacy("Thời tiết hôm nay") is None
    True
    """
    text = ensure_str(text, "detect_legacy")
    return _detect(text)[0] if text else None


# --------------------------------------------------------------------------- encoders
# Private: the inverse tables, for tests, benchmarks and making fixtures. They raise
# ValueError for text the encoding cannot carry unambiguously.
@cache
def _tcvn3_encode_table() -> dict[int, str]:
    return {ord(letter): chr(byte) for byte, letter in _tcvn3_table().items()}


def _encode_tcvn3(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    decode_keys = _tcvn3_table()
    table = _tcvn3_encode_table()
    for ch in set(text):
        if ord(ch) in decode_keys and ord(ch) not in table:
            raise ValueError(f"TCVN3 cannot carry {ch!r}: it would read back as a letter")
        if ord(ch) not in table and _marked_letter().match(ch):
            raise ValueError(f"TCVN3 has no code for {ch!r}")
    return text.translate(table)


def _encode_vni(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    spell = {letter: spelling for spelling, letter, kind in _vni_rows() if kind == "table"}
    mark_chars = {c for spelling in _vni_table() for c in spelling} - set("aeiouyAEIOUY")
    out = []
    for ch in text:
        if ch in spell:
            out.append(spell[ch])
        elif ch in mark_chars:
            raise ValueError(f"VNI cannot carry a literal {ch!r}: it would read back as a mark")
        else:
            out.append(ch)
    return "".join(out)


def _encode_viqr(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    spell = {letter: spelling for spelling, letter in _viqr_table().items() if spelling[0] != "\\"}
    spell.update({"đ": "dd", "Đ": "DD"})
    marked = _marked_letter()
    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if prev == "\\" and ch in "đĐ":
            raise ValueError("VIQR cannot carry a backslash before đ/Đ")
        if ch in spell:
            out.append(spell[ch])
        elif not ch.isascii():
            raise ValueError(f"VIQR is 7-bit: cannot carry {ch!r}")
        elif ch in _VIQR_ESCAPABLE and prev == "\\":
            out.append("\\" + ch)  # otherwise the backslash would escape it
        elif ch in "dD" and nxt != "" and nxt in "dDđĐ":
            out.append("\\" + ch)  # otherwise "d" + "d" would read as đ
        elif ch in _VIQR_ESCAPABLE and prev != "" and (prev.lower() in _VOWELS or marked.match(prev)):
            out.append("\\" + ch)  # otherwise the mark would join the vowel before it
        else:
            out.append(ch)
    return "".join(out)
