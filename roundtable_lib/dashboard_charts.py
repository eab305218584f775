"""The synergies network: which organisations the room linked, as a plotly figure.

Pure functions from rows to a ``go.Figure``; nothing here shows anything. Only
``plotly.graph_objects`` is used (``plotly.express`` would import pandas into every dashboard
kernel that shows the chart).
"""

import math

import plotly.graph_objects as go

from .i18n import t
from .markup import esc
from .model import match_offers_asks

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
    a line per link (purple: synergy; green, dashed: an offer matching an ask), thicker when
    the pair is linked more than once."""
    orgs = list(meeting.organisations)
    n = max(len(orgs), 1)
    pos = {
        o.id: (math.cos(math.pi / 2 - 2 * math.pi * i / n), math.sin(math.pi / 2 - 2 * math.pi * i / n))
        for i, o in enumerate(orgs)
    }
    font = 22 if large else 13
    fig = go.Figure()
    for kind, color, dash in (("synergy", SYNERGY_COLOR, "solid"), ("match", MATCH_COLOR, "dash")):
        pairs = {}
        for a, b, k, _id in links:
            if k == kind and a in pos and b in pos:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
        name = t("kind.synergy" if kind == "synergy" else "dash.matches", lang)
        first = True
        for (a, b), count in sorted(pairs.items()):
            (x0, y0), (x1, y1) = pos[a], pos[b]
            fig.add_trace(
                go.Scatter(
                    x=[x0, x1],
                    y=[y0, y1],
                    mode="lines",
                    hoverinfo="skip",
                    name=esc(name),
                    legendgroup=kind,
                    showlegend=first,
                    line={"color": color, "width": 2 + 2 * count, "dash": dash},
                )
            )
            first = False
    degree = {o.id: 0 for o in orgs}
    for a, b, _k, _id in links:
        for o in (a, b):
            if o in degree:
                degree[o] += 1
    fig.add_trace(
        go.Scatter(
            x=[pos[o.id][0] for o in orgs],
            y=[pos[o.id][1] for o in orgs],
            mode="markers+text",
            text=[esc(o.label(lang)) for o in orgs],
            textposition="top center",
            hoverinfo="text",
            hovertext=[esc(o.name.get(lang) or o.name["en"]) for o in orgs],
            showlegend=False,
            marker={
                "size": [(26 if large else 16) + 4 * degree[o.id] for o in orgs],
                "color": ["#2b4a6b" if degree[o.id] else "#b8c4d0" for o in orgs],
            },
            textfont={"size": font},
        )
    )
    fig.update_layout(
        height=620 if large else 420,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"visible": False, "range": [-1.45, 1.45]},
        yaxis={"visible": False, "range": [-1.3, 1.35]},
        template="none",
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        font={"size": font},
        legend={"orientation": "h", "y": -0.02},
        # Thai labels need a font with Thai glyphs; the browser falls back through this list.
        font_family='"Noto Sans", "Noto Sans Thai", Loma, Garuda, sans-serif',
    )
    return fig
