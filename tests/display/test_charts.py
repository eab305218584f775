import unicodedata

import pytest

from roundtable_lib.display import html
from roundtable_lib.display.charts import (
    BAR_LABEL_WIDTH,
    capacity_heatmap,
    count_heatmap,
    items_by_org_chart,
    vote_chart,
    wrap_lines,
)
from roundtable_lib.meeting.rules import SCALE


def test_vote_chart_puts_the_best_on_top_and_marks_ties():
    fig = vote_chart(
        "Priorities",
        [
            {"label": "A", "score": 5, "tied": False},
            {"label": "B", "score": 3, "tied": True},
            {"label": "ค", "score": 3, "tied": True},
        ],
    )
    assert fig.layout.title.text == "Priorities"
    assert list(fig.data[0].y) == ["ค (tie)", "B (tie)", "A"]
    assert list(fig.data[0].x) == [3, 3, 5]


def test_items_by_org_chart_stacks_kinds():
    fig = items_by_org_chart("Contributions", [("MAP", "Progress"), ("MAP", "Plan"), ("FED", "Progress")])
    assert fig.layout.barmode == "stack"
    assert {t.name: list(t.y) for t in fig.data} == {"Progress": [1, 1], "Plan": [1, 0]}
    assert list(fig.data[0].x) == ["MAP", "FED"]


def test_count_heatmap_adds_repeats_and_leaves_gaps():
    fig = count_heatmap("Needs", [("MAP", "M&E", 1), ("MAP", "M&E", 1), ("FED", "Fundraising", 1)])
    assert list(fig.data[0].y) == ["MAP", "FED"] and list(fig.data[0].x) == ["M&E", "Fundraising"]
    assert [list(row) for row in fig.data[0].z] == [[2, None], [None, 1]]


LONG = "Recognise domestic work as work: a weekly day off and written contracts for all migrant domestic workers."
THAI = "สนับสนุนงบประมาณโดยตรงแก่องค์กรที่นำโดยแรงงานข้ามชาติในระยะต่อไปของโครงการ"


def _width(line):
    """Letters on a line as a reader sees them: Thai marks above and below take no room."""
    return sum(1 for c in line if unicodedata.category(c) not in ("Mn", "Mc"))


@pytest.mark.parametrize("text", [LONG, THAI, "Short", "a <b>bold</b> & plain label"])
def test_a_bar_label_is_wrapped_never_cut(text):
    fig = vote_chart("", [{"label": text, "score": 3, "tied": False}])
    label = fig.data[0].y[0]
    lines = [line.replace("&lt;", "<").replace("&gt;", ">") for line in label.split("<br>")]
    assert all(_width(line) <= BAR_LABEL_WIDTH for line in lines)
    shown = " ".join(lines)
    assert shown.replace(" ", "") == text.replace(" ", "")  # every letter, in order
    assert "<b>" not in label  # typed markup stays text
    assert fig.layout.yaxis.automargin


def test_the_chart_grows_with_its_labels():
    short = vote_chart("", [{"label": "A", "score": 3, "tied": False}] * 3)
    long = vote_chart("", [{"label": LONG, "score": 3, "tied": False}] * 3)
    assert long.layout.height > short.layout.height


def test_a_thai_word_is_broken_only_between_letters_never_before_a_mark():
    lines = wrap_lines(THAI, 20)
    assert len(lines) > 1 and "".join(lines) == THAI
    for line in lines[1:]:
        assert unicodedata.category(line[0]) not in ("Mn", "Mc") and line[0] not in "ะาำ"
    assert min(len(line) for line in lines) > 5  # even pieces: no line of one letter


def test_scale_poll_is_drawn_on_its_one_to_five_scale_with_table_rounding():
    fig = vote_chart("", [{"label": "Useful", "score": 4.666666, "tied": False}], method="scale")
    assert list(fig.layout.xaxis.range) == list(SCALE) and fig.layout.xaxis.dtick == 1
    assert list(fig.data[0].text) == ["4.67"]


@pytest.mark.parametrize("top", [1, 2, 3, 7, 22, 140])
def test_counts_have_whole_number_ticks_from_zero(top):
    fig = vote_chart("", [{"label": "A", "score": top, "tied": False}], method="dots")
    axis = fig.layout.xaxis
    assert axis.range[0] == 0 and axis.range[1] >= top
    assert isinstance(axis.dtick, int) and axis.dtick >= 1 and axis.tickformat == ",d"
    assert 1 <= top / axis.dtick <= 10 or top < axis.dtick * 2


def test_a_needs_heatmap_has_a_whole_number_colour_scale():
    fig = count_heatmap("Needs", [("MAP", "Monitoring and evaluation", 1), ("FED", "Case management", 2)], zmin=0)
    bar = fig.data[0].colorbar
    assert bar.dtick == 1 and bar.tickformat == ",d" and fig.data[0].zmin == 0 and fig.data[0].zmax == 2
    assert list(fig.data[0].x) == ["Monitoring and<br>evaluation", "Case management"]


def test_capacity_scores_are_drawn_one_to_five(meeting):
    rows = [{"org": "map", "area": "Advocacy", "score": 2}, {"org": "fed", "area": "Advocacy", "score": 3.3333}]
    heat = capacity_heatmap(rows, meeting).data[0]
    assert (heat.zmin, heat.zmax) == SCALE and list(heat.colorbar.tickvals) == [1, 2, 3, 4, 5]
    assert [list(row) for row in heat.text] == [["2"], ["3.33"]]


def test_the_dashboards_score_heatmap_shades_on_the_one_to_five_scale(meeting):
    """A 3 of 5 is middling even when nobody scored higher; counts of needs shade from 0 up."""
    cells = {("map", "Advocacy"): 3, ("fed", "Advocacy"): 1}
    scores = html.heatmap(meeting, cells, scale=SCALE)
    assert "rgba(43,74,107,0.53)" in scores and "rgba(43,74,107,0.15)" in scores
    counts = html.heatmap(meeting, cells)
    assert "rgba(43,74,107,0.90)" in counts


def test_charts_and_the_dashboard_round_a_score_as_the_tables_do(meeting):
    fig = vote_chart("", [{"label": "Useful", "score": 10 / 3, "tied": False}], method="scale")
    assert list(fig.data[0].x) == [3.33] and list(fig.data[0].text) == ["3.33"]
    assert ">3.33</td>" in html.heatmap(meeting, {("map", "Advocacy"): 10 / 3}, scale=SCALE)


def test_the_chairs_chart_and_the_phones_table_list_areas_and_organisations_alike(meeting):
    """Areas as the findings file lists them, organisations in the meeting file's order: the
    chair's heatmap and the participants' one never show their columns in two orders."""
    import re

    rows = [
        {"org": "fed", "area": "Radio production", "score": 3},
        {"org": "map", "area": "Digital security", "score": 2},
        {"org": "map", "area": "Radio production", "score": 4},
    ]
    heat = capacity_heatmap(rows, meeting).data[0]
    table = html.heatmap(meeting, {(r["org"], r["area"]): r["score"] for r in rows}, scale=SCALE)
    columns = re.findall(r"<th>([^<]*)</th>", table.split("<tr>", 2)[1])
    assert [c.replace("<br>", " ") for c in heat.x] == ["Radio production", "Digital security"]
    assert columns[-2:] == ["Radio production", "Digital security"]
    org_rows = [o for o in re.findall(r"<tr><th>([^<]*)</th>", table) if o]  # the corner cell is empty
    assert org_rows == [meeting.org("map").label("en"), meeting.org("fed").label("en")]
    assert list(heat.y) == org_rows
