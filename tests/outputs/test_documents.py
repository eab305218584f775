"""The report and the joint recommendations read the way a reader sees them: the PDFs are
turned into page images (kept in test-artifacts/documents/) and their text is read back with
poppler's pdftotext, the Word files with python-docx."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from roundtable_lib.cli import main
from roundtable_lib.meeting.assessment import area_key, area_labels
from roundtable_lib.meeting.rules import match_offers_asks
from roundtable_lib.outputs import document as words
from roundtable_lib.outputs import export
from roundtable_lib.outputs.document import INTERNAL_NOTICE
from roundtable_lib.outputs.export import export_all
from tests.helpers.exports import REFUSED, SECRET, THAI_REC, add_hard_cases, docx_text

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"


@pytest.fixture
def meeting_store(demo_store):
    """The demo meeting plus a sensitive item and a name that may not be published."""
    return add_hard_cases(demo_store)


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(path, page=None):
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def page_images(path, name):
    """Every page as a PNG in test-artifacts/documents/ (looked at by people, not by the test)."""
    folder = ARTIFACTS / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(folder / "page")], check=True, timeout=120)
    return sorted(folder.glob("page-*.png"))


@pytest.fixture
def exported(meeting_store, tmp_path):
    out = tmp_path / "public"
    result = export_all(meeting_store.path, out, charts=True)
    assert result.skipped == [] and result.omitted_charts == []
    return out


@pytest.mark.slow  # PDFs, read back with poppler
def test_the_report_pdf(exported):
    pdf = exported / "report.pdf"
    pages = pdf_pages(pdf)
    assert 8 <= pages <= 30
    assert len(page_images(pdf, "report")) == pages
    text = pdf_text(pdf)
    for expected in (
        "Meeting report",
        "Contents",
        "Executive summary",
        "Joint recommendations",
        "Synergies and peer support",
        "Capacity findings",
        "ILLUSTRATIVE SAMPLE",  # the shipped assessment is said loudly
        "Training work plan",
        "Action items",
        "Annex: everything captured",
        f"Page 1 of {pages}",
        f"Page {pages} of {pages}",
        "ข้อเสนอแนะร่วม",  # Thai glyphs, not boxes: pdftotext reads them back
        "โครงการสิทธิของแรงงานข้ามชาติในการปฏิบัติ",
    ):
        assert expected in text, expected
    assert "Priority capacity needs" in text and "results were not revealed" in text
    assert SECRET not in text
    assert [name for name in REFUSED if name.lower() in text.lower()] == []
    assert "INTERNAL" not in text and "Public version" not in text
    assert "Generated" not in pdf_text(pdf, page=1)  # the export time is in the properties only
    for sloppy in ("1 ballots", "4.6667", "..", ".;", ".,", "The room"):
        assert sloppy not in text, sloppy


@pytest.mark.slow  # PDFs, read back with poppler
def test_the_joint_recommendations_pdf(exported, meeting_store):
    pdf = exported / "joint-recommendations.pdf"
    assert 1 <= pdf_pages(pdf) <= 4
    page_images(pdf, "joint-recommendations")
    text = " ".join(pdf_text(pdf).split())
    poll = next(p for p in meeting_store.polls() if p["session"] == "s3")
    ranked = [r["label_en"] for r in meeting_store.poll_results(poll["id"])["results"]]
    starts = [text.find(f"{n}. {label[:40]}") for n, label in enumerate(ranked, start=1)]
    assert -1 not in starts and starts == sorted(starts), starts  # in vote order
    for expected in (
        "How these recommendations were made",
        "Signatories",
        "MAP Foundation",
        "14 ballots from 6 organisations: MAP, LSDF, FLEP, FED",
        "Rank 1 · อันดับ 1",
        "roma.thailand@example.org",
        THAI_REC[:20],
    ):
        assert expected in text, expected
    assert "Delegation of the European Union" not in text.split("Signatories")[1]  # a donor observes
    assert "Public version" not in text and "INTERNAL" not in text
    assert [name for name in REFUSED if name.lower() in text.lower()] == []


@pytest.mark.slow  # PDFs, read back with poppler
def test_internal_pdfs_say_internal_on_every_page(meeting_store, tmp_path):
    out = tmp_path / "internal"
    export_all(meeting_store.path, out, internal=True, charts=False)
    for name in ("report-internal.pdf", "joint-recommendations-internal.pdf"):
        pages = pdf_pages(out / name)
        assert all("INTERNAL" in pdf_text(out / name, page=n) for n in range(1, pages + 1)), name
    assert SECRET in " ".join(pdf_text(out / "report-internal.pdf").split())  # a cell wraps its text
    doc = Document(out / "joint-recommendations-internal.docx")
    assert all(INTERNAL_NOTICE in s.header.paragraphs[0].text for s in doc.sections)


@pytest.mark.slow  # PDFs, read back with poppler
def test_word_documents_have_contents_page_numbers_and_properties(exported):
    doc = Document(exported / "report.docx")
    xml = doc.element.xml
    assert "TOC \\o" in xml  # Word's table of contents field
    footer = doc.sections[0].footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=1)  # A4
    assert doc.core_properties.comments.startswith("Exported ")
    assert "Generated" not in docx_text(exported / "report.docx")
    assert "Public version" not in docx_text(exported / "joint-recommendations.docx")


@pytest.mark.parametrize(
    "env, reason",
    [
        # Without Chromium the Word report's contents are still numbered by LibreOffice: a process.
        pytest.param({"BROWSER_PATH": "/nonexistent/chromium"}, "no Chromium", marks=pytest.mark.slow),
        ({"ROUNDTABLE_NO_PDF": "1"}, "PDF printing is turned off"),
    ],
)
def test_without_a_browser_the_word_documents_are_still_written(
    meeting_store, tmp_path, monkeypatch, capsys, env, reason
):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out = tmp_path / "out"
    assert main(["export", "--db", str(meeting_store.path), "--out", str(out), "--no-charts", "--reviewed"]) == 0
    assert (out / "report.docx").exists() and (out / "joint-recommendations.docx").exists()
    assert not list(out.glob("*.pdf"))
    said = capsys.readouterr().out
    assert f"Not written: report.pdf ({reason}" in said and "Not written: joint-recommendations.pdf" in said


@pytest.mark.slow  # PDFs, read back with poppler
def test_pdfs_are_printed_without_charts_too(meeting_store, tmp_path):
    result = export_all(meeting_store.path, tmp_path / "out", charts=False)
    assert "report.pdf" in result.files and result.skipped == []
    assert "Chart left out: Contributions by organisation" in pdf_text(tmp_path / "out" / "report.pdf")


@pytest.mark.parametrize(
    "n, word, expected", [(1, "ballot", "1 ballot"), (2, "ballot", "2 ballots"), (0, "voter", "0 voters")]
)
def test_plural(n, word, expected):
    assert words.plural(n, word) == expected


@pytest.mark.parametrize(
    "value, expected", [(4.6667, "4.67"), (3.0, "3"), (22, "22"), (2.5, "2.5"), (0.004, "0"), (None, "")]
)
def test_score(value, expected):
    assert words.score(value) == expected


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("agreed to meet again", "Agreed to meet again."),
        ("Done.", "Done."),
        ("Done..", "Done."),
        ("really?", "Really?"),
        ("  spaced   out ", "Spaced out."),
        ("ตกลงกันแล้ว", "ตกลงกันแล้ว"),
        ("", ""),
    ],
)
def test_sentence(typed, expected):
    assert words.sentence(typed) == expected


@pytest.mark.parametrize(
    "a, b",
    [("Case management", "case  management"), ("Monitoring & evaluation", "monitoring and evaluation")],
)
def test_one_capacity_area_spelt_two_ways(a, b):
    assert area_key(a) == area_key(b)
    assert len(area_labels([a, b])) == 1


def test_the_report_pairs_offers_and_asks_as_the_room_saw_them(fresh_store):
    """A topic typed two ways ("Straße", "STRASSE": equal only once case-folded) is one topic on
    the chair's screen and the dashboards (rules.topic_key), so in the report too."""
    fresh_store.add_item("s2", "offer", "We can train staff", org="map", attrs={"topic": "Straße  safety"})
    fresh_store.add_item("s2", "ask", "We need training", org="fed", attrs={"topic": "STRASSE SAFETY"})
    assert len(match_offers_asks(fresh_store.items())) == 1
    matches = words.matched_offers(export.collect(fresh_store.path))
    assert [(topic, len(offers), len(asks)) for topic, offers, asks in matches] == [("Straße safety", 1, 1)]


@pytest.mark.slow  # PDFs, read back with poppler
def test_unrevealed_votes_are_listed_as_such_in_the_tables(exported):
    rows = (exported / "csv" / "votes.csv").read_text(encoding="utf-8-sig").splitlines()
    hidden = [r for r in rows if r.startswith("Priority capacity needs,")]
    assert len(hidden) == 1 and words.NOT_REVEALED in hidden[0]
