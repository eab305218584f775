"""The workbook's own words for every screen and document: ``t(key, lang)``, counts in words,
scores as people write them, and a meeting label or an item's text in a reader's language.

Labels that belong to a meeting (its title, organisations, agenda, questions) come from the
meeting definition; these are the ones that belong to the software. Their words live in the
gettext catalogues, ``roundtable_lib/locale/<lang>/LC_MESSAGES/roundtable.po`` (read by
:mod:`roundtable_lib.meeting.catalogues`): the keys stay in code, the words in one place per
language. To add a label, add its key with the English text to the English catalogue and its
translations to the others (``tools/label_catalogues.py rewrite LANG`` aligns a catalogue with
the English one).

May import: :mod:`roundtable_lib.meeting.catalogues` and the standard library.
"""

from collections.abc import Mapping

from roundtable_lib.meeting import catalogues

LANGS = ("en", "th")


class LabelTable(Mapping):
    """Every label key, each as its ``(English, Thai)`` words (a count label as "one|other"):
    a read-only view of the catalogues for code that asks whether a key exists (``key in
    LABELS``) or wants both languages at once. The words are the catalogues' own."""

    def __getitem__(self, key):
        return tuple(_words(key, lang) for lang in LANGS)

    def __contains__(self, key):
        return key in catalogues.source().messages

    def __iter__(self):
        return iter(catalogues.keys())

    def __len__(self):
        return len(catalogues.keys())


def _words(key, lang):
    if not catalogues.is_plural(key):
        return catalogues.text(key, lang)
    forms = {catalogues.plural(key, n, lang) for n in (1, 2)}
    return "|".join(sorted(forms, key=lambda form: form != catalogues.plural(key, 1, lang)))


LABELS = LabelTable()


def t(key, lang="en", fallback="en"):
    """The label ``key`` in ``lang``; in ``fallback`` (the meeting's working language, English
    unless a caller says) when ``lang``'s catalogue lacks it, or has none. An unknown key raises
    ``KeyError``."""
    return catalogues.text(key, lang, fallback)


def count(n, key, lang="en"):
    """``n`` with the count label ``key`` in ``lang``: ``count(1, "count.vote")`` -> "1 vote",
    ``count(2, "count.vote")`` -> "2 votes", ``count(2, "count.vote", "th")`` -> "2 คะแนน".

    The form comes from the catalogue's plural rule (English two forms, Thai one, Arabic six).
    ``{n}`` in the label places the number, else it comes first. Whole numbers are written as
    the language writes them ("1,250 votes"; Indonesian "1.250 suara")."""
    form = catalogues.plural(key, n, lang)
    whole = isinstance(n, int) and not isinstance(n, bool)
    shown = catalogues.format_number(n, lang) if whole else f"{n}"
    return form.replace("{n}", shown) if "{n}" in form else f"{shown} {form}"


def field_name(field):
    """The name of a typed field (``"English text"``, ``"topic"``) as an ``(en, th)`` pair, as a
    refusal (meeting/refusals.py) takes a value in each language's words: ("Topic", "หัวข้อ")."""
    key = f"typed.{field}"
    fallback = field.replace("_", " ").capitalize()
    return tuple(t(key, lang) if key in LABELS else fallback for lang in LANGS)


SCORE_DECIMALS = 2  # one rounding for every score a person reads: chart, table and text agree (4.67)


def round_score(value):
    """A score rounded as people read it everywhere: 4.6667 -> 4.67; charts plot this value."""
    return round(float(value), SCORE_DECIMALS)


def score_text(value):
    """A score as people write it: 4.6667 -> "4.67", 3.0 -> "3", None -> ""."""
    if value is None:
        return ""
    text = f"{round_score(value):.{SCORE_DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def pick(labels, lang="en"):
    """Pick a language from a meeting label ``{"en": ..., "th": ...}``."""
    return labels.get(lang) or labels.get("en") or ""


def item_text(item, lang="en"):
    """An item's text in ``lang``, falling back to the other language when only one was captured."""
    first, second = ("text_th", "text_en") if lang == "th" else ("text_en", "text_th")
    return item.get(first) or item.get(second) or ""
