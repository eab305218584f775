"""The meeting a database holds, and the meeting-wide state every screen follows (the current
session, the timer, the merge record). One part of :class:`~roundtable_lib.store.Store`.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.exceptions`, the store's own
modules, SQLAlchemy and the standard library.
"""

import json

import sqlalchemy as sa

from roundtable_lib.exceptions import StoreError
from roundtable_lib.meeting.definition import Meeting
from roundtable_lib.meeting.refusals import refusal
from roundtable_lib.store.tables import TABLES


class SharedState:
    """The meeting definition and shared state. Needs the engine's ``atomic`` and ``_reading``,
    the public view's ``_select`` and the history's ``_record``."""

    # ----------------------------------------------------------------- the meeting

    def init(self, meeting, actor=None):
        """Load a meeting definition. Idempotent; never removes captured data.

        Loading an edited definition of the same meeting (a new question, a changed duration)
        replaces it. A different meeting is refused: one database holds one meeting.
        """
        if not isinstance(meeting, Meeting):
            raise TypeError("init() takes a Meeting (see roundtable_lib.load_meeting)")
        definition = meeting.to_json()
        t = TABLES["meeting"]
        with self.atomic() as conn:
            rows = conn.execute(sa.select(t)).mappings().all()
            if rows and rows[0]["id"] != meeting.id:
                raise StoreError(
                    f"{self.label} holds the meeting {rows[0]['id']!r}, not {meeting.id!r}: "
                    "use another database file for another meeting."
                )
            if rows and rows[0]["definition"] == definition:
                return False
            if rows:
                conn.execute(
                    sa.update(t).values(definition=definition, loaded_at=self.now()).where(t.c.id == meeting.id)
                )
            else:
                conn.execute(sa.insert(t).values(id=meeting.id, definition=definition, loaded_at=self.now()))
            self._record(conn, "meeting", meeting.id, "update" if rows else "create", None, {"id": meeting.id}, actor)
        self._meeting = meeting
        return True

    @property
    def meeting(self):
        """The :class:`~roundtable_lib.meeting.definition.Meeting` this database holds."""
        if self._meeting is None:
            t = TABLES["meeting"]
            with self._reading() as conn:
                rows = self._select(conn, "meeting", sa.select(t.c.definition))
            if not rows:
                raise StoreError(f"{self.label} has no meeting yet: run `roundtable init --db {self.label}` first.")
            self._meeting = Meeting.from_json(rows[0]["definition"])
        return self._meeting

    # ----------------------------------------------------------------- shared state

    def set_state(self, key, value, actor=None):
        """Set a piece of meeting-wide state (current session, timer, ...), recorded in history."""
        with self.atomic() as conn:
            t = TABLES["state"]
            old = conn.execute(sa.select(t.c.value).where(t.c.key == key)).scalar()
            old_value = json.loads(old) if old is not None else None
            if old_value == value:
                return value
            encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
            if old is None:
                conn.execute(sa.insert(t).values(key=key, value=encoded, updated_at=self.now()))
            else:
                conn.execute(sa.update(t).where(t.c.key == key).values(value=encoded, updated_at=self.now()))
            self._record(conn, "state", key, "update", {"value": old_value}, {"value": value}, actor)
        return value

    def get_state(self, key, default=None):
        with self._reading() as conn:
            return self._state_value(conn, key, default)

    def _state_value(self, conn, key, default=None):
        t = TABLES["state"]
        rows = self._select(conn, "state", sa.select(t.c.value).where(t.c.key == key))
        return json.loads(rows[0]["value"]) if rows and rows[0]["value"] is not None else default

    def set_current_session(self, session_id, actor=None):
        """Say "we are now in this session": dashboards follow it."""
        try:
            self.meeting.session(session_id)
        except KeyError:
            known = ", ".join(a.id for a in self.meeting.agenda)
            raise refusal("error.unknown_session", "session", value=repr(session_id), choices=known) from None
        return self.set_state("current_session", session_id, actor)

    def current_session(self):
        """The session the room is in (the first agenda item until a chair says otherwise)."""
        return self.get_state("current_session") or self.meeting.agenda[0].id
