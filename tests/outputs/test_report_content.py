"""The meeting report reads as a document a professional would send: its sections, findings per
organisation written from what was captured, recommendations with why and for whom, the funder's
cover, and both languages everywhere (a missing translation says so). Read back from the
Markdown and Word files the export writers produce from the demo meeting; no browser needed."""

import re
import struct
import zlib

import pytest
from docx import Document

from roundtable_lib.chair.forms import CaptureForm
from roundtable_lib.exceptions import MeetingError, ValidationError
from roundtable_lib.meeting.definition import parse_meeting
from roundtable_lib.meeting.labels import t
from roundtable_lib.meeting.rules import validate_item
from roundtable_lib.outputs import export
from roundtable_lib.outputs.emblem import BLUE, GOLD, emblem_png, emblem_svg
from roundtable_lib.outputs.report import report_blocks, top_priorities
from roundtable_lib.outputs.web import write_html, write_markdown
from roundtable_lib.outputs.word import write_docx
from tests.helpers.exports import docx_text

PENDING_TH = t("report.pending", "th")
_MD_MARKS = re.compile(r"([\\`*_{}\[\]()#!|])")


def escaped(text):
    """``text`` as the Markdown writer escapes it."""
    return _MD_MARKS.sub(r"\\\1", text)


SECTIONS = (
    "Executive summary / บทสรุปสำหรับผู้บริหาร",
    "Context and method / บริบทและวิธีการ",
    "Findings by session / ผลการประชุมแต่ละช่วง",
    "Joint recommendations / ข้อเสนอแนะร่วม",
    "Next steps: towards the regional conference and the GFMD",
    "Acronyms / อักษรย่อ",
    "Agenda / กำหนดการ",
    "Annex: everything captured / ภาคผนวก: บันทึกทั้งหมด",
)


@pytest.fixture
def written(demo_store, tmp_path):
    """(content, Markdown text, Word path) of the demo's public report."""
    content = export.collect(demo_store.target)
    blocks, _charts = report_blocks(content)
    write_markdown(blocks, tmp_path / "report.md")
    write_docx(blocks, tmp_path / "report.docx", page_numbers=False)
    return content, (tmp_path / "report.md").read_text(encoding="utf-8"), tmp_path / "report.docx"


def _section(md, start, end="\n## "):
    """The Markdown from the heading that starts with ``start`` to the next section heading."""
    at = md.index("## " + start)
    stop = md.find(end, at + 3)
    return md[at : stop if stop > 0 else None]


def test_the_sections_come_in_the_order_of_a_meeting_report(written):
    _content, md, _docx = written
    headings = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    found = [next((n for n, h in enumerate(headings) if h.startswith(s.replace("(", "\\("))), None) for s in SECTIONS]
    assert None not in found, dict(zip(SECTIONS, found, strict=True))
    assert found == sorted(found)


def test_findings_are_written_per_organisation_from_what_was_captured(written):
    content, md, _docx = written
    findings = _section(md, "Findings by session")
    assert "items captured; see the annex" not in md  # the old one-line count
    for org in ("map", "lsdf", "flep", "fed"):
        name = content.org_name(org)
        said = [i for i in content.items if i["org"] == org and i["session"] == "s2"]
        kinds = {i["kind"] for i in said}
        assert {"progress", "challenge", "plan"} <= kinds, org
        # The organisation's own heading, then each thing it said, with its kind, under it.
        part = findings[findings.index(f"#### {name}") :]
        part = part[: part.find("\n#### ", 5)]
        for item in said:
            first_words = " ".join(item["text_en"].split()[:4])
            assert first_words in part, (org, first_words)
            assert escaped(t("kind." + item["kind"])) in part
    assert "Questions and answers / ถาม-ตอบ" in findings and "Answer / คำตอบ: Through LINE groups" in findings
    assert "Lessons learned / บทเรียน" in findings and "Synergies / การเสริมพลังร่วมกัน" in findings


def test_chairs_summaries_are_quoted_as_theirs_not_stated_as_findings(written):
    content, md, _docx = written
    findings = _section(md, "Findings by session")
    summary = content.of("summary", "s2")[0]["text_en"]
    assert f"“{summary}" in findings  # quoted
    assert "The chair \\(Life Skills Development Foundation\\) summarised the session:" in findings
    assert "What each session concluded" not in md


