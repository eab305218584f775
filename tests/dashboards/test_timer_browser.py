"""The live dashboard in a real Voila and Chromium shows the time left the chair's screen shows,
through a pause and a resume (the room's clock once forgot the time run before a pause)."""

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from roundtable_lib.chair.facilitation import PresentationTimer, pause_timer, resume_timer, start_timer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SHOWN = re.compile(r"Time left (\d\d):(\d\d)")


def _now():
    return dt.datetime.now(dt.UTC)


def _chair_seconds_left(chair, at):
    """The chair's screen at ``at``: the seconds left it shows (and the same text on its clock)."""
    status = chair.refresh(now=at)
    minutes, seconds = divmod(status["remaining"], 60)
    assert f": {minutes:02d}:{seconds:02d} · " in chair.clock.value
    return status["remaining"]


def _room_seconds_left(clock_text):
    found = SHOWN.search(clock_text)
    assert found, clock_text
    return int(found[1]) * 60 + int(found[2])


def test_the_room_and_the_chair_read_the_same_time_after_pause_and_resume(voila, fresh_store, page):
    fresh_store.set_current_session("s2")
    chair = PresentationTimer(fresh_store, "s2")
    # A 10-minute talk started 21 minutes ago and paused after 6: 04:00 left, standing still.
    begun = _now()
    start_timer(fresh_store, "s2", "map", 10, now=begun - dt.timedelta(minutes=21))
    pause_timer(fresh_store, now=begun - dt.timedelta(minutes=15))
    page.goto(voila.url("live.ipynb"), wait_until="commit", timeout=90_000)
    clock = page.locator(".rt-timer")
    clock.wait_for(timeout=90_000)
    expect(clock).to_have_text("Time left 04:00 (paused)", timeout=10_000)
    assert _chair_seconds_left(chair, _now()) == 240 and "(paused)" in chair.clock.value
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "timer-paused-phone.png"), full_page=True)

    # Resumed a minute ago: 03:00 left now, counting down on both screens.
    resume_timer(fresh_store, now=_now() - dt.timedelta(minutes=1))
    expect(clock).not_to_contain_text("paused", timeout=10_000)
    for _ in range(3):
        before = _now()
        shown = _room_seconds_left(clock.inner_text())
        after = _now()
        # The page redraws its clock once a second: what it shows was right at some moment in
        # the last second and a half before it was read.
        earliest = _chair_seconds_left(chair, before - dt.timedelta(seconds=1.5))
        latest = _chair_seconds_left(chair, after)
        assert latest <= shown <= earliest, (shown, latest, earliest)
        assert 170 <= shown <= 180  # about 03:00, never the 09:00 of a clock that forgot the pause
        time.sleep(1)
    page.screenshot(path=str(SCREENSHOTS / "timer-after-resume-phone.png"), full_page=True)

    # Paused again: both screens stand still on exactly the same second.
    pause_timer(fresh_store)
    left = _chair_seconds_left(chair, _now())
    expect(clock).to_have_text(f"Time left {left // 60:02d}:{left % 60:02d} (paused)", timeout=10_000)
