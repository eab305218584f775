import datetime as dt
import textwrap

import pytest

from roundtable_lib import Store, ValidationError
from roundtable_lib.chair.facilitation import (
    AgendaView,
    OfferAskMatches,
    PresentationTimer,
    SessionSummaries,
    SpeakerQueue,
    SummaryBox,
    mark_spoken,
    pause_timer,
    request_floor,
    resume_timer,
    speaker_queue,
    start_timer,
    stop_timer,
)
from roundtable_lib.meeting.clock import timer_status
from roundtable_lib.meeting.rules import match_offers_asks
from tests.helpers import run_at_once

T0 = dt.datetime(2016, 7, 12, 10, 0, tzinfo=dt.UTC)


def test_timer_start_pause_resume_stop_in_store(fresh_store):
    start_timer(fresh_store, "s2", "flep", 30, now=T0)
    pause_timer(fresh_store, now=T0 + dt.timedelta(minutes=10))
    state = fresh_store.get_state("timer")
    assert state["running"] is False and state["elapsed_seconds"] == 600 and state["org"] == "flep"
    with pytest.raises(ValidationError, match="No presentation timer is running"):
        pause_timer(fresh_store, now=T0)
    resume_timer(fresh_store, now=T0 + dt.timedelta(minutes=50))
    status = timer_status(fresh_store.get_state("timer"), T0 + dt.timedelta(minutes=66))
    assert status == {**status, "level": "warning", "remaining": 240, "session": "s2", "org": "flep"}
    stop_timer(fresh_store)
    assert timer_status(fresh_store.get_state("timer"), T0)["level"] == "idle"
    assert [h["entity_id"] for h in fresh_store.history(entity="state")][:4] == ["timer"] * 4


def test_timer_widget_shows_warning_and_shares_state(fresh_store):
    timer = PresentationTimer(fresh_store, "s2")
    assert [v for _, v in timer.org.options] == ["map", "lsdf", "flep", "fed"]
    assert timer.minutes.value == 30
    timer.org.value = "fed"
    timer.start.click()
    state = fresh_store.get_state("timer")
    assert state["org"] == "fed" and state["running"] and state["duration_minutes"] == 30
    started = dt.datetime.fromisoformat(state["started_at"])
    assert timer.refresh(now=started + dt.timedelta(minutes=27))["level"] == "warning"
    assert "03:00" in timer.clock.value and "FED" in timer.clock.value
    timer.pause.click()
    assert "paused" in timer.clock.value
    timer.pause.click()  # pausing a paused timer is a message, not a crash
    assert "No presentation timer is running" in timer.status.value
    timer.stop.click()
    assert fresh_store.get_state("timer") is None


def test_speaker_queue_widget(demo_store):
    queue = SpeakerQueue(demo_store, "s1")
    queue.add.click()
    assert "empty" in queue.status.value and speaker_queue(demo_store, "s1") == []
    queue.name.value = "Naw Paw (sample)"  # a registered participant: org and id come from registration
    queue.add.click()
    queue.name.value = "Guest from the floor"
    queue.org.value = "trc"
    queue.add.click()
    entries = speaker_queue(demo_store, "s1")
    assert [(e["name"], e["org"], bool(e["participant_id"])) for e in entries] == [
        ("Naw Paw (sample)", "map", True),
        ("Guest from the floor", "trc", False),
    ]
    first_row = queue.waiting.children[0]
    first_row.children[1].click()  # has spoken
    assert speaker_queue(demo_store, "s1")[0]["spoken_at"] is not None
    assert "Naw Paw" in queue.spoken.value
    assert len(queue.waiting.children) == 1
    queue.waiting.children[0].children[2].click()  # withdraw
    assert [e["name"] for e in speaker_queue(demo_store, "s1")] == ["Naw Paw (sample)"]


def test_speaker_queue_escapes_names(fresh_store):
    request_floor(fresh_store, "s2", "<img src=x onerror=alert(1)>", "map")
    queue = SpeakerQueue(fresh_store, "s2")
    assert "<img" not in queue.waiting.children[0].children[0].value
    with pytest.raises(ValidationError, match="no longer in the queue"):
        mark_spoken(fresh_store, "s2", "nope")


