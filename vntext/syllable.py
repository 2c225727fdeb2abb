"""The Vietnamese syllable: parse a word into onset / nucleus / final / tone and compose it back.

This module is the one place that knows Vietnamese spelling. Tone placement
(``normalize_tone``), syllable validation (``is_syllable``), legacy-encoding detection and
segmentation features all use the same parse (spec ``normalize.md`` §1):

1. every character is one of the 12 vowel letters (any tone, either case) or one of the 17
   consonant letters ``b c d đ g h k l m n p q r s t v x``;
2. at most one character carries a tone mark;
3. the onset is the longest listed prefix (``ngh ng nh ch gh gi kh ph th tr qu`` or one
   consonant other than ``q``), or nothing; ``qu`` must be followed by a vowel; after ``gi``
   the ``i`` belongs to the onset unless no other vowel follows (``gì``, ``gìn``);
4. the nucleus is the run of vowels after the onset, the final is the rest;
5. (nucleus, final) is a listed rhyme (``vntext/data/syllable/rhymes*.tsv``).

The tables load lazily on first use; parses are cached per process.

>>> syl = parse_syllable("Người")
>>> syl.onset, syl.nucleus, syl.final, syl.tone_name
('ng', 'ươi', '', 'huyền')
>>> parse_syllable("Thuỷ").compose(style="hòa")
'Thủy'
>>> is_syllable("khuỷu"), is_syllable("Krông")
(True, False)
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from vntext._resources import read_tsv
from vntext._validate import ensure_str

__all__ = ["TONE_NAMES", "Syllable", "is_syllable", "parse_syllable"]

VOWELS = "aăâeêioôơuưy"
CONSONANTS = "bcdđghklmnpqrstvx"
# Tone index -> combining mark (NFD) and name; index 0 (ngang) has no mark.
TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
TONE_NAMES = ("ngang", "huyền", "sắc", "hỏi", "ngã", "nặng")
STYLES = ("hòa", "hoà")

_VOWEL_SET = frozenset(VOWELS)
_MODIFIED = frozenset("ăâêôơư")
_STOP_FINALS = frozenset(("c", "ch", "p", "t"))
# Nuclei that start with the rounding glide (medial) o/u: no c k gh ngh qu before them (§7.1 rule 5).
_MEDIAL_NUCLEI = frozenset(
    ("oa", "oai", "oay", "oao", "oă", "oe", "oeo", "uâ", "uây", "uê", "uơ", "uy", "uya", "uyu", "uyê")
)
# Open two-letter nuclei whose mark position depends on the style (§3 rule 6).
_STYLE_NUCLEI = frozenset(("oa", "oe", "uy"))
# The longest syllable has 7 letters (nghiêng, nghuyên); longer words cannot parse, and are
# rejected before they reach (and fill) the parse cache.
_MAX_LETTERS = 8
_FRONT = frozenset("eêiy")  # k only before these (§7.1 rule 4)
_FRONT_GH = frozenset("eêi")  # gh/ngh only before these


@cache
def _letters() -> dict[str, tuple[str, int, bool]]:
    """Every Vietnamese letter (NFC) -> (lower-case base letter without tone, tone index, is upper)."""
    table: dict[str, tuple[str, int, bool]] = {}
    for base in VOWELS:
        for tone, mark in enumerate(TONE_MARKS):
            lower = unicodedata.normalize("NFC", base + mark)
            table[lower] = (base, tone, False)
            table[lower.upper()] = (base, tone, True)
    for base in CONSONANTS:
        table[base] = (base, 0, False)
        table[base.upper()] = (base, 0, True)
    return table


@cache
def _compose_table() -> dict[tuple[str, int, bool], str]:
    """Inverse of ``_letters``: (base, tone, upper) -> the NFC letter."""
    return {info: letter for letter, info in _letters().items()}


@cache
def _onsets() -> frozenset[str]:
    return frozenset(row[0] for row in read_tsv("syllable/onsets.tsv"))


def _rhyme_table(name: str) -> frozenset[tuple[str, str]]:
    rhymes: set[tuple[str, str]] = set()
    for row in read_tsv(name):
        nucleus, finals = row[0], row[1]
        rhymes.update((nucleus, "" if f == "-" else f) for f in finals.split())
    return frozenset(rhymes)


@cache
def _rhymes() -> frozenset[tuple[str, str]]:
    return _rhyme_table("syllable/rhymes.tsv")


@cache
def _qu_rhymes() -> frozenset[tuple[str, str]]:
    return _rhyme_table("syllable/rhymes_qu.tsv")


def _style_first(style: str) -> bool:
    """True for ``"hòa"`` (mark on the first vowel of open oa/oe/uy), False for ``"hoà"``.

    Accepts either name in NFC or NFD; anything else is a ``ValueError``.
    """
    if style == "hòa":  # the NFC spellings, checked before any normalization
        return True
    if style == "hoà":
        return False
    if not isinstance(style, str):
        raise TypeError(f"style must be a str ('hòa' or 'hoà'), got {type(style).__name__}")
    name = unicodedata.normalize("NFC", style)
    if name == "hòa":
        return True
    if name == "hoà":
        return False
    raise ValueError(
        f"unknown tone style {style!r}: use style='hòa' (mark on the first vowel: hòa, khỏe, thủy) "
        "or style='hoà' (mark on the second vowel: hoà, khoẻ, thuỷ)"
    )


@lru_cache(maxsize=4096)
def _mark_offset(nucleus: str, closed: bool, first: bool) -> int:
    """Offset inside the nucleus of the letter that takes the tone mark (spec §3, first rule wins)."""
    if len(nucleus) == 1:
        return 0
    at = nucleus.find("ươ")
    if at >= 0:
        return at + 1
    for i, ch in enumerate(nucleus):
        if ch in _MODIFIED:
            return i
    if len(nucleus) == 3:
        return 1
    if closed:
        return 1
    if nucleus in _STYLE_NUCLEI:
        return 0 if first else 1
    return 0


@dataclass(frozen=True)
class Syllable:
    """One parsed Vietnamese syllable.

    ``word`` is the NFC word as written (case and mark position kept). ``onset``, ``nucleus``
    and ``final`` are lower case without tone (``qu`` and ``gi`` are onsets; for ``gì``/``gìn``
    the ``i`` of ``gi`` is also the nucleus). ``tone`` indexes ``TONE_NAMES`` (0 = ngang, no
    mark) and ``tone_at`` is the index in ``word`` of the letter that carries the mark (-1
    when there is none). ``nucleus_start`` is the index of the nucleus in ``word``.

    >>> parse_syllable("qúa")
    Syllable(word='qúa', onset='qu', nucleus='a', final='', tone=2, tone_at=1, nucleus_start=2)
    """

    word: str
    onset: str
    nucleus: str
    final: str
    tone: int
    tone_at: int
    nucleus_start: int

    @property
    def tone_name(self) -> str:
        """The tone's Vietnamese name: ngang, huyền, sắc, hỏi, ngã or nặng.

        >>> parse_syllable("Việt").tone_name
        'nặng'
        """
        return TONE_NAMES[self.tone]

    @property
    def medial(self) -> str:
        """The rounding glide (``"o"`` or ``"u"``) opening the nucleus or closing ``qu``, else ``""``.

        >>> parse_syllable("hoàng").medial, parse_syllable("quốc").medial, parse_syllable("ba").medial
        ('o', 'u', '')
        """
        if self.onset == "qu":
            return "u"
        return self.nucleus[0] if self.nucleus in _MEDIAL_NUCLEI else ""

    @property
    def uppercase(self) -> tuple[bool, ...]:
        """For each letter of ``word``, whether it is upper case.

        >>> parse_syllable("ViỆt").uppercase
        (True, False, True, False)
        """
        letters = _letters()
        return tuple(letters[ch][2] for ch in self.word)

    @property
    def rhyme(self) -> str:
        """Nucleus plus final, lower case without tone (``"oang"`` for ``Hoàng``).

        >>> parse_syllable("Hoàng").rhyme
        'oang'
        """
        return self.nucleus + self.final

    def mark_index(self, style: str = "hòa") -> int:
        """Index in ``word`` where the tone mark belongs under ``style`` (-1 when toneless).

        >>> parse_syllable("hoà").mark_index("hòa"), parse_syllable("hoà").mark_index("hoà")
        (1, 2)
        """
        if self.tone == 0:
            return -1
        return self.nucleus_start + _mark_offset(self.nucleus, bool(self.final), _style_first(style))

    def compose(self, style: str = "hòa") -> str:
        """The word with its tone mark on the letter ``style`` puts it on; every letter keeps its case.

        >>> parse_syllable("HOÀ").compose(style="hòa")
        'HÒA'
        >>> parse_syllable("gỉai").compose(style="hoà")
        'giải'
        """
        return _place_mark(self, _style_first(style))


def _place_mark(syl: Syllable, first: bool) -> str:
    if syl.tone == 0:
        return syl.word
    target = syl.nucleus_start + _mark_offset(syl.nucleus, bool(syl.final), first)
    if target == syl.tone_at:
        return syl.word
    letters = _letters()
    compose = _compose_table()
    chars = list(syl.word)
    base, tone, upper = letters[chars[syl.tone_at]]
    chars[syl.tone_at] = compose[(base, 0, upper)]
    base, _, upper = letters[chars[target]]
    chars[target] = compose[(base, tone, upper)]
    return "".join(chars)


@lru_cache(maxsize=1 << 16)
def _parse(word: str) -> Syllable | None:
    """The §1 parse of an NFC word, or None at the first failing step."""
    if len(word) > _MAX_LETTERS:
        return None
    letters = _letters()
    plain: list[str] = []
    tone = 0
    tone_at = -1
    for i, ch in enumerate(word):
        info = letters.get(ch)
        if info is None:
            return None  # step 1: a letter outside the Vietnamese alphabet (or not a letter)
        if info[1]:
            if tone_at >= 0:
                return None  # step 2: two tone marks
            tone, tone_at = info[1], i
        plain.append(info[0])
    s = "".join(plain)
    if not s:
        return None
    vowels = _VOWEL_SET
    onsets = _onsets()
    # Step 4: the longest listed prefix.
    if s[:3] in onsets:
        onset = s[:3]
    elif s[:2] in onsets:
        onset = s[:2]
    elif s[:1] in onsets:
        onset = s[:1]
    else:
        onset = ""
    n = len(onset)
    if onset == "gi" and (len(s) == 2 or s[2] not in vowels):
        # gì, gìn: the i of gi is also the whole nucleus.
        final = s[2:]
        if ("i", final) not in _rhymes():
            return None
        return Syllable(word, onset, "i", final, tone, tone_at, 1)
    if onset == "qu" and (len(s) == 2 or s[2] not in vowels):
        return None
    end = n
    while end < len(s) and s[end] in vowels:
        end += 1
    nucleus, final = s[n:end], s[end:]
    if not nucleus:
        return None
    if onset == "qu":
        ok = (nucleus, final) in _qu_rhymes()
    elif onset == "gi":
        rhymes = _rhymes()
        ok = (nucleus, final) in rhymes or ("i" + nucleus, final) in rhymes
    else:
        ok = (nucleus, final) in _rhymes()
    if not ok:
        return None
    return Syllable(word, onset, nucleus, final, tone, tone_at, n)


def parse_syllable(word: str) -> Syllable | None:
    """Parse one word (a letter run) as a Vietnamese syllable; ``None`` when it is not shaped like one.

    The parse checks letters, the number of tone marks, the onset and the rhyme table; it does
    not check case, the k/gh/ngh spelling rules, stop-final tones or where the mark sits (that
    is ``is_syllable``). So misplaced marks parse, and ``compose`` repairs them. Input is
    brought to NFC first.

    >>> parse_syllable("giếng")
    Syllable(word='giếng', onset='gi', nucleus='ê', final='ng', tone=2, tone_at=2, nucleus_start=2)
    >>> parse_syllable("Beyoncé") is None, parse_syllable("hoàà") is None
    (True, True)
    """
    word = ensure_str(word, "parse_syllable", "word")
    if len(word) > _MAX_LETTERS * 3:  # even fully decomposed, too long to be one syllable
        return None
    return _parse(unicodedata.normalize("NFC", word))


@lru_cache(maxsize=1 << 16)
def _is_syllable(token: str) -> bool:
    syl = _parse(token)
    if syl is None:
        return False
    # §7.1 rule 3: all lower, ALL UPPER or Title.
    if not (token.islower() or token.isupper() or token.istitle()):
        return False
    onset, nucleus, final = syl.onset, syl.nucleus, syl.final
    head = nucleus[0]
    # Rule 4: spelling of /k/, /ɣ/, /ŋ/ judged on the first letter of the nucleus.
    if onset == "k" and head not in _FRONT:
        return False
    if onset == "c" and head in _FRONT:
        return False
    if onset in ("gh", "ngh") and head not in _FRONT_GH:
        return False
    if onset in ("g", "ng") and head in _FRONT_GH:
        return False
    # Rule 5: no c k gh ngh qu before a medial glide.
    if onset in ("c", "k", "gh", "ngh", "qu") and nucleus in _MEDIAL_NUCLEI:
        return False
    # Rule 6: a stop final takes only sắc (2) or nặng (5).
    if final in _STOP_FINALS and syl.tone not in (2, 5):
        return False
    # Rule 7: the mark sits where one of the two styles puts it.
    if syl.tone:
        closed = bool(final)
        if syl.tone_at not in (
            syl.nucleus_start + _mark_offset(nucleus, closed, True),
            syl.nucleus_start + _mark_offset(nucleus, closed, False),
        ):
            return False
    return True


def is_syllable(token: str) -> bool:
    """Whether ``token`` is one well-formed Vietnamese syllable, by spelling alone (spec §7).

    No lexicon: ``tiêng`` is well-formed although it is not a word. Both tone styles are
    accepted (``hoà`` and ``hòa``), misplaced marks are not (``hòan``). The token must be NFC:
    a decomposed one contains combining marks, which are not letters.

    >>> [is_syllable(w) for w in ("nghiêng", "Hoà", "hòa", "QUỐC", "gìn")]
    [True, True, True, True, True]
    >>> [is_syllable(w) for w in ("hòan", "ka", "chip", "vIệt", "OK", "Đắk", "", "Hà Nội")]
    [False, False, False, False, False, False, False, False]
    >>> is_syllable("Ho\u0300a"), is_syllable("Hòa")  # NFD, then NFC
    (False, True)
    """
    token = ensure_str(token, "is_syllable", "token")
    if not token or len(token) > _MAX_LETTERS:
        return False
    # No NFC here, on purpose: a decomposed token holds combining marks, and spec §7.1 asks
    # for letters only. Callers with NFD text apply normalize_unicode first.
    return _is_syllable(token)
