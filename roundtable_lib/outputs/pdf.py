"""PDF documents typeset by WeasyPrint from the same blocks as the Word ones.

The printable HTML of :func:`roundtable_lib.outputs.web.html_document` (A4, CSS paged media) is
laid out into pages by WeasyPrint, in this process: the contents page gets the page of each
section (``target-counter``), every page a running head (the meeting's short title) and foot
(the notice, such as INTERNAL, and "Page n of N"), headings stay with what follows them, table
rows stay whole and header rows repeat on each page. Nothing is fetched: images are inline and
any other address is refused.

Why WeasyPrint and not the Chromium the workbook uses for charts (measured on the demo meeting,
2-core machine, ``make bench``; bench/RESULTS.md has the figures): Chromium's print-to-PDF
ignores ``target-counter`` and ``leader()``, so its contents page can only be a list of links
without page numbers, and it keeps no heading with its table; WeasyPrint does all of it, embeds
the Noto fonts it was given (Latin and Thai, checked with pdffonts) and prints both documents
in about 2 s instead of about 4 s for two headless browsers.

It needs Pango (Debian's libpango, on every desktop Linux and in the Debian images); without it,
or without WeasyPrint, the PDFs are skipped, each with its reason, and the Word documents still
are written: a missing PDF never costs the organisers the rest of the export.

May import: roundtable_lib.meeting, roundtable_lib.outputs.web.
"""

import os
from pathlib import Path

from roundtable_lib.meeting.labels import pick
from roundtable_lib.outputs.web import html_document

NO_PDF_ENV = "ROUNDTABLE_NO_PDF"


def running_head(meeting):
    """The head of every printed page: the meeting's short title in each of its languages."""
    titles = [pick(meeting.short_title, lang) for lang in meeting.languages]
    return " · ".join(dict.fromkeys(title for title in titles if title))


def _typesetter():
    """A function writing an HTML page to a PDF file, or ``None`` and the reason it cannot."""
    try:  # imported here: it loads Pango, which a machine may lack
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as exc:
        return None, f"WeasyPrint could not start ({str(exc).splitlines()[0] if str(exc) else repr(exc)})"
    # Images are inline (data:); typed text is escaped, but if an address ever reached the
    # page, it would still load nothing.
    fetcher = URLFetcher(allowed_protocols={"data"})

    def typeset(page, path):
        HTML(string=page, url_fetcher=fetcher).write_pdf(path)

    return typeset, ""


def print_pdfs(documents, enabled=None, running_title=""):
    """Print ``[(blocks, path, notice, images, omitted)]`` to PDF files, ``running_title`` at
    the head of their pages; returns ``[(path name, reason)]`` for the documents not printed."""
    if not documents:
        return []
    if enabled is None:
        enabled = not os.environ.get(NO_PDF_ENV)
    if not enabled:
        return [(Path(d[1]).name, "PDF printing is turned off") for d in documents]
    typesetter, reason = _typesetter()
    if typesetter is None:
        return [(Path(d[1]).name, reason) for d in documents]
    skipped = []
    for blocks, path, notice, images, omitted in documents:
        page = html_document(blocks, notice, images, omitted, printed=True, running_title=running_title)
        try:
            typesetter(page, Path(path))
        except Exception as exc:  # one document failing must not stop the export (see above)
            Path(path).unlink(missing_ok=True)
            skipped.append((Path(path).name, f"it could not be typeset ({type(exc).__name__}: {exc})"))
    return skipped
