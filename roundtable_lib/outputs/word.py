"""Word documents (python-docx) from blocks: the report and the joint recommendations.

A4 pages numbered in the footer; ``("toc",)`` becomes Word's own table-of-contents field,
pre-filled with the section headings (Word fills in the page numbers when the document opens);
the export time goes in the document properties, not on the title page. ``notice`` (INTERNAL,
sample data) is printed in the header and footer of every page; a public document has none.
"""

import datetime as _dt
import io

from roundtable_lib.outputs.document import upper_first

THAI_FONT = "Leelawadee UI"  # Word picks the complex-script font for Thai: one with Thai glyphs on Windows and macOS


def _field(paragraph, instruction, placeholder=""):
    """A Word field (PAGE, NUMPAGES, TOC) in ``paragraph``, showing ``placeholder`` until updated."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind):
        run = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            fld.set(qn("w:dirty"), "true")  # ask Word to update it on opening
        run.append(fld)
        return run

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
    for element in (char("begin"), instr, char("separate"), shown, char("end")):
        paragraph._p.append(element)


def _setup(doc, notice):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), THAI_FONT)
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)
        header = section.header.paragraphs[0]
        header.text = notice
        if notice:
            header.runs[0].bold = True
            header.runs[0].font.color.rgb = RGBColor(0xA8, 0x20, 0x0D)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(f"{notice}   " if notice else "")
        footer.add_run("Page ")
        _field(footer, "PAGE", "1")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES", "1")


def _toc(doc, blocks):
    from docx.shared import Pt

    doc.add_paragraph().add_run("Contents").bold = True
    para = doc.add_paragraph()
    headings = [blk[2] for blk in blocks if blk[0] == "h" and blk[1] == 1]
    _field(para, 'TOC \\o "1-1" \\h \\z \\u', "\n".join(headings))
    for run in para.runs:
        run.font.size = Pt(10.5)


def _update_fields_on_open(doc):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def write_docx(blocks, path, notice="", images=None, omitted=(), generated_at=""):
    """Write ``blocks`` to the Word file ``path``; charts from ``images`` {key: PNG bytes}, those
    left out named with their reason (``omitted``: [(title, reason)])."""
    from docx import Document

    images, omitted = images or {}, dict(omitted)
    doc = Document()
    _setup(doc, notice)
    for block in blocks:
        _add_block(doc, block, blocks, images, omitted)
    if any(blk[0] == "toc" for blk in blocks):
        _update_fields_on_open(doc)
    if omitted:
        doc.add_heading("Charts left out", level=2)
        for title, reason in omitted.items():
            doc.add_paragraph(f"{title}: {upper_first(reason)}.", style="List Bullet")
    props = doc.core_properties
    props.title = next((blk[2] for blk in blocks if blk[0] == "h"), "")
    props.author = "Roundtable Workbook"
    if generated_at:
        props.comments = f"Exported {generated_at}."
    props.created = props.modified = _dt.datetime.now(_dt.UTC).replace(tzinfo=None)
    props.keywords = "INTERNAL" if "INTERNAL" in (notice or "") else ""
    doc.save(path)


def _add_block(doc, block, blocks, images, omitted):
    """One block at the end of ``doc`` (a kind this writer does not know adds nothing)."""
    from docx.enum.text import WD_BREAK
    from docx.shared import Inches, Pt, RGBColor

    kind = block[0]
    if kind == "h":
        doc.add_heading(block[2], level=block[1])
    elif kind == "p":
        _, text, style = block
        para = doc.add_paragraph()
        run = para.add_run(text)
        if style in ("subtitle", "lead"):
            run.font.size = Pt(13)
            run.bold = style == "lead"
        elif style == "note":
            run.italic = True
        elif style == "notice":
            run.bold = True
            run.font.color.rgb = RGBColor(0xA8, 0x20, 0x0D)
    elif kind in ("bullets", "numbered"):
        for n, text in enumerate(block[1], start=1):
            # Written numbers: Word's "List Number" would continue counting across lists.
            doc.add_paragraph(
                f"{n}. {text}" if kind == "numbered" else text, style="List Bullet" if kind == "bullets" else None
            )
    elif kind == "table":
        _, headers, rows = block
        table = doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(text)).bold = True
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = "" if value is None else str(value)
        doc.add_paragraph()
    elif kind == "chart":
        _, key, title = block
        if key in images:
            doc.add_picture(io.BytesIO(images[key]), width=Inches(6.3))
            doc.add_paragraph(title).runs[0].italic = True
        else:
            doc.add_paragraph(f"Chart left out: {title} ({omitted.get(title, 'not drawn')}).").runs[0].italic = True
    elif kind == "toc":
        _toc(doc, blocks)
    elif kind == "break":
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
