"""The store's history: every write recorded (who, when, before, after), undo, and the change
signal dashboards follow. One part of :class:`~roundtable_lib.store.Store`.

The ``history`` table is append-only; its largest id is the store's change token, so a reader
that remembers the last token it saw knows whether anything changed with one indexed read.

May import: :mod:`roundtable_lib.exceptions`, the store's own modules, SQLAlchemy and the
standard library.
"""

import json
import os

import sqlalchemy as sa

from roundtable_lib.meeting.refusals import not_found, refusal
from roundtable_lib.store.tables import TABLES, dump


def _content(item):
    """What a person sees of an item: every field but the bookkeeping stamps."""
    return {
        k: (bool(v) if k == "deleted_at" else v)
        for k, v in item.items()
        if k not in ("updated_at", "updated_by", "created_at", "created_by")
    }


class History:
    """The history of changes, undo and the change signal. Needs the engine's ``atomic``,
    ``_reading``, ``_select`` and ``_stored``, and the items' ``_write_item`` and ``_end_merge``."""

    def _record(self, conn, entity, entity_id, action, before, after, actor=None, undoes=None):
        conn.execute(
            sa.insert(TABLES["history"]).values(
                at=self.now(),
                actor=actor or self.actor,
                entity=entity,
                entity_id=entity_id,
                action=action,
                before=dump(before),
                after=dump(after),
                undoes=undoes,
            )
        )

    def change_token(self):
        """A number that grows with every write: compare it to the last one to know if anything changed.

        One indexed read of the largest history id, a few microseconds.
        """
        with self._reading() as conn:
            return self._change_token(conn)

    def _change_token(self, conn):
        """:meth:`change_token` on ``conn``: what the public view's policy cache is keyed on, too."""
        return conn.execute(sa.text("SELECT coalesce(max(id), 0) FROM history")).scalar_one()

    def change_hint(self):
        """Something that moves when a write may have happened, cheaper than ``change_token``:
        the size and time of the SQLite file and its write-ahead log (two ``stat`` calls), or
        None when the engine has no such hint (PostgreSQL). Equal hints do not prove that nothing
        changed (a time can repeat within a clock tick): read ``change_token`` regularly anyway."""
        if self.path is None:
            return None
        hint = []
        for path in (self.path, f"{self.path}-wal"):
            try:
                st = os.stat(path)
            except OSError:
                hint.append(None)
            else:
                hint.append((st.st_mtime_ns, st.st_size))
        return tuple(hint)

    def history(self, entity_id=None, entity=None, limit=None, actor=None):
        """History entries, newest first, with ``before`` and ``after`` as dicts."""
        h = TABLES["history"]
        query = sa.select(h).order_by(h.c.id.desc())
        if entity_id is not None:
            query = query.where(h.c.entity_id == entity_id)
        if entity is not None:
            query = query.where(h.c.entity == entity)
        if actor is not None:
            query = query.where(h.c.actor == actor)
        if limit:
            query = query.limit(limit)
        with self._reading() as conn:
            return self._select(conn, "history", query)

    def undo(self, actor=None, session=None, entry_id=None):
        """Undo the latest change to an item made by ``actor`` (in ``session``), or history entry ``entry_id``.

        Undoing a capture deletes it, undoing a correction restores the text before it,
        undoing a delete restores the item (and, like :meth:`restore_item`, ends its merge if
        the delete was a merge's). Each undo is itself recorded, and repeated undos
        walk further back. Returns the item as it now is.
        """
        actor = actor or self.actor
        with self.atomic() as conn:
            entry, before, after = self._latest_undoable(conn, actor, session, entry_id)
            current = self._stored(conn, "items", entry["entity_id"])
            if current is None:
                raise not_found("store.no_item", value=repr(entry["entity_id"]))
            if _content(current) != _content(after):
                raise refusal("store.changed_since", "undo")
            stamp = self.now()
            if before is None:  # undo a capture: soft-delete it
                restored = {**current, "deleted_at": stamp}
            else:
                restored = {**before}
            restored.update(updated_at=stamp, updated_by=actor)
            self._write_item(conn, restored)
            self._record(conn, "item", current["id"], "undo", current, restored, actor, undoes=entry["id"])
            if current["deleted_at"] and not restored["deleted_at"]:
                # Undoing the delete of a merge brings the duplicate back on its own, as a restore does.
                self._end_merge(current["id"], actor)
        return restored

    def _latest_undoable(self, conn, actor, session, entry_id):
        """(entry, before, after) of the item change :meth:`undo` undoes: the latest not yet
        undone (nor itself an undo) by ``actor`` in ``session``, or entry ``entry_id``."""
        h = TABLES["history"]
        undone = sa.select(h.c.undoes).where(h.c.undoes.is_not(None))
        query = sa.select(h).where(h.c.entity == "item", h.c.undoes.is_(None), h.c.id.not_in(undone))
        query = query.order_by(h.c.id.desc())
        if entry_id is not None:
            query = query.where(h.c.id == entry_id)
        else:
            query = query.where(h.c.actor == actor)
        for entry in conn.execute(query).mappings():
            before = json.loads(entry["before"]) if entry["before"] else None
            after = json.loads(entry["after"]) if entry["after"] else None
            if session is None or (after or before)["session"] == session:
                return dict(entry), before, after
        raise not_found("store.nothing_to_undo")
