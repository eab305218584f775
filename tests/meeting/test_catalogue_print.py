"""Each complete catalogue's words print in their script: a page of labels per language (its
``lang`` and ``dir``, the dashboards' Noto families) printed by Debian's Chromium to PDF and to a
picture; the PDF's text read back (pdftotext) holds the catalogue's words, and every font is
embedded (pdffonts). Pictures in test-artifacts/documents/catalogue-<lang>.png."""

import html
import re
import subprocess
from pathlib import Path

import pytest

from roundtable_lib.meeting import catalogues
from roundtable_lib.meeting.labels import count, t
from roundtable_lib.meeting.languages import direction

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"
FONTS = '"Noto Sans", "Noto Sans Thai", "Noto Sans Devanagari", "Noto Sans Arabic", sans-serif'
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
SHOWN = ("dash.live", "dash.timer_left", "kind.recommendation", "button.reveal", "poll.hidden", "report.summary")


def page(lang):
    rows = "".join(f"<li>{html.escape(t(key, lang))}</li>" for key in SHOWN)
    counts = ", ".join(count(n, "count.vote", lang) for n in (0, 1, 2, 3, 11, 100))
    return (
        f'<!DOCTYPE html><html lang="{lang}" dir="{direction(lang)}"><head><meta charset="utf-8">'
        f"<style>body {{ font-family: {FONTS}; font-size: 22px; margin: 24px; }}</style></head><body>"
        f"<h1>{html.escape(t('report.title', lang))}</h1><ul>{rows}</ul><p>{html.escape(counts)}</p></body></html>"
    )


def chromium(*args):
    subprocess.run(
        ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.mark.parametrize("lang", catalogues.COMPLETE)
def test_a_catalogue_s_words_print_in_their_script(lang, tmp_path):
    source = tmp_path / f"catalogue-{lang}.html"
    source.write_text(page(lang), encoding="utf-8")
    pdf = tmp_path / f"catalogue-{lang}.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    picture = ARTIFACTS / f"catalogue-{lang}.png"
    chromium("--window-size=900,560", f"--screenshot={picture}", source.as_uri())
    assert picture.stat().st_size > 5_000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = BIDI_CONTROLS.sub("", text)  # pdftotext wraps a right-to-left line in U+202B ... U+202C
    # Labels whose Arabic has no lam-alef: pdftotext gives that ligature back as two letters reversed.
    for key in ("dash.timer_left", "kind.recommendation"):
        assert t(key, lang) in text, (key, text[:300])
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts  # every font embedded
