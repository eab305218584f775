"""Every output generated from the demo database, opened again with python-docx, openpyxl and csv."""

import csv
import datetime as dt
import json
from dataclasses import replace

import pytest
from docx import Document
from openpyxl import load_workbook

from roundtable_lib import ValidationError
from roundtable_lib.cli import main
from roundtable_lib.demo import PARTICIPANTS
from roundtable_lib.meeting.assessment import report_line
from roundtable_lib.meeting.privacy import NAME_WITHHELD, WITHHELD_IN
from roundtable_lib.outputs import export
from roundtable_lib.outputs.chart_images import NO_CHARTS_ENV
from roundtable_lib.outputs.document import INTERNAL_NOTICE, voters
from roundtable_lib.outputs.export import ExportError, export_all, publishable
from roundtable_lib.outputs.report import report_blocks
from roundtable_lib.outputs.spreadsheets import safe_cell
from tests.helpers import ROOT
from tests.helpers.exports import (
    FORMULA,
    REFUSED,
    SECRET,
    THAI_REC,
    add_hard_cases,
    all_text,
    chart_pictures,
    docx_text,
    xlsx_cells,
)

NAMED = [name for name, _org, _role, _lang, consent in PARTICIPANTS if consent]


@pytest.fixture
def db_path(store_url):
    """Every export test runs on both engines: a SQLite file and a PostgreSQL database."""
    return store_url


@pytest.fixture
def meeting_store(demo_store):
    """The demo meeting plus the hard cases."""
    return add_hard_cases(demo_store)


@pytest.fixture
def public_dir(meeting_store, tmp_path):
    out = tmp_path / "public"
    export_all(meeting_store.target, out, charts=False)
    return out


@pytest.fixture
def internal_dir(meeting_store, tmp_path):
    out = tmp_path / "internal"
    export_all(meeting_store.target, out, internal=True, charts=False)
    return out


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_every_output_is_written(public_dir):
    names = {p.relative_to(public_dir).as_posix() for p in public_dir.rglob("*") if p.is_file()}
    assert {
        "report.docx",
        "joint-recommendations.docx",
        "training-plan.xlsx",
        "tables.xlsx",
        "report.md",
        "report.html",
        "csv/recommendation.csv",
        "csv/participants.csv",
        "csv/votes.csv",
        "carry-forward/package.json",
        "carry-forward/recommendations.csv",
    } <= names
    assert not [n for n in names if ".export-" in n]  # no staging folder left


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_recommendation_order_matches_the_votes(meeting_store, public_dir):
    poll = next(p for p in meeting_store.polls() if p["session"] == "s3")
    ranked = [r["label_en"] for r in meeting_store.poll_results(poll["id"])["results"]]
    doc = Document(public_dir / "joint-recommendations.docx")
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == [f"{n}. {label}" for n, label in enumerate(ranked, start=1)]
    text = docx_text(public_dir / "joint-recommendations.docx")
    assert THAI_REC in text  # the Thai version where captured
    # Who voted, in both languages: only the organisations that vote count (not the donor).
    results = meeting_store.poll_results(poll["id"])
    for lang in ("en", "th"):
        assert voters(results, meeting_store.meeting, lang) in text
    assert "Delegation of the European Union" not in voters(results, meeting_store.meeting)
    ranks = [p.text.split(" · ")[0] for p in doc.paragraphs if p.text.startswith("Rank ")]
    assert ranks == [f"Rank {r['rank']}" + (" (tied)" if r["tied"] else "") for r in results["results"]]


