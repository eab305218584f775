"""What the export tests share: the demo's hard cases and readers of the files an export writes."""

from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook

from roundtable_lib.demo import PARTICIPANTS
from roundtable_lib.outputs.report import EMBLEM_MM

FORMULA = '=HYPERLINK("http://evil.example","click")'
SECRET = "Survivor hidden in the Ranong shelter"


REFUSED = [name for name, _org, _role, _lang, consent in PARTICIPANTS if not consent]


THAI_REC = "จัดตั้งกลไกการส่งต่อข้ามพรมแดนสำหรับผู้เสียหายจากการค้ามนุษย์"


def add_hard_cases(store):
    """The hard cases: a sensitive item, a formula-like item, and an action whose owner is a
    participant who did not consent to be named."""
    demo_store = store
    demo_store.add_item("s2", "challenge", SECRET, org="fed", sensitive=True)
    demo_store.add_item("s2", "lesson", FORMULA)
    demo_store.add_item(
        "conclusions",
        "action",
        f"Follow up with {REFUSED[0]} on the referral.",
        org="map",
        attrs={"owner_person": REFUSED[0], "due": "2016-08-01"},
    )
    return demo_store


def docx_text(path):
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def chart_pictures(doc):
    """The charts drawn in a Word document: its pictures but the funder's emblem on the cover."""
    emblem = Mm(EMBLEM_MM)
    return [shape for shape in doc.inline_shapes if shape.width != emblem]


def all_text(folder):
    """Everything a reader of any output could see, per file."""
    out = {}
    for path in folder.rglob("*"):
        if path.suffix == ".docx":
            out[path] = docx_text(path)
        elif path.suffix == ".xlsx":
            out[path] = "\n".join(str(c) for c in xlsx_cells(path))
        elif path.suffix == ".html":  # its source (names in attributes leak too) and the text as read
            source = path.read_text(encoding="utf-8")
            out[path] = source + "\n" + html_text(source)
        elif path.suffix in (".csv", ".md", ".json"):
            out[path] = path.read_text(encoding="utf-8-sig")
    return out


def html_text(source):
    """The text a reader of an HTML page sees: its tags gone (a language's <span lang> included)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", source))


GOOD = {
    "format": "roundtable-carry-forward",
    "version": 1,
    "source": {"meeting_id": "bangkok", "title": {"en": "Bangkok", "th": "กรุงเทพ"}, "date": "2016-07-12"},
    "organisations": {"map": {"name": {"en": "MAP", "th": "แมพ"}, "short": {"en": "MAP", "th": "แมพ"}}},
    "recommendations": [{"id": "r1", "text_en": "Weekly day off", "text_th": "", "rank": 1, "score": 3, "tied": False}],
    "synergies": [{"id": "s1", "orgs": ["map", "fed"], "text_en": "Joint radio", "text_th": ""}],
    "training": [
        {"id": "t1", "orgs": ["map"], "text_en": "Case files", "text_th": "", "attrs": {"format": "workshop"}}
    ],
}


def xlsx_cells(path):
    wb = load_workbook(path)
    return [cell for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for cell in row if cell is not None]