def test_summary_box_saves_then_corrects_one_summary(fresh_store):
    box = SummaryBox(fresh_store, "s3")
    box.submit.click()
    assert "empty" in box.status.value and fresh_store.items(kind="summary") == []
    box.text_en.value = "Four recommendations agreed."
    box.submit.click()
    box.submit.click()  # a double click does not make a second summary
    box.text_th.value = "ตกลงข้อเสนอแนะสี่ข้อ"
    box.submit.click()
    summaries = fresh_store.items(kind="summary")
    assert len(summaries) == 1 and summaries[0]["text_th"] == "ตกลงข้อเสนอแนะสี่ข้อ"
    assert SummaryBox(fresh_store, "s3").text_en.value == "Four recommendations agreed."
    overview = SessionSummaries(fresh_store)
    assert "Four recommendations agreed." in overview.body.value and "No summary yet." in overview.body.value


def _item(kind, org, topic, n=0):
    return {"id": f"{kind}{n}", "kind": kind, "org": org, "attrs": {"topic": topic}, "text_en": f"{kind} {n}"}


def test_match_offers_asks_across_organisations():
    items = [
        _item("offer", "flep", "Legal aid", 1),
        _item("ask", "fed", "  legal   AID ", 2),
        _item("ask", "flep", "legal aid", 3),  # an organisation does not match itself
        _item("offer", "map", "radio", 4),
        _item("ask", "lsdf", "radio airtime", 5),  # different topic
        _item("note", "lsdf", "legal aid", 6),
    ]
    matches = match_offers_asks(items)
    assert [(m["topic"], m["offer"]["id"], m["ask"]["id"]) for m in matches] == [("Legal aid", "offer1", "ask2")]


def test_offer_ask_matches_widget(demo_store):
    widget = OfferAskMatches(demo_store, "s2")
    assert widget.body.value.count("<tr>") == 4  # header + legal aid, outreach media, shelter referral
    demo_store.add_item("s2", "ask", "We need <b>radio</b>", org="fed", attrs={"topic": "OUTREACH MEDIA"})
    widget.tick.look()  # a tick: the panel follows the store, no Refresh button
    assert widget.body.value.count("<tr>") == 5 and "&lt;b&gt;radio" in widget.body.value


def test_agenda_view_lists_objectives_and_schedule(fresh_store):
    view = AgendaView(fresh_store, lang="th")
    assert "09:00–09:30" in view.value and "วัตถุประสงค์" in view.value
    assert view.value.count("<li>") == 4


def test_requests_from_two_chair_stores_accumulate(any_store):
    other = Store(any_store.target, actor="chair:other")
    for n in range(5):
        request_floor(any_store, "s2", f"A{n}")
        request_floor(other, "s2", f"B{n}")
    assert len(speaker_queue(any_store, "s2")) == 10
    other.close()


QUEUER = textwrap.dedent(
    """
    import sys
    from roundtable_lib import Store
    from roundtable_lib.chair.facilitation import request_floor
    store = Store(sys.argv[1], actor=sys.argv[2])
    for n in range(int(sys.argv[3])):
        request_floor(store, "s2", f"{sys.argv[2]} {n}")
    """
)


@pytest.mark.slow
def test_two_chair_processes_queueing_at_once_lose_no_request(any_store):
    per_process = 40
    run_at_once(QUEUER, any_store.target, [f"chair{g}" for g in (1, 2)], per_process)
    names = [e["name"] for e in speaker_queue(any_store, "s2")]
    assert len(set(names)) == len(names) == 2 * per_process
    # Each process's requests keep their order.
    assert [n for n in names if n.startswith("chair1")] == [f"chair1 {n}" for n in range(per_process)]


def test_the_timer_s_organisation_follows_the_running_timer_and_start_never_restarts_it(fresh_store):
    start_timer(fresh_store, "s2", "fed", 20, now=T0)  # FED's clock runs (another kernel, before a restart)
    timer = PresentationTimer(fresh_store, "s2", lang="th")
    assert timer.org.value == "fed"  # not the first in the list (MAP)
    assert timer.start.disabled and "กำลังจับเวลาของ" in timer.start.tooltip  # Start would throw it back
    timer.org.value = "map"  # the next presenter: Start is offered for MAP
    assert not timer.start.disabled
    timer.org.value = "fed"
    timer.start.click()  # disabled in the browser; even a click from Python keeps FED's clock
    assert timer_status(fresh_store.get_state("timer"), T0)["remaining"] == 20 * 60  # not restarted
    start_timer(fresh_store, "s2", "lsdf", 20)  # another chair's kernel starts LSDF
    timer.refresh()
    assert timer.org.value == "lsdf" and timer.start.disabled
    stop_timer(fresh_store)
    timer.refresh()
    assert timer.org.value == "lsdf" and not timer.start.disabled  # stopped: Start again is offered
