"""The meeting's rules, as pure functions: what can be captured and how it is validated, how
a poll's ballots are counted (:func:`tally`), and which offers answer which asks
(:func:`match_offers_asks`).

The store calls the validators before it writes anything; forms call them (through the
store) and show the :class:`~roundtable_lib.exceptions.ValidationError` message next to the
field. They take plain dicts and return cleaned plain dicts, so they are trivial to test.
"""

import datetime as _dt
import re

from roundtable_lib.exceptions import ValidationError
from roundtable_lib.meeting.clock import format_date
from roundtable_lib.meeting.labels import t
from roundtable_lib.meeting.refusals import kind_words, refusal
from roundtable_lib.meeting.typed_text import LIMITS, clean_optional, clean_text, field_words

# Every kind of item a session can capture. Their labels in both languages are the "kind.<kind>"
# entries of roundtable_lib.meeting.labels.
KINDS = (
    "expectation",  # welcome: what participants hope to take home
    "note",  # anything worth keeping
    "progress",  # implementation update: key progress
    "challenge",  # implementation update: challenges encountered
    "plan",  # implementation update: plans for the next six months
    "question",  # Q&A log (attrs.answer)
    "synergy",  # two or more organisations can work together on something
    "offer",  # peer support: "we can offer X" (attrs.topic)
    "ask",  # peer support: "we need Y" (attrs.topic)
    "lesson",  # lessons learned
    "keynote",  # notes from a keynote
    "avenue",  # avenue for engagement with regional networks / global processes
    "recommendation",  # joint recommendation for the regional meeting
    "need",  # capacity-building need of an organisation (attrs.area)
    "training",  # training-plan entry (attrs.format, provider, timing, status; orgs = targets)
    "action",  # action item (attrs.owner_person, due, status; org = owner organisation)
    "feedback",  # end-of-day feedback
    "summary",  # the chair's summary of a session
)

# Kinds that must name the organisation they come from.
ORG_REQUIRED = {"progress", "challenge", "plan", "offer", "ask", "need", "action"}
TRAINING_FORMATS = ("workshop", "mentoring", "exchange_visit", "online", "other")
TRAINING_STATUSES = ("proposed", "agreed", "scheduled", "done")
ACTION_STATUSES = ("open", "in_progress", "done")
# Whom a joint recommendation asks to act (labels "addressee.<key>"), as GFMD civil-society
# submissions address them.
ADDRESSEES = ("government", "asean", "gfmd", "un", "donors", "employers", "csos")
RECOMMENDATION_FIELDS = {"rationale", "rationale_th", "addressees"}  # each optional, left out when empty
POLL_METHODS = ("dots", "single", "scale")
POLL_WEIGHTINGS = ("person", "organisation")
# Who casts a ballot: a registered participant, an organisation (one ballot each), or a numbered
# anonymous paper ballot. A show of hands (a tally) has no voter.
VOTER_KINDS = ("participant", "organisation", "ballot")
MAX_BALLOT_NUMBER = 9999
SCALE = (1, 5)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BALLOT_NUMBER = re.compile(r"[0-9]{1,4}")  # ASCII digits: int() would also take Thai or Arabic ones


