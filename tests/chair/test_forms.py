import textwrap

import pytest

from roundtable_lib.chair.forms import CaptureForm, SessionHeader
from tests.helpers import run_at_once


def _fill(form, **values):
    for key, value in values.items():
        getattr(form, key).value = value
    form.submit.click()


@pytest.mark.parametrize(
    "session, kind, values, message",
    [
        ("s2", "progress", {"org": "map", "text_en": "  ", "text_th": ""}, "The text is empty"),
        ("s2", "progress", {"org": None, "text_en": "x"}, "Choose the organisation"),
        ("s2", "synergy", {"orgs": ("map",), "text_en": "Together"}, "choose at least two"),
        ("s2", "offer", {"org": "map", "topic": " ", "text_en": "We can"}, "Topic is empty"),
        ("s4", "need", {"org": "map", "area": "", "text_en": "M&E"}, "Capacity area is empty"),
        ("conclusions", "action", {"org": "map", "text_en": "Do it", "due": "30/09/2016"}, "write it as YYYY-MM-DD"),
        ("conclusions", "action", {"org": "map", "text_en": "Do it", "due": "2016-02-30"}, "is not a date"),
        ("conclusions", "action", {"org": "map", "text_en": "Do it", "due": ""}, "empty"),
    ],
)
def test_bad_input_shows_message_and_writes_nothing(fresh_store, session, kind, values, message):
    form = CaptureForm(fresh_store, session, kinds=[kind])
    _fill(form, **values)
    assert message in form.status.value and "a8200d" in form.status.value
    assert fresh_store.items(include_deleted=True) == []


def test_each_kind_shows_its_fields(fresh_store):
    form = CaptureForm(fresh_store, "conclusions", kinds=["action", "feedback", "note"])
    shown = {name for name in form._EXTRA if getattr(form, name).layout.display != "none"}
    assert shown == {"owner_person", "due", "action_status"}
    form.kind.value = "feedback"
    shown = {name for name in form._EXTRA if getattr(form, name).layout.display != "none"}
    assert shown == {"rating"}


def test_question_with_answer(fresh_store):
    form = CaptureForm(fresh_store, "s2", kinds=["question"])
    _fill(form, text_en="How do you keep in touch?", asked_by="LSDF", answer="LINE groups")
    (item,) = fresh_store.items()
    assert item["attrs"] == {"asked_by": "LSDF", "answer": "LINE groups"}
    assert "LINE groups" in form.recent.children[0].children[0].value


def test_need_with_area_suggestions(fresh_store):
    form = CaptureForm(fresh_store, "s4", kinds=["need"], areas=["Advocacy", "Case management"])
    assert form.area.options == ("Advocacy", "Case management")
    _fill(form, org="fed", area="Case management", text_en="Case files", text_th="แฟ้มคดี")
    (item,) = fresh_store.items()
    assert (item["org"], item["attrs"], item["text_th"]) == ("fed", {"area": "Case management"}, "แฟ้มคดี")


def test_training_plan_entry_edit_and_history(fresh_store):
    form = CaptureForm(fresh_store, "s4", kinds=["training"], recent=50)
    _fill(
        form,
        orgs=("map", "fed"),
        text_en="M&E basics",
        format="workshop",
        provider="IFRC",
        timing="September 2016",
        training_status="agreed",
    )
    (item,) = fresh_store.items()
    assert item["orgs"] == ["map", "fed"]
    assert item["attrs"] == {"format": "workshop", "provider": "IFRC", "timing": "September 2016", "status": "agreed"}
    form.edit(item["id"])
    assert (form.provider.value, form.training_status.value, form.orgs.value) == ("IFRC", "agreed", ("map", "fed"))
    _fill(form, training_status="scheduled", timing="October 2016")
    assert fresh_store.get_item(item["id"])["attrs"]["status"] == "scheduled"
    form.recent.children[0].children[3].click()  # history
    assert "corrected" in form.history.value and "captured" in form.history.value


def test_action_item_with_owner_and_due_date(fresh_store):
    form = CaptureForm(fresh_store, "conclusions", kinds=["action"])
    _fill(
        form,
        org="ifrc",
        owner_person="Project coordinator",
        due="2016-07-29",
        action_status="in_progress",
        text_en="Circulate the recommendations",
    )
    (item,) = fresh_store.items()
    assert item["org"] == "ifrc"
    assert item["attrs"] == {"owner_person": "Project coordinator", "due": "2016-07-29", "status": "in_progress"}
    assert form.due.value == ""  # cleared for the next action


def test_feedback_rating(fresh_store):
    form = CaptureForm(fresh_store, "conclusions", kinds=["feedback"])
    _fill(form, text_en="Useful", rating=4)
    assert fresh_store.items()[0]["attrs"] == {"rating": 4}


