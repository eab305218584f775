"""Charts: pure functions from rows to a ``plotly.graph_objects.Figure``. Nothing here calls ``.show()``.

The chairs' capacity view, the meeting report (as images) and the organisers' analysis notebook
draw them. Imports plotly and :mod:`roundtable_lib.meeting`; never pandas (the charts of
DataFrames use only the frames' own methods) and never the store.

Every chart fits what it draws: labels are wrapped onto lines, never cut, and the figure grows
to hold them; a 1-5 score is drawn on a 1-5 scale; whole counts get whole-number ticks; values
are rounded and written as the tables write them ("4.67", by the one rule of
:func:`~roundtable_lib.meeting.labels.score_text`). A figure has one title for screens; the
documents draw it without (:mod:`roundtable_lib.outputs.chart_images`), since their caption
names it.
"""

import unicodedata

import plotly.graph_objects as go

from roundtable_lib.meeting.labels import round_score, score_text, t
from roundtable_lib.meeting.rules import SCALE
from roundtable_lib.meeting.scripts import css_fonts

BAR_LABEL_WIDTH = 36  # characters on one line of a bar's label (about a third of the chart)
# A chart is drawn about 800 pixels wide (the documents' images; a notebook's cell is wider):
# about 84 characters of column labels fit side by side, at most 18 on one line of one label.
COLUMN_CHARACTERS, COLUMN_LABEL_WIDTH = 84, 18
_LINE_PX = 19  # the height of one line of label text at the charts' font size
# Thai vowels that never start a line (they follow their consonant) and that never end one
# (they are written before the consonant they belong to).
_NO_LINE_START = set("ะาำๅๆ")
_NO_LINE_END = set("เแโใไ")


def _breakable(text, i):
    """Whether a line may break before ``text[i]`` (never inside a Thai syllable's marks)."""
    char, before = text[i], text[i - 1]
    return not (unicodedata.category(char) in ("Mn", "Mc") or char in _NO_LINE_START or before in _NO_LINE_END)


def _width(text):
    """How many characters wide ``text`` looks: Thai marks above and below take no room."""
    return sum(1 for c in text if unicodedata.category(c) not in ("Mn", "Mc"))


