import datetime as dt

from roundtable_lib.chair.facilitation import speaker_queue
from roundtable_lib.meeting.clock import local_time, timer_status
from roundtable_lib.meeting.programme import session_times
from roundtable_lib.meeting.rules import match_offers_asks


def test_demo_fills_every_session_with_what_it_captures(demo_store):
    meeting = demo_store.meeting
    for session in meeting.agenda:
        kinds = {i["kind"] for i in demo_store.items(session=session.id)}
        assert set(session.captures) <= kinds, session.id
        assert "summary" in kinds, session.id


def test_demo_has_polls_of_every_kind_and_state(demo_store):
    polls = demo_store.polls()
    assert {p["method"] for p in polls} == {"dots", "single", "scale"}
    assert {p["session"] for p in polls} >= {"s3", "s4", "conclusions"}
    assert any(p["revealed"] for p in polls) and any(not p["revealed"] for p in polls)
    assert any(p["status"] == "closed" for p in polls) and any(p["status"] == "open" for p in polls)
    assert any(b["is_tally"] for p in polls for b in demo_store.ballots(p["id"]))


def test_demo_timer_queue_matches_and_attendance(demo_store):
    status = timer_status(demo_store.get_state("timer"), dt.datetime.now(dt.UTC))
    assert status["level"] == "warning" and not status["running"]
    queue = speaker_queue(demo_store, "s2")
    assert any(e["spoken_at"] for e in queue) and any(not e["spoken_at"] for e in queue)
    assert len(match_offers_asks(demo_store.items(session="s2"))) == 3
    people = demo_store.participants()
    assert any(not p["attended"] for p in people)
    assert any(i["sensitive"] for i in demo_store.items())
    actions = demo_store.items(kind="action")
    assert {a["attrs"]["status"] for a in actions} >= {"open", "in_progress"}


def test_the_sample_content_is_data(tmp_path):
    from roundtable_lib import demo

    assert demo.default_path().name == "demo.yaml" and demo.default_path().parent.name == "data"
    text = demo.default_path().read_text(encoding="utf-8")
    copy = tmp_path / "demo.yaml"
    copy.write_text(text.replace("Opening by the EU delegation", "Opening by the chair"), encoding="utf-8")
    assert demo.load_demo(copy)["summaries"]["welcome"].startswith("Opening by the chair")
    loaded = demo.load_demo()
    assert [row[:7] for row in loaded["items"]] == demo.ITEMS + demo.SENSITIVE
    assert len(demo.ITEMS) > 50 and len(demo.SENSITIVE) == 1 and len(demo.PARTICIPANTS) == 17
    assert all("(sample)" in name for name, *_ in demo.PARTICIPANTS)


def test_the_demo_is_captured_on_the_meeting_day_in_its_sessions(demo_store):
    """Whatever day the demo is made, its records read as captured in the room: each item
    within its session's time on the programme, a poll closed when its session ends, every
    change stamped on the meeting day in the meeting's zone."""
    meeting = demo_store.meeting
    times = {item.id: (start, end) for item, start, end in session_times(meeting)}
    for item in demo_store.items(include_deleted=True):
        moment = local_time(item["created_at"], meeting)
        start, end = times[item["session"]]
        assert moment.date() == meeting.date and start <= moment.time() <= end, (item["session"], moment)
    closed = [p for p in demo_store.polls() if p["closed_at"]]
    assert closed and all(local_time(p["closed_at"], meeting).time() == times[p["session"]][1] for p in closed)
    stamps = [entry["at"] for entry in demo_store.history() if entry["actor"] == "demo"]
    assert stamps and {local_time(at, meeting).date() for at in stamps} == {meeting.date}
    first_session = min(start for start, _ in times.values())
    registered = [local_time(p["created_at"], meeting).time() for p in demo_store.participants()]
    assert registered and max(registered) < first_session
    assert local_time(demo_store.capacity_assessment().loaded_at, meeting).date() == meeting.date


def test_the_demo_report_is_the_record_of_the_meeting_day(demo_store):
    from roundtable_lib.outputs import export
    from roundtable_lib.outputs.report import report_blocks

    blocks, _charts = report_blocks(export.collect(demo_store.target))
    text = "\n".join(str(part) for block in blocks for part in block if isinstance(part, str))
    assert "the record as it stood on 12 July 2016, 17:" in text
    assert str(dt.date.today().year) not in text.replace("2016", "")
