"""The presentation timer reads the same on the chair's screen and on the room's dashboards.

The chair's widget and the dashboards once counted with two copies of the arithmetic, and the
dashboards' forgot the time run before a pause: after a pause and a resume the room saw more
time left than the chair did. Here both screens are read at the same moment.
"""

import datetime as dt
import re

import pytest

from roundtable_lib import Store
from roundtable_lib.chair.facilitation import PresentationTimer, pause_timer, resume_timer, start_timer, stop_timer
from roundtable_lib.dashboards.views import LiveDashboard
from roundtable_lib.display import html
from roundtable_lib.meeting.clock import format_seconds

T0 = dt.datetime(2016, 7, 12, 10, 0, tzinfo=dt.UTC)
ROOM = re.compile(r"(Time left|Over time by) (\d\d:\d\d)( \(paused\))?")


def chair_reads(timer, now):
    """What the chair's clock says at ``now``: (time left as mm:ss, or -mm:ss once over; paused?)."""
    status = timer.refresh(now=now)
    shown = format_seconds(status["remaining"])
    assert f": {shown} · " in timer.clock.value  # the widget shows what its status says
    return shown, "(paused)" in timer.clock.value


def room_reads(page):
    """What a dashboard's timer says, in the chair's terms (-mm:ss once over), or None if nothing."""
    found = ROOM.search(page)
    if found is None:
        return None
    sign = "-" if found[1] == "Over time by" else ""
    return sign + found[2], bool(found[3])


@pytest.mark.parametrize(
    "minutes, left, paused",
    [
        (2, "08:00", False),  # running, before any pause
        (6, "04:00", True),  # just paused
        (15, "04:00", True),  # paused: nobody's clock moves
        (21, "03:00", False),  # a minute after Resume: the time before the pause counts
        (30, "-06:00", False),  # over time
    ],
)
def test_after_pause_and_resume_the_room_reads_the_chairs_time(
    fresh_store, public_store, meeting, minutes, left, paused
):
    """A 10-minute talk paused at +6 min and resumed at +20: at +21 both say 03:00 left."""
    start_timer(fresh_store, "s2", "map", 10, now=T0)
    if minutes >= 6:
        pause_timer(fresh_store, now=T0 + dt.timedelta(minutes=6))
    if minutes >= 20:
        resume_timer(fresh_store, now=T0 + dt.timedelta(minutes=20))
    at = T0 + dt.timedelta(minutes=minutes)
    chair = PresentationTimer(fresh_store, "s2")
    room = html.timer(meeting, public_store.get_state("timer"), "s2", "en", now=at)
    assert chair_reads(chair, at) == (left, paused)
    assert room_reads(room) == (left, paused)


@pytest.fixture
def demo_public(demo_store):
    """The dashboards' view of the demo database."""
    store = Store(demo_store.target, readonly=True, public=True, actor="dashboard")
    yield store
    store.close()


RESUMED_AT = dt.datetime(2016, 7, 12, 11, 30, tzinfo=dt.UTC)


def test_the_demos_paused_timer_reads_the_same_after_resume(demo_store, demo_public, meeting):
    """The demo leaves FLEP's 30-minute timer paused at 26 minutes: a minute after Resume both
    screens say 03:00 (the room used to say 29:00)."""
    chair = PresentationTimer(demo_store, "s2")
    resume_timer(demo_store, now=RESUMED_AT)
    at = RESUMED_AT + dt.timedelta(minutes=1)
    page = html.timer(meeting, demo_public.get_state("timer"), "s2", "en", now=at)
    assert chair_reads(chair, at) == room_reads(page) == ("03:00", False)
    assert "FLEP" in chair.clock.value and "Foundation for Labour" in page


def test_the_demos_paused_timer_shows_paused_in_the_room(demo_store, demo_public, meeting):
    """While paused the room sees the time left standing still, marked paused as on the chair's
    screen (it used to see no timer at all, then a jump on Resume)."""
    chair = PresentationTimer(demo_store, "s2")
    page = html.timer(meeting, demo_public.get_state("timer"), "s2", "en", now=RESUMED_AT)
    assert chair_reads(chair, RESUMED_AT) == room_reads(page) == ("04:00", True)


def test_the_live_dashboard_follows_pause_and_resume(fresh_store, public_store):
    """The live dashboard as a participant's kernel runs it (real time, its own refresh): the
    time it shows is the chair's at a moment between just before and just after it drew."""
    fresh_store.set_current_session("s2")
    now = dt.datetime.now(dt.UTC)
    start_timer(fresh_store, "s2", "map", 10, now=now - dt.timedelta(minutes=21))
    pause_timer(fresh_store, now=now - dt.timedelta(minutes=15))
    dashboard = LiveDashboard(public_store, tick=False)
    chair = PresentationTimer(fresh_store, "s2")
    assert room_reads(dashboard.timer.value) == chair_reads(chair, dt.datetime.now(dt.UTC)) == ("04:00", True)

    resume_timer(fresh_store, now=now - dt.timedelta(minutes=1))
    before = dt.datetime.now(dt.UTC)
    dashboard.refresh()
    after = dt.datetime.now(dt.UTC)
    assert room_reads(dashboard.timer.value) in {chair_reads(chair, before), chair_reads(chair, after)}
    assert room_reads(dashboard.timer.value)[0].startswith(("02:5", "03:00"))

    stop_timer(fresh_store)
    dashboard.refresh()
    assert dashboard.timer.value == ""


def test_a_timer_of_another_session_stays_off_this_sessions_dashboard(fresh_store, public_store, meeting):
    start_timer(fresh_store, "s3", "map", 10, now=T0)
    pause_timer(fresh_store, now=T0 + dt.timedelta(minutes=1))
    state = public_store.get_state("timer")
    assert html.timer(meeting, state, "s2", "en", now=T0) == ""
    assert room_reads(html.timer(meeting, state, "s3", "en", now=T0)) == ("09:00", True)


def test_the_paused_timer_speaks_thai_on_the_thai_dashboard(fresh_store, public_store, meeting):
    start_timer(fresh_store, "s2", "map", 10, now=T0)
    pause_timer(fresh_store, now=T0 + dt.timedelta(minutes=1))
    page = html.timer(meeting, public_store.get_state("timer"), "s2", "th", now=T0)
    assert "เวลาที่เหลือ 09:00 (หยุดชั่วคราว)" in page and "rt-paused" in page
