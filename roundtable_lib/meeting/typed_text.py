"""Text hygiene: the one place where typed text is made safe to store.

Everything a person types reaches the database through :func:`clean_text`. Escaping for HTML
happens later, at the moment text is put on a page (:func:`roundtable_lib.display.html.esc`), because
the same text also goes to Word, Excel and CSV files where HTML escapes would be wrong.
Its refusals carry their words in English and Thai (:mod:`roundtable_lib.meeting.refusals`).

Pure: may import :mod:`roundtable_lib.meeting.labels` and :mod:`roundtable_lib.meeting.refusals`.
"""

import unicodedata

from roundtable_lib.meeting.labels import field_name
from roundtable_lib.meeting.refusals import refusal

# Bidirectional embedding, override and isolate controls. They can make "<safe>" display as
# something else (Trojan Source, CVE-2021-42574); LRM/RLM marks are harmless and kept.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Zero-width no-break space (BOM) and the two Unicode noncharacters that sneak in from files.
_OTHER_INVISIBLES = set("\ufeff\ufffe\uffff")

LIMITS = {"short": 200, "text": 4000}


def _keep(ch):
    if ch in "\n\t":
        return True
    if ch in _BIDI_CONTROLS or ch in _OTHER_INVISIBLES:
        return False
    category = unicodedata.category(ch)
    # Cc: C0/C1 controls (NUL, ESC, ...). Cs: lone surrogates, which cannot be stored as UTF-8.
    return category not in ("Cc", "Cs")


def clean_text(value, field="text", max_length=LIMITS["text"], required=True):
    """Return ``value`` made safe to store, or raise :class:`ValidationError` saying why.

    - Unicode NFC, never NFKC: compatibility folding rewrites Thai (SARA AM, U+0E33, becomes
      NIKHAHIT + SARA AA) and full-width text.
    - Control characters (except newline and tab) and bidi overrides are removed.
    - Windows and old-Mac line endings become ``\\n``; surrounding white space is trimmed.
    - Empty text is refused when ``required``; over-long text is refused, never cut, so
      nothing a chair typed is silently lost.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise refusal("error.not_text", field, name=field_words(field, start=False), value=type(value).__name__)
    if len(value) > max_length * 4:
        # Refuse absurd input before spending time normalising it.
        raise _too_long(field, len(value), max_length)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = unicodedata.normalize("NFC", value)
    value = "".join(ch for ch in value if _keep(ch)).strip()
    if required and not value:
        raise refusal("error.field_empty", field, name=field_words(field))
    if len(value) > max_length:
        raise _too_long(field, len(value), max_length)
    return value


def _too_long(field, length, limit):
    return refusal("error.too_long", field, name=field_words(field), length=f"{length:,}", limit=f"{limit:,}")


def field_words(field, start=True):
    """A typed field's name as a refusal says it, ``(en, th)``: English as the code names the
    field ("capacity area"), capitalised when it starts the sentence ("Capacity area"), and
    Thai from its label (:func:`~roundtable_lib.meeting.labels.field_name`)."""
    label = field.replace("_", " ")
    return (label.capitalize() if start else label, field_name(field)[1])


def clean_optional(value, field="text", max_length=LIMITS["text"]):
    """Like :func:`clean_text`, but empty text becomes ``""`` instead of an error."""
    return clean_text(value, field=field, max_length=max_length, required=False)
