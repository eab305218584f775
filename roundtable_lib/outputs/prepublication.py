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

``roundtable export`` prints it (``--lang th`` in Thai) and needs ``--reviewed`` for a public
export; the organisers' review panel shows it above its export button. Every word is a label in
English and Thai (:mod:`roundtable_lib.meeting.review_labels`). Nothing here writes.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.store`, :mod:`roundtable_lib.display`.
"""

from dataclasses import dataclass, field

from roundtable_lib.display.html import esc
from roundtable_lib.meeting.labels import LABELS, count, t
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

    @classmethod
    def of(cls, key, lang):
        """The check ``key`` with its title and advice in ``lang``, nothing found yet."""
        return cls(key, t(f"review.{key}.title", lang), t(f"review.{key}.advice", lang))


def review(store, lang="en"):
    """Every :class:`Check`, in the order an organiser works through them, in ``lang``."""
    if store.public:
        raise ValueError("The pre-publication review reads names: it needs the organisers' store.")
    items = store.items()
    policy = Policy.of_store(store)
    public = [i for i in items if policy.shows(i)]
    return [
        _names(store, public, policy, lang),
        _polls(store, lang),
        _translations(store, public, lang),
        _actions(store, public, lang),
        _endorsements(store, public, lang),
    ]


def problems(checks):
    """How many things the checks found."""
    return sum(len(c.found) for c in checks)


def _where(store, item, lang="en"):
    """ "s3 recommendation (MAP)": enough to find the item in the review's filters (the kind in
    Thai words for a Thai reader, who reads no English ids)."""
    try:
        org = store.meeting.org(item["org"]).label(lang) if item["org"] else ""
    except KeyError:
        org = item["org"]
    kind = t(f"kind.{item['kind']}", lang) if lang != "en" and f"kind.{item['kind']}" in LABELS else item["kind"]
    return f"{item['session']} {kind}{f' ({org})' if org else ''}"


def _quote(text, limit=70):
    text = " ".join(str(text or "").split())
    return f'"{text[:limit]}…"' if len(text) > limit else f'"{text}"'


def _names(store, public, policy, lang):
    check = Check.of("names", lang)
    for item in public:
        fields = [item["text_en"], item["text_th"], *(item.get("attrs") or {}).values()]
        hits = [text for text in fields if isinstance(text, str) and policy.redact(text) != text]
        if hits:
            check.found.append(f"{_where(store, item, lang)}: {_quote(hits[0])}")
    return check


def _polls(store, lang):
    check = Check.of("polls", lang)
    first, second = ("title_th", "title_en") if lang == "th" else ("title_en", "title_th")
    for poll in store.polls():
        title = _quote(poll[first] or poll[second])
        if poll["status"] == "open":
            check.found.append(f"{poll['session']} {title}: {t('review.poll_open', lang)}")
        elif not poll["revealed"]:
            check.found.append(f"{poll['session']} {title}: {t('review.poll_hidden', lang)}")
    return check


def _translations(store, public, lang):
    check = Check.of("translations", lang)
    languages = store.meeting.languages
    if len(languages) < 2:
        return check
    for item in public:
        have = {lang for lang in languages if (item.get(f"text_{lang}") or "").strip()}
        missing = [lang for lang in languages if lang not in have]
        if have and missing:
            names = ", ".join(t(_LANGUAGE[m], lang) if m in _LANGUAGE else m for m in missing)
            check.found.append(
                f"{_where(store, item, lang)}: {t('review.missing', lang).format(what=names)} "
                f"{_quote(item['text_en'] or item['text_th'], 50)}"
            )
    return check


# A language's name, as the tables' column headings say it.
_LANGUAGE = {"en": "col.english", "th": "col.thai"}


def _actions(store, public, lang):
    check = Check.of("actions", lang)
    words = {"owner": "review.no_owner", "due date": "review.no_due"}
    for item in public:
        missing = action_gaps(item)
        if missing:
            gaps = t("review.and", lang).join(t("review.missing", lang).format(what=t(words[m], lang)) for m in missing)
            check.found.append(f"{_where(store, item, lang)}: {gaps} {_quote(item['text_en'] or item['text_th'], 50)}")
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


def _endorsements(store, public, lang):
    check = Check.of("endorsements", lang)
    if not any(i["kind"] == "recommendation" for i in public):
        return check
    if not hasattr(store, "endorsements"):
        check.note = t("review.endorsements.unsupported", lang)
        return check
    decided = {}
    for entry in store.endorsements():  # in the order recorded: the last decision counts
        decided[entry["org"]] = entry["decision"]
    for org in store.meeting.organisations:
        decision = decided.get(org.id)
        if may_endorse(org) and decision in (None, "not_asked"):
            said = t("review.not_asked" if decision == "not_asked" else "review.no_decision", lang)
            check.found.append(f"{org.label(lang)}: {said}")
    return check


# ------------------------------------------------------------------------------ shown


def as_lines(checks, shown=SHOWN, lang="en"):
    """The review as plain lines, for the command line."""
    lines = [f"{t('review.before', lang)} {_summary(checks, lang)}"]
    for n, check in enumerate(checks, start=1):
        lines.append(f"{n}. {check.title}: {_status(check, lang)}.")
        for line in check.found[:shown]:
            lines.append(f"   - {line}")
        if len(check.found) > shown:
            lines.append(f"   - {t('review.more', lang).format(n=len(check.found) - shown)}")
        if check.found:
            lines.append(f"   {t('review.what_to_do', lang)} {check.advice}")
    return lines


def as_html(checks, shown=SHOWN, lang="en"):
    """The review as HTML, for the organisers' notebook."""
    out = [f"<p><b>{esc(t('review.before', lang))}</b> {esc(_summary(checks, lang))}</p><ol>"]
    for check in checks:
        out.append(f"<li><b>{esc(check.title)}</b>: {esc(_status(check, lang))}.")
        if check.found:
            rows = "".join(f"<li>{esc(line)}</li>" for line in check.found[:shown])
            more = t("review.more", lang).replace("...", "…").format(n=len(check.found) - shown)
            more = f"<li>{esc(more)}</li>" if len(check.found) > shown else ""
            out.append(f"<ul>{rows}{more}</ul><i>{esc(t('review.what_to_do', lang))}</i> {esc(check.advice)}")
        out.append("</li>")
    out.append("</ol>")
    return "".join(out)


def not_written(checks, lang="en"):
    """Why a public export wrote nothing without the organiser's acknowledgement, and how to go on."""
    found = problems(checks)
    what = count(found, "review.check_points", lang) if found else t("review.nothing_to_check", lang)
    return t("review.not_written", lang).format(what=what, flag=REVIEWED_FLAG)


def _status(check, lang):
    if check.note:
        return check.note
    return t("review.to_check", lang).format(n=len(check.found)) if check.found else t("review.nothing_found", lang)


def _summary(checks, lang="en"):
    found = problems(checks)
    if not found:
        return t("review.summary_clear", lang)
    return count(found, "review.summary_found", lang)
