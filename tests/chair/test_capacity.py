import os
from pathlib import Path

import pytest

from roundtable_lib import NotFound, ReadOnlyStore, Store, ValidationError
from roundtable_lib.chair.capacity import CapacityView
from roundtable_lib.display.charts import capacity_heatmap
from roundtable_lib.meeting.assessment import (
    CapacityData,
    capacity_needs_summary,
    default_path,
    load_capacity,
    parse_capacity,
)
from roundtable_lib.store.capacity import store_sample
from tests.helpers import unreadable_file

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


# ---------------------------------------------------------------- one assessment for everyone

REAL = "organisation,area,score\nmap,Fund raising,2\nfed,fund  raising,4\nmap,Advocacy,5\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_store_keeps_one_current_assessment_with_its_history(fresh_store, meeting, tmp_path):
    assert fresh_store.capacity_assessment() is None
    assert "m0004_capacity_assessment" in fresh_store.applied_migrations()
    sample = store_sample(fresh_store, actor="cli:init")
    assert "28 scores from capacity_assessment.csv (illustrative sample)" in sample
    first = fresh_store.capacity_assessment()
    assert first.illustrative and first.loaded_by == "cli:init" and len(first.rows) == 28
    assert len(first.sha256) == 64 and first.size == default_path().stat().st_size
    assert "kept" in store_sample(fresh_store)  # a second init never replaces what is stored

    data = load_capacity(write(tmp_path, "findings.csv", REAL), meeting)
    stored = fresh_store.save_capacity_assessment(data, actor="chair:s4", replaces=first.id)
    assert (stored.source, stored.loaded_by, stored.illustrative) == ("findings.csv", "chair:s4", False)
    assert fresh_store.capacity_assessment().rows == data.rows
    # Loading the very same file again writes nothing.
    token = fresh_store.change_token()
    assert fresh_store.save_capacity_assessment(data, actor="chair:s4").id == stored.id
    assert fresh_store.change_token() == token

    listed = fresh_store.capacity_assessments()
    assert [(a["source"], a["scores"], a["current"]) for a in listed] == [
        ("findings.csv", 3, True),
        ("capacity_assessment.csv", 28, False),
    ]
    entry = fresh_store.history(entity="capacity", limit=1)[0]
    assert entry["actor"] == "chair:s4" and entry["action"] == "load"
    assert entry["before"]["source"] == "capacity_assessment.csv" and entry["after"]["source"] == "findings.csv"

    # A dashboard's read-only, public store reads it (it is not sensitive) and cannot write it.
    with Store(fresh_store.path, readonly=True, public=True) as public:
        assert public.capacity_assessment().source == "findings.csv"
        with pytest.raises(ReadOnlyStore):
            public.save_capacity_assessment(data)


def test_undo_walks_back_and_is_refused_clearly(fresh_store, meeting, tmp_path):
    with pytest.raises(NotFound, match="No capacity-assessment load to undo"):
        fresh_store.undo_capacity_assessment()
    store_sample(fresh_store)
    fresh_store.save_capacity_assessment(load_capacity(write(tmp_path, "a.csv", REAL), meeting))
    assert fresh_store.undo_capacity_assessment(actor="chair:s4").illustrative  # back to the sample
    assert fresh_store.undo_capacity_assessment() is None  # back to nothing
    with pytest.raises(NotFound):
        fresh_store.undo_capacity_assessment()
    assert fresh_store.history(entity="capacity", limit=1)[0]["action"] == "undo"


def test_a_chair_cannot_replace_what_another_stored_meanwhile(fresh_store, meeting, tmp_path):
    store_sample(fresh_store)
    seen = fresh_store.capacity_assessment().id
    other = Store(fresh_store.path, actor="chair:s4-group2")
    other.save_capacity_assessment(load_capacity(write(tmp_path, "theirs.csv", REAL), meeting))
    mine = load_capacity(write(tmp_path, "mine.csv", REAL.replace(",2\n", ",3\n")), meeting)
    with pytest.raises(ValidationError, match="changed meanwhile .*theirs.csv, loaded by chair:s4-group2"):
        fresh_store.save_capacity_assessment(mine, replaces=seen)
    assert fresh_store.capacity_assessment().source == "theirs.csv"
    other.close()


