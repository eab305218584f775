"""Word documents (python-docx) from blocks: the report and the joint recommendations.

A4 pages numbered in the footer ("Page n of N"); ``notice`` (INTERNAL, sample data) is printed in
the header and footer of every page; a public document has none. Fonts, the template's parts and
the width of text are :mod:`roundtable_lib.outputs.word_style`'s.

The contents page (``("toc",)``) lists the numbered sections with their page numbers, written
into the file: the file is laid out once by LibreOffice (:mod:`roundtable_lib.outputs.libreoffice`),
which says on which page each section's bookmark landed. It sits inside a TOC field whose result
is already filled in and not marked for update, so neither Word nor LibreOffice asks anything on
opening (Word can still refresh it). Without LibreOffice the contents lists the sections with no
numbers. Each entry links to its section.

Tables are sized to their content as a browser sizes an HTML table: every column at least as
wide as its longest word (a smaller type size when the words cannot all fit), the rest of the
page width shared in proportion to how much text each column holds. Header rows repeat on every
page, rows never split across pages, and a table keeps its heading, its first two rows and its
last two together. A group of blocks kept together (``("keep",)`` ... ``("keep_end",)``: a
recommendation, the signatories, a table and its note) has each paragraph kept whole and with
the next, so Word and LibreOffice move it to the next page rather than split it.
"""

import datetime as _dt
import io
import os
import re
import tempfile
from pathlib import Path

from roundtable_lib.meeting.labels import pick, t
from roundtable_lib.outputs import word_scripts, word_style
from roundtable_lib.outputs.document import upper_first
from roundtable_lib.outputs.libreoffice import heading_pages
from roundtable_lib.outputs.pdf import NO_PDF_ENV, running_head
from roundtable_lib.outputs.report_words import chart_note

THAI_FONT = word_style.THAI_FONT
TEXT_WIDTH_MM = 170  # A4 less 20 mm margins
TABLE_SIZES = (9, 8, 7)  # points: the first at which every column holds its longest word
CELL_PADDING_PT = 12  # Word's and LibreOffice's default cell margins (2 x 0.19 cm) and a little air
_PLACEHOLDER = "99"  # a contents page number before the layout: as wide as the real ones
_RED = (0xA8, 0x20, 0x0D)
_GREY = (0x51, 0x60, 0x6F)
_PAGE_FIELDS = {"{page}": ("PAGE", "1"), "{pages}": ("NUMPAGES", "1")}


def _field(paragraph, instruction, placeholder=""):
    """A Word field (PAGE, NUMPAGES) in ``paragraph``, showing ``placeholder`` until Word updates it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    instr = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instr.append(text)
    shown = OxmlElement("w:r")
    value = OxmlElement("w:t")
    value.set(qn("xml:space"), "preserve")
    value.text = placeholder
    shown.append(value)
    for element in (_fld_char("begin"), instr, _fld_char("separate"), shown, _fld_char("end")):
        paragraph._p.append(element)


def _fld_char(kind):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    run.append(fld)
    return run


def style_run(run, size=None, bold=False, italic=False, color=None):
    """Format a run for Latin and Thai alike: Word takes a Thai run's bold, italic and size from
    the complex-script properties (``w:bCs``, ``w:iCs``, ``w:szCs``), so both are set."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    r_pr = run._r.get_or_add_rPr()
    if bold:
        run.bold = True
        r_pr.append(OxmlElement("w:bCs"))
    if italic:
        run.italic = True
        r_pr.append(OxmlElement("w:iCs"))
    if color:
        run.font.color.rgb = RGBColor(*color)
    if size:
        run.font.size = Pt(size)
        sz_cs = OxmlElement("w:szCs")
        sz_cs.set(qn("w:val"), str(int(size * 2)))
        r_pr.append(sz_cs)
    return run


def add_text(paragraph, text, **style):
    """Add ``text`` to ``paragraph`` as runs formatted by :func:`style_run`; returns the runs.

    LibreOffice draws a quote, digit or dash that follows Thai with the Thai (complex-script)
    font, and Noto Sans Thai has none of them: it would take the glyph from whatever Thai font
    fontconfig offers (Loma, DejaVu). So the text between Thai letters gets a run of its own
    whose complex-script font is Noto Sans; Word draws those characters in Noto Sans anyway.
    Devanagari, Arabic and Ethiopic are drawn in their own families, Arabic right to left
    (:mod:`roundtable_lib.outputs.word_scripts`)."""
    text = "" if text is None else str(text)
    if not word_scripts.needs_runs(text):
        return [style_run(paragraph.add_run(text), **style)]
    return word_scripts.add_runs(paragraph, text, style_run, **style)


