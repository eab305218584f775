"""The language a page is in and the direction it is written in: one place for ``lang`` and
``dir``, which the dashboards, the Voila page around them (``<html lang dir>``) and the exported
HTML all ask. A screen reader picks its voice from ``lang`` (a Thai page that declares English is
read with an English voice); a right-to-left language also turns the page (``dir="rtl"``).

:data:`PROJECT_LANGUAGES` is the one registry of the languages the project's partners work in
(ISO 639-1 codes): a meeting file may list any of them, and every other module asks here for a
language's names, direction and script.

Pure: imports only :mod:`roundtable_lib.meeting.labels` and the standard library.
"""

from dataclasses import dataclass

from roundtable_lib.meeting.labels import LANGS

# Languages written right to left (ISO 639-1), for when a meeting's languages include one.
RIGHT_TO_LEFT = frozenset({"ar", "dv", "fa", "he", "ps", "ur", "yi"})


@dataclass(frozen=True)
class Language:
    """One of the project's languages: its ISO 639-1 code, its name in English and in itself,
    the direction it is written in and its script (a :mod:`roundtable_lib.meeting.scripts` name;
    "latin" and "cyrillic" are drawn by Noto Sans itself)."""

    code: str
    english_name: str
    native_name: str
    direction: str
    script: str


def _language(code, english_name, native_name, script):
    return Language(code, english_name, native_name, "rtl" if code in RIGHT_TO_LEFT else "ltr", script)


# The languages of the project's fifteen countries that a meeting may be held in, in this order
# wherever a list of them is shown.
PROJECT_LANGUAGES = {
    language.code: language
    for language in (
        _language("en", "English", "English", "latin"),
        _language("th", "Thai", "ไทย", "thai"),
        _language("id", "Indonesian", "Bahasa Indonesia", "latin"),
        _language("ne", "Nepali", "नेपाली", "devanagari"),
        _language("ar", "Arabic", "العربية", "arabic"),
        _language("ru", "Russian", "Русский", "cyrillic"),
        _language("es", "Spanish", "Español", "latin"),
        _language("fr", "French", "Français", "latin"),
        _language("am", "Amharic", "አማርኛ", "ethiopic"),
    )
}


def direction(lang):
    """``"rtl"`` or ``"ltr"``: the direction ``lang`` is written in."""
    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"


def page_language(lang):
    """``(code, direction)`` of a page asked for in ``lang``: ``("th", "ltr")``. A language the
    workbook does not speak gives its working language, English."""
    code = lang if lang in LANGS else "en"
    return code, direction(code)


# For text whose language nothing records (a document's lines): a script written by one language
# alone among the meeting's says which it is. Latin says nothing (English, Indonesian, ...).
SCRIPT_LANGUAGES = {"thai": "th"}


def script_language(script):
    """The language a run in ``script`` (a :class:`roundtable_lib.meeting.scripts.Script`, or
    None for Latin, digits and punctuation) is in, when the script alone says it; else None."""
    return SCRIPT_LANGUAGES.get(script.name) if script is not None else None