def test_the_database_itself_refuses_a_second_current_assessment(fresh_store):
    import sqlalchemy as sa

    store_sample(fresh_store)
    columns = "id, scores, illustrative, source, size, sha256, loaded_at, loaded_by, is_current"
    with pytest.raises(sa.exc.IntegrityError), fresh_store.engine.begin() as conn:
        conn.execute(
            sa.text(f"INSERT INTO capacity_assessments ({columns}) VALUES ('x', '[]', 0, 'y', 0, '', '', '', 1)")
        )
    assert fresh_store.capacity_assessment().illustrative


def test_the_store_checks_data_given_directly(fresh_store):
    bad = CapacityData(rows=[{"org": "nobody", "area": "A", "score": 9}], source="api")
    with pytest.raises(ValidationError, match="api, row 1: unknown organisation"):
        fresh_store.save_capacity_assessment(bad)
    with pytest.raises(ValidationError, match="holds no scores"):
        fresh_store.save_capacity_assessment(CapacityData(source="empty"))
    assert fresh_store.capacity_assessment() is None and fresh_store.change_token() == 1


def test_area_spellings_are_one_area_keeping_the_first(meeting):
    data = parse_capacity(REAL, meeting, "x.csv")
    assert data.areas == ["Fund raising", "Advocacy"]
    assert [r["area"] for r in data.rows] == ["Fund raising", "Fund raising", "Advocacy"]
    with pytest.raises(ValidationError, match="line 3: map/FUND RAISING is already scored on line 2"):
        parse_capacity("organisation,area,score\nmap,Fund raising,2\nmap, FUND   RAISING ,3\n", meeting, "x.csv")


def test_chairs_view_asks_before_replacing_and_every_kernel_sees_the_result(fresh_store, tmp_path):
    store_sample(fresh_store)
    view = CapacityView(fresh_store, actor="chair:s4")
    assert "Illustrative" in view.banner.value and "capacity_assessment.csv" in view.current.value
    sample_figure = view.figure
    assert view.figure.data[0].zmax == 5 and len(view.data.rows) == 28

    view.path.value = str(write(tmp_path, "findings.csv", REAL))
    view.load.click()
    assert view.confirm_box.layout.display == "flex"
    assert "Replace 28 scores from capacity_assessment.csv (illustrative sample) with 3 scores from findings.csv" in (
        view.question.value
    )
    assert fresh_store.capacity_assessment().illustrative  # nothing stored before Confirm
    view.cancel.click()
    assert view.confirm_box.layout.display == "none" and "nothing changed" in view.status.value
    assert fresh_store.capacity_assessment().illustrative

    view.load.click()
    view.confirm.click()
    assert fresh_store.capacity_assessment().source == "findings.csv"
    assert "Stored for every screen: 3 scores from findings.csv" in view.status.value
    assert view.banner.value == "" and view.figure is not sample_figure
    assert list(view.figure.data[0].x) == ["Fund raising", "Advocacy"]

    # A second chair kernel (its own store) loads an assessment; this view follows on its tick.
    with Store(fresh_store.path, actor="chair:s4-group2") as other_store:
        other = CapacityView(other_store)
        assert "findings.csv" in other.current.value
        other.path.value = str(write(tmp_path, "update.csv", REAL.replace("map,Advocacy,5", "map,Advocacy,1")))
        other.load.click()
        other.confirm.click()
    view.tick.value += 1  # the browser's tick: the other kernel's load shows up without a click
    assert "update.csv" in view.current.value and view.data.rows[-1]["score"] == 1
    assert list(view.figure.data[0].z[0]) == [2, 1]
    view.tick.value += 1  # nothing new: the view stays as it is
    assert "update.csv" in view.current.value

    view.undo.click()
    assert "Back to: 3 scores from findings.csv" in view.status.value and "findings.csv" in view.current.value


