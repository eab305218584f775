"""The synergies network: which organisations the room linked, drawn as an SVG the page shows as is.

Pure functions from rows to a string; nothing here shows anything. It was a plotly figure: that
made a phone download plotly.js (1.45 MB gzipped, 4.8 MB to parse) for eight dots and a few
lines, and a first visit to this dashboard or the projector 2.9 MB (bench/RESULTS.md). The SVG
is a few KB, scales with the screen, and needs no JavaScript; every text in it is escaped.
"""

import math
from typing import NamedTuple

from roundtable_lib.display.html import esc
from roundtable_lib.meeting.labels import t
from roundtable_lib.meeting.rules import match_offers_asks
from roundtable_lib.meeting.scripts import css_fonts

SYNERGY_COLOR = "#4d2b84"
MATCH_COLOR = "#1e5b33"


def synergy_links(synergies, offers, asks):
    """Links between organisations, as a sorted tuple of (org_a, org_b, kind, item_id) with
    org_a < org_b: every pair named by a synergy, and every offer that matches an ask.
    Comparable between calls, so a dashboard redraws the chart only when a link changed."""
    links = set()
    for item in synergies:
        orgs = sorted(set(item.get("orgs") or []))
        for i, a in enumerate(orgs):
            for b in orgs[i + 1 :]:
                links.add((a, b, "synergy", item["id"]))
    for match in match_offers_asks([*offers, *asks]):
        offer, ask = match["offer"], match["ask"]
        if not (offer.get("org") and ask.get("org")):
            continue
        a, b = sorted((offer["org"], ask["org"]))
        links.add((a, b, "match", f"{offer['id']}:{ask['id']}"))
    return tuple(sorted(links))


def synergy_network(meeting, links, lang="en", large=False):
    """The organisations on a circle (meeting order, so positions never jump between redraws),
    a line per linked pair (purple: synergy; green, dashed: an offer matching an ask), thicker
    when the pair is linked more than once; an organisation's dot grows with its links. SVG text."""
    orgs = list(meeting.organisations)
    width, height, font = (900, 640, 26) if large else (480, 400, 17)
    place = _placement(orgs, links, lang, width, height, font, large)
    scale = font / 15
    styles = {
        "synergy": (SYNERGY_COLOR, ""),
        "match": (MATCH_COLOR, f' stroke-dasharray="{8 * scale:g} {6 * scale:g}"'),
    }
    parts = [
        f'<svg class="rt-network" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{esc(t("dash.synergies", lang))}" xmlns="http://www.w3.org/2000/svg" '
        'font-family="' + css_fonts(quote="'") + '">',
        *_link_lines(links, place.pos, styles, scale),
        *_org_nodes(orgs, place, lang, font),
        *_legend(styles, lang, height, font, scale),
        "</svg>",
    ]
    return "".join(parts)


class _Placement(NamedTuple):
    """Where each organisation's dot and label go, by organisation id."""

    pos: dict  # (x, y) of the dot's centre
    label_at: dict  # (x, y, text-anchor, dominant-baseline) of the label
    dot: dict  # the dot's radius
    degree: dict  # how many links the organisation has


def _placement(orgs, links, lang, width, height, font, large):
    """The dots on a circle as large as the labels beside it allow; each label outside its dot,
    away from the lines."""
    n = max(len(orgs), 1)
    legend = 3.2 * font  # two lines along the bottom
    cx, cy = width / 2, (height - legend) / 2
    directions = [
        (math.cos(math.pi / 2 - 2 * math.pi * i / n), -math.sin(math.pi / 2 - 2 * math.pi * i / n)) for i in range(n)
    ]
    # Labels sit outside the circle, away from the lines: the circle is as large as the longest
    # label beside it allows (a label ~0.55 em per character).
    degree = {o.id: 0 for o in orgs}
    for a, b, _k, _id in links:
        for o in (a, b):
            if o in degree:
                degree[o] += 1
    dot = {o.id: ((8 if not large else 13) + 2 * degree[o.id]) * (1 if not large else 1.2) for o in orgs}
    gap = {o.id: dot[o.id] + 0.35 * font for o in orgs}  # from a dot's centre to its label
    radius = min(width, height - legend) / 2 - 1.4 * font
    for o, (dx, dy) in zip(orgs, directions, strict=False):
        if abs(dx) > 0.3:  # a label beside its dot: its length
            room = width / 2 - 0.3 * font - 0.55 * font * len(o.label(lang))
            radius = min(radius, room / abs(dx) - gap[o.id])
        if abs(dy) > 0.3:  # above or below: one line of text (Thai marks stand tall), not the legend
            radius = min(radius, (cy - 1.5 * font) / abs(dy) - gap[o.id])
    radius = max(radius, 0.22 * width)
    pos, label_at = {}, {}
    for o, (dx, dy) in zip(orgs, directions, strict=False):
        pos[o.id] = (round(cx + radius * dx, 1), round(cy + radius * dy, 1))
        anchor = "start" if dx > 0.3 else "end" if dx < -0.3 else "middle"
        baseline = "auto" if dy < -0.3 else "hanging" if dy > 0.3 else "central"
        x, y = cx + (radius + gap[o.id]) * dx, cy + (radius + gap[o.id]) * dy
        label_at[o.id] = (round(x, 1), round(y, 1), anchor, baseline)
    return _Placement(pos, label_at, dot, degree)


def _link_lines(links, pos, styles, scale):
    """One line per linked pair and kind, thicker the more links the pair has of that kind."""
    lines = []
    for kind, (color, dash) in styles.items():
        pairs = {}
        for a, b, k, _id in links:
            if k == kind and a in pos and b in pos:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
        for (a, b), count in sorted(pairs.items()):
            (x0, y0), (x1, y1) = pos[a], pos[b]
            lines.append(
                f'<line class="rt-link rt-{kind}" x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="{color}" '
                f'stroke-width="{(2 + 2 * count) * scale:g}" stroke-linecap="round"{dash}/>'
            )
    return lines


def _org_nodes(orgs, place, lang, font):
    """Each organisation's dot (grey when nothing links it) and label, its full name on hover."""
    nodes = []
    for o in orgs:
        x, y = place.pos[o.id]
        r = place.dot[o.id]
        fill = "#2b4a6b" if place.degree[o.id] else "#b8c4d0"
        lx, ly, anchor, baseline = place.label_at[o.id]
        nodes.append(
            f'<g class="rt-node"><title>{esc(o.name.get(lang) or o.name["en"])}</title>'
            f'<circle cx="{x}" cy="{y}" r="{r:g}" fill="{fill}"/>'
            f'<text x="{lx}" y="{ly}" text-anchor="{anchor}" dominant-baseline="{baseline}" font-size="{font}" '
            f'fill="#1a202c">{esc(o.label(lang))}</text></g>'
        )
    return nodes


def _legend(styles, lang, height, font, scale):
    """Along the bottom, one line per kind: what a line of each kind means."""
    parts = []
    x, y = 0.5 * font, height - 1.9 * font
    for kind, (color, dash) in styles.items():
        name = esc(t("kind.synergy" if kind == "synergy" else "dash.matches", lang))
        parts.append(
            f'<line x1="{x:g}" y1="{y - 0.35 * font:g}" x2="{x + 2 * font:g}" y2="{y - 0.35 * font:g}" '
            f'stroke="{color}" stroke-width="{4 * scale:g}"{dash}/>'
            f'<text x="{x + 2.5 * font:g}" y="{y:g}" font-size="{font * 0.9:g}" fill="#1a202c">{name}</text>'
        )
        y += 1.4 * font
    return parts
