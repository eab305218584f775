"""The privacy policy: the one place that decides what the public may see.

Everything public goes through a :class:`Policy`: the dashboards on phones and the projector
(the public :class:`~roundtable_lib.store.Store` applies it to every item, poll and result it
returns) and every public export (:func:`roundtable_lib.outputs.export.publishable`). So the two can
never disagree. In public:

- **sensitive and deleted items** are left out;
- **withheld names**: every registered spelling of the name of a participant who did not
  consent (:func:`spellings`: per language and the short form) is replaced by
  :data:`NAME_WITHHELD` wherever it was typed (an item's text in both languages, its "asked by",
  owner and every other field, poll titles and option labels), in the text's language: "[name
  withheld]" in English, "[ไม่เปิดเผยชื่อ]" in Thai (see :func:`placeholder_language`);
- **withheld poll options**: an option copied from an item stands for that item (following
  merges: a merged-away duplicate's option stands for the item it was merged into), so when
  that item is sensitive or deleted the option is withheld too, left out without a trace: the
  options shown are ranked again among themselves, ties kept;
- **unrevealed results**: a poll's results, number of voters and organisations stay out until
  the chair reveals them.

``internal=True`` is the organisers' view: everything, every name.

How names are matched (see :func:`name_pattern`)
------------------------------------------------

A name is matched as a name, never as a piece of a word: a participant called "Nu" must not turn
"Number of nurses" into "[name withheld]mber of [name withheld]rses".

*Latin and other spaced scripts.* The whole registered name, and each of its parts of two letters
or more (a given name or a family name typed alone: "Kanya" for "Kanya S."), as whole words:
not preceded or followed by a letter or digit of a non-Thai script. Case and accents are ignored
("nu" and "NU" match "Nu"; "Nunez" matches "Núñez"). Titles and particles ("Dr.", "Ms", "van",
Burmese "Daw", Karen "Naw") are not names on their own; a part in parentheses is a note
("(sample)"), not a name. A name that is also an ordinary word ("May") is withheld as that word
too: a withheld word costs a reader little, a leaked name can cost a person much.

*Thai.* Thai is written without spaces between words, so "a whole word" cannot be seen from the
characters alone, and the workbook carries no dictionary-based word segmenter. The rule:

1. Never split a syllable: a match may not start right after a leading vowel (เ แ โ ใ ไ, which
   belong to the consonant after them) nor end right before a vowel sign, tone mark or
   following vowel (ะ ั า ำ ิ ี ... ่ ้ ๊ ๋ ์), which belong to the consonant before them.
2. The full registered name (given name and surname, with or without the space) and each part
   of at least :data:`THAI_MIN_PART` characters are matched wherever rule 1 allows, also glued
   to other Thai words: "สมชายบอกว่า" (Somchai said) becomes "[name withheld]บอกว่า". Sequences
   of four or more characters that happen to equal a participant's given name are rare in
   running text, and a missed name is the worse mistake.
3. A shorter part (most nicknames: นก, แดง, ส้ม) is everywhere inside ordinary words (นก is in
   คนกลาง, "middleman"), so it is matched only where it is visibly a name: standing alone (no
   Thai character touching it on either side: spaces, punctuation, Latin text or the line's
   edge), or right after a title (คุณนก, นายแดง, พี่ส้ม), which in Thai announces a name.
   Known limit: a short nickname typed with no title and glued to Thai words on both sides is
   not recognised; chairs are asked to write "คุณ" before a nickname.

*Devanagari, Arabic, Ethiopic and Cyrillic* are spaced scripts, matched as Latin is, with each
script's own word edges, glued words and titles (:mod:`roundtable_lib.meeting.name_scripts`):
"सीताले" (Sita + the ergative ending) and "وأحمد" (and Ahmad) are the names; "रामा" is not "राम".
Arabic vowel marks, the forms of alef with hamza and the tatweel are folded away as accents are.
"""

import re
import unicodedata

