"""PDF documents printed by Chromium from the same blocks as the Word ones.

The HTML of :func:`roundtable_lib.outputs.web.html_document` (A4, page numbers and the INTERNAL
notice in every page's margin) is written to a scratch folder and printed with the Chromium the
workbook already uses for charts (Debian's ``/usr/bin/chromium``, or ``$BROWSER_PATH``), run
headless with ``--print-to-pdf``: no Python PDF library, no network (the page is a local file
with its images inline, and its Content-Security-Policy allows no script and no fetch).
Several documents print at once, one browser each.

Without a browser the PDFs are skipped, each with its reason, and the Word documents still are
written: a missing PDF never costs the organisers the rest of the export.
"""

import os
import subprocess
import tempfile
import time
from pathlib import Path

from roundtable_lib.outputs.chart_images import find_chromium
from roundtable_lib.outputs.web import html_document

NO_PDF_ENV = "ROUNDTABLE_NO_PDF"
TIMEOUT = 120  # seconds for one document on a loaded laptop; a hung browser is killed after it

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
    "--no-pdf-header-footer",
    "--generate-pdf-document-outline",  # the PDF's bookmarks: one per heading
]


def print_pdfs(documents, enabled=None):
    """Print ``[(blocks, path, notice, images, omitted)]`` to PDF files; returns
    ``[(path name, reason)]`` for the documents not printed."""
    if not documents:
        return []
    if enabled is None:
        enabled = not os.environ.get(NO_PDF_ENV)
    if not enabled:
        return [(Path(d[1]).name, "PDF printing is turned off") for d in documents]
    browser = find_chromium()
    if not browser:
        return [(Path(d[1]).name, "no Chromium browser was found to print it") for d in documents]
    skipped = []
    with tempfile.TemporaryDirectory(prefix="roundtable-pdf-") as scratch:
        running = []
        for n, (blocks, path, notice, images, omitted) in enumerate(documents):
            page = Path(scratch) / f"doc{n}.html"
            page.write_text(html_document(blocks, notice, images, omitted, printed=True), encoding="utf-8")
            command = [
                browser,
                *_FLAGS,
                *(
                    ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
                ),  # Chromium refuses root otherwise
                f"--user-data-dir={Path(scratch) / f'profile{n}'}",
                f"--print-to-pdf={Path(path).resolve()}",
                page.resolve().as_uri(),
            ]
            try:
                proc = subprocess.Popen(
                    command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
                )
            except OSError as exc:
                skipped.append((Path(path).name, f"the browser could not start ({exc.strerror or exc})"))
                continue
            running.append((proc, Path(path)))
        deadline = time.monotonic() + TIMEOUT
        for proc, path in running:
            try:
                proc.wait(timeout=max(1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                skipped.append((path.name, f"printing it took over {TIMEOUT} s"))
                path.unlink(missing_ok=True)
                continue
            if not path.exists() or path.stat().st_size == 0 or not path.read_bytes()[:5] == b"%PDF-":
                skipped.append((path.name, f"the browser could not print it (exit status {proc.returncode})"))
                path.unlink(missing_ok=True)
    return skipped