def parse_due_date(value, field="due"):
    """A due date typed as YYYY-MM-DD (a ``datetime.date`` is accepted too)."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = clean_text(value, field=field, max_length=20)
    if _DATE.match(text):
        try:
            return _dt.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise refusal("error.due_date", field, value=repr(text))


def _known_org(meeting, org_id, field="org"):
    if org_id not in meeting.org_ids:
        raise refusal("error.unknown_org", field, value=repr(org_id), choices=", ".join(meeting.org_ids))
    return org_id


def _choice(value, allowed, field):
    if value not in allowed:
        raise refusal("error.choice", field, name=field_words(field), choices=", ".join(allowed), value=repr(value))
    return value


def validate_item(meeting, data):
    """Check and clean one captured item. Returns a new dict ready for the store.

    ``data`` has: session, kind, text_en and/or text_th, and optionally org, orgs (a list),
    attrs (a dict of kind-specific fields) and sensitive.
    """
    session = data.get("session")
    try:
        meeting.session(session)
    except KeyError:
        sessions = ", ".join(a.id for a in meeting.agenda)
        raise refusal("error.unknown_session", "session", value=repr(session), choices=sessions) from None
    kind = data.get("kind")
    if kind not in KINDS:
        raise refusal("error.unknown_kind", "kind", value=repr(kind), choices=", ".join(KINDS))
    text_en = clean_optional(data.get("text_en"), "English text")
    text_th = clean_optional(data.get("text_th"), "Thai text")
    if not text_en and not text_th:
        raise refusal("error.text_empty", "text_en")
    org = data.get("org") or None
    if org is not None:
        _known_org(meeting, org)
    elif kind in ORG_REQUIRED:
        raise refusal("error.choose_org", "org", kind=kind_words(kind))
    orgs = list(dict.fromkeys(data.get("orgs") or []))
    for o in orgs:
        _known_org(meeting, o, "orgs")
    if kind == "synergy" and len(orgs) < 2:
        raise refusal("error.synergy_two", "orgs")
    attrs = dict(data.get("attrs") or {})
    attrs = _validate_attrs(meeting, kind, attrs)
    return {
        "session": session,
        "kind": kind,
        "org": org,
        "orgs": orgs,
        "text_en": text_en,
        "text_th": text_th,
        "attrs": attrs,
        "sensitive": bool(data.get("sensitive", False)),
    }


def check_capture(meeting, data):
    """What a chair's form refuses before anything is written: what :func:`validate_item`
    refuses, then an action item with no owner or due before the meeting's day. Returns the
    cleaned item. The store itself still takes such action items, as an import or an older
    version wrote them: the organisers' pre-publication checks list what they lack."""
    clean = validate_item(meeting, data)
    if clean["kind"] != "action":
        return clean
    if not clean["attrs"].get("owner_person"):
        raise refusal("error.owner_empty", "owner_person")
    if clean["attrs"]["due"] < meeting.date.isoformat():
        day = (format_date(meeting.date, "en"), format_date(meeting.date, "th"))
        raise refusal("error.due_before_meeting", "due", due=clean["attrs"]["due"], date=day)
    return clean


def _validate_attrs(meeting, kind, attrs):
    out = {}
    if kind in ("offer", "ask"):
        out["topic"] = clean_text(attrs.get("topic"), "topic", LIMITS["short"])
    elif kind == "need":
        out["area"] = clean_text(attrs.get("area"), "capacity area", LIMITS["short"])
    elif kind == "question":
        out["asked_by"] = clean_optional(attrs.get("asked_by"), "asked by", LIMITS["short"])
        out["answer"] = clean_optional(attrs.get("answer"), "answer")
    elif kind == "training":
        out["format"] = _choice(attrs.get("format", "workshop"), TRAINING_FORMATS, "format")
        out["provider"] = clean_optional(attrs.get("provider"), "provider", LIMITS["short"])
        out["timing"] = clean_optional(attrs.get("timing"), "timing", LIMITS["short"])
        out["status"] = _choice(attrs.get("status", "proposed"), TRAINING_STATUSES, "status")
    elif kind == "action":
        out["owner_person"] = clean_optional(attrs.get("owner_person"), "owner", LIMITS["short"])
        out["due"] = parse_due_date(attrs.get("due"))
        out["status"] = _choice(attrs.get("status", "open"), ACTION_STATUSES, "status")
    elif kind == "recommendation":
        out.update(_recommendation_attrs(attrs))
    elif kind == "feedback":
        rating = attrs.get("rating")
        if rating not in (None, ""):
            out["rating"] = _scale_value(rating, "rating")
    unknown = set(attrs) - set(out) - {"rating"} - (RECOMMENDATION_FIELDS if kind == "recommendation" else set())
    if unknown:
        raise refusal("error.unexpected_field", "attrs", value=repr(sorted(unknown)[0]), kind=kind_words(kind))
    return out