def _split_long(word, width):
    """A word wider than a line (Thai is written without spaces between words) in pieces of
    even length, so no line is left with one letter."""
    count = -(-_width(word) // width)
    target = -(-_width(word) // count)
    pieces, start = [], 0
    for i in range(1, len(word)):
        if _width(word[start:i]) >= target and _breakable(word, i):
            pieces.append(word[start:i])
            start = i
    return [*pieces, word[start:]]


def wrap_lines(text, width):
    """``text`` as lines of at most about ``width`` characters, broken between words; nothing is
    dropped. A word longer than a line is broken where Thai allows."""
    lines, line = [], ""
    # A zero-width space is where Thai text may be broken between words (typed or inserted).
    for word in " ".join(str(text or "").replace("\u200b", " ").split()).split(" "):
        for piece in _split_long(word, width) if _width(word) > width else [word]:
            if line and _width(line) + 1 + _width(piece) > width:
                lines.append(line)
                line = piece
            else:
                line = f"{line} {piece}" if line else piece
    return [*lines, line] if line or not lines else lines


def wrap(text, width=BAR_LABEL_WIDTH):
    """A label for plotly, wrapped with ``<br>``; a ``<`` or ``>`` of its own stays text (plotly
    would take "<b" for markup)."""
    return "<br>".join(line.replace("<", "&lt;").replace(">", "&gt;") for line in wrap_lines(text, width))


def _column_labels(names):
    """Labels of columns side by side, each wrapped to its share of the width: "Monitoring
    and<br>evaluation" under a heatmap column, never running into its neighbour's."""
    width = max(6, min(COLUMN_LABEL_WIDTH, COLUMN_CHARACTERS // max(len(names), 1)))
    return [wrap(name, width) for name in names]


def _lines(label):
    return label.count("<br>") + 1


def whole_number_axis(top):
    """Axis settings for counts from 0 to ``top``: whole-number ticks only (never 1.2, 1.4),
    about five to ten of them."""
    top = max(int(top or 0), 1)
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000) if top / s <= 10)
    if top > 10000:
        step = 10 ** (len(str(top)) - 1)
    return dict(tick0=0, dtick=step, tickformat=",d", rangemode="tozero")


def _layout(fig, title, height):
    fig.update_layout(
        title=dict(text=title) if title else None,
        font=_FONT,
        height=height,
        margin=dict(l=20, r=20, t=60 if title else 20, b=40),
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
    return fig


_FONT = dict(family=css_fonts(quote=""), size=13)  # every script a meeting may type in


def capacity_heatmap(rows, meeting=None, lang="en", illustrative=False):
    """Scores per organisation (rows of the heatmap) and capacity area (columns), on the
    assessment's 1-5 scale.

    ``rows`` are ``{"org", "area", "score"}`` dicts (see :mod:`roundtable_lib.meeting.assessment`). A
    missing score is a gap (``None``), never a zero. Organisations follow the meeting's order.
    """
    areas = list(dict.fromkeys(r["area"] for r in rows))
    orgs = list(dict.fromkeys(r["org"] for r in rows))
    if meeting is not None:
        orgs = meeting.in_order(orgs)
    scores = {(r["org"], r["area"]): r["score"] for r in rows}
    z = [[scores.get((org, area)) for area in areas] for org in orgs]

    def label(org):
        if meeting is not None and org in meeting.org_ids:
            return meeting.org(org).label(lang)
        return org

    low, high = SCALE
    columns = _column_labels(areas)
    title = t("chart.capacity", lang) + (f" ({t('chart.illustrative', lang)})" if illustrative else "")
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=[wrap(label(o), BAR_LABEL_WIDTH) for o in orgs],
            zmin=low,
            zmax=high,
            colorscale="RdYlGn",
            text=[[score_text(v) for v in row] for row in z],
            texttemplate="%{text}",
            hoverongaps=False,
            colorbar={"title": {"text": t("chart.score", lang)}, "tickvals": list(range(low, high + 1))},
        )
    )
    fig.update_xaxes(tickangle=0, automargin=True)
    fig.update_yaxes(autorange="reversed", automargin=True)
    head = max((_lines(c) for c in columns), default=1)
    return _layout(fig, title, 120 + 60 * len(orgs) + _LINE_PX * head)


# Charts of the meeting report (roundtable_lib.outputs.chart_images turns them into images).


def vote_chart(title, rows, method=None, lang="en"):
    """Horizontal bars, best option on top. ``rows``: dicts with ``label``, ``score`` and ``tied``.

    ``method`` is the poll's: a "scale" poll's mean scores are drawn on the 1-5 scale; every
    other poll counts dots, ballots or hands, drawn from 0 with whole-number ticks."""
    rows = list(rows)[::-1]
    tie = t("poll.tie", lang)
    labels = [wrap(r["label"]) + (f" ({tie})" if r.get("tied") else "") for r in rows]
    fig = go.Figure(
        go.Bar(
            x=[None if r["score"] is None else round_score(r["score"]) for r in rows],
            y=labels,
            orientation="h",
            marker_color=["#c77d12" if r.get("tied") else "#2b6cb0" for r in rows],
            text=[score_text(r["score"]) for r in rows],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    top = max((r["score"] or 0 for r in rows), default=0)
    if method == "scale":
        low, high = SCALE
        # The bars start at the scale's foot, as the scores do: a mean of 2 is one step up from 1.
        fig.update_xaxes(range=[low, high], dtick=1, tick0=low)
    else:
        fig.update_xaxes(range=[0, max(top, 1) * 1.08], **whole_number_axis(top))
    fig.update_yaxes(automargin=True)
    fig.update_xaxes(automargin=True, showgrid=True, gridcolor="#e2e8f0")
    height = 70 + sum(max(42, _LINE_PX * _lines(label) + 16) for label in labels)
    _layout(fig, title, height + (60 if title else 20))
    fig.update_layout(margin_r=60)  # room for the value written beyond the longest bar
    return fig


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
            fig.add_trace(go.Bar(name=kind, x=_column_labels(orgs), y=counts))
    top = max((sum(1 for o, _ in rows if o == org) for org in orgs), default=0)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(**whole_number_axis(top), gridcolor="#e2e8f0")
    fig.update_xaxes(tickangle=0, automargin=True)
    return _layout(fig, title, 420)


def count_heatmap(title, rows, colorbar_title="count", zmin=None):
    """Organisations (rows) by capacity areas (columns). ``rows``: (organisation, area, value)
    triples; a pair given twice adds up. Cells nobody scored stay empty. The values are whole
    counts, so the colour scale has whole-number ticks."""
    orgs = list(dict.fromkeys(o for o, _, _ in rows))
    areas = list(dict.fromkeys(a for _, a, _ in rows))
    values = {}
    for org, area, value in rows:
        values[(org, area)] = values.get((org, area), 0) + value
    z = [[values.get((org, area)) for area in areas] for org in orgs]
    top = max(values.values(), default=1)
    axis = whole_number_axis(top)
    columns = _column_labels(areas)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=[wrap(o, BAR_LABEL_WIDTH) for o in orgs],
            colorscale="YlOrRd",
            hoverongaps=False,
            zmin=zmin,
            zmax=max(top, (zmin or 0) + 1),
            colorbar=dict(title=dict(text=colorbar_title), tick0=0, dtick=axis["dtick"], tickformat=axis["tickformat"]),
            text=[["" if v is None else score_text(v) for v in row] for row in z],
            texttemplate="%{text}",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(tickangle=0, automargin=True)
    head = max((_lines(c) for c in columns), default=1)
    return _layout(fig, title, 100 + 60 * len(orgs) + _LINE_PX * head + (60 if title else 20))


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
    marked), in the order the polls were held, each on its poll's scale (see :func:`vote_chart`)."""
    from plotly.subplots import make_subplots

    polls = list(dict.fromkeys(votes["poll_id"]))
    if not polls:
        return _layout(go.Figure(), f"{title}: no results revealed yet", 200)
    panels = []
    for poll in polls:
        part = votes[votes["poll_id"] == poll].sort_values("rank", kind="stable")
        method = str(part["method"].iloc[0]) if "method" in part else None
        rows = [
            {"label": o, "score": s, "tied": tied}
            for o, s, tied in part[["option_en", "score", "tied"]].itertuples(index=False)
        ]
        panels.append((str(part["poll_title"].iloc[0]), vote_chart("", rows, method)))
    sizes = [panel.layout.height for _, panel in panels]
    fig = make_subplots(
        rows=len(panels),
        cols=1,
        subplot_titles=[wrap(name, 90) for name, _ in panels],
        row_heights=sizes,
        vertical_spacing=0.3 / len(panels),
    )
    for n, (_, panel) in enumerate(panels, start=1):
        fig.add_trace(panel.data[0], row=n, col=1)
        axis = panel.layout.xaxis
        fig.update_xaxes(range=axis.range, dtick=axis.dtick, tick0=axis.tick0, tickformat=axis.tickformat, row=n, col=1)
    fig.update_yaxes(automargin=True)
    fig.update_layout(showlegend=False)
    return _layout(fig, title, 60 + sum(sizes))


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
