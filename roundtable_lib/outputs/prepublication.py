"""The pre-publication review: what a careful organiser checks before anything public leaves.

:func:`review` reads the meeting through the organisers' store and returns one :class:`Check`
per question, each with what it found (empty when there is nothing to look at):

- items a public file will show that name a person who did not consent (any spelling the privacy
  :class:`~roundtable_lib.meeting.privacy.Policy` withholds): the public files replace the name,
  so read the sentence that is left;
- polls still open, or closed with results not revealed (the public files say "not revealed");
- items with one language only (the public files show an empty column or a "translation
  pending" mark);
- open action items without an owner or a due date;
- organisations that may endorse the recommendations but whose decision is not recorded.

``roundtable export`` prints it and needs ``--reviewed`` for a public export; the organisers'
review panel shows it above its export button. Nothing here writes.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.store`, :mod:`roundtable_lib.display`.
"""

from dataclasses import dataclass, field

from roundtable_lib.display.html import esc
from roundtable_lib.meeting.privacy import Policy

# The acknowledgement the command asks for, in the words its messages use.
REVIEWED_FLAG = "--reviewed"
# Lines shown per check before "... and N more".
SHOWN = 8
# Organisation kinds that observe rather than sign, for meeting files without roles.
OBSERVING_KINDS = ("donor", "government")


@dataclass
class Check:
    """One question of the review: ``title`` says what is looked for, ``advice`` what to do
    about what was ``found`` (one line per item, poll or organisation)."""

    key: str
    title: str
    advice: str
    found: list = field(default_factory=list)
    note: str = ""  # why the check could not run, if it could not


def review(store):
    """Every :class:`Check`, in the order an organiser works through them."""
    if store.public:
        raise ValueError("The pre-publication review reads names: it needs the organisers' store.")
    items = store.items()
    policy = Policy.of_store(store)
    public = [i for i in items if policy.shows(i)]
    return [
        _names(store, public, policy),
        _polls(store),
        _translations(store, public),
        _actions(store, public),
        _endorsements(store, public),
    ]


def problems(checks):
    """How many things the checks found."""
    return sum(len(c.found) for c in checks)


def _where(store, item):
    """ "s3 recommendation (MAP)": enough to find the item in the review's filters."""
    try:
        org = store.meeting.org(item["org"]).label() if item["org"] else ""
    except KeyError:
        org = item["org"]
    return f"{item['session']} {item['kind']}{f' ({org})' if org else ''}"


def _quote(text, limit=70):
    text = " ".join(str(text or "").split())
    return f'"{text[:limit]}…"' if len(text) > limit else f'"{text}"'


def _names(store, public, policy):
    check = Check(
        "names",
        "Items that name a person who did not consent to be named",
        "The public files replace each name with [name withheld]: read what is left, and correct the "
        "item (or mark it sensitive) if it still points at the person.",
    )
    for item in public:
        fields = [item["text_en"], item["text_th"], *(item.get("attrs") or {}).values()]
        hits = [text for text in fields if isinstance(text, str) and policy.redact(text) != text]
        if hits:
            check.found.append(f"{_where(store, item)}: {_quote(hits[0])}")
    return check


def _polls(store):
    check = Check(
        "polls",
        "Polls still open or with results not revealed",
        "Close the poll and reveal its results in the chair's notebook, or leave them out knowingly: "
        'the public files then say "results not revealed".',
    )
    for poll in store.polls():
        title = _quote(poll["title_en"] or poll["title_th"])
        if poll["status"] == "open":
            check.found.append(f"{poll['session']} {title}: still open (ballots can still change it)")
        elif not poll["revealed"]:
            check.found.append(f"{poll['session']} {title}: closed, results not revealed")
    return check