def test_a_failed_load_says_why_in_red_and_what_is_still_shown(fresh_store, tmp_path):
    store_sample(fresh_store)
    view = CapacityView(fresh_store)
    view.path.value = str(write(tmp_path, "good.csv", REAL))
    view.load.click()
    view.confirm.click()
    assert "Stored for every screen" in view.status.value
    good = view.figure
    bad = write(tmp_path, "bad.csv", "organisation,area,score\nmap,A,9\n<b>x</b>,A,1\n")
    view.path.value = str(bad)
    view.load.click()
    assert "line 2" in view.status.value and "&lt;b&gt;" in view.status.value and "color" in view.status.value
    assert "Stored for every screen" not in view.status.value and "scores loaded" not in view.status.value
    assert "good.csv" in view.current.value and view.figure is good
    assert view.confirm_box.layout.display == "none"
    view.path.value = str(tmp_path)  # a folder: refused the same way, never a traceback
    view.load.click()
    assert "is a folder" in view.status.value and fresh_store.capacity_assessment().source == "good.csv"


def test_a_fresh_view_without_assessment_says_so(fresh_store):
    view = CapacityView(fresh_store, lang="th")
    assert view.data is None and view.figure is None and view.output.outputs == ()
    assert "ยังไม่ได้โหลดผลการประเมินศักยภาพ" in view.current.value
    assert "No capacity assessment loaded yet" in CapacityView(fresh_store).current.value


def _heatmap_columns(view):
    """The columns of the heatmap the view's Output holds, as the browser is sent it."""
    [shown] = view.output.outputs
    return shown["data"]["application/vnd.plotly.v1+json"]["data"][0]["x"]


def choose(view, name, content):
    """What the browser sends when a file is chosen in the picker (as ipywidgets' front end does)."""
    chosen = {"name": name, "type": "text/csv", "size": len(content), "content": content, "last_modified": 0}
    view.upload.set_state({"value": [chosen]})


def test_the_heatmap_on_screen_follows_the_store_whoever_confirms(fresh_store, tmp_path):
    """The chart is the Output's state, set on every change: a Confirm, or another kernel's load
    seen on a tick (which runs outside any cell, where printing into the Output reached nothing)."""
    view = CapacityView(fresh_store)
    assert view.output.outputs == ()
    view.path.value = str(write(tmp_path, "findings.csv", REAL))
    view.load.click()
    view.confirm.click()
    assert _heatmap_columns(view) == ["Fund raising", "Advocacy"]
    with Store(fresh_store.path, actor="chair:s4-group2") as other_store:
        other_store.save_capacity_assessment(
            parse_capacity("organisation,area,score\nmap,Radio,3\n", other_store.meeting, "radio.csv")
        )
    view.tick.value += 1
    assert _heatmap_columns(view) == ["Radio"] and "radio.csv" in view.current.value
    assert "findings.csv" not in view.status.value  # no "Stored: findings.csv" under another file
    view.undo.click()
    assert _heatmap_columns(view) == ["Fund raising", "Advocacy"]


def test_a_file_chosen_in_the_picker_is_checked_like_a_path_and_stored_on_confirm(fresh_store, tmp_path):
    view = CapacityView(fresh_store, lang="th")
    token = fresh_store.change_token()
    choose(view, "findings.csv", REAL.encode())
    assert view.upload.value == ()  # emptied: the same file can be chosen again
    assert "findings.csv" in view.question.value and view.confirm_box.layout.display == "flex"
    assert fresh_store.change_token() == token and fresh_store.capacity_assessment() is None
    assert not (tmp_path / "findings.csv").exists() and not Path("findings.csv").exists()  # no file written
    view.confirm.click()
    stored = fresh_store.capacity_assessment()
    assert (stored.source, len(stored.rows), stored.size) == ("findings.csv", 3, len(REAL.encode()))
    assert stored.sha256 == load_capacity(write(tmp_path, "same.csv", REAL), fresh_store.meeting).sha256


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("f.xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xff\xfe", "f.xlsx is not UTF-8 text"),
        ("f.csv", "organisation,area,score\nmap,Gestión,3\n".encode("latin-1"), "f.csv is not UTF-8 text (line 2)"),
        ("f.csv", b"organisation,area,score\nmap,A\x00,3\n", "f.csv is not a text file"),
        ("f.csv", b"", "f.csv is empty"),
        ("big.csv", b"organisation,area,score\n" + b"map,A,3\n" * 700_000, "big.csv is larger than 5 MB"),
        ("f.csv", b"organisation,area,score\nxyz,A,3\n", "f.csv, line 2: unknown organisation &#x27;xyz&#x27;"),
        ("../../etc/<i>x.csv", b"organisation,area\n", "&lt;i&gt;x.csv, line 1: missing column"),
    ],
)
def test_a_bad_file_from_the_picker_gives_the_same_one_line_and_stores_nothing(fresh_store, name, content, message):
    store_sample(fresh_store)
    view = CapacityView(fresh_store)
    token = fresh_store.change_token()
    choose(view, name, content)
    assert message in view.status.value and "color" in view.status.value
    assert "Traceback" not in view.status.value and "etc" not in view.status.value  # the name only
    assert view.confirm_box.layout.display == "none" and view.pending is None
    assert fresh_store.change_token() == token and fresh_store.capacity_assessment().illustrative


