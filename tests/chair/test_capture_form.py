"""Chairs' widgets driven headlessly, as ipywidgets' own tests do: set .value, .click(), look at the store."""

import pytest

from roundtable_lib.chair.forms import CaptureForm, SessionHeader


@pytest.fixture
def form(fresh_store):
    return CaptureForm(fresh_store, "s2", kinds=["progress", "challenge", "plan", "synergy"], actor="chair:s2")


def _fill(form, kind="progress", org="map", en="", th="", orgs=()):
    form.kind.value = kind
    form.org.value = org
    form.orgs.value = tuple(orgs)
    form.text_en.value = en
    form.text_th.value = th


def test_capture_in_english_and_thai(form, fresh_store):
    _fill(form, en="Radio programme reaches 30,000 listeners", th="รายการวิทยุเข้าถึงผู้ฟัง 30,000 คน")
    form.submit.click()
    [item] = fresh_store.items()
    assert (item["kind"], item["org"], item["created_by"]) == ("progress", "map", "chair:s2")
    assert item["text_th"] == "รายการวิทยุเข้าถึงผู้ฟัง 30,000 คน"
    assert "Saved" in form.status.value
    assert form.text_en.value == form.text_th.value == ""  # ready for the next entry
    assert len(form.recent.children) == 1


@pytest.mark.parametrize("kind", ["progress", "challenge", "plan", "synergy"])
def test_the_text_fields_are_always_visible(form, kind):
    form.kind.value = kind
    assert form.text_en.layout.display != "none" and form.text_th.layout.display != "none"
    assert len({id(w.layout) for w in form.children}) == len(form.children)  # no shared Layout


def test_thai_only_is_enough(form, fresh_store):
    _fill(form, kind="plan", org="fed", th="ออกพื้นที่ท่าเรือเดือนละสองครั้ง")
    form.submit.click()
    assert fresh_store.items()[0]["text_th"] == "ออกพื้นที่ท่าเรือเดือนละสองครั้ง"


@pytest.mark.parametrize(
    "fields, message",
    [
        (dict(en="", th=""), "text is empty"),
        (dict(en="   \n "), "text is empty"),
        (dict(org=None, en="no organisation"), "Choose the organisation"),
        (dict(kind="synergy", org=None, orgs=["map"], en="alone"), "two or more organisations"),
        (dict(en="x" * 5000), "5,000 characters long"),
    ],
)
def test_bad_input_shows_a_message_and_writes_nothing(form, fresh_store, fields, message):
    _fill(form, **fields)
    form.submit.click()
    assert message in form.status.value
    assert "color:#a8200d" in form.status.value  # shown as an error
    assert fresh_store.items(include_deleted=True) == []
    assert form.text_en.value == fields.get("en", "")  # what was typed is kept for correcting


def test_synergy_names_several_organisations(form, fresh_store):
    _fill(form, kind="synergy", org=None, orgs=["map", "flep"], en="Radio announces legal clinic hours")
    assert form.orgs.layout.display is None  # the organisations picker shows for synergies only
    form.submit.click()
    assert fresh_store.items()[0]["orgs"] == ["map", "flep"]
    form.kind.value = "plan"
    assert form.orgs.layout.display == "none"


def test_double_click_and_retry_save_once(form, fresh_store):
    _fill(form, en="once")
    form.submit.click()
    form.submit.click()  # the second click of a double click arrives after the form was cleared
    assert len(fresh_store.items()) == 1
    assert "Saved" in form.status.value
    # a retry of the same entry (e.g. after a lost reply) reuses the entry's client id
    _fill(form, en="retried")
    entry = form._entry_id
    fresh_store.add_item("s2", "progress", text_en="retried", org="map", id=entry)  # the first attempt landed
    form.submit.click()
    assert [i["text_en"] for i in fresh_store.items()] == ["once", "retried"]


def test_edit_an_earlier_entry(form, fresh_store):
    _fill(form, en="Radio show")
    form.submit.click()
    item = fresh_store.items()[0]
    form.recent.children[0].children[1].click()  # Edit
    assert form.text_en.value == "Radio show" and "correction" in form.submit.description.lower()
    form.text_th.value = "รายการวิทยุ"
    form.submit.click()
    [after] = fresh_store.items()
    assert after["id"] == item["id"] and after["text_th"] == "รายการวิทยุ"
    assert [h["action"] for h in fresh_store.history(entity_id=item["id"])] == ["update", "create"]
    assert form.submit.description == "Save as Progress"  # back to capturing, the kind named


def test_delete_then_undo(form, fresh_store):
    _fill(form, en="typo entry")
    form.submit.click()
    form.recent.children[0].children[2].click()  # Delete
    assert fresh_store.items() == []
    [empty] = form.recent.children  # an empty list says so
    assert "Nothing yet." in empty.value
    form.undo.click()
    assert [i["text_en"] for i in fresh_store.items()] == ["typo entry"]
    form.undo.click()  # undo the capture itself
    assert fresh_store.items() == []
    form.undo.click()
    assert "Nothing to undo" in form.status.value


def test_cancel_an_edit(form, fresh_store):
    _fill(form, en="keep")
    form.submit.click()
    form.recent.children[0].children[1].click()
    form.text_en.value = "changed my mind"
    form.cancel.click()
    assert fresh_store.items()[0]["text_en"] == "keep"
    assert form.text_en.value == "" and form.cancel.layout.display == "none"


def test_recent_entries_are_escaped(form, fresh_store):
    _fill(form, en="<img src=x onerror=alert(1)>")
    form.submit.click()
    label = form.recent.children[0].children[0].value
    assert "<img" not in label and "&lt;img src=x onerror=alert(1)&gt;" in label


def test_thai_labels(fresh_store):
    form = CaptureForm(fresh_store, "s2", lang="th")
    assert form.submit.description == "บันทึกเป็น ความคืบหน้า"
    assert ("ความคืบหน้า", "progress") in form.kind.options


def test_session_header_and_we_are_now_here(fresh_store):
    header = SessionHeader(fresh_store, "s2", actor="chair:s2")
    assert "Session 2" in header.info.value and "Life Skills Development Foundation" in header.info.value
    assert "Which other partner works on something close" in header.more.children[0].value  # folded
    header.now_button.click()
    assert fresh_store.current_session() == "s2"
    assert fresh_store.history(entity="state")[0]["actor"] == "chair:s2"


def test_session_header_escapes_meeting_labels(fresh_store, meeting):
    import dataclasses

    s2 = meeting.session("s2")
    hostile = dataclasses.replace(s2, purpose={"en": "<script>x()</script>", "th": "ไทย"})
    agenda = tuple(hostile if a.id == "s2" else a for a in meeting.agenda)
    fresh_store.init(dataclasses.replace(meeting, agenda=agenda))
    header = SessionHeader(fresh_store, "s2")
    folded = header.more.children[0].value  # the purpose is folded under "Purpose and questions"
    assert "<script>x()" not in folded and "&lt;script&gt;" in folded
