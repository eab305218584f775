"""Sample content for every session, so that a newcomer sees every screen populated.

The content itself is data, in ``data/demo.yaml``; this module loads it and casts sample
ballots, so that every poll method and state shows.

The database is marked as a demo (state ``demo``): every dashboard and export says so.
``fill_demo`` refuses a database that already holds real captures, so a demo never mixes
with a real meeting.

The demo is captured on the meeting day, in the meeting's time zone, whatever day it is made:
people register before the first session, each session's items are captured through the
session's time on the programme (:mod:`roundtable_lib.meeting.programme`, breaks included),
its summary at its end, and a poll closes when its session ends. The store's clock
(:meth:`~roundtable_lib.store.Store.clock_set`) is set to each of these moments, so every
stamp the documents read (captured at, closed at, the record's version) is the meeting's.
"""

import datetime as dt
from pathlib import Path

from roundtable_lib.exceptions import StoreError
from roundtable_lib.meeting import clock as meeting_clock
from roundtable_lib.meeting.programme import session_times

ACTOR = "demo"


def default_path():
    """``data/demo.yaml`` next to the package: the sample content, as data."""
    return Path(__file__).resolve().parent.parent / "data" / "demo.yaml"


def load_demo(path=None):
    """The sample content of ``data/demo.yaml`` (or ``path``) as a dict of plain lists."""
    import yaml

    data = yaml.safe_load(Path(path or default_path()).read_text(encoding="utf-8"))
    return {
        "items": [
            (
                i["session"],
                i["kind"],
                i.get("org"),
                list(i.get("orgs") or []),
                i.get("en", ""),
                i.get("th", ""),
                dict(i.get("attrs") or {}),
                bool(i.get("sensitive")),
            )
            for i in data["items"]
        ],
        "summaries": dict(data.get("summaries") or {}),
        "participants": [
            (p["name"], p["org"], p["role"], p["language"], bool(p["consent"])) for p in data["participants"]
        ],
        "speakers": [(s["session"], s["name"], s["org"], bool(s["spoken"])) for s in data.get("speakers") or []],
        # Every other spelling of a participant's name: {name: {"names": {...}, "short_name": ...}}.
        "spellings": {
            p["name"]: {"names": dict(p.get("names") or {}), "short_name": p.get("short_name") or ""}
            for p in data["participants"]
        },
        "polls": data.get("polls") or {},
        "endorsements": list(data.get("endorsements") or []),
    }


_DEMO = load_demo()
# (session, kind, org, orgs, English, Thai, attrs), as the tests and other modules read them.
ITEMS = [row[:7] for row in _DEMO["items"] if not row[7]]
SENSITIVE = [row[:7] for row in _DEMO["items"] if row[7]]
SUMMARIES = _DEMO["summaries"]
SPEAKERS = _DEMO["speakers"]  # (session, name as typed by the chair, org, spoken)
PARTICIPANTS = _DEMO["participants"]  # (name, org, role, language, consent)
POLLS = _DEMO["polls"]  # titles of the sample votes
ENDORSEMENTS = _DEMO["endorsements"]  # each organisation's decision on the joint recommendations


class MeetingDay:
    """The demo's clock: a moment of the meeting day on the room's clock, moved on as the demo
    captures (the store stamps its writes with what this returns, in UTC)."""

    def __init__(self, meeting):
        self.date, self.zone = meeting.date, meeting_clock.zone(meeting)
        self.sessions = {item.id: (self.at(start), self.at(end)) for item, start, end in session_times(meeting)}
        self.moment = self.at(dt.time.fromisoformat(meeting.start_time)) - dt.timedelta(hours=1)

    def __call__(self):
        return self.moment

    def at(self, time_of_day):
        """``time_of_day`` on the meeting day, in the meeting's zone."""
        return dt.datetime.combine(self.date, time_of_day, tzinfo=self.zone)

    def set(self, moment):
        self.moment = moment
        return moment

    def start(self, session, minutes=0):
        return self.sessions[session][0] + dt.timedelta(minutes=minutes)

    def end(self, session, minutes=0):
        """``minutes`` before ``session`` ends (0: when it ends)."""
        return self.sessions[session][1] - dt.timedelta(minutes=minutes)


