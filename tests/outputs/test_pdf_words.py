"""No word is broken in the printed PDFs: every Latin word a reader sees on a page is a word of
the document, never a piece of one ("Monitorin" / "g") left by a table cell too narrow for it.

The words of the document are those of the HTML the report is printed from (report.html, written
by the same export), of the meeting file (the submission's contact) and of the labels (the page
margins, the submission's fixed sentences). Thai has no spaces between words, so a
broken Thai word cannot be told from two words by its text: Chromium breaks Thai lines with
ICU's dictionary, and the Word files' test checks Thai word by word against LibreOffice's layout.
"""

import html
import re

import pytest

from roundtable_lib.meeting.labels import LABELS
from roundtable_lib.outputs.export import export_all
from tests.helpers import MEETING_FILE
from tests.helpers.pdfs import page_texts

LATIN_WORD = re.compile(r"[A-Za-z]+")


def _words(text):
    return set(LATIN_WORD.findall(text))


@pytest.mark.slow  # Chromium prints the PDFs
def test_no_latin_word_is_broken_in_either_pdf(demo_store, tmp_path):
    out = tmp_path / "out"
    export_all(demo_store.path, out, charts=False, pdf=True)
    source = html.unescape(re.sub(r"<[^>]+>", " ", (out / "report.html").read_text(encoding="utf-8")))
    labels = " ".join(en for en, _th in LABELS.values())
    known = _words(source) | _words(labels) | _words(MEETING_FILE.read_text(encoding="utf-8"))
    for name in ("report.pdf", "joint-recommendations.pdf"):
        printed = " ".join(page_texts(out / name, mode="-raw"))
        broken = sorted(_words(printed) - known)
        assert broken == [], f"{name}: words that are no word of the document: {broken[:20]}"