from roundtable_lib.meeting import name_scripts
from roundtable_lib.meeting.labels import t
from roundtable_lib.meeting.name_scripts import left_edge, right_edge
from roundtable_lib.meeting.rules import ranked

NAME_WITHHELD = t("privacy.name_withheld", "en")
# What stands for a withheld name, in each language: a Thai reader meets a Thai placeholder.
WITHHELD_IN = {lang: t("privacy.name_withheld", lang) for lang in ("en", "th")}
MERGED_STATE = "review.merged"  # {duplicate item id: id of the item it was merged into}

# Thai parts this long (in characters, marks included) are matched glued to other Thai text.
THAI_MIN_PART = 4
# A Latin part needs this many letters to be matched on its own ("S." is an initial).
LATIN_MIN_PART = 2
# A Thai part shorter than this is an initial (one consonant), never matched on its own.
THAI_MIN_INITIAL = 2

_THAI = "\u0e00-\u0e7f"
# Titles that announce a Thai name: Khun, Nai (Mr), Nang (Mrs), Nangsao (Miss), Dr, Phi/Nong
# (elder/younger), Khru and Ajarn (teacher).
THAI_TITLES = ("คุณ", "นาย", "นางสาว", "นาง", "ดร.", "ดร", "พี่", "น้อง", "ครู", "อาจารย์")
# Titles and particles that are not names on their own (compared case- and accent-folded).
LATIN_PARTICLES = frozenset(
    "mr mrs ms miss dr prof sir madam de da do dos das del della di du van von der den ter la le el al "
    "bin binti bt u daw ko ma maung mg saw naw nang nai khun".split()
)

# Rule 1: not right after a leading vowel, not right before a sign that belongs to the consonant before it.
_SYLLABLE_LEFT = r"(?<![\u0e40-\u0e44])"
_SYLLABLE_RIGHT = r"(?![\u0e30-\u0e3a\u0e45\u0e47-\u0e4e])"
# Rule 3: no Thai character touching it.
_ALONE_LEFT = rf"(?<![{_THAI}])"
_ALONE_RIGHT = rf"(?![{_THAI}])"
_AFTER_TITLE = "(?:" + "|".join(f"(?<={re.escape(t)})" for t in THAI_TITLES) + ")"


_PLAIN = re.compile(rf"[\x00-\x7f{_THAI}]*")


def _is_thai(ch):
    return "\u0e00" <= ch <= "\u0e7f"


def fold(text):
    """``(folded, index)``: ``text`` case- and accent-folded outside Thai, and for every character
    of ``folded`` the index of the character of ``text`` it came from.

    Thai is left as typed: its vowel signs and tone marks are letters of the word, not accents.
    """
    if _PLAIN.fullmatch(text):  # ASCII and Thai only (most text here): folding keeps every index
        return text.casefold(), range(len(text))
    out, index = [], []
    for i, ch in enumerate(text):
        if name_scripts.KEPT.match(ch):  # Thai and Indic marks are letters of the word
            piece = ch
        elif ch in name_scripts.FOLD_ARABIC or ch in name_scripts.FOLD_ALWAYS:
            piece = name_scripts.FOLD_ARABIC.get(ch, name_scripts.FOLD_ALWAYS.get(ch))
        else:
            piece = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).casefold()
        out.append(piece)
        index.extend([i] * len(piece))
    return "".join(out), index


def _folded(text):
    return fold(unicodedata.normalize("NFC", text))[0]


_TITLES = frozenset(_folded(word) for word in name_scripts.TITLES)


def _is_title(word):
    """Is ``word`` a title or particle, no name on its own ("Dr", "van", "श्री", "السيد", "አቶ")?"""
    folded = _folded(word)
    return folded in LATIN_PARTICLES or folded in _TITLES


def _escape_spaced(words):
    """A regex for ``words`` in sequence: Thai words may be written without the space."""
    out = re.escape(words[0])
    for before, after in zip(words, words[1:], strict=False):
        glued = _is_thai(before[-1]) and _is_thai(after[0]) or before == name_scripts.ARABIC_JOINED
        gap = r"\s*" if glued else r"\s+"
        out += gap + re.escape(after)
    return out


