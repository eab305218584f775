"""The capacity assessment as the store holds it: one assessment every screen shows (with the
earlier ones kept, and undo), the shipped sample, and the areas a need is filed under. The
:class:`Capacity` part of :class:`~roundtable_lib.store.Store`, and two functions that take a
store.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.exceptions`, the store's own
modules, SQLAlchemy and the standard library.
"""

import json

import sqlalchemy as sa

from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.meeting.actors import actor_words
from roundtable_lib.meeting.assessment import CapacityData, checked_rows, default_path, load_capacity, problems_refusal
from roundtable_lib.meeting.refusals import not_found, refusal, words
from roundtable_lib.store.tables import TABLES, new_id


def store_sample(store, actor=None):
    """Store the shipped illustrative sample, unless an assessment is stored already.

    Returns a line to tell the person (what was stored, or why nothing was). A meeting with
    other organisations than the sample's gets no assessment rather than a wrong one.
    """
    current = store.capacity_assessment()
    if current is not None:
        return f"Capacity assessment: {current.describe()} (kept)."
    try:
        data = load_capacity(default_path(), store.meeting)
    except RoundtableError as exc:
        first = str(exc).splitlines()[0]
        return f"No capacity assessment stored: the shipped sample does not fit this meeting ({first})."
    stored = store.save_capacity_assessment(data, actor=actor)
    return f"Capacity assessment: {stored.describe()}."


def need_areas(store):
    """The capacity areas a chair files a need under: those of the assessment stored in the
    database, in its order. With none stored, there are none to offer and the chair types the
    area (the meeting defines no areas of its own); never the shipped sample file's areas."""
    data = store.capacity_assessment()
    return data.areas if data is not None else []


def _summary(row):
    """What the history keeps of a stored capacity assessment: which file, not its scores."""
    if row is None:
        return None
    keys = ("id", "source", "size", "sha256", "loaded_at", "loaded_by", "illustrative")
    out = {k: row[k] for k in keys}
    out["illustrative"] = bool(out["illustrative"])
    out["scores"] = len(json.loads(row["scores"]))
    return out


class Capacity:
    """The stored capacity assessments. Needs the engine's ``atomic`` and ``_reading``, the
    public view's ``_select`` and the history's ``_record``."""

    def save_capacity_assessment(self, data, actor=None, replaces=...):
        """Store ``data`` (a checked :class:`~roundtable_lib.meeting.assessment.CapacityData`) as
        the one capacity assessment every screen shows, keeping the earlier ones. Returns it as stored.

        ``replaces`` is the id of the assessment the chair saw when confirming (None: none was
        stored); if another chair stored one meanwhile the save is refused, so nobody replaces
        what they have not seen. Storing the assessment already shown writes nothing.
        """
        if not isinstance(data, CapacityData):
            raise TypeError("save_capacity_assessment() takes a CapacityData (see roundtable_lib.meeting.assessment)")
        source = data.source or "capacity file"
        rows, problems = checked_rows(data.rows, self.meeting, source)
        if problems:
            raise problems_refusal(problems, limit=10)
        if not rows:
            raise refusal("assess.holds_no_scores", "file", source=source)
        actor = actor or self.actor
        try:
            self._save_assessment(data, rows, source, actor, replaces)
        except sa.exc.IntegrityError:
            # Two chairs confirmed at the same moment and the database kept the first (the unique
            # index on the current assessment; SQLite's BEGIN IMMEDIATE never gets this far).
            raise refusal("assess.same_moment", "file") from None
        return self.capacity_assessment()

    def _save_assessment(self, data, rows, source, actor, replaces):
        t = TABLES["capacity_assessments"]
        with self.atomic() as conn:
            before = self._current_assessment(conn)
            before_id = before["id"] if before else None
            if replaces is not ... and replaces != before_id:
                now_shown = (
                    words("assess.now_shown", source=before["source"], who=self._loader(before))
                    if before
                    else words("assess.now_none")
                )
                raise refusal("assess.changed_meanwhile", "file", now=now_shown)
            if before and json.loads(before["scores"]) == rows and before["source"] == source:
                return
            row = {
                "id": new_id(),
                "scores": json.dumps(rows, ensure_ascii=False),
                "illustrative": int(bool(data.illustrative)),
                "source": source,
                "size": int(data.size or 0),
                "sha256": data.sha256 or "",
                "loaded_at": self.now(),
                "loaded_by": actor,
                "is_current": 1,
            }
            if before:
                conn.execute(sa.update(t).where(t.c.id == before_id).values(is_current=0))
            conn.execute(sa.insert(t).values(**row))
            self._record(conn, "capacity", "assessment", "load", _summary(before), _summary(row), actor)

    def capacity_assessment(self):
        """The capacity assessment every screen shows (a ``CapacityData``), or None if none is stored."""
        with self._reading() as conn:
            row = self._current_assessment(conn)
        if row is None:
            return None
        return CapacityData(
            rows=json.loads(row["scores"]),
            illustrative=bool(row["illustrative"]),
            source=row["source"],
            loaded_at=row["loaded_at"],
            loaded_by=row["loaded_by"],
            size=row["size"],
            sha256=row["sha256"],
            id=row["id"],
        )

    def capacity_assessments(self):
        """Every assessment ever stored, newest first, without their scores: who loaded which
        file when, how many scores, and which one is shown now."""
        t = TABLES["capacity_assessments"]
        with self._reading() as conn:
            rows = self._select(conn, "capacity_assessments", sa.select(t).order_by(t.c.loaded_at.desc(), t.c.id))
        return [{**_summary(r), "current": bool(r["is_current"])} for r in rows]

    def undo_capacity_assessment(self, actor=None):
        """Go back to the assessment shown before the latest load (or its undo); repeated undos
        walk further back. Returns what is shown now (None: no assessment). Refused with a
        message when there is nothing to undo or the assessment changed in another way since."""
        t, h = TABLES["capacity_assessments"], TABLES["history"]
        with self.atomic() as conn:
            undone = sa.select(h.c.undoes).where(h.c.undoes.is_not(None))
            latest = (
                sa.select(h)
                .where(h.c.entity == "capacity", h.c.undoes.is_(None), h.c.id.not_in(undone))
                .order_by(h.c.id.desc())
                .limit(1)
            )
            entry = conn.execute(latest).mappings().first()
            if entry is None:
                raise not_found("assess.nothing_to_undo")
            before = json.loads(entry["before"]) if entry["before"] else None
            after = json.loads(entry["after"]) if entry["after"] else None
            current = self._current_assessment(conn)
            if (current["id"] if current else None) != (after or {}).get("id"):
                raise refusal("assess.changed_again", "undo")
            conn.execute(sa.update(t).where(t.c.is_current == 1).values(is_current=0))
            if before:
                conn.execute(sa.update(t).where(t.c.id == before["id"]).values(is_current=1))
            self._record(conn, "capacity", "assessment", "undo", after, before, actor, undoes=entry["id"])
        return self.capacity_assessment()

    def _loader(self, stored):
        """Who stored an assessment, for a refusal: the actor as stored in English (as the message
        always said it), in words in Thai."""
        return stored["loaded_by"], actor_words(stored["loaded_by"], self.meeting, "th")

    def _current_assessment(self, conn):
        """The assessment shown now, as stored (its scores as JSON text), or None."""
        t = TABLES["capacity_assessments"]
        rows = self._select(conn, "capacity_assessments", sa.select(t).where(t.c.is_current == 1))
        return rows[0] if rows else None
