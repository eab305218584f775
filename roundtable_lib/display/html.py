"""The HTML of stored items that both the chairs' screens and the dashboards draw, escaped.

Strings for ipywidgets' ``HTML`` widgets: a session's header, cards and lists of captured items,
the timer, a poll's results, the capacity heatmap, the training plan, the landing page and the
links between dashboards, with the CSS they share (:data:`STYLE`, :data:`PROJECTOR_STYLE`).

ipywidgets' ``HTML`` and ``Label``-with-HTML widgets set ``innerHTML`` as it is: a captured
``<img src=x onerror=...>`` would run in every participant's browser. Every piece of stored
text goes through :func:`esc` before it becomes part of a widget's HTML value.

Pure: imports only the standard library and :mod:`roundtable_lib.meeting`, never ipywidgets.
"""

import datetime as dt
import html as _html
from urllib.parse import urlencode

from roundtable_lib.display.languages import in_language, item_text_lang, label_lang
from roundtable_lib.meeting.clock import format_date, format_seconds, timer_status
from roundtable_lib.meeting.labels import LABELS, count, pick, score_text, t
from roundtable_lib.meeting.languages import script_language
from roundtable_lib.meeting.scripts import script_runs


def esc(value):
    """Escape text for HTML element content and attribute values (quotes included)."""
    if value is None:
        return ""
    return _html.escape(str(value), quote=True).replace("\n", "<br>")


def item_html(item, lang="en"):
    """An item's text in ``lang`` (or the language it was captured in), escaped, and marked with
    its language when that is not the page's: a screen reader then reads it with the right voice."""
    text, text_lang = item_text_lang(item, lang)
    return in_language(esc(text), text_lang, lang)


def text_html(text, page_lang="en"):
    """Text whose language nothing records (a document's line), escaped, each run in a script
    that only one of the meeting's languages writes (Thai) marked with that language on a page
    in another: ``"Day off / <span lang="th">วันหยุด</span>"``."""
    return "".join(in_language(esc(piece), script_language(script), page_lang) for script, piece in script_runs(text))


def label_html(labels, lang="en"):
    """A meeting label ``{"en": ..., "th": ...}`` in ``lang``, escaped, marked with its language
    when it fell back to English on a page in another."""
    return in_language(esc(pick(labels, lang)), label_lang(labels, lang), lang)


