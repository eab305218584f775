"""Putting stored text on a page.

ipywidgets' ``HTML`` and ``Label``-with-HTML widgets set ``innerHTML`` as it is: a captured
``<img src=x onerror=...>`` would run in every participant's browser. Every piece of stored
text goes through :func:`esc` before it becomes part of a widget's HTML value.
"""

import html as _html


def esc(value):
    """Escape text for HTML element content and attribute values (quotes included)."""
    if value is None:
        return ""
    return _html.escape(str(value), quote=True).replace("\n", "<br>")


# The dashboards' look, shared by every dashboard. Plain CSS, no web fonts, nothing from a CDN:
# the venue has no internet. Thai needs a font with Thai glyphs (Debian: fonts-thai-tlwg).
STYLE = """
<style>
.rt { font-family: "Noto Sans", "Noto Sans Thai", "Loma", "Garuda", sans-serif; color: #1d2733;
      line-height: 1.45; font-size: 16px; }
.rt h1 { font-size: 1.35em; margin: 0.2em 0; }
.rt h2 { font-size: 1.1em; margin: 0.2em 0 0.4em; }
.rt .rt-sub { color: #51606f; font-size: 0.9em; }
.rt .rt-demo { background: #fff4ce; border: 1px solid #e0c060; padding: 0.3em 0.6em; border-radius: 4px;
               display: inline-block; margin: 0.3em 0; font-size: 0.9em; }
.rt .rt-card { border: 1px solid #d5dde5; border-radius: 6px; padding: 0.6em 0.8em; margin: 0.4em 0;
               background: #fff; overflow-wrap: anywhere; }
.rt ul { margin: 0.2em 0; padding-left: 1.1em; }
.rt li { margin: 0.25em 0; }
.rt .rt-kind { display: inline-block; font-size: 0.75em; padding: 0.05em 0.45em; border-radius: 3px;
               background: #e8eef5; color: #2b4a6b; margin-right: 0.35em; white-space: nowrap; }
.rt .rt-kind-challenge { background: #fde8e4; color: #8a2d1c; }
.rt .rt-kind-plan { background: #e6f4ea; color: #1e5b33; }
.rt .rt-kind-synergy { background: #efe7fb; color: #4d2b84; }
.rt .rt-empty { color: #6b7785; font-style: italic; }
</style>
"""


def kind_badge(kind, lang="en"):
    from .i18n import t

    return f'<span class="rt-kind rt-kind-{esc(kind)}">{esc(t("kind." + kind, lang))}</span>'


def session_header(meeting, session_id, lang="en", demo=False, extra=""):
    """Title, chair and purpose of an agenda item, escaped."""
    from .i18n import pick, t

    session = meeting.session(session_id)
    chair = meeting.org(session.chair)
    parts = [
        f'<div class="rt"><div class="rt-sub">{esc(pick(meeting.short_title, lang))} · '
        f'{esc(meeting.date.isoformat())}</div>',
        f"<h1>{esc(pick(session.title, lang))}</h1>",
        f'<div class="rt-sub">{esc(t("head.chair", lang))}: {esc(pick(chair.name, lang))}</div>',
    ]
    if demo:
        parts.append(f'<div class="rt-demo">{esc(t("head.demo", lang))}</div>')
    parts.append(extra)
    parts.append("</div>")
    return "".join(parts)


def item_line(meeting, item, lang="en", show_org=False):
    """One captured item as a list entry: kind badge, text, and the organisations it links."""
    from .i18n import item_text

    bits = [kind_badge(item["kind"], lang), esc(item_text(item, lang))]
    topic = item.get("attrs", {}).get("topic")
    if topic:
        bits.insert(1, f"<b>{esc(topic)}</b>: ")
    names = []
    if show_org and item.get("org"):
        names.append(item["org"])
    names += [o for o in item.get("orgs", []) if o not in names]
    if names:
        labels = ", ".join(esc(_org_label(meeting, o, lang)) for o in names)
        bits.append(f' <span class="rt-sub">({labels})</span>')
    return "<li>" + "".join(bits) + "</li>"


def _org_label(meeting, org_id, lang):
    try:
        return meeting.org(org_id).label(lang)
    except KeyError:
        return org_id


def group_card(meeting, title, items, lang="en", show_org=False):
    """A card of items under a heading (an organisation's name, "Synergies", ...)."""
    lines = "".join(item_line(meeting, i, lang, show_org) for i in items)
    return f'<div class="rt"><div class="rt-card"><h2>{esc(title)}</h2><ul>{lines}</ul></div></div>'


def group_items(meeting, items, lang="en"):
    """Group items for display: one group per organisation in meeting order, then synergies,
    then items that belong to the whole room. Returns [(key, title, items, show_org)]."""
    from .i18n import pick, t

    by_org, synergies, room = {}, [], []
    for item in items:
        if item["kind"] == "synergy":
            synergies.append(item)
        elif item.get("org"):
            by_org.setdefault(item["org"], []).append(item)
        else:
            room.append(item)
    groups = []
    for org in meeting.organisations:
        if org.id in by_org:
            groups.append((f"org:{org.id}", pick(org.name, lang), by_org.pop(org.id), False))
    for org_id, rest in by_org.items():  # organisations no longer in the definition
        groups.append((f"org:{org_id}", org_id, rest, False))
    if synergies:
        groups.append(("synergies", t("head.synergies", lang), synergies, True))
    if room:
        groups.append(("room", t("head.room", lang), room, False))
    return groups
