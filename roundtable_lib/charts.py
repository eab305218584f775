"""Charts: pure functions from rows to a ``plotly.graph_objects.Figure``. Nothing here calls ``.show()``."""

import plotly.graph_objects as go

from .i18n import t


def capacity_heatmap(rows, meeting=None, lang="en", illustrative=False):
    """Scores per organisation (rows of the heatmap) and capacity area (columns).

    ``rows`` are ``{"org", "area", "score"}`` dicts (see :mod:`roundtable_lib.capacity`). A
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
        go.Heatmap(z=z, x=areas, y=[label(o) for o in orgs], zmin=1, zmax=5, colorscale="RdYlGn",
                   texttemplate="%{z}", hoverongaps=False, colorbar={"title": {"text": t("chart.score", lang)}})
    )
    fig.update_layout(title={"text": title}, yaxis={"autorange": "reversed"},
                      margin={"l": 120, "r": 20, "t": 60, "b": 80})
    return fig