def test_no_thai_cell_is_blank_and_a_missing_translation_says_so(written):
    content, md, docx_path = written
    doc = Document(docx_path)
    thai_columns = 0
    for table in doc.tables:
        headers = [c.text for c in table.rows[0].cells]
        for n, header in enumerate(headers):
            if "ภาษาไทย" in header:
                thai_columns += 1
                assert all(row.cells[n].text.strip() for row in table.rows[1:]), header
    assert thai_columns >= 4
    untranslated = [i for i in content.items if i["text_en"] and not i["text_th"]]
    assert untranslated and PENDING_TH in docx_text(docx_path)
    # Each untranslated item's English line is followed by the mark in the findings, not by nothing.
    findings = _section(md, "Findings by session")
    for item in untranslated:
        if item["kind"] in ("recommendation", "training", "summary"):
            continue
        at = findings.find(" ".join(item["text_en"].split()[:5]))
        assert at >= 0, item["text_en"]
        line = findings[at : findings.find("\n", at)]
        assert "อยู่ระหว่างการแปล" in line, line


def test_every_heading_is_in_english_and_thai(written):
    _content, md, _docx = written
    for line in md.splitlines():
        if line.startswith("## "):
            assert re.search("[\u0e00-\u0e7f]", line), line


def test_recommendations_carry_their_rationale_and_addressees(written):
    _content, md, docx_path = written
    recs = _section(md, "Joint recommendations")
    assert "Why<br>เหตุผล" in recs and "Addressed to<br>ข้อเสนอถึง" in recs
    assert "Victims returned across the border lose contact" in recs
    assert "Royal Thai Government / รัฐบาลไทย" in recs and "Donors / ผู้ให้ทุน" in recs
    row = next(line for line in recs.splitlines() if "Guarantee access to complaint" in line)
    assert PENDING_TH.replace("(", "\\(").replace(")", "\\)") in row  # its rationale has no Thai yet


def test_next_steps_and_acronyms_come_from_the_meeting(written):
    content, md, _docx = written
    steps = _section(md, "Next steps")
    assert "The joint recommendations go to the regional Rights of Migrants in Action conference" in steps
    assert "Submit a joint input to the GFMD civil society consultation" in steps
    acronyms = _section(md, "Acronyms")
    for org in content.meeting.organisations:
        short = org.label("en").split(" (")[0]
        if short.isupper():
            assert f"| {escaped(short)} | {escaped(org.name['en'])} | {org.name['th']} |" in acronyms
    assert "| Thai Red Cross |" not in acronyms and "| EU Delegation |" not in acronyms
    assert "| GFMD | Global Forum on Migration and Development |" in acronyms
    assert "| UN |" not in acronyms  # no recommendation of the demo addresses the UN