def name_parts(name):
    """The parts of a registered name that are matched on their own (see the module's rules)."""
    plain = re.sub(r"\([^)]*\)", " ", name)
    # "عبد" is one name with the word after it: "عبد الله" is one part, never "الله" alone.
    plain = re.sub(rf"(?<!\S)({name_scripts.ARABIC_JOINED})\s+(?=\S)", "\\1\x00", plain)
    parts = []
    for word in plain.split():
        word = word.strip(name_scripts.PUNCTUATION).replace("\x00", " ")
        thai = any(_is_thai(c) for c in word)
        if thai:
            for title in THAI_TITLES:
                if word.startswith(title) and len(word) > len(title):
                    word = word[len(title) :]
                    break
            # An initial ("ส." of "กัญญา ส.") is no name on its own: alone it would be "ส.ส." (MP).
            if len(word) >= THAI_MIN_INITIAL and word not in THAI_TITLES:
                parts.append(word)
        elif sum(c.isalpha() for c in word) >= LATIN_MIN_PART and not _is_title(word):
            parts.append(word)
    return parts


def name_pattern(name):
    """A regex source matching ``name`` in folded text (see :func:`fold`), or ``""``."""
    name = " ".join(unicodedata.normalize("NFC", name).split())
    if not name:
        return ""
    alternatives = []
    fulls = {name, " ".join(re.sub(r"\([^)]*\)", " ", name).split())} - {""}
    parts = name_parts(name)
    if len(parts) > 1:
        fulls.add(" ".join(parts))  # without titles and initials: "Aye Aye" of "Daw Aye Aye"
    for full in fulls:
        words = _folded(full).split()
        if len(words) > 1:  # a whole name of several parts is specific enough anywhere (rule 2)
            alternatives.append((len(full), _bounded(_escape_spaced(words), words[0][0], words[-1][-1], True)))
    # A one-word name that is only a title ("Ma") is still a name; punctuation alone ("-") is not.
    parts = parts or [w.strip(".,;:'\"") for w in name.split() if any(c.isalnum() for c in w)][:1]
    for part in filter(None, parts):
        folded = _folded(part)
        long_thai = len(folded) >= THAI_MIN_PART
        alternatives.append((len(folded), _bounded(name_scripts.joined(folded), folded[0], folded[-1], long_thai)))
    alternatives.sort(key=lambda a: -a[0])  # the longest first: "Nok Noi" before "Nok"
    return "|".join(dict.fromkeys(a for _n, a in alternatives))


def _bounded(core, first, last, long_thai):
    """``core`` between the boundaries its first and last characters call for."""
    if not (_is_thai(first) or _is_thai(last)):
        return f"(?:{left_edge(first)}{core}{right_edge(last)})"
    left = _SYLLABLE_LEFT if _is_thai(first) else left_edge(first)
    right = _SYLLABLE_RIGHT if _is_thai(last) else right_edge(last)
    if long_thai:
        return f"(?:{left}{core}{right})"
    alone_left = _ALONE_LEFT if _is_thai(first) else left_edge(first)
    alone_right = _ALONE_RIGHT if _is_thai(last) else right_edge(last)
    return f"(?:{alone_left}{core}{alone_right}|{_AFTER_TITLE}{core}{right})"


def field_language(key):
    """The language of a field by its name: ``text_th``, ``label_th``, ``rationale_th`` are Thai,
    ``..._en`` English; any other field (``asked_by``, ``owner_person``) is ``None``: its text
    decides (:func:`placeholder_language`)."""
    key = str(key or "")
    return "th" if key.endswith("_th") else "en" if key.endswith("_en") else None


