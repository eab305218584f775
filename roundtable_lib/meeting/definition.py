"""The meeting definition: organisations, agenda, limits, all read from a YAML file.

Nothing about a particular meeting lives in the library. :func:`load_meeting` reads and
validates ``data/meeting.yaml`` (or any other file) and returns a :class:`Meeting`; every error
names the file, the field and the problem, e.g.
``data/meeting.yaml: agenda[2].chair: unknown organisation 'mapp' (known: map, lsdf, ...)``.
The file itself is read by :func:`roundtable_lib.meeting.files.read_text`, which refuses
folders, pipes, devices, over-size and non-text files in one line before YAML sees a byte.

A meeting's languages come from its file (``meeting.languages``, ``meeting.working_language``);
every per-language text is checked against them by :mod:`roundtable_lib.meeting.file_languages`.

Pure: may import the standard library, PyYAML, :mod:`roundtable_lib.exceptions` and the meeting
layer (``files``, ``rules`` for the kinds of item an agenda item captures, ``clock`` for the
time zone, ``file_languages`` for the languages).
"""

import datetime as _dt
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from roundtable_lib.exceptions import MeetingError
from roundtable_lib.meeting.clock import DEFAULT_TIME_ZONE, parse_time_zone
from roundtable_lib.meeting.file_languages import checked_texts, completed, parse_languages
from roundtable_lib.meeting.files import Expected, read_text, shown_path
from roundtable_lib.meeting.funder import parse_funder
from roundtable_lib.meeting.programme import Break, checked_times, is_time, parse_breaks, programme, session_times
from roundtable_lib.meeting.rules import KINDS
from roundtable_lib.meeting.yaml_limits import TooMuch, brief, cut, limited_loader

# Limits checked before anything is built from a file: a meeting definition is a few dozen KB
# (the Bangkok one is 15 KB, about 1,500 YAML nodes). Beyond these, a file is a mistake or an
# attack (a "billion laughs" alias bomb, a huge list), refused in one line, in milliseconds.
MAX_BYTES = 1_000_000
DEFINITION_FILE = Expected(
    what="meeting definition",
    path_of="the meeting's .yaml file",
    max_bytes=MAX_BYTES,
    too_big="a meeting definition is a few dozen KB; check that it is the right file",
    save_as="save it as plain UTF-8 text from a text editor",
    error=MeetingError,
)
ORG_KINDS = ("cso", "network", "red_cross", "donor", "government", "other")
# What an organisation is at this meeting, and so whether it votes on the recommendations and may
# endorse them: (votes, may_endorse). The recommendations are civil society's, so the donor,
# observers, a government and whoever convenes the meeting neither vote nor sign them.
ROLES = {"partner_cso": (True, True), "network": (True, True), "red_cross": (True, True)}
ROLES |= dict.fromkeys(("convenor", "donor", "observer", "government"), (False, False))
# The role an organisation gets when the meeting file gives only its kind.
ROLE_OF_KIND = {k: k for k in ("network", "red_cross", "donor", "government")}
ROLE_OF_KIND |= {"cso": "partner_cso", "other": "observer"}
_ID = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


@dataclass(frozen=True)
class Organisation:
    id: str
    kind: str
    name: dict
    short: dict
    city: dict
    confirmed: bool = True
    # Empty/None: from the kind (ROLE_OF_KIND) and the role (ROLES), so that a definition stored
    # before roles existed reads back with the same defaults a meeting file gets.
    role: str = ""
    votes: bool | None = None
    may_endorse: bool | None = None

    def __post_init__(self):
        role = self.role or ROLE_OF_KIND.get(self.kind, "observer")
        votes, endorses = ROLES.get(role, (False, False))
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "votes", votes if self.votes is None else self.votes)
        object.__setattr__(self, "may_endorse", endorses if self.may_endorse is None else self.may_endorse)

    def label(self, lang="en"):
        """The short name in ``lang``; a file gives one in every meeting language (the name where
        it gives no short one), so the fallback serves a language the meeting does not have."""
        return _in(self.short, lang)


@dataclass(frozen=True)
class AgendaItem:
    id: str
    title: dict
    purpose: dict
    duration_minutes: int
    chair: str
    questions: tuple
    captures: tuple
    speakers: tuple = ()
    presentation_minutes: int | None = None
    start: str = ""  # "HH:MM" from the file; "" follows the entry before (meeting.programme)

    def short(self, lang="en"):
        """The session as people name it: "Session 2" (its title up to the colon), in Thai
        "ช่วงที่ 2"; a title without a colon ("Welcome remarks and introductions") whole."""
        return _in(self.title, lang).split(":")[0].strip()


