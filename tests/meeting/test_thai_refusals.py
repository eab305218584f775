"""What a findings file, a ballot, an endorsement, an undo or a merge is refused for is said in
Thai too: the capacity-file check, the eligibility rules and the store raise their refusals with
words in both languages (meeting/refusal_labels.py), and the English stays word for word what it
always was (the command line, the logs and the English chair read it)."""

import ast
import re
import string

import pytest

from roundtable_lib.exceptions import NotFound, ValidationError
from roundtable_lib.meeting.assessment import CapacityData, load_capacity_bytes, parse_capacity
from roundtable_lib.meeting.eligibility import validate_eligible, validate_endorsement
from roundtable_lib.meeting.labels import LABELS
from roundtable_lib.meeting.refusals import error_text
from tests.helpers import ROOT

THAI = re.compile("[\u0e00-\u0e7f]")
RAISERS = {"refusal", "not_found", "words"}
MODULES = [
    "meeting/assessment.py",
    "meeting/eligibility.py",
    "store/capacity.py",
    "store/history.py",
    "store/items.py",
    "store/participants.py",
    "store/polls.py",
    "store/state.py",
]


def _keys(path):
    tree = ast.parse((ROOT / "roundtable_lib" / path).read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) in RAISERS
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def _blanks(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("path", MODULES)
def test_every_refusal_has_thai_words_with_the_same_blanks(path):
    keys = {k for k in _keys(path) if not k.startswith("file.")}
    assert keys, f"{path} raises no refusal through the labels"
    for key in sorted(keys):
        en, th = LABELS[key]
        assert THAI.search(th), key
        assert _blanks(en) == _blanks(th), key


@pytest.mark.parametrize("path", MODULES)
def test_no_english_only_refusal_is_left_for_a_chair(path):
    """No ValidationError or NotFound built from an English string, except a programmer's
    mistake (a field a form never sends)."""
    source = (ROOT / "roundtable_lib" / path).read_text(encoding="utf-8")
    raised = re.findall(r"raise (?:ValidationError|NotFound)\((f?\"[^\"]*)", source)
    assert [r for r in raised if "have no field" not in r and "not both" not in r] == []


def _refused(call):
    with pytest.raises((ValidationError, NotFound)) as caught:
        call()
    return str(caught.value), error_text(caught.value, "th")


BAD_FILE = "organisation,area,score\nmap,Governance,7\nxyz,Governance,2\nmap,=SUM(A1),3\nmap,Governance,2\n"


def test_a_bad_findings_file_is_listed_in_thai_and_the_english_is_unchanged(meeting):
    en, th = _refused(lambda: parse_capacity(BAD_FILE, meeting, source="findings.csv"))
    assert en.splitlines() == [
        "findings.csv, line 2: score '7' is not a number from 1 to 5.",
        "findings.csv, line 3: unknown organisation 'xyz' (known: " + ", ".join(meeting.org_ids) + ").",
        "findings.csv, line 4: the area '=SUM(A1)' starts with '=', which a spreadsheet would run as a formula; "
        "remove that first character.",
        "findings.csv, line 5: map/Governance is already scored on line 2.",
    ]
    assert th.splitlines() == [
        "findings.csv บรรทัดที่ 2: คะแนน '7' ไม่ใช่ตัวเลขตั้งแต่ 1 ถึง 5",
        "findings.csv บรรทัดที่ 3: ไม่มีองค์กร 'xyz' (องค์กรที่มี: " + ", ".join(meeting.org_ids) + ")",
        "findings.csv บรรทัดที่ 4: ด้านศักยภาพ '=SUM(A1)' ขึ้นต้นด้วย '=' ซึ่งโปรแกรมตารางคำนวณจะถือเป็นสูตร โปรดลบอักขระตัวแรกนั้นออก",
        "findings.csv บรรทัดที่ 5: map/Governance มีคะแนนแล้วในบรรทัดที่ 2",
    ]


@pytest.mark.parametrize(
    ("text", "english", "thai"),
    [
        ("", "f.csv is empty: expected columns organisation, area, score.", "f.csv ว่างเปล่า"),
        ("organisation,area\nmap,x\n", "f.csv, line 1: missing column 'score'", "f.csv บรรทัดที่ 1: ไม่มีคอลัมน์ 'score'"),
        ("organisation,area,score\n", "f.csv: the file has a header but no scores.", "ไฟล์มีหัวตารางแต่ไม่มีคะแนน"),
        ("organisation,area,score\nmap,,3\n", "f.csv, line 2: the area is empty.", "ไม่ได้ระบุด้านศักยภาพ"),
    ],
)
def test_each_file_problem_is_said_in_thai(meeting, text, english, thai):
    en, th = _refused(lambda: load_capacity_bytes(text.encode(), "f.csv", meeting))
    assert english in en and thai in th and not THAI.search(en)


def test_storing_and_undoing_an_assessment_refuse_in_thai(fresh_store):
    en, th = _refused(fresh_store.undo_capacity_assessment)
    assert (en, th) == ("No capacity-assessment load to undo.", "ไม่มีการโหลดผลการประเมินศักยภาพให้ย้อน")
    rows = [{"org": "nobody", "area": "Governance", "score": 2}]
    en, th = _refused(lambda: fresh_store.save_capacity_assessment(CapacityData(rows=rows, source="api.csv")))
    assert en.startswith("api.csv, row 1: unknown organisation 'nobody'") and th.startswith("api.csv แถวที่ 1: ไม่มีองค์กร")
    data = CapacityData(rows=[{"org": "map", "area": "Governance", "score": 2}], source="a.csv")
    fresh_store.save_capacity_assessment(data, actor="chair:s4")
    en, th = _refused(lambda: fresh_store.save_capacity_assessment(data, replaces=None))
    assert "(now: a.csv, loaded by chair:s4)" in en  # the English as it always was
    assert "ตอนนี้: a.csv โหลดโดย" in th and "chair:s4" not in th  # the Thai names the chair in words


def test_undo_and_merge_refuse_in_thai(fresh_store):
    en, th = _refused(lambda: fresh_store.undo(actor="chair:s2"))
    assert (en, th) == ("Nothing to undo.", "ไม่มีอะไรให้ย้อน")
    progress = fresh_store.add_item("s2", "progress", text_en="Shelter opened", org="map")
    challenge = fresh_store.add_item("s2", "challenge", text_en="Visa delays", org="map")
    en, th = _refused(lambda: fresh_store.merge_items(progress["id"], progress["id"]))
    assert (en, th) == ("Choose two different items to merge.", "เลือกสองรายการที่ต่างกันเพื่อรวม")
    en, th = _refused(lambda: fresh_store.merge_items(progress["id"], challenge["id"]))
    assert en == "Only items of the same kind can be merged (a progress and a challenge)."
    assert THAI.search(th) and "progress" not in th
    en, th = _refused(lambda: fresh_store.get_item("nope"))
    assert (en, th) == ("No item 'nope'.", "ไม่มีรายการ 'nope'")


def test_a_ballot_from_an_organisation_that_does_not_vote_is_refused_in_thai(fresh_store):
    poll = fresh_store.create_poll("s3", "Priorities", options=[{"label_en": "A"}, {"label_en": "B"}])
    a = poll["options"][0]["id"]
    en, th = _refused(
        lambda: fresh_store.cast_ballot(poll["id"], voter="eu", voter_kind="organisation", allocations={a: 1})
    )
    assert en.startswith("EU Delegation does not vote in this poll (donor): the ballots that count are those of MAP, ")
    assert en.endswith("To let every organisation vote, open a poll for everyone.")
    assert "ไม่ได้ลงคะแนนในการลงคะแนนนี้ (ผู้ให้ทุน)" in th and "donor" not in th


def test_eligibility_and_endorsement_refuse_in_thai(meeting):
    en, th = _refused(lambda: validate_eligible(meeting, []))
    assert en == "Name at least one organisation that votes in this poll." and THAI.search(th)
    en, th = _refused(lambda: validate_endorsement(meeting, {"org": "eu", "decision": "endorses", "by": "Ms A"}))
    assert en.endswith(
        "does not endorse the joint recommendations of this meeting: record it as abstains or not asked."
    )
    assert "(donor)" in en and "(ผู้ให้ทุน)" in th and "งดออกเสียง" in th
    en, th = _refused(lambda: validate_endorsement(meeting, {"org": "zz", "decision": "endorses", "by": "Ms A"}))
    assert en.startswith("Unknown organisation 'zz'; choose one of: ") and th.startswith("ไม่มีองค์กร 'zz'")
    en, th = _refused(lambda: validate_endorsement(meeting, {"org": "map", "decision": "maybe", "by": "Ms A"}))
    assert en == "Decision must be one of endorses, abstains, not_asked; got 'maybe'." and THAI.search(th)


def test_a_set_session_that_does_not_exist_is_refused_in_thai(fresh_store):
    en, th = _refused(lambda: fresh_store.set_current_session("s9"))
    assert en.startswith("Unknown session 's9'; sessions are ") and th.startswith("ไม่มีช่วงการประชุม 's9'")
