"""Sample content for every session, so that a newcomer sees every screen populated.

The content itself is data, in ``data/demo.yaml``; this module loads it and casts sample
ballots, so that every poll method and state shows.

The database is marked as a demo (state ``demo``): every dashboard and export says so.
``fill_demo`` refuses a database that already holds real captures, so a demo never mixes
with a real meeting.
"""

from pathlib import Path

from roundtable_lib.exceptions import StoreError

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


def fill_demo(store, if_empty=False):
    """Fill ``store`` (already initialised with a meeting) with sample content.

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
    sessions = {a.id for a in meeting.agenda}
    with store.atomic():
        store.set_state("demo", True, actor=ACTOR)
        store_sample(store, actor=ACTOR)  # the shipped illustrative capacity assessment, marked as such
        ids = _add_items(store, sessions, known)
        people = [
            store.add_participant(name, org, role, lang, consent, actor=ACTOR, **_DEMO["spellings"][name])[0]
            for name, org, role, lang, consent in PARTICIPANTS
            if org in known
        ]
        _add_polls(store, ids, people, sessions)
        for e in (e for e in ENDORSEMENTS if e["org"] in known):
            store.record_endorsement(
                e["org"], e["decision"], by=e["by"], note=e.get("note", ""), at=e["at"], actor=ACTOR
            )
        if people:
            # A late arrival: registered, not yet in the room.
            store.update_participant(people[-1]["id"], attended=False, actor=ACTOR)
        _demo_facilitation(store, sessions, known)
        store.set_current_session("s2", actor=ACTOR)
    return True


def _add_items(store, sessions, known):
    """The sample items, sensitive ones and session summaries that fit the meeting; returns the
    ids of the non-sensitive items by (session, kind), for the polls."""

    def fits(row):
        session, _kind, org, orgs, *_ = row
        return session in sessions and (org is None or org in known) and set(orgs) <= known

    ids = {}
    for row in ITEMS:
        if not fits(row):
            continue  # a meeting definition without this session or organisation
        session, kind, org, orgs, en, th, attrs = row
        item = store.add_item(session, kind, en, th, org=org, orgs=orgs, attrs=attrs, actor=ACTOR)
        ids.setdefault((session, kind), []).append(item["id"])
    for session, kind, org, orgs, en, th, attrs in (r for r in SENSITIVE if fits(r)):
        store.add_item(session, kind, en, th, org=org, orgs=orgs, attrs=attrs, sensitive=True, actor=ACTOR)
    for session, text in SUMMARIES.items():
        if session in sessions:
            store.add_item(session, "summary", text, actor=ACTOR)
    return ids


def _create_poll(store, session, key, **rules):
    """The sample poll ``key`` of :data:`POLLS` in ``session``, with its English and Thai titles."""
    return store.create_poll(session, POLLS[key]["en"], POLLS[key]["th"], actor=ACTOR, **rules)


def _close_and_reveal(store, poll):
    store.close_poll(poll["id"], actor=ACTOR)
    store.reveal_poll(poll["id"], actor=ACTOR)


def _add_polls(store, ids, people, sessions):
    """One poll of every method and state: dots by person (closed, revealed), a show of hands
    (closed, revealed), single choice by organisation (still open) and a 1-5 scale (revealed)."""
    everyone = people
    # Only organisations whose role votes cast ballots (the donor and the convenor take part without).
    people = [p for p in people if p["org"] in store.meeting.voting_org_ids]
    recs = ids.get(("s3", "recommendation"), [])
    if len(recs) >= 2 and people:
        poll = _create_poll(store, "s3", "recommendations", method="dots", options=recs, budget=3, per_option_limit=2)
        options = [o["id"] for o in poll["options"]]
        for n, person in enumerate(people):
            first, second = options[n % 2], options[(n + 1) % len(options)]
            store.cast_ballot(poll["id"], person["id"], {first: 2, second: 1}, actor=ACTOR)
        _close_and_reveal(store, poll)
    avenues = ids.get(("s3", "avenue"), [])
    if len(avenues) >= 2:
        poll = _create_poll(store, "s3", "avenues", method="single", options=avenues)
        hands = POLLS["avenues"].get("hands") or [1]
        store.record_tally(
            poll["id"], {o["id"]: hands[n % len(hands)] for n, o in enumerate(poll["options"])}, actor=ACTOR
        )
        _close_and_reveal(store, poll)
    needs = ids.get(("s4", "need"), [])
    if len(needs) >= 2 and people:
        poll = _create_poll(store, "s4", "needs", method="single", options=needs, weighting="organisation")
        options = [o["id"] for o in poll["options"]]
        for n, person in enumerate(people[:10]):
            store.cast_ballot(poll["id"], person["id"], {options[n % 3 % len(options)]: 1}, actor=ACTOR)
    if everyone and "conclusions" in sessions:
        _feedback_poll(store, everyone)


def _feedback_poll(store, people):
    """The end-of-day feedback on a 1-5 scale, with two options tied; everyone answers it."""
    from roundtable_lib.chair.voting import FEEDBACK_OPTIONS

    options = [{"label_en": en, "label_th": th} for en, th in FEEDBACK_OPTIONS]
    everyone = store.meeting.org_ids
    poll = _create_poll(store, "conclusions", "feedback", method="scale", options=options, eligible=everyone)
    usual = [5, 3, 4, 4]  # the last two tie, as real results sometimes do
    for n, person in enumerate(people[:12]):
        store.cast_ballot(
            poll["id"],
            person["id"],
            {o["id"]: min(5, usual[k % 4] + n % 3 - 1) for k, o in enumerate(poll["options"])},
            actor=ACTOR,
        )
    store.reveal_poll(poll["id"], actor=ACTOR)


def _demo_facilitation(store, sessions, known):
    """A paused presentation timer and speaker queues, as a chair leaves them mid-session."""
    import datetime as dt

    from roundtable_lib.chair import facilitation

    if "s2" in sessions and "flep" in known:
        started = dt.datetime(2016, 7, 12, 10, 40, tzinfo=dt.UTC)
        facilitation.start_timer(store, "s2", "flep", 30, now=started, actor=ACTOR)
        facilitation.pause_timer(store, now=started + dt.timedelta(minutes=26), actor=ACTOR)
    for n, (session, name, org, spoken) in enumerate(SPEAKERS):
        if session in sessions and org in known:
            at = dt.datetime(2016, 7, 12, 10, n, tzinfo=dt.UTC)
            entry = facilitation.request_floor(store, session, name, org, actor=ACTOR, now=at)
            if spoken:
                facilitation.mark_spoken(store, session, entry["id"], actor=ACTOR, now=at + dt.timedelta(minutes=3))
