"""The pre-publication review finds each kind of thing a careful organiser checks before a
public export, and only those: each case has a twin that must not be listed."""

import inspect
import re

import pytest

from roundtable_lib import Store
from roundtable_lib.cli import main
from roundtable_lib.meeting.labels import t
from roundtable_lib.outputs import prepublication


def found(store, key):
    return next(c for c in prepublication.review(store) if c.key == key).found


def test_an_empty_meeting_has_nothing_to_check(fresh_store):
    checks = prepublication.review(fresh_store)
    assert [c.key for c in checks] == ["names", "polls", "translations", "actions", "endorsements"]
    assert prepublication.problems(checks) == 0
    assert "the checks found nothing" in prepublication.as_lines(checks)[0]


def test_items_naming_a_person_who_did_not_consent(fresh_store):
    fresh_store.add_participant("Somchai Nuengdee", "map", consent=False)
    fresh_store.add_participant("Kanya Srisuk", "map", consent=True)
    fresh_store.add_item("s2", "progress", "Somchai opened the second shelter.", org="map")
    fresh_store.add_item("s2", "challenge", "Kanya Srisuk led the training.", org="map")  # consented
    fresh_store.add_item("s2", "plan", "Somchai Nuengdee will move.", org="map", sensitive=True)  # never public
    fresh_store.add_item(
        "conclusions",
        "action",
        "Follow the referral.",
        org="map",
        attrs={"owner_person": "Somchai", "due": "2016-08-01"},
    )
    lines = found(fresh_store, "names")
    assert len(lines) == 2, lines
    assert lines[0].startswith("s2 progress (MAP)") and "Somchai opened" in lines[0]
    assert lines[1].startswith("conclusions action (MAP)") and '"Somchai"' in lines[1]


@pytest.mark.skipif(
    "names" not in inspect.signature(Store.add_participant).parameters, reason="one spelling per participant"
)
def test_items_naming_a_person_in_another_spelling(fresh_store):
    fresh_store.add_participant(
        "Somchai Nuengdee", "map", names={"en": "Somchai Nuengdee", "th": "คุณสมชาย หนึ่งดี"}, consent=False
    )
    fresh_store.add_item("s2", "progress", "The shelter opened.", text_th="สมชายเปิดบ้านพักแล้ว", org="map")
    fresh_store.add_item("s2", "plan", "A second shelter.", text_th="บ้านพักแห่งที่สอง", org="map")
    assert found(fresh_store, "names") == ['s2 progress (MAP): "สมชายเปิดบ้านพักแล้ว"']


def test_open_and_unrevealed_polls(fresh_store):
    recs = [fresh_store.add_item("s3", "recommendation", f"Recommendation {n}")["id"] for n in range(2)]
    still_open = fresh_store.create_poll("s3", "Open one", options=recs)
    hidden = fresh_store.create_poll("s3", "Closed, hidden", options=recs)
    fresh_store.close_poll(hidden["id"])
    shown = fresh_store.create_poll("s3", "Closed, revealed", options=recs)
    fresh_store.close_poll(shown["id"])
    fresh_store.reveal_poll(shown["id"])
    assert still_open["status"] == "open"
    assert found(fresh_store, "polls") == [
        's3 "Open one": still open (ballots can still change it)',
        's3 "Closed, hidden": closed, results not revealed',
    ]


def test_items_in_one_language_only(fresh_store):
    fresh_store.add_item("s2", "progress", "English only", org="map")
    fresh_store.add_item("s2", "challenge", "", text_th="ภาษาไทยเท่านั้น", org="map")
    fresh_store.add_item("s2", "plan", "Both", text_th="ทั้งสองภาษา", org="map")
    fresh_store.add_item("s2", "lesson", "Sensitive, English only", sensitive=True)
    lines = found(fresh_store, "translations")
    assert lines == ['s2 progress (MAP): no Thai "English only"', 's2 challenge (MAP): no English "ภาษาไทยเท่านั้น"']


