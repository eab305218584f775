"""The Word files as their readers open them: laid out by LibreOffice (Debian's
libreoffice-writer-nogui), every page rendered to PNG in test-artifacts/documents/ and read back
with poppler; their package parts read as Word reads them."""

import re
import sqlite3
import subprocess
import zipfile

import pytest
from docx import Document

from roundtable_lib.outputs import libreoffice, word_style
from roundtable_lib.outputs.export import collect, export_all
from roundtable_lib.outputs.joint_recommendations import recommendation_blocks
from roundtable_lib.outputs.word import column_widths, write_docx
from tests.helpers.pdfs import (
    fonts,
    kept_groups,
    kept_test_blocks,
    note_test_blocks,
    page_count,
    page_images,
    pages_of,
)

NAMES = ("report", "joint-recommendations")
# Single Thai words (a compound such as แรงงาน|ข้าม|ชาติ may break between its words).
THAI_WORDS = ("พยาบาล", "เสียหาย", "มนุษย์", "แรงงาน", "องค์กร", "โครงการ", "สนับสนุน")
_THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def _unmarked(text):
    """Thai without the marks above and below its letters (pdftotext may print them apart)."""
    return _THAI_MARKS.sub("", text).strip()


def flat(text):
    """Text to compare with what pdftotext read back: no Thai marks, no spaces."""
    return "".join(_unmarked(text).split())


# The body of an A4 page in points, inside the 20 mm margins where Word puts header and footer.
BODY = ("-x", "0", "-y", "57", "-W", "595", "-H", "728")


