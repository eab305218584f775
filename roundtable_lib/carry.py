"""Carry-forward: what one meeting agreed, as a portable package that starts the next one.

``roundtable export`` writes ``carry-forward/package.json`` (the data ``roundtable import``
reads) beside CSV copies for people (recommendations, synergies, training plan). The package is
built from the public export's content, so it never holds a sensitive item or a withheld name.

Importing into another meeting's database maps what does not exist there: organisations the
target meeting does not know are named in the text instead of linked; a synergy left with
fewer than two known organisations becomes a note. Ids derive from the source meeting's id and
the item's id, so importing the same package twice adds nothing the second time.
"""

import hashlib
import json
from pathlib import Path

from .content import ranked_recommendations
from .exceptions import RoundtableError, ValidationError
from .export_tables import write_csv
from .i18n import pick

FOLDER = "carry-forward"
FORMAT = "roundtable-carry-forward"
VERSION = 1


class PackageError(RoundtableError):
    """The carry-forward package cannot be read or does not fit this database."""


def build_package(content):
    """The package as a dict, from a public :class:`~roundtable_lib.content.Content`."""
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


def load_package(path):
    path = Path(path)
    if path.is_dir():
        path = path / "package.json"
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackageError(f"No carry-forward package at {path}.") from None
    except (OSError, ValueError) as exc:
        raise PackageError(f"{path} is not a carry-forward package ({exc}).") from None
    if not isinstance(package, dict) or package.get("format") != FORMAT:
        raise PackageError(f"{path} is not a carry-forward package (made by `roundtable export`).")
    if package.get("version") != VERSION:
        raise PackageError(
            f"{path} is a version {package.get('version')} package; this workbook reads version {VERSION}."
        )
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
    source = package["source"]
    if source.get("meeting_id") == meeting.id:
        raise PackageError("This package comes from this same meeting; import it into another meeting's database.")
    if session is not None and session not in [a.id for a in meeting.agenda]:
        raise ValidationError(
            f"Unknown session {session!r}; sessions are {', '.join(a.id for a in meeting.agenda)}.", "session"
        )
    known = set(meeting.org_ids)
    labels = {
        oid: pick(o.get("short") or o.get("name") or {}, "en") or oid
        for oid, o in package.get("organisations", {}).items()
    }
    origin = f"{pick(source.get('short_title') or source.get('title') or {}, 'en')}, {source.get('date', '')}"
    report = {"created": 0, "existing": 0, "sessions": {}, "unknown_orgs": set(), "as_notes": 0}

    def add(kind, entry, note, attrs=None):
        orgs = [o for o in entry.get("orgs", []) if o in known]
        unknown = [o for o in entry.get("orgs", []) if o not in known]
        report["unknown_orgs"].update(unknown)
        if unknown:
            note += "; with " + ", ".join(labels.get(o, o) for o in unknown)
        target = _session_for(meeting, kind, session)
        if kind == "synergy" and len(orgs) < 2:
            kind, orgs = "note", []
            report["as_notes"] += 1
        text_en = (entry.get("text_en") or "").strip()
        text_en = f"{text_en}\n({note})" if text_en else f"({note})"
        report["sessions"][kind] = target
        item_id = stable_id(source.get("meeting_id"), entry["id"])
        try:
            store.get_item(item_id)
        except RoundtableError:
            store.add_item(
                target, kind, text_en, entry.get("text_th", ""), orgs=orgs, attrs=attrs or {}, id=item_id, actor=actor
            )
            report["created"] += 1
        else:
            report["existing"] += 1

    try:
        with store.atomic():
            for rec in package.get("recommendations", []):
                rank = (
                    f"priority {rec['rank']}" + (" (tied)" if rec.get("tied") else "")
                    if rec.get("rank")
                    else "not ranked"
                )
                add("recommendation", rec, f"Carried forward from {origin}: {rank}")
            for syn in package.get("synergies", []):
                add("synergy", syn, f"Synergy carried forward from {origin}")
            for tr in package.get("training", []):
                add("training", tr, f"Training carried forward from {origin}", attrs=tr.get("attrs"))
    except (KeyError, TypeError) as exc:
        raise PackageError(f"The package is incomplete ({exc}); nothing was imported.") from None
    report["unknown_orgs"] = sorted(report["unknown_orgs"])
    return report
