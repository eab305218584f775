"""What the organisers' review shows of the captured items, as plain functions: the filters and
the sort order, the table of items, an item's history in words, and the links to what an export
wrote. The review panel (:mod:`roundtable_lib.outputs.review`) puts them on screen; they are
tested without widgets.

Every word is in the organiser's language (``lang``): sessions by their names ("Session 2", not
``s2``), kinds, organisations and what changed by their labels, never a stored field name or
``None``.

May import: the meeting and :mod:`roundtable_lib.display.html`.
"""

import os
from pathlib import Path, PurePosixPath

from roundtable_lib.display.html import esc
from roundtable_lib.meeting import clock
from roundtable_lib.meeting.actors import actor_words
from roundtable_lib.meeting.clock import format_local
from roundtable_lib.meeting.labels import LABELS, count, item_text, pick, t
from roundtable_lib.meeting.rules import KINDS

ALL = "__all__"
NO_ORG = "__none__"
# The choices of the filters and the sort order: (label key, value); their words are in
# meeting/review_labels.py.
LANGUAGES = (("any_language", ALL), ("both", "both"), ("en_only", "en_only"), ("th_only", "th_only"))
FLAGS = (
    ("any", ALL),
    ("current", "current"),
    ("sensitive", "sensitive"),
    ("public", "public"),
    ("deleted", "deleted"),
    ("merged", "merged"),
)
SORTS = (
    ("created", "created"),
    ("-created", "-created"),
    ("-updated", "-updated"),
    ("session", "session"),
    ("org", "org"),
    ("kind", "kind"),
)
# What a history line may name of a change, in the order it is told.
CHANGED_FIELDS = ("text_en", "text_th", "sensitive", "kind", "session", "org", "orgs", "attrs")
FIELD_KEYS = {
    "text_en": "field.text_en",
    "text_th": "field.text_th",
    "sensitive": "col.sensitive",
    "kind": "field.kind",
    "session": "col.session",
    "org": "field.org",
    "orgs": "field.orgs",
}
# Files JupyterLab shows in a tab of its own; the others are downloaded. Word and Excel it cannot
# show; its PDF and HTML viewers draw a blob: frame, which the chairs' content policy (frame-src
# 'self') refuses ("This content is blocked"), so those are downloaded and opened by the laptop's
# own viewer. Markdown and CSV are drawn in the page itself.
OPENS_IN_LAB = (".md", ".csv", ".json")
QUOTED_CHARS = 80  # a changed text is quoted up to this long in a history line


def choices(pairs, lang="en"):
    """A filter's ``(label key, value)`` pairs as dropdown options in ``lang``."""
    return [(t(f"review.choice.{key}", lang), value) for key, value in pairs]


def session_name(meeting, session_id, lang="en"):
    """A session as people name it: "Session 2" (the title up to its colon), "ช่วงที่ 2" in Thai;
    a session the meeting file does not know as stored."""
    try:
        return meeting.session(session_id).short(lang)
    except KeyError:
        return str(session_id or "")


def session_options(meeting, lang="en"):
    """The session filter's options: every session by its title, in ``lang``."""
    return [(t("review.panel.all_sessions", lang), ALL)] + [(pick(a.title, lang), a.id) for a in meeting.agenda]


def org_options(meeting, lang="en"):
    return [(t("review.panel.all_orgs", lang), ALL), (t("review.panel.no_org", lang), NO_ORG)] + [
        (o.label(lang), o.id) for o in meeting.organisations
    ]


def kind_options(lang="en"):
    return [(t("review.panel.all_kinds", lang), ALL)] + [(t("kind." + k, lang), k) for k in KINDS]


def filter_items(items, session=ALL, org=ALL, kind=ALL, language=ALL, flag=ALL, search="", merged=None):
    """The items that match every filter (``ALL`` matches anything)."""
    merged = merged or {}
    needle = (search or "").strip().casefold()
    return [
        i
        for i in items
        if (session == ALL or i["session"] == session)
        and _org_matches(i, org)
        and (kind == ALL or i["kind"] == kind)
        and _language_matches(i, language)
        and _flag_matches(i, flag, merged)
        and (not needle or needle in f"{i['text_en']}\n{i['text_th']}\n{i['attrs']}".casefold())
    ]


def _org_matches(item, org):
    if org == NO_ORG:
        return not (item["org"] or item["orgs"])
    return org == ALL or item["org"] == org or org in item["orgs"]


