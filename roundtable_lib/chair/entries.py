"""One captured entry on the chair's screen: the line the list of latest entries shows for it,
its history, the values the capture form holds when the chair corrects it, and the fields of
its kind the form's values make.

While presenting, a sensitive entry's line says only that it exists (the switch,
:mod:`roundtable_lib.chair.presenting`, decides).

May import: the meeting, the store's results, display, :mod:`roundtable_lib.chair.presenting`.
"""

from roundtable_lib.chair import presenting
from roundtable_lib.display import html
from roundtable_lib.display.status import SECOND_TEXT_COLOUR, quiet_html
from roundtable_lib.meeting.actors import actor_words
from roundtable_lib.meeting.clock import format_local
from roundtable_lib.meeting.labels import item_text, t

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
    orgs = tuple(item["orgs"])
    if item["kind"] == "synergy" and item["org"] and item["org"] not in orgs:
        orgs = (item["org"], *orgs)  # the synergy form has only the boxes: an older entry's org joins them
    values = {
        "org": item["org"],
        "orgs": orgs,
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


def attrs_of(kind, values):
    """The kind-specific fields (an item's ``attrs``) that the form's ``values`` (by the names of
    :data:`FORM_FIELDS`) give an item of ``kind``: the inverse of :func:`form_values`."""
    if kind in ("offer", "ask"):
        return {"topic": values["topic"]}
    if kind == "question":
        return {"asked_by": values["asked_by"], "answer": values["answer"]}
    if kind == "need":
        return {"area": values["area"]}
    if kind == "training":
        names = {"format": "format", "provider": "provider", "timing": "timing", "status": "training_status"}
        return {key: values[name] for key, name in names.items()}
    if kind == "action":
        return {"owner_person": values["owner_person"], "due": values["due"], "status": values["action_status"]}
    if kind == "recommendation":
        return {
            "addressees": list(values["addressees"]),
            "rationale": values["rationale"],
            "rationale_th": values["rationale_th"],
        }
    if kind == "feedback" and values["rating"]:
        return {"rating": values["rating"]}
    return {}


def history_html(store, item_id, lang):
    """Every change to one item, newest first: when (the meeting's clock), who (in words), what
    was done and what the item said after it. While presenting, what a sensitive version said
    is not shown (who and when are)."""
    meeting, lines = store.meeting, []
    for entry in store.history(entity_id=item_id, entity="item"):
        after = entry["after"] or {}
        # Only what the entry said after the change is printed: that version decides.
        said = presenting.hidden_item_text(lang) if presenting.hides_item(after) else None
        text = (said or item_text(after, lang)) + (" ✗" if after.get("deleted_at") else "")
        when = format_local(entry["at"], meeting, lang)
        who = actor_words(entry["actor"], meeting, lang)
        lines.append(
            f"<li>{html.esc(when)} · {html.esc(who)} · {html.esc(t('action.' + entry['action'], lang))}: "
            f"{html.esc(text)}</li>"
        )
    return f"<b>{html.esc(t('button.history', lang))}</b><ul>{''.join(lines)}</ul>"


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
