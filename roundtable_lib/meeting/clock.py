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

The store keeps every moment in UTC; a person reads it in the meeting's time zone (the meeting
file's ``time_zone``): :func:`local_time` and :func:`format_local` are the one place that turns
a stored time into the room's time, for exports, the chair's lists and the dashboards alike.

May import: the standard library and Babel (month names and date patterns per locale, from CLDR).
"""

import datetime as dt
import math
import zoneinfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as cldr_date

WARNING_SECONDS = 5 * 60  # "5 minutes or less left": the chair's cue to wind the speaker up

IDLE = {"level": "idle", "remaining": None, "elapsed": 0, "running": False, "session": None, "org": None}


def iso(moment):
    """``moment`` (an aware datetime) as the ISO text a timer stores, in UTC, to the second."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def parse_moment(text):
    """A stored ISO time as an aware datetime; ``Z`` and naive times are read as UTC."""
    moment = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


# ------------------------------------------------------------------ the meeting's local time

DEFAULT_TIME_ZONE = "Asia/Bangkok"  # the workbook was built for a Bangkok room
BUDDHIST_ERA = 543  # Thai readers count years from the Buddha: 2016 is 2559
# The date as each language writes it in full (CLDR's long format), except: English as the
# project writes it, "12 July 2016" (CLDR's en is American, "July 12, 2016"), and Thai with the
# Buddhist-era year, which CLDR's Gregorian calendar does not give ("12 กรกฎาคม 2559").
DATE_LOCALES = {"en": "en_GB"}


def zone(time_zone):
    """The :class:`zoneinfo.ZoneInfo` for ``time_zone``: an IANA name ("Asia/Bangkok"), a zone,
    or anything with a ``time_zone`` attribute (a meeting). ``None`` means the default zone.

    An unknown name raises ``ValueError`` with a message a person can act on."""
    time_zone = getattr(time_zone, "time_zone", time_zone)
    if isinstance(time_zone, dt.tzinfo):
        return time_zone
    name = DEFAULT_TIME_ZONE if time_zone is None else time_zone
    try:
        return zoneinfo.ZoneInfo(str(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {str(name)[:60]!r} (use a name such as Asia/Bangkok or Europe/Brussels)"
        ) from None


def parse_time_zone(reader, meeting_part):
    """The meeting file's ``meeting.time_zone`` (default :data:`DEFAULT_TIME_ZONE`), checked;
    ``reader`` is the meeting file's reader (``get``, ``fail``), so a mistake reads like every other:
    ``meeting.time_zone: unknown time zone 'Bangkok' (use a name such as Asia/Bangkok ...)``."""
    name = reader.get(meeting_part, "time_zone", "meeting", str, required=False, default=DEFAULT_TIME_ZONE).strip()
    try:
        zone(name)
    except ValueError as exc:
        reader.fail("meeting.time_zone", str(exc))
    return name


def local_time(stored, time_zone):
    """A stored time (ISO text or datetime; ``Z`` and naive mean UTC) as an aware datetime in
    the meeting's zone (``time_zone``: see :func:`zone`); ``None`` or "" for no time gives ``None``."""
    if stored is None or stored == "":
        return None
    moment = stored if isinstance(stored, dt.datetime) else parse_moment(stored)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(zone(time_zone))


def format_date(day, lang="en"):
    """A date as people write it: "12 July 2016", in Thai "12 กรกฎาคม 2559" (Buddhist era),
    Indonesian "12 Juli 2016", Arabic "12 يوليو 2016", Nepali "2016 जुलाई 12": month names and
    patterns from Babel's CLDR data; a language Babel does not know is written in English."""
    try:
        locale = Locale.parse(DATE_LOCALES.get(lang, lang))
    except (UnknownLocaleError, ValueError, TypeError):
        locale = Locale.parse(DATE_LOCALES["en"])
    if lang == "th":
        return f"{cldr_date(day, 'd MMMM', locale=locale)} {day.year + BUDDHIST_ERA}"
    return cldr_date(day, "long", locale=locale)


def format_local(stored, time_zone, lang="en", with_date=True):
    """A stored time as the room read its clock: "12 July 2016, 14:53" ("14:53" without the
    date); Thai "12 กรกฎาคม 2559 เวลา 14:53 น.". No zone name: every time a document shows is in
    the meeting's zone, and a document says so once. ``None`` gives ""."""
    moment = local_time(stored, time_zone)
    if moment is None:
        return ""
    clock = f"{moment:%H:%M}"
    if lang == "th":
        clock = f"{clock} น."
        return f"{format_date(moment.date(), 'th')} เวลา {clock}" if with_date else clock
    return f"{format_date(moment.date())}, {clock}" if with_date else clock


def zone_note(time_zone, lang="en", on=None):
    """Once per document: "Times are Bangkok time (UTC+07:00)." from the zone's place and its
    offset on the day ``on`` (the meeting's date, for zones that change their clocks). The place
    is the meeting file's ``time_zone_name`` in ``lang`` when a meeting gives one (a Thai reader
    reads "กรุงเทพฯ", not "Bangkok"), else the city of the zone's name."""
    tz = zone(time_zone)
    named = getattr(time_zone, "time_zone_name", None) or {}
    place = named.get(lang) or str(getattr(tz, "key", tz)).rsplit("/", 1)[-1].replace("_", " ")
    day = on or getattr(time_zone, "date", None) or dt.date(2000, 1, 1)
    offset = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).astimezone(tz).strftime("%z")
    offset = f"UTC{offset[:3]}:{offset[3:]}"
    if lang == "th":
        # Thai writes no space between words; a Latin city name keeps one.
        space = "" if "\u0e00" <= place[0] <= "\u0e7f" else " "
        return f"เวลาทั้งหมดเป็นเวลาท้องถิ่น{space}{place} ({offset})"
    return f"Times are {place} time ({offset})."


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