@dataclass(frozen=True)
class Meeting:
    id: str
    title: dict
    short_title: dict
    date: _dt.date
    start_time: str
    venue: dict
    languages: tuple
    objectives: tuple
    participant_limit: int
    per_cso_limit: int
    organisations: tuple
    agenda: tuple
    funding_note: dict = field(default_factory=dict)
    # Who to write to about the meeting's outputs, printed on the joint recommendations.
    contact: dict = field(default_factory=dict)
    # Where the joint recommendations go ("the regional conference and ..."), for their preamble.
    submission: dict = field(default_factory=dict)
    # The room's clock (an IANA name): every stored UTC time is shown in it (meeting.clock).
    time_zone: str = DEFAULT_TIME_ZONE
    # The zone's place as the room says it ({'en': 'Bangkok', 'th': 'กรุงเทพฯ'}); else the zone's city.
    time_zone_name: dict = field(default_factory=dict)
    breaks: tuple = ()  # coffee, lunch: on the programme, chaired by nobody (meeting.programme.Break)
    funder: dict = field(default_factory=dict)  # for the report's cover (meeting.funder.parse_funder)
    # The language a text is shown in when the reader's has none (one of ``languages``). A
    # definition stored before meetings had one reads back as the English-Thai meeting it was.
    working_language: str = "en"

    def text(self, texts, lang):
        """``(text, language shown)``: the meeting file's text ``texts`` (``{lang: text}``) in
        ``lang``, else in the working language (a page then marks it as such), else in any."""
        for code in (lang, self.working_language, *self.languages, *texts):
            if texts.get(code):
                return texts[code], code
        return "", lang

    def org(self, org_id):
        for org in self.organisations:
            if org.id == org_id:
                return org
        raise KeyError(org_id)

    def session(self, session_id):
        for item in self.agenda:
            if item.id == session_id:
                return item
        raise KeyError(session_id)

    @property
    def org_ids(self):
        return [o.id for o in self.organisations]

    def find_org(self, typed):
        """The id of the organisation ``typed`` names: its id, its short name or its full name in
        any language, in any case and spacing ("MAP", "map", "มูลนิธิแมพ"); None if none does.
        A person types the name they know; the files keep the id."""
        wanted = " ".join(str(typed or "").split()).casefold()
        for org in self.organisations:
            names = {org.id, *org.short.values(), *org.name.values()}
            if wanted and wanted in {" ".join(n.split()).casefold() for n in names if n}:
                return org.id
        return None

    def in_order(self, org_ids):
        """``org_ids`` (any iterable, repeats dropped) in the meeting file's order, unknown ids
        last in the order given: every table and chart lists organisations this one way."""
        rank = {o: n for n, o in enumerate(self.org_ids)}
        unique = list(dict.fromkeys(org_ids))
        return sorted(unique, key=lambda o: rank.get(o, len(rank)))

    @property
    def csos(self):
        return [o for o in self.organisations if o.kind == "cso"]

    @property
    def voting_org_ids(self):
        """The organisations whose ballots count by default: those whose role votes."""
        return [o.id for o in self.organisations if o.votes]

    @property
    def endorsing_org_ids(self):
        """The organisations that may be asked to endorse the joint recommendations."""
        return [o.id for o in self.organisations if o.may_endorse]

    def schedule(self):
        """(agenda item, start time, end time) for each session, at the file's times."""
        return session_times(self)

    def programme(self):
        """(entry, start time, end time) for every session and break, in time order."""
        return programme(self)

    def to_json(self):
        data = asdict(self)
        data["date"] = self.date.isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text):
        data = json.loads(text)
        return cls(
            **{
                **data,
                "date": _dt.date.fromisoformat(data["date"]),
                "languages": tuple(data["languages"]),
                "objectives": tuple(data["objectives"]),
                "organisations": tuple(Organisation(**o) for o in data["organisations"]),
                "breaks": tuple(Break(**b) for b in data.get("breaks", ())),
                "agenda": tuple(
                    AgendaItem(
                        **{
                            **a,
                            "questions": tuple(a["questions"]),
                            "captures": tuple(a["captures"]),
                            "speakers": tuple(a["speakers"]),
                        }
                    )
                    for a in data["agenda"]
                ),
            }
        )


def _in(texts, lang):
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