def test_the_path_box_takes_quotes_and_home_and_names_the_folder_of_a_relative_path(fresh_store, tmp_path, monkeypatch):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    write(folder, "here.csv", REAL)
    view = CapacityView(fresh_store, folder=folder)
    assert str(folder) in view.where.value and "~" in view.where.value
    view.path.value = "  here.csv "  # relative: read from the notebook's folder, not the server's
    view.load.click()
    assert "3 scores from here.csv" in view.question.value
    view.cancel.click()
    view.path.value = "missing.csv"
    view.load.click()
    assert f"No capacity-assessment file at {folder / 'missing.csv'}" in view.status.value  # the whole path
    monkeypatch.setenv("HOME", str(tmp_path))
    write(tmp_path, "my findings.csv", REAL)
    for typed in ("'~/my findings.csv'", '"~/my findings.csv"', f'"{tmp_path}/my findings.csv"'):
        view.path.value = typed
        view.load.click()
        assert "3 scores from my findings.csv" in view.question.value, typed
        view.cancel.click()


@pytest.mark.slow  # exports with PDFs
def test_loaded_file_reaches_dashboard_report_and_training_plan(demo_store, tmp_path):
    from openpyxl import load_workbook

    from roundtable_lib.dashboards import CapacityDashboard
    from roundtable_lib.outputs import export
    from roundtable_lib.outputs.report import report_blocks
    from tests.helpers import html_values

    view = CapacityView(demo_store, actor="chair:s4")
    view.path.value = str(write(tmp_path, "march-findings.csv", REAL.replace("map,Advocacy,5", "map,Advocacy,1")))
    view.load.click()
    view.confirm.click()

    board = CapacityDashboard(Store(demo_store.path, readonly=True, public=True), tick=False)
    text = "".join(html_values(board))
    assert "march-findings.csv" in text and "Fund raising" in text and "illustrative" not in text.lower()
    assert "Governance and leadership" not in text  # the sample's areas are gone

    result = export.export_all(demo_store.path, tmp_path / "out", charts=False)
    report = (result.out_dir / "report.md").read_text(encoding="utf-8")
    assert "Capacity assessment: 3 scores from march-findings.csv" in report and "by the chair of " in report
    assert "illustrative sample shipped" not in report
    plan = load_workbook(result.out_dir / "training-plan.xlsx")["Capacity assessment"]
    values = [[c.value for c in row] for row in plan.iter_rows()]
    assert ["MAP", "Advocacy", 1] == values[-1][:3] and "march-findings.csv" in values[-1][3]
    content = export.collect(demo_store.path)
    _blocks, charts = report_blocks(content)
    heat = dict((key, fig) for key, _title, fig in charts)["assessment"]
    assert list(heat.data[0].x) == ["Fund raising", "Advocacy"]


def test_a_file_given_to_the_export_is_used_and_said(demo_store, tmp_path):
    from roundtable_lib.outputs import export
    from roundtable_lib.outputs.report import report_blocks

    content = export.collect(demo_store.path, assessment=write(tmp_path, "given.csv", REAL))
    blocks, _charts = report_blocks(content)
    assert any(
        "3 scores from given.csv, stored in the workbook on" in str(b) and "by the export" in str(b) for b in blocks
    )
    assert demo_store.capacity_assessment().illustrative  # the stored one is left as it is


def test_without_a_stored_assessment_the_report_says_so(fresh_store):
    from roundtable_lib.outputs import export
    from roundtable_lib.outputs.report import report_blocks

    content = export.collect(fresh_store.path)
    assert content.assessment is None
    blocks, _charts = report_blocks(content)
    assert any("No capacity assessment was stored" in str(block) for block in blocks)


# ---------------------------------------------------------------- hostile capacity files


