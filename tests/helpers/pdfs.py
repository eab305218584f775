"""PDFs read the way a reader sees them: poppler's pdfinfo, pdftotext (one page at a time, laid
out as printed), pdffonts, and pdftoppm page images kept in test-artifacts/documents/ for
people to look at."""

import re
import shutil
import subprocess

from tests.helpers import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "documents"


def _run(*command):
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout


def page_count(path):
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(path)), re.M).group(1))


def page_texts(path, mode="-layout"):
    """The text of every page, first page first: laid out as printed (``-layout``), or in the
    order it was written (``-raw``). Chromium's PDFs give Thai back as typed in either mode."""
    pages = range(1, page_count(path) + 1)
    return [_run("pdftotext", mode, "-f", str(n), "-l", str(n), str(path), "-") for n in pages]


def fonts(path):
    """``[(name without subset prefix, embedded)]`` of every font the PDF uses (pdffonts)."""
    rows = _run("pdffonts", str(path)).splitlines()[2:]
    found = []
    for row in rows:
        name, rest = row.split(None, 1)
        embedded = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s", " " + rest)
        found.append((name.split("+", 1)[-1], bool(embedded) and embedded.group(1) == "yes"))
    return found


def page_images(path, name, resolution=60):
    """Every page as a PNG in test-artifacts/documents/<name>/ (looked at by people)."""
    folder = ARTIFACTS / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    subprocess.run(
        ["pdftoppm", "-r", str(resolution), "-png", str(path), str(folder / "page")], check=True, timeout=300
    )
    return sorted(folder.glob("page-*.png"))