# The workbook's look, shared by the chairs' screens and the dashboards (STYLE gains the
# dashboards' own rules below). Plain CSS, no web fonts, nothing from a CDN: the venue has no
# internet. Thai needs a font with Thai glyphs (Debian: fonts-thai-tlwg).
STYLE = """
<style>
.rt { font-family: "Noto Sans", "Noto Sans Thai", "Noto Sans Devanagari", "Noto Sans Arabic", "Noto Sans Ethiopic",
      "Loma", "Garuda", "Leelawadee UI", "Nirmala UI", "Segoe UI", "Tahoma", sans-serif; color: #1d2733;
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


# Icons drawn as inline SVG in the text's colour: a venue laptop may have no emoji font, and a
# lock drawn from one shows as an empty box. Paths on a 16x16 grid; nothing typed reaches them.
_ICON_PATHS = {
    "lock": '<rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor"/>'
    '<path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.8"/>',
}


def icon(name, label=""):
    """A small icon (``"lock"``) as inline SVG the size of the text around it; ``label`` is what
    a screen reader says (nothing when the words beside it say it already)."""
    spoken = f'role="img" aria-label="{esc(label)}"' if label else 'aria-hidden="true"'
    return (
        f'<svg class="rt-icon rt-icon-{esc(name)}" viewBox="0 0 16 16" width="1em" height="1em" {spoken} '
        f'style="vertical-align: -0.125em; display: inline-block">{_ICON_PATHS[name]}</svg>'
    )


def kind_badge(kind, lang="en"):
    return f'<span class="rt-kind rt-kind-{esc(kind)}">{esc(t("kind." + kind, lang))}</span>'


def session_header(meeting, session_id, lang="en", demo=False, extra=""):
    """Title, chair and purpose of an agenda item, escaped."""
    session = meeting.session(session_id)
    chair = meeting.org(session.chair)
    parts = [
        f'<div class="rt"><div class="rt-sub">{label_html(meeting.short_title, lang)} · '
        f"{esc(format_date(meeting.date, lang))}</div>",
        f"<h1>{label_html(session.title, lang)}</h1>",
        f'<div class="rt-sub">{esc(t("head.chair", lang))}: {label_html(chair.name, lang)}</div>',
    ]
    if demo:
        parts.append(f'<div class="rt-demo">{esc(t("head.demo", lang))}</div>')
    parts.append(extra)
    parts.append("</div>")
    return "".join(parts)


def item_line(meeting, item, lang="en", show_org=False):
    """One captured item as a list entry: kind badge, text, and the organisations it links."""
    bits = [kind_badge(item["kind"], lang), item_html(item, lang)]
    topic = item.get("attrs", {}).get("topic")
    if topic:
        bits.insert(1, f"<b>{text_html(topic, lang)}</b>: ")  # typed: its script says if it is Thai
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


# ----------------------------------------------------------------- the participants' dashboards

DASHBOARD_STYLE = """
<style>
.rt nav.rt-nav { display: flex; flex-wrap: wrap; gap: 0.3em 0.9em; font-size: 0.9em; margin: 0 0 0.4em; }
.rt nav.rt-nav a { color: #2b4a6b; text-decoration: none; border-bottom: 2px solid transparent; }
.rt nav.rt-nav a.rt-here { border-bottom-color: #2b4a6b; font-weight: 600; }
.rt .rt-timer { font-size: 1.3em; font-weight: 600; background: #e8eef5; padding: 0.2em 0.6em; border-radius: 6px;
                display: inline-block; margin: 0.2em 0; }
.rt .rt-timer.rt-over { background: #fde8e4; color: #8a2d1c; }
.rt .rt-rank { display: inline-block; min-width: 2.2em; font-weight: 700; color: #2b4a6b; }
.rt .rt-score { color: #51606f; font-size: 0.85em; white-space: nowrap; }
.rt table.rt-heat { border-collapse: collapse; font-size: 0.85em; }
.rt table.rt-heat th, .rt table.rt-heat td { border: 1px solid #d5dde5; padding: 0.25em 0.45em; text-align: center; }
.rt table.rt-heat th { background: #f3f6f9; font-weight: 600; }
.rt table.rt-heat th, .rt table.rt-heat td { overflow-wrap: normal; word-break: normal; hyphens: auto; }
.rt table.rt-heat tr > th:first-child { white-space: nowrap; text-align: left; }
.rt .rt-scroll { overflow-x: auto; max-width: 100%; }
.rt .rt-scroll:focus-visible { outline: 2px solid #2b4a6b; outline-offset: 2px; }
.widget-html .widget-html-content { min-width: 0; flex: 1 1 auto; }
.rt .rt-landing { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-start; }
.rt .rt-landing ul { list-style: none; padding: 0; font-size: 1.15em; }
.rt .rt-landing li { margin: 0.45em 0; }
.rt .rt-landing a { color: #2b4a6b; text-decoration: none; }
.rt .rt-qr svg { width: 100%; max-width: 320px; height: auto; }
.widget-box.rt-side { display: grid !important; grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr); gap: 1em;
                      width: 100%; }
@media (max-width: 760px) { .widget-box.rt-side { grid-template-columns: minmax(0, 1fr); } }
</style>
"""

# Large type for the projector: everything in the dashboards is sized in em from .rt. The QR
# code takes almost half the screen's height, so the back row can scan it off the wall.
PROJECTOR_STYLE = """
<style>
.rt-projector .rt { font-size: 30px; }
.rt-projector .rt nav.rt-nav { display: none; }
.rt-projector .rt .rt-qr svg { width: auto; height: 46vh; max-width: none; }
.rt-projector .rt-screen { height: calc(100vh - 3em); overflow: hidden; }
</style>
"""


def projector_style(seconds):
    """:data:`PROJECTOR_STYLE`, and a page taller than the screen moving up slowly while it is
    shown for ``seconds``: still for the first and last sixth of the time, so the room reads its
    top and its bottom (the later organisations, the last matches). A page that fits stays put:
    the shift is never below zero. The animation starts afresh each time the page comes back."""
    return (
        PROJECTOR_STYLE
        + f"""
<style>
@keyframes rt-page-through {{
  0%, 16% {{ transform: translateY(0); }}
  84%, 100% {{ transform: translateY(min(0px, calc(100vh - 3em - 100%))); }}
}}
.rt-projector .rt-screen > .rt-dashboard {{ flex: none; animation: rt-page-through {int(seconds)}s ease-in-out both; }}
</style>
"""
    )


STYLE = STYLE + DASHBOARD_STYLE

NAV_PAGES = ("index", "live", "synergies", "recommendations", "capacity", "summary")
# Font Awesome 5 icons: Voila's own bundle serves the font locally (see the roundtable template).
ICONS = {
    "index": "fa-home",
    "live": "fa-bolt",
    "synergies": "fa-project-diagram",
    "recommendations": "fa-list-ol",
    "capacity": "fa-th",
    "summary": "fa-calendar-day",
}


def page_link(name, lang="en", view=""):
    """A dashboard's address relative to another's (``/voila/render/``): the token is in a cookie."""
    query = {"lang": lang} if lang != "en" else {}
    if view:
        query["view"] = view
    return f"{name}.ipynb" + (f"?{urlencode(query)}" if query else "")


def nav(here, lang="en"):
    """Links between the dashboards, in the same language, plus the other language."""
    here_class = ' class="rt-here"'
    links = [
        f'<a href="{esc(page_link(name, lang))}"{here_class if name == here else ""}>{esc(t("dash." + name, lang))}</a>'
        for name in NAV_PAGES
    ]
    other = "th" if lang == "en" else "en"
    # The other language's name is written in it: said in its own voice.
    links.append(
        f'<a href="{esc(page_link(here, other))}" hreflang="{other}">'
        f"{in_language(esc(t('dash.other_lang', lang)), other, lang)}</a>"
    )
    return f'<div class="rt"><nav class="rt-nav">{"".join(links)}</nav></div>'


def title(text):
    return f'<div class="rt"><h1>{esc(text)}</h1></div>'


def empty(text):
    return f'<div class="rt"><p class="rt-empty">{esc(text)}</p></div>'


def latest_card(meeting, items, lang="en"):
    return group_card(meeting, t("dash.latest", lang), items, lang, show_org=True)


def timer(meeting, state, current_session, lang="en", now=None):
    """The chair's presentation timer for the room: "Time left 04:32" or "Over time by 01:10",
    with "(paused)" while the chair has paused it. The time is the one the chair's screen shows
    (both count with :func:`roundtable_lib.meeting.clock.timer_status`). "" when no timer is set
    for this session: the state comes from another notebook, and anything missing or malformed
    shows nothing."""
    status = timer_status(state, now or dt.datetime.now(dt.UTC))
    if status["level"] == "idle" or status["session"] not in (None, current_session):
        return ""
    over = status["remaining"] < 0
    label = t("dash.timer_over" if over else "dash.timer_left", lang)
    paused = "" if status["running"] else f" ({esc(t('timer.paused', lang))})"
    who = ""
    if status["org"]:
        try:
            who = f" · {label_html(meeting.org(status['org']).name, lang)}"
        except (KeyError, TypeError):
            who = ""
    classes = "rt-timer" + (" rt-over" if over else "") + ("" if status["running"] else " rt-paused")
    return (
        f'<div class="rt"><span class="{classes}">{esc(label)} {format_seconds(abs(status["remaining"]))}'
        f'{paused}</span><span class="rt-sub">{who}</span></div>'
    )


def _option_html(row, items, lang):
    item = items.get(row.get("item_id")) if row.get("item_id") else None
    if row.get("item_id") and item is None:
        return None  # an item the room may not see (sensitive, deleted): never its label
    if item is not None:
        return item_html(item, lang)
    return _bilingual_html(row, "label", lang)


def _bilingual_html(row, field, lang):
    first, second = ("th", "en") if lang == "th" else ("en", "th")
    text_lang = first if row.get(f"{field}_{first}") else second
    return in_language(esc(row.get(f"{field}_{text_lang}") or ""), text_lang, lang)


def results_card(results, items, lang="en"):
    """A revealed poll's ranking: rank, text (the item's current text), votes."""
    poll = results["poll"]
    heading = _bilingual_html(poll, "title", lang)
    lines = []
    for row in results["results"]:
        text = _option_html(row, items, lang)
        if text is None:
            continue
        if poll.get("method") == "scale":
            score = t("score.mean", lang).format(score=score_text(row["score"]))
        else:  # dots, single choice, hands: the score is a number of votes ("1 vote", "2 votes")
            votes = float(row["score"])
            score = count(int(votes) if votes.is_integer() else score_text(votes), "count.vote", lang)
        tied = f" · {esc(t('dash.tied', lang))}" if row.get("tied") else ""
        lines.append(
            f'<li><span class="rt-rank">#{row["rank"]}</span> {text} '
            f'<span class="rt-score">({esc(score)}{tied})</span></li>'
        )
    voters = f" · {esc(count(results['voters'], 'count.voter', lang))}" if results.get("voters") else ""
    return (
        f'<div class="rt"><div class="rt-card"><h2>{esc(t("dash.results", lang))}: {heading}'
        f'<span class="rt-sub">{voters}</span></h2><ol style="list-style:none;padding-left:0">{"".join(lines)}</ol>'
        f"</div></div>"
    )


def plain_list(meeting, heading, items, lang="en", note="", show_org=False):
    """A card of items under a heading; with none, it says so instead of standing empty."""
    lines = "".join(item_line(meeting, i, lang, show_org) for i in items)
    note = f'<p class="rt-sub">{esc(note)}</p>' if note else ""
    body = f"<ul>{lines}</ul>" if lines else f'<p class="rt-empty">{esc(t("dash.none_yet", lang))}</p>'
    return f'<div class="rt"><div class="rt-card"><h2>{esc(heading)}</h2>{note}{body}</div></div>'


def synergy_list(meeting, synergies, matches, lang="en"):
    """The synergies and the offers matching asks, as the list beside the network."""
    parts = [f'<div class="rt"><div class="rt-card"><h2>{esc(t("dash.synergies", lang))}</h2>']
    if synergies:
        parts.append("<ul>" + "".join(item_line(meeting, i, lang, show_org=True) for i in synergies) + "</ul>")
    else:
        parts.append(f'<p class="rt-empty">{esc(t("dash.network_empty", lang))}</p>')
    if matches:
        parts.append(f"<h2>{esc(t('dash.matches', lang))}</h2><ul>")
        for offer, ask in matches:
            parts.append(
                f"<li><b>{text_html(offer['attrs'].get('topic', ''), lang)}</b>: "
                f"{esc(_org_label(meeting, offer['org'], lang))} "
                f"{esc(t('dash.offers', lang))} → {esc(_org_label(meeting, ask['org'], lang))}"
                f'<br><span class="rt-sub">{item_html(offer, lang)} / {item_html(ask, lang)}</span></li>'
            )
        parts.append("</ul>")
    parts.append("</div></div>")
    return "".join(parts)


def heatmap(meeting, cells, lang="en", title=None, note="", scale=None):
    """Organisations by capacity area, cells shaded by value: a count of needs (from 0 to the
    largest), or a score on its ``scale`` (low, high), so a 3 of 5 looks middling even when no
    organisation scored higher."""
    name = esc(title or t("dash.heatmap", lang))
    heading = f"<h2>{name}</h2>"
    if note:
        heading += f'<p class="rt-sub">{esc(note)}</p>'
    if not cells:
        nothing = f'<p class="rt-empty">{esc(t("dash.none_yet", lang))}</p>'
        return f'<div class="rt"><div class="rt-card">{heading}{nothing}</div></div>'
    areas = list(dict.fromkeys(a for _o, a in cells))  # as the file lists them, like the chair's chart
    orgs = meeting.in_order(o for o, _a in cells)
    low, high = scale or (0, max(cells.values()) or 1)
    head = "".join(f"<th>{esc(a)}</th>" for a in areas)
    rows = []
    for org in orgs:
        tds = []
        for area in areas:
            value = cells.get((org, area))
            if value is None:
                tds.append("<td></td>")
                continue
            alpha = 0.15 + 0.75 * max(0, min(1, (value - low) / ((high - low) or 1)))
            shown = score_text(value)  # as the tables write it: 3, 3.33
            color = "#fff" if alpha > 0.55 else "#1d2733"
            tds.append(f'<td style="background: rgba(43,74,107,{alpha:.2f}); color: {color}">{esc(shown)}</td>')
        rows.append(f"<tr><th>{esc(_org_label(meeting, org, lang))}</th>{''.join(tds)}</tr>")
    return (
        # A table wider than a phone scrolls sideways: a region a keyboard can reach and a screen
        # reader can name (WCAG 2.1.1), not only a finger.
        f'<div class="rt"><div class="rt-card">{heading}<div class="rt-scroll" tabindex="0" role="region" '
        f'aria-label="{name}"><table class="rt-heat">'
        f"<tr><th></th>{head}</tr>{''.join(rows)}</table></div></div></div>"
    )


def training_plan(meeting, trainings, lang="en"):
    """Training-plan entries, agreed ones first: what, for whom, how, by whom, when."""
    rank = {"done": 0, "scheduled": 1, "agreed": 2, "proposed": 3}
    trainings = sorted(trainings, key=lambda i: rank.get((i.get("attrs") or {}).get("status"), 9))
    lines = []
    for item in trainings:
        attrs = item.get("attrs") or {}
        status = attrs.get("status", "")
        status_label = _label_or_text(f"status.{status}", status, lang)
        badge = "plan" if status != "proposed" else "training"
        targets = ", ".join(_org_label(meeting, o, lang) for o in item.get("orgs", []))
        how = _label_or_text(f"format.{attrs.get('format', '')}", attrs.get("format", ""), lang)
        details = " · ".join(str(x) for x in (how, attrs.get("provider"), attrs.get("timing")) if x)
        lines.append(
            f'<li><span class="rt-kind rt-kind-{badge}">{esc(status_label)}</span>'
            f"<b>{item_html(item, lang)}</b>"
            f'<br><span class="rt-sub">{esc(targets)}{" — " if targets and details else ""}{esc(details)}</span></li>'
        )
    body = f"<ul>{''.join(lines)}</ul>" if lines else f'<p class="rt-empty">{esc(t("dash.none_yet", lang))}</p>'
    return f'<div class="rt"><div class="rt-card"><h2>{esc(t("dash.training_plan", lang))}</h2>{body}</div></div>'


def _label_or_text(key, text, lang):
    """A stored code in words (``"exchange_visit"`` -> "Exchange visit" / "การศึกษาดูงาน"); a code
    the labels do not know is shown as it was stored."""
    return t(key, lang) if key in LABELS else (text or "").replace("_", " ")


def session_summary(meeting, agenda_item, summaries, counts, lang="en", now=False):
    """One session of the day: title, the chair's summary, and how much was captured."""
    chair = _org_label(meeting, agenda_item.chair, lang) if agenda_item.chair else ""
    text = "".join(f"<p>{item_html(s, lang)}</p>" for s in summaries)
    tally = " · ".join(f"{n} {esc(t('kind.' + k, lang))}" for k, n in sorted(counts.items()))
    here = f' <span class="rt-kind rt-kind-plan">{esc(t("dash.live", lang))}</span>' if now else ""
    return (
        f'<div class="rt"><div class="rt-card"><h2>{label_html(agenda_item.title, lang)}{here}</h2>'
        f'<div class="rt-sub">{esc(t("head.chair", lang))}: {esc(chair)}</div>{text}'
        f'<div class="rt-sub">{tally or esc(t("dash.none_yet", lang))}</div></div></div>'
    )


def landing(meeting, lang="en", qr="", demo=False):
    """The landing page: what the dashboards are, links to each, and the QR code to scan.
    ``qr`` is SVG made by segno from the address (path data only, never text)."""

    def link(href, icon, label, label_lang=lang):
        return (
            f'<li><a href="{esc(href)}"><i class="fa fa-fw {icon}" aria-hidden="true"></i> '
            f"{in_language(esc(label), label_lang, lang)}</a></li>"
        )

    other = "th" if lang == "en" else "en"

    links = "".join(link(page_link(name, lang), ICONS[name], t("dash." + name, lang)) for name in NAV_PAGES[1:])
    links += link(page_link("index", other), "fa-language", t("dash.other_lang", lang), other)
    links += link(page_link("live", lang, "projector"), "fa-tv", t("dash.projector", lang))
    demo_note = f'<div class="rt-demo">{esc(t("head.demo", lang))}</div>' if demo else ""
    qr_block = f'<div class="rt-qr"><p>{esc(t("dash.scan", lang))}</p>{qr}</div>' if qr else ""
    when = f"{esc(meeting.date.isoformat())} · {label_html(meeting.venue, lang)}"
    return (
        f'<div class="rt"><div class="rt-sub">{when}</div><h1>{label_html(meeting.title, lang)}</h1>{demo_note}'
        f'<div class="rt-landing"><div><h2>{esc(t("dash.index", lang))}</h2><ul>{links}</ul></div>'
        f"{qr_block}</div></div>"
    )
