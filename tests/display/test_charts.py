from roundtable_lib.display.charts import count_heatmap, items_by_org_chart, vote_chart


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
