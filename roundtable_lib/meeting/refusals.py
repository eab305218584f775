"""Refusals in both languages: a :class:`~roundtable_lib.exceptions.ValidationError` whose
message is a label in English, carrying the same label in Thai, so a Thai chair's form says in
Thai why nothing was written (:func:`error_text`) while logs and the command line stay English.

Pure: may import :mod:`roundtable_lib.exceptions` and :mod:`roundtable_lib.meeting.labels`.
"""

from roundtable_lib.exceptions import NotFound, ValidationError
from roundtable_lib.meeting.labels import LANGS, t


def words(key, **values):
    """``(en, th)``: the label ``key`` filled with ``values`` in each language; a value given as
    an ``(en, th)`` pair is put in each language's own words."""
    return tuple(t(key, lang).format(**{k: _in(v, lang) for k, v in values.items()}) for lang in LANGS)


def kind_words(kind):
    """A kind of item as a refusal names it: its code in English ("progress", as the message
    always said), its label in Thai."""
    return (kind, t(f"kind.{kind}", "th"))


def refusal(key, field=None, **values):
    """A ValidationError saying the label ``key`` filled with ``values`` (see :func:`words`)."""
    return refusal_of([words(key, **values)], field)


def refusal_of(lines, field=None):
    """A ValidationError saying ``lines`` (``(en, th)`` pairs, from :func:`words`), one a line:
    every problem of a findings file at once."""
    error = ValidationError("\n".join(en for en, _th in lines), field)
    error.th = "\n".join(th for _en, th in lines)
    return error


def not_found(key, **values):
    """A NotFound saying the label ``key`` filled with ``values``, in both languages."""
    en, th = words(key, **values)
    error = NotFound(en)
    error.th = th
    return error


def _in(value, lang):
    return value[1 if lang == "th" else 0] if isinstance(value, tuple) else value


def error_text(exc, lang="en"):
    """What ``exc`` says to a person reading ``lang``: its Thai words for a Thai reader when it
    has them, else its message as it is."""
    return (getattr(exc, "th", None) if lang == "th" else None) or str(exc)
