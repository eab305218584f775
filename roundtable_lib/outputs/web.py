"""The report for the web (Markdown and HTML) from blocks, and the printable HTML that
:mod:`roundtable_lib.outputs.pdf` turns into PDF.

Typed text is escaped everywhere: it can neither script the page (HTML) nor make links or
headings (Markdown marks are backslashed). Table cells wrap between words, never inside one.
"""

import base64
import html as _html
import re
from pathlib import Path

from roundtable_lib.display.html import esc, text_html
from roundtable_lib.display.languages import lang_attrs
from roundtable_lib.meeting.labels import t
from roundtable_lib.meeting.scripts import css_fonts
from roundtable_lib.outputs.report_words import chart_note

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|])")


def _md(text):
    # Markdown viewers pass HTML through: escape it, so typed text cannot script the page; and
    # backslash Markdown's own marks, so it cannot make links (javascript:...) or headings either.
    escaped = _html.escape(str(text), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped).replace("\n", "<br>")


def write_markdown(blocks, path, notice="", omitted=()):
    omitted = dict(omitted)
    lines = [f"> **{_md(notice)}**", ""] if notice else []
    for block in blocks:
        kind = block[0]
        if kind == "h":
            lines += ["#" * (block[1] + 1) + " " + _md(block[2]), ""]
        elif kind == "p":
            text = _md(block[1])
            style = block[2]
            lines += [
                f"*{text}*"
                if style in ("note", "subtitle")
                else f"**{text}**"
                if style in ("notice", "lead")
                else text,
                "",
            ]
        elif kind == "bullets":
            lines += [f"- {_md(x)}" for x in block[1]] + [""]
        elif kind == "numbered":
            lines += [f"{n}. {_md(x)}" for n, x in enumerate(block[1], start=1)] + [""]
        elif kind == "table":
            _, headers, rows = block
            lines.append("| " + " | ".join(_md(h) for h in headers) + " |")
            lines.append("|" + "---|" * len(headers))
            lines += ["| " + " | ".join(_md("" if v is None else v) for v in row) + " |" for row in rows]
            lines.append("")
        elif kind == "chart":
            lines += [f"*{_md(chart_note(block[2], omitted.get(block[2])))}*", ""]
        elif kind == "toc":
            lines += [f"- {_md(blk[2])}" for blk in blocks if blk[0] == "h" and blk[1] == 1] + [""]
        elif kind == "break":
            lines += ["---", ""]
    Path(path).write_text("\n".join(lines), encoding="utf-8")