def _unreadable(tmp_path):
    return unreadable_file(write(tmp_path, "locked.csv", REAL))


HOSTILE = [
    # (name, file maker, what the one message must say)
    (
        "huge field",
        lambda p: write(p, "f.csv", "organisation,area,score\nmap,A,3\nmap," + "x" * 140_000 + ",3\n"),
        "f.csv, line 3: a cell is longer than 131,072 characters",
    ),
    ("stray quote", lambda p: write(p, "f.csv", 'organisation,area,score\nmap,"A,3\n' + "map,B,3\n" * 5), "f.csv"),
    ("directory", lambda p: p, "is a folder, not a file"),
    ("unreadable", _unreadable, "cannot be read (permission denied)"),
    ("missing", lambda p: p / "nope.csv", "No capacity-assessment file at"),
    ("long path", lambda p: p / ("x" * 300) / "f.csv", "cannot be read (File name too long)"),
    ("long missing path", lambda p: p / "/".join(["folder"] * 200), "check the folder and the file name"),
    ("no path", lambda p: "", "Type the path of the findings file"),
    ("fifo", lambda p: os.mkfifo(p / "pipe.csv") or p / "pipe.csv", "pipe.csv is not a plain file"),
    ("device", lambda p: Path("/dev/zero"), "zero is not a plain file"),
    (
        "binary",
        lambda p: (p / "f.xlsx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xff\xfe") and p / "f.xlsx",
        "f.xlsx is not UTF-8 text",
    ),
    (
        "NUL bytes",
        lambda p: (p / "f.csv").write_bytes(b"organisation,area,score\nmap,A\x00,3\n") and p / "f.csv",
        "f.csv is not a text file",
    ),
    (
        "latin-1",
        lambda p: (
            (p / "f.csv").write_bytes("organisation,area,score\nmap,Gestión,3\n".encode("latin-1")) and p / "f.csv"
        ),
        "f.csv is not UTF-8 text",
    ),
    ("empty", lambda p: write(p, "f.csv", ""), "f.csv is empty"),
    ("blank", lambda p: write(p, "f.csv", "\n \n\t\n"), "f.csv is empty"),
    ("header only", lambda p: write(p, "f.csv", "organisation,area,score\n"), "f.csv: the file has a header but no"),
    (
        "too many rows",
        lambda p: write(p, "f.csv", "organisation,area,score\n" + "map,A,9\n" * 600_000),
        "f.csv: more than 2,000 rows",
    ),
    (
        "huge file",
        lambda p: write(p, "f.csv", "organisation,area,score\n" + "map,A,3\n" * 700_000),
        "f.csv is larger than 5 MB",
    ),
    (
        "duplicate",
        lambda p: write(p, "f.csv", "organisation,area,score\nmap,A,3\nmap,a ,4\n"),
        "f.csv, line 3: map/a is already scored on line 2",
    ),
    ("score 0", lambda p: write(p, "f.csv", "organisation,area,score\nmap,A,0\n"), "score '0' is not a number"),
    ("score empty", lambda p: write(p, "f.csv", "organisation,area,score\nmap,A,\n"), "score '' is not a number"),
    ("score NaN", lambda p: write(p, "f.csv", "organisation,area,score\nmap,A,NaN\n"), "score 'NaN' is not a number"),
    ("score inf", lambda p: write(p, "f.csv", "organisation,area,score\nmap,A,inf\n"), "score 'inf' is not a number"),
    ("score 1e3", lambda p: write(p, "f.csv", "organisation,area,score\nmap,A,1e3\n"), "score '1e3' is not a number"),
    (
        "score formula",
        lambda p: write(p, "f.csv", "organisation,area,score\nmap,A,=1+2\n"),
        "score '=1+2' is not a number",
    ),
    (
        "area formula",
        lambda p: write(p, "f.csv", 'organisation,area,score\nmap,"=HYPERLINK(""http://x"")",3\n'),
        "f.csv, line 2: the area '=HYPERLINK(\"http://x\")' starts with '='",
    ),
    (
        "area at-sign",
        lambda p: write(p, "f.csv", "organisation,area,score\nmap,@SUM(A1),3\n"),
        "which a spreadsheet would run as a formula",
    ),
    (
        "org formula",
        lambda p: write(p, "f.csv", "organisation,area,score\n=cmd|' /C calc'!A0,A,3\n"),
        "f.csv, line 2: unknown organisation \"=cmd|' /C calc'!A0\"",
    ),
    (
        "unknown org",
        lambda p: write(p, "f.csv", "organisation,area,score\nMAPP,A,3\n"),
        "unknown organisation 'MAPP' (known: map,",
    ),
    (
        "long org cut",
        lambda p: write(p, "f.csv", "organisation,area,score\n" + "o" * 5000 + ",A,3\n"),
        "unknown organisation '" + "o" * 35 + "...' (known:",
    ),
    (
        "long area",
        lambda p: write(p, "f.csv", "organisation,area,score\nmap," + "a" * 300 + ",3\n"),
        "Capacity area is 300 characters long; the limit is 200",
    ),
    (
        "too many areas",
        lambda p: write(p, "f.csv", "organisation,area,score\n" + "".join(f"map,Area {n},3\n" for n in range(60))),
        "more than 40 capacity areas",
    ),
    (
        "many problems",
        lambda p: write(p, "f.csv", "organisation,area,score\n" + "".join(f"map,A{n},9\n" for n in range(30))),
        "... and 20 more.",
    ),
]


