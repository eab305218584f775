"""Where a name starts and ends in the spaced scripts other than Latin: Devanagari (Nepali),
Arabic, Ethiopic (Amharic) and Cyrillic (Russian), for :func:`roundtable_lib.meeting.privacy.name_pattern`.

A name is matched as whole words (never inside a longer word), and each script marks a word's
edge in its own way:

- *Every script*: a word goes on while letters, digits or combining marks follow. Devanagari's
  vowel signs and virama and Arabic's vowel marks are marks, not letters, so "राम" is not
  matched in "रामा" (a vowel sign after its last consonant). A script's own punctuation ends a
  word: "।" and "॥" (Devanagari), "،" "؛" "؟" (Arabic), "፡" "።" "፣" (Ethiopic).
- *Nepali* writes its case endings glued to the noun ("सीताले भनिन्", Sita said; "रामलाई", to
  Ram; "रामको", Ram's): a name may be followed by up to two of :data:`DEVANAGARI_AFTER` ("सीताजीले").
- *Arabic* writes "and", "so", "with", "for" and "like" as one letter glued to the next word
  ("وأحمد", and Ahmad): a name may follow one or two of :data:`ARABIC_BEFORE`. The cost: a word
  that is such a letter and a withheld name ("فعلي", actual, when "علي" is withheld) is withheld
  too, which costs a reader less than a leaked name costs a person. "عبد" ("servant of") is one
  name with the word after it ("عبد الله", also typed "عبدالله"); on its own it is no name.
- *Amharic* glues "of", "to", "from", "by" before a noun ("የአበበ", Abebe's) and "and", "also"
  and the object ending after it ("አበበን"): :data:`ETHIOPIC_BEFORE`, :data:`ETHIOPIC_AFTER`.
- *Russian*: a name is matched as registered; other case forms ("Ивана" for "Иван") are not
  (chairs are asked to type names as registered); "ё" and "е" are one letter (accents fold).

Titles and honorifics (:data:`TITLES`) are not names on their own.

Pure: imports only the standard library and :mod:`roundtable_lib.meeting.scripts`.
"""

import re
import unicodedata

from roundtable_lib.meeting.scripts import ARABIC, DEVANAGARI, ETHIOPIC, THAI


def _marks():
    """A character class body of every combining mark outside Thai (which has rules of its own),
    and the zero-width joiners that glue Devanagari and Arabic letters."""
    codes = [
        c
        for c in range(0x300, 0x10000)
        if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me") and not 0x0E00 <= c <= 0x0E7F
    ] + [0x200C, 0x200D]
    ranges, start = [], None
    for prev, code in zip([None, *codes], [*codes, None], strict=True):
        if start is None:
            start = code
        elif code is None or code != prev + 1:
            ranges.append((start, prev))
            start = code
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


MARKS = _marks()
_THAI = THAI.chars
# Not preceded / followed by a letter, digit or mark of a non-Thai script (a change to Thai is an edge).
WORD_LEFT = rf"(?<![^\W{_THAI}])(?<![{MARKS}])"
WORD_RIGHT = rf"(?![^\W{_THAI}]|[{MARKS}])"

# Nepali postpositions and particles written glued to a name.
DEVANAGARI_AFTER = ("ले लाई को का की कि मा बाट देखि सँग संग सित तिर द्वारा जी ज्यू हरू हरु कै नै ने").split()
# Arabic one-letter conjunctions and prepositions glued to the next word: wa, fa; bi, li, ka.
ARABIC_BEFORE = ("وف", "بلك")
ARABIC_JOINED = "عبد"  # "servant of": one name with the word after it
ARABIC_ARTICLE = "ال"  # "the", which a family name often starts with
# Amharic prefixes (ye-, le-, ke-, be-, sile-, inde-) and suffixes (-n, -m, -na, -nim) of a noun.
ETHIOPIC_BEFORE = ("የ", "ለ", "ከ", "በ", "ስለ", "እንደ")
ETHIOPIC_AFTER = ("ን", "ም", "ና", "ንም", "ንና")

