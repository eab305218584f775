"""LibreOffice, run headless, as the Word files' typesetter: which page each heading lands on.

A Word file does not know its own page numbers: Word computes them when it lays the document
out. Its table of contents is a field that Word fills in when asked to, so a generated file
either asks the reader to update it on opening (a prompt in Word, one run-on line in
LibreOffice) or has no page numbers. Instead, the writer lays the file out once with Debian's
LibreOffice (``libreoffice-writer-nogui``), asks it for the page of each heading's bookmark
(PDF named destinations, read with pypdf as the PDFs' own contents are) and writes those numbers into
the contents page itself. One LibreOffice profile is kept for the workbook in the temporary
folder and used by one conversion at a time (a new profile costs more than the layout); an
export that finds it busy uses a throwaway one, so exports running at the same time never meet
in one LibreOffice.

Measured on the demo report (27 pages, 2 shared cores under load): about 3 s for the layout
with the kept profile, 4 s with a new one.

Imports: the standard library, and :mod:`roundtable_lib.outputs.pdf` for reading the pages.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 120  # seconds for one document on a loaded laptop; a hung LibreOffice is killed after it
SOFFICE_ENV = "SOFFICE_PATH"  # another LibreOffice than the one on PATH
# Bookmarks become named destinations in the PDF: their pages are the headings' pages.
_PDF_FILTER = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'


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
    pdf = Path(out_dir) / (Path(docx_path).stem + ".pdf")
    with _profile() as profile:
        if profile and _convert(soffice, profile, docx_path, out_dir, pdf):
            return pdf
    # No shared profile (another export holds it) or it failed (left broken by a killed run):
    # a fresh one, which costs LibreOffice a second or two to create.
    with tempfile.TemporaryDirectory(prefix="roundtable-lo-") as profile:
        return pdf if _convert(soffice, Path(profile), docx_path, out_dir, pdf) else None


def _convert(soffice, profile, docx_path, out_dir, pdf):
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        _PDF_FILTER,
        "--outdir",
        str(out_dir),
        str(docx_path),
    ]
    pdf.unlink(missing_ok=True)
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
        return False
    return pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-"


@contextlib.contextmanager
def _profile():
    """The user's LibreOffice profile for the workbook, reused from one export to the next (a
    new profile takes LibreOffice longer to create than the layout itself), held by one
    conversion at a time; None when another holds it or it cannot be made here."""
    try:
        import fcntl
    except ImportError:  # not on Linux or macOS: a fresh profile each time
        yield None
        return
    folder = Path(tempfile.gettempdir()) / f"roundtable-libreoffice-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        lock = open(folder / "lock", "w")  # held for the whole conversion below
    except OSError:
        yield None
        return
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield None
            return
        yield folder / "profile"


def destination_pages(pdf_path):
    """{named destination: page number (1-based)} of ``pdf_path``, read as the PDFs' contents
    are (:func:`roundtable_lib.outputs.pdf.section_pages`).

    LibreOffice writes a bookmark's leading underscore as ``5F`` (its hex code); the name comes
    back as it was in the Word file."""
    from roundtable_lib.outputs.pdf import section_pages

    try:
        found = section_pages(pdf_path)
    except Exception:  # noqa: BLE001 - an unreadable layout means an unnumbered contents, not a failed export
        return {}
    return {"_" + name[2:] if name.startswith("5F") else name: page for name, page in found.items()}


def heading_pages(docx_path):
    """{bookmark name: page} of the Word file ``docx_path`` as LibreOffice lays it out, or {}
    when it cannot be laid out here (no LibreOffice)."""
    with tempfile.TemporaryDirectory(prefix="roundtable-pages-") as scratch:
        pdf = to_pdf(docx_path, scratch)
        return destination_pages(pdf) if pdf else {}