def _language_matches(item, language):
    en, th = bool(item["text_en"]), bool(item["text_th"])
    wanted = {"both": en and th, "en_only": en and not th, "th_only": th and not en}
    return wanted.get(language, True)


def _flag_matches(item, flag, merged):
    deleted = bool(item["deleted_at"])
    wanted = {
        "current": not deleted,
        "deleted": deleted,
        "sensitive": bool(item["sensitive"]),
        "public": not item["sensitive"],
        "merged": item["id"] in merged,
    }
    return wanted.get(flag, True)


def sort_items(items, order, meeting):
    reverse = order.startswith("-")
    key = order.lstrip("-")
    sessions = {a.id: n for n, a in enumerate(meeting.agenda)}
    orgs = {o.id: n for n, o in enumerate(meeting.organisations)}
    keys = {
        "created": lambda i: (i["created_at"], i["id"]),
        "updated": lambda i: (i["updated_at"] or "", i["id"]),
        "session": lambda i: (sessions.get(i["session"], 99), i["created_at"]),
        "org": lambda i: (orgs.get(i["org"] or (i["orgs"] or [None])[0], 99), i["created_at"]),
        "kind": lambda i: (KINDS.index(i["kind"]) if i["kind"] in KINDS else 99, i["created_at"]),
    }
    return sorted(items, key=keys[key], reverse=reverse)


def org_text(meeting, item, lang="en"):
    """The organisations an item names, by their labels in ``lang``."""
    ids = ([item["org"]] if item["org"] else []) + [o for o in item["orgs"] if o != item["org"]]
    return ", ".join(_org_label(meeting, oid, lang) for oid in ids)


def _org_label(meeting, org_id, lang):
    try:
        return meeting.org(org_id).label(lang)
    except KeyError:
        return str(org_id)


def item_flags(item, merged, lang="en"):
    """An item's flags in words: sensitive, deleted or merged."""
    flags = [t("review.flag.sensitive", lang)] if item["sensitive"] else []
    if item["deleted_at"]:
        flags.append(t("review.flag.merged" if item["id"] in merged else "review.flag.deleted", lang))
    return flags


def item_label(meeting, item, lang="en", merged=None):
    """One item as the item list names it: kind · session · organisation · the start of its text."""
    text = item_text(item, lang)
    org = org_text(meeting, item, lang)
    flags = "".join(f" [{flag}]" for flag in item_flags(item, merged or {}, lang))
    parts = [t("kind." + item["kind"], lang), session_name(meeting, item["session"], lang)] + ([org] if org else [])
    return f"{' · '.join(parts)} · {text[:70]}{flags}"


