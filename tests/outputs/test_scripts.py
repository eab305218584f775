"""Every script the project's partners write renders in every document: Devanagari (Nepali),
Arabic, Ethiopic (Amharic), Cyrillic (Russian) and Thai typed into items.

A meeting whose items carry each script is exported; the PDF and the Word file (laid out by
LibreOffice) use each script's Noto family, embedded, and give the text back; Arabic is a
right-to-left paragraph (Word) or line (HTML) with a Latin name and numbers in it; a name
registered in Arabic is withheld in the public files. Pages are kept as images in
test-artifacts/documents/scripts-*/ for people to look at.
"""

import re
import shutil
import subprocess
import zipfile

import pytest

from roundtable_lib import Store
from roundtable_lib.meeting.scripts import css_fonts
from roundtable_lib.outputs.export import export_all
from roundtable_lib.outputs.libreoffice import to_pdf
from tests.helpers import ROOT
from tests.helpers.pdfs import fonts, page_texts

NEPALI = "नेपालका आप्रवासी कामदारहरूको सुरक्षा: २०१६ मा ३ नयाँ केन्द्र खुले।"
ARABIC = "حماية العمال المهاجرين في عمّان: 3 مراكز جديدة مع Caritas Jordan منذ 2016."
AMHARIC = "የስደተኛ ሠራተኞች ጥበቃ፡ በአዲስ አበባ ሦስት አዲስ ማዕከላት ተከፈቱ።"
RUSSIAN = "Защита трудящихся-мигрантов: три новых центра в Москве."
THAI = "คุ้มครองแรงงานข้ามชาติ: ศูนย์ใหม่ 3 แห่ง"
TEXTS = {"devanagari": NEPALI, "arabic": ARABIC, "ethiopic": AMHARIC, "cyrillic": RUSSIAN}
FAMILIES = {"devanagari": "NotoSansDevanagari", "arabic": "NotoSansArabic", "ethiopic": "NotoSansEthiopic"}
# Registered in Arabic, did not consent to be named, typed with "and" glued to his name.
WITHHELD = "أحمد الخطيب"
NAMED = "وأحمد الخطيب يدير المركز."
ARTIFACTS = ROOT / "test-artifacts" / "documents"


@pytest.fixture(scope="module")
def exported(tmp_path_factory, meeting):
    folder = tmp_path_factory.mktemp("scripts")
    store = Store(folder / "scripts.db", actor="chair:test")
    store.init(meeting)
    store.add_participant(WITHHELD, "lsdf", consent=False)
    for text in TEXTS.values():
        store.add_item("s2", "progress", text, THAI, org="lsdf")
    store.add_item("s2", "plan", NAMED, THAI, org="lsdf")
    store.close()
    result = export_all(folder / "scripts.db", folder / "public", charts=False)
    assert result.skipped == []
    return folder / "public"


def _flat(text):
    return re.sub(r"\s+", "", text)


def _pages_with(pdf, texts, name):
    """Render the pages holding ``texts`` to test-artifacts/documents/scripts-<name>/."""
    pages = page_texts(pdf, "-raw")
    wanted = sorted({n for n, page in enumerate(pages, start=1) for text in texts if _flat(text)[:12] in _flat(page)})
    folder = ARTIFACTS / f"scripts-{name}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for n in wanted:
        command = ["pdftoppm", "-r", "110", "-png", "-f", str(n), "-l", str(n), str(pdf), str(folder / "page")]
        subprocess.run(command, check=True, timeout=120)
    return wanted


def _check_pdf(pdf, name):
    used = fonts(pdf)
    assert all(embedded for _font, embedded in used), used
    families = {re.sub(r"-(Regular|Bold|Italic|BoldItalic)$", "", f) for f, _ in used}
    assert set(FAMILIES.values()) <= families, families
    # poppler gives Arabic back in the order it is drawn, each word between embedding marks
    text = re.sub("[\u202a-\u202e]", "", _flat("".join(page_texts(pdf, "-raw"))))
    for script, typed in TEXTS.items():
        if script != "arabic":  # its words come back in visual order, checked word by word below
            assert _flat(typed) in text, script
    for word in ("حماية", "المهاجرين", "مراكز", "Caritas", "2016"):
        assert word in text, word
    assert "الخطيب" not in text and "أحمد" not in text and "يدير" in text  # the name withheld
    assert _pages_with(pdf, list(TEXTS.values()), name)


