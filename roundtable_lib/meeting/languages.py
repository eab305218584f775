"""The language a page is in and the direction it is written in: one place for ``lang`` and
``dir``, which the dashboards, the Voila page around them (``<html lang dir>``) and the exported
HTML all ask. A screen reader picks its voice from ``lang`` (a Thai page that declares English is
read with an English voice); a right-to-left language also turns the page (``dir="rtl"``).

Pure: imports only :mod:`roundtable_lib.meeting.labels`.
"""

from roundtable_lib.meeting.labels import LANGS

# Languages written right to left (ISO 639-1), for when a meeting's languages include one.
RIGHT_TO_LEFT = frozenset({"ar", "dv", "fa", "he", "ps", "ur", "yi"})


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
