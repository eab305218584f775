"""Charts: pure functions from rows to a ``plotly.graph_objects.Figure``. Nothing here calls ``.show()``.

The chairs' capacity view, the meeting report (as images) and the organisers' analysis notebook
draw them. Imports plotly and :mod:`roundtable_lib.meeting`; never pandas (the charts of
DataFrames use only the frames' own methods) and never the store.
"""

import plotly.graph_objects as go

from roundtable_lib.meeting.labels import t


def capacity_heatmap(rows, meeting=None, lang="en", illustrative=False):
    """Scores per organisation (rows of the heatmap) and capacity area (columns).

    ``rows`` are ``{"org", "area", "score"}`` dicts (see :mod:`roundtable_lib.meeting.assessment`). A
    missing score is a gap (``None``), never a zero. Organisations follow the meeting's order.
    """
    areas = list(dict.fromkeys(r["area"] for r in rows))
    orgs = list(dict.fromkeys(r["org"] for r in rows))
    if meeting is not None:
        order = {o: n for n, o in enumerate(meeting.org_ids)}
        orgs.sort(key=lambda o: order.get(o, len(order)))
    scores = {(r["org"], r["area"]): r["score"] for r in rows}
    z = [[scores.get((org, area)) for area in areas] for org in orgs]

    def label(org):
        if meeting is not None and org in meeting.org_ids:
            return meeting.org(org).label(lang)
        return org

    title = t("chart.capacity", lang) + (f" ({t('chart.illustrative', lang)})" if illustrative else "")
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=areas,
            y=[label(o) for o in orgs],
            zmin=1,
            zmax=5,
            colorscale="RdYlGn",
            texttemplate="%{z}",
            hoverongaps=False,
            colorbar={"title": {"text": t("chart.score", lang)}},
        )
    )
    fig.update_layout(
        title={"text": title}, yaxis={"autorange": "reversed"}, margin={"l": 120, "r": 20, "t": 60, "b": 80}
    )
    return fig


# Charts of the meeting report (roundtable_lib.outputs.chart_images turns them into images).

_FONT = dict(family="Noto Sans, Noto Sans Thai, Loma, Garuda, sans-serif", size=13)


def _layout(fig, title, height):
    fig.update_layout(
        title=dict(text=title),
        font=_FONT,
        height=height,
        margin=dict(l=20, r=20, t=60, b=40),
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
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


def count_heatmap(title, rows, colorbar_title="count", zmin=None):
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
            z=z,
            x=[_short(a, 30) for a in areas],
            y=orgs,
            colorscale="YlOrRd",
            hoverongaps=False,
            zmin=zmin,
            colorbar=dict(title=dict(text=colorbar_title)),
            text=[["" if v is None else f"{v:g}" for v in row] for row in z],
            texttemplate="%{text}",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(automargin=True)
    return _layout(fig, title, 160 + 45 * len(orgs))


# Charts of the organisers' analysis (notebooks/organisers_review.ipynb). They take the
# DataFrames of roundtable_lib.outputs.dataframes but use only their methods: this module never
# imports pandas.


def items_per_organisation(item_orgs, title="Items per organisation and kind", lang="en"):
    """Stacked bars from the ``item_orgs`` frame: every organisation's items, by kind (an item
    linking several organisations counts for each of them)."""
    from roundtable_lib.meeting.rules import KINDS

    rows = [(org, t("kind." + kind, lang)) for org, kind in zip(item_orgs["org_label"], item_orgs["kind"], strict=True)]
    return items_by_org_chart(title, rows, kinds_order=[t("kind." + k, lang) for k in KINDS])


def votes_chart(votes, title="Vote results"):
    """One panel of horizontal bars per poll in the ``votes`` frame (best option on top, ties
    marked), in the order the polls were held."""
    from plotly.subplots import make_subplots

    polls = list(dict.fromkeys(votes["poll_id"]))
    if not polls:
        return _layout(go.Figure(), f"{title}: no results revealed yet", 200)
    titles = [str(votes[votes["poll_id"] == p]["poll_title"].iloc[0]) for p in polls]
    sizes = [int((votes["poll_id"] == p).sum()) for p in polls]
    fig = make_subplots(
        rows=len(polls),
        cols=1,
        subplot_titles=[_short(x, 80) for x in titles],
        row_heights=sizes,
        vertical_spacing=0.08,
    )
    for n, poll in enumerate(polls, start=1):
        part = votes[votes["poll_id"] == poll].sort_values("rank", kind="stable")
        bars = vote_chart(
            "",
            [
                {"label": o, "score": round(s, 2), "tied": tied}
                for o, s, tied in part[["option_en", "score", "tied"]].itertuples(index=False)
            ],
        ).data[0]
        fig.add_trace(bars, row=n, col=1)
    fig.update_yaxes(automargin=True)
    fig.update_layout(showlegend=False)
    return _layout(fig, title, 120 + 45 * sum(sizes) + 60 * len(polls))


def needs_scores_chart(needs_scores, title="Needs captured against assessment scores"):
    """A bubble for every (score, number of needs) pair of the ``needs_against_scores`` frame:
    the bigger, the more organisation-area pairs share it; hovering lists them. Needs should
    gather where scores are low. The number on a bubble is how many pairs it stands for."""
    groups = {}
    for org, area, score, needs in needs_scores[["org_label", "area", "score", "needs"]].itertuples(index=False):
        groups.setdefault((float(score), int(needs)), []).append(f"{org}: {area}")
    points = sorted(groups.items())
    fig = go.Figure(
        go.Scatter(
            x=[score for (score, _), _ in points],
            y=[needs for (_, needs), _ in points],
            mode="markers+text",
            marker=dict(size=[14 + 6 * len(pairs) ** 0.5 for _, pairs in points], color="#2b6cb0", opacity=0.6),
            text=[str(len(pairs)) for _, pairs in points],
            textfont=dict(color="white"),
            hovertext=["<br>".join(pairs) for _, pairs in points],
            hoverinfo="text",
        )
    )
    top = max((needs for (_, needs), _ in points), default=1)
    fig.update_xaxes(title_text="assessment score (1 = weakest)", range=[0.5, 5.5], dtick=1)
    fig.update_yaxes(title_text="needs captured", range=[-0.6, top + 0.6], dtick=1, zeroline=False)
    return _layout(fig, title, 420)
