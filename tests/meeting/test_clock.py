"""The presentation timer's clock: where a stored timer stands at a moment, pure and without a store."""

import datetime as dt

import pytest

from roundtable_lib.meeting import clock
from roundtable_lib.meeting.clock import format_seconds, timer_status

T0 = dt.datetime(2016, 7, 12, 10, 0, tzinfo=dt.UTC)


def _state(running=True, elapsed=0, duration=30, started=T0):
    return {
        "session": "s2",
        "org": "map",
        "started_at": started.isoformat(),
        "duration_minutes": duration,
        "running": running,
        "elapsed_seconds": elapsed,
    }


@pytest.mark.parametrize(
    "state, at, level, remaining",
    [
        (None, T0, "idle", None),
        (_state(), T0, "ok", 1800),
        (_state(), T0 + dt.timedelta(minutes=24, seconds=59), "ok", 301),
        (_state(), T0 + dt.timedelta(minutes=25), "warning", 300),
        (_state(), T0 + dt.timedelta(minutes=29, seconds=59), "warning", 1),
        (_state(), T0 + dt.timedelta(minutes=30), "over", 0),
        (_state(), T0 + dt.timedelta(minutes=31, seconds=30), "over", -90),
        # Paused after 20 minutes: the clock does not move, whatever the time.
        (_state(running=False, elapsed=1200), T0 + dt.timedelta(hours=3), "ok", 600),
        # Resumed at T0 after 26 minutes run earlier.
        (_state(running=True, elapsed=1560), T0 + dt.timedelta(minutes=1), "warning", 180),
        # Half a second past the end is past it: the clock shows 00:00 for one second, not two.
        (_state(duration=1), T0 + dt.timedelta(seconds=60.5), "over", -1),
        # A start in the future (another machine's clock ahead) counts nothing yet.
        (_state(duration=1), T0 - dt.timedelta(seconds=30), "warning", 60),
    ],
)
def test_timer_status(state, at, level, remaining):
    status = timer_status(state, at)
    assert (status["level"], status["remaining"]) == (level, remaining)


@pytest.mark.parametrize(
    "state",
    [
        {},
        "a string",
        ["a", "list"],
        {"running": True},  # no start, no duration
        {"running": True, "started_at": "not a date", "duration_minutes": 5},
        {"running": True, "started_at": "2016-07-12T09:58:00+00:00", "duration_minutes": "five"},
        {"running": True, "started_at": "2016-07-12T09:58:00+00:00", "duration_minutes": float("inf")},
        {"running": True, "started_at": "2016-07-12T09:58:00+00:00", "duration_minutes": float("nan")},
        {"running": True, "started_at": "2016-07-12T09:58:00+00:00", "duration_minutes": True},
        {"running": False, "duration_minutes": 5, "elapsed_seconds": "a while"},
        {"session": "s3", "running": False},  # what a chair's "clear" looked like in some tests
    ],
)
def test_a_missing_or_malformed_timer_reads_as_idle(state):
    assert timer_status(state, T0) == {
        "level": "idle",
        "remaining": None,
        "elapsed": 0,
        "running": False,
        "session": None,
        "org": None,
    }


@pytest.mark.parametrize(
    "started_at",
    ["2016-07-12T09:58:00+00:00", "2016-07-12T09:58:00Z", "2016-07-12T09:58:00", "2016-07-12T16:58:00+07:00"],
)
def test_a_start_written_any_way_is_the_same_moment(started_at):
    state = {"started_at": started_at, "duration_minutes": 5, "running": True}
    assert timer_status(state, T0)["remaining"] == 180


@pytest.mark.parametrize("seconds, text", [(1800, "30:00"), (754, "12:34"), (0, "00:00"), (-90, "-01:30")])
def test_format_seconds(seconds, text):
    assert format_seconds(seconds) == text


def test_start_pause_resume_keep_the_time_already_run():
    """The states the chair's buttons store: a 10-minute talk paused at +6 min and resumed at
    +20 has 3 minutes left at +21 (the time while paused does not count)."""
    state = clock.started("s2", "map", 10, T0)
    assert state == {
        "session": "s2",
        "org": "map",
        "started_at": "2016-07-12T10:00:00+00:00",
        "duration_minutes": 10,
        "running": True,
        "elapsed_seconds": 0,
    }
    state = clock.paused(state, T0 + dt.timedelta(minutes=6))
    assert (state["running"], state["elapsed_seconds"]) == (False, 360)
    assert timer_status(state, T0 + dt.timedelta(minutes=19))["remaining"] == 240
    state = clock.resumed(state, T0 + dt.timedelta(minutes=20))
    assert state["started_at"] == "2016-07-12T10:20:00+00:00" and state["running"]
    status = timer_status(state, T0 + dt.timedelta(minutes=21))
    assert (status["level"], status["remaining"], status["elapsed"]) == ("warning", 180, 420)


def test_the_clock_imports_nothing_but_the_standard_library_and_babel():
    import ast
    import sys
    from pathlib import Path

    tree = ast.parse(Path(clock.__file__).read_text())
    imported = {
        name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in ([a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""])
    }
    assert imported <= set(sys.stdlib_module_names) | {"babel"}, imported  # Babel: month names per locale