@pytest.mark.slow  # prints the PDFs with Chromium and reads them back with poppler
def test_every_script_is_embedded_and_reads_back_from_the_pdf(exported):
    _check_pdf(exported / "report.pdf", "pdf")


@pytest.mark.slow  # LibreOffice lays the Word file out
def test_every_script_is_embedded_when_the_word_file_is_printed(exported, tmp_path):
    pdf = to_pdf(exported / "report.docx", tmp_path)
    assert pdf and pdf.exists()
    _check_pdf(pdf, "word")


def _document_xml(path):
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


@pytest.mark.slow  # the export prints PDFs too
def test_word_runs_name_each_scripts_font_and_arabic_reads_right_to_left(exported):
    xml = _document_xml(exported / "report.docx")
    for script, family in (("devanagari", "Noto Sans Devanagari"), ("ethiopic", "Noto Sans Ethiopic")):
        word = TEXTS[script].split()[0]
        run = re.search(r"<w:r>(?:(?!</w:r>).)*" + re.escape(word), xml, re.S).group()
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert f'w:{slot}="{family}"' in run, (script, slot, run)
    # a table cell holding the typed Arabic alone is a right-to-left paragraph
    cell = r"<w:p>(?:(?!<w:p>).)*?<w:t>\u2068</w:t>(?:(?!</w:p>).)*?حماية(?:(?!</w:p>).)*</w:p>"
    paragraph = re.search(cell, xml, re.S).group()
    assert "<w:bidi/>" in paragraph
    arabic_run = re.search(r"<w:r>(?:(?!</w:r>).)*حماية", paragraph, re.S).group()
    assert "<w:rtl/>" in arabic_run and 'w:bidi="ar-SA"' in arabic_run and 'w:cs="Noto Sans Arabic"' in arabic_run
    latin_run = re.search(r"<w:r>(?:(?!</w:r>).)*Caritas", paragraph, re.S).group()
    assert "<w:rtl/>" not in latin_run  # a Latin name inside keeps its left-to-right order
    russian = re.search(r"<w:p>(?:(?!</w:p>).)*Защита(?:(?!</w:p>).)*</w:p>", xml, re.S).group()
    assert "<w:bidi/>" not in russian and "<w:rtl/>" not in russian


@pytest.mark.slow  # the export prints PDFs; Chromium lays the page out
def test_the_web_report_sets_arabic_lines_right_to_left(exported, chromium):
    html = (exported / "report.html").read_text(encoding="utf-8")
    assert css_fonts() in html
    page = chromium.new_page(viewport={"width": 900, "height": 1200})
    try:
        page.goto((exported / "report.html").as_uri())
        for script, typed in TEXTS.items():
            word = typed.split()[0]
            line = page.locator(".line", has_text=word).first
            assert line.evaluate("el => getComputedStyle(el).direction") == "ltr", script  # "Progress: ..."
        # the typed Arabic is isolated (U+2068..2069, the plain-text <bdi>) and read right to left:
        # its first word is drawn at the right end, "Caritas Jordan" between its Arabic words
        line = page.locator(".line", has_text="حماية").first
        boxes = line.evaluate(
            """el => { const text = el.firstChild.textContent, r = document.createRange(), at = w => {
                 const i = text.indexOf(w); r.setStart(el.firstChild, i); r.setEnd(el.firstChild, i + w.length);
                 return r.getBoundingClientRect().x; };
               return ["حماية", "مع", "Caritas", "منذ"].map(at); }"""
        )
        first, with_, caritas, since = boxes
        assert first > with_ > caritas > since, boxes
        arabic = page.locator(".line", has_text="حماية").first
        arabic.scroll_into_view_if_needed()
        row = arabic.locator("xpath=ancestor::*[self::li or self::td or self::p][1]")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        row.screenshot(path=str(ARTIFACTS / "scripts-html-arabic.png"))
        page.locator(".line", has_text=NEPALI.split()[0]).first.locator(
            "xpath=ancestor::*[self::ul or self::ol or self::table][1]"
        ).screenshot(path=str(ARTIFACTS / "scripts-html.png"))
    finally:
        page.close()