def test_delete_and_undo_keep_history(fresh_store):
    form = CaptureForm(fresh_store, "s3", kinds=["recommendation"])
    _fill(form, text_en="A weekly day off")
    item = fresh_store.items()[0]
    form.delete(item["id"])
    assert fresh_store.items() == []
    form.undo.click()
    assert [i["id"] for i in fresh_store.items()] == [item["id"]]
    form.show_history(item["id"])
    assert form.history.value.count("<li>") == 3


def test_sensitive_item_stays_off_public_store(fresh_store, public_store):
    form = CaptureForm(fresh_store, "s2", kinds=["challenge"])
    _fill(form, org="fed", text_en="Survivor waiting for a visa", sensitive=True)
    assert len(fresh_store.items()) == 1 and public_store.items() == []
    assert 'class="rt-icon rt-icon-lock"' in form.recent.children[0].children[0].value


def test_session_header_sets_current_session(fresh_store):
    header = SessionHeader(fresh_store, "s4", lang="th")
    header.now_button.click()
    assert fresh_store.current_session() == "s4"


BREAKOUT = textwrap.dedent(
    """
    import sys
    from roundtable_lib import Store
    from roundtable_lib.chair.forms import CaptureForm
    store = Store(sys.argv[1], actor=sys.argv[2])
    form = CaptureForm(store, "s4", kinds=["need"])
    for n in range(int(sys.argv[3])):
        form.org.value = "map" if n % 2 else "fed"
        form.area.value = "Advocacy"
        form.text_en.value = f"{sys.argv[2]} need {n}"
        form.submit.click()
        assert "Saved" in form.status.value, form.status.value
    """
)


@pytest.mark.slow
def test_two_breakout_groups_capture_needs_at_once(any_store):
    per_group = 60
    run_at_once(BREAKOUT, any_store.target, [f"chair:s4-group{g}" for g in (1, 2)], per_group)
    needs = any_store.items(session="s4", kind="need")
    assert len({n["text_en"] for n in needs}) == len(needs) == 2 * per_group
    assert {n["created_by"] for n in needs} == {"chair:s4-group1", "chair:s4-group2"}


def test_every_chair_widget_builds_in_thai_on_the_demo(demo_store):
    from roundtable_lib.chair.capacity import CapacityView
    from roundtable_lib.chair.facilitation import (
        AgendaView,
        OfferAskMatches,
        PresentationTimer,
        SessionSummaries,
        SpeakerQueue,
        SummaryBox,
    )
    from roundtable_lib.chair.registration import RegistrationForm
    from roundtable_lib.chair.voting import PollBoard

    for session in demo_store.meeting.agenda:
        form = CaptureForm(demo_store, session.id, lang="th", recent=100)
        assert form.recent.children
        for row in form.recent.children:
            row.children[3].click()  # the history of every item renders
        SpeakerQueue(demo_store, session.id, lang="th")
        SummaryBox(demo_store, session.id, lang="th")
        for poll in demo_store.polls(session.id):
            board = PollBoard(demo_store, session.id, lang="th")
            board.choose.value = poll["id"]
            assert board.panel.children[0].results.value
    assert "หยุดชั่วคราว" in PresentationTimer(demo_store, "s2", lang="th").clock.value
    RegistrationForm(demo_store, lang="th")
    AgendaView(demo_store, lang="th")
    SessionSummaries(demo_store, lang="th")
    OfferAskMatches(demo_store, "s2", lang="th")
    assert CapacityView(demo_store, lang="th").figure is not None


def test_an_item_s_history_says_when_on_the_meeting_s_clock_and_who_in_words(db_path, meeting):
    import datetime as dt

    from roundtable_lib import Store
    from roundtable_lib.meeting.actors import actor_words

    lang, when, who = "en", "12 July 2016, 14:45", actor_words("chair:s3", meeting)
    on_the_day = dt.datetime(2016, 7, 12, 7, 45, tzinfo=dt.UTC)  # 14:45 in Bangkok
    with Store(db_path, actor="chair:s3", clock=lambda: on_the_day) as store:
        store.init(meeting)
        form = CaptureForm(store, "s3", kinds=["recommendation"], lang=lang)
        _fill(form, text_en="A weekly day off")
        form.show_history(store.items()[0]["id"])
        shown = form.history.value
    assert when in shown and who in shown
    assert "07:45" not in shown and "chair:s3" not in shown


@pytest.mark.parametrize(
    "kind, values, thai",
    [
        ("progress", {"org": "map", "text_en": "  ", "text_th": ""}, "ยังไม่มีข้อความ"),
        ("progress", {"org": None, "text_en": "x"}, "เลือกองค์กรของรายการความคืบหน้านี้"),
        ("offer", {"org": "map", "topic": " ", "text_en": "We can"}, "หัวข้อยังว่างอยู่"),
    ],
)
def test_a_thai_chair_reads_why_nothing_was_saved_in_thai(fresh_store, kind, values, thai):
    form = CaptureForm(fresh_store, "s2", kinds=[kind], lang="th")
    _fill(form, **values)
    assert thai in form.status.value and "The text is empty" not in form.status.value
    assert fresh_store.items(include_deleted=True) == []