def _recommendation_attrs(attrs):
    """A recommendation's rationale (why, in English and Thai) and addressees (who should act:
    keys of :data:`ADDRESSEES`, given as a list or a comma-separated text, kept as the text);
    empty fields are left out."""
    out = {
        "rationale": clean_optional(attrs.get("rationale"), "rationale"),
        "rationale_th": clean_optional(attrs.get("rationale_th"), "rationale in Thai"),
    }
    given = attrs.get("addressees") or []
    if isinstance(given, str):
        given = [part.strip() for part in given.split(",")]
    if not isinstance(given, (list, tuple)):
        raise refusal("error.addressees", "addressees")
    # Kept as one text ("government, asean"): every table, sheet and CSV shows it as it is.
    out["addressees"] = ", ".join(_choice(a, ADDRESSEES, "addressee") for a in dict.fromkeys(given) if a)
    return {k: v for k, v in out.items() if v}


def _scale_value(value, field):
    low, high = SCALE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise refusal("error.scale", field, name=field_words(field), low=low, high=high, value=repr(value))
    return value


def validate_participant(meeting, data):
    """Check and clean one participant's registration.

    A person has a spelling of their name per language ("Somchai Nuengdee", "คุณสมชาย หนึ่งดี")
    and perhaps a short form ("Somchai"); ``name``, the one lists show, is the spelling in their
    own language unless given. Every spelling is what the privacy policy withholds.
    """
    language = _choice(data.get("language", "en"), ("en", "th"), "language")
    names, short_name = participant_names(data)
    shown = data.get("name") or names.get(language) or next(iter(names.values()), "")
    name = clean_text(shown, "name", LIMITS["short"])
    if not any(v == name for v in names.values()):
        names.setdefault(name_language(name), name)  # a single name typed as before is one of the spellings
    org = _known_org(meeting, data.get("org"))
    role = clean_optional(data.get("role"), "role", LIMITS["short"])
    return {
        "name": name,
        "names": names,
        "short_name": short_name,
        "org": org,
        "role": role,
        "language": language,
        "consent": bool(data.get("consent", False)),
        "attended": bool(data.get("attended", True)),
    }


def name_language(name):
    """The language a name is written in, by its script: Thai letters are Thai, others English."""
    return "th" if any("\u0e00" <= c <= "\u0e7f" for c in name or "") else "en"


def participant_names(data):
    """(``{language: spelling}`` without empty ones, short form) of a registration, cleaned."""
    given = data.get("names") or {}
    if not isinstance(given, dict) or set(given) - {"en", "th"}:
        raise refusal("error.names", "names")
    labels = {"en": "English name", "th": "Thai name"}
    names = {lang: clean_optional(given.get(lang), labels[lang], LIMITS["short"]) for lang in ("en", "th")}
    short_name = clean_optional(data.get("short_name"), "short form of the name", LIMITS["short"])
    return {lang: v for lang, v in names.items() if v}, short_name


def participant_warnings(meeting, participants, org):
    """Warnings (not errors) when registering someone from ``org`` breaks a limit.

    ``participants`` are the participants already registered (without the new one).
    """
    warnings = []
    total = len(participants) + 1
    if total > meeting.participant_limit:
        warnings.append(f"This makes {total} participants; the meeting's limit is {meeting.participant_limit}.")
    if meeting.org(org).kind == "cso":
        same = sum(1 for p in participants if p["org"] == org) + 1
        if same > meeting.per_cso_limit:
            warnings.append(
                f"This makes {same} people from {meeting.org(org).label()}; "
                f"the limit is {meeting.per_cso_limit} per CSO."
            )
    return warnings