def items_table(meeting, items, merged=None, lang="en"):
    """An HTML table of items in ``lang``, every piece of text escaped."""
    merged = merged or {}
    columns = ("col.session", "col.organisation", "field.kind", "col.english", "col.thai", "review.col.flags")
    head = "".join(f"<th>{esc(t(key, lang))}</th>" for key in columns)
    rows = []
    for i in items:
        extra = i["attrs"].get("topic") or i["attrs"].get("area") or ""
        english = (f"<b>{esc(extra)}</b>: " if extra else "") + esc(i["text_en"])
        style = ' style="color:#8a96a3;text-decoration:line-through"' if i["deleted_at"] else ""
        rows.append(
            f"<tr{style}><td>{esc(session_name(meeting, i['session'], lang))}</td>"
            f"<td>{esc(org_text(meeting, i, lang))}</td><td>{esc(t('kind.' + i['kind'], lang))}</td>"
            f"<td>{english}</td><td>{esc(i['text_th'])}</td>"
            f"<td>{esc(', '.join(item_flags(i, merged, lang)))}</td></tr>"
        )
    return (
        '<div class="rt-review" style="max-height:28em;overflow:auto"><table style="border-collapse:collapse;'
        'width:100%;font-size:0.9em" border="1" cellpadding="4">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def action_words(action, lang="en"):
    """A recorded action in words ("update" -> "corrected"), the words the chair's history uses;
    an action without a label as stored."""
    key = f"action.{action}"
    return t(key, lang) if key in LABELS else str(action)


def change_words(before, after, meeting, lang="en"):
    """What one recorded change did to an item, in words: what it said when captured, or each
    field that changed ("Thai: added “...”", "Sensitive: no → yes"); never a stored field name,
    ``None`` or ``{}``. Deleting and restoring say nothing more than their action."""
    before, after = before or {}, after or {}
    if not before:
        return _quoted(item_text(after, lang))
    lines = []
    for key in CHANGED_FIELDS:
        if key == "attrs":
            old, new = before.get("attrs") or {}, after.get("attrs") or {}
            for name in sorted(set(old) | set(new)):
                if old.get(name) != new.get(name):
                    lines.append(_field_change(_attr_name(name, lang), old.get(name), new.get(name), lang))
        elif _value(before.get(key)) != _value(after.get(key)):
            old, new = (_shown(key, v, meeting, lang) for v in (before.get(key), after.get(key)))
            lines.append(_field_change(t(FIELD_KEYS[key], lang), old, new, lang))
    return "; ".join(lines)


def _value(value):
    return value or None  # "" and None, [] and None: no difference a reader would see


def _shown(key, value, meeting, lang):
    if key == "sensitive":
        return t("review.yes" if value else "review.no", lang)
    if not value:
        return ""
    if key == "kind":
        return t("kind." + value, lang) if f"kind.{value}" in LABELS else value
    if key == "session":
        return session_name(meeting, value, lang)
    if key == "org":
        return _org_label(meeting, value, lang)
    if key == "orgs":
        return ", ".join(_org_label(meeting, o, lang) for o in value)
    return value


def _attr_name(name, lang):
    key = f"field.{name}"
    return t(key, lang) if key in LABELS else name.replace("_", " ").capitalize()


def _field_change(field, old, new, lang):
    old, new = ("" if v is None else str(v) for v in (old, new))
    if not old:
        return t("review.change.added", lang).format(field=field, new=_quoted(new))
    if not new:
        return t("review.change.removed", lang).format(field=field, old=_quoted(old))
    return t("review.change.changed", lang).format(field=field, old=_quoted(old), new=_quoted(new))


def _quoted(text):
    text = " ".join(str(text).split())
    return f"“{text[:QUOTED_CHARS]}{'…' if len(text) > QUOTED_CHARS else ''}”" if text else ""


def history_table(entries, meeting=None, lang="en"):
    """An item's history in ``lang``: each change on the meeting's clock, who made it, what was
    done and what it changed, in words."""
    rows = [
        f"<tr><td>{esc(format_local(e['at'], meeting, lang))}</td>"
        f"<td>{esc(actor_words(e['actor'], meeting, lang))}</td>"
        f"<td>{esc(action_words(e['action'], lang))}</td>"
        f"<td>{esc(change_words(e['before'], e['after'], meeting, lang))}</td></tr>"
        for e in entries
    ]
    return (
        '<table border="1" cellpadding="3" style="border-collapse:collapse;font-size:0.85em">'
        f"<tr><th>{esc(t('review.history.when', lang))} ({esc(clock.zone(meeting).key)})</th>"
        + "".join(f"<th>{esc(t(f'review.history.{key}', lang))}</th>" for key in ("who", "what", "change"))
        + "</tr>"
        + "".join(rows)
        + "</table>"
    )


def shown_count(n, lang="en"):
    return count(n, "review.panel.shown", lang)


def export_links_html(out_dir, files, lang="en", here=None):
    """Links to the files an export wrote in ``out_dir``, for the notebook's output: each file can
    be downloaded, and the ones JupyterLab shows (Markdown, CSV) opened in a tab.

    The links are relative to ``here`` (the notebook's folder, where its kernel runs): JupyterLab
    turns such a link into one to its own files and opens it in a tab, or downloads it when the
    link says ``download``. A folder outside ``here`` gets no links (JupyterLab could not serve
    it): the files are named, and the message says where they are."""
    here = Path(here or os.getcwd()).resolve()
    folder = Path(out_dir).resolve()
    try:
        relative = PurePosixPath(folder.relative_to(here).as_posix())
    except ValueError:
        return ""
    rows = []
    for name in sorted(files, key=lambda f: (len(PurePosixPath(f).parts) > 1, f)):
        href = esc(str(relative / name))
        links = [f'<a href="{href}" download>{esc(t("review.link.download", lang))}</a>']
        if name.lower().endswith(OPENS_IN_LAB):
            links.insert(0, f'<a href="{href}">{esc(t("review.link.open", lang))}</a>')
        rows.append(f"<li><code>{esc(name)}</code>: {' · '.join(links)}</li>")
    heading = esc(t("review.link.heading", lang).format(folder=str(relative)))
    return f'<div class="rt-export-links"><b>{heading}</b><ul>{"".join(rows)}</ul></div>'