def test_open_actions_without_owner_or_due_date(fresh_store):
    def action(text, **attrs):
        fresh_store.add_item("conclusions", "action", text, text_th="ไทย", org="map", attrs=attrs)

    action("No owner", due="2016-08-01")
    action("Complete", owner_person="Moe", due="2016-08-01")
    action("Done, no owner", due="2016-08-01", status="done")
    assert found(fresh_store, "actions") == ['conclusions action (MAP): no owner "No owner"']


@pytest.mark.parametrize(
    "attrs, gaps",
    [
        ({}, ["owner", "due date"]),
        ({"owner_person": "Moe"}, ["due date"]),  # imported or older: the form asks for a date
        ({"owner_person": "Moe", "due": "2016-08-01"}, []),
        ({"status": "done"}, []),
    ],
)
def test_what_an_action_lacks(attrs, gaps):
    assert prepublication.action_gaps({"kind": "action", "attrs": attrs}) == gaps
    assert prepublication.action_gaps({"kind": "plan", "attrs": attrs}) == []


def test_organisations_whose_decision_is_not_recorded(fresh_store):
    assert found(fresh_store, "endorsements") == []  # no recommendation: nothing to endorse yet
    fresh_store.add_item("s3", "recommendation", "A weekly day off", text_th="วันหยุดประจำสัปดาห์")
    asked = [o for o in fresh_store.meeting.organisations if prepublication.may_endorse(o)]
    assert len(asked) >= 3
    fresh_store.record_endorsement(asked[0].id, "endorses", by="Director")
    fresh_store.record_endorsement(asked[1].id, "abstains", by="Director")
    fresh_store.record_endorsement(asked[2].id, "not_asked", by="Organisers")
    lines = found(fresh_store, "endorsements")
    assert [line.rsplit(": ", 1)[0] for line in lines] == [o.label() for o in asked[2:]]
    assert lines[0].endswith("not asked") and all(line.endswith("no decision recorded") for line in lines[1:])
    observers = [o for o in fresh_store.meeting.organisations if not prepublication.may_endorse(o)]
    assert observers and not any(o.label() in " ".join(lines) for o in observers)  # the donor signs nothing


def test_the_review_needs_the_organisers_store(fresh_store, public_store):
    with pytest.raises(ValueError, match="organisers' store"):
        prepublication.review(public_store)


def test_long_lists_are_cut_with_a_count(fresh_store):
    for n in range(prepublication.SHOWN + 3):
        fresh_store.add_item("s2", "progress", f"Progress {n}", org="map")
    lines = prepublication.as_lines(prepublication.review(fresh_store))
    assert "3. Items in one language only: 11 to check." in lines
    assert "   - ... and 3 more" in lines
    html = prepublication.as_html(prepublication.review(fresh_store))
    assert "… and 3 more" in html and "<script" not in html


def test_the_review_panel_shows_the_checks_and_needs_them_acknowledged(fresh_store, tmp_path, monkeypatch):
    from roundtable_lib.outputs.pdf import NO_PDF_ENV
    from roundtable_lib.outputs.review import ReviewPanel

    monkeypatch.setenv(NO_PDF_ENV, "1")
    monkeypatch.setenv("ROUNDTABLE_NO_CHARTS", "1")
    fresh_store.add_item("s2", "plan", "Train two paralegals", org="map")
    panel = ReviewPanel(fresh_store, actor="organiser:test", out_dir=tmp_path / "exports")
    assert "Items in one language only</b>: 1 to check" in panel.checks.value
    assert panel.out_dir.value == str(tmp_path / "exports" / "public")
    panel.internal.value = True
    assert panel.out_dir.value == str(tmp_path / "exports" / "internal")
    panel.internal.value = False

    panel.export.click()
    assert "Nothing was written" in panel.export_status.value
    assert not (tmp_path / "exports").exists()

    fresh_store.update_item(fresh_store.items(kind="plan")[0]["id"], text_th="ฝึกอบรมผู้ช่วยทนายความสองคน")
    panel.check_again.click()
    assert "the checks found nothing" in panel.checks.value
    panel.reviewed.value = True
    panel.export.click()
    assert "Wrote" in panel.export_status.value, panel.export_status.value
    assert (tmp_path / "exports" / "public" / "report.docx").is_file()


