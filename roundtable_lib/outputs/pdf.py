"""PDF documents printed by Chromium from the same blocks as the Word ones.

The printable HTML of :func:`roundtable_lib.outputs.web.html_document` (A4, CSS paged media) is
written to a scratch folder and printed with the Chromium the workbook already uses for charts
(Debian's ``/usr/bin/chromium``, or ``$BROWSER_PATH``), run headless with ``--print-to-pdf``.
Every page's margin carries the meeting's short title at its head and the notice (such as
INTERNAL) and "Page n of N" at its foot (CSS page margin boxes, printed since Chromium 131);
headings stay with what follows them, table rows stay whole and header rows repeat. Nothing is
fetched: the page is a local file with its images inline, and its Content-Security-Policy
allows no script and no fetch.

The contents are numbered in two passes, because Chromium's print ignores ``target-counter``:
the document is printed once with the contents' page numbers left blank (their width
reserved, so that filling them in moves nothing), the page of each section is read from the
printed PDF (Chromium writes a named destination for each heading the contents link to; pypdf
reads them), and the document is printed again with the numbers written in. If a heading has
moved all the same, the numbers are read again and it is printed a third and last time.

Why Chromium and not WeasyPrint, which numbers a contents page in one pass (measured on the
demo meeting, 2-core machine; bench/RESULTS.md has the export times):

- Thai text read back from the PDF. WeasyPrint maps each glyph to one text once (its
  ToUnicode table, the first occurrence wins), so a Thai cluster whose glyphs HarfBuzz
  reorders or decomposes reads back wrong: ``pdftotext`` of "การปฏิบัติ สำหรับ นั้น" gives
  "การปฏิบต ั ิ สาหรับ นัน ้", and with ``-raw`` every ำ comes back as า. A Thai reader who
  copies from, searches in or listens to (screen reader) the submission would get misspelt
  Thai, and no test reading the PDF back could check a Thai name was withheld. Chromium's PDF
  of the same HTML reads back exactly (it writes the text of each run as ActualText).
- Contents numbering: WeasyPrint in one pass; Chromium in two (three if a heading moves).
- Time: WeasyPrint typeset both demo documents in about 2 s in this process; Chromium prints
  them in about 2 s per pass, both documents at once beside the rest of the export; the whole
  export of the demo stays within its 15 s target (``make bench``).

Without a browser the PDFs are skipped, each with its reason, and the Word documents still are
written: a missing PDF never costs the organisers the rest of the export.

May import: roundtable_lib.meeting, roundtable_lib.outputs.web, roundtable_lib.outputs.chart_images.
"""

import os
import subprocess
import tempfile
import time
from pathlib import Path

from roundtable_lib.meeting.labels import pick
from roundtable_lib.outputs.chart_images import find_chromium
from roundtable_lib.outputs.web import html_document

NO_PDF_ENV = "ROUNDTABLE_NO_PDF"
TIMEOUT = 120  # seconds for one pass on a loaded laptop; a hung browser is killed after it
PASSES = 3  # blank contents, numbered contents, renumbered once if a heading moved

_FLAGS = [
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-pdf-header-footer",  # the page's own margin boxes, not Chromium's date and address
    "--generate-pdf-document-outline",  # the PDF's bookmarks: one per heading
]


def running_head(meeting):
    """The head of every printed page: the meeting's short title in each of its languages."""
    titles = [pick(meeting.short_title, lang) for lang in meeting.languages]
    return " · ".join(dict.fromkeys(title for title in titles if title))


def section_pages(path):
    """``{anchor: page}`` of the PDF's named destinations (Chromium writes one for each element
    a link points to: the contents' sections), pages counted from 1."""
    from pypdf import PdfReader  # imported here: only printing needs it

    reader = PdfReader(path)
    return {
        str(name).lstrip("/"): reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }


class _Document:
    """One document to print, the contents' page numbers it was last printed with."""

    def __init__(self, n, blocks, path, notice, images, omitted):
        self.n, self.blocks, self.path = n, blocks, Path(path)
        self.notice, self.images, self.omitted = notice, images, omitted
        self.numbered = any(block[0] == "toc" for block in blocks)
        self.pages = None  # None: contents not numbered yet
        self.done = False

    def page(self, running_title):
        return html_document(
            self.blocks,
            self.notice,
            self.images,
            self.omitted,
            printed=True,
            running_title=running_title,
            contents_pages=self.pages,
        )


def print_pdfs(documents, enabled=None, running_title=""):
    """Print ``[(blocks, path, notice, images, omitted)]`` to PDF files, ``running_title`` at
    the head of their pages; returns ``[(path name, reason)]`` for the documents not printed."""
    if not documents:
        return []
    if enabled is None:
        enabled = not os.environ.get(NO_PDF_ENV)
    if not enabled:
        return [(Path(d[1]).name, "PDF printing is turned off") for d in documents]
    browser = find_chromium()
    if not browser:
        return [(Path(d[1]).name, "no Chromium browser was found to print it") for d in documents]
    docs = [_Document(n, *document) for n, document in enumerate(documents)]
    skipped = []
    with tempfile.TemporaryDirectory(prefix="roundtable-pdf-") as scratch:
        for last in [False] * (PASSES - 1) + [True]:
            pending = [doc for doc in docs if not doc.done]
            if not pending:
                break
            failed = _print_pass(browser, Path(scratch), pending, running_title)
            skipped += failed
            for doc in pending:
                if doc.path.name in dict(failed):
                    doc.done = True
                    continue
                try:
                    pages = section_pages(doc.path) if doc.numbered else None
                except Exception:  # unreadable: contents without page numbers beat no PDF at all
                    pages = doc.pages  # so it is done
                doc.done = last or pages == doc.pages
                doc.pages = pages
    return skipped


def _print_pass(browser, scratch, docs, running_title):
    """Print ``docs`` at once, one browser each; ``[(path name, reason)]`` of those that failed."""
    failed, running = [], []
    for doc in docs:
        page = scratch / f"doc{doc.n}.html"
        page.write_text(doc.page(running_title), encoding="utf-8")
        command = [
            browser,
            *_FLAGS,
            *(["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),  # refused as root otherwise
            f"--user-data-dir={scratch / f'profile{doc.n}'}",
            f"--print-to-pdf={doc.path.resolve()}",
            page.resolve().as_uri(),
        ]
        doc.path.unlink(missing_ok=True)  # a PDF of the pass before is not taken for this one's
        try:
            proc = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
            )
        except OSError as exc:
            failed.append((doc.path.name, f"the browser could not start ({exc.strerror or exc})"))
            continue
        running.append((proc, doc.path))
    deadline = time.monotonic() + TIMEOUT
    for proc, path in running:
        try:
            proc.wait(timeout=max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            failed.append((path.name, f"printing it took over {TIMEOUT} s"))
            path.unlink(missing_ok=True)
            continue
        if not path.exists() or path.stat().st_size == 0 or not path.read_bytes()[:5] == b"%PDF-":
            failed.append((path.name, f"the browser could not print it (exit status {proc.returncode})"))
            path.unlink(missing_ok=True)
    return failed