# One family for Latin and Thai, in the PDF and the Word files alike: Noto Sans and Noto Sans Thai
# (Debian's fonts-noto-core) are drawn to match; the rest are what a reader's browser may have.
FONT_FAMILY = ("Noto Sans", "Noto Sans Thai")
# Devanagari, Arabic and Ethiopic typed into an item are drawn by their own Noto families.
_FONTS = css_fonts()
_SCREEN = """
body { max-width: 60em; margin: 2em auto; padding: 0 1em; }
"""
# Printed (PDF, printed by Chromium: see roundtable_lib.outputs.pdf): A4; the meeting's short
# title at the head of every page but the cover; at the foot the notice (INTERNAL, sample data)
# and "Page n of N" (CSS page margin boxes); the contents with the page of each section (written
# in by pdf.py's second pass: the number's box keeps its width whether filled or not, so the
# pages fall the same); headings kept with what follows them; table rows whole, header rows
# repeated, and never one row alone at either end of a page.
_PRINT = """
@page { size: A4; margin: 22mm 17mm 22mm 17mm;
        @top-left { content: HEADER; font: 8.5pt FONTS; color: #51606f; vertical-align: bottom;
                    padding-bottom: 3mm; }
        @bottom-left { content: NOTICE; font: bold 8pt FONTS; color: #a8200d; width: 78%;
                       vertical-align: top; padding-top: 3mm; }
        @bottom-right { content: PAGE_OF; font: 8.5pt FONTS; color: #51606f; width: 22%;
                        text-align: right; vertical-align: top; padding-top: 3mm; } }
@page :first { @top-left { content: none; } }
body { font-size: 10pt; }
h1 { font-size: 22pt; margin-top: 25mm; }
h1, h2, h3, h4, h5, h6 { break-after: avoid; }
h1 + p, h2 + p, h3 + p, h4 + p { break-after: avoid; }
/* a lead-in, and the translation after it, stays with the table, chart or list it introduces */
p:has(+ table, + figure, + ul, + ol), p:has(+ p + table, + p + figure, + p + ul, + p + ol) { break-after: avoid; }
p + table, p + figure, p + ul, p + ol { break-before: avoid; }
/* a group of blocks that belong together (report_words.kept): on one page, unless longer than one;
   a table opening a group is introduced as a table is, and a note after a table stays with its
   last rows */
.keep { break-inside: avoid; }
p:has(+ .keep > table:first-child), p:has(+ p + .keep > table:first-child) { break-after: avoid; }
p + .keep:has(> table:first-child) { break-before: avoid; }
.keep > table + p { break-before: avoid; }
p, li { orphans: 2; widows: 2; }
tr, figure, li, img { break-inside: avoid; }
thead { display: table-header-group; }
tbody tr:first-child { break-after: avoid; }
tbody tr:last-child { break-before: avoid; }
.pagebreak { break-after: page; }
a { color: inherit; text-decoration: none; }
.toc-title { break-before: page; }  /* the contents on a page of its own, as in the Word files */
.toc li { break-inside: avoid; }
.toc a { display: flex; align-items: last baseline; }
.toc-leader { flex: 1 0 3em; border-bottom: 1px dotted #8a96a3; margin: 0 0.4em 0.3em; }
.toc-page { flex: 0 0 2.4em; text-align: right; }
"""
_STYLE = """
body { font-family: FONTS; color: #1d2733; line-height: 1.45; }
h1 { font-size: 1.9em; margin-bottom: 0.2em; }
h2 { font-size: 1.45em; border-bottom: 2px solid #1f4e79; padding-bottom: 0.15em; margin-top: 1.4em; color: #1f4e79; }
h3 { font-size: 1.15em; margin-top: 1.1em; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em; width: 100%; }
th, td { border: 1px solid #c8d1da; padding: 0.3em 0.5em; text-align: start; vertical-align: top;
         overflow-wrap: break-word; word-break: normal; hyphens: manual; }
th { background: #eef2f6; }
td.whole { white-space: nowrap; }
.notice { background: #fff4ce; border: 1px solid #e0c060; padding: 0.4em 0.7em; font-weight: bold; }
.note, .subtitle { color: #51606f; font-style: italic; }
.lead { font-size: 1.25em; font-weight: bold; color: #1f4e79; }
.subtitle { font-size: 1.1em; }
.toc { list-style: none; padding-left: 0; }
.toc li { margin: 0.25em 0; }
figure { margin: 1em 0; }
figcaption { color: #51606f; font-style: italic; font-size: 0.9em; }
img { max-width: 100%; }
.line { display: block; }
"""


_KEEP_WHOLE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}\s*[–-]\s*\d{1,2}:\d{2})$")


def _cell(value):
    """A table cell; a date or a time range is never split over two lines."""
    text = "" if value is None else str(value)
    cls = ' class="whole"' if _KEEP_WHOLE.match(text) else ""
    return f'<td{cls} dir="auto">{_lines(text)}</td>'


def _lines(text):
    """Typed text, escaped, each of its lines laid out in its own direction: an Arabic line
    (the Arabic of an item under its English) reads right to left and is aligned right, a
    Latin name or a number in it keeps its order (``dir="auto"``: the first strong letter
    decides, as Unicode's bidi rule P2 does). Thai in the English page says it is Thai
    (``lang="th"``, :func:`~roundtable_lib.display.html.text_html`): a screen reader reads it so."""
    lines = str(text).split("\n")
    if len(lines) == 1:
        return text_html(text)
    return "".join(f'<span class="line" dir="auto">{text_html(line) or "<br>"}</span>' for line in lines)


def _css_string(text):
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def html_document(blocks, notice="", images=None, omitted=(), printed=False, running_title="", contents_pages=None):
    """The whole HTML page. ``printed``: styled for A4 pages (the PDF), ``running_title`` at the
    head of every page but the first, ``notice`` at the foot of every page, and the contents
    numbered from ``contents_pages`` (``{"section-<n>": page}``; blank but room kept without it)."""
    images, omitted = images or {}, dict(omitted)
    title = next((blk[2] for blk in blocks if blk[0] == "h"), "Report")
    out = _page_head(title, notice, printed, running_title)
    if notice and not printed:
        out.append(f'<p class="notice">{esc(notice)}</p>')
    section = 0
    for block in blocks:
        if block[0] == "h" and block[1] == 1:
            section += 1
        html = _block_html(block, blocks, images, omitted, printed, section, contents_pages)
        if html is not None:
            out.append(html)
    if notice and not printed:
        out.append(f'<p class="notice">{esc(notice)}</p>')
    out.append("</body></html>")
    return "\n".join(out)


