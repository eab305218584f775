"""The presentation timer's clock: where a timer stands at a moment, and how it reads.

The chair's timer widget writes the timer into the store's shared state (key ``timer``) and
every dashboard reads it back. Both screens count down the same presentation, so both call
:func:`timer_status` here: a second copy of the arithmetic once forgot the time run before a
pause, and the room saw a different time left from the chair's.

A stored timer is ``None`` when nothing is timed, else::

    {"session", "org",
     "started_at":        ISO time of the latest start or resume (naive means UTC),
     "duration_minutes":  the presentation's length,
     "running":           False while paused,
     "elapsed_seconds":   time run before the latest start or resume}

:func:`started`, :func:`paused` and :func:`resumed` make the next state from the current one;
the chair's code stores what they return.

May import: the standard library only.
"""

import datetime as dt
import math

WARNING_SECONDS = 5 * 60  # "5 minutes or less left": the chair's cue to wind the speaker up

IDLE = {"level": "idle", "remaining": None, "elapsed": 0, "running": False, "session": None, "org": None}


def iso(moment):
    """``moment`` (an aware datetime) as the ISO text a timer stores, in UTC, to the second."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def parse_moment(text):
    """A stored ISO time as an aware datetime; ``Z`` and naive times are read as UTC."""
    moment = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _seconds(value):
    """A stored number of seconds or minutes; anything else (text, NaN, infinity) is malformed."""
    if isinstance(value, bool):
        raise TypeError("a flag is not a duration")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("not a finite number")
    return number


def timer_status(state, now):
    """Where a presentation timer stands at ``now`` (an aware datetime).

    Returns ``{"level", "remaining", "elapsed", "running", "session", "org"}``: ``level`` is
    ``"idle"`` (no timer), ``"ok"``, ``"warning"`` (at most :data:`WARNING_SECONDS` left) or
    ``"over"`` (time is up); ``remaining`` is in whole seconds (rounded down, so the clock
    passes zero once) and negative once over; ``elapsed`` is the whole seconds run so far.

    The state comes from another kernel, perhaps from another version of the workbook: a missing
    or malformed timer reads as ``"idle"`` rather than failing the screen that shows it.
    """
    if not isinstance(state, dict) or not state:
        return dict(IDLE)
    try:
        duration = _seconds(state["duration_minutes"]) * 60
        elapsed = _seconds(state.get("elapsed_seconds") or 0)
        running = bool(state.get("running"))
        if running:
            elapsed += max(0.0, (now - parse_moment(state["started_at"])).total_seconds())
    except (KeyError, TypeError, ValueError, OverflowError):
        return dict(IDLE)
    remaining = math.floor(duration - elapsed)
    if remaining <= 0:
        level = "over"
    elif remaining <= WARNING_SECONDS:
        level = "warning"
    else:
        level = "ok"
    return {
        "level": level,
        "remaining": remaining,
        "elapsed": int(elapsed),
        "running": running,
        "session": state.get("session"),
        "org": state.get("org"),
    }


def format_seconds(seconds):
    """``754`` -> ``"12:34"``, ``-90`` -> ``"-01:30"``."""
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(abs(int(seconds)), 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


def started(session, org, duration_minutes, now):
    """A new running timer for ``org``'s presentation in ``session``, started at ``now``."""
    return {
        "session": session,
        "org": org,
        "started_at": iso(now),
        "duration_minutes": duration_minutes,
        "running": True,
        "elapsed_seconds": 0,
    }


def paused(state, now):
    """``state`` stopped at ``now``: the time run so far is kept in ``elapsed_seconds``."""
    return {**state, "running": False, "elapsed_seconds": timer_status(state, now)["elapsed"]}


def resumed(state, now):
    """``state`` (paused) running again from ``now``, counting on from its ``elapsed_seconds``."""
    return {**state, "running": True, "started_at": iso(now)}