def placeholder_language(pieces, names):
    """The language of a text for its placeholder: Thai if most letters of the words around the
    withheld names (``pieces``) are Thai ("คุณ[...]เล่าว่า"), else English ("Ask คุณ[...] about
    shelters" is English with a Thai title in it); a text that is nothing but a name takes the
    script of the name ("คุณสมชาย" alone is a Thai text)."""
    around = [ch for ch in "".join(pieces) if ch.isalpha()] or [ch for ch in "".join(names) if ch.isalpha()]
    thai = sum(_is_thai(ch) for ch in around)
    return "th" if around and thai * 2 >= len(around) else "en"


def redactor(names):
    """A function ``redact(text, lang=None)`` replacing each of ``names`` in a text by the
    placeholder in ``lang`` (:data:`WITHHELD_IN`); without ``lang``, in the text's language
    (:func:`placeholder_language`). Anything but text passes as it is."""
    patterns = [p for p in dict.fromkeys(name_pattern(n) for n in names if isinstance(n, str)) if p]
    if not patterns:
        return lambda text, lang=None: text
    pattern = re.compile("|".join(patterns))

    def redact(text, lang=None):
        if not isinstance(text, str) or not text:
            return text
        folded, index = fold(text)
        spans = [(m.start(), m.end()) for m in pattern.finditer(folded) if m.end() > m.start()]
        if not spans:
            return text
        pieces, found, at = [], [], 0
        for start, end in spans:
            begin, stop = index[start], index[end - 1] + 1
            while stop < len(text) and not _is_thai(text[stop]) and unicodedata.combining(text[stop]):
                stop += 1  # an accent typed as a separate mark goes with its letter
            pieces.append(text[at:begin])
            found.append(text[begin:stop])
            at = stop
        pieces.append(text[at:])
        placeholder = WITHHELD_IN.get(lang) or WITHHELD_IN[placeholder_language(pieces, found)]
        return placeholder.join(pieces)

    return redact


def spellings(participant):
    """Every registered spelling of a participant's name: the one lists show, the one per
    language ("Somchai Nuengdee", "คุณสมชาย หนึ่งดี") and the short form ("Somchai")."""
    names = [participant.get("name"), *(participant.get("names") or {}).values(), participant.get("short_name")]
    return [n for n in dict.fromkeys(names) if isinstance(n, str) and n.strip()]


def resolve(merged, item_id):
    """Follow merges: the id of the item that now stands for ``item_id``."""
    seen = set()
    while item_id in merged and item_id not in seen:
        seen.add(item_id)
        item_id = merged[item_id]
    return item_id