class _Reader:
    """Walks the parsed YAML, raising MeetingError with ``file: path.to.field: problem``. Knows
    the meeting's languages once ``meeting.languages`` is read, to check every text against."""

    def __init__(self, source):
        self.source = source
        self.languages, self.working = (), ""

    def fail(self, where, problem):
        raise MeetingError(f"{self.source}: {where}: {problem}")

    def get(self, mapping, key, where, kind=None, required=True, default=None):
        here = f"{where}.{key}" if where else key
        if not isinstance(mapping, dict):
            self.fail(where or "(top level)", "expected a mapping of fields")
        if key not in mapping or mapping[key] is None:
            if required:
                self.fail(here, "missing field")
            return default
        value = mapping[key]
        if kind is not None and not isinstance(value, kind) or isinstance(value, bool) and kind is int:
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            self.fail(here, f"expected {names}, got {type(value).__name__} {brief(value)}")
        return value

    def text(self, mapping, key, where, required=True):
        here = f"{where}.{key}" if where else key
        value = self.get(mapping, key, where, required=required)
        if value is None:
            return {}
        return self.labels(value, here)

    def labels(self, value, here):
        return checked_texts(self, value, here, self.languages, self.working)

    def ident(self, mapping, where, seen):
        value = self.get(mapping, "id", where, str)
        if not _ID.match(value):
            self.fail(f"{where}.id", f"{brief(value)} is not a valid id (lower-case letters, digits, - and _)")
        if value in seen:
            self.fail(f"{where}.id", f"duplicate id {brief(value)}")
        seen.add(value)
        return value


def parse_meeting(data, source="meeting definition"):
    """Validate already-parsed YAML/JSON data and return a :class:`Meeting`.

    One helper per part of the file (date and start, limits, organisations, agenda); the checks
    run in the order they always have, so a broken file gets the same first message."""
    r = _Reader(source)
    if not isinstance(data, dict):
        r.fail("(top level)", "expected a mapping with meeting, organisations and agenda")
    m = r.get(data, "meeting", "", dict)
    date, start_time = _date_and_start(r, m)
    r.languages, r.working = parse_languages(r, m)
    objectives = r.get(m, "objectives", "meeting", list)
    if not objectives:
        r.fail("meeting.objectives", "list at least one objective")
    participant_limit, per_cso = _limits(r, m)
    orgs = _organisations(r, data)
    agenda = _agenda(r, data, orgs)
    mid = r.get(m, "id", "meeting", str)
    if not _ID.match(mid):
        r.fail("meeting.id", f"{brief(mid)} is not a valid id (lower-case letters, digits, - and _)")
    title = r.text(m, "title", "meeting")
    meeting = Meeting(
        id=mid,
        title=title,
        short_title=completed(r.text(m, "short_title", "meeting", required=False), title, r.languages),
        date=date,
        start_time=start_time,
        venue=r.text(m, "venue", "meeting"),
        languages=r.languages,
        working_language=r.working,
        objectives=tuple(r.labels(o, f"meeting.objectives[{i}]") for i, o in enumerate(objectives)),
        participant_limit=participant_limit,
        per_cso_limit=per_cso,
        organisations=tuple(orgs),
        agenda=tuple(agenda),
        funding_note=r.text(m, "funding_note", "meeting", required=False),
        contact=r.text(m, "contact", "meeting", required=False),
        submission=r.text(m, "submission", "meeting", required=False),
        time_zone=parse_time_zone(r, m),
        time_zone_name=r.text(m, "time_zone_name", "meeting", required=False),
        funder=parse_funder(r, m),
        breaks=parse_breaks(r, data),
    )
    return checked_times(r, meeting)


def _date_and_start(r, m):
    date = r.get(m, "date", "meeting")
    if isinstance(date, str):
        try:
            date = _dt.date.fromisoformat(date)
        except ValueError:
            r.fail("meeting.date", f"{brief(date)} is not a date in the form YYYY-MM-DD")
    if not isinstance(date, _dt.date) or isinstance(date, _dt.datetime):
        r.fail("meeting.date", f"{brief(date)} is not a date in the form YYYY-MM-DD")
    start_time = str(r.get(m, "start_time", "meeting", required=False, default="09:00"))
    if not is_time(start_time):
        r.fail("meeting.start_time", f"{brief(start_time)} is not a time in the form HH:MM")
    return date, start_time


def _limits(r, m):
    limits = r.get(m, "limits", "meeting", dict)
    participant_limit = r.get(limits, "participants", "meeting.limits", int)
    per_cso = r.get(limits, "per_cso", "meeting.limits", int)
    for key, value in (("participants", participant_limit), ("per_cso", per_cso)):
        if value < 1:
            r.fail(f"meeting.limits.{key}", f"must be at least 1, got {value}")
    return participant_limit, per_cso


