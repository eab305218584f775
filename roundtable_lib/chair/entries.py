"""One captured entry on the chair's screen: the line the list of latest entries shows for it,
and the values the capture form holds when the chair corrects it.

While presenting, a sensitive entry's line says only that it exists (the switch,
:mod:`roundtable_lib.chair.presenting`, decides).

May import: the meeting, display, :mod:`roundtable_lib.chair.presenting`.
"""

from roundtable_lib.chair import presenting
from roundtable_lib.display import html
from roundtable_lib.display.status import SECOND_TEXT_COLOUR, quiet_html
from roundtable_lib.meeting.labels import t

# The form's fields an entry is corrected in, by name: what the form shows or, while presenting,
# holds back for a sensitive entry (the kind is chosen apart: the form may not offer it).
FORM_FIELDS = (
    "org",
    "orgs",
    "topic",
    "asked_by",
    "answer",
    "area",
    "provider",
    "timing",
    "owner_person",
    "due",
    "rating",
    "addressees",
    "rationale",
    "rationale_th",
    "format",
    "training_status",
    "action_status",
    "text_en",
    "text_th",
    "sensitive",
)


def attrs_summary(item, meeting=None, lang="en"):
    """The kind-specific fields of an item as one short line ("workshop · IFRC · Sept · agreed")."""
    attrs = item.get("attrs") or {}
    kind = item["kind"]
    bits = []
    if kind == "question":
        if attrs.get("asked_by"):
            bits.append(f"{t('field.asked_by', lang)}: {attrs['asked_by']}")
        if attrs.get("answer"):
            bits.append(f"{t('field.answer', lang)}: {attrs['answer']}")
    elif kind == "need":
        bits.append(attrs.get("area", ""))
    elif kind == "training":
        if meeting is not None and item.get("orgs"):
            bits.append(", ".join(meeting.org(o).label(lang) if o in meeting.org_ids else o for o in item["orgs"]))
        bits += [
            t("format." + attrs.get("format", "other"), lang),
            attrs.get("provider", ""),
            attrs.get("timing", ""),
            t("status." + attrs.get("status", "proposed"), lang),
        ]
    elif kind == "action":
        bits += [
            attrs.get("owner_person", ""),
            f"{t('field.due', lang)} {attrs.get('due', '')}",
            t("status." + attrs.get("status", "open"), lang),
        ]
    elif kind == "feedback" and attrs.get("rating"):
        bits.append("★" * attrs["rating"])
    return " · ".join(b for b in bits if b)


def form_values(item):
    """The capture form's field values (:data:`FORM_FIELDS`) for correcting ``item``."""
    attrs = item["attrs"]
    values = {
        "org": item["org"],
        "orgs": tuple(item["orgs"]),
        "addressees": tuple(a.strip() for a in attrs.get("addressees", "").split(",") if a.strip()),
        "rating": attrs.get("rating"),
        "text_en": item["text_en"],
        "text_th": item["text_th"],
        "sensitive": item["sensitive"],
    }
    for name in ("topic", "asked_by", "answer", "area", "provider", "timing", "owner_person", "due"):
        values[name] = attrs.get(name, "")
    values["rationale"], values["rationale_th"] = attrs.get("rationale", ""), attrs.get("rationale_th", "")
    if item["kind"] == "training":
        values["format"], values["training_status"] = attrs["format"], attrs["status"]
    if item["kind"] == "action":
        values["action_status"] = attrs["status"]
    return values


def entry_html(item, meeting, lang):
    """One latest entry: organisation, both languages (the chair's first), linked organisations
    and the kind's fields; a sensitive entry shows only that it exists while presenting."""
    if presenting.hides_item(item):
        return f"{html.icon('lock')} <i>{html.esc(presenting.hidden_item_text(lang))}</i>"
    first, second = ("text_th", "text_en") if lang == "th" else ("text_en", "text_th")
    texts = [item.get(first) or "", item.get(second) or ""]
    lock = html.icon("lock", t("col.sensitive", lang)) + " " if item["sensitive"] else ""
    shown = lock + html.esc(_org_prefix(meeting, item, lang) + (texts[0] or texts[1]))
    if texts[0] and texts[1]:
        shown += "<br>" + quiet_html(texts[1], SECOND_TEXT_COLOUR)
    if item.get("orgs") and item["kind"] != "training":  # training lists them in its fields
        names = [meeting.org(o).label(lang) if o in meeting.org_ids else o for o in item["orgs"]]
        linked = f"{t('field.orgs', lang)}: {', '.join(names)}"
        shown += "<br>" + quiet_html(linked)
    summary = attrs_summary(item, meeting, lang)
    return shown + (" " + quiet_html(f"({summary})") if summary else "")


def _org_prefix(meeting, item, lang):
    if not item.get("org"):
        return ""
    try:
        return meeting.org(item["org"]).label(lang) + ": "
    except KeyError:
        return item["org"] + ": "
