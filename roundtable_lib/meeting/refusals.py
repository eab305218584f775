"""Refusals in both languages: a :class:`~roundtable_lib.exceptions.ValidationError` whose
message is a label in English, carrying the same label in Thai, so a Thai chair's form says in
Thai why nothing was written (:func:`error_text`) while logs and the command line stay English.

Pure: may import :mod:`roundtable_lib.exceptions` and :mod:`roundtable_lib.meeting.labels`.
"""

from roundtable_lib.exceptions import ValidationError
from roundtable_lib.meeting.labels import LANGS, t


def refusal(key, field=None, **values):
    """A ValidationError saying the label ``key`` filled with ``values``; a value given as an
    ``(en, th)`` pair is put in each language's own words."""
    filled = {lang: t(key, lang).format(**{k: _in(v, lang) for k, v in values.items()}) for lang in LANGS}
    error = ValidationError(filled["en"], field)
    error.th = filled["th"]
    return error


def _in(value, lang):
    return value[1 if lang == "th" else 0] if isinstance(value, tuple) else value


def error_text(exc, lang="en"):
    """What ``exc`` says to a person reading ``lang``: its Thai words for a Thai reader when it
    has them, else its message as it is."""
    return (getattr(exc, "th", None) if lang == "th" else None) or str(exc)