def _translations(store, public):
    check = Check(
        "translations",
        "Items in one language only",
        "Add the missing version in the review (filter Language: English only / Thai only), or let "
        "the documents mark it as pending.",
    )
    languages = store.meeting.languages
    if len(languages) < 2:
        return check
    for item in public:
        have = {lang for lang in languages if (item.get(f"text_{lang}") or "").strip()}
        missing = [lang for lang in languages if lang not in have]
        if have and missing:
            check.found.append(
                f"{_where(store, item)}: no {', '.join(_LANGUAGE.get(m, m) for m in missing)} "
                f"{_quote(item['text_en'] or item['text_th'], 50)}"
            )
    return check


_LANGUAGE = {"en": "English", "th": "Thai"}


def _actions(store, public):
    check = Check(
        "actions",
        "Action items without an owner or a due date",
        "Give each an owner and a due date in the chair's wrap-up form, or say in the report who will decide.",
    )
    for item in public:
        missing = action_gaps(item)
        if missing:
            check.found.append(f"{_where(store, item)}: no {' and no '.join(missing)} {_quote(item['text_en'], 50)}")
    return check


def action_gaps(item):
    """What an open action item lacks: ``["owner", "due date"]``, some or none. The capture form
    asks for a due date, but an imported or older item may have none."""
    attrs = item.get("attrs") or {}
    if item["kind"] != "action" or attrs.get("status") == "done":
        return []
    return [what for what, key in (("owner", "owner_person"), ("due date", "due")) if not attrs.get(key)]


def may_endorse(org):
    """Is ``org`` asked to endorse the recommendations? Its role says so; a meeting file without
    roles leaves donors and governments out (they observe)."""
    value = getattr(org, "may_endorse", None)
    return bool(value) if value is not None else org.kind not in OBSERVING_KINDS


def _endorsements(store, public):
    check = Check(
        "endorsements",
        "Organisations whose decision on the recommendations is not recorded",
        "Record each organisation's decision (endorses, abstains) after the vote; the submission "
        "lists only the organisations recorded as endorsing.",
    )
    if not any(i["kind"] == "recommendation" for i in public):
        return check
    if not hasattr(store, "endorsements"):
        check.note = "This workbook does not record endorsements yet."
        return check
    decided = {}
    for entry in store.endorsements():  # in the order recorded: the last decision counts
        decided[entry["org"]] = entry["decision"]
    for org in store.meeting.organisations:
        decision = decided.get(org.id)
        if may_endorse(org) and decision in (None, "not_asked"):
            said = "not asked" if decision == "not_asked" else "no decision recorded"
            check.found.append(f"{org.label()}: {said}")
    return check


# ------------------------------------------------------------------------------ shown


def as_lines(checks, shown=SHOWN):
    """The review as plain lines, for the command line."""
    lines = [f"Before publishing: {_summary(checks)}"]
    for n, check in enumerate(checks, start=1):
        status = check.note or (f"{len(check.found)} to check" if check.found else "nothing found")
        lines.append(f"{n}. {check.title}: {status}.")
        for line in check.found[:shown]:
            lines.append(f"   - {line}")
        if len(check.found) > shown:
            lines.append(f"   - ... and {len(check.found) - shown} more")
        if check.found:
            lines.append(f"   What to do: {check.advice}")
    return lines


def as_html(checks, shown=SHOWN):
    """The review as HTML, for the organisers' notebook."""
    out = [f"<p><b>Before publishing:</b> {esc(_summary(checks))}</p><ol>"]
    for check in checks:
        status = check.note or (f"{len(check.found)} to check" if check.found else "nothing found")
        out.append(f"<li><b>{esc(check.title)}</b>: {esc(status)}.")
        if check.found:
            rows = "".join(f"<li>{esc(line)}</li>" for line in check.found[:shown])
            more = f"<li>… and {len(check.found) - shown} more</li>" if len(check.found) > shown else ""
            out.append(f"<ul>{rows}{more}</ul><i>What to do:</i> {esc(check.advice)}")
        out.append("</li>")
    out.append("</ol>")
    return "".join(out)


def _summary(checks):
    found = problems(checks)
    if not found:
        return "the checks found nothing; still read the public files once before they leave."
    return f"{found} thing{'s' if found != 1 else ''} to check in the public files."
