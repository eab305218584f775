"""The public view: where a public store applies the meeting's privacy policy. One part of
:class:`~roundtable_lib.store.Store`.

Every reader of the store gets its rows through :meth:`PublicView._select`, the one boundary
between the database and what the store returns. For a public store (the dashboards') it passes
each table's rows through that table's rule in :data:`RULES`, which asks the meeting's
:class:`~roundtable_lib.meeting.privacy.Policy` (the same one as public exports); for any other
store it returns them as stored. So a reader written tomorrow shows the public only what the
policy allows without a line about privacy of its own, and a table added by a later migration
must be given a rule here (a test checks that every table has one).

The rules, in the policy's words: no sensitive or deleted items, withheld names replaced in
every text, no participants' names, poll options standing for a hidden item left out, no
ballots of an unrevealed poll, and no history of participants, ballots or sensitive items.
On PostgreSQL the dashboards' role reads views that apply the row rules again in the database
(:mod:`roundtable_lib.store.postgres`): a backstop, whatever this code does.

Three reads bypass the rules, each for a reason: writers read rows as stored (``_stored``) to
check and record them; the policy itself needs the participants' names and consent; and the
change token and migration names are numbers and names of code, not meeting data.

May import: :mod:`roundtable_lib.meeting`, the store's own modules, SQLAlchemy and the standard
library.
"""

import sqlalchemy as sa

from roundtable_lib.meeting import privacy
from roundtable_lib.store.tables import TABLES, decode


def _items(store, conn, rows):
    return store._policy_now(conn).items(rows)


def _participants(store, conn, rows):
    # Dashboards show counts, never people.
    return [{**r, "name": "", "names": {}, "short_name": ""} for r in rows]


def _history(store, conn, rows):
    policy = store._policy_now(conn)
    return [
        {**r, "before": _public_entry(policy, r["before"]), "after": _public_entry(policy, r["after"])}
        for r in rows
        if r["entity"] not in ("participant", "ballot")  # names, and who voted for what
        and not ((r["before"] or {}).get("sensitive") or (r["after"] or {}).get("sensitive"))
    ]


def _public_entry(policy, row):
    """A history entry's before/after as the public may see it: names withheld in every text."""
    if not row:
        return row
    row = policy.item(row) if "kind" in row else row
    return policy.redact_fields(row)


def _polls(store, conn, rows):
    policy = store._policy_now(conn)
    return [
        {**r, "title_en": policy.redact(r["title_en"], "en"), "title_th": policy.redact(r["title_th"], "th")}
        for r in rows
    ]


def _poll_options(store, conn, rows):
    """Options as the policy shows them; one standing for a hidden item is left out: a
    projector draws no attention to it."""
    policy = store._policy_now(conn)
    visible = _visible_ids(conn, policy, rows)
    options = (policy.option(o, visible) for o in rows)
    return [o for o in options if o is not None]


def _visible_ids(conn, policy, options):
    """Ids of the items (followed through merges) that ``options`` stand for and that the
    public may see: the policy withholds an option whose item is not among them."""
    linked = {policy.resolve(o["item_id"]) for o in options if o.get("item_id")}
    if not linked:
        return set()
    t = TABLES["items"]
    query = sa.select(t.c.id).where(t.c.id.in_(linked), t.c.deleted_at.is_(None), t.c.sensitive == 0)
    return {r[0] for r in conn.execute(query)}


def _ballots(store, conn, rows):
    """Ballots of revealed polls only: before the chair reveals a poll, nothing of how it is
    going may show (as the PostgreSQL view of ballots)."""
    poll_ids = {r["poll_id"] for r in rows}
    if not poll_ids:
        return rows
    p = TABLES["polls"]
    revealed = set(conn.execute(sa.select(p.c.id).where(p.c.id.in_(poll_ids), p.c.revealed == 1)).scalars())
    return [r for r in rows if r["poll_id"] in revealed]


def _endorsements(store, conn, rows):
    """Decisions are public (the submission prints who endorsed); who decided and the note
    are typed text, so a withheld name in them is replaced."""
    policy = store._policy_now(conn)
    return [{**r, "decided_by": policy.redact(r["decided_by"]), "note": policy.redact(r["note"])} for r in rows]


def _as_stored(store, conn, rows):
    return rows


# What the public sees of each table's rows. `_as_stored` says, table by table, that nothing in
# it is private: the meeting definition, meeting-wide state (session, timer, merge record), the
# capacity scores every screen shows, and the names of applied migrations.
RULES = {
    "items": _items,
    "participants": _participants,
    "history": _history,
    "polls": _polls,
    "poll_options": _poll_options,
    "ballots": _ballots,
    "endorsements": _endorsements,
    "meeting": _as_stored,
    "state": _as_stored,
    "capacity_assessments": _as_stored,
    "migrations": _as_stored,
}


class PublicView:
    """The privacy policy and the one boundary that applies it. Needs the engine's ``_reading``,
    the history's ``_change_token`` and the state's ``_state_value``."""

    def _select(self, conn, table, query):
        """The rows of ``query`` (on ``table``) as this store may return them: every reader's
        rows come through here."""
        rows = [decode(r, table) for r in conn.execute(query).mappings()]
        if not self.public:
            return rows
        return RULES[table](self, conn, rows)

    def _results_shown(self, poll):
        """May this store show ``poll``'s results? Always to the organisers; to the public once
        the chair has revealed them. ``poll`` already says so: asking the policy (whose
        ``revealed`` answers the same for a public store) would cost a connection and a query
        for every poll a dashboard redraws."""
        return not self.public or bool(poll["revealed"])

    def privacy(self):
        """The meeting's privacy :class:`~roundtable_lib.meeting.privacy.Policy` as it now is:
        public for a public store, internal otherwise. Rebuilt only when something changed."""
        with self._reading() as conn:
            return self._policy_now(conn)

    def _policy_now(self, conn):
        token = self._change_token(conn)
        if self._policy[0] != token:
            t = TABLES["participants"]
            # The policy is built from the names and consent as stored: it decides which to withhold.
            query = sa.select(t).order_by(t.c.created_at, t.c.id)
            people = [decode(r) for r in conn.execute(query).mappings()]
            merged = self._state_value(conn, privacy.MERGED_STATE, {}) or {}
            policy = privacy.Policy(people, merged, internal=not self.public)
            # Most writes are captures, which change nothing the policy decides on: keep the
            # policy (and its cache of redacted texts) a dashboard already has.
            if policy.same_as(self._policy[1]):
                policy = self._policy[1]
            self._policy = (token, policy)
        return self._policy[1]