def _setup(doc, notice, running_title=""):
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    word_style.apply_fonts(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.widow_control = True
    # The template's bullets use "contextual spacing" (no space between items); with it,
    # LibreOffice can leave a heading that keeps with its next paragraph alone at a page's foot.
    bullets = doc.styles["List Bullet"]
    for element in bullets.element.pPr.findall(qn("w:contextualSpacing")):
        bullets.element.pPr.remove(element)
    bullets.paragraph_format.space_after = Pt(4)
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)
        # The cover has no running title (the title is on it), as in the PDF; every page,
        # the cover too, has the notice and its number.
        section.different_first_page_header_footer = bool(running_title)
        headers = [(section.header, running_title)]
        footers = [section.footer]
        if running_title:
            headers.append((section.first_page_header, ""))
            footers.append(section.first_page_footer)
        for header, title in headers:
            _header(header.paragraphs[0], notice, title)
        for footer in footers:
            _footer(footer.paragraphs[0], notice)


def _header(para, notice, running_title):
    if notice:
        add_text(para, notice, bold=True, color=_RED)
    if running_title:
        if notice:
            para.add_run().add_break()
        add_text(para, running_title, size=8.5, color=_GREY)


def _footer(para, notice):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run(f"{notice}   " if notice else "")
    # "Page {page} of {pages}", the PDFs' words, its numbers Word's own fields.
    for part in re.split(r"(\{page\}|\{pages\})", t("print.page_of")):
        if part in _PAGE_FIELDS:
            _field(para, *_PAGE_FIELDS[part])
        elif part:
            para.add_run(part)


def _bookmark(paragraph, name, n):
    """Mark ``paragraph`` with the bookmark ``name`` (a contents entry links to it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(n))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(n))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


class _Contents:
    """The contents page: one entry per numbered section, its page number filled in later."""

    def __init__(self):
        self.entries = []  # (bookmark, w:t of the page number, w:r of the tab)
        self.first = self.last = None
        self.marked = 0

    @staticmethod
    def bookmark_name(n):
        # Word's own prefix for contents bookmarks: hidden from its list of the reader's bookmarks.
        return f"_Toc{n:06d}"

    def heading(self, paragraph):
        """Bookmark the next numbered section's heading (the n-th entry links to the n-th)."""
        self.marked += 1
        _bookmark(paragraph, self.bookmark_name(self.marked), self.marked)

    def write(self, doc, headings):
        """The title "Contents" and an entry per heading in ``headings`` [(bookmark, text)]."""
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm

        title = doc.add_paragraph()
        style_run(title.add_run(t("print.contents")), size=14, bold=True)
        title.paragraph_format.keep_with_next = True
        title.paragraph_format.page_break_before = True  # a page of its own, after the cover
        for n, (name, text) in enumerate(headings, start=1):
            para = doc.add_paragraph()
            # One page: the whole contents moves to the next page rather than splitting.
            para.paragraph_format.keep_with_next = n < len(headings)
            para.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            para.paragraph_format.space_after = 0
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), name)
            link.set(qn("w:history"), "1")
            para._p.append(link)
            tab, number = OxmlElement("w:r"), OxmlElement("w:r")
            tab.append(OxmlElement("w:tab"))
            number_text = OxmlElement("w:t")
            number_text.text = _PLACEHOLDER
            number.append(number_text)
            for run in add_text(para, text):
                link.append(run._r)
            link.append(tab)
            link.append(number)
            self.entries.append((name, number_text, tab))
            self.first = self.first or para
            self.last = para
        if self.first is not None:
            # A TOC field around the entries, its result already written and not marked dirty.
            self.first._p.insert(1 if self.first._p.pPr is not None else 0, _fld_char("separate"))
            instr = OxmlElement("w:r")
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = ' TOC \\o "1-1" \\h \\z \\u '
            instr.append(text)
            self.first._p.insert(1 if self.first._p.pPr is not None else 0, instr)
            self.first._p.insert(1 if self.first._p.pPr is not None else 0, _fld_char("begin"))
            self.last._p.append(_fld_char("end"))

    def fill(self, pages):
        """Write the page of each entry from ``pages`` {bookmark: page}; without a page (no
        LibreOffice here) the entry is the section's name alone."""
        for name, number, tab in self.entries:
            if name in pages:
                number.text = str(pages[name])
            else:
                number.text = ""
                tab.getparent().remove(tab)


