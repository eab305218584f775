import pytest

from roundtable_lib import ValidationError
from roundtable_lib.capacity import CapacityView, capacity_needs_summary, default_path, load_capacity, parse_capacity
from roundtable_lib.charts import capacity_heatmap

GOOD = "# illustrative sample\norganisation,area,score\nmap,Advocacy,3\nmap,Case management,2\nfed,Advocacy,4.5\n"


def test_shipped_file_is_marked_illustrative_and_valid(meeting):
    data = load_capacity(default_path(), meeting)
    assert data.illustrative
    assert set(data.orgs) == {c.id for c in meeting.csos}
    assert len(data.rows) == len(data.orgs) * len(data.areas)
    assert all(1 <= r["score"] <= 5 for r in data.rows)


def test_parse_good_file(meeting):
    data = parse_capacity(GOOD, meeting, "x.csv")
    assert data.illustrative and data.areas == ["Advocacy", "Case management"]
    assert data.rows[2] == {"org": "fed", "area": "Advocacy", "score": 4.5}
    assert capacity_needs_summary(data) == {"map": ["Case management"]}


def test_illustrative_column_marks_sample(meeting):
    data = parse_capacity("organisation,area,score,illustrative\nmap,A,3,yes\n", meeting)
    assert data.illustrative
    assert not parse_capacity("organisation,area,score\nmap,A,3\n", meeting).illustrative


@pytest.mark.parametrize(
    "text, message",
    [
        ("organisation,area\nmap,A\n", "x.csv, line 1: missing column 'score'"),
        ("# only a comment\n", "x.csv: the file has no header"),
        ("organisation,area,score\nxyz,A,3\n", "x.csv, line 2: unknown organisation 'xyz'"),
        ("organisation,area,score\nmap,A,6\n", "x.csv, line 2: score '6' is not a number from 1 to 5"),
        ("organisation,area,score\nmap,A,0\n", "score '0' is not a number from 1 to 5"),
        ("organisation,area,score\nmap,A,high\n", "score 'high' is not a number"),
        ("organisation,area,score\nmap,,3\n", "line 2: the area is empty"),
        ("# c\norganisation,area,score\nmap,A,3\nmap,a,4\n", "x.csv, line 4: map/a is already scored on line 3"),
    ],
)
def test_bad_files_name_file_line_and_problem(meeting, text, message):
    with pytest.raises(ValidationError) as info:
        parse_capacity(text, meeting, "x.csv")
    assert message in str(info.value)


def test_all_problems_reported_together(meeting):
    with pytest.raises(ValidationError) as info:
        parse_capacity("organisation,area,score\nxyz,A,3\nmap,B,9\n", meeting, "x.csv")
    assert "line 2" in str(info.value) and "line 3" in str(info.value)


def test_missing_and_non_utf8_files(meeting, tmp_path):
    with pytest.raises(ValidationError, match="No capacity-assessment file"):
        load_capacity(tmp_path / "nope.csv", meeting)
    bad = tmp_path / "latin.csv"
    bad.write_bytes("organisation,area,score\nmap,Gestión,3\n".encode("latin-1"))
    with pytest.raises(ValidationError, match="not UTF-8"):
        load_capacity(bad, meeting)


def test_heatmap_figure(meeting):
    data = parse_capacity("organisation,area,score\nfed,A,4\nmap,A,3\nmap,B,2\n", meeting)
    fig = capacity_heatmap(data.rows, meeting, "en", illustrative=True)
    heat = fig.data[0]
    assert list(heat.x) == ["A", "B"] and list(heat.y) == ["MAP", "FED"]  # meeting order, not file order
    assert [list(r) for r in heat.z] == [[3, 2], [4, None]]  # a missing score is a gap, not a zero
    assert (heat.zmin, heat.zmax) == (1, 5)
    assert "illustrative" in fig.layout.title.text
    assert "ข้อมูลตัวอย่าง" in capacity_heatmap(data.rows, meeting, "th", illustrative=True).layout.title.text


def test_view_loads_sample_and_reports_bad_file(fresh_store, tmp_path):
    view = CapacityView(fresh_store)
    assert view.figure is not None and "Illustrative" in view.banner.value
    good = view.figure
    bad = tmp_path / "bad.csv"
    bad.write_text("organisation,area,score\nmap,A,9\n<b>x</b>,A,1\n", encoding="utf-8")
    view.path.value = str(bad)
    view.load.click()
    assert "line 2" in view.status.value and "&lt;b&gt;" in view.status.value
    assert view.figure is good  # the last good view stays