def validate_poll(meeting, data):
    """Check and clean a new poll: title, method, budget and limits."""
    session = data.get("session")
    try:
        meeting.session(session)
    except KeyError:
        raise ValidationError(f"Unknown session {session!r}.", "session") from None
    title_en = clean_optional(data.get("title_en"), "English title", LIMITS["short"])
    title_th = clean_optional(data.get("title_th"), "Thai title", LIMITS["short"])
    if not title_en and not title_th:
        raise refusal("poll.no_title", "title_en")
    method = _choice(data.get("method", "dots"), POLL_METHODS, "method")
    weighting = _choice(data.get("weighting", "person"), POLL_WEIGHTINGS, "weighting")
    # None means "the default"; a 0 typed by a chair is an error, not a silent 3.
    budget = data.get("budget")
    budget = (3 if method == "dots" else 1) if budget is None else budget
    per_option = data.get("per_option_limit")
    per_option = budget if per_option is None else per_option
    for name, value in (("budget", budget), ("per_option_limit", per_option)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            words = (t(f"poll.{name}", "en"), t(f"poll.{name}", "th"))
            raise refusal("poll.number_range", name, name=words, value=repr(value))
    if per_option > budget:
        raise refusal("poll.limit_over_budget", "per_option_limit")
    return {
        "session": session,
        "title_en": title_en,
        "title_th": title_th,
        "method": method,
        "weighting": weighting,
        "budget": budget if method == "dots" else 1,
        "per_option_limit": per_option if method == "dots" else 1,
    }


def validate_option(data):
    label_en = clean_optional(data.get("label_en"), "English label", LIMITS["text"])
    label_th = clean_optional(data.get("label_th"), "Thai label", LIMITS["text"])
    if not label_en and not label_th:
        raise refusal("poll.option_label", "label_en")
    return {"label_en": label_en, "label_th": label_th, "item_id": data.get("item_id")}


def validate_voter(meeting, voter_kind, voter):
    """Check who casts a ballot; returns the voter as stored (a string).

    A participant id (checked against the register by the store), an organisation id of the
    meeting, or a ballot number from 1 to 9999 (an int, or digits typed by a chair).
    """
    kind = _choice(voter_kind, VOTER_KINDS, "voter kind")
    if kind == "organisation":
        if not voter:
            raise ValidationError("Choose the organisation whose ballot this is.", "voter")
        return _known_org(meeting, voter, "voter")
    if kind == "ballot":
        number = voter
        if isinstance(number, str) and _BALLOT_NUMBER.fullmatch(number.strip()):
            number = int(number.strip())
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX_BALLOT_NUMBER:
            raise refusal("poll.ballot_number", "voter", max=MAX_BALLOT_NUMBER, value=repr(voter))
        return str(number)
    if not voter or not isinstance(voter, str):
        raise ValidationError("Choose the participant whose ballot this is.", "participant")
    return voter


def validate_ballot(poll, option_ids, allocations, tally=False, voter_kind="participant"):
    """Check a participant's ballot (or a show-of-hands tally) against the poll's rules.

    ``allocations`` maps option id -> dots (dots), 1 (single) or a score 1-5 (scale);
    options left out or at 0 get nothing. Returns the cleaned mapping, zeros dropped.
    ``voter_kind`` says whose dots a budget counts (a participant's, an organisation's, a ballot's).
    """
    if poll["status"] != "open":
        raise refusal("poll.closed_frozen", "poll")
    clean = {}
    for option_id, value in (allocations or {}).items():
        if option_id not in option_ids:
            raise ValidationError(f"Unknown option {option_id!r} for this poll.", "option")
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"Votes must be whole numbers of 0 or more; got {value!r}.", "option")
        if value < 0:
            raise refusal("poll.negative", "option", value=value)
        if value:
            clean[option_id] = value
    method = poll["method"]
    if tally:
        if method == "scale":
            raise refusal("poll.scale_no_hands", "method")
        if not clean:
            raise refusal("poll.tally_empty", "option")
        return clean
    if not clean:
        raise refusal("poll.ballot_empty", "option")
    if method == "dots":
        used = sum(clean.values())
        if used > poll["budget"]:
            raise refusal(f"poll.over_budget_{voter_kind}", "option", used=used, budget=poll["budget"])
        over = [v for v in clean.values() if v > poll["per_option_limit"]]
        if over:
            raise refusal("poll.over_option_limit", "option", limit=poll["per_option_limit"], value=max(over))
    elif method == "single":
        if len(clean) != 1 or next(iter(clean.values())) != 1:
            raise refusal("poll.single_one", "option")
    elif method == "scale":
        for value in clean.values():
            _scale_value(value, "score")
    return clean