def fill_demo(store, if_empty=False):
    """Fill ``store`` (already initialised with a meeting) with sample content, captured on the
    meeting day (see the module's docstring).

    Returns True if it wrote anything. A database already marked as a demo is left alone; one
    with real captures is refused. Content for a session or an organisation the meeting does
    not have is left out.
    """
    from roundtable_lib.store.capacity import store_sample

    if store.get_state("demo"):
        return False
    if store.items(include_deleted=True) or store.participants():
        if if_empty:
            return False
        raise StoreError(
            f"{store.label} already holds captured data; the demo only fills an empty database "
            "(use another --db file, e.g. data/demo.db)."
        )
    meeting = store.meeting
    known = set(meeting.org_ids)
    day = MeetingDay(meeting)
    with store.atomic(), store.clock_set(day):
        store.set_state("demo", True, actor=ACTOR)
        store_sample(store, actor=ACTOR)  # the shipped illustrative capacity assessment, marked as such
        people = _register(store, day, known)
        ids = _add_items(store, day, known)
        _add_polls(store, day, ids, people)
        for e in (e for e in ENDORSEMENTS if e["org"] in known):
            day.set(meeting_clock.parse_moment(e["at"]))
            store.record_endorsement(
                e["org"], e["decision"], by=e["by"], note=e.get("note", ""), at=e["at"], actor=ACTOR
            )
        _demo_facilitation(store, day, known)
    return True


def _register(store, day, known):
    """The participants, registered at the door in the half hour before the first session; the
    last of them a late arrival, registered but not yet in the room."""
    first = min(start for start, _ in day.sessions.values()) if day.sessions else day.moment
    people = []
    for n, (name, org, role, lang, consent) in enumerate(p for p in PARTICIPANTS if p[1] in known):
        day.set(first - dt.timedelta(minutes=30) + dt.timedelta(seconds=90 * n))
        people.append(store.add_participant(name, org, role, lang, consent, actor=ACTOR, **_DEMO["spellings"][name])[0])
    if people:
        store.update_participant(people[-1]["id"], attended=False, actor=ACTOR)
    return people


def _add_items(store, day, known):
    """The sample items, sensitive ones and session summaries that fit the meeting, each session's
    captured through its time (its summary at its end); returns the ids of the non-sensitive
    items by (session, kind), for the polls."""

    def fits(row):
        session, _kind, org, orgs, *_ = row
        return session in day.sessions and (org is None or org in known) and set(orgs) <= known

    by_session = {}
    for row in (r for r in _DEMO["items"] if fits(r)):
        by_session.setdefault(row[0], []).append(row)
    by_session = {s: sorted(rows, key=lambda r: r[7]) for s, rows in by_session.items()}  # sensitive last
    ids = {}
    for session, (start, end) in day.sessions.items():
        rows = by_session.get(session, [])
        # Through the session, leaving its last quarter hour for its votes and the summary.
        step = (end - start - dt.timedelta(minutes=15)) / (len(rows) + 1)
        for n, (_session, kind, org, orgs, en, th, attrs, sensitive) in enumerate(rows, start=1):
            day.set(start + step * n)
            item = store.add_item(
                session, kind, en, th, org=org, orgs=orgs, attrs=attrs, sensitive=sensitive, actor=ACTOR
            )
            if not sensitive:
                ids.setdefault((session, kind), []).append(item["id"])
        if session in SUMMARIES:
            day.set(day.end(session, minutes=2))
            store.add_item(session, "summary", SUMMARIES[session], actor=ACTOR)
    return ids


def _create_poll(store, session, key, **rules):
    """The sample poll ``key`` of :data:`POLLS` in ``session``, with its English and Thai titles."""
    return store.create_poll(session, POLLS[key]["en"], POLLS[key]["th"], actor=ACTOR, **rules)


def _close_and_reveal(store, day, poll):
    """Voting closes, and the results go on the screen, when the poll's session ends."""
    day.set(day.end(poll["session"]))
    store.close_poll(poll["id"], actor=ACTOR)
    store.reveal_poll(poll["id"], actor=ACTOR)


def _voting(day, session, minutes_before_end, n):
    """The moment of the ``n``-th ballot of a vote opened ``minutes_before_end`` before
    ``session`` ends: one every twenty seconds."""
    return day.set(day.end(session, minutes_before_end) + dt.timedelta(seconds=20 * n))


