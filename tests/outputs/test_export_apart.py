"""Internal and public never meet: each has its own default folder, an export refuses a folder
holding the other kind's files (nothing written), internal copies say INTERNAL in every table and
mark each sensitive item, and a public export from the command line needs the organiser's review.

These exports write no PDF and no chart (no browser process): the documents' INTERNAL pages are
the print tests' subject."""

import csv
import json

import pytest
from openpyxl import load_workbook

from roundtable_lib.cli import main
from roundtable_lib.meeting.labels import t
from roundtable_lib.outputs import manifest
from roundtable_lib.outputs.export import ExportError, export_all
from roundtable_lib.outputs.pdf import NO_PDF_ENV
from tests.helpers.exports import all_text

SECRET = "The shelter in Ranong hides two survivors"
SECRET_TH = "บ้านพักในระนองซ่อนผู้เสียหายสองคน"


@pytest.fixture
def meeting_db(fresh_store):
    fresh_store.add_item("s2", "challenge", SECRET, text_th=SECRET_TH, org="fed", sensitive=True)
    fresh_store.add_item("s2", "progress", "Opened a second shelter", text_th="เปิดบ้านพักแห่งที่สอง", org="map")
    fresh_store.add_item("s3", "recommendation", "A weekly day off", text_th="วันหยุดประจำสัปดาห์")
    return fresh_store.path


@pytest.fixture
def no_pdf(monkeypatch):
    monkeypatch.setenv(NO_PDF_ENV, "1")


def listing(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) if folder.exists() else []


def test_each_copy_has_its_own_default_folder(meeting_db, tmp_path, monkeypatch, no_pdf, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--db", str(meeting_db), "--no-charts", "--reviewed"]) == 0
    assert main(["export", "--db", str(meeting_db), "--no-charts", "--internal"]) == 0
    said = capsys.readouterr().out
    assert f"to {tmp_path.joinpath('exports', 'public').relative_to(tmp_path)}" in said
    assert (tmp_path / "exports" / "public" / "report.docx").is_file()
    assert (tmp_path / "exports" / "internal" / "report-internal.docx").is_file()
    assert not list((tmp_path / "exports" / "public").glob("*internal*"))
    assert not (tmp_path / "exports" / "internal" / "report.docx").exists()


@pytest.mark.parametrize("how", ["manifest", "copied in"])
def test_a_public_export_refuses_a_folder_holding_internal_files(meeting_db, tmp_path, how):
    out = tmp_path / "exports"
    if how == "manifest":
        export_all(meeting_db, out, internal=True, charts=False, pdf=False)
    else:  # no manifest: someone copied the organisers' PDF in by hand
        out.mkdir()
        (out / "report-internal.pdf").write_bytes(b"%PDF-1.4 internal")
    before = listing(out)
    with pytest.raises(ExportError) as refused:
        export_all(meeting_db, out, charts=False, pdf=False)
    message = str(refused.value)
    assert "holds INTERNAL files" in message and "report-internal" in message
    assert "exports/public" in message and message.endswith("Nothing was written.")
    assert "\n" not in message
    assert listing(out) == before


def test_an_internal_export_refuses_a_public_folder(meeting_db, tmp_path):
    out = tmp_path / "shared"
    export_all(meeting_db, out, charts=False, pdf=False)
    before = listing(out)
    with pytest.raises(ExportError, match=r"holds public files \(.*report\.docx.*\): the internal copy never"):
        export_all(meeting_db, out, internal=True, charts=False, pdf=False)
    assert listing(out) == before
    assert "internal" not in json.loads((out / manifest.NAME).read_text())["files"]


def test_the_command_refuses_in_one_line_and_writes_nothing(meeting_db, tmp_path, no_pdf, capsys):
    out = tmp_path / "exports"
    export_all(meeting_db, out, internal=True, charts=False, pdf=False)
    before = listing(out)
    assert main(["export", "--db", str(meeting_db), "--out", str(out), "--no-charts", "--reviewed"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("roundtable: error: ") and "holds INTERNAL files" in err[0]
    assert listing(out) == before


def test_a_public_export_needs_the_review_acknowledged(fresh_store, tmp_path, no_pdf, capsys):
    fresh_store.add_item("s2", "plan", "Train two paralegals", org="map")  # no Thai version
    meeting_db, out = fresh_store.path, tmp_path / "public"
    assert main(["export", "--db", str(meeting_db), "--out", str(out), "--no-charts"]) == 1
    said = capsys.readouterr()
    assert said.out.splitlines()[0] == "Before publishing: 1 thing to check in the public files."
    assert "3. Items in one language only: 1 to check." in said.out
    assert 's2 plan (MAP): no Thai "Train two paralegals"' in said.out
    assert "What to do: Add the missing version" in said.out
    assert said.err.splitlines() == [
        "roundtable: error: Nothing was written: a public export needs your review. Check the 1 point "
        "listed above (each says what to do), then run the same command again with --reviewed to write "
        "the public files."
    ]
    assert not out.exists()
    assert main(["export", "--db", str(meeting_db), "--out", str(out), "--no-charts", "--reviewed"]) == 0
    said = capsys.readouterr().out
    assert "Before publishing: 1 thing to check" in said and "public files" in said
    assert (out / "report.docx").is_file()


def test_an_internal_export_needs_no_acknowledgement(meeting_db, tmp_path, no_pdf, capsys):
    out = tmp_path / "internal"
    assert main(["export", "--db", str(meeting_db), "--out", str(out), "--no-charts", "--internal"]) == 0
    assert "Before publishing" not in capsys.readouterr().out


def test_internal_tables_say_internal_on_every_row(meeting_db, tmp_path):
    out = tmp_path / "internal"
    export_all(meeting_db, out, internal=True, charts=False, pdf=False)
    head, cell = "INTERNAL: do not publish / ใช้ภายในเท่านั้น: ห้ามเผยแพร่", "INTERNAL"
    files = sorted((out / "csv-internal").glob("*.csv"))
    assert len(files) >= 4
    for path in files:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0][0] == head, path.name
        assert all(row[0] == cell for row in rows[1:]), path.name
    for name in ("tables-internal.xlsx", "training-plan-internal.xlsx"):
        for sheet in load_workbook(out / name).worksheets:
            column = [c.value for c in sheet["A"]]
            assert column[0] == head and set(column[1:]) <= {cell}, (name, sheet.title)
    with open(out / "csv-internal" / "challenge.csv", encoding="utf-8-sig", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row[head] == cell and SECRET in row.values()  # a program still reads it by column


def test_internal_documents_mark_each_sensitive_item(meeting_db, tmp_path):
    internal, public = tmp_path / "internal", tmp_path / "public"
    export_all(meeting_db, internal, internal=True, charts=False, pdf=False)
    export_all(meeting_db, public, charts=False, pdf=False)
    mark_en, mark_th = t("export.sensitive_mark", "en"), t("export.sensitive_mark", "th")
    # Markdown escapes the brackets: read it as its reader does.
    texts = {p.name: text.replace("\\[", "[").replace("\\]", "]") for p, text in all_text(internal).items()}
    for name in ("report-internal.docx", "report-internal.md", "report-internal.html"):
        assert f"{mark_en} {SECRET}" in texts[name], name
        assert f"{mark_th} {SECRET_TH}" in texts[name], name
        assert texts[name].count(mark_en) == texts[name].count(SECRET), name  # every time it is printed
        assert f"{mark_en} Opened a second shelter" not in texts[name]
    for path, text in all_text(public).items():
        assert SECRET not in text and mark_en not in text, path.name
