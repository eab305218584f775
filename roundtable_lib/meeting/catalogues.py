"""The words of the workbook's own screens and documents, as gettext message catalogues.

Every label lives in ``roundtable_lib/locale/<lang>/LC_MESSAGES/roundtable.po``, one catalogue
per language, in the form translators' tools (Poedit, Weblate, msgfmt) read: ``msgctxt`` is the
label's key (``"kind.note"``), the key code asks for; ``msgid`` is the English text, ``msgstr``
the translation; a count (``"count.vote"``) has ``msgid_plural`` and one ``msgstr[i]`` per plural
form of the language (Thai and Indonesian one, Nepali two, Arabic six), chosen by the
catalogue's ``Plural-Forms`` header. The English catalogue is the source: its ``msgid`` is each
key's English text (and its ``msgstr`` the same), and every other catalogue is measured
against it (:func:`coverage`).

The ``.po`` files are read directly, with Babel, and compiled in memory to gettext's own
:class:`gettext.GNUTranslations` the first time a language is asked for (a few milliseconds):
no compiled ``.mo`` file is kept or built, so a fresh clone, ``pip install -e .`` and the
tests all read the words a translator just edited, and no build step can leave a stale ``.mo``
behind. The ``.po`` files ship as package data.

A label missing from a language's catalogue (or still empty, or marked fuzzy) is shown in the
fallback language (English unless a caller names the meeting's working language), never an
error; :func:`label_language` says which language a label was shown in, so a page can mark it
with ``lang``. :data:`COMPLETE` lists the catalogues that claim every label: a test fails on
a key missing from one of them or on a placeholder that differs from the English.

Dates and numbers come from Babel's locale data (CLDR) too: :func:`format_number`.

May import: the standard library and Babel.
"""

import datetime
import functools
import gettext
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

DOMAIN = "roundtable"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"  # the catalogue whose msgid and msgstr are the English text of every key

# The catalogues that claim every label: tests/meeting/test_catalogues.py fails on a key missing
# from one of them, or on a {placeholder} that differs from the English.
COMPLETE = ("en", "th", "id", "ne", "ar")

CONTEXT_LINE = re.compile(rb'^msgctxt "(.*)"$', re.MULTILINE)
PLACEHOLDER = re.compile(r"\{(\w*)\}")  # "{name}" in a label, filled in by str.format


@dataclass(frozen=True)
class Catalogue:
    """One language's labels: ``messages`` key -> babel Message (translated ones only) and the
    gettext translations compiled from them (which apply the language's plural rule)."""

    lang: str
    messages: dict
    translations: gettext.GNUTranslations
    path: Path


def po_path(lang):
    """Where ``lang``'s catalogue lives (whether or not it exists)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages():
    """The languages that have a catalogue, the source language first, then by code."""
    found = sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return tuple(sorted(found, key=lambda code: code != SOURCE_LANGUAGE))


def translated(message):
    """Whether a catalogue entry gives its language's words: not empty (no plural form empty)
    and not marked fuzzy (a translation of an English text that has changed since)."""
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(strings) and all(strings) and not message.fuzzy


@functools.cache
def catalogue(lang):
    """``lang``'s :class:`Catalogue`, read once per process; ``None`` when it has none."""
    if not isinstance(lang, str) or not lang.isalpha() or not po_path(lang).is_file():
        return None
    return read(po_path(lang), lang)


def read(path, lang):
    """The :class:`Catalogue` in the ``.po`` file ``path``. A key given twice (one topic's
    "endorse.decision" silently replacing another's, so a form's field read as an error
    message) stops here."""
    raw = path.read_bytes()
    # Babel keeps one entry per (key, English text), so a repeat is found in the file itself.
    repeated = sorted(key.decode() for key, times in Counter(CONTEXT_LINE.findall(raw)).items() if times > 1)
    if repeated:
        raise RuntimeError(f"{path}: label keys given twice: {', '.join(repeated)}")
    parsed = read_po(io.BytesIO(raw), locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, parsed)
    compiled.seek(0)
    messages = {message.context: message for message in parsed if message.id and translated(message)}
    return Catalogue(lang, messages, gettext.GNUTranslations(compiled), path)


def preload():
    """Read every catalogue now (a few tens of milliseconds each), and Babel's data for each
    language's dates and numbers: a process that forks its kernels calls it once, so no forked
    kernel parses a catalogue or loads CLDR data again (4 MB of private memory per kernel,
    measured)."""
    from roundtable_lib.meeting.clock import format_date

    found = tuple(catalogue(lang) for lang in languages())
    for lang in languages():
        format_date(datetime.date(2016, 7, 12), lang)
        format_number(1250, lang)
    return found


def source():
    """The English catalogue: every key there is, and its English text."""
    found = catalogue(SOURCE_LANGUAGE)
    if found is None:
        raise RuntimeError(f"the English label catalogue is missing: {po_path(SOURCE_LANGUAGE)}")
    return found


