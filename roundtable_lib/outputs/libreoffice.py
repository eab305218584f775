"""LibreOffice, run headless, as the Word files' typesetter: which page each heading lands on.

A Word file does not know its own page numbers: Word computes them when it lays the document
out. Its table of contents is a field that Word fills in when asked to, so a generated file
either asks the reader to update it on opening (a prompt in Word, one run-on line in
LibreOffice) or has no page numbers. Instead, the writer lays the file out once with Debian's
LibreOffice (``libreoffice-writer-nogui``), asks it for the page of each heading's bookmark
(PDF named destinations, read with poppler's ``pdfinfo -dests``) and writes those numbers into
the contents page itself. Each run gets its own throwaway profile, so exports running at the
same time never meet in one LibreOffice.

Imports: the standard library only.
"""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 120  # seconds for one document on a loaded laptop; a hung LibreOffice is killed after it
SOFFICE_ENV = "SOFFICE_PATH"  # another LibreOffice than the one on PATH
# Bookmarks become named destinations in the PDF: their pages are the headings' pages.
_PDF_FILTER = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'
_DEST = re.compile(r"^\s*(\d+)\s+\[.*\]\s+\"(.*)\"\s*$")


def find_soffice():
    """The LibreOffice program to run, or None when there is none."""
    explicit = os.environ.get(SOFFICE_ENV)
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_path, out_dir):
    """Convert the Word file ``docx_path`` to a PDF in ``out_dir`` (bookmarks kept as named
    destinations); returns the PDF's path, or None when LibreOffice is missing or failed."""
    soffice = find_soffice()
    if not soffice:
        return None
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="roundtable-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            _PDF_FILTER,
            "--outdir",
            str(out_dir),
            str(docx_path),
        ]
        try:
            subprocess.run(
                command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
                timeout=TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
    pdf = out_dir / (Path(docx_path).stem + ".pdf")
    return pdf if pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-" else None


def destination_pages(pdf_path):
    """{named destination: page number (1-based)} of ``pdf_path``, as poppler's pdfinfo lists them.

    LibreOffice writes a bookmark's leading underscore as ``5F`` (its hex code); the name comes
    back as it was in the Word file."""
    try:
        listed = subprocess.run(
            ["pdfinfo", "-dests", str(pdf_path)], capture_output=True, text=True, timeout=60, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return {}
    pages = {}
    for line in listed.splitlines():
        match = _DEST.match(line)
        if match:
            name = match.group(2)
            pages.setdefault("_" + name[2:] if name.startswith("5F") else name, int(match.group(1)))
    return pages


def heading_pages(docx_path):
    """{bookmark name: page} of the Word file ``docx_path`` as LibreOffice lays it out, or {}
    when it cannot be laid out here (no LibreOffice or no poppler)."""
    with tempfile.TemporaryDirectory(prefix="roundtable-pages-") as scratch:
        pdf = to_pdf(docx_path, scratch)
        return destination_pages(pdf) if pdf else {}
