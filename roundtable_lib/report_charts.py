"""Charts for the meeting report: pure functions from rows to a ``go.Figure``.

They never call ``.show()`` and never render anything; :mod:`roundtable_lib.exports` turns them
into PNG images (or leaves them out and says so when no browser can render them).
"""

import plotly.graph_objects as go

_FONT = dict(family="Noto Sans, Noto Sans Thai, Loma, Garuda, sans-serif", size=13)


def _layout(fig, title, height):
    fig.update_layout(title=dict(text=title), font=_FONT, height=height, margin=dict(l=20, r=20, t=60, b=40),
                      plot_bgcolor="white", paper_bgcolor="white")
    return fig


def _short(text, length=60):
    return text if len(text) <= length else text[: length - 1] + "…"


def vote_chart(title, rows):
    """Horizontal bars, best option on top. ``rows``: dicts with ``label``, ``score`` and ``tied``."""
    rows = list(rows)[::-1]
    fig = go.Figure(
        go.Bar(
            x=[r["score"] for r in rows],
            y=[_short(r["label"]) + (" (tie)" if r.get("tied") else "") for r in rows],
            orientation="h",
            marker_color=["#c77d12" if r.get("tied") else "#2b6cb0" for r in rows],
            text=[f"{r['score']:g}" for r in rows],
            textposition="auto",
        )
    )
    fig.update_yaxes(automargin=True)
    return _layout(fig, title, 120 + 45 * len(rows))


def items_by_org_chart(title, rows, kinds_order=()):
    """Stacked bars: how many items of each kind every organisation contributed.

    ``rows``: (organisation label, kind label) pairs, one per captured item.
    """
    orgs = list(dict.fromkeys(org for org, _ in rows))
    kinds = list(dict.fromkeys([*kinds_order, *(kind for _, kind in rows)]))
    fig = go.Figure()
    for kind in kinds:
        counts = [sum(1 for o, k in rows if o == org and k == kind) for org in orgs]
        if any(counts):
            fig.add_trace(go.Bar(name=kind, x=orgs, y=counts))
    fig.update_layout(barmode="stack")
    return _layout(fig, title, 420)


def capacity_heatmap(title, rows, colorbar_title="score", zmin=None):
    """Organisations (rows) by capacity areas (columns). ``rows``: (organisation, area, value)
    triples; a pair given twice adds up. Cells nobody scored stay empty."""
    orgs = list(dict.fromkeys(o for o, _, _ in rows))
    areas = list(dict.fromkeys(a for _, a, _ in rows))
    values = {}
    for org, area, value in rows:
        values[(org, area)] = values.get((org, area), 0) + value
    z = [[values.get((org, area)) for area in areas] for org in orgs]
    fig = go.Figure(
        go.Heatmap(
            z=z, x=[_short(a, 30) for a in areas], y=orgs, colorscale="YlOrRd", hoverongaps=False, zmin=zmin,
            colorbar=dict(title=dict(text=colorbar_title)),
            text=[["" if v is None else f"{v:g}" for v in row] for row in z], texttemplate="%{text}",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(automargin=True)
    return _layout(fig, title, 160 + 45 * len(orgs))