def body_lines(pdf, page):
    """The lines of one page's body (no running header or footer), as printed."""
    text = subprocess.run(
        # -raw: in the order LibreOffice drew it, which keeps Thai marks with their letters.
        ["pdftotext", "-raw", "-r", "72", *BODY, "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    lines = []
    for line in (" ".join(line.split()) for line in text.splitlines() if line.strip()):
        if lines and _THAI_MARKS.match(line):  # pdftotext moved a mark of the line above down
            lines[-1] += line
        else:
            lines.append(line)
    return lines


def words_of(text):
    return re.findall(r"[A-Za-z]+", text)


@pytest.fixture(scope="module")
def laid_out(demo_template, tmp_path_factory):
    """{(name, variant): (docx path, PDF path)} of the demo's public and internal exports, each
    Word file converted to PDF by LibreOffice and its pages rendered for people to look at."""
    root = tmp_path_factory.mktemp("word")
    db = root / "demo.db"
    source, copy = sqlite3.connect(demo_template), sqlite3.connect(db)
    source.backup(copy)
    source.close()
    copy.close()
    found = {}
    for variant, internal in (("public", False), ("internal", True)):
        out = root / variant
        export_all(db, out, internal=internal)
        suffix = "-internal" if internal else ""
        for name in NAMES:
            docx = out / f"{name}{suffix}.docx"
            pdf = libreoffice.to_pdf(docx, root / f"pdf-{variant}")
            assert pdf, f"LibreOffice could not lay out {docx.name}"
            page_images(pdf, f"word-{name}{suffix}")
            found[name, variant] = (docx, pdf)
    return found


def headings(docx):
    return [p.text for p in Document(docx).paragraphs if p.style.name.startswith(("Heading", "Title")) and p.text]


@pytest.mark.slow  # LibreOffice and poppler
def test_contents_page_numbers_are_the_pages_of_the_headings(laid_out):
    assert contents_match(*laid_out["report", "public"]) >= 8


@pytest.mark.slow  # LibreOffice and poppler
def test_a_small_meetings_contents_too(regional, tmp_path):
    """A meeting with nothing captured yet: a short report whose sections share pages."""
    export_all(regional.path, tmp_path / "out", charts=False)
    docx = tmp_path / "out" / "report.docx"
    pdf = libreoffice.to_pdf(docx, tmp_path / "pdf")
    page_images(pdf, "word-report-small-meeting")
    assert contents_match(docx, pdf) >= 5


def contents_match(docx, pdf):
    """Assert that each contents entry names a section and the page it starts on; returns how
    many sections the contents lists."""
    pages = [body_lines(pdf, n) for n in range(1, page_count(pdf) + 1)]
    start = next(n for n, lines in enumerate(pages) if "Contents" in lines)
    entries, title = [], ""
    following = pages[start + 1] if start + 1 < len(pages) else []  # a long contents runs on
    for line in pages[start][pages[start].index("Contents") + 1 :] + following:
        match = re.match(r"^(.*?)\s*\.{3,}\s*(\d+)$", line)
        title = f"{title} {match.group(1) if match else line}".strip()
        if match:  # an entry ends with its dotted leader and page; a long one wraps before it
            entries.append((title, int(match.group(2))))
            title = ""
    sections = [p.text for p in Document(docx).paragraphs if p.style.name == "Heading 1"]
    assert [flat(t) for t, _ in entries][: len(sections)] == [flat(t) for t in sections]
    for title, page in entries[: len(sections)]:
        assert flat(title) in flat(" ".join(pages[page - 1])), f"{title!r} is not on page {page}"
        earlier = [n + 1 for n in range(start + 1, page - 1) if flat(title) in flat(" ".join(pages[n]))]
        assert earlier == [], f"{title!r} is on page {earlier}, before {page}"
    return len(sections)


@pytest.mark.slow  # LibreOffice and poppler
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("variant", ["public", "internal"])
def test_no_heading_is_the_last_line_of_a_page(laid_out, name, variant):
    docx, pdf = laid_out[name, variant]
    titles = [flat(h) for h in headings(docx)]
    for n in range(1, page_count(pdf) + 1):
        body = flat(" ".join(body_lines(pdf, n)))
        left = [title for title in titles if body.endswith(title)]
        assert left == [], f"page {n} of {pdf.name} ends with the heading {left}"


@pytest.mark.slow  # LibreOffice and poppler
@pytest.mark.parametrize("name", NAMES)
def test_no_word_is_split_inside_a_table_cell(laid_out, name):
    docx, pdf = laid_out[name, "internal"]
    doc = Document(docx)
    known = {w for p in doc.paragraphs for w in words_of(p.text)}
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    known |= {w for text in cells for w in words_of(text)}
    for section in doc.sections:
        known |= {w for p in section.footer.paragraphs + section.header.paragraphs for w in words_of(p.text)}
    printed = [w for n in range(1, page_count(pdf) + 1) for line in body_lines(pdf, n) for w in words_of(line)]
    broken = sorted({w for w in printed if w not in known})
    assert broken == [], f"words printed that the document does not hold (split across lines): {broken[:20]}"
    # Thai has no spaces between words: no line ends inside a Thai word the next line finishes.
    held = "".join(p.text for p in doc.paragraphs) + "".join(cells)
    checked = [w for w in THAI_WORDS if w in held]
    assert checked, "the document holds none of the Thai words this test looks for"
    printed = [flat(line) for n in range(1, page_count(pdf) + 1) for line in body_lines(pdf, n)]
    for word in map(_unmarked, checked):
        for above, below in zip(printed, printed[1:], strict=False):
            split = [k for k in range(1, len(word)) if above.endswith(word[:k]) and below.startswith(word[k:])]
            assert not split, f"{word} split across lines: {above!r} / {below!r}"


@pytest.mark.slow  # LibreOffice and poppler
@pytest.mark.parametrize("name", NAMES)
def test_one_font_family_with_thai_embedded(laid_out, name):
    _, pdf = laid_out[name, "public"]
    used = fonts(pdf)
    assert ("NotoSansThai-Regular", True) in used
    assert all(embedded for _, embedded in used)
    assert {font.split("-")[0] for font, _ in used} <= {"NotoSans", "NotoSansThai"}, used


@pytest.mark.slow  # LibreOffice
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("variant", ["public", "internal"])
def test_opens_without_a_prompt_and_with_clean_properties(laid_out, name, variant):
    docx, _ = laid_out[name, variant]
    with zipfile.ZipFile(docx) as package:
        parts = {
            n: package.read(n).decode("utf-8", "replace") for n in package.namelist() if not n.startswith("word/media")
        }
    assert not [n for n in parts if "thumbnail" in n or n.startswith("customXml")]
    assert "<Application>Roundtable Workbook</Application>" in parts["docProps/app.xml"]
    assert "Macintosh" not in "".join(parts.values())
    assert "ja-JP" not in "".join(parts.values()) and "Jpan" not in parts["word/theme/theme1.xml"]
    assert "updateFields" not in parts["word/settings.xml"] and 'w:dirty="true"' not in parts["word/document.xml"]
    assert 'w:cs="Noto Sans Thai"' in parts["word/styles.xml"] and 'w:bidi="th-TH"' in parts["word/styles.xml"]
    props = Document(docx).core_properties
    assert "Rights of Migrants in Action" in props.title and props.author == "Rights of Migrants in Action"
    assert "12 July 2016" in props.subject and props.last_modified_by == "Roundtable Workbook"
    assert (props.keywords == "INTERNAL") == (variant == "internal")
    # The meeting's short title heads every page but the cover; each page says its number.
    section = Document(docx).sections[0]
    assert "Rights of Migrants in Action" in section.header.paragraphs[0].text
    assert "Rights of Migrants in Action" not in section.first_page_header.paragraphs[0].text
    for footer in (section.footer, section.first_page_footer):
        assert " PAGE " in footer._element.xml and " NUMPAGES " in footer._element.xml


@pytest.mark.slow  # LibreOffice
def test_tables_repeat_their_header_and_keep_rows_whole(laid_out):
    docx, _ = laid_out["report", "public"]
    tables = Document(docx).tables
    assert len(tables) >= 5
    for table in tables:
        rows = [row._tr.xml for row in table.rows]
        assert "<w:tblHeader/>" in rows[0] and all("<w:cantSplit/>" in row for row in rows)
        # One fixed layout, once: Word refuses a table property given twice as unreadable content.
        assert table._tbl.tblPr.xml.count("<w:tblLayout") == 1 and 'w:type="fixed"' in table._tbl.tblPr.xml


# ------------------------------------------------------------------------------ quick: no process


def test_every_column_holds_its_longest_word():
    headers = ["Capacity area", "Organisations", "Thai"]
    rows = [["Monitoring and evaluation", "MAP, LSDF, FED, HRDF", "ปฐมพยาบาลทางจิตใจ"], ["Case management", "FLEP", ""]]
    size, widths = column_widths(headers, rows, 482)
    assert size == 9 and sum(widths) == pytest.approx(482)
    for n, width in enumerate(widths):
        words = [w for row in [headers, *rows] for w in str(row[n]).split()]
        assert width >= max(word_style.text_width(w) for w in words if w.isascii()) * size


def test_many_columns_get_a_smaller_type_rather_than_split_words():
    headers = [f"Organisation{n}" for n in range(9)]
    size, widths = column_widths(headers, [["Psychosocial"] * 9], 482)
    assert size < 9 and all(w >= word_style.text_width("Organisation0") * size for w in widths)


def test_without_layout_the_contents_lists_the_sections_and_asks_nothing(tmp_path):
    blocks = [("h", 0, "Report"), ("toc",), ("break",), ("h", 1, "Executive summary"), ("p", "Text.", None)]
    write_docx(blocks, tmp_path / "r.docx", page_numbers=False)
    doc = Document(tmp_path / "r.docx")
    entries = [p.text for p in doc.paragraphs if p._p.xpath(".//w:hyperlink")]
    assert entries == ["Executive summary"]
    with zipfile.ZipFile(tmp_path / "r.docx") as package:
        assert "updateFields" not in package.read("word/settings.xml").decode()
        assert "docProps/thumbnail.jpeg" not in package.namelist()


def page_bodies(pdf):
    return [" ".join(body_lines(pdf, n)) for n in range(1, page_count(pdf) + 1)]


@pytest.mark.slow  # LibreOffice and poppler
def test_a_group_kept_together_is_on_one_page(tmp_path):
    """A heading and its paragraphs kept together move whole to the next page; a note after a
    table stays on the page of the table's last rows, never alone at the head of the next."""
    docx = tmp_path / "keep-test.docx"
    write_docx(kept_test_blocks(), docx, page_numbers=False)
    pdf = libreoffice.to_pdf(docx, tmp_path / "pdf")
    page_images(pdf, "word-keep-test")
    pages = page_bodies(pdf)
    groups = [group for group in kept_groups(kept_test_blocks()) if len(group) > 1]
    assert len(groups) == 30
    for group in groups:
        assert len(pages_of(group[0], pages, flat)) == 1, group[0]
        assert pages_of(group[0], pages, flat) == pages_of(group[-1], pages, flat), group[0]
    docx = tmp_path / "note-test.docx"
    write_docx(note_test_blocks(), docx, page_numbers=False)
    pdf = libreoffice.to_pdf(docx, tmp_path / "pdf")
    page_images(pdf, "word-note-test")
    pages = page_bodies(pdf)
    for s in range(1, 41):
        note = pages_of(f"Note {s:02d} explains", pages, flat)
        assert len(note) == 1 and note == pages_of(f"row-{s:02d}-02", pages, flat), s


@pytest.mark.slow  # LibreOffice and poppler
@pytest.mark.parametrize("variant", ["public", "internal"])
def test_recommendations_and_signatories_are_never_split_across_pages(laid_out, demo_template, variant):
    """Each recommendation (heading, text, why, to whom, rank) and the signature block on one page."""
    blocks = recommendation_blocks(collect(demo_template, internal=variant == "internal"))
    pages = page_bodies(laid_out["joint-recommendations", variant][1])
    groups = kept_groups(blocks)
    assert [g[0] for g in groups if g[0].startswith("Signatories")] and len(groups) >= 5
    for group in groups:
        assert any(all(flat(text) in flat(page) for text in group) for page in pages), group[0]