@pytest.mark.parametrize("name, make, message", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_capacity_files_give_one_clear_message_and_store_nothing(fresh_store, tmp_path, name, make, message):
    store_sample(fresh_store)
    path = make(tmp_path)
    with pytest.raises(ValidationError) as info:
        load_capacity(path, fresh_store.meeting)
    text = str(info.value)
    assert message in text
    assert len(text) < 2000 and "Traceback" not in text
    # Through the chair's view: the error in red, the sample still current and said to be.
    view = CapacityView(fresh_store)
    token = fresh_store.change_token()
    view.path.value = str(path)
    view.load.click()
    assert "rgb" in view.status.value or "color" in view.status.value
    assert view.confirm_box.layout.display == "none" and view.pending is None
    assert "capacity_assessment.csv" in view.current.value
    assert fresh_store.change_token() == token and fresh_store.capacity_assessment().illustrative


def test_cli_init_stores_no_invented_scores_and_the_dashboard_says_so(tmp_path):
    from roundtable_lib.cli import main
    from roundtable_lib.dashboards import CapacityDashboard
    from tests.helpers import html_values

    lines = []
    db = tmp_path / "real.db"
    assert main(["init", "--db", str(db)], out=lines.append) == 0
    assert "No capacity assessment stored" in lines[-1] and "--sample" in lines[-1]
    with Store(db, readonly=True) as store:
        assert store.capacity_assessment() is None and store.capacity_assessments() == []
    for lang, words in (("en", "No capacity assessment loaded yet"), ("th", "ยังไม่ได้โหลดผลการประเมินศักยภาพ")):
        with Store(db, readonly=True, public=True) as public:
            text = "".join(html_values(CapacityDashboard(public, lang=lang, tick=False)))
        assert words in text and "illustrative" not in text.lower() and "ข้อมูลตัวอย่าง" not in text
    with Store(db) as store:  # a need captured: counted, and said to be a count, not a score
        store.add_item("s4", "need", "Digital security", org="fed", attrs={"area": "Monitoring"})
    with Store(db, readonly=True, public=True) as public:
        text = "".join(html_values(CapacityDashboard(public, tick=False)))
    assert "No capacity assessment loaded yet. Until one is confirmed, this table counts the needs" in text
    assert main(["init", "--db", str(db)], out=lines.append) == 0 and "No capacity assessment stored" in lines[-1]


def test_cli_init_sample_and_demo_store_the_sample_marked_illustrative(tmp_path):
    from roundtable_lib.cli import main

    lines = []
    db = tmp_path / "r.db"
    assert main(["init", "--db", str(db), "--sample"], out=lines.append) == 0
    assert "28 scores from capacity_assessment.csv (illustrative sample)" in lines[-1]
    with Store(db) as store:
        assert store.capacity_assessment().loaded_by == "cli:init"
    assert main(["init", "--db", str(db), "--sample"], out=lines.append) == 0 and "kept" in lines[-1]
    assert main(["init", "--db", str(db)], out=lines.append) == 0 and "kept" in lines[-1]  # never removed
    assert main(["status", "--db", str(db)], out=lines.append) == 0
    assert any(line.startswith("Capacity:    28 scores from capacity_assessment.csv (illustrative") for line in lines)
    demo = tmp_path / "d.db"
    assert main(["demo", "--db", str(demo)], out=lines.append) == 0
    with Store(demo, readonly=True) as store:
        assert store.capacity_assessment().illustrative
    with Store(demo) as store:  # a demo database made before assessments were stored ...
        store.undo_capacity_assessment()
    assert main(["demo", "--db", str(demo), "--if-empty"], out=lines.append) == 0
    with Store(demo, readonly=True) as store:  # ... gets the sample from `make run`
        assert store.capacity_assessment().illustrative


LOADER = """
import sys
from roundtable_lib import Store
from roundtable_lib.meeting.assessment import CapacityData
db, actor, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Store(db, actor=actor) as store:
    for n in range(count):
        rows = [{"org": "map", "area": f"{actor} {n}", "score": 1 + n % 5}]
        store.save_capacity_assessment(CapacityData(rows=rows, source=f"{actor}-{n}.csv"))
"""


@pytest.mark.slow
def test_chair_kernels_loading_at_once_leave_one_current_assessment(fresh_store):
    from tests.helpers import run_at_once

    store_sample(fresh_store)
    actors = [f"chair:s4-group{n}" for n in range(4)]
    run_at_once(LOADER, fresh_store.path, actors, 5)
    stored = fresh_store.capacity_assessments()
    assert len(stored) == 21 and sum(a["current"] for a in stored) == 1
    assert len(fresh_store.history(entity="capacity")) == 21
    current = fresh_store.capacity_assessment()
    assert current.source == fresh_store.history(entity="capacity", limit=1)[0]["after"]["source"]


@pytest.mark.slow  # exports with PDFs
def test_a_hostile_file_name_is_shown_as_text_everywhere(demo_store, tmp_path):
    from roundtable_lib.dashboards import CapacityDashboard
    from roundtable_lib.outputs import export
    from tests.helpers import html_values

    name = '<img src=x onerror="alert(1)">[x](http:evil).csv'
    view = CapacityView(demo_store)
    view.path.value = str(write(tmp_path, name, REAL))
    view.load.click()
    assert "<img" not in view.question.value and "&lt;img" in view.question.value
    view.confirm.click()
    assert "<img" not in view.current.value + view.status.value
    text = "".join(html_values(CapacityDashboard(Store(demo_store.path, readonly=True, public=True), tick=False)))
    assert "<img" not in text and "&lt;img src=x" in text
    result = export.export_all(demo_store.path, tmp_path / "out", charts=False)
    assert "<img src=x" not in (result.out_dir / "report.html").read_text(encoding="utf-8")
    assert "[x](http:evil)" not in (result.out_dir / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_of_every_spreadsheet(meeting, newline):
    text = newline.join(["# illustrative", "organisation,area,score", "map,A,3", "fed,A,4", "map,B,9", ""])
    with pytest.raises(ValidationError, match="x.csv, line 5: score '9'"):
        parse_capacity(text, meeting, "x.csv")
    data = parse_capacity(text.replace("9", "2"), meeting, "x.csv")
    assert data.illustrative and [r["score"] for r in data.rows] == [3, 4, 2]


def test_the_needs_form_offers_the_stored_assessments_areas_never_the_sample_file(fresh_store, tmp_path):
    from roundtable_lib.chair.forms import CaptureForm
    from roundtable_lib.store.capacity import need_areas

    assert fresh_store.capacity_assessment() is None
    form = CaptureForm(fresh_store, "s4", kinds=["need"], areas=need_areas)
    assert form.area.options == ()  # nothing stored: the chair types the area, no sample areas
    findings = tmp_path / "findings.csv"
    findings.write_text("organisation,area,score\nmap,Digital security,2\nfed,Fund raising,4\n", encoding="utf-8")
    view = CapacityView(fresh_store, actor="chair:s4")
    view.path.value = str(findings)
    view.load.click()
    assert form.area.options == ()  # checked, not yet confirmed: nothing changes
    view.confirm.click()
    assert form.area.options == ("Digital security", "Fund raising")  # offered at once
    view.undo.click()
    assert form.area.options == ()
    form.close()
