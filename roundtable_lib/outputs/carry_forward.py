"""Carry-forward: what one meeting agreed, as a portable package that starts the next one.

``roundtable export`` writes ``carry-forward/package.json`` (the data ``roundtable import``
reads) beside CSV copies for people (recommendations, synergies, training plan). The package is
built from the public export's content, so it never holds a sensitive item or a withheld name.

Importing into another meeting's database maps what does not exist there: organisations the
target meeting does not know are named in the text instead of linked; a synergy left with
fewer than two known organisations becomes a note. Ids derive from the source meeting's id and
the item's id, so importing the same package twice adds nothing the second time.

A package comes from another laptop: it is read by :func:`roundtable_lib.meeting.files.read_text`
(plain files only, size-capped before reading, UTF-8) and checked against its schema before
anything is taken from it.
"""

import hashlib
import json
from pathlib import Path

from roundtable_lib.exceptions import RoundtableError, ValidationError
from roundtable_lib.meeting.files import Expected, read_text, shown_path
from roundtable_lib.meeting.labels import pick
from roundtable_lib.outputs.document import ranked_recommendations
from roundtable_lib.outputs.spreadsheets import write_csv

FOLDER = "carry-forward"
FORMAT = "roundtable-carry-forward"
VERSION = 1


class PackageError(RoundtableError):
    """The carry-forward package cannot be read or does not fit this database."""


def build_package(content):
    """The package as a dict, from a public :class:`~roundtable_lib.outputs.document.Content`."""
    m = content.meeting
    used, ranked = ranked_recommendations(content)
    recs = []
    for rec, row in ranked:
        recs.append(
            {
                "id": rec["id"],
                "text_en": rec["text_en"],
                "text_th": rec["text_th"],
                "rank": row["rank"] if row else None,
                "score": row["score"] if row else None,
                "ballots": row["votes"] if row else None,
                "tied": bool(row and row["tied"]),
            }
        )
    synergies = [
        {"id": i["id"], "orgs": i["orgs"], "text_en": i["text_en"], "text_th": i["text_th"]}
        for i in content.of("synergy")
    ]
    training = [
        {"id": i["id"], "orgs": i["orgs"], "text_en": i["text_en"], "text_th": i["text_th"], "attrs": i["attrs"]}
        for i in content.of("training")
    ]
    referenced = {o for entry in synergies + training for o in entry["orgs"]}
    return {
        "format": FORMAT,
        "version": VERSION,
        "source": {
            "meeting_id": m.id,
            "title": m.title,
            "short_title": m.short_title,
            "date": m.date.isoformat(),
            "venue": m.venue,
            "vote": (used["poll"]["title_en"] or used["poll"]["title_th"]) if used else None,
        },
        "organisations": {o.id: {"name": o.name, "short": o.short} for o in m.organisations if o.id in referenced},
        "recommendations": recs,
        "synergies": synergies,
        "training": training,
    }