def _add_polls(store, day, ids, people):
    """One poll of every method and state: dots by person (closed, revealed), a show of hands
    (closed, revealed), single choice by organisation (still open) and a 1-5 scale (revealed),
    each opened in its session's last quarter hour."""
    everyone = people
    # Only organisations whose role votes cast ballots (the donor and the convenor take part without).
    people = [p for p in people if p["org"] in store.meeting.voting_org_ids]
    recs = ids.get(("s3", "recommendation"), [])
    if len(recs) >= 2 and people:
        _voting(day, "s3", 14, 0)
        poll = _create_poll(store, "s3", "recommendations", method="dots", options=recs, budget=3, per_option_limit=2)
        options = [o["id"] for o in poll["options"]]
        for n, person in enumerate(people, start=1):
            _voting(day, "s3", 14, n)
            first, second = options[(n - 1) % 2], options[n % len(options)]
            store.cast_ballot(poll["id"], person["id"], {first: 2, second: 1}, actor=ACTOR)
        _close_and_reveal(store, day, poll)
    avenues = ids.get(("s3", "avenue"), [])
    if len(avenues) >= 2:
        _voting(day, "s3", 6, 0)
        poll = _create_poll(store, "s3", "avenues", method="single", options=avenues)
        hands = POLLS["avenues"].get("hands") or [1]
        _voting(day, "s3", 6, 6)
        store.record_tally(
            poll["id"], {o["id"]: hands[n % len(hands)] for n, o in enumerate(poll["options"])}, actor=ACTOR
        )
        _close_and_reveal(store, day, poll)
    needs = ids.get(("s4", "need"), [])
    if len(needs) >= 2 and people:
        _voting(day, "s4", 14, 0)
        poll = _create_poll(store, "s4", "needs", method="single", options=needs, weighting="organisation")
        options = [o["id"] for o in poll["options"]]
        for n, person in enumerate(people[:10]):
            _voting(day, "s4", 14, n + 1)
            store.cast_ballot(poll["id"], person["id"], {options[n % 3 % len(options)]: 1}, actor=ACTOR)
    if everyone and "conclusions" in day.sessions:
        _feedback_poll(store, day, everyone)


def _feedback_poll(store, day, people):
    """The end-of-day feedback on a 1-5 scale, with two options tied; everyone answers it."""
    from roundtable_lib.chair.voting import FEEDBACK_OPTIONS

    options = [{"label_en": en, "label_th": th} for en, th in FEEDBACK_OPTIONS]
    everyone = store.meeting.org_ids
    _voting(day, "conclusions", 14, 0)
    poll = _create_poll(store, "conclusions", "feedback", method="scale", options=options, eligible=everyone)
    usual = [5, 3, 4, 4]  # the last two tie, as real results sometimes do
    for n, person in enumerate(people[:12]):
        _voting(day, "conclusions", 14, n + 1)
        store.cast_ballot(
            poll["id"],
            person["id"],
            {o["id"]: min(5, usual[k % 4] + n % 3 - 1) for k, o in enumerate(poll["options"])},
            actor=ACTOR,
        )
    day.set(day.end("conclusions", 3))
    store.reveal_poll(poll["id"], actor=ACTOR)


def _demo_facilitation(store, day, known):
    """A paused presentation timer and speaker queues, as a chair leaves them mid-session: the
    workbook is left in Session 2, at the moment the timer was paused."""
    from roundtable_lib.chair import facilitation

    for n, (session, name, org, spoken) in enumerate(SPEAKERS):
        if session in day.sessions and org in known:
            at = day.set(day.start(session, 10 + 2 * n))
            entry = facilitation.request_floor(store, session, name, org, actor=ACTOR, now=at)
            if spoken:
                done = day.set(at + dt.timedelta(minutes=3))
                facilitation.mark_spoken(store, session, entry["id"], actor=ACTOR, now=done)
    if "s2" in day.sessions and "flep" in known:
        started = day.set(day.start("s2", 40))
        facilitation.start_timer(store, "s2", "flep", 30, now=started, actor=ACTOR)
        paused = day.set(started + dt.timedelta(minutes=26))
        facilitation.pause_timer(store, now=paused, actor=ACTOR)
    if "s2" in day.sessions:
        store.set_current_session("s2", actor=ACTOR)
