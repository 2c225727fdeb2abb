"""Normalization of Vietnamese text: Unicode form, tone-mark placement, diacritic removal.

The contract is ``normalize.md`` (§2 ``normalize_unicode``, §3 ``normalize_tone``, §4
``remove_diacritics``). ``normalize`` composes the steps (clean -> NFC -> tone) under one
frozen ``NormalizeConfig``.

Speed comes from never parsing every word in Python: a regular expression, compiled once per
style from the placement rules, visits only the tone-marked vowels whose position *can* be
wrong for that style (``hoà`` under ``style="hòa"``, ``qúa``, ``hòan``, ``ngừơi`` …). Only the
word around such a vowel is parsed (``vntext.syllable``) and the result is cached. Text that
is ASCII, or already canonical, passes through one C-level scan.

>>> normalize_tone("Thuỷ điện Hoà Bình khoẻ", style="hòa")
'Thủy điện Hòa Bình khỏe'
>>> remove_diacritics("Đường Nguyễn Huệ")
'Duong Nguyen Hue'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from functools import cache, lru_cache
from typing import Any

from vntext._chars import strip_table
from vntext._validate import ensure_str
from vntext.syllable import _MAX_LETTERS, _letters, _parse, _place_mark, _style_first

__all__ = [
    "NormalizeConfig",
    "normalize",
    "normalize_tone",
    "normalize_unicode",
    "remove_diacritics",
    "to_ascii",
]


# ---------------------------------------------------------------------------------------------
# Unicode


def normalize_unicode(text: str) -> str:
    """Exactly ``unicodedata.normalize("NFC", text)`` (spec §2).

    Composes NFD text (macOS file names), Windows-1258 style input (``ê`` + a combining tone
    mark) and marks in a non-canonical order. It never moves a tone mark: ``hoà`` stays ``hoà``.

    >>> normalize_unicode("Vie\\u0323\\u0302t Nam") == "Việt Nam"
    True
    >>> normalize_unicode("Hoa\\u0300")  # NFC does not move the mark
    'Hoà'
    """
    # unicodedata.normalize runs the NFC quick check itself and returns NFC input unchanged;
    # a separate is_normalized() call would only scan decomposed text twice.
    return unicodedata.normalize("NFC", ensure_str(text, "normalize_unicode"))


# ---------------------------------------------------------------------------------------------
# Protected spans (URL, e-mail address, inline code), spec §3

# A URL prefix must be followed by at least one non-space character ("www. " is not a URL).
_URL_START = re.compile(r"(?:https?://|www\.)(?=\S)")
_WHITESPACE = re.compile(r"\s")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")  # unambiguous: a label never contains "."
_LOCAL_EXTRA = frozenset("_.+-")


def _may_have_protected(text: str) -> bool:
    return "@" in text or "`" in text or "http" in text or "www." in text


def _is_local_char(ch: str) -> bool:
    return ch.isalnum() or ch in _LOCAL_EXTRA


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """URL / e-mail / inline-code spans, found left to right; at one position URL > e-mail > code.

    Linear: each kind keeps its next candidate until the scan passes it. A regex with a
    leading ``[\\w.+-]+@`` would be quadratic on a long run of word characters, so e-mail
    addresses are found from their ``@`` and the local part is walked back from there.
    """
    n = len(text)
    spans: list[tuple[int, int]] = []
    pos = 0
    url: tuple[int, int] | None = None
    url_done = False
    email: tuple[int, int, int] | None = None  # (local-part run start, "@" index, end)
    email_done = False
    at_from = 0
    code: tuple[int, int] | None = None
    code_done = False
    tick_from = 0
    while pos < n:
        if not url_done and (url is None or url[0] < pos):
            m = _URL_START.search(text, pos)
            if m is None:
                url_done, url = True, None
            else:
                ws = _WHITESPACE.search(text, m.end())
                url = (m.start(), ws.start() if ws else n)
        # An e-mail address needs its "@" after pos: its local part is non-empty and starts at
        # pos at the earliest.
        if not email_done and (email is None or email[1] <= pos):
            email = None
            at_from = max(at_from, pos + 1)
            while True:
                at = text.find("@", at_from)
                if at < 0:
                    email_done = True
                    break
                at_from = at + 1
                domain = _DOMAIN.match(text, at + 1)
                if domain is None or not _is_local_char(text[at - 1]):
                    continue
                start = at - 1
                while start > pos and _is_local_char(text[start - 1]):
                    start -= 1
                email = (start, at, domain.end())
                break
        if not code_done and (code is None or code[0] < pos):
            code = None
            tick_from = max(tick_from, pos)
            while True:
                tick = text.find("`", tick_from)
                close = text.find("`", tick + 1) if tick >= 0 else -1
                if close < 0:
                    code_done = True
                    break
                if text.find("\n", tick + 1, close) < 0:
                    code = (tick, close + 1)
                    tick_from = tick
                    break
                tick_from = close  # a line break: this backtick opens nothing, the next one may
        best = url
        if email is not None:
            start = max(email[0], pos)
            if best is None or start < best[0]:
                best = (start, email[2])
        if code is not None and (best is None or code[0] < best[0]):
            best = code
        if best is None:
            break
        spans.append(best)
        pos = best[1]
    return spans


# ---------------------------------------------------------------------------------------------
# Tone placement, spec §3


@cache
def _candidate_pattern(first: bool) -> re.Pattern[str]:
    """A regex matching every tone-marked vowel whose place *may* be wrong under the style.

    It over-approximates (the word is then parsed and may turn out fine or not a syllable),
    but it never misses a word whose mark must move: ``tests/test_normalization.py`` checks
    that on every onset x rhyme x tone x mark position x case. Each branch is a few fixed-width
    look-arounds after one consumed character, so the scan is linear and runs in C.
    """
    letters = _letters()

    def chars(predicate: Any) -> str:
        return "".join(sorted(re.escape(ch) for ch, info in letters.items() if predicate(*info)))

    vowels = "aăâeêioôơuưy"
    toned = chars(lambda b, t, u: b in vowels and t)
    any_vowel = chars(lambda b, t, u: b in vowels)
    plain = chars(lambda b, t, u: b in "aeiouy" and not t)
    plain_toned = chars(lambda b, t, u: b in "aeiouy" and t)
    modified = chars(lambda b, t, u: b in "ăâêôơư" and not t)
    modified_not_u = chars(lambda b, t, u: b in "ăâêôơ" and not t)
    consonant = chars(lambda b, t, u: b not in vowels)
    toned_not_o_horn = chars(lambda b, t, u: b in vowels and b != "ơ" and t)

    def toned_of(base: str) -> str:
        return chars(lambda b, t, u: b == base and t)

    letter = r"[^\W\d_]"
    # Branches for a marked vowel with another vowel right after it …
    after = [
        # the u of qu or the i of gi carries the mark: qúa, gỉai
        rf"(?<=[qQ][{toned_of('u')}])",
        rf"(?<=[gG][{toned_of('i')}])",
        # a bare modified vowel (ă â ê ô ơ ư) follows the mark: tíên, ừơ, thúê
        rf"(?=[{any_vowel}]{{0,2}}[{modified}])",
        # plain vowels: first of two before a final (hòan), first of three (òai)
        rf"(?<=[{plain_toned}])(?=[{plain}][{consonant}{plain}])",
    ]
    # … and for one with a vowel right before it.
    before = [
        # a bare modified vowel precedes the mark, except a bare ư before a marked ơ (người)
        rf"(?<=[{modified_not_u}].)",
        rf"(?<=[ưƯ][{toned_not_o_horn}])",
        rf"(?<=[{modified}][{any_vowel}].)",
        rf"(?<=[{modified}][{any_vowel}][{any_vowel}].)",
        # last of three plain vowels (oaì)
        rf"(?<=[{plain}][{plain}][{plain_toned}])",
    ]
    # Second of two plain vowels in an open syllable (muá), except after the onsets qu/gi (quá,
    # già); "gi" is an onset only at the start of the word (ngịu is ng + iu).
    open_second = rf"(?<=[{plain}][{plain_toned}])(?<![qQ][uU].)(?<!(?<!{letter})[gG][iI].)(?!{letter})"
    if first:
        before.append(open_second)
    else:
        o_then = chars(lambda b, t, u: b in "ae" and t)
        before.append(open_second + rf"(?<![oO][{o_then}])(?<![uU][{toned_of('y')}])")
        # hoà style: open oa/oe/uy take the mark on the second vowel (hòa -> hoà)
        after.append(rf"(?<=[{toned_of('o')}])(?=[aAeE](?!{letter}))")
        after.append(rf"(?<=[{toned_of('u')}])(?=[yY](?!{letter}))")
    # Most marked vowels stand alone in their syllable (là, có, một): two cheap look-arounds
    # reject them before any branch is tried.
    return re.compile(
        rf"(?s)[{toned}](?:(?=[{any_vowel}])(?:{'|'.join(after)})|(?<=[{any_vowel}].)(?:{'|'.join(before)}))"
    )


_WORD_TAIL = re.compile(r"[^\W\d_]*")


def _is_word_char(ch: str) -> bool:
    # Python's [^\W\d_]: alphanumeric but not a decimal digit (so ² and ½ count as letters).
    return ch.isalnum() and not ch.isdecimal()


@lru_cache(maxsize=1 << 16)
def _fixed_word(word: str, first: bool) -> str:
    syl = _parse(word)
    return word if syl is None else _place_mark(syl, first)


def _fix_segment(text: str, pattern: re.Pattern[str], first: bool, out: list[str]) -> None:
    """Append ``text`` to ``out`` with the mark of every flagged word moved to its place."""
    emitted = 0  # text[:emitted] is already in out
    done = 0  # end of the last word looked at
    for m in pattern.finditer(text):
        at = m.start()
        if at < done:
            continue  # same word as the previous hit
        start = at
        while start > done and _is_word_char(text[start - 1]):
            start -= 1
        end = _WORD_TAIL.match(text, m.end()).end()  # type: ignore[union-attr]
        done = end
        if end - start > _MAX_LETTERS:  # too long to be a syllable
            continue
        word = text[start:end]
        fixed = _fixed_word(word, first)
        if fixed != word:
            out.append(text[emitted:start])
            out.append(fixed)
            emitted = end
    out.append(text[emitted:])


def normalize_tone(text: str, style: str = "hòa") -> str:
    """Move every tone mark to the letter the placement rules give (spec §3); nothing else changes.

    ``style`` is named by example: ``"hòa"`` puts the mark on the first vowel of open
    ``oa``/``oe``/``uy`` (hòa, khỏe, thủy), ``"hoà"`` on the second (hoà, khoẻ, thuỷ); both
    names are accepted in NFC or NFD, anything else raises ``ValueError``. Every other
    syllable gets the same canonical place in both styles, so misplaced marks are repaired
    (``hòan -> hoàn``, ``qúa -> quá``, ``ngừơi -> người``). Words that are not Vietnamese
    syllables (``Beyoncé``, ``Đắk``, two marks), URLs, e-mail addresses and `inline code`
    are left exactly as they are; ``_`` and digits separate words; each letter keeps its
    case. Input is brought to NFC first, so the output is NFC.

    >>> normalize_tone("Hoà thuận, THUỶ ĐIỆN, qúa hòan hảo", style="hòa")
    'Hòa thuận, THỦY ĐIỆN, quá hoàn hảo'
    >>> normalize_tone("Bộ_trưởng Hòa ở hòa@công-ty.vn", style="hoà")
    'Bộ_trưởng Hoà ở hòa@công-ty.vn'
    >>> normalize_tone("Beyoncé ở Đắk Lắk", style="hòa")
    'Beyoncé ở Đắk Lắk'
    """
    text = ensure_str(text, "normalize_tone")
    first = _style_first(style)
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)  # returns NFC input as it is, after a quick check
    pattern = _candidate_pattern(first)
    out: list[str] = []
    if _may_have_protected(text):
        # A span edge also ends a word (hoàwww.x), so segments are scanned one by one.
        pos = 0
        for start, end in _protected_spans(text):
            _fix_segment(text[pos:start], pattern, first, out)
            out.append(text[start:end])
            pos = end
        _fix_segment(text[pos:], pattern, first, out)
    elif pattern.search(text) is None:
        return text
    else:
        _fix_segment(text, pattern, first, out)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Diacritics, spec §4

_COMBINING = re.compile("[\u0300-\u036f]")
_MARKS_AFTER_ASCII_LETTER = re.compile("(?<=[A-Za-z])[\u0300-\u036f]+")


@cache
def _strip_list(delete_marks: bool) -> list[str | None]:
    """``strip_table()`` as a list indexed by code point, for ``str.translate``.

    A list is looked up about twice as fast as a dict, and a code point past its end is left
    as it is. With ``delete_marks`` the list also deletes U+0300–U+036F (used only when every
    such mark is known to follow a letter that becomes ASCII).
    """
    table = strip_table()
    out: list[str | None] = [chr(cp) for cp in range(max(table) + 1)]
    for cp, ascii_letter in table.items():
        out[cp] = ascii_letter
    if delete_marks:
        for cp in range(0x0300, 0x0370):
            out[cp] = None
    return out


@cache
def _mark_after_other() -> re.Pattern[str]:
    """A mark U+0300–U+036F right after a character that does not become an ASCII letter."""
    keep = "A-Za-z\u0300-\u036f" + "".join(re.escape(chr(cp)) for cp in sorted(strip_table()))
    return re.compile(f"[^{keep}][\u0300-\u036f]")


def remove_diacritics(text: str) -> str:
    """Remove Vietnamese (and other Latin) diacritics, exactly as spec §4 says.

    ``đ/Đ -> d/D``; a letter of U+00C0–U+024F or U+1E00–U+1EFF whose NFD is an ASCII letter
    plus combining marks becomes that letter; then combining marks U+0300–U+036F right after
    an ASCII letter are deleted (NFD and Windows-1258 input). Everything else is kept as it
    is: ``ß ø Ł``, symbols, CJK, kana, Cyrillic, Greek, emoji; the text is not re-normalized.
    For a pure-ASCII result use ``to_ascii``.

    >>> remove_diacritics("Ủy ban Nhân dân TP. Hồ Chí Minh – 5°C, Müller, Straße")
    'Uy ban Nhan dan TP. Ho Chi Minh – 5°C, Muller, Straße'
    >>> remove_diacritics("Vie\\u0323\\u0302t Москва")  # NFD Vietnamese; Cyrillic stays
    'Viet Москва'
    """
    text = ensure_str(text, "remove_diacritics")
    if text.isascii():
        return text
    if _COMBINING.search(text) is None:
        return text.translate(_strip_list(False))
    if not _COMBINING.match(text) and _mark_after_other().search(text) is None:
        # Every mark run follows a letter that steps 1-2 make ASCII (NFD, Windows-1258 input):
        # step 3 deletes them all, in the same pass.
        return text.translate(_strip_list(True))
    return _MARKS_AFTER_ASCII_LETTER.sub("", text.translate(_strip_list(False)))


def to_ascii(text: str) -> str:
    """``remove_diacritics``, then ``unidecode`` transliteration for whatever is still not ASCII.

    Unlike ``remove_diacritics`` this is lossy beyond diacritics (``ß -> ss``, ``₫ -> D``,
    ``– -> -``, CJK to pinyin); use it for slugs, file names and search keys.

    >>> to_ascii("Phở bò “Hà Nội” – Straße")
    'Pho bo "Ha Noi" - Strasse'
    """
    text = remove_diacritics(ensure_str(text, "to_ascii"))
    if text.isascii():
        return text
    from unidecode import unidecode

    return str(unidecode(text))


# ---------------------------------------------------------------------------------------------
# Composition


@dataclass(frozen=True)
class NormalizeConfig:
    """Which steps ``normalize`` runs, in this order: clean -> unicode (NFC) -> tone -> remove_diacritics.

    ``tone_style`` is ``"hòa"`` or ``"hoà"`` (NFC or NFD; stored in NFC).

    >>> NormalizeConfig(tone_style="hoà")
    NormalizeConfig(clean=True, unicode=True, tone=True, tone_style='hoà', remove_diacritics=False)
    >>> NormalizeConfig(tone_style="new")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown tone style 'new': use style='hòa' (mark on the first vowel: hòa, ...
    """

    clean: bool = True
    unicode: bool = True
    tone: bool = True
    tone_style: str = "hòa"
    remove_diacritics: bool = False

    def __post_init__(self) -> None:
        _style_first(self.tone_style)  # ValueError / TypeError on a bad style
        object.__setattr__(self, "tone_style", unicodedata.normalize("NFC", self.tone_style))


_CONFIG_FIELDS = frozenset(f.name for f in fields(NormalizeConfig))


def normalize(text: str, config: NormalizeConfig | None = None, **options: Any) -> str:
    """Clean, NFC and tone placement in one call; every step can be switched off.

    ``options`` are keyword shortcuts for ``NormalizeConfig`` fields and override ``config``
    (``normalize(text, tone_style="hoà")``, ``normalize(text, clean=False)``); an unknown
    option raises ``TypeError``. ``clean`` removes invisible and typographic noise
    (``vntext.clean``).

    >>> normalize("Hoa\\u0300 \\u200bbi\\u0300nh\\u00a0 thuỷ")
    'Hòa bình thủy'
    >>> normalize("Thủy Hòa", tone_style="hoà", clean=False)
    'Thuỷ Hoà'
    """
    text = ensure_str(text, "normalize")
    cfg = NormalizeConfig() if config is None else config
    if not isinstance(cfg, NormalizeConfig):
        raise TypeError(f"normalize() config must be a NormalizeConfig, got {type(cfg).__name__}")
    if options:
        unknown = sorted(set(options) - _CONFIG_FIELDS)
        if unknown:
            raise TypeError(
                f"normalize() got unknown option(s) {', '.join(unknown)}; "
                f"options are {', '.join(sorted(_CONFIG_FIELDS))}"
            )
        cfg = replace(cfg, **options)
    if cfg.clean:
        from vntext.noise import clean

        text = clean(text)
    if cfg.unicode:
        text = normalize_unicode(text)
    if cfg.tone:
        text = normalize_tone(text, style=cfg.tone_style)
    if cfg.remove_diacritics:
        text = remove_diacritics(text)
    return text