def write_package(content, folder):
    """Write package.json and its CSV copies into ``folder``; returns the file names."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    package = build_package(content)
    (folder / "package.json").write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    orgs = content.orgs_label
    write_csv(
        ["rank", "score", "ballots", "tied", "recommendation", "thai"],
        [
            [r["rank"], r["score"], r["ballots"], "yes" if r["tied"] else "", r["text_en"], r["text_th"]]
            for r in package["recommendations"]
        ],
        folder / "recommendations.csv",
    )
    write_csv(
        ["organisations", "synergy", "thai"],
        [[orgs(s["orgs"]), s["text_en"], s["text_th"]] for s in package["synergies"]],
        folder / "synergies.csv",
    )
    write_csv(
        ["training", "thai", "format", "provider", "timing", "status", "for organisations"],
        [
            [
                tr["text_en"],
                tr["text_th"],
                tr["attrs"].get("format", ""),
                tr["attrs"].get("provider", ""),
                tr["attrs"].get("timing", ""),
                tr["attrs"].get("status", ""),
                orgs(tr["orgs"]),
            ]
            for tr in package["training"]
        ],
        folder / "training.csv",
    )
    return ["package.json", "recommendations.csv", "synergies.csv", "training.csv"]


MAX_BYTES = 20_000_000  # a Bangkok-sized package is ~100 KB
PACKAGE_FILE = Expected(
    what="carry-forward package",
    path_of="the carry-forward folder or its package.json",
    max_bytes=MAX_BYTES,
    too_big="not a carry-forward package (one is about 100 KB)",
    save_as="not a carry-forward package; export it again with `roundtable export`",
    error=PackageError,
)
MAX_ENTRIES = 5_000
MAX_TEXT = 20_000  # longer than the store takes (it says so itself); here only to keep a file bounded


class _Schema:
    """Checks a parsed package field by field, before anything is read from it: the first problem
    is one :class:`PackageError` naming the field (``synergies[3].orgs[0]``) and what was there."""

    def __init__(self, path):
        self.path = path

    def fail(self, where, problem):
        where = where if len(where) <= 120 else where[:120] + "…"  # keys are data too
        raise PackageError(
            f"The package {self.path} is incomplete or wrong at {where}: {problem}. Nothing was imported; "
            "export it again with `roundtable export`."
        )

    def kind(self, value, where, expected, optional=False):
        if value is None and optional:
            return
        names = {str: "text", dict: "a mapping", list: "a list", int: "a whole number", bool: "true or false"}
        allowed = expected if isinstance(expected, tuple) else (expected,)
        if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
            want = " or ".join(names.get(t, t.__name__) for t in allowed)
            self.fail(where, f"expected {want}, found {_shown(value)}")
        if isinstance(value, str) and len(value) > MAX_TEXT:
            self.fail(where, f"text of {len(value):,} characters (at most {MAX_TEXT:,})")
        if isinstance(value, (list, dict)) and len(value) > MAX_ENTRIES:
            self.fail(where, f"{len(value):,} entries (at most {MAX_ENTRIES:,})")

    def labels(self, value, where):
        self.kind(value, where, dict, optional=True)
        for lang, text in (value or {}).items():
            self.kind(text, f"{where}.{lang}", str)

    def entry(self, entry, where, attrs=False):
        self.kind(entry, where, dict)
        if "id" not in entry:
            self.fail(f"{where}.id", "missing")
        self.kind(entry["id"], f"{where}.id", (str, int))
        for key in ("text_en", "text_th"):
            self.kind(entry.get(key), f"{where}.{key}", str, optional=True)
        self.kind(entry.get("orgs"), f"{where}.orgs", list, optional=True)
        for i, org in enumerate(entry.get("orgs") or []):
            self.kind(org, f"{where}.orgs[{i}]", str)
        for key in ("rank", "ballots"):
            self.kind(entry.get(key), f"{where}.{key}", int, optional=True)
        self.kind(entry.get("score"), f"{where}.score", (int, float), optional=True)
        self.kind(entry.get("tied"), f"{where}.tied", bool, optional=True)
        if attrs:
            self.kind(entry.get("attrs"), f"{where}.attrs", dict, optional=True)
            for key, value in (entry.get("attrs") or {}).items():
                self.kind(value, f"{where}.attrs.{key}", str, optional=True)

    def package(self, package):
        source = package.get("source")
        if source is None:
            self.fail("source", "missing (which meeting the package comes from)")
        self.kind(source, "source", dict)
        self.kind(source.get("meeting_id"), "source.meeting_id", str)
        for key in ("title", "short_title", "venue"):
            self.labels(source.get(key), f"source.{key}")
        for key in ("date", "vote"):
            self.kind(source.get(key), f"source.{key}", str, optional=True)
        orgs = package.get("organisations")
        self.kind(orgs, "organisations", dict, optional=True)
        for oid, org in (orgs or {}).items():
            self.kind(org, f"organisations.{oid}", dict)
            for key in ("name", "short"):
                self.labels(org.get(key), f"organisations.{oid}.{key}")
        for key in ("recommendations", "synergies", "training"):
            entries = package.get(key)
            self.kind(entries, key, list, optional=True)
            for i, entry in enumerate(entries or []):
                self.entry(entry, f"{key}[{i}]", attrs=key == "training")


def _shown(value, limit=60):
    if isinstance(value, (list, dict)):
        return f"{type(value).__name__} of {len(value)} entries"
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**60 else "a very long number"
    return text if len(text) <= limit else text[:limit] + "…"


def load_package(path):
    """The package at ``path`` (its folder or package.json), checked against its schema before
    anything is read from it; a :class:`PackageError` saying what to fix otherwise."""
    try:
        folder = bool(str(path).strip()) and Path(path).is_dir()
    except OSError:  # a path too long or unreadable: the reader below says which, in its words
        folder = False
    if folder:
        path = Path(path) / "package.json"
    text = read_text(path, PACKAGE_FILE).text
    path = shown_path(path)
    try:
        package = json.loads(text)
    except (ValueError, RecursionError) as exc:  # bad JSON, a 5,000-digit number, deep nesting
        problem = str(exc) if len(str(exc)) <= 80 else str(exc)[:80] + "…"
        raise PackageError(f"{path} is not a carry-forward package ({problem}).") from None
    if not isinstance(package, dict) or package.get("format") != FORMAT:
        raise PackageError(f"{path} is not a carry-forward package (made by `roundtable export`).")
    if package.get("version") != VERSION:
        raise PackageError(
            f"{path} is a version {_shown(package.get('version'))} package; this workbook reads version {VERSION}."
        )
    _Schema(path).package(package)
    return package


def stable_id(source_meeting, item_id):
    return "cf-" + hashlib.sha256(f"{source_meeting}:{item_id}".encode()).hexdigest()[:32]


def _session_for(meeting, kind, session):
    if session is not None:
        return session
    for agenda_item in meeting.agenda:
        if kind in agenda_item.captures:
            return agenda_item.id
    return meeting.agenda[0].id


def import_package(store, path, session=None, actor="import"):
    """Load a carry-forward package into ``store``'s meeting. Returns a report of what was mapped:
    ``{"created", "existing", "sessions": {kind: session}, "unknown_orgs", "as_notes"}``.

    ``session`` puts everything into one session; by default each kind goes to the first session
    that captures it. All of it lands, or (on any error) none of it.
    """
    package = load_package(path)
    meeting = store.meeting
    if package["source"].get("meeting_id") == meeting.id:
        raise PackageError("This package comes from this same meeting; import it into another meeting's database.")
    if session is not None and session not in [a.id for a in meeting.agenda]:
        raise ValidationError(
            f"Unknown session {session!r}; sessions are {', '.join(a.id for a in meeting.agenda)}.", "session"
        )
    importer = _Importer(store, package, session, actor)
    try:
        with store.atomic():
            for kind, entry, note, attrs in _entries(package):
                importer.add(kind, entry, note, attrs)
    except (KeyError, TypeError) as exc:
        raise PackageError(f"The package is incomplete ({exc}); nothing was imported.") from None
    importer.report["unknown_orgs"] = sorted(importer.report["unknown_orgs"])
    return importer.report


def _entries(package):
    """(kind, entry, the note saying where it came from, attrs) for everything the package carries."""
    source = package["source"]
    origin = f"{pick(source.get('short_title') or source.get('title') or {}, 'en')}, {source.get('date', '')}"
    for rec in package.get("recommendations", []):
        rank = "not ranked"
        if rec.get("rank"):
            rank = f"priority {rec['rank']}" + (" (tied)" if rec.get("tied") else "")
        yield "recommendation", rec, f"Carried forward from {origin}: {rank}", None
    for syn in package.get("synergies", []):
        yield "synergy", syn, f"Synergy carried forward from {origin}", None
    for tr in package.get("training", []):
        yield "training", tr, f"Training carried forward from {origin}", tr.get("attrs")


class _Importer:
    """Adds a package's entries to one meeting's store, mapping what that meeting does not know
    (organisations named in the text instead, a synergy of fewer than two known organisations
    as a note) and counting what it did in ``report``."""

    def __init__(self, store, package, session, actor):
        self.store, self.meeting, self.session, self.actor = store, store.meeting, session, actor
        self.source_meeting = package["source"].get("meeting_id")
        self.known = set(self.meeting.org_ids)
        self.labels = {
            oid: pick(o.get("short") or o.get("name") or {}, "en") or oid
            for oid, o in package.get("organisations", {}).items()
        }
        self.report = {"created": 0, "existing": 0, "sessions": {}, "unknown_orgs": set(), "as_notes": 0}

    def add(self, kind, entry, note, attrs=None):
        report = self.report
        given = entry.get("orgs") or []  # the schema lets a package say null for none
        orgs = [o for o in given if o in self.known]
        unknown = [o for o in given if o not in self.known]
        report["unknown_orgs"].update(unknown)
        if unknown:
            note += "; with " + ", ".join(self.labels.get(o, o) for o in unknown)
        target = _session_for(self.meeting, kind, self.session)
        if kind == "synergy" and len(orgs) < 2:
            kind, orgs = "note", []
            report["as_notes"] += 1
        text_en = (entry.get("text_en") or "").strip()
        text_en = f"{text_en}\n({note})" if text_en else f"({note})"
        report["sessions"][kind] = target
        item_id = stable_id(self.source_meeting, entry["id"])
        try:
            self.store.get_item(item_id)
        except RoundtableError:
            self.store.add_item(
                target,
                kind,
                text_en,
                entry.get("text_th", ""),
                orgs=orgs,
                attrs=attrs or {},
                id=item_id,
                actor=self.actor,
            )
            report["created"] += 1
        else:
            report["existing"] += 1