def _page_of(lang="en"):
    """ "Page n of N" as CSS content, the numbers the typesetter's counters."""
    parts = re.split(r"(\{page\}|\{pages\})", t("print.page_of", lang))
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    return " ".join(counters.get(part) or _css_string(part) for part in parts if part)


def _page_head(title, notice, printed, running_title=""):
    """The page up to its body: a policy that lets nothing run or load, the title, the styles."""
    style = _STYLE + (_PRINT if printed else _SCREEN)
    if printed:
        style = (
            style.replace("HEADER", _css_string(running_title) if running_title else "none")
            .replace("NOTICE", _css_string(notice) if notice else "none")
            .replace("PAGE_OF", _page_of())
        )
    style = style.replace("FONTS", _FONTS)
    return [
        f'<!DOCTYPE html><html {lang_attrs("en")}><head><meta charset="utf-8">',
        # No script runs and nothing is fetched, whatever was typed: images are inline, styles too.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'\">",
        f"<title>{esc(title)}</title><style>{style}</style></head><body>",
    ]


def _block_html(block, blocks, images, omitted, printed, section, contents_pages=None):
    """One block as HTML, or None for a kind this writer does not know. ``section`` is the
    number of the last section heading so far (a section heading's anchor, for the contents)."""
    kind = block[0]
    if kind == "h":
        level = min(block[1] + 1, 6)
        anchor = f' id="section-{section}"' if block[1] == 1 else ""
        return f"<h{level}{anchor}>{text_html(block[2])}</h{level}>"
    if kind == "p":
        cls = f' class="{block[2]}"' if block[2] else ""
        return f'<p{cls} dir="auto">{_lines(block[1])}</p>'
    if kind in ("bullets", "numbered"):
        tag = "ul" if kind == "bullets" else "ol"
        items = "".join(f'<li dir="auto">{_lines(x)}</li>' for x in block[1])
        return f"<{tag}>{items}</{tag}>"
    if kind == "table":
        _, headers, rows = block
        return (
            "<table><thead><tr>"
            + "".join(f'<th dir="auto">{_lines(h)}</th>' for h in headers)
            + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
            + "</tbody></table>"
        )
    if kind == "chart":
        _, key, chart_title = block
        if key in images:
            data = base64.b64encode(images[key]).decode("ascii")
            return (
                f'<figure><img alt="{esc(chart_title)}" src="data:image/png;base64,{data}">'
                f"<figcaption>{esc(chart_title)}</figcaption></figure>"
            )
        return f'<p class="note">{esc(chart_note(chart_title, omitted.get(chart_title, "not drawn")))}</p>'
    if kind == "image":  # a picture given as PNG bytes (the funder's emblem on the cover)
        _, png, alt, width_mm = block
        data = base64.b64encode(png).decode("ascii")
        size = f"width: {float(width_mm):g}mm"
        return f'<p class="emblem"><img alt="{esc(alt)}" style="{size}" src="data:image/png;base64,{data}"></p>'
    if kind == "toc":
        return _contents(blocks, printed, contents_pages or {})
    if kind == "break":
        return '<div class="pagebreak"></div>' if printed else "<hr>"
    if kind == "keep":
        return '<div class="keep">'
    if kind == "keep_end":
        return "</div>"
    return None


def _contents(blocks, printed, pages):
    """The contents: a link to each section and, printed, a dotted leader to its page."""
    heads = [blk[2] for blk in blocks if blk[0] == "h" and blk[1] == 1]
    items = []
    for n, heading in enumerate(heads, start=1):
        anchor, text = f"section-{n}", esc(heading)
        if printed:
            text = (
                f'<span class="toc-text">{text}</span><span class="toc-leader"></span>'
                f'<span class="toc-page">{pages.get(anchor, "")}</span>'
            )
        items.append(f'<li><a href="#{anchor}">{text}</a></li>')
    return f'<h3 class="toc-title">{esc(t("print.contents"))}</h3><ol class="toc">' + "".join(items) + "</ol>"


def write_html(blocks, path, notice="", images=None, omitted=()):
    Path(path).write_text(html_document(blocks, notice, images, omitted), encoding="utf-8")