# ---------------------------------------------------------------- in the organiser's language


def _thai_case(store):
    """One thing for each check to find: a withheld name, an open poll, an English-only item, an
    action without owner or due date, a recommendation no organisation has decided on."""
    store.add_participant("Somchai Nuengdee", "map", consent=False)
    store.add_item("s2", "progress", "Somchai opened the shelter.", text_th="สมชายเปิดบ้านพัก", org="map")
    rec = store.add_item("s3", "recommendation", "A weekly day off", org="map")
    other = store.add_item("s3", "recommendation", "Contracts in Burmese", text_th="สัญญาภาษาพม่า", org="lsdf")
    store.create_poll("s3", "Priorities", "ลำดับความสำคัญ", options=[rec["id"], other["id"]], method="dots", budget=1)
    store.add_item("conclusions", "action", "Follow up", text_th="ติดตามผล", org="map", attrs={"due": "2016-08-01"})


def test_every_check_speaks_thai(fresh_store):
    _thai_case(fresh_store)
    checks = prepublication.review(fresh_store, lang="th")
    assert all(c.found for c in checks), [c.key for c in checks if not c.found]
    for check in checks:
        assert check.title == t(f"review.{check.key}.title", "th") != t(f"review.{check.key}.title", "en")
        assert check.advice == t(f"review.{check.key}.advice", "th")
    by_key = {c.key: c.found for c in checks}
    assert by_key["polls"] == ['s3 "ลำดับความสำคัญ": ยังเปิดอยู่ (ผลยังเปลี่ยนแปลงได้)']
    map_th = fresh_store.meeting.org("map").label("th")
    recommendation, action = t("kind.recommendation", "th"), t("kind.action", "th")
    assert by_key["translations"][0] == f's3 {recommendation} ({map_th}): ไม่มีภาษาไทย "A weekly day off"'
    assert by_key["actions"] == [f'conclusions {action} ({map_th}): ไม่มีผู้รับผิดชอบ "Follow up"']
    assert by_key["endorsements"][0] == f"{map_th}: ยังไม่ได้บันทึกการตัดสินใจ"
    lines = prepublication.as_lines(checks, lang="th")
    assert lines[0] == f"ก่อนเผยแพร่: มี {prepublication.problems(checks)} รายการที่ต้องตรวจในไฟล์สาธารณะ"
    # Outside quoted item text and ids, no English word is left for a Thai organiser.
    english = {"still", "open", "closed", "Before", "What", "check", "nothing", "owner", "due", "decision", "and"}
    words = set(re.findall(r"[A-Za-z]+", re.sub(r'"[^"]*"', "", "\n".join(lines))))
    assert not words & english, words & english
    assert "<b>ก่อนเผยแพร่:</b>" in prepublication.as_html(checks, lang="th")


def test_the_english_review_is_unchanged_by_the_labels(fresh_store):
    _thai_case(fresh_store)
    lines = prepublication.as_lines(prepublication.review(fresh_store))
    assert lines[0] == "Before publishing: 10 things to check in the public files."
    assert '   - s3 "Priorities": still open (ballots can still change it)' in lines
    assert '   - conclusions action (MAP): no owner "Follow up"' in lines


def test_the_command_prints_the_review_in_thai_and_writes_nothing(fresh_store, tmp_path, capsys):
    _thai_case(fresh_store)
    out = tmp_path / "public"
    assert main(["export", "--db", str(fresh_store.path), "--out", str(out), "--no-charts", "--lang", "th"]) == 1
    said = capsys.readouterr()
    assert said.out.splitlines()[0].startswith("ก่อนเผยแพร่: มี 10 รายการ")
    assert "1. รายการที่ระบุชื่อบุคคลซึ่งไม่ยินยอมให้เปิดเผยชื่อ: ต้องตรวจ 1 รายการ." in said.out
    [error] = said.err.strip().splitlines()
    assert error.startswith("roundtable: error: ยังไม่ได้เขียนไฟล์ใด") and "ตรวจ 10 รายการข้างต้น" in error
    assert "--reviewed" in error and not out.exists()