def keys():
    """Every label key, in the English catalogue's order."""
    return tuple(source().messages)


def has(key, lang):
    """Whether ``lang``'s catalogue translates ``key``'s English text as it is now (an entry
    for an older English text, not yet marked fuzzy, counts as missing)."""
    found = catalogue(lang)
    message = found.messages.get(key) if found is not None else None
    return message is not None and message.id == english(key).id


def label_language(key, lang, fallback=SOURCE_LANGUAGE):
    """The language :func:`text` shows ``key`` in for a reader of ``lang``: ``lang`` when its
    catalogue has the label, else ``fallback`` when that one has it, else English."""
    if has(key, lang):
        return lang
    return fallback if has(key, fallback) else SOURCE_LANGUAGE


def english(key):
    """The English message of ``key`` (``KeyError`` for a key no catalogue knows)."""
    return source().messages[key]


def text(key, lang="en", fallback=SOURCE_LANGUAGE):
    """The label ``key`` for a reader of ``lang`` (see :func:`label_language`). A count label
    gives its singular here; :func:`plural` picks the form for a number."""
    message = english(key)
    shown = catalogue(label_language(key, lang, fallback))
    if isinstance(message.id, tuple | list):
        return shown.translations.npgettext(key, message.id[0], message.id[1], 1)
    return shown.translations.pgettext(key, message.id)


def plural(key, n, lang="en", fallback=SOURCE_LANGUAGE):
    """The form of the count label ``key`` that goes with the number ``n`` in ``lang``, chosen by
    that catalogue's plural rule (Arabic has six forms, Thai one)."""
    message = english(key)
    if not isinstance(message.id, tuple | list):
        return text(key, lang, fallback)
    shown = catalogue(label_language(key, lang, fallback))
    return shown.translations.npgettext(key, message.id[0], message.id[1], n)


def is_plural(key):
    """Whether ``key`` is a count label (it has plural forms)."""
    return isinstance(english(key).id, tuple | list)


def locale(lang):
    """Babel's :class:`~babel.Locale` for ``lang`` (English for a code Babel does not know)."""
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(SOURCE_LANGUAGE)


def format_number(n, lang="en"):
    """A whole number as ``lang`` writes it, from CLDR: 1250 -> "1,250" (English, Thai),
    "1.250" (Indonesian); digits stay Latin (the project's documents and dashboards use them
    in every language)."""
    return format_decimal(n, locale=locale(lang))


def placeholders(words):
    """The ``{name}`` placeholders in a label's text (or texts), as a sorted tuple."""
    found = set()
    for one in (words,) if isinstance(words, str) else words:
        found.update(PLACEHOLDER.findall(one))
    return tuple(sorted(found))


ALSO_FILLED = re.compile(r"also filled: ((?:\{\w+\}\s*)+)")
MAY_BE_LEFT_OUT = re.compile(r"may be left out: ((?:\{\w+\}\s*)+)")


def placeholder_rule(key):
    """``(allowed, required)`` placeholders of a translation of ``key``: the English's; plus,
    when the English catalogue's comment on the key says so, ``also filled: {n}`` (the code
    fills it too) and ``may be left out: {title}`` (a language that says it otherwise)."""
    message = english(key)
    words = (message.id,) if isinstance(message.id, str) else message.id
    notes = " ".join(message.auto_comments)
    also = {name for found in ALSO_FILLED.findall(notes) for name in placeholders(found)}
    optional = {name for found in MAY_BE_LEFT_OUT.findall(notes) for name in placeholders(found)}
    english_names = set(placeholders(words))
    return english_names | also, english_names - optional


def placeholder_problems(lang, found=None):
    """Each translation in ``lang``'s catalogue whose ``{placeholders}`` break
    :func:`placeholder_rule` (a misspelt one would fail when the code fills it in), in words."""
    found = catalogue(lang) if found is None else found
    problems = []
    for key, message in (found.messages if found is not None else {}).items():
        allowed, required = placeholder_rule(key)
        for form in (message.string,) if isinstance(message.string, str) else message.string:
            names = set(placeholders(form))
            if not names <= allowed or not required <= names:
                problems.append(f"{key}: {sorted(names)}, the English has {sorted(required)}")
    return problems


@dataclass(frozen=True)
class Coverage:
    """How much of the English catalogue one language's catalogue translates."""

    lang: str
    translated: int
    total: int
    missing: tuple

    @property
    def complete(self):
        return not self.missing


def coverage(lang, found=None):
    """``lang``'s :class:`Coverage` against the English catalogue (nothing translated when it
    has no catalogue); ``found`` is the :class:`Catalogue` to measure, else ``lang``'s own."""
    every = keys()
    found = catalogue(lang) if found is None else found
    have = found.messages if found is not None else {}
    missing = tuple(key for key in every if key not in have or have[key].id != english(key).id)
    return Coverage(lang, len(every) - len(missing), len(every), missing)