def test_the_cover_has_the_funders_emblem_disclaimer_date_and_distribution(written, demo_store, tmp_path):
    content, md, docx_path = written
    cover = md[: md.index("## ")]
    funder = content.meeting.funder
    assert funder["disclaimer"]["en"] in cover and funder["disclaimer"]["th"] in cover
    assert "sole responsibility" in cover and "12 July 2016" in cover and "12 กรกฎาคม 2559" in cover
    assert "Distribution: public" in cover and "Version: the record as it stood on" in cover
    blocks, _charts = report_blocks(content)
    write_html(blocks, tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.count('<img alt="European Union"') == 1 and page.index("European Union") < page.index("<h1>")
    internal = export.collect(demo_store.target, internal=True)
    blocks, _charts = report_blocks(internal)
    write_markdown(blocks, tmp_path / "internal.md")
    assert "Distribution: internal" in (tmp_path / "internal.md").read_text(encoding="utf-8")


def test_a_meeting_without_a_funder_has_no_emblem(demo_store):
    content = export.collect(demo_store.target)
    content.meeting = parse_meeting({**_meeting_data(demo_store), "meeting": _without_funder(demo_store)})
    blocks, _charts = report_blocks(content)
    assert not [b for b in blocks if b[0] == "image"]


def _meeting_data(store):
    m = store.meeting
    return {
        "organisations": [{"id": o.id, "kind": o.kind, "name": o.name} for o in m.organisations],
        "agenda": [
            {"id": a.id, "title": a.title, "purpose": a.purpose, "duration_minutes": a.duration_minutes, "chair": "map"}
            for a in m.agenda
        ],
    }


def _without_funder(store):
    m = store.meeting
    return {
        "id": m.id,
        "title": m.title,
        "date": m.date.isoformat(),
        "venue": m.venue,
        "languages": ["en", "th"],
        "objectives": list(m.objectives),
        "limits": {"participants": 25, "per_cso": 4},
    }


def test_an_unknown_emblem_is_refused_in_plain_words(demo_store):
    data = {**_meeting_data(demo_store), "meeting": _without_funder(demo_store)}
    data["meeting"]["funder"] = {"name": {"en": "X", "th": "X"}, "disclaimer": {"en": "Y", "th": "Y"}, "emblem": "un"}
    with pytest.raises(MeetingError, match="meeting.funder.emblem: unknown emblem 'un'"):
        parse_meeting(data)


def test_the_emblem_is_the_eu_flag_drawn_here():
    png = emblem_png("eu", 120)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (180, 120)
    raw = zlib.decompress(png[png.index(b"IDAT") + 4 : png.index(b"IEND") - 8])
    row = width * 3 + 1

    def pixel(x, y):
        at = y * row + 1 + x * 3
        return tuple(raw[at : at + 3])

    assert pixel(90, 60) == BLUE and pixel(2, 2) == BLUE  # the centre of the ring is empty
    assert pixel(90, 20) == GOLD  # the star at twelve o'clock: a third of the height above the centre
    assert emblem_svg("eu").count("<polygon") == 12


@pytest.mark.parametrize(
    "ranks, expected",
    [
        ([1, 2, 3, 4], 3),
        ([1, 2, 3, 3, 5], 4),  # both tied at 3rd are named
        ([1, 1, 1, 1], 4),
        ([1, 2], 2),
    ],
)
def test_the_priorities_voted_highest_keep_ties(ranks, expected):
    ranked = [({"id": n}, {"rank": r}) for n, r in enumerate(ranks)] + [({"id": 99}, None)]
    assert len(top_priorities(ranked)) == expected


def test_a_recommendation_is_captured_with_rationale_and_addressees(fresh_store):
    form = CaptureForm(fresh_store, "s3", kinds=["recommendation"])
    assert form.addressees.layout.display is None and form.rationale.layout.display is None
    form.text_en.value = "A weekly day off for domestic workers"
    form.addressees.value = ("government", "asean")
    form.rationale.value = "Without a day off they cannot reach any service."
    form.submit.click()
    (item,) = fresh_store.items(kind="recommendation")
    assert item["attrs"] == {
        "addressees": "government, asean",
        "rationale": "Without a day off they cannot reach any service.",
    }
    form.edit(item["id"])
    assert form.addressees.value == ("government", "asean")


def test_an_unknown_addressee_is_refused(fresh_store):
    data = {"session": "s3", "kind": "recommendation", "text_en": "x", "attrs": {"addressees": ["the king"]}}
    with pytest.raises(ValidationError, match="Addressee must be one of government"):
        validate_item(fresh_store.meeting, data)


THAI = re.compile("[\u0e00-\u0e7f]")
# English words of the report's own sentences that must never stand in a Thai paragraph.
ENGLISH_IN_THAI = re.compile(r"\b(Method|Tie at|Weakest|ballots?|voted|show of hands|stored in the workbook|Voting)\b")


def test_the_votes_say_how_and_who_voted_in_both_languages(written):
    content, md, _docx = written
    votes = _section(md, "Votes")
    assert votes.count("\nMethod: ") == votes.count("\nวิธีลงคะแนน: ") == len(content.polls)
    # Who voted is named (only the organisations that vote), in English and in Thai.
    assert "14 ballots from 6 organisations: MAP, LSDF, FLEP, FED, MFA, Thai Red Cross." in votes
    assert "บัตรลงคะแนน 14 ใบ จาก 6 องค์กร: แมพ พทช. มสรจ. มศพ. MFA สภากาชาดไทย" in votes
    # A show of hands: one pair of brackets at most, and Thai words in the Thai line.
    assert "(no count of voters)" not in md and "\\(a show of hands \\(" not in md
    assert "ยกมือ ไม่ได้นับจำนวนผู้ลงคะแนน" in votes
    for line in md.splitlines():
        if THAI.match(line.lstrip("*“ ")):
            assert not ENGLISH_IN_THAI.search(line), line


def test_a_tie_is_said_after_its_table_in_both_languages(written):
    _content, md, _docx = written
    day = md[md.index("### How was the day?") :]
    day = day[: day.index("\n## ")]
    table = day.index("| Rank<br>อันดับ")
    assert day.index("Tie at rank 2: The interpretation helped me follow; I know what happens next.") > table
    assert day.index("คะแนนเท่ากันที่อันดับ 2: การแปลช่วยให้ฉันติดตามการประชุมได้; ฉันทราบว่า") > table


def test_the_recommendations_name_the_organisations_that_ranked_them(written):
    _content, md, _docx = written
    recs = _section(md, "Joint recommendations")
    assert "\\(14 ballots from 6 organisations: MAP, LSDF, FLEP, FED, MFA, Thai Red Cross\\)." in recs
    assert "เรียงตามผลการลงคะแนน “ลำดับความสำคัญของข้อเสนอแนะร่วม” \\(บัตรลงคะแนน 14 ใบ จาก 6 องค์กร: แมพ" in recs


def test_a_rationale_nobody_recorded_is_missing_not_awaiting_translation(fresh_store):
    fresh_store.add_item("s3", "recommendation", text_en="A day off", text_th="วันหยุด")
    blocks, _charts = report_blocks(export.collect(fresh_store.target))
    table = next(b for b in blocks if b[0] == "table" and b[1][0].startswith("Rank") and "Why" in b[1][2])
    why = table[2][0][2]
    assert why == "No rationale was recorded.\nไม่ได้บันทึกเหตุผล"
    assert "translation pending" not in why and "อยู่ระหว่างการแปล" not in why


def test_capacity_lines_and_chart_captions_are_bilingual(written, tmp_path):
    content, md, _docx = written
    capacity = _section(md, "Capacity findings")
    assert "Weakest scores: FLEP, Resource mobilisation \\(1\\)" in capacity
    assert "คะแนนต่ำที่สุด: มสรจ. Resource mobilisation \\(1\\)" in capacity
    assert "การประเมินศักยภาพ: คะแนน 28 รายการจาก" in capacity and "โดยข้อมูลสาธิต" in capacity
    blocks, charts = report_blocks(content)
    captions = [b[2] for b in blocks if b[0] == "chart"]
    assert captions and all(THAI.search(c) for c in captions), captions
    # A chart left out says so in both languages, in every writer.
    omitted = [(captions[0], "not drawn")]
    write_markdown(blocks, tmp_path / "r.md", omitted=omitted)
    write_html(blocks, tmp_path / "r.html", omitted=omitted)
    write_docx(blocks, tmp_path / "r.docx", omitted=omitted, page_numbers=False)
    for text in ((tmp_path / "r.md").read_text(), (tmp_path / "r.html").read_text(), docx_text(tmp_path / "r.docx")):
        assert "Chart left out: Contributions by organisation" in text and "ไม่ได้ใส่แผนภูมินี้" in text


def test_dates_statuses_and_formats_read_as_words(written):
    _content, md, _docx = written
    assert "2016-07-29" not in md and "5 action items agreed, the first due on 29 July 2016." in md
    assert "ตกลง 5 รายการปฏิบัติ รายการแรกกำหนดเสร็จวันที่ 29 กรกฎาคม 2559" in md
    actions = _section(md, "Action items")
    assert "| Open<br>ยังไม่เริ่ม |" in actions and "| In progress<br>กำลังดำเนินการ |" in actions
    training = _section(md, "Training work plan")
    assert "| Workshop<br>การอบรมเชิงปฏิบัติการ |" in training and "| Agreed<br>ตกลงแล้ว |" in training


def test_the_report_speaks_of_participants_not_the_room(written):
    _content, md, _docx = written
    assert "Participants identified these avenues for engagement:" in _section(md, "Next steps")
    assert "the room" not in md.lower()


def test_the_notices_a_reader_must_not_miss_are_in_both_languages(written):
    _content, md, _docx = written
    assert "**Sample data: this is a demonstration database.<br>ข้อมูลตัวอย่าง: ฐานข้อมูลสำหรับสาธิต**" in md
    capacity = _section(md, "Capacity findings")
    assert "Do not quote them.<br>ข้อมูลตัวอย่างเพื่อการสาธิต: คะแนนศักยภาพเหล่านี้" in capacity


def test_the_contributions_chart_names_each_kind_in_both_languages(written):
    content, _md, _docx = written
    _blocks, charts = report_blocks(content)
    fig = next(fig for key, _title, fig in charts if key == "contributions")
    names = [trace.name for trace in fig.data]
    assert "Progress / ความคืบหน้า" in names and all(THAI.search(n) for n in names), names
