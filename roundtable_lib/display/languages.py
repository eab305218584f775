"""Which language a page and each text on it are in, as HTML says it (``lang``, ``dir``).

A screen reader picks its voice from ``lang``: an item typed only in English on a Thai page needs
its own ``<span lang="en">``, and one in a right-to-left language its ``dir``. The page's own
language and direction come from :func:`roundtable_lib.meeting.languages.page_language`.

Pure: imports only the standard library and :mod:`roundtable_lib.meeting`.
"""

from roundtable_lib.meeting.labels import LANGS, item_text
from roundtable_lib.meeting.languages import direction, page_language


def lang_attrs(lang):
    """The attributes that declare a page or a block in ``lang``: ``lang="th" dir="ltr"``."""
    code, way = page_language(lang)
    return f'lang="{code}" dir="{way}"'


def in_language(markup, text_lang, page_lang):
    """``markup`` (already escaped) as it stands on a page in ``page_lang``: wrapped in
    ``<span lang=..>`` when it is in another language (with ``dir`` when that one runs the other
    way), as it is otherwise."""
    if not markup or not text_lang or text_lang == page_lang:
        return markup
    way = f' dir="{direction(text_lang)}"' if direction(text_lang) != direction(page_lang) else ""
    return f'<span lang="{text_lang}"{way}>{markup}</span>'


def item_text_lang(item, lang):
    """``(text, its language)``: the item's text as :func:`~roundtable_lib.meeting.labels.item_text`
    shows it in ``lang``, and the language it was captured in (another when ``lang``'s box was empty)."""
    text = item_text(item, lang)
    if not text or item.get(f"text_{lang}") == text:
        return text, lang
    return text, next((code for code in LANGS if item.get(f"text_{code}") == text), lang)


def label_lang(labels, lang):
    """The language :func:`~roundtable_lib.meeting.labels.pick` takes a meeting label
    ``{"en": ..., "th": ...}`` in: ``lang`` when it has one, else English."""
    return lang if labels.get(lang) else "en"