@pytest.mark.parametrize(
    "attrs, lang, said",
    [
        ({"owner_person": " ", "due": "2016-09-30"}, "en", "An action item needs an owner"),
        ({"owner_person": "", "due": "2016-09-30"}, "th", "รายการปฏิบัติต้องมีผู้รับผิดชอบ"),
        ({"owner_person": "Legal officer", "due": "2016-07-11"}, "en", "before the meeting (12 July 2016)"),
        ({"owner_person": "Legal officer", "due": "2016-01-01"}, "th", "อยู่ก่อนวันประชุม (12 กรกฎาคม 2559)"),
    ],
)
def test_an_action_with_no_owner_or_due_before_the_meeting_is_refused_at_the_form(fresh_store, attrs, lang, said):
    form = CaptureForm(fresh_store, "conclusions", kinds=["action"], lang=lang)
    _fill(form, org="map", text_en="Share the referral list", **attrs)
    assert said in form.status.value
    assert fresh_store.items(include_deleted=True) == []  # nothing written
    _fill(form, org="map", text_en="Share the referral list", owner_person="Legal officer", due="2016-07-12")
    assert [i["attrs"]["due"] for i in fresh_store.items()] == ["2016-07-12"]  # the meeting's day itself is fine


def test_the_store_still_takes_an_action_without_owner_as_an_import_wrote_it(fresh_store):
    fresh_store.add_item("conclusions", "action", "Imported", org="map", attrs={"due": "2016-09-01"})
    assert not fresh_store.items()[0]["attrs"]["owner_person"]


def test_the_synergy_form_shows_the_organisations_boxes_and_no_organisation_dropdown(fresh_store):
    form = CaptureForm(fresh_store, "s2", kinds=["progress", "synergy"])
    assert form.org.layout.display is None and form.orgs.layout.display == "none"
    form.kind.value = "synergy"
    assert form.org.layout.display == "none" and form.orgs.layout.display is None
    form.org.value = "map"  # chosen before switching to synergy: not saved as a synergy's own
    _fill(form, orgs=("fed", "mfa"), text_en="Joint referral desk")
    [synergy] = fresh_store.items()
    assert (synergy["org"], synergy["orgs"]) == (None, ["fed", "mfa"])


def test_the_form_starts_on_the_organisation_presenting_and_follows_the_timer(fresh_store):
    from roundtable_lib.chair.facilitation import PresentationTimer, start_timer

    start_timer(fresh_store, "s2", "fed", 20)  # started in another kernel, or before Run All
    form = CaptureForm(fresh_store, "s2", kinds=["progress"])
    assert form.org.value == "fed"
    timer = PresentationTimer(fresh_store, "s2")
    timer.org.value = "lsdf"
    timer.start.click()
    assert form.org.value == "lsdf"  # the next presenter: the form follows
    form.org.value = "map"  # the chair chooses another organisation and types
    form.text_en.value = "A point from MAP"
    timer.org.value = "flep"
    timer.start.click()
    assert form.org.value == "map"  # what the chair is typing keeps its organisation


@pytest.mark.parametrize("lang, said", [("en", "Nothing yet."), ("th", "ยังไม่มีรายการ")])
def test_an_empty_list_of_latest_entries_says_nothing_yet(fresh_store, lang, said):
    form = CaptureForm(fresh_store, "s2", kinds=["progress"], lang=lang)
    [line] = form.recent.children
    assert said in line.value


def test_capturing_into_a_session_the_room_is_not_in_says_so(fresh_store):
    form = CaptureForm(fresh_store, "s2", kinds=["progress"])
    room = "Welcome remarks and introductions"
    assert f"The room is in “{room}”; you are capturing into “Session 2”." in form.where.value
    thai = CaptureForm(fresh_store, "s2", kinds=["progress"], lang="th").where.value
    assert "“กล่าวต้อนรับและแนะนำตัว”" in thai and "“ช่วงที่ 2”" in thai
    header = SessionHeader(fresh_store, "s2", actor="chair:s2")
    assert room in header.where.value
    assert header.now_button.description == "We are now in this session" and not header.now_button.disabled
    header.now_button.click()
    assert fresh_store.current_session() == "s2"
    assert header.now_button.description == "The room is in this session" and header.now_button.disabled
    assert header.now_button.icon == "check" and header.where.value == ""
    _fill(form, org="map", text_en="Saved in the room's session")
    assert form.where.value == ""
    thai = CaptureForm(fresh_store, "s3", kinds=["recommendation"], lang="th")
    assert "ขณะนี้ห้องประชุมอยู่ในช่วง" in thai.where.value
