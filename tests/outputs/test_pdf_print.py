"""The PDFs as printed pages: a contents page whose page numbers are the pages the sections are
on, a running head and foot on every page, no heading left at the foot of a page, table header
rows repeated, rows kept whole and never alone at either end of a page, one font family for
Latin and Thai, embedded, and Thai text that reads back from the PDF exactly as it was typed.

Every page is read back with pdftotext, one page at a time, and kept as an image in
test-artifacts/documents/pdf-*/ for people to look at.
"""

import re

import pytest

from roundtable_lib.outputs.export import collect, export_all
from roundtable_lib.outputs.joint_recommendations import recommendation_blocks
from roundtable_lib.outputs.pdf import print_pdfs, running_head, section_pages
from roundtable_lib.outputs.report import report_blocks
from tests.helpers.pdfs import (
    fonts,
    kept_groups,
    kept_test_blocks,
    note_test_blocks,
    page_images,
    page_texts,
    pages_of,
)

PAGE_OF = re.compile(r"Page (\d+) of (\d+)")
TOC_LINE = re.compile(r"^\s*(\S.*?)\s{3,}(\d+)\s*$")  # the dotted leader is drawn, not written
# Thai with what a PDF most easily gets wrong: sara am (ำ, which the shaper splits in two),
# marks stacked on a consonant (ั with ิ, ้ over ั) and a tone mark over a vowel mark.
THAI = "การปฏิบัติ สำหรับ นั้น ผู้เสียหาย น้ำใจ ที่ตั้ง"


def _body(text):
    """A page's lines without its running head and foot (the notice, "Page n of N")."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    while lines and PAGE_OF.search(lines[-1]):
        lines.pop()
    return lines


def _body_lines(text, head, notice):
    lines = _body(text)
    if lines and head and lines[0].startswith(head):
        lines = lines[1:]
    return [line for line in lines if not (notice and notice.startswith(line))]


def _contents(pages, head="", notice=""):
    """``[(heading, page)]`` from the contents: the lines after "Contents" up to the first that
    is not an entry, over as many pages as they take; a long heading wraps onto a second line,
    the page number at the end of its last."""
    lines = [line.strip() for text in pages for line in text.splitlines() if line.strip()]
    lines = lines[lines.index("Contents") + 1 :]
    found, pending = [], ""
    for line in lines:
        if PAGE_OF.search(line) or (head and line.startswith(head)) or (notice and line.startswith(notice)):
            continue  # a page's margin, where the contents run onto the next page
        m = TOC_LINE.match(line)
        if m:
            found.append(((pending + " " + m.group(1)).strip(), int(m.group(2))))
            pending = ""
        elif not pending:
            pending = line  # the first line of a heading that wraps
        else:
            break
    return found


def _squash(lines):
    """Text without its spaces and line ends, to find what wrapped (Thai wraps between words
    that have no space between them)."""
    return "".join("".join(lines).split())


def _is_heading(line, headings):
    """Whether a printed line is a heading or a piece of one (a long heading wraps)."""
    return any(line == h or (len(line) >= 12 and line in h) for h in headings)


def _headings_left_at_foot(pages, headings, lead_ins, head="", notice="", captions=()):
    """The pages whose last lines are a heading (and perhaps the line it brings with it, such as
    its Thai subtitle) with nothing of what it introduces after it. A chart's caption may say
    what a heading says: at a page's foot it ends the chart, it does not start anything."""
    found = []
    for n, text in enumerate(pages, start=1):
        lines = _body_lines(text, head, notice)
        if lines and lines[-1] in captions:
            continue
        while lines and lines[-1] in lead_ins:
            lines.pop()
        if lines and _is_heading(lines[-1], headings):
            found.append((n, lines[-1]))
    return found


def _sections(count=36):
    """A document made to push headings, tables and long rows against page ends: sections of
    varying length, each with a heading, a paragraph and a table whose rows run over lines."""
    blocks = [("h", 0, "Print test"), ("p", "Subtitle of the print test", "subtitle"), ("toc",), ("break",)]
    for s in range(1, count + 1):
        blocks += [
            ("h", 1, f"Section {s:02d} heading"),
            ("p", "A sentence of filler text for the page. " * (s * 7 % 23 + 1), None),
            ("h", 2, f"Table {s:02d} heading"),
            (
                "table",
                ["Header-Alpha", "Header-Beta"],
                [
                    [f"row-{s:02d}-{r:02d}", "\n".join(f"row-{s:02d}-{r:02d} line {k}" for k in range(1 + (s + r) % 5))]
                    for r in range(1, 2 + (s * 5) % 13)
                ],
            ),
        ]
    return blocks


@pytest.fixture(scope="module")
def test_document(tmp_path_factory):
    path = tmp_path_factory.mktemp("print") / "print-test.pdf"
    assert print_pdfs([(_sections(), path, "INTERNAL: print test", {}, ())], True, "Print test head") == []
    page_images(path, "pdf-print-test")
    return page_texts(path)


