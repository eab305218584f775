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


def kept_groups(blocks):
    """The text of each group of blocks kept on one page (``("keep",)`` ... ``("keep_end",)``):
    [[text of each heading, paragraph and list item, in order]]; a table's cells are left out."""
    groups, current = [], None
    for block in blocks:
        if block[0] == "keep":
            current = []
        elif block[0] == "keep_end":
            groups.append(current)
            current = None
        elif current is not None and block[0] in ("h", "p"):
            current.append(block[2] if block[0] == "h" else block[1])
        elif current is not None and block[0] in ("bullets", "numbered"):
            current += list(block[1])
    return groups


def pages_of(text, pages, squash):
    """The pages (from 1) whose text, squashed by ``squash``, holds ``text`` squashed the same way."""
    return [n for n, page in enumerate(pages, start=1) if squash(text) in squash(page)]


def kept_test_blocks(count=30):
    """A document made to push groups against page ends: sections of varying length, each with a
    table whose note is kept with it, and a group of a heading and paragraphs kept together."""
    blocks = [("h", 0, "Keep test"), ("p", "Groups kept whole on their page", "subtitle"), ("break",)]
    for s in range(1, count + 1):
        rows = [[f"row-{s:02d}-{r:02d}", f"cell {s:02d} {r:02d}"] for r in range(1, 3 + s * 3 % 6)]
        blocks += [
            ("h", 1, f"Section {s:02d} heading"),
            ("p", "A sentence of filler text for the page. " * (s * 7 % 23 + 1), None),
            ("keep",),
            ("table", ["Header-Alpha", "Header-Beta"], rows),
            ("p", f"Note {s:02d} explains the table above.", "note"),
            ("keep_end",),
            ("keep",),
            ("h", 2, f"Group {s:02d} heading"),
            ("p", f"Group {s:02d} first line.", None),
            # At most six paragraphs, as a recommendation has: LibreOffice lets a longer chain of
            # paragraphs kept with the next one break now and then (seven of three lines each did).
            *[("p", f"Group {s:02d} middle text of the group. " * 6, None) for _ in range(s % 3 + 1)],
            ("p", f"Group {s:02d} last line.", None),
            ("keep_end",),
        ]
    return blocks


def note_test_blocks(count=40):
    """Tables, each with a note kept with it, after paragraphs a little longer each time, so
    that some table ends at the very foot of a page (where its note would go to the next)."""
    blocks = [("h", 0, "Note test")]
    for s in range(1, count + 1):
        blocks += [
            ("p", f"Paragraph {s:02d}. " + "Filler words to move the table down the page. " * s, None),
            ("keep",),
            ("table", ["Header-Alpha", "Header-Beta"], [[f"row-{s:02d}-{r:02d}", f"cell {r}"] for r in range(1, 4)]),
            ("p", f"Note {s:02d} explains the table above.", "note"),
            ("keep_end",),
        ]
    return blocks
