"""Every spelling of a non-consenting person's name, in every file a public export writes.

A meeting made for the purpose: "Somchai Nuengdee" registered with his Thai spelling
"คุณสมชาย หนึ่งดี" and the short form "Somchai", who did not consent to be named; chairs typed
him in both languages, with and without titles, glued to Thai words, in every kind of item, a
poll's title and option, an action's owner. Every file of the public export is read back as its
reader would (PDF through pdftotext, Word and Excel files unzipped, text files as text) and
holds no spelling; the internal export, read the same way, holds them (so the reading works).
"""

import html
import re
import shutil
import subprocess
import zipfile

import pytest

from roundtable_lib.outputs.export import export_all
from tests.helpers import ROOT

PERSON = dict(names={"en": "Somchai Nuengdee", "th": "คุณสมชาย หนึ่งดี"}, short_name="Somchai")
# What must not be read anywhere: each part of each spelling (case is ignored for Latin).
SPELLINGS = ("somchai", "nuengdee", "สมชาย", "หนึ่งดี")
LEAK = re.compile("|".join(SPELLINGS), re.IGNORECASE)


def _typed(store):
    """Items of every kind that reaches a file, each naming him in another way."""
    said = [
        ("s2", "progress", "Somchai Nuengdee opened 3 village groups.", "คุณสมชาย หนึ่งดี เปิดกลุ่มหมู่บ้าน 3 กลุ่ม"),
        ("s2", "challenge", "Khun Somchai's team lost two cases.", "ทีมของคุณสมชายแพ้คดีสองคดี"),
        ("s2", "plan", "SOMCHAI will train volunteers.", "นายสมชายจะอบรมอาสาสมัคร"),
        ("s2", "lesson", "Ask Mr. Nuengdee first.", "สมชายเล่าว่าต้องถามก่อน"),
        ("s2", "summary", "Somchai summed up the day.", "สมชาย หนึ่งดีสรุปการประชุม"),
        ("s4", "need", "Somchai needs case-management training.", "หนึ่งดีต้องการการอบรม"),
    ]
    for session, kind, en, th in said:
        extra = {"attrs": {"area": "Case management"}} if kind == "need" else {}
        store.add_item(session, kind, en, th, org="lsdf", **extra)
    store.add_item("s2", "question", "Who pays?", "ใครจ่าย", attrs={"asked_by": "คุณสมชาย", "answer": "Somchai"})
    store.add_item("s2", "synergy", "LSDF and MAP with Somchai", "ร่วมกับคุณสมชาย", orgs=["lsdf", "map"])
    store.add_item("s4", "training", "Somchai's referral course", "หลักสูตรของคุณสมชาย", orgs=["lsdf"])
    store.add_item(
        "conclusions",
        "action",
        "Send Somchai the minutes.",
        "ส่งบันทึกให้คุณสมชาย",
        org="lsdf",
        attrs={"owner_person": "คุณสมชาย หนึ่งดี", "due": "2016-08-01"},
    )
    recs = [
        store.add_item("s3", "recommendation", "Protect whistle-blowers like Somchai.", "คุ้มครองผู้แจ้งเบาะแสเช่นคุณสมชาย"),
        store.add_item("s3", "recommendation", "Give every migrant a written contract.", "ให้แรงงานทุกคนมีสัญญาจ้าง"),
    ]
    poll = store.create_poll(
        "s3",
        "Somchai's priorities",
        "ลำดับความสำคัญของคุณสมชาย",
        options=[*(r["id"] for r in recs), {"label_en": "Ask Somchai", "label_th": "ถามคุณสมชาย"}],
    )
    store.record_tally(poll["id"], {o["id"]: n for o, n in zip(poll["options"], (5, 3, 1), strict=True)})
    store.close_poll(poll["id"])
    store.reveal_poll(poll["id"])


def _read(path):
    """A file's text as its reader meets it."""
    if path.suffix == ".pdf":
        # -raw reads Thai as written (layout modes can move a mark away from its consonant).
        return "\n".join(
            subprocess.run(["pdftotext", mode, str(path), "-"], capture_output=True, text=True, check=True).stdout
            for mode in ("-raw", "-layout")
        )
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as z:
            xml = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith((".xml", ".rels")))
        # Word splits a sentence into runs: the text without tags joins them again. Spreadsheets
        # write Thai as character references (&#3626;): read them as the characters they are.
        return html.unescape(xml + "\n" + re.sub(r"<[^>]+>", "", xml))
    if path.suffix in (".png", ".jpg", ".svg"):
        return ""  # charts are drawn from the filtered content; an image holds no text to read
    return path.read_text(encoding="utf-8-sig")


def _files(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.mark.slow  # prints the PDFs and reads them back with poppler
def test_no_spelling_of_a_withheld_name_in_any_public_file(fresh_store, tmp_path):
    fresh_store.add_participant("", "lsdf", role="Field officer", language="th", consent=False, **PERSON)
    fresh_store.add_participant("Malee P.", "lsdf", consent=True)
    _typed(fresh_store)
    public = export_all(fresh_store.path, tmp_path / "public", charts=False)
    internal = export_all(fresh_store.path, tmp_path / "internal", internal=True, charts=False)
    assert not public.skipped and not internal.skipped  # the PDFs were printed

    public_files = _files(tmp_path / "public")
    kinds = {p.suffix for p in public_files}
    assert {".pdf", ".docx", ".xlsx", ".csv", ".md", ".html", ".json"} <= kinds
    leaks = {str(p.relative_to(tmp_path)): sorted(set(LEAK.findall(_read(p)))) for p in public_files}
    assert {name: found for name, found in leaks.items() if found} == {}
    # Withheld, not silently dropped: the report says where a name was.
    assert "name withheld" in _read(tmp_path / "public" / "report.md")
    for name in ("report", "joint-recommendations"):  # pages for people to look at
        folder = ROOT / "test-artifacts" / "documents" / f"names-withheld-{name}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        pdf = tmp_path / "public" / f"{name}.pdf"
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(folder / "page")], check=True, timeout=300)

    # The same reading finds every spelling in the organisers' copy, file type by file type.
    seen = {}
    for p in _files(tmp_path / "internal"):
        seen.setdefault(p.suffix, set()).update(m.lower() for m in LEAK.findall(_read(p)))
    for suffix in (".pdf", ".docx", ".xlsx", ".csv", ".md", ".html"):
        assert seen.get(suffix) == set(SPELLINGS), suffix