@pytest.mark.slow  # poppler reads the PDF back
def test_the_contents_give_the_page_each_section_starts_on(test_document):
    contents = _contents(test_document, "Print test head", "INTERNAL: print test")
    assert [heading for heading, _page in contents] == [f"Section {s:02d} heading" for s in range(1, 37)]
    for heading, page in contents:
        assert heading in _body(test_document[page - 1]), (heading, page)
        assert all(heading not in _body(text) for text in test_document[: page - 1] if "Contents" not in text)


@pytest.mark.slow
def test_every_page_has_its_running_head_and_foot(test_document):
    total = len(test_document)
    assert total > 10
    for n, text in enumerate(test_document, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert PAGE_OF.search(lines[-1]).groups() == (str(n), str(total))
        assert "INTERNAL: print test" in lines[-1]
        assert (lines[0] == "Print test head") == (n > 1), n  # not on the cover


@pytest.mark.slow
def test_no_heading_is_left_at_the_foot_of_a_page(test_document):
    headings = [f"{kind} {s:02d} heading" for s in range(1, 37) for kind in ("Section", "Table")]
    found = _headings_left_at_foot(test_document, headings, (), "Print test head", "INTERNAL: print test")
    assert found == []


def _rows_by_page(pages):
    """``{row id: {pages its lines are on}}`` and ``{table: {page: rows starting there}}``."""
    where, starts = {}, {}
    for n, text in enumerate(pages, start=1):
        for line in text.splitlines():
            for row in re.findall(r"row-(\d\d-\d\d)", line):
                where.setdefault(row, set()).add(n)
            first = re.match(r"\s*row-(\d\d)-(\d\d)\s", line)
            if first:
                starts.setdefault(first.group(1), {}).setdefault(n, set()).add(first.group(2))
    return where, starts


@pytest.mark.slow
def test_table_rows_stay_whole_and_header_rows_repeat(test_document):
    where, starts = _rows_by_page(test_document)
    assert len(where) > 200
    assert {row: pages for row, pages in where.items() if len(pages) > 1} == {}  # no row split
    for n, text in enumerate(test_document, start=1):
        lines = text.splitlines()
        first_row = next((i for i, line in enumerate(lines) if re.search(r"row-\d\d-\d\d", line)), None)
        if first_row is not None:  # every page with rows shows the header row above them
            assert any("Header-Alpha" in line and "Header-Beta" in line for line in lines[:first_row]), n
    split = {table: pages for table, pages in starts.items() if len(pages) > 1}
    assert split, "no table runs over two pages: the test document is too short to test this"
    for table, pages in split.items():  # never one row alone at the foot or the head of a page
        assert all(len(rows) >= 2 for rows in pages.values()), (table, pages)


def _flat(text):
    return "".join(str(text).split())


@pytest.fixture(scope="module")
def kept_document(tmp_path_factory):
    path = tmp_path_factory.mktemp("keep") / "keep-test.pdf"
    assert print_pdfs([(kept_test_blocks(), path, "", {}, ())], True, "Keep test head") == []
    page_images(path, "pdf-keep-test")
    return page_texts(path)


@pytest.mark.slow
def test_a_group_kept_together_is_on_one_page(kept_document):
    groups = [group for group in kept_groups(kept_test_blocks()) if len(group) > 1]
    assert len(groups) == 30
    for group in groups:
        assert len(pages_of(group[0], kept_document, _flat)) == 1, group[0]
        assert pages_of(group[0], kept_document, _flat) == pages_of(group[-1], kept_document, _flat), group[0]


@pytest.mark.slow
def test_a_note_after_a_table_stays_with_its_last_rows(tmp_path):
    path = tmp_path / "note-test.pdf"
    assert print_pdfs([(note_test_blocks(), path, "", {}, ())], True, "Note test head") == []
    page_images(path, "pdf-note-test")
    pages = page_texts(path)
    for s in range(1, 41):
        note = pages_of(f"Note {s:02d} explains", pages, _flat)
        assert len(note) == 1 and note == pages_of(f"row-{s:02d}-02", pages, _flat), s


@pytest.fixture(params=["demo", "small"])
def printed(request, tmp_path):
    """The public export of the demo meeting, or of a small one (the meeting file, nothing
    captured), with each PDF's pages as text and the headings and lead-ins of its blocks."""
    store = request.getfixturevalue("demo_store" if request.param == "demo" else "fresh_store")
    out = tmp_path / "public"
    result = export_all(store.path, out, charts=request.param == "demo")
    assert result.skipped == [] and result.omitted_charts == []
    content = collect(store.path)
    documents = {"report.pdf": report_blocks(content)[0], "joint-recommendations.pdf": recommendation_blocks(content)}
    pages = {}
    for name in documents:
        images = page_images(out / name, f"pdf-{request.param}-{name.removesuffix('.pdf')}")
        pages[name] = page_texts(out / name)
        assert len(images) == len(pages[name])
    return out, content, documents, pages


@pytest.mark.slow
def test_printed_documents_number_their_pages_and_contents(printed):
    _out, content, documents, pages = printed
    head = running_head(content.meeting)
    for name, texts in pages.items():
        for n, text in enumerate(texts, start=1):
            lines = [line.strip() for line in text.splitlines() if line.strip()]  # page margins come last
            assert [m.groups() for m in map(PAGE_OF.search, lines) if m] == [(str(n), str(len(texts)))], (name, n)
            assert (lines[0] == head) == (n > 1), (name, n)
            if content.notice:
                assert content.notice in " ".join(" ".join(lines).split()), (name, n)
    report = pages["report.pdf"]
    sections = [block[2] for block in documents["report.pdf"] if block[0] == "h" and block[1] == 1]
    contents = _contents(report, head, content.notice)
    assert [_squash(heading) for heading, _page in contents] == [_squash(heading) for heading in sections]
    assert [page for _, page in contents] == sorted(page for _, page in contents)
    for heading, page in contents:  # a long heading wraps, a Thai one between two words without a space
        assert _squash(heading) in _squash(_body(report[page - 1])), (heading, page)
        assert all(_squash(heading) not in _squash(_body(text)) for text in report[2 : page - 1]), (heading, page)


@pytest.mark.slow
def test_printed_documents_keep_headings_with_what_follows(printed):
    _out, content, documents, pages = printed
    head = running_head(content.meeting)
    for name, blocks in documents.items():
        headings = [block[2] for block in blocks if block[0] == "h"]
        lead_ins = {block[1] for block in blocks if block[0] == "p" and block[2] == "subtitle"}
        captions = {block[2] for block in blocks if block[0] == "chart"}
        left = _headings_left_at_foot(pages[name], headings, lead_ins, head, content.notice, captions)
        assert left == [], name


@pytest.mark.slow
def test_one_font_family_for_latin_and_thai_embedded(printed):
    out, *_ = printed
    for name in ("report.pdf", "joint-recommendations.pdf"):
        used = fonts(out / name)
        assert all(embedded for _font, embedded in used), used
        families = {re.sub(r"[-,](Regular|Bold|Italic|Oblique|BoldItalic|BoldOblique)$", "", f) for f, _ in used}
        assert families == {"NotoSans", "NotoSansThai"}, families


def test_the_running_head_is_the_short_title_in_each_language(meeting):
    assert running_head(meeting) == f"{meeting.short_title['en']} · {meeting.short_title['th']}"


@pytest.mark.slow
def test_thai_reads_back_from_the_pdf_exactly_as_typed(tmp_path):
    path = tmp_path / "thai.pdf"
    blocks = [("h", 0, "ภาษาไทย"), ("p", THAI, None), ("table", ["ข้อความ"], [[THAI]])]
    assert print_pdfs([(blocks, path, "", {}, ())], True) == []
    for mode in ("-layout", "-raw"):  # as a reader copies it, and in the order it was written
        text = "".join(page_texts(path, mode))
        assert text.count(THAI) == 2, (mode, text)


@pytest.mark.slow
def test_captured_thai_reads_back_from_the_demo_documents(printed):
    _out, content, documents, pages = printed
    head = running_head(content.meeting)
    for name, blocks in documents.items():
        typed = [b[2] if b[0] == "h" else b[1] for b in blocks if b[0] in ("h", "p")]
        # line by line: a bilingual block (the sample-data notice) prints its English line where
        # the page's margin repeats it, and that line is left out of the body with the margin
        thai = [line for text in typed for line in text.split("\n") if "ำ" in line]
        assert thai, name  # the meeting's Thai has sara am (สำหรับ in its title)
        # a paragraph wraps where the page ends its lines, and runs on past a page's margins
        text = "".join(_squash(_body_lines(page, head, content.notice)) for page in pages[name])
        assert [line for line in thai if _squash(line) not in text] == [], name


@pytest.mark.slow
def test_the_contents_links_lead_to_their_sections(printed):
    out, _content, documents, _pages = printed
    sections = [block for block in documents["report.pdf"] if block[0] == "h" and block[1] == 1]
    assert sorted(section_pages(out / "report.pdf")) == sorted(f"section-{n}" for n in range(1, len(sections) + 1))


@pytest.mark.slow
def test_recommendations_and_signatories_are_never_split_across_pages(printed):
    """Each recommendation (heading, text, why, to whom, rank) and the signature block (the
    signatories and where the text was adopted) on one page, as the kept groups of the blocks say."""
    _out, content, documents, pages = printed
    head = running_head(content.meeting)
    bodies = {
        name: ["".join(_body_lines(page, head, content.notice)) for page in texts] for name, texts in pages.items()
    }
    groups = kept_groups(documents["joint-recommendations.pdf"])
    signatories = [g for g in groups if g[0].startswith("Signatories")]
    assert len(signatories) == 1 and len(groups) == len(content.of("recommendation")) + 1
    for name, blocks in documents.items():
        for group in kept_groups(blocks):
            on = [n for n, body in enumerate(bodies[name], start=1) if all(_flat(x) in _flat(body) for x in group)]
            assert on, (name, group[0])
