"""The report for the web (Markdown and HTML) from blocks, and the printable HTML that
:mod:`roundtable_lib.outputs.pdf` turns into PDF.

Typed text is escaped everywhere: it can neither script the page (HTML) nor make links or
headings (Markdown marks are backslashed). Table cells wrap between words, never inside one.
"""

import base64
import html as _html
import re
from pathlib import Path

from roundtable_lib.display.html import esc

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
            reason = omitted.get(block[2])
            lines += [
                f"*Chart: {_md(block[2])}"
                + (f" (left out: {_md(reason)})*" if reason else " (see the HTML or Word report)*"),
                "",
            ]
        elif kind == "toc":
            lines += [f"- {_md(blk[2])}" for blk in blocks if blk[0] == "h" and blk[1] == 1] + [""]
        elif kind == "break":
            lines += ["---", ""]
    Path(path).write_text("\n".join(lines), encoding="utf-8")


_FONTS = '"Liberation Sans", "Noto Sans", Arial, "Noto Sans Thai", "Leelawadee UI", Loma, Garuda, sans-serif'
_SCREEN = """
body { max-width: 60em; margin: 2em auto; padding: 0 1em; }
"""
# Printed (PDF): A4, page numbers and the notice in the page margins on every page (CSS page
# margin boxes, which Chromium prints since version 131), headings kept with what follows them,
# table rows not split across pages and header rows repeated.
_PRINT = """
@page { size: A4; margin: 20mm 17mm 20mm 17mm;
        @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8.5pt FONTS; color: #51606f; }
        NOTICE_BOX }
body { font-size: 10pt; }
h1 { font-size: 22pt; margin-top: 30mm; }
h2 { break-before: auto; }
h2, h3, h4, h2 + p, h3 + p { break-after: avoid; }
tr, figure, li { break-inside: avoid; }
thead { display: table-header-group; }
.pagebreak { break-after: page; }
a { color: inherit; text-decoration: none; }
.toc a::after { content: leader(".") target-counter(attr(href), page); }
"""
_STYLE = """
body { font-family: FONTS; color: #1d2733; line-height: 1.45; }
h1 { font-size: 1.9em; margin-bottom: 0.2em; }
h2 { font-size: 1.45em; border-bottom: 2px solid #1f4e79; padding-bottom: 0.15em; margin-top: 1.4em; color: #1f4e79; }
h3 { font-size: 1.15em; margin-top: 1.1em; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em; width: 100%; }
th, td { border: 1px solid #c8d1da; padding: 0.3em 0.5em; text-align: left; vertical-align: top;
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
"""


_KEEP_WHOLE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}\s*[–-]\s*\d{1,2}:\d{2})$")


def _cell(value):
    """A table cell; a date or a time range is never split over two lines."""
    text = "" if value is None else str(value)
    cls = ' class="whole"' if _KEEP_WHOLE.match(text) else ""
    return f"<td{cls}>{esc(text).replace(chr(10), '<br>')}</td>"


def _css_string(text):
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def html_document(blocks, notice="", images=None, omitted=(), printed=False):
    """The whole HTML page. ``printed``: styled for A4 pages (the PDF), notice in every page's margin."""
    images, omitted = images or {}, dict(omitted)
    title = next((blk[2] for blk in blocks if blk[0] == "h"), "Report")
    out = _page_head(title, notice, printed)
    if notice and not printed:
        out.append(f'<p class="notice">{esc(notice)}</p>')
    section = 0
    for block in blocks:
        if block[0] == "h" and block[1] == 1:
            section += 1
        html = _block_html(block, blocks, images, omitted, printed, section)
        if html is not None:
            out.append(html)
    if notice and not printed:
        out.append(f'<p class="notice">{esc(notice)}</p>')
    out.append("</body></html>")
    return "\n".join(out)


def _page_head(title, notice, printed):
    """The page up to its body: a policy that lets nothing run or load, the title, the styles."""
    style = _STYLE + (_PRINT if printed else _SCREEN)
    box = (
        f"@top-center {{ content: {_css_string(notice)}; font: bold 8.5pt FONTS; color: #a8200d; }}"
        if printed and notice
        else ""
    )
    style = style.replace("NOTICE_BOX", box).replace("FONTS", _FONTS)
    return [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        # No script runs and nothing is fetched, whatever was typed: images are inline, styles too.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'\">",
        f"<title>{esc(title)}</title><style>{style}</style></head><body>",
    ]


def _block_html(block, blocks, images, omitted, printed, section):
    """One block as HTML, or None for a kind this writer does not know. ``section`` is the
    number of the last section heading so far (a section heading's anchor, for the contents)."""
    kind = block[0]
    if kind == "h":
        level = min(block[1] + 1, 6)
        anchor = f' id="section-{section}"' if block[1] == 1 else ""
        return f"<h{level}{anchor}>{esc(block[2])}</h{level}>"
    if kind == "p":
        cls = f' class="{block[2]}"' if block[2] else ""
        return f"<p{cls}>{esc(block[1]).replace(chr(10), '<br>')}</p>"
    if kind in ("bullets", "numbered"):
        tag = "ul" if kind == "bullets" else "ol"
        items = "".join(f"<li>{esc(x).replace(chr(10), '<br>')}</li>" for x in block[1])
        return f"<{tag}>{items}</{tag}>"
    if kind == "table":
        _, headers, rows = block
        return (
            "<table><thead><tr>"
            + "".join(f"<th>{esc(h)}</th>" for h in headers)
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
        reason = omitted.get(chart_title, "not drawn")
        return f'<p class="note">Chart left out: {esc(chart_title)} ({esc(reason)}).</p>'
    if kind == "image":  # a picture given as PNG bytes (the funder's emblem on the cover)
        _, png, alt, width_mm = block
        data = base64.b64encode(png).decode("ascii")
        size = f"width: {float(width_mm):g}mm"
        return f'<p class="emblem"><img alt="{esc(alt)}" style="{size}" src="data:image/png;base64,{data}"></p>'
    if kind == "toc":
        heads = [blk[2] for blk in blocks if blk[0] == "h" and blk[1] == 1]
        return (
            '<h3>Contents</h3><ol class="toc">'
            + "".join(f'<li><a href="#section-{n}">{esc(h)}</a></li>' for n, h in enumerate(heads, start=1))
            + "</ol>"
        )
    if kind == "break":
        return '<div class="pagebreak"></div>' if printed else "<hr>"
    return None


def write_html(blocks, path, notice="", images=None, omitted=()):
    Path(path).write_text(html_document(blocks, notice, images, omitted), encoding="utf-8")
