"""The report's bilingual wording: every heading and fixed sentence in English and Thai, and the
mark a reader sees where a typed text has no translation yet.

The sentences themselves are labels (``report.*`` in :mod:`roundtable_lib.meeting.document_labels`);
these helpers fill them in both languages and lay them out as blocks (see
:mod:`roundtable_lib.outputs.report`). Pure: the meeting layer and outputs.document only.
"""

import datetime as dt

from roundtable_lib.meeting.clock import format_date
from roundtable_lib.meeting.labels import LABELS, pick, t
from roundtable_lib.meeting.scripts import isolate
from roundtable_lib.outputs.document import sentence

LANGS = ("en", "th")


def fill(key, lang, **values):
    """The label ``key`` in ``lang`` with ``values`` filled in; a value is plain text or a
    ``{"en": ..., "th": ...}`` pair (the language's own wording)."""
    return t(key, lang).format(**{k: pick(v, lang) if isinstance(v, dict) else v for k, v in values.items()})


def both(key, **values):
    """``{"en": ..., "th": ...}``: the label ``key`` filled in each language."""
    return {lang: fill(key, lang, **values) for lang in LANGS}


def heading(key, **values):
    """A heading in both languages on one line: "Executive summary / บทสรุปสำหรับผู้บริหาร"."""
    return " / ".join(fill(key, lang, **values) for lang in LANGS)


def kept(*blocks):
    """``blocks`` as one group that the writers keep on one page (a recommendation with its
    reasons and rank, the signatories, a table and the note that explains it): moved whole to
    the next page rather than split, unless the group is longer than a page."""
    return [("keep",), *blocks, ("keep_end",)]


def paragraphs(key, style=None, **values):
    """A fixed sentence as two paragraph blocks, English then Thai."""
    return [("p", fill(key, lang, **values), style) for lang in LANGS]


def pending(lang):
    """What stands where a typed text has no version in ``lang``: says so, never blank."""
    return t("report.pending", lang)


def in_thai(text):
    """A Thai cell or line: the typed Thai, else the mark that its translation is pending."""
    text = " ".join(str(text or "").split())
    return isolate(text) if text else pending("th")


def in_english(text):
    """An English cell or line as a sentence, else the mark that its translation is pending."""
    text = sentence(text)
    return isolate(text) if text else pending("en")


def item_lines(item):
    """An item's text in both languages, one line each, a missing one marked pending."""
    return f"{in_english(item['text_en'])}\n{in_thai(item['text_th'])}"


def pair(labels):
    """A ``{"en", "th"}`` label as "English / Thai" (or the one there is)."""
    en, th = pick(labels, "en"), labels.get("th", "") if isinstance(labels, dict) else ""
    return f"{en} / {th}" if th and th != en else en


def column(key):
    """A table's column header in both languages, one line each."""
    en, th = LABELS[key]
    return f"{en}\n{th}"


def due_date(value, lang="en"):
    """A typed due date as people write it ("29 July 2016", "29 กรกฎาคม 2559"); a date typed in
    another form ("end of August") is shown as typed."""
    text = str(value or "").strip()
    try:
        return format_date(dt.date.fromisoformat(text), lang)
    except ValueError:
        return text


def field_line(key, value):
    """A field of an item on a line of its own, its name in both languages: "Topic / หัวข้อ: Legal aid"."""
    en, th = LABELS[key]
    return f"{en} / {th}: {value}"


def chart_note(title, reason=None):
    """What stands where a chart is not drawn, in both languages: "Chart left out: <title>
    (<reason>). (ไม่ได้ใส่แผนภูมินี้)"; without a reason, where to find it (Markdown has no images)."""
    key = "report.chart_left_out" if reason else "report.chart_elsewhere"
    return " ".join(fill(key, lang, title=title, reason=reason or "") for lang in LANGS)


def addressees(item):
    """The keys of whom a recommendation asks to act (stored as "government, asean")."""
    return [a.strip() for a in str(item["attrs"].get("addressees") or "").split(",") if a.strip()]