class Policy:
    """What may be shown, for one meeting as it now is.

    ``participants`` are every registered participant with their name and consent (a removed
    participant, with ``deleted_at`` set, is never named and never counted, and their name stays
    withheld); ``merged`` maps merged-away duplicates to the item they were merged into.
    """

    def __init__(self, participants=(), merged=None, internal=False):
        self.internal = bool(internal)
        self.merged = dict(merged or {})
        self.participants = [p for p in participants if not p.get("deleted_at")]
        withheld = (
            []
            if internal
            else [n for p in participants if not p.get("consent") or p.get("deleted_at") for n in spellings(p)]
        )
        self.withheld_names = tuple(dict.fromkeys(withheld))
        self._redact = redactor(self.withheld_names)
        self._cache = {}

    @classmethod
    def of_store(cls, store, internal=False):
        """The policy of the meeting in ``store`` (a store that can read names: not a public one)."""
        if store.public:
            raise ValueError("A public store shows no names to build the policy from: use Store.privacy().")
        people = store.participants(include_removed=True)
        return cls(people, store.get_state(MERGED_STATE, {}) or {}, internal)

    # ---------------------------------------------------------------- text and items

    def same_as(self, other):
        """Does ``other`` decide exactly as this policy does? (Then its warm caches can be kept.)"""
        return isinstance(other, Policy) and (self.internal, self.withheld_names, self.merged, self.participants) == (
            other.internal,
            other.withheld_names,
            other.merged,
            other.participants,
        )

    def redact(self, text, lang=None):
        """``text`` with every withheld name replaced by the placeholder in ``lang`` ("en", "th"),
        or, without ``lang``, in the text's own language (see :func:`redactor`)."""
        if self.internal or not self.withheld_names or not isinstance(text, str):
            return text
        key = (text, lang)
        if key not in self._cache:
            if len(self._cache) > 20_000:
                self._cache.clear()
            self._cache[key] = self._redact(text, lang)
        return self._cache[key]

    def redact_fields(self, row):
        """Every text field of ``row`` with names withheld, each in its field's language
        (:func:`field_language`: ``text_th`` Thai, ``text_en`` English, others by their text)."""
        return {k: self.redact(v, field_language(k)) if isinstance(v, str) else v for k, v in row.items()}

    def shows(self, item):
        """May ``item`` be shown at all?"""
        return not item.get("deleted_at") and (self.internal or not item.get("sensitive"))

    def item(self, item):
        """``item`` as it may be shown: names withheld in its texts and every field of ``attrs``."""
        if self.internal or not self.withheld_names:
            return item
        out = {
            **item,
            "text_en": self.redact(item.get("text_en"), "en"),
            "text_th": self.redact(item.get("text_th"), "th"),
        }
        out["attrs"] = self.redact_fields(item.get("attrs") or {})
        return out

    def items(self, items):
        """The items that may be shown, as they may be shown."""
        return [self.item(i) for i in items if self.shows(i)]

    # ---------------------------------------------------------------- participants

    def named(self):
        """Participants who may be named (everyone, internally)."""
        return [p for p in self.participants if self.internal or p.get("consent")]

    def counts(self):
        """{org id: {"named": n, "unnamed": n}}: everyone is counted, named or not."""
        counts = {}
        for p in self.participants:
            entry = counts.setdefault(p["org"], {"named": 0, "unnamed": 0})
            entry["named" if (self.internal or p.get("consent")) else "unnamed"] += 1
        return counts

    # ---------------------------------------------------------------- polls

    def resolve(self, item_id):
        return resolve(self.merged, item_id)

    def option_withheld(self, row, visible):
        """Does this option (or result row) stand for an item that may not be shown?

        ``visible`` is the set of ids of the items that may be shown.
        """
        item_id = row.get("item_id")
        return bool(item_id) and not self.internal and self.resolve(item_id) not in visible

    def option(self, row, visible):
        """An option or result row as it may be shown: its item id followed through merges, its
        labels with names withheld; None for a withheld option, which is left out without a
        trace (a projector draws no attention to it, a document numbers no gap)."""
        row = {**row}
        if row.get("item_id"):
            row["item_id"] = self.resolve(row["item_id"])
        if self.option_withheld(row, visible):
            return None
        row["label_en"] = self.redact(row.get("label_en") or "", "en")
        row["label_th"] = self.redact(row.get("label_th") or "", "th")
        return row

    def poll(self, poll, visible):
        """A poll as it may be shown: title with names withheld, options as :meth:`option`."""
        out = {
            **poll,
            "title_en": self.redact(poll.get("title_en"), "en"),
            "title_th": self.redact(poll.get("title_th"), "th"),
        }
        options = (self.option(o, visible) for o in poll.get("options") or [])
        out["options"] = [o for o in options if o is not None]
        return out

    def revealed(self, poll):
        return self.internal or bool(poll.get("revealed"))

    def results(self, res, visible):
        """A ``poll_results`` dict as it may be shown: nothing of an unrevealed poll's results;
        the rows of withheld options left out and the others ranked again among themselves
        (:func:`~roundtable_lib.meeting.rules.ranked`), so that the first shown is rank 1."""
        poll = self.poll(res["poll"], visible)
        if not self.revealed(res["poll"]):
            hidden = dict.fromkeys(("voters", "organisations", "voter_orgs", "apart", "results"))
            return {**res, "poll": poll, **hidden}
        rows = res.get("results")
        if rows is not None:
            shown = [r for r in (self.option(r, visible) for r in rows) if r is not None]
            rows = ranked(shown) if len(shown) < len(rows) else shown
        return {**res, "poll": poll, "results": rows}