def write_docx(blocks, path, notice="", images=None, omitted=(), generated_at="", meeting=None, page_numbers=None):
    """Write ``blocks`` to the Word file ``path``; charts from ``images`` {key: PNG bytes}, those
    left out named with their reason (``omitted``: [(title, reason)]).

    ``meeting`` fills the document properties (title, subject, author). ``page_numbers=False``
    writes the contents page without numbers and starts no LibreOffice (the quick tests);
    None numbers it when LibreOffice is installed and PDF printing is not turned off."""
    from docx import Document

    images, omitted = images or {}, dict(omitted)
    doc = Document()
    _setup(doc, notice, running_head(meeting) if meeting else "")
    contents = _Contents()
    headings = [blk for blk in blocks if blk[0] == "h" and blk[1] == 1]
    group = None  # the body's elements before the open ("keep",) group
    for block in blocks:
        if block[0] == "keep":
            group = len(_content(doc))
        elif block[0] == "keep_end" and group is not None:
            keep_together(_content(doc)[group:])
            group = None
        elif block[0] == "toc":
            names = [contents.bookmark_name(n) for n in range(1, len(headings) + 1)]
            contents.write(doc, list(zip(names, [h[2] for h in headings], strict=True)))
        else:
            _add_block(doc, block, images, omitted, contents)
    if omitted:
        doc.add_heading("Charts left out", level=2)
        for title, reason in omitted.items():
            add_text(doc.add_paragraph(style="List Bullet"), f"{title}: {upper_first(reason)}.")
    _properties(doc, blocks, notice, generated_at, meeting)
    if contents.entries:
        pages = _laid_out_pages(doc) if _numbering_wanted(page_numbers) else {}
        contents.fill(pages)
    doc.save(path)


def _numbering_wanted(page_numbers):
    if page_numbers is not None:
        return page_numbers
    return not os.environ.get(NO_PDF_ENV)


def _laid_out_pages(doc):
    """{bookmark: page} of ``doc`` as LibreOffice lays it out ({} without LibreOffice)."""
    with tempfile.TemporaryDirectory(prefix="roundtable-docx-") as scratch:
        draft = Path(scratch) / "draft.docx"
        doc.save(draft)
        return heading_pages(draft)


def _properties(doc, blocks, notice, generated_at, meeting):
    """The file's properties: what it is, for which meeting, by whom; none of the template's."""
    title = next((blk[2] for blk in blocks if blk[0] == "h"), "")
    project = pick(meeting.short_title, "en") if meeting else ""
    word_style.clean_package(doc, company=project)
    props = doc.core_properties
    props.title = f"{title}: {project}" if project and project not in title else title
    if meeting:
        date = meeting.date.strftime("%d %B %Y").lstrip("0")
        props.subject = f"{pick(meeting.title, 'en')}, {pick(meeting.venue, 'en')}, {date}"
    props.author = project or word_style.APPLICATION
    props.last_modified_by = word_style.APPLICATION
    props.language = word_style.LANGUAGE
    props.revision = 1
    if generated_at:
        props.comments = f"Exported {generated_at}."
    props.created = props.modified = _dt.datetime.now(_dt.UTC).replace(tzinfo=None)
    props.keywords = "INTERNAL" if "INTERNAL" in (notice or "") else ""


