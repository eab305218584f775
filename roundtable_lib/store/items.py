"""What the chairs capture: items (progress, needs, recommendations, notes, ...), their
corrections, soft deletion, merging a duplicate into another and restoring. One part of
:class:`~roundtable_lib.store.Store`.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.exceptions`, the store's own
modules, SQLAlchemy and the standard library.
"""

import sqlalchemy as sa

from roundtable_lib.exceptions import ValidationError
from roundtable_lib.meeting import privacy, rules
from roundtable_lib.meeting.refusals import kind_words, not_found, refusal
from roundtable_lib.store.tables import TABLES, encode, new_id

EDITABLE = {"session", "kind", "org", "orgs", "text_en", "text_th", "attrs", "sensitive"}


def fold_text(kept, other):
    """``kept`` with ``other`` added on a new line, unless it already says it."""
    if not other or other in kept:
        return kept
    return f"{kept}\n{other}" if kept else other


class Items:
    """Captured items. Needs the engine's ``atomic``, ``_reading`` and ``_stored``, the public
    view's ``_select``, the history's ``_record``, the state's ``set_state``/``get_state`` and
    (to count a merged duplicate's poll options) the polls' ``polls``."""

    def get_item(self, item_id):
        t = TABLES["items"]
        with self._reading() as conn:
            rows = self._select(conn, "items", sa.select(t).where(t.c.id == item_id))
        if not rows:
            raise not_found("store.no_item", value=repr(item_id))
        return rows[0]

    def items(self, session=None, kind=None, org=None, include_deleted=False, include_sensitive=True):
        """Captured items, oldest first. Filters take one value or a list of values."""
        t = TABLES["items"]
        query = sa.select(t).order_by(t.c.created_at, t.c.id)
        for column, value in (("session", session), ("kind", kind), ("org", org)):
            if value is None:
                continue
            values = [value] if isinstance(value, str) else list(value)
            query = query.where(t.c[column].in_(values))
        if not include_deleted:
            query = query.where(t.c.deleted_at.is_(None))
        if not include_sensitive:
            query = query.where(t.c.sensitive == 0)
        with self._reading() as conn:
            return self._select(conn, "items", query)

    def add_item(
        self, session, kind, text_en="", text_th="", org=None, orgs=(), attrs=None, sensitive=False, id=None, actor=None
    ):
        """Capture one item and return it as a dict.

        ``id`` is the client's id for this entry: submitting the same id again (a double
        click, a retry after a timeout) returns the item already stored and writes nothing.
        """
        data = rules.validate_item(
            self.meeting,
            dict(
                session=session,
                kind=kind,
                text_en=text_en,
                text_th=text_th,
                org=org,
                orgs=orgs,
                attrs=attrs,
                sensitive=sensitive,
            ),
        )
        item_id = id or new_id()
        with self.atomic() as conn:
            existing = self._stored(conn, "items", item_id)
            if existing is not None:
                return existing
            stamp = self.now()
            actor = actor or self.actor
            row = {
                **data,
                "id": item_id,
                "created_at": stamp,
                "created_by": actor,
                "updated_at": stamp,
                "updated_by": actor,
                "deleted_at": None,
            }
            conn.execute(sa.insert(TABLES["items"]).values(**encode(row)))
            self._record(conn, "item", item_id, "create", None, row, actor)
        return row

    def update_item(self, item_id, actor=None, **changes):
        """Correct an item: any of text_en, text_th, org, orgs, attrs, sensitive, kind, session."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValidationError(f"Items have no field {sorted(unknown)[0]!r}.", sorted(unknown)[0])
        with self.atomic() as conn:
            before = self._stored(conn, "items", item_id)
            if before is None:
                raise not_found("store.no_item", value=repr(item_id))
            data = rules.validate_item(self.meeting, {**{k: before[k] for k in EDITABLE}, **changes})
            if all(before[k] == v for k, v in data.items()):
                return before
            actor = actor or self.actor
            after = {**before, **data, "updated_at": self.now(), "updated_by": actor}
            self._write_item(conn, after)
            self._record(conn, "item", item_id, "update", before, after, actor)
        return after

    def _write_item(self, conn, row):
        t = TABLES["items"]
        values = encode({k: v for k, v in row.items() if k != "id"})
        conn.execute(sa.update(t).where(t.c.id == row["id"]).values(**values))

    def delete_item(self, item_id, actor=None):
        """Soft delete: the item disappears from lists and dashboards and can be restored."""
        return self._set_deleted(item_id, True, actor)

    def restore_item(self, item_id, actor=None):
        """Restore a deleted item. A duplicate merged into another item stops counting for it:
        its entry leaves the merge record, so its poll options and votes are its own again.

        Both changes land in one transaction, each recorded in the history.
        """
        with self.atomic():
            item = self._set_deleted(item_id, False, actor)
            self._end_merge(item_id, actor)
        return item

    def merge_items(self, keep_id, duplicate_id, actor=None):
        """Merge a duplicate into the item kept: its English/Thai text and organisations are folded in,
        the duplicate is deleted (restorable), and exports count its votes for the kept item.

        Returns (kept item, number of poll options that still name the duplicate).
        """
        if keep_id == duplicate_id:
            raise refusal("store.merge_two", "merge")
        keep, dup = self.get_item(keep_id), self.get_item(duplicate_id)
        if keep["deleted_at"] or dup["deleted_at"]:
            raise refusal("store.merge_deleted", "merge")
        if keep["kind"] != dup["kind"]:
            kind, other = (kind_words(i["kind"]) for i in (keep, dup))
            raise refusal("store.merge_kinds", "merge", kind=kind, other=other)
        with self.atomic():
            kept = self.update_item(
                keep_id,
                actor=actor,
                text_en=fold_text(keep["text_en"], dup["text_en"]),
                text_th=fold_text(keep["text_th"], dup["text_th"]),
                orgs=list(dict.fromkeys(keep["orgs"] + dup["orgs"])),
                # A merged item is as sensitive as the more sensitive of the two.
                sensitive=keep["sensitive"] or dup["sensitive"],
            )
            self.delete_item(duplicate_id, actor=actor)
            merged = dict(self.get_state(privacy.MERGED_STATE, {}) or {})
            merged[duplicate_id] = keep_id
            self.set_state(privacy.MERGED_STATE, merged, actor=actor)
        options = sum(1 for poll in self.polls() for o in poll["options"] if o["item_id"] == duplicate_id)
        return kept, options

    def _end_merge(self, item_id, actor):
        """An item back from deletion is no longer a merged-away duplicate: its entry leaves the
        merge record (recorded in the history). Every way back calls this: :meth:`restore_item`
        and :meth:`~roundtable_lib.store.history.History.undo` of a delete. Call it inside the
        transaction that brings the item back."""
        merged = dict(self.get_state(privacy.MERGED_STATE, {}) or {})
        if merged.pop(item_id, None) is not None:
            self.set_state(privacy.MERGED_STATE, merged, actor=actor)

    def _set_deleted(self, item_id, deleted, actor):
        with self.atomic() as conn:
            before = self._stored(conn, "items", item_id)
            if before is None:
                raise not_found("store.no_item", value=repr(item_id))
            if bool(before["deleted_at"]) == deleted:
                return before
            actor = actor or self.actor
            stamp = self.now()
            after = {**before, "deleted_at": stamp if deleted else None, "updated_at": stamp, "updated_by": actor}
            self._write_item(conn, after)
            self._record(conn, "item", item_id, "delete" if deleted else "restore", before, after, actor)
        return after