@pytest.mark.slow  # an export on each engine
def test_a_tie_in_the_vote_is_kept_in_both_documents(fresh_store, tmp_path):
    recs = [fresh_store.add_item("s3", "recommendation", f"Recommendation {c}")["id"] for c in "ABC"]
    people = [
        fresh_store.add_participant(f"Voter {org}", org, consent=True)[0]["id"] for org in ("map", "lsdf", "flep")
    ]
    poll = fresh_store.create_poll("s3", "Priorities", "ลำดับความสำคัญ", method="dots", options=recs, budget=3)
    a, b, c = (o["id"] for o in poll["options"])
    for person, dots in zip(people, ({a: 2, b: 1}, {a: 2, c: 1}, {a: 1, b: 1, c: 1}), strict=True):
        fresh_store.cast_ballot(poll["id"], person, dots)  # A 5, B 2, C 2
    fresh_store.close_poll(poll["id"])
    fresh_store.reveal_poll(poll["id"])
    export_all(fresh_store.target, tmp_path / "out", charts=False, pdf=False)
    doc = Document(tmp_path / "out" / "joint-recommendations.docx")
    ranks = [p.text.split(" · ")[0] for p in doc.paragraphs if p.text.startswith("Rank ")]
    assert ranks == ["Rank 1", "Rank 2 (tied)", "Rank 2 (tied)"]
    assert "3 ballots from 3 organisations: MAP, LSDF, FLEP" in docx_text(
        tmp_path / "out" / "joint-recommendations.docx"
    )
    report = docx_text(tmp_path / "out" / "report.docx")
    tied = [r["label_en"] for r in fresh_store.poll_results(poll["id"])["results"] if r["tied"]]
    assert sorted(tied) == ["Recommendation B", "Recommendation C"]
    assert f"Tie at rank 2: {'; '.join(tied)}." in report


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_sensitive_item_only_in_the_internal_export(public_dir, internal_dir):
    leaks = [path.name for path, text in all_text(public_dir).items() if SECRET in text]
    assert leaks == []
    assert SECRET in docx_text(internal_dir / "report-internal.docx")
    assert SECRET in "\n".join(map(str, xlsx_cells(internal_dir / "tables-internal.xlsx")))
    assert SECRET in (internal_dir / "csv-internal" / "challenge.csv").read_text(encoding="utf-8-sig")


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_names_without_consent_appear_nowhere_public(public_dir, internal_dir):
    texts = all_text(public_dir)
    for name in REFUSED:
        assert [p.name for p, text in texts.items() if name.lower() in text.lower()] == [], name
    report = docx_text(public_dir / "report.docx")
    assert all(name in report for name in NAMED)
    assert NAME_WITHHELD in report  # the action's owner and text
    internal = docx_text(internal_dir / "report-internal.docx")
    assert all(name in internal for name in REFUSED)


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_internal_export_says_so_on_every_page(internal_dir, public_dir):
    doc = Document(internal_dir / "report-internal.docx")
    assert all(INTERNAL_NOTICE in s.header.paragraphs[0].text for s in doc.sections)
    for ws in load_workbook(internal_dir / "tables-internal.xlsx").worksheets:
        assert "INTERNAL" in ws.oddHeader.center.text
    assert INTERNAL_NOTICE in (internal_dir / "report-internal.md").read_text(encoding="utf-8")
    assert INTERNAL_NOTICE in (internal_dir / "report-internal.html").read_text(encoding="utf-8")
    assert not (internal_dir / "carry-forward").exists()  # the package is only ever public
    assert "INTERNAL" not in docx_text(public_dir / "report.docx")


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_formula_like_cells_are_neutralised(public_dir):
    # In the workbook a text cell, shown as typed (no visible quote) and never run as a formula.
    cells = [c for ws in load_workbook(public_dir / "tables.xlsx") for row in ws.iter_rows() for c in row]
    assert [c.data_type for c in cells if c.value == FORMULA] == ["s"]
    with open(public_dir / "csv" / "lesson.csv", encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert "'" + FORMULA in cells and FORMULA not in cells


def test_an_export_is_timed_by_the_stores_clock_and_names_itself_in_words(meeting_store):
    def clock():
        return dt.datetime(2016, 7, 12, 11, 5, tzinfo=dt.UTC)

    given = ROOT / "data" / "capacity_assessment.csv"
    content = export.collect(meeting_store.target, assessment=given, clock=clock)
    assert content.generated_at == "12 July 2016, 18:05"  # the store's clock, on the meeting's
    assert content.assessment.loaded_at.startswith("2016-07-12T11:05")
    assert "by the export." in report_line(content.assessment, content.meeting)
    thai = report_line(content.assessment, content.meeting, "th")
    assert thai.endswith("โดยการส่งออกเอกสาร") and "export" not in thai


def test_what_an_export_wrote_is_said_in_the_organisers_language(tmp_path):
    result = export.ExportResult(
        files=["report.docx", "tables.xlsx"],
        omitted_charts=[("Votes", "chart images are turned off")],
        internal=False,
        out_dir=tmp_path,
        seconds=3.25,
        skipped=[("report.pdf", "no Chromium browser was found")],
    )
    assert export.result_lines(result) == [
        f"Wrote 2 public files to {tmp_path} in 3.2 s.",
        "Chart left out: Votes (chart images are turned off).",
        "Not written: report.pdf (no Chromium browser was found); the Word version is there.",
    ]
    thai = export.result_lines(result, "th")
    assert thai[0] == f"เขียน 2 ไฟล์สาธารณะ ไปที่ {tmp_path} ใน 3.2 วินาที"
    assert [line.split(":")[0] for line in thai[1:]] == ["ไม่ได้ใส่แผนภูมิ", "ไม่ได้เขียน"]
    internal = export.result_lines(replace(result, internal=True))[0]
    assert internal.startswith("Wrote 2 INTERNAL files (sensitive items and every name) to")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+66 2 123", "'+66 2 123"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("fine", "fine"),
        ("a=b", "a=b"),
        ("", ""),
        (-2, -2),
        (None, None),
        ("ยอมรับ", "ยอมรับ"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_thai_text_round_trips(meeting_store, public_dir):
    thai = [i["text_th"] for i in meeting_store.items(include_sensitive=False) if i["text_th"]]
    assert len(thai) > 10
    report = docx_text(public_dir / "report.docx")
    assert [t for t in thai if t not in report] == []
    cells = xlsx_cells(public_dir / "tables.xlsx")
    assert THAI_REC in cells
    assert "ลำดับความสำคัญของข้อเสนอแนะร่วม" in report  # the poll's Thai title
    assert meeting_store.meeting.title["th"] in report
    assert THAI_REC in (public_dir / "report.html").read_text(encoding="utf-8")


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_report_content(public_dir):
    report = docx_text(public_dir / "report.docx")
    for expected in (
        "Context and method",
        "Agenda",
        "Participants",
        "Synergies and peer support",
        "Legal aid",
        # The end-of-day feedback: two statements share the second place.
        "Tie at rank 2: The interpretation helped me follow; I know what happens next.",
        "Method: dot voting (3 dots each, at most 2 on one option); one vote per person.",
        "Capacity needs",
        "Case management",
        "Training work plan",
        "Psychosocial first aid",
        "Action items",
        "29 July 2016",
        "Project coordinator",
        "Sample data",
        "The results were not revealed",
    ):
        assert expected in report, expected
    # Participants who did not consent are counted by organisation.
    doc = Document(public_dir / "report.docx")
    counts = next(
        t
        for t in doc.tables
        if t.rows[0].cells[0].text.startswith("Organisation") and t.rows[0].cells[2].text.startswith("Not named")
    )
    rows = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in counts.rows[1:]}
    assert rows["MAP Foundation"] == ("2", "1")


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_training_plan_workbook(public_dir, meeting_store):
    wb = load_workbook(public_dir / "training-plan.xlsx")
    ws = wb["Training plan"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Training / การฝึกอบรม", "Thai / ภาษาไทย", "Format / รูปแบบ")
    assert (
        "Monitoring and evaluation basics",
        "พื้นฐานการติดตามและประเมินผล",
        "workshop",
        "IFRC",
        "September 2016",
        "agreed",
        "MAP, FED",
        "Session 4: Building stronger civil society",
    ) in rows
    assert wb["Capacity needs"].max_row == 1 + len(meeting_store.items(kind="need", include_sensitive=False))


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_tables_workbook_has_one_sheet_per_kind(public_dir):
    wb = load_workbook(public_dir / "tables.xlsx")
    assert {"Joint recommendation", "Synergy", "Training plan entry", "Action item", "Capacity need"} <= set(
        wb.sheetnames
    )
    assert {"Participants", "Votes"} <= set(wb.sheetnames)
    assert not any("Sensitive" in str(c.value) for c in wb["Challenge"][1])


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_unrevealed_results_stay_out_of_public_exports(public_dir, internal_dir):
    public = docx_text(public_dir / "report.docx")
    internal = docx_text(internal_dir / "report-internal.docx")
    assert "Priority capacity needs" in public and "Priority capacity needs" in internal
    assert public.count("The results were not revealed") == 1
    assert "The results were not revealed" not in internal


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_charts_are_embedded_when_a_browser_can_draw_them(meeting_store, tmp_path):
    result = export_all(meeting_store.target, tmp_path / "out", charts=True)
    assert result.omitted_charts == []
    doc = Document(tmp_path / "out" / "report.docx")
    drawn = len(chart_pictures(doc))  # contributions, each revealed vote, capacity needs and assessment
    assert drawn >= 3
    assert (tmp_path / "out" / "report.html").read_text(encoding="utf-8").count("<figure><img") == drawn


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
@pytest.mark.parametrize(
    "env, reason",
    [
        ({NO_CHARTS_ENV: "1"}, "chart images are turned off"),
        ({"BROWSER_PATH": "/nonexistent/chromium"}, "no Chromium browser was found"),
    ],
)
def test_report_still_builds_without_chart_images(meeting_store, tmp_path, monkeypatch, env, reason):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = export_all(meeting_store.target, tmp_path / "out")
    assert len(result.omitted_charts) >= 3 and all(reason in r for _, r in result.omitted_charts)
    doc = Document(tmp_path / "out" / "report.docx")
    assert chart_pictures(doc) == []
    assert len(doc.inline_shapes) == 1  # the funder's emblem on the cover stays
    text = docx_text(tmp_path / "out" / "report.docx")
    assert "Chart left out: Contributions by organisation" in text and "Charts left out" in text
    assert "Monitoring and evaluation basics" in text  # the tables are all there


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_a_failure_leaves_no_file_behind(meeting_store, tmp_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "write_xlsx", broken)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        export_all(meeting_store.target, out, charts=False)
    assert not out.exists()
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine")
    with pytest.raises(RuntimeError):
        export_all(meeting_store.target, existing, charts=False)
    assert [p.name for p in existing.iterdir()] == ["keep.txt"]


def test_an_unwritable_folder_is_one_clear_error(meeting_store, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(ExportError, match="Cannot write to"):
        export_all(meeting_store.target, blocker / "out", charts=False)


def _item(id, sensitive=False, deleted=False, **extra):
    return {
        "id": id,
        "session": "s3",
        "kind": "recommendation",
        "org": None,
        "orgs": [],
        "text_en": f"text {id}",
        "text_th": "",
        "attrs": {},
        "sensitive": sensitive,
        "deleted_at": "x" if deleted else None,
        **extra,
    }


def test_publishable_is_the_one_filter(meeting):
    items = [
        _item("a"),
        _item("b", sensitive=True),
        _item("c", deleted=True),
        _item("d", deleted=True),
        _item("e", text_th="ถาม Nok Noi", attrs={"owner_person": "nok noi"}),
    ]
    people = [{"name": "Nok Noi", "org": "map", "consent": False}, {"name": "Lek", "org": "map", "consent": True}]
    poll = {
        "poll": {"title_en": "P", "title_th": "", "options": [], "revealed": True},
        "voters": 2,
        "organisations": 1,
        "results": [
            {"item_id": "b", "label_en": "text b", "label_th": "", "score": 4},
            {"item_id": "d", "label_en": "text d", "label_th": "", "score": 3},
            {"item_id": "c", "label_en": "text c", "label_th": "", "score": 2},
            {"item_id": None, "label_en": "Ask Nok Noi", "label_th": "", "score": 1},
        ],
    }
    content = publishable(meeting, items, people, [poll], {"d": "a"}, internal=False)
    assert [i["id"] for i in content.items] == ["a", "e"]
    assert content.items[1]["text_th"] == f"ถาม {WITHHELD_IN['th']}"  # Thai text, Thai placeholder
    assert content.items[1]["attrs"]["owner_person"] == NAME_WITHHELD
    assert [p["name"] for p in content.named] == ["Lek"]
    assert content.counts == {"map": {"named": 1, "unnamed": 1}}
    # Withheld options leave no trace: the others are ranked again from 1.
    labels = [(r["item_id"], r["label_en"], r["rank"]) for r in content.polls[0]["results"]]
    assert labels == [("a", "text d", 1), (None, f"Ask {NAME_WITHHELD}", 2)]
    internal = publishable(meeting, items, people, [poll], {}, internal=True)
    assert [i["id"] for i in internal.items] == ["a", "b", "e"]
    assert [p["name"] for p in internal.named] == ["Nok Noi", "Lek"]


def test_assessment_scores_come_from_the_capacity_file(meeting_store, tmp_path):
    scores = tmp_path / "capacity_assessment.csv"
    scores.write_text("organisation,area,score\nmap,Fundraising,2\nfed,Fundraising,4\n", encoding="utf-8")
    content = export.collect(meeting_store.target, assessment=scores)
    assert [(r["org"], r["area"], r["score"]) for r in content.assessment.rows] == [
        ("map", "Fundraising", 2),
        ("fed", "Fundraising", 4),
    ]
    assert not content.assessment.illustrative
    _blocks, charts = report_blocks(content)
    heat = dict((key, fig) for key, _title, fig in charts)["assessment"]
    assert list(heat.data[0].y) == ["MAP", "FED"] and [list(row) for row in heat.data[0].z] == [[2], [4]]


def test_the_shipped_sample_assessment_is_labelled_illustrative(meeting_store):
    content = export.collect(meeting_store.target)
    assert content.assessment.illustrative
    blocks, _charts = report_blocks(content)
    assert any("illustrative sample" in str(block) for block in blocks)


def test_a_broken_assessment_file_stops_the_export_with_its_message(meeting_store, tmp_path):
    bad = tmp_path / "capacity_assessment.csv"
    bad.write_text("organisation,area,score\nmap,Fundraising,9\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="line 2"):
        export.collect(meeting_store.target, assessment=bad)


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_cli_export_shows_progress_and_writes_everything(meeting_store, tmp_path, capsys):
    out = tmp_path / "cli"
    assert main(["export", "--db", str(meeting_store.target), "--out", str(out), "--no-charts", "--reviewed"]) == 0
    captured = capsys.readouterr()
    assert "[1/10] reading the meeting" in captured.err and "[10/10] carry-forward package" in captured.err
    assert "public files" in captured.out and "Chart left out" in captured.out
    package = json.loads((out / "carry-forward" / "package.json").read_text(encoding="utf-8"))
    assert len(package["recommendations"]) == 4
    assert main(["export", "--db", str(tmp_path / "missing.db"), "--out", str(out)]) == 1
    assert "roundtable: error: No database at" in capsys.readouterr().err


@pytest.mark.slow  # public_dir, internal_dir and these exports print PDFs
def test_typed_text_cannot_script_or_link_in_the_web_report(meeting_store, tmp_path):
    meeting_store.add_item("s3", "recommendation", '<img src=x onerror="alert(1)"> [click](javascript:alert(1))')
    export_all(meeting_store.target, tmp_path / "out", charts=False)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    for text in (html, md):
        assert "<img src=x" not in text and "&lt;img src=x" in text
    assert "](javascript:" not in md and "\\[click\\]\\(javascript:alert\\(1\\)\\)" in md
