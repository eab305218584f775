"""The store: :class:`Store`, the one object through which the workbook reads and writes a meeting.

One :class:`Store` owns one database. Chairs' notebooks, the command line, the exports and the
organisers' review write and read through it; dashboards read through a read-only, public one::

    store = Store("data/roundtable.db")                       # a chair
    store = Store("data/roundtable.db", readonly=True, public=True)   # a dashboard

Methods take and return plain dicts. Every write goes through :meth:`Store.atomic`, is
validated by :mod:`roundtable_lib.meeting.rules` first, and is recorded in the append-only
``history`` table (who, when, before, after); the largest history id is the store's change token.

Besides the store, three modules of this package touch a database directly, each for a reason
of its own: :mod:`~roundtable_lib.store.file_check` looks at a file (read-only) before the store
may open it for writing, :mod:`~roundtable_lib.store.backup` copies it with SQLite's online
backup API, and :mod:`~roundtable_lib.store.transfer` copies every table row for row between
SQLite and PostgreSQL (``roundtable migrate-db``). Nothing outside this package does.

How the store is built
----------------------

``Store`` is a facade composed of one class per concern, each in its own module:

========================  ============================================================
:mod:`.engine`            where the database is, connection set-up, transactions, migrations
:mod:`.public`            the privacy policy, and the one boundary every reader's rows pass
:mod:`.history`           the history of changes, undo, the change token
:mod:`.state`             the meeting definition and meeting-wide state (session, timer)
:mod:`.items`             captured items: add, correct, delete, restore
:mod:`.participants`      registration
:mod:`.polls`             polls, ballots, results
:mod:`.capacity`          the capacity assessment
:mod:`.endorsements`      each organisation's decision on the joint recommendations
========================  ============================================================

They are mixins rather than collaborator objects (sqlite-utils' ``Database`` hands out
``Table`` objects) because callers know one object with flat, verb-named methods
(``store.add_item``, ``store.poll_results``) and must keep it: collaborators would need a
forwarding method on the facade for each of some forty methods, each repeating a signature
that could drift from the real one. The concerns also call one another within one
transaction (a ballot checks the participant, restoring an item clears the merge record,
the overview counts everything), which on one object is a plain method call. Each part's
docstring names what it needs from the others; the underscore methods are the store's own
internals, shared by its parts and used by nothing outside this package.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.exceptions`, the store's own
modules, SQLAlchemy and the standard library.
"""

import collections
import contextlib
import threading

import sqlalchemy as sa

from roundtable_lib.store import file_check
from roundtable_lib.store.capacity import Capacity
from roundtable_lib.store.endorsements import Endorsements
from roundtable_lib.store.engine import BUSY_TIMEOUT_SECONDS, Engine, db_target, default_db_path
from roundtable_lib.store.history import History
from roundtable_lib.store.items import Items
from roundtable_lib.store.participants import Participants
from roundtable_lib.store.polls import Polls
from roundtable_lib.store.public import PublicView
from roundtable_lib.store.state import SharedState
from roundtable_lib.store.tables import TABLES, new_id, stamp, utc_now

__all__ = ["Store", "db_target", "default_db_path", "new_id"]


class Store(Engine, PublicView, History, SharedState, Items, Participants, Polls, Capacity, Endorsements):
    """A roundtable database. ``target`` is a file path or a SQLAlchemy URL (``sqlite:///...``,
    ``postgresql+psycopg://user@host/database``).

    ``readonly`` stores refuse every write with :class:`ReadOnlyStore` (and open SQLite with
    ``mode=ro``, so the database itself refuses too). ``public`` stores apply the meeting's
    :class:`~roundtable_lib.meeting.privacy.Policy` (the same one as public exports) to everything they
    return: no sensitive or deleted items, withheld names replaced, withheld poll options left
    out, no unrevealed results. Dashboards use ``readonly=True, public=True``.

    ``clock`` gives the time every write is stamped with (an aware datetime; the real time by
    default, as a real meeting needs). A demonstration sets it, through :meth:`clock_set`, to
    the meeting day, so that its records read as captured in the room and not on the day the
    demo was made.
    """

    def __init__(
        self,
        target=None,
        readonly=False,
        public=False,
        actor="workbook",
        busy_timeout=BUSY_TIMEOUT_SECONDS,
        clock=None,
    ):
        self.clock = clock or utc_now
        self.busy_timeout = busy_timeout
        self.readonly = readonly
        self.public = public
        self.actor = actor
        self._local = threading.local()
        self._meeting = None
        self._policy = (None, None)  # (change token, Policy) as last built
        target = default_db_path() if target is None else target
        self.url, self.path = self._resolve(target)
        if self.path is not None:  # look before touching: never change a file that is not ours
            file_check.check(self.path, create=not readonly)
        self.postgres = self.url.get_backend_name() == "postgresql"
        # What reopens this database (`target`, for other processes) and how to name it to people.
        self.target = self.path if self.path else self.url.render_as_string(hide_password=False)
        self.label = str(self.path) if self.path else self.url.render_as_string(hide_password=True)
        self.engine = self._make_engine()
        self._migrate()

    def now(self):
        """The time a write is stamped with: the store's clock, as stored text (UTC, ISO 8601).
        Every part of the store stamps its writes here, so one clock decides them all."""
        return stamp(self.clock())

    @contextlib.contextmanager
    def clock_set(self, clock):
        """Stamp the writes made inside the ``with`` block with ``clock()`` (a callable returning
        an aware datetime) instead of this store's clock; the clock before is back afterwards."""
        before, self.clock = self.clock, clock
        try:
            yield self
        finally:
            self.clock = before

    def __repr__(self):
        mode = "read-only" if self.readonly else "read-write"
        return f"<Store {self.label} ({mode}{', public' if self.public else ''})>"

    def status(self):
        """Counts of what the database holds, for `roundtable status` and dashboards (a public
        store counts what it shows)."""
        t = TABLES["items"]
        # Only the columns counted and the ones the public view decides on: no texts to decode.
        query = sa.select(t.c.id, t.c.session, t.c.kind, t.c.sensitive, t.c.deleted_at).where(t.c.deleted_at.is_(None))
        with self._reading() as conn:
            counts = collections.Counter((i["session"], i["kind"]) for i in self._select(conn, "items", query))
        return {
            "path": self.label,
            "meeting": self.meeting.id,
            "items": dict(counts),
            "participants": len(self.participants()),
            "polls": len(self.polls()),
            "current_session": self.current_session(),
            "change_token": self.change_token(),
            "migrations": self.applied_migrations(),
        }