def _organisations(r, data):
    orgs, seen = [], set()
    raw_orgs = r.get(data, "organisations", "", list)
    if not raw_orgs:
        r.fail("organisations", "list at least one organisation")
    for i, o in enumerate(raw_orgs):
        where = f"organisations[{i}]"
        oid = r.ident(o, where, seen)
        kind = r.get(o, "kind", where, str)
        if kind not in ORG_KINDS:
            r.fail(f"{where}.kind", f"unknown kind {brief(kind)} (use one of {', '.join(ORG_KINDS)})")
        role = r.get(o, "role", where, str, required=False, default=ROLE_OF_KIND[kind])
        if role not in ROLES:
            r.fail(f"{where}.role", f"unknown role {brief(role)} (use one of {', '.join(ROLES)})")
        orgs.append(
            Organisation(
                id=oid,
                kind=kind,
                name=(name := r.text(o, "name", where)),
                short=completed(r.text(o, "short", where, required=False), name, r.languages),
                city=r.text(o, "city", where, required=False),
                confirmed=bool(r.get(o, "confirmed", where, bool, required=False, default=True)),
                role=role,
                votes=r.get(o, "votes", where, bool, required=False),
                may_endorse=r.get(o, "may_endorse", where, bool, required=False),
            )
        )
    return orgs


def _agenda(r, data, orgs):
    org_ids = [o.id for o in orgs]
    cso_ids = [o.id for o in orgs if o.kind == "cso"]

    def known_org(value, where, csos_only=False):
        allowed = cso_ids if csos_only else org_ids
        if value not in allowed:
            what = "CSO" if csos_only else "organisation"
            r.fail(where, f"unknown {what} {brief(value)} (known: {', '.join(allowed)})")
        return value

    agenda, seen_sessions = [], set()
    raw_agenda = r.get(data, "agenda", "", list)
    if not raw_agenda:
        r.fail("agenda", "list at least one agenda item")
    for i, a in enumerate(raw_agenda):
        where = f"agenda[{i}]"
        sid = r.ident(a, where, seen_sessions)
        duration = r.get(a, "duration_minutes", where, int)
        if not 1 <= duration <= 24 * 60:
            r.fail(f"{where}.duration_minutes", f"must be between 1 and 1440, got {duration}")
        chair = known_org(r.get(a, "chair", where, str), f"{where}.chair", csos_only=True)
        speakers = r.get(a, "speakers", where, list, required=False, default=[])
        for j, s in enumerate(speakers):
            known_org(s, f"{where}.speakers[{j}]")
        captures = r.get(a, "captures", where, list, required=False, default=["note"])
        for j, kind in enumerate(captures):
            if kind not in KINDS:
                r.fail(f"{where}.captures[{j}]", f"unknown kind {brief(kind)} (known: {', '.join(KINDS)})")
        questions = r.get(a, "questions", where, list, required=False, default=[])
        presentation = r.get(a, "presentation_minutes", where, int, required=False)
        start = str(r.get(a, "start", where, str, required=False, default=""))
        if start and not is_time(start):
            r.fail(f"{where}.start", f"{brief(start)} is not a time in the form HH:MM")
        agenda.append(
            AgendaItem(
                id=sid,
                title=r.text(a, "title", where),
                purpose=r.text(a, "purpose", where),
                duration_minutes=duration,
                chair=chair,
                questions=tuple(r.labels(q, f"{where}.questions[{j}]") for j, q in enumerate(questions)),
                captures=tuple(captures),
                speakers=tuple(speakers),
                presentation_minutes=presentation,
                start=start,
            )
        )
    return agenda


def load_meeting(path):
    """Read, validate and return the meeting defined in the YAML file at ``path``.

    Every problem is one :class:`MeetingError` line naming the file and what to fix."""
    import yaml

    raw = read_text(path, DEFINITION_FILE).text
    path = shown_path(Path(path))
    loader = None
    try:
        loader = limited_loader(raw)
        data = loader.get_single_data()
    except TooMuch as exc:
        raise MeetingError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        problem = cut(str(getattr(exc, "problem", None) or exc).splitlines()[0], 120)
        raise MeetingError(f"{path}: {where}: not valid YAML ({problem})") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise MeetingError(f"{path}: a value cannot be read ({cut(str(exc))})") from None
    finally:
        if loader is not None:
            loader.dispose()
    try:
        return parse_meeting(data, source=str(path))
    except (TypeError, ValueError, RecursionError) as exc:
        raise MeetingError(
            f"{path}: a value has the wrong type ({cut(str(exc))}); compare with data/meeting.yaml"
        ) from None


def default_meeting_path():
    """``data/meeting.yaml`` next to the package (a source checkout) or in the working directory."""
    here = Path(__file__).resolve().parents[2] / "data" / "meeting.yaml"
    return here if here.exists() else Path("data/meeting.yaml")
