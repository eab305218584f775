"""Spreadsheets people read and print: labelled headers in both languages, ids last, sessions by
title, times as real dates on the meeting's clock, print setup; the workbook printed by
LibreOffice (Debian's libreoffice-calc-nogui) and read back with poppler."""

import csv
import datetime as dt
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from roundtable_lib.outputs.export import export_all
from roundtable_lib.outputs.spreadsheets import column_label, people_table, write_csv, write_xlsx
from tests.helpers import ROOT
from tests.helpers.exports import FORMULA, add_hard_cases

ID = "0f" * 16
ARTIFACTS = ROOT / "test-artifacts" / "documents" / "tables-xlsx"


def _run(*command):
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=300).stdout


def _printed(pdf):
    """(page texts as printed, [(font, embedded)]) of ``pdf``, its pages as PNGs for people to look at."""
    pages = int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M).group(1))
    texts = [_run("pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-") for n in range(1, pages + 1)]
    fonts = [(row.split()[0].split("+")[-1], " yes " in row) for row in _run("pdffonts", str(pdf)).splitlines()[2:]]
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    _run("pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / "page"))
    return texts, fonts


def test_a_table_reads_as_people_read_it(meeting):
    headers, rows = people_table(
        meeting,
        ["id", "session", "organisation", "english", "owner_person", "captured_at"],
        [[ID, "s3", "MAP", "Text", "Somchai", "2016-07-12T07:05:09.123+00:00"]],
    )
    assert headers == [
        "Session / ช่วงการประชุม",
        "Organisation / องค์กร",
        "English / ภาษาอังกฤษ",
        "Owner (person) / ผู้รับผิดชอบ (บุคคล)",
        "Captured at / เวลาที่บันทึก (Asia/Bangkok)",
        "Reference id / รหัสอ้างอิง",
    ]
    assert rows == [
        [
            "Session 3: From local to national, regional and global",
            "MAP",
            "Text",
            "Somchai",
            dt.datetime(2016, 7, 12, 14, 5, 9, 123000),
            ID,
        ]
    ]


def test_a_header_already_in_words_keeps_its_words(meeting):
    assert column_label("Capacity area") == "Capacity area / ด้านศักยภาพ"
    assert column_label("something_new") == "Something new"


@pytest.fixture
def tables(demo_store, tmp_path):
    add_hard_cases(demo_store)
    out = tmp_path / "public"
    export_all(demo_store.path, out, charts=False, pdf=False)
    return out


def test_the_tables_workbook_is_set_up_to_read_and_print(tables):
    wb = load_workbook(tables / "tables.xlsx")
    assert {"Joint recommendation", "Action item", "Participants", "Votes"} <= set(wb.sheetnames)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$1"
        headers = [c.value for c in ws[1]]
        assert not any(h in ("id", "session", "captured_at", "owner_person") for h in headers), headers
        assert all(c.font.b for c in ws[1])
    actions = wb["Action item"]
    headers = [c.value for c in actions[1]]
    assert headers[-1] == "Reference id / รหัสอ้างอิง" and "Owner (person) / ผู้รับผิดชอบ (บุคคล)" in headers
    when = headers.index("Captured at / เวลาที่บันทึก (Asia/Bangkok)")
    cell = actions.cell(row=2, column=when + 1)
    assert isinstance(cell.value, dt.datetime) and cell.number_format == "yyyy-mm-dd hh:mm"
    sessions = {r[headers.index("Session / ช่วงการประชุม")] for r in actions.iter_rows(min_row=2, values_only=True)}
    assert sessions == {"Conclusions and closing remarks"}
    votes = wb["Votes"]
    scores = [
        r[[c.value for c in votes[1]].index("Score / คะแนน")] for r in votes.iter_rows(min_row=2, values_only=True)
    ]
    assert 4.67 in scores and not any(isinstance(v, float) and round(v, 2) != v for v in scores)


def test_typed_text_that_looks_like_a_formula_is_plain_text_in_the_workbook(tables):
    ws = load_workbook(tables / "tables.xlsx")["Lesson learned"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert [(c.value, c.data_type) for c in cells] == [(FORMULA, "s")]  # shown as typed, no quote, never run


def test_the_csv_files_have_peoples_headers_and_the_package_keeps_field_names(tables):
    with open(tables / "csv" / "action.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "Session / ช่วงการประชุม" and rows[0][-1] == "Reference id / รหัสอ้างอิง"
    when = rows[0].index("Captured at / เวลาที่บันทึก (Asia/Bangkok)")
    assert dt.datetime.strptime(rows[1][when], "%Y-%m-%d %H:%M")
    package = (tables / "carry-forward" / "recommendations.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert package == "rank,score,ballots,tied,recommendation,thai"  # as written before: the package is for programs


def test_times_are_on_the_meetings_clock(meeting, tmp_path):
    path = tmp_path / "t.xlsx"
    write_xlsx([("action", ["captured_at"], [["2016-07-12T02:00:00Z"]])], path, meeting=meeting)
    assert load_workbook(path).active["A2"].value == dt.datetime(2016, 7, 12, 9, 0)
    write_csv(["captured_at"], [["2016-07-12T02:00:00Z"]], tmp_path / "t.csv", meeting=meeting)
    assert (tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()[1] == "2016-07-12 09:00"


@pytest.mark.slow  # starts LibreOffice
def test_libreoffice_prints_the_tables_on_few_pages_with_headers_and_thai(tables, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: apt-get install libreoffice-calc-nogui (make browser)")
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tables / "tables.xlsx")],
        check=True, timeout=300, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    pdf = tmp_path / "tables.pdf"
    assert pdf.is_file(), "LibreOffice could not open the workbook: is libreoffice-calc-nogui installed?"
    texts, fonts = _printed(pdf)
    pages = len(texts)
    # One page or two per kind of item at this size, not one column per page (76 pages before).
    assert pages <= 30, pages
    assert len(list(ARTIFACTS.glob("page-*.png"))) == pages
    # Every printed page repeats the header row and says which page of how many.
    assert all("Session / " in text or "Organisation / " in text or "Poll" in text or "Name" in text for text in texts)
    assert all(f"/ {pages}" in text for text in texts)
    assert any(("Thai" in name or "Loma" in name or "Garuda" in name) and embedded for name, embedded in fonts)


def test_a_poll_s_method_and_weighting_read_as_the_chair_chose_them(meeting, tables):
    headers, rows = people_table(meeting, ["method", "weighting"], [["dots", "person"], ["scale", "organisation"]])
    assert rows == [
        ["Dot voting / ลงคะแนนแบบจุด", "One vote per person / หนึ่งคนหนึ่งเสียง"],
        ["Scale 1-5 / มาตรวัด 1-5", "One vote per organisation / หนึ่งองค์กรหนึ่งเสียง"],
    ]
    votes = load_workbook(tables / "tables.xlsx")["Votes"]
    values = {v for row in votes.iter_rows(min_row=2, values_only=True) for v in row}
    assert "Dot voting / ลงคะแนนแบบจุด" in values and "One vote per person / หนึ่งคนหนึ่งเสียง" in values
    assert not values & {"dots", "single", "scale", "person", "organisation"}
    with open(tables / "csv" / "votes.csv", encoding="utf-8-sig", newline="") as fh:
        cells = {v for row in csv.reader(fh) for v in row}
    assert "Dot voting / ลงคะแนนแบบจุด" in cells and not cells & {"dots", "person", "organisation"}
