"""The day's programme: sessions and breaks at the times the meeting file gives.

An agenda item may give its ``start`` ("13:30"); one that does not follows the entry before it.
Breaks (coffee, lunch) are entries of their own in the meeting file's ``breaks:`` list, with a
title in every language, a ``start`` and a ``duration_minutes``: they take no chair and capture
nothing, so they are not agenda items, but they are on the programme people read, and a
session that follows one starts after it (never at the sum of the durations before it).

:func:`programme` lists the whole day in time order; :func:`schedule_problem` finds the first
overlap, which the meeting file's reader reports in plain words.

May import: the standard library only.
"""

import datetime as dt
import re
from dataclasses import dataclass

_HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class Break:
    title: dict
    start: str
    duration_minutes: int
    chair = None  # a break is chaired by nobody: screens that list the programme leave it blank
    is_break = True


def is_time(text):
    """Whether ``text`` is a time of day in the form HH:MM."""
    return isinstance(text, str) and bool(_HH_MM.match(text))


def _at(day, text):
    hours, minutes = (int(x) for x in text.split(":"))
    return dt.datetime.combine(day, dt.time(hours, minutes))


def _timed(meeting):
    """(sessions, breaks), each ``[(start, end, entry)]`` as datetimes on the meeting's day."""
    breaks = sorted(
        (
            (start := _at(meeting.date, b.start), start + dt.timedelta(minutes=b.duration_minutes), b)
            for b in meeting.breaks
        ),
        key=lambda r: r[0],
    )
    at = _at(meeting.date, meeting.start_time)
    sessions = []
    for item in meeting.agenda:
        if getattr(item, "start", ""):
            at = _at(meeting.date, item.start)
        else:
            for start, end, _ in breaks:
                at = end if start == at else at
        sessions.append((at, at + dt.timedelta(minutes=item.duration_minutes), item))
        at = sessions[-1][1]
    return sessions, breaks


def programme(meeting):
    """``[(entry, start, end)]`` for every session and break of the day, in time order; ``start``
    and ``end`` are :class:`datetime.time`. A session without its own ``start`` begins when the
    entry before it ends, after any break that starts then."""
    sessions, breaks = _timed(meeting)
    return [(entry, start.time(), end.time()) for start, end, entry in sorted(sessions + breaks, key=lambda r: r[0])]


def session_times(meeting):
    """``[(agenda item, start, end)]``: the sessions only, in the file's order."""
    return [(item, start.time(), end.time()) for start, end, item in _timed(meeting)[0]]


def schedule_problem(meeting):
    """The first problem with the day's times, in words, or ``None``: a session that starts
    before the one listed before it, an entry that starts before the one before it ends, a day
    that runs past midnight."""
    sessions, breaks = _timed(meeting)
    for (start, _, item), (before, _, earlier) in zip(sessions[1:], sessions, strict=False):
        if start < before:
            return f"{_name(item)} starts at {start:%H:%M}, before {_name(earlier)} (listed before it)"
    entries = sorted(sessions + breaks, key=lambda r: r[0])
    for (start, _, entry), (_, end, previous) in zip(entries[1:], entries, strict=False):
        if start < end:
            return f"{_name(entry)} starts at {start:%H:%M}, before {_name(previous)} ends at {end:%H:%M}"
    last = max(end for _, end, _ in entries)
    if last.date() != meeting.date:
        return f"the day ends after midnight ({last:%H:%M}); check the start times and durations"
    return None


def checked_times(reader, meeting):
    """``meeting``, once its times hold together; else the reader fails with the first problem."""
    problem = schedule_problem(meeting)
    if problem:
        reader.fail("agenda", problem)
    return meeting


def _name(entry):
    """An entry as a message names it: "'Session 3'", not the whole title."""
    return repr((entry.title.get("en") or "a break").split(":")[0])


def parse_breaks(reader, data):
    """The meeting file's ``breaks:`` as :class:`Break` entries. ``reader`` is the meeting
    file's reader (``get``, ``text``, ``fail``), so a mistake is reported like every other one:
    ``breaks[1].start: '12.30' is not a time in the form HH:MM``."""
    out = []
    for i, raw in enumerate(reader.get(data, "breaks", "", list, required=False, default=[])):
        where = f"breaks[{i}]"
        start = reader.get(raw, "start", where, str)
        if not is_time(start):
            reader.fail(f"{where}.start", f"{start[:20]!r} is not a time in the form HH:MM")
        minutes = reader.get(raw, "duration_minutes", where, int)
        if not 1 <= minutes <= 24 * 60:
            reader.fail(f"{where}.duration_minutes", f"must be between 1 and 1440, got {minutes}")
        out.append(Break(title=reader.text(raw, "title", where), start=start, duration_minutes=minutes))
    return tuple(out)