def _add_block(doc, block, images, omitted, contents):
    """One block at the end of ``doc`` (a kind this writer does not know adds nothing)."""
    from docx.enum.text import WD_BREAK
    from docx.shared import Inches, Mm

    kind = block[0]
    if kind == "h":
        para = doc.add_heading("", level=block[1])
        add_text(para, block[2])
        if block[1] == 1:
            contents.heading(para)
    elif kind == "p":
        _, text, style = block
        para = doc.add_paragraph()
        if style in ("subtitle", "lead"):
            add_text(para, text, size=13, bold=style == "lead")
        elif style == "note":
            add_text(para, text, italic=True)
        elif style == "notice":
            add_text(para, text, bold=True, color=_RED)
        else:
            add_text(para, text)
        # "What each session concluded:" belongs with the list that follows it.
        para.paragraph_format.keep_with_next = str(text).rstrip().endswith(":")
    elif kind in ("bullets", "numbered"):
        for n, text in enumerate(block[1], start=1):
            # Written numbers: Word's "List Number" would continue counting across lists.
            para = doc.add_paragraph(style="List Bullet" if kind == "bullets" else None)
            add_text(para, f"{n}. {text}" if kind == "numbered" else text)
    elif kind == "table":
        _table(doc, block[1], block[2])
        doc.add_paragraph()
    elif kind == "chart":
        _, key, title = block
        if key in images:
            doc.add_picture(io.BytesIO(images[key]), width=Inches(6.3))
            doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the picture with its caption
            add_text(doc.add_paragraph(), title, italic=True)
        else:
            add_text(doc.add_paragraph(), chart_note(title, omitted.get(title, "not drawn")), italic=True)
    elif kind == "image":
        _, png, _alt, width_mm = block
        doc.add_picture(io.BytesIO(png), width=Mm(width_mm))
    elif kind == "break":
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _content(doc):
    """The body's paragraphs and tables (``w:p``, ``w:tbl``) in order, without its section properties."""
    from docx.oxml.ns import qn

    return [el for el in doc.element.body if el.tag in (qn("w:p"), qn("w:tbl"))]


def keep_together(elements):
    """Keep the paragraphs and tables ``elements`` on one page: every line of each kept whole and
    with the next, up to the group's last paragraph (Word and LibreOffice move the group to the
    next page rather than split it, and split it only when it is longer than a page). A table's
    rows are already whole; keeping each row with the next keeps its last rows with a note after it."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    paragraphs = [p for el in elements for p in ([el] if el.tag == qn("w:p") else el.iter(qn("w:p")))]
    for n, p in enumerate(paragraphs, start=1):
        fmt = Paragraph(p, None).paragraph_format
        fmt.keep_together = True
        fmt.keep_with_next = n < len(paragraphs)


def column_widths(headers, rows, width_pt):
    """(type size, [column width in points]) of a table ``width_pt`` wide: every column holds its
    longest word (bold in the header) at the largest of :data:`TABLE_SIZES` where they all fit;
    the width left over goes to the columns in proportion to the text they hold beyond it."""
    values = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in r] for r in rows]
    columns = list(zip(*values, strict=True))
    longest = [
        max([word_style.longest_word(col[0], bold=True)] + [word_style.longest_word(v) for v in col[1:]])
        for col in columns
    ]
    text = [
        max([word_style.text_width(col[0], bold=True)] + [word_style.text_width(v) for v in col[1:]]) for col in columns
    ]
    for size in TABLE_SIZES:
        least = [em * size + CELL_PADDING_PT for em in longest]
        if sum(least) <= width_pt:
            break
    most = [max(lo, em * size + CELL_PADDING_PT) for lo, em in zip(least, text, strict=True)]
    if sum(most) <= width_pt:  # everything fits on one line: share out what is left in proportion
        return size, [w * width_pt / sum(most) for w in most]
    spare = width_pt - sum(least)
    wants = [m - lo for m, lo in zip(most, least, strict=True)]
    if spare <= 0 or not sum(wants):  # the longest words take the whole width, or more
        return size, [lo * width_pt / sum(least) for lo in least]
    return size, [lo + spare * want / sum(wants) for lo, want in zip(least, wants, strict=True)]


def _table(doc, headers, rows):
    """A table sized to its content, its header repeated on each page, rows kept whole."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt

    size, widths = column_widths(headers, rows, Mm(TEXT_WIDTH_MM).pt)
    table = doc.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False  # a fixed layout: the widths below, in Word and LibreOffice alike
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
    values = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in row] for row in rows]
    last = len(values) - 1
    for n, (row, texts) in enumerate(zip(table.rows, values, strict=True)):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if n == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for cell, text, width in zip(row.cells, texts, widths, strict=True):
            cell.width = Pt(width)
            para = cell.paragraphs[0]
            add_text(para, text, size=size, bold=n == 0)
            para.paragraph_format.space_after = Pt(0)
            # Keep the header with the first two rows, and the last row with the one before it.
            para.paragraph_format.keep_with_next = n < 2 or n == last - 1
    return table
