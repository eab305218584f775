"""Who takes part: registration, corrections and removal. One part of
:class:`~roundtable_lib.store.Store`.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.exceptions`, the store's own
modules, SQLAlchemy and the standard library.
"""

import sqlalchemy as sa

from roundtable_lib.exceptions import ValidationError
from roundtable_lib.meeting import rules
from roundtable_lib.meeting.refusals import not_found
from roundtable_lib.store.tables import TABLES, encode, new_id

FIELDS = ("name", "org", "role", "language", "consent", "attended", "names", "short_name")


class Participants:
    """Registered participants. Needs the engine's ``atomic``, ``_reading`` and ``_stored``, the
    public view's ``_select`` and the history's ``_record``."""

    def add_participant(
        self,
        name,
        org,
        role="",
        language="en",
        consent=False,
        attended=True,
        id=None,
        actor=None,
        names=None,
        short_name="",
    ):
        """Register a participant. Returns (participant, warnings); limits give warnings, not errors.

        ``names`` is {language: spelling} ("en", "th"), ``short_name`` the form they go by; ``name``
        (what lists show) may be left empty, it is then the spelling in their ``language``.
        """
        data = rules.validate_participant(
            self.meeting,
            dict(
                name=name,
                org=org,
                role=role,
                language=language,
                consent=consent,
                attended=attended,
                names=names,
                short_name=short_name,
            ),
        )
        pid = id or new_id()
        with self.atomic() as conn:
            existing = self._stored(conn, "participants", pid)
            if existing is not None:
                return existing, []
            warnings = rules.participant_warnings(self.meeting, self.participants(), data["org"])
            stamp = self.now()
            row = {**data, "id": pid, "created_at": stamp, "updated_at": stamp, "deleted_at": None}
            conn.execute(sa.insert(TABLES["participants"]).values(**encode(row)))
            self._record(conn, "participant", pid, "create", None, row, actor)
        return row, warnings

    def update_participant(self, participant_id, actor=None, **changes):
        with self.atomic() as conn:
            before = self._stored(conn, "participants", participant_id)
            if before is None:
                raise not_found("store.no_participant", value=repr(participant_id))
            unknown = set(changes) - set(FIELDS)
            if unknown:
                raise ValidationError(f"Participants have no field {sorted(unknown)[0]!r}.")
            fields = {**{k: before[k] for k in FIELDS}, **changes}
            if "names" in changes and "name" not in changes:
                fields["name"] = ""  # the shown name follows the corrected spellings
            elif "name" in changes and "names" not in changes:
                # A corrected name replaces the spelling it was, not adds a third one.
                fields["names"] = {k: v for k, v in (before["names"] or {}).items() if v != before["name"]}
            data = rules.validate_participant(self.meeting, fields)
            after = {**before, **data, "updated_at": self.now()}
            t = TABLES["participants"]
            conn.execute(
                sa.update(t).where(t.c.id == participant_id).values(**encode(data), updated_at=after["updated_at"])
            )
            self._record(conn, "participant", participant_id, "update", before, after, actor)
        return after

    def remove_participant(self, participant_id, actor=None):
        with self.atomic() as conn:
            before = self._stored(conn, "participants", participant_id)
            if before is None:
                raise not_found("store.no_participant", value=repr(participant_id))
            t = TABLES["participants"]
            stamp = self.now()
            conn.execute(sa.update(t).where(t.c.id == participant_id).values(deleted_at=stamp, updated_at=stamp))
            self._record(conn, "participant", participant_id, "delete", before, {**before, "deleted_at": stamp}, actor)

    def participants(self, org=None, include_removed=False):
        """Registered participants (not removed, unless asked), in registration order.

        A public store returns no names at all: dashboards show counts, never people.
        """
        t = TABLES["participants"]
        query = sa.select(t).order_by(t.c.created_at, t.c.id)
        if not include_removed:
            query = query.where(t.c.deleted_at.is_(None))
        if org is not None:
            query = query.where(t.c.org == org)
        with self._reading() as conn:
            return self._select(conn, "participants", query)
