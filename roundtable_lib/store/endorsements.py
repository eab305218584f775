"""Endorsements: each organisation's decision on the final text of the joint recommendations.
One part of :class:`~roundtable_lib.store.Store`.

Endorsing is an act somebody performs for an organisation, so the submission lists only the
organisations recorded here as endorsing, never those that merely attended. One row per
organisation holds its latest decision (the last one recorded wins); the history keeps every
decision, who recorded it and when. A public store reads them too: they are what the submission
prints (with withheld names replaced in who decided and the note).

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.exceptions`, the store's own
modules, SQLAlchemy and the standard library.
"""

import sqlalchemy as sa

from roundtable_lib.meeting.eligibility import validate_endorsement
from roundtable_lib.store.tables import TABLES


def _as_returned(row):
    """A stored decision as the store returns it: {org, decision, by, at, note, recorded_by}."""
    return {
        "org": row["org"],
        "decision": row["decision"],
        "by": row["decided_by"],
        "at": row["decided_at"],
        "note": row["note"],
        "recorded_by": row["recorded_by"],
    }


class Endorsements:
    """Organisations' decisions on the joint recommendations. Needs the engine's ``atomic`` and
    ``_reading``, the public view's ``_select`` and the history's ``_record``."""

    def record_endorsement(self, org, decision, *, by, note="", at=None, actor=None):
        """Record ``org``'s decision on the final text: "endorses", "abstains" or "not_asked",
        given by ``by`` (a person or office, e.g. "Ms Moe, director"). A later decision for the
        same organisation replaces this one; both stay in the history. ``at`` (an ISO time, UTC)
        is when it was decided, by default now. Returns the decision as :meth:`endorsements`."""
        data = validate_endorsement(self.meeting, {"org": org, "decision": decision, "by": by, "note": note})
        row = {**data, "decided_at": at or self.now(), "recorded_by": actor or self.actor}
        t = TABLES["endorsements"]
        with self.atomic() as conn:
            found = conn.execute(sa.select(t).where(t.c.org == data["org"])).mappings().first()
            before = dict(found) if found is not None else None
            if before is None:
                conn.execute(sa.insert(t).values(**row))
            else:
                conn.execute(sa.update(t).where(t.c.org == data["org"]).values(**row))
            self._record(conn, "endorsement", data["org"], "update" if before else "create", before, row, actor)
        return _as_returned(row)

    def endorsements(self):
        """Every organisation's latest decision, in the meeting file's order:
        ``[{org, decision, by, at, note, recorded_by}]`` (organisations never recorded are absent)."""
        t = TABLES["endorsements"]
        with self._reading() as conn:
            rows = self._select(conn, "endorsements", sa.select(t))
        order = {org: n for n, org in enumerate(self.meeting.org_ids)}
        return [_as_returned(r) for r in sorted(rows, key=lambda r: (order.get(r["org"], len(order)), r["org"]))]

    def endorsing_org_ids(self):
        """The organisations recorded as endorsing, in the meeting file's order."""
        return [e["org"] for e in self.endorsements() if e["decision"] == "endorses"]
