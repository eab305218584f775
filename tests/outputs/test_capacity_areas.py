"""The report, the DataFrames and the capacity check group capacity areas the same way: one key
(roundtable_lib.meeting.assessment.area_key), so "Monitoring & evaluation" typed in a need is the
assessment's "Monitoring and evaluation" everywhere."""

import pytest

from roundtable_lib import ValidationError
from roundtable_lib.meeting.assessment import area_labels, load_capacity, parse_capacity
from roundtable_lib.outputs import export
from roundtable_lib.outputs.dataframes import frames, needs_against_scores
from roundtable_lib.outputs.document import needs_rows

FINDINGS = "organisation,area,score\nmap,Monitoring and evaluation,2\nfed,M and E,4\nmap,Advocacy,3\n"
NEEDS = [
    ("map", "Monitoring & evaluation", "Indicators for shelters"),
    ("map", "monitoring  AND evaluation", "A results framework"),
    ("fed", "M&E", "Data collection"),
    ("fed", "Fund raising", "Grant writing"),
]


def _meeting_with_needs(store, tmp_path):
    findings = tmp_path / "findings.csv"
    findings.write_text(FINDINGS, encoding="utf-8")
    store.save_capacity_assessment(load_capacity(findings, store.meeting))
    for org, area, text in NEEDS:
        store.add_item("s4", "need", text, org=org, attrs={"area": area})


def test_needs_are_counted_against_the_score_of_their_area_however_typed(fresh_store, tmp_path):
    _meeting_with_needs(fresh_store, tmp_path)
    versus = needs_against_scores(frames(fresh_store.path))
    assert list(zip(versus["org"], versus["area"], versus["needs"], strict=True)) == [
        ("map", "Monitoring and evaluation", 2),
        ("fed", "M and E", 1),
        ("map", "Advocacy", 0),
    ]


def test_the_report_and_the_capacity_check_group_them_the_same_way(fresh_store, tmp_path):
    _meeting_with_needs(fresh_store, tmp_path)
    _headers, rows = needs_rows(export.collect(fresh_store.path))
    filed = {row[2]: row[1] for row in rows}  # need -> the area the report files it under
    # The assessment's spelling of an area it scores, the first typed of one only needs name.
    assert filed["Indicators for shelters"] == filed["A results framework"] == "Monitoring and evaluation"
    assert filed["Data collection"] == "M and E" and filed["Grant writing"] == "Fund raising"
    assert len(area_labels(area for _org, area, _text in NEEDS)) == 3
    # The need's spelling of map's scored area is that same area to the capacity check: a duplicate.
    with pytest.raises(ValidationError, match="line 5: map/Monitoring & evaluation is already scored on line 2"):
        parse_capacity(FINDINGS + "map,Monitoring & evaluation,5\n", fresh_store.meeting, "x.csv")


def test_the_demo_names_each_area_one_way_in_needs_and_assessment(demo_store):
    """The demo's needs type "Monitoring & evaluation" and "Monitoring and evaluation"; every
    table, the annex and the spreadsheets read the items of one Content, which shows the
    assessment's spelling only."""
    content = export.collect(demo_store.path)
    _headers, rows = needs_rows(content)
    shown = {row[1] for row in rows}
    assert "Monitoring and evaluation" in shown and shown <= set(content.assessment.areas)
    assert {i["attrs"]["area"] for i in content.of("need")} == shown
    typed = {i["attrs"]["area"] for i in demo_store.items(kind="need")}
    assert "Monitoring & evaluation" in typed  # what was captured is kept as typed