def tally(poll, options, ballots):
    """Results of a poll: a list of dicts, best first, ties sharing a rank.

    ``options`` are dicts with ``id``; ``ballots`` are dicts with ``org``, ``allocations``
    and ``is_tally``. With weighting by organisation, every organisation's ballots are averaged
    into one vote, so a CSO with four people present weighs as much as one with two; a numbered
    anonymous ballot (no organisation) counts as one vote of its own.
    For dots and single choice the score is the number of votes; for a scale, the mean score.
    """
    method = poll["method"]
    groups = {}
    for ballot in ballots:
        by_org = poll["weighting"] == "organisation" and not ballot["is_tally"] and ballot.get("org")
        key = ("org", ballot["org"]) if by_org else ("ballot", ballot["id"])
        groups.setdefault(key, []).append(ballot)
    totals = {o["id"]: 0.0 for o in options}
    counts = {o["id"]: 0 for o in options}
    for members in groups.values():
        share = 1.0 / len(members)
        for ballot in members:
            for option_id, value in ballot["allocations"].items():
                if option_id in totals:
                    totals[option_id] += value * share if poll["weighting"] == "organisation" else value
                    counts[option_id] += 1
    rows = []
    for o in options:
        score = totals[o["id"]]
        if method == "scale":
            score = score / counts[o["id"]] if counts[o["id"]] else 0.0
            if poll["weighting"] == "organisation" and counts[o["id"]]:
                # Mean over organisations of each organisation's mean.
                per_org = {}
                for key, members in groups.items():
                    values = [b["allocations"][o["id"]] for b in members if o["id"] in b["allocations"]]
                    if values:
                        per_org[key] = sum(values) / len(values)
                score = sum(per_org.values()) / len(per_org)
        rows.append({**o, "score": round(score, 4), "votes": counts[o["id"]]})
    rows.sort(key=lambda r: (-r["score"], r.get("position", 0)))
    return ranked(rows)


def ranked(rows):
    """``rows`` (best first, each with a ``score``) with ``rank`` and ``tied`` set: equal scores
    share a rank and the next rank skips as many ("1, 2, 2, 4"). The one ranking rule, also
    for results shown with some options left out, which are ranked again among those shown."""
    rows = [dict(r) for r in rows]
    rank = 0
    for i, row in enumerate(rows):
        if i == 0 or row["score"] != rows[i - 1]["score"]:
            rank = i + 1
        row["rank"] = rank
    nobody_voted = not any(row["score"] for row in rows)  # all at 0: nothing to break, no tie
    for row in rows:
        row["tied"] = not nobody_voted and sum(1 for other in rows if other["rank"] == row["rank"]) > 1
    return rows


def topic_key(topic):
    """Topics match case-insensitively, ignoring surrounding and repeated white space."""
    return " ".join((topic or "").split()).casefold()


def match_offers_asks(items):
    """Pair every offer with every ask on the same topic from another organisation.

    ``items`` are captured items (other kinds are ignored). Returns ``[{"topic", "offer",
    "ask"}]`` sorted by topic, then by capture order.
    """
    offers = [i for i in items if i["kind"] == "offer" and not i.get("deleted_at")]
    asks = [i for i in items if i["kind"] == "ask" and not i.get("deleted_at")]
    matches = []
    for offer in offers:
        for ask in asks:
            key = topic_key(offer["attrs"].get("topic"))
            if key and key == topic_key(ask["attrs"].get("topic")) and offer.get("org") != ask.get("org"):
                matches.append({"topic": " ".join(offer["attrs"]["topic"].split()), "offer": offer, "ask": ask})
    matches.sort(key=lambda m: topic_key(m["topic"]))
    return matches
