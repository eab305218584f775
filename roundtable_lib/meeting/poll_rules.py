"""Rules that keep a meeting's polls from being mixed up, as pure functions: a new poll's title
must differ from the others', the ways a poll's votes may be entered (nobody counted twice,
people never added to organisations), and a tie at the top with the runoff that breaks it.

The ballot's own rules (budget, limits, the count) are in :mod:`roundtable_lib.meeting.rules`.
The store calls these before it writes; the chair's voting widgets call them to offer only what
the store would take.

Pure: may import the standard library, :mod:`roundtable_lib.exceptions` and the meeting layer.
"""

from roundtable_lib.meeting.labels import t
from roundtable_lib.meeting.refusals import refusal
from roundtable_lib.meeting.rules import VOTER_KINDS

# The ways a chair enters a poll's votes: the voter kinds, and a show of hands ("tally").
VOTER_MODES = (*VOTER_KINDS, "tally")
# The ways that count people. A show of hands counts people, so it never goes with organisations'
# ballots: a sum of hands and organisations means nothing.
COUNTS_PEOPLE = frozenset({"participant", "ballot", "tally"})


def _title_key(title):
    return " ".join((title or "").split()).casefold()


def check_title_free(data, polls):
    """Refuse a new poll whose English or Thai title is already one of ``polls``' (spaces and
    case aside): two polls with one title are two cards nobody can tell apart on the dashboards,
    and the report would cite one while the submission ranks by the other."""
    for field in ("title_en", "title_th"):
        wanted = _title_key(data.get(field))
        if not wanted:
            continue
        for poll in polls:
            if wanted in (_title_key(poll.get("title_en")), _title_key(poll.get("title_th"))):
                raise refusal("poll.title_taken", field, title=" ".join(data[field].split()))


def runoff_titles(poll, polls):
    """A runoff's ``title_en`` and ``title_th``, free among ``polls``: "Runoff: <title>", then
    "Runoff: <title> (2)" and so on when the tie was broken before."""
    taken = {_title_key(p.get(f)) for p in polls for f in ("title_en", "title_th")} - {""}
    for n in range(1, 1000):
        suffix = "" if n == 1 else f" ({n})"
        titles = {
            field: t("poll.runoff_title", lang).format(title=poll[field]) + suffix if poll.get(field) else ""
            for field, lang in (("title_en", "en"), ("title_th", "th"))
        }
        if not taken & ({_title_key(v) for v in titles.values()} - {""}):
            return titles
    raise ValueError("no free runoff title")  # a thousand runoffs of one poll: not a meeting


def top_tie(results):
    """The options tied for first place in ranked ``results``; empty without such a tie (when
    nobody voted, :func:`~roundtable_lib.meeting.rules.ranked` marks no tie)."""
    return [r for r in results or () if r["rank"] == 1 and r["tied"]]


def poll_modes(method, kinds):
    """The ways a poll's votes may still be entered, given the ``kinds`` already in it (voter
    kinds, and "tally" for a show of hands). A poll's ballots are all of one kind, so nobody is
    counted twice; a show of hands counts people, so it never goes with organisations' ballots;
    a 1-5 scale takes no show of hands (a mean cannot come from hands)."""
    modes = [m for m in VOTER_MODES if not (m == "tally" and method == "scale")]
    ballots = set(kinds) - {"tally"}
    if ballots:
        modes = [m for m in modes if m in ballots or (m == "tally" and ballots <= COUNTS_PEOPLE)]
    if "tally" in kinds:
        modes = [m for m in modes if m in COUNTS_PEOPLE]
    return modes


def check_mode(method, kinds, mode):
    """Refuse entering votes as ``mode`` on a poll that already holds ``kinds``, saying why."""
    if mode in poll_modes(method, kinds):
        return
    if mode == "tally" and "organisation" in kinds:
        raise refusal("poll.hands_on_orgs", "voter")
    if mode == "organisation" and "tally" in kinds:
        raise refusal("poll.orgs_on_hands", "voter")
    if mode == "tally":
        raise refusal("poll.scale_no_hands", "method")
    raise refusal("poll.mixed_" + sorted(set(kinds) - {"tally"})[0], "voter")