# Titles and honorifics that are no names on their own (compared folded, as names are):
# Nepali Shri, Shrimati, Sushri, Dr, -ji; Arabic Mr, Mrs, Dr, Professor, Hajj, Sheikh and the
# particles of lineage; Amharic Ato (Mr), Weyzero (Mrs), Weyzerit (Miss), Dr, Professor, Qes;
# Russian Mr, Mrs, Dr.
TITLES = (
    "श्री श्रीमती सुश्री डा डा. डाक्टर प्रा जी ज्यू "
    "السيد السيدة سيد سيدة الدكتور الدكتورة د الأستاذ الأستاذة أستاذ أستاذة الحاج الحاجة الشيخ الشيخة "
    "بن ابن بنت أبو ابو أم ام آل "
    "አቶ ወይዘሮ ወይዘሪት ወ/ሮ ወ/ት ዶ/ር ዶክተር ፕሮፌሰር ቄስ "
    "г-н г-жа господин госпожа д-р доктор"
).split()
# A part is stripped of these at its edges: Latin and each script's own punctuation.
PUNCTUATION = ".,;:'\"!?()«»“”„،؛؟।॥፡።፣፤፥"


def _one_of(words):
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _glued_before(prefixes):
    """A left edge that also allows one of ``prefixes`` glued to the name (each a fixed-width
    lookbehind, which is what Python's regular expressions allow)."""
    edges = [WORD_LEFT]
    for prefix in prefixes:
        edges.append(f"(?<={WORD_LEFT}{prefix})")
    return "(?:" + "|".join(edges) + ")"


_CONJUNCTION, _PREPOSITION = (f"[{letters}]" for letters in ARABIC_BEFORE)
_ARABIC_LEFT = _glued_before([_CONJUNCTION, _PREPOSITION, _CONJUNCTION + _PREPOSITION])
_ETHIOPIC_LEFT = _glued_before(re.escape(p) for p in ETHIOPIC_BEFORE)
_DEVANAGARI_RIGHT = f"(?={_one_of(DEVANAGARI_AFTER)}{{0,2}}{WORD_RIGHT})"
_ETHIOPIC_RIGHT = f"(?={_one_of(ETHIOPIC_AFTER)}?{WORD_RIGHT})"


def _in(script, ch):
    return bool(re.match(f"[{script.chars}]", ch))


def left_edge(first):
    """Where a name whose first (folded) character is ``first`` may start."""
    if _in(ARABIC, first):
        return _ARABIC_LEFT
    if _in(ETHIOPIC, first):
        return _ETHIOPIC_LEFT
    return WORD_LEFT


def right_edge(last):
    """Where a name whose last (folded) character is ``last`` may end."""
    if _in(DEVANAGARI, last):
        return _DEVANAGARI_RIGHT
    if _in(ETHIOPIC, last):
        return _ETHIOPIC_RIGHT
    return WORD_RIGHT


def joined(part):
    """A regex for a (folded) name part: "عبد الله" also typed "عبدالله", and the other way;
    a name with the article "ال" also after "ل" (for), which takes the article's alef:
    "للخطيب" is "ل" + "الخطيب"."""
    head = ""
    if part.startswith(ARABIC_JOINED) and len(part.replace(" ", "")) > len(ARABIC_JOINED):
        head, part = re.escape(ARABIC_JOINED) + r"\s*", part[len(ARABIC_JOINED) :].strip()
    out = r"\s+".join(re.escape(w) for w in part.split())
    if not head and part.startswith(ARABIC_ARTICLE):
        out = f"(?:{ARABIC_ARTICLE}|(?<=\u0644)\u0644)" + r"\s+".join(re.escape(w) for w in part[2:].split())
    return head + out


# Arabic letters typed in more than one way, folded to one: alef maqsura and Farsi yeh to yeh,
# teh marbuta to heh, keheh to kaf; the tatweel (a stretching line) and zero-width joiners go.
FOLD_ARABIC = {"\u0649": "\u064a", "\u06cc": "\u064a", "\u0629": "\u0647", "\u06a9": "\u0643", "\u0640": ""}
FOLD_ALWAYS = {"\u200c": "", "\u200d": ""}
# Scripts whose marks are letters of the word, left as typed: Thai, and the Indic scripts.
KEPT = re.compile(f"[{THAI.chars}\u0900-\u0dff]")
