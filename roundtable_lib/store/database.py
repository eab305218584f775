"""The store: the only code that touches the database.

One :class:`Store` owns one database. Chairs' notebooks, the command line and the organisers'
review write through it; dashboards read through a read-only, public one::

    store = Store("data/roundtable.db")                       # a chair
    store = Store("data/roundtable.db", readonly=True, public=True)   # a dashboard

Methods take and return plain dicts. Every write goes through :meth:`Store.atomic`, is
validated by :mod:`roundtable_lib.meeting.rules` first, and is recorded in the append-only ``history``
table (who, when, before, after); the largest history id is the store's change token.

SQLite is the embedded default. Several chair kernels (separate processes) write at once while
many dashboard kernels read, so the file runs in WAL mode (readers never block the writer),
``synchronous=FULL`` (a committed capture survives power loss, not only a crash), with a busy
timeout, and every write transaction starts with ``BEGIN IMMEDIATE``: a deferred transaction
that reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT under concurrency whatever
the timeout (https://sqlite.org/lang_transaction.html, https://sqlite.org/wal.html).
Everything else is SQLAlchemy Core: given a ``postgresql+psycopg://`` URL, the same queries run
on PostgreSQL, with the connection set-up, write lock and dashboards' role of
:mod:`roundtable_lib.store.postgres`.
"""

import contextlib
import datetime as _dt
import json
import os
import threading
import uuid
from pathlib import Path

import sqlalchemy as sa

from roundtable_lib.exceptions import NotFound, ReadOnlyStore, StoreError, ValidationError
from roundtable_lib.meeting import privacy, rules
from roundtable_lib.meeting.definition import Meeting
from roundtable_lib.store import file_check, migrations, postgres

DEFAULT_DB = Path("data") / "roundtable.db"
BUSY_TIMEOUT_SECONDS = 30

_ITEM_COLUMNS = (
    "id session kind org orgs text_en text_th attrs sensitive created_at created_by updated_at updated_by deleted_at"
).split()
_T = {
    name: sa.table(name, *(sa.column(c) for c in cols.split()))
    for name, cols in {
        "meeting": "id definition loaded_at",
        "items": " ".join(_ITEM_COLUMNS),
        "history": "id at actor entity entity_id action before after undoes",
        "state": "key value updated_at",
        "migrations": "name applied_at",
        "participants": "id name org role language consent attended created_at updated_at deleted_at",
        "polls": "id session title_en title_th method weighting budget per_option_limit status revealed "
        "created_at closed_at",
        "poll_options": "id poll_id label_en label_th item_id position",
        "ballots": "id poll_id voter_kind voter participant_id org is_tally allocations created_at updated_at",
        "capacity_assessments": "id scores illustrative source size sha256 loaded_at loaded_by is_current",
    }.items()
}
_JSON_FIELDS = {"orgs": list, "attrs": dict, "allocations": dict}
_BOOL_FIELDS = {"sensitive", "consent", "attended", "revealed", "is_tally"}


def now():
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="microseconds")


def new_id():
    """A client-generated id: forms make one per entry, so a retried submit is recognised."""
    return uuid.uuid4().hex


def default_db_path():
    """``$ROUNDTABLE_DB``, else ``data/roundtable.db`` of the project checkout, else of the working
    directory. Notebooks run with their own folder as working directory, so a relative default
    alone would point each of them somewhere else. A database URL is returned as it is."""
    if os.environ.get("ROUNDTABLE_DB"):
        return db_target(os.environ["ROUNDTABLE_DB"])
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "data" / "meeting.yaml").exists():
        return checkout / DEFAULT_DB
    return DEFAULT_DB


def db_target(text):
    """A file path, or a database URL kept as text (``Path`` would fold its ``//``)."""
    return str(text) if "://" in str(text) else Path(text)


def _row(mapping):
    row = dict(mapping)
    for key, kind in _JSON_FIELDS.items():
        if key in row and isinstance(row[key], str):
            row[key] = json.loads(row[key]) if row[key] else kind()
    for key in _BOOL_FIELDS & row.keys():
        row[key] = bool(row[key])
    return row


def _content(item):
    """What a person sees of an item: every field but the bookkeeping stamps."""
    return {
        k: (bool(v) if k == "deleted_at" else v)
        for k, v in item.items()
        if k not in ("updated_at", "updated_by", "created_at", "created_by")
    }


def _dump(row):
    return json.dumps(row, ensure_ascii=False, sort_keys=True) if row is not None else None


def _db_values(values):
    out = dict(values)
    for key in _JSON_FIELDS.keys() & out.keys():
        out[key] = json.dumps(out[key], ensure_ascii=False, sort_keys=True)
    for key in _BOOL_FIELDS & out.keys():
        out[key] = int(bool(out[key]))
    return out


def _assessment_summary(row):
    """What the history keeps of a stored capacity assessment: which file, not its scores."""
    if row is None:
        return None
    keys = ("id", "source", "size", "sha256", "loaded_at", "loaded_by", "illustrative")
    out = {k: row[k] for k in keys}
    out["illustrative"] = bool(out["illustrative"])
    out["scores"] = len(json.loads(row["scores"]))
    return out


class Store:
    """A roundtable database. ``target`` is a file path or a SQLAlchemy URL (``sqlite:///...``,
    ``postgresql+psycopg://user@host/database``).

    ``readonly`` stores refuse every write with :class:`ReadOnlyStore` (and open SQLite with
    ``mode=ro``, so the database itself refuses too). ``public`` stores apply the meeting's
    :class:`~roundtable_lib.meeting.privacy.Policy` (the same one as public exports) to everything they
    return: no sensitive or deleted items, withheld names replaced, withheld poll options left
    out, no unrevealed results. Dashboards use ``readonly=True, public=True``.
    """

    def __init__(self, target=None, readonly=False, public=False, actor="workbook", busy_timeout=BUSY_TIMEOUT_SECONDS):
        self.busy_timeout = busy_timeout
        self.readonly = readonly
        self.public = public
        self.actor = actor
        self._local = threading.local()
        self._meeting = None
        self._policy = (None, None)  # (change token, Policy) of a public store
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

    # ----------------------------------------------------------------- connection set-up

    def _resolve(self, target):
        text = str(target)
        if postgres.is_postgres_url(text):
            return postgres.url_for(text), None
        if "://" in text:
            url = sa.engine.make_url(text)
            if url.get_backend_name() != "sqlite":
                raise StoreError(
                    f"{url.get_backend_name()} databases are not supported; use a SQLite file path or a "
                    "postgresql+psycopg:// address."
                )
            path = Path(url.database) if url.database else None
        else:
            path = Path(text)
        if path is None or str(path) in ("", ":memory:"):
            raise StoreError("The store needs a database file (an in-memory database cannot be shared).")
        path = path.expanduser().resolve()
        if self.readonly:
            if not path.exists():
                raise StoreError(f"No database at {path}: run `roundtable init` (or `roundtable demo`) first.")
            url = sa.engine.URL.create("sqlite", database=f"file:{path}?mode=ro", query={"uri": "true"})
        else:
            if not path.parent.exists():
                raise StoreError(f"Cannot create {path}: the folder {path.parent} does not exist.")
            url = sa.engine.URL.create("sqlite", database=str(path))
        return url, path

    def _make_engine(self):
        if self.postgres:
            engine = postgres.make_engine(self.url, self.readonly, self.public, self.busy_timeout)

            @sa.event.listens_for(engine, "begin")
            def _on_pg_begin(conn):
                if conn.get_execution_options().get("roundtable_write", False):
                    postgres.begin_write(conn)

            return engine
        engine = sa.create_engine(self.url, connect_args={"timeout": self.busy_timeout})
        busy_ms = int(self.busy_timeout * 1000)
        readonly = self.readonly

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            # Take transaction control away from the sqlite3 module, so that BEGIN below is ours.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = FULL")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn):
            immediate = conn.get_execution_options().get("roundtable_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine

    def close(self):
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        mode = "read-only" if self.readonly else "read-write"
        return f"<Store {self.label} ({mode}{', public' if self.public else ''})>"

    @contextlib.contextmanager
    def atomic(self):
        """Group writes into one ``BEGIN IMMEDIATE`` transaction: all of them land, or none.

        Nested calls join the outer transaction.
        """
        if self.readonly:
            raise ReadOnlyStore("This is a read-only view of the meeting (a dashboard): it cannot change anything.")
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        try:
            with self.engine.connect() as conn:
                conn.execution_options(roundtable_write=True)
                with conn.begin():
                    self._local.conn = conn
                    try:
                        yield conn
                    finally:
                        self._local.conn = None
        except sa.exc.OperationalError as exc:
            # Locked past the busy timeout, disk full, file gone: nothing was written, and the
            # chair's text is still in the form. Say so, in words a chair can act on.
            raise StoreError(
                f"Could not save to {self.path.name if self.path else self.label} ({exc.orig}). Nothing was "
                "written; what you typed is "
                "still there: try again in a moment, or ask the organiser to check the laptop."
            ) from exc

    @contextlib.contextmanager
    def _reading(self):
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        with self.engine.connect() as conn:
            yield conn

    def _migrate(self):
        try:
            with self._reading() as conn:
                if self.postgres:
                    tables = postgres.relation_names(conn, self.public)
                else:
                    tables = set(sa.inspect(conn).get_table_names())
                applied = (
                    [r[0] for r in conn.execute(sa.text("SELECT name FROM migrations ORDER BY name"))]
                    if "migrations" in tables
                    else []
                )
                views_missing = self.postgres and not self.readonly and postgres.public_views_missing(conn)
        except sa.exc.OperationalError as exc:
            if self.postgres:
                raise postgres.connection_problem(self.label, exc) from None
            raise StoreError(f"{self.path} is not a roundtable database ({exc.orig}).") from None
        except sa.exc.DatabaseError as exc:
            raise StoreError(f"{self.label} is not a roundtable database ({exc.orig}).") from None
        if tables and "migrations" not in tables:
            raise StoreError(f"{self.label} is not a roundtable database (it has other tables).")
        known = migrations.names()
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise StoreError(
                f"{self.label} was written by a newer version of the workbook (migration {unknown[0]}); "
                "upgrade the workbook to open it."
            )
        pending = [fn for fn in migrations.MIGRATIONS if fn.__name__ not in applied]
        if not pending and not views_missing:
            return
        if self.readonly:
            raise StoreError(
                f"{self.label} needs upgrading before it can be read: run `roundtable status --db {self.label}` once."
            )
        with self.atomic() as conn:
            conn.execute(
                sa.text("CREATE TABLE IF NOT EXISTS migrations (name VARCHAR(200) PRIMARY KEY, applied_at VARCHAR(40))")
            )
            # Re-read inside the write lock: another process may have migrated meanwhile.
            applied = {r[0] for r in conn.execute(sa.text("SELECT name FROM migrations"))}
            for fn in migrations.MIGRATIONS:
                if fn.__name__ not in applied:
                    fn(conn)
                    conn.execute(sa.insert(_T["migrations"]).values(name=fn.__name__, applied_at=now()))
            if self.postgres:
                postgres.refresh_public_views(conn)  # new tables get their dashboards' view

    def applied_migrations(self):
        with self._reading() as conn:
            return [r[0] for r in conn.execute(sa.text("SELECT name FROM migrations ORDER BY name"))]

    # ----------------------------------------------------------------- history and changes

    def _record(self, conn, entity, entity_id, action, before, after, actor=None, undoes=None):
        conn.execute(
            sa.insert(_T["history"]).values(
                at=now(),
                actor=actor or self.actor,
                entity=entity,
                entity_id=entity_id,
                action=action,
                before=_dump(before),
                after=_dump(after),
                undoes=undoes,
            )
        )

    def change_token(self):
        """A number that grows with every write: compare it to the last one to know if anything changed.

        One indexed read of the largest history id, a few microseconds.
        """
        with self._reading() as conn:
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

    def changes_since(self, token):
        """History entries after ``token``: (id, entity, entity_id, action) dicts, oldest first."""
        h = _T["history"]
        query = sa.select(h.c.id, h.c.entity, h.c.entity_id, h.c.action).where(h.c.id > token).order_by(h.c.id)
        with self._reading() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def history(self, entity_id=None, entity=None, limit=None, actor=None):
        """History entries, newest first, with ``before`` and ``after`` as dicts."""
        h = _T["history"]
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
            rows = [dict(r._mapping) for r in conn.execute(query)]
        for row in rows:
            for key in ("before", "after"):
                row[key] = json.loads(row[key]) if row[key] else None
        if self.public:
            policy = self.privacy()
            rows = [
                {**r, "before": _public_entry(policy, r["before"]), "after": _public_entry(policy, r["after"])}
                for r in rows
                if r["entity"] not in ("participant", "ballot")  # names, and who voted for what
                and not ((r["before"] or {}).get("sensitive") or (r["after"] or {}).get("sensitive"))
            ]
        return rows

    def privacy(self):
        """The meeting's privacy :class:`~roundtable_lib.meeting.privacy.Policy` as it now is: public for a
        public store, internal otherwise. Rebuilt only when something changed."""
        token = self.change_token()
        if self._policy[0] != token:
            t = _T["participants"]
            with self._reading() as conn:
                people = [_row(r) for r in conn.execute(sa.select(t).order_by(t.c.created_at, t.c.id)).mappings()]
            merged = self.get_state(privacy.MERGED_STATE, {}) or {}
            policy = privacy.Policy(people, merged, internal=not self.public)
            # Most writes are captures, which change nothing the policy decides on: keep the
            # policy (and its cache of redacted texts) a dashboard already has.
            if policy.same_as(self._policy[1]):
                policy = self._policy[1]
            self._policy = (token, policy)
        return self._policy[1]

    # ----------------------------------------------------------------- the meeting

    def init(self, meeting, actor=None):
        """Load a meeting definition. Idempotent; never removes captured data.

        Loading an edited definition of the same meeting (a new question, a changed duration)
        replaces it. A different meeting is refused: one database holds one meeting.
        """
        if not isinstance(meeting, Meeting):
            raise TypeError("init() takes a Meeting (see roundtable_lib.load_meeting)")
        definition = meeting.to_json()
        with self.atomic() as conn:
            rows = conn.execute(sa.select(_T["meeting"])).mappings().all()
            if rows and rows[0]["id"] != meeting.id:
                raise StoreError(
                    f"{self.label} holds the meeting {rows[0]['id']!r}, not {meeting.id!r}: "
                    "use another database file for another meeting."
                )
            if rows and rows[0]["definition"] == definition:
                return False
            if rows:
                conn.execute(
                    sa.update(_T["meeting"])
                    .values(definition=definition, loaded_at=now())
                    .where(_T["meeting"].c.id == meeting.id)
                )
            else:
                conn.execute(sa.insert(_T["meeting"]).values(id=meeting.id, definition=definition, loaded_at=now()))
            self._record(conn, "meeting", meeting.id, "update" if rows else "create", None, {"id": meeting.id}, actor)
        self._meeting = meeting
        return True

    @property
    def meeting(self):
        """The :class:`~roundtable_lib.meeting.definition.Meeting` this database holds."""
        if self._meeting is None:
            with self._reading() as conn:
                definition = conn.execute(sa.select(_T["meeting"].c.definition)).scalar()
            if definition is None:
                raise StoreError(f"{self.label} has no meeting yet: run `roundtable init --db {self.label}` first.")
            self._meeting = Meeting.from_json(definition)
        return self._meeting

    # ----------------------------------------------------------------- items

    def _get(self, conn, table, row_id):
        t = _T[table]
        row = conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().first()
        return _row(row) if row is not None else None

    def get_item(self, item_id):
        with self._reading() as conn:
            item = self._get(conn, "items", item_id)
        if item is None or self.public and (item["sensitive"] or item["deleted_at"]):
            raise NotFound(f"No item {item_id!r}.")
        return self.privacy().item(item) if self.public else item

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
            existing = self._get(conn, "items", item_id)
            if existing is not None:
                return existing
            stamp = now()
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
            conn.execute(sa.insert(_T["items"]).values(**_db_values(row)))
            self._record(conn, "item", item_id, "create", None, row, actor)
        return row

    def update_item(self, item_id, actor=None, **changes):
        """Correct an item: any of text_en, text_th, org, orgs, attrs, sensitive, kind, session."""
        allowed = {"session", "kind", "org", "orgs", "text_en", "text_th", "attrs", "sensitive"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValidationError(f"Items have no field {sorted(unknown)[0]!r}.", sorted(unknown)[0])
        with self.atomic() as conn:
            before = self._get(conn, "items", item_id)
            if before is None:
                raise NotFound(f"No item {item_id!r}.")
            data = rules.validate_item(self.meeting, {**{k: before[k] for k in allowed}, **changes})
            if all(before[k] == v for k, v in data.items()):
                return before
            actor = actor or self.actor
            after = {**before, **data, "updated_at": now(), "updated_by": actor}
            self._write_item(conn, after)
            self._record(conn, "item", item_id, "update", before, after, actor)
        return after

    def _write_item(self, conn, row):
        t = _T["items"]
        values = _db_values({k: v for k, v in row.items() if k != "id"})
        conn.execute(sa.update(t).where(t.c.id == row["id"]).values(**values))

    def delete_item(self, item_id, actor=None):
        """Soft delete: the item disappears from lists and dashboards and can be restored."""
        return self._set_deleted(item_id, True, actor)

    def restore_item(self, item_id, actor=None):
        return self._set_deleted(item_id, False, actor)

    def _set_deleted(self, item_id, deleted, actor):
        with self.atomic() as conn:
            before = self._get(conn, "items", item_id)
            if before is None:
                raise NotFound(f"No item {item_id!r}.")
            if bool(before["deleted_at"]) == deleted:
                return before
            actor = actor or self.actor
            stamp = now()
            after = {**before, "deleted_at": stamp if deleted else None, "updated_at": stamp, "updated_by": actor}
            self._write_item(conn, after)
            self._record(conn, "item", item_id, "delete" if deleted else "restore", before, after, actor)
        return after

    def items(self, session=None, kind=None, org=None, include_deleted=False, include_sensitive=True):
        """Captured items, oldest first. Filters take one value or a list of values."""
        t = _T["items"]
        query = sa.select(t).order_by(t.c.created_at, t.c.id)
        for column, value in (("session", session), ("kind", kind), ("org", org)):
            if value is None:
                continue
            values = [value] if isinstance(value, str) else list(value)
            query = query.where(t.c[column].in_(values))
        if not include_deleted or self.public:
            query = query.where(t.c.deleted_at.is_(None))
        if not include_sensitive or self.public:
            query = query.where(t.c.sensitive == 0)
        with self._reading() as conn:
            rows = [_row(r) for r in conn.execute(query).mappings()]
        return self.privacy().items(rows) if self.public else rows

    def undo(self, actor=None, session=None, entry_id=None):
        """Undo the latest change to an item made by ``actor`` (in ``session``), or history entry ``entry_id``.

        Undoing a capture deletes it, undoing a correction restores the text before it,
        undoing a delete restores the item. Each undo is itself recorded, and repeated undos
        walk further back. Returns the item as it now is.
        """
        actor = actor or self.actor
        with self.atomic() as conn:
            h = _T["history"]
            undone = sa.select(h.c.undoes).where(h.c.undoes.is_not(None))
            query = (
                sa.select(h)
                .where(h.c.entity == "item", h.c.undoes.is_(None), h.c.id.not_in(undone))
                .order_by(h.c.id.desc())
            )
            if entry_id is not None:
                query = query.where(h.c.id == entry_id)
            else:
                query = query.where(h.c.actor == actor)
            for entry in conn.execute(query).mappings():
                entry = dict(entry)
                before = json.loads(entry["before"]) if entry["before"] else None
                after = json.loads(entry["after"]) if entry["after"] else None
                if session is not None and (after or before)["session"] != session:
                    continue
                break
            else:
                raise NotFound("Nothing to undo.")
            current = self._get(conn, "items", entry["entity_id"])
            if current is None:
                raise NotFound(f"No item {entry['entity_id']!r}.")
            if _content(current) != _content(after):
                raise ValidationError(
                    "This item was changed again since; undo or correct the later change first.", "undo"
                )
            stamp = now()
            if before is None:  # undo a capture: soft-delete it
                restored = {**current, "deleted_at": stamp}
            else:
                restored = {**before}
            restored.update(updated_at=stamp, updated_by=actor)
            self._write_item(conn, restored)
            self._record(conn, "item", current["id"], "undo", current, restored, actor, undoes=entry["id"])
        return restored

    # ----------------------------------------------------------------- shared state

    def set_state(self, key, value, actor=None):
        """Set a piece of meeting-wide state (current session, timer, ...), recorded in history."""
        with self.atomic() as conn:
            t = _T["state"]
            old = conn.execute(sa.select(t.c.value).where(t.c.key == key)).scalar()
            old_value = json.loads(old) if old is not None else None
            if old_value == value:
                return value
            encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
            if old is None:
                conn.execute(sa.insert(t).values(key=key, value=encoded, updated_at=now()))
            else:
                conn.execute(sa.update(t).where(t.c.key == key).values(value=encoded, updated_at=now()))
            self._record(conn, "state", key, "update", {"value": old_value}, {"value": value}, actor)
        return value

    def get_state(self, key, default=None):
        t = _T["state"]
        with self._reading() as conn:
            value = conn.execute(sa.select(t.c.value).where(t.c.key == key)).scalar()
        return json.loads(value) if value is not None else default

    def set_current_session(self, session_id, actor=None):
        """Say "we are now in this session": dashboards follow it."""
        try:
            self.meeting.session(session_id)
        except KeyError:
            known = ", ".join(a.id for a in self.meeting.agenda)
            raise ValidationError(f"Unknown session {session_id!r}; sessions are {known}.", "session") from None
        return self.set_state("current_session", session_id, actor)

    def current_session(self):
        """The session the room is in (the first agenda item until a chair says otherwise)."""
        return self.get_state("current_session") or self.meeting.agenda[0].id

    # ----------------------------------------------------------------- issue 8: the capacity assessment

    def save_capacity_assessment(self, data, actor=None, replaces=...):
        """Store ``data`` (a checked :class:`~roundtable_lib.chair.capacity.CapacityData`) as the one
        capacity assessment every screen shows, keeping the earlier ones. Returns it as stored.

        ``replaces`` is the id of the assessment the chair saw when confirming (None: none was
        stored); if another chair stored one meanwhile the save is refused, so nobody replaces
        what they have not seen. Storing the assessment already shown writes nothing.
        """
        from roundtable_lib.meeting.assessment import CapacityData, check_rows

        if not isinstance(data, CapacityData):
            raise TypeError("save_capacity_assessment() takes a CapacityData (see roundtable_lib.chair.capacity)")
        source = data.source or "capacity file"
        rows, problems = check_rows(data.rows, self.meeting, source)
        if problems or not rows:
            raise ValidationError("\n".join(problems[:10]) or f"{source} holds no scores.", "file")
        actor = actor or self.actor
        try:
            self._save_assessment(data, rows, source, actor, replaces)
        except sa.exc.IntegrityError:
            # Two chairs confirmed at the same moment and the database kept the first (the unique
            # index on the current assessment; SQLite's BEGIN IMMEDIATE never gets this far).
            raise ValidationError(
                "Another chair stored a capacity assessment at the same moment; nothing was stored. "
                "Look at it, then load your file again if it should replace it.",
                "file",
            ) from None
        return self.capacity_assessment()

    def _save_assessment(self, data, rows, source, actor, replaces):
        t = _T["capacity_assessments"]
        with self.atomic() as conn:
            before = self._current_assessment(conn)
            before_id = before["id"] if before else None
            if replaces is not ... and replaces != before_id:
                now_shown = f"{before['source']}, loaded by {before['loaded_by']}" if before else "none"
                raise ValidationError(
                    f"The capacity assessment changed meanwhile (now: {now_shown}); nothing was stored. "
                    "Look at it, then load your file again if it should replace it.",
                    "file",
                )
            if before and json.loads(before["scores"]) == rows and before["source"] == source:
                return
            row = {
                "id": new_id(),
                "scores": json.dumps(rows, ensure_ascii=False),
                "illustrative": int(bool(data.illustrative)),
                "source": source,
                "size": int(data.size or 0),
                "sha256": data.sha256 or "",
                "loaded_at": now(),
                "loaded_by": actor,
                "is_current": 1,
            }
            if before:
                conn.execute(sa.update(t).where(t.c.id == before_id).values(is_current=0))
            conn.execute(sa.insert(t).values(**row))
            self._record(
                conn, "capacity", "assessment", "load", _assessment_summary(before), _assessment_summary(row), actor
            )

    def capacity_assessment(self):
        """The capacity assessment every screen shows (a ``CapacityData``), or None if none is stored."""
        from roundtable_lib.meeting.assessment import CapacityData

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
        t = _T["capacity_assessments"]
        with self._reading() as conn:
            rows = conn.execute(sa.select(t).order_by(t.c.loaded_at.desc(), t.c.id)).mappings().all()
        return [{**_assessment_summary(r), "current": bool(r["is_current"])} for r in rows]

    def undo_capacity_assessment(self, actor=None):
        """Go back to the assessment shown before the latest load (or its undo); repeated undos
        walk further back. Returns what is shown now (None: no assessment). Refused with a
        message when there is nothing to undo or the assessment changed in another way since."""
        t, h = _T["capacity_assessments"], _T["history"]
        with self.atomic() as conn:
            undone = sa.select(h.c.undoes).where(h.c.undoes.is_not(None))
            entry = (
                conn.execute(
                    sa.select(h)
                    .where(h.c.entity == "capacity", h.c.undoes.is_(None), h.c.id.not_in(undone))
                    .order_by(h.c.id.desc())
                    .limit(1)
                )
                .mappings()
                .first()
            )
            if entry is None:
                raise NotFound("No capacity-assessment load to undo.")
            before = json.loads(entry["before"]) if entry["before"] else None
            after = json.loads(entry["after"]) if entry["after"] else None
            current = self._current_assessment(conn)
            if (current["id"] if current else None) != (after or {}).get("id"):
                raise ValidationError(
                    "The capacity assessment was changed again since that load; nothing was undone.", "undo"
                )
            conn.execute(sa.update(t).where(t.c.is_current == 1).values(is_current=0))
            if before:
                conn.execute(sa.update(t).where(t.c.id == before["id"]).values(is_current=1))
            self._record(conn, "capacity", "assessment", "undo", after, before, actor, undoes=entry["id"])
        return self.capacity_assessment()

    def _current_assessment(self, conn):
        t = _T["capacity_assessments"]
        row = conn.execute(sa.select(t).where(t.c.is_current == 1)).mappings().first()
        return dict(row) if row is not None else None

    # ----------------------------------------------------------------- participants

    def add_participant(self, name, org, role="", language="en", consent=False, attended=True, id=None, actor=None):
        """Register a participant. Returns (participant, warnings); limits give warnings, not errors."""
        data = rules.validate_participant(
            self.meeting, dict(name=name, org=org, role=role, language=language, consent=consent, attended=attended)
        )
        pid = id or new_id()
        with self.atomic() as conn:
            existing = self._get(conn, "participants", pid)
            if existing is not None:
                return existing, []
            warnings = rules.participant_warnings(self.meeting, self.participants(), data["org"])
            stamp = now()
            row = {**data, "id": pid, "created_at": stamp, "updated_at": stamp, "deleted_at": None}
            conn.execute(sa.insert(_T["participants"]).values(**_db_values(row)))
            self._record(conn, "participant", pid, "create", None, row, actor)
        return row, warnings

    def update_participant(self, participant_id, actor=None, **changes):
        with self.atomic() as conn:
            before = self._get(conn, "participants", participant_id)
            if before is None:
                raise NotFound(f"No participant {participant_id!r}.")
            fields = ("name", "org", "role", "language", "consent", "attended")
            unknown = set(changes) - set(fields)
            if unknown:
                raise ValidationError(f"Participants have no field {sorted(unknown)[0]!r}.")
            data = rules.validate_participant(self.meeting, {**{k: before[k] for k in fields}, **changes})
            after = {**before, **data, "updated_at": now()}
            t = _T["participants"]
            conn.execute(
                sa.update(t).where(t.c.id == participant_id).values(**_db_values(data), updated_at=after["updated_at"])
            )
            self._record(conn, "participant", participant_id, "update", before, after, actor)
        return after

    def remove_participant(self, participant_id, actor=None):
        with self.atomic() as conn:
            before = self._get(conn, "participants", participant_id)
            if before is None:
                raise NotFound(f"No participant {participant_id!r}.")
            t = _T["participants"]
            stamp = now()
            conn.execute(sa.update(t).where(t.c.id == participant_id).values(deleted_at=stamp, updated_at=stamp))
            self._record(conn, "participant", participant_id, "delete", before, {**before, "deleted_at": stamp}, actor)

    def participants(self, org=None, include_removed=False):
        """Registered participants (not removed, unless asked), in registration order.

        A public store returns no names at all: dashboards show counts, never people.
        """
        t = _T["participants"]
        query = sa.select(t).order_by(t.c.created_at, t.c.id)
        if not include_removed:
            query = query.where(t.c.deleted_at.is_(None))
        if org is not None:
            query = query.where(t.c.org == org)
        with self._reading() as conn:
            rows = [_row(r) for r in conn.execute(query).mappings()]
        if self.public:
            rows = [{**r, "name": ""} for r in rows]
        return rows

    # ----------------------------------------------------------------- polls

    def create_poll(
        self,
        session,
        title_en="",
        title_th="",
        method="dots",
        options=(),
        budget=None,
        per_option_limit=None,
        weighting="person",
        id=None,
        actor=None,
    ):
        """Open a poll. ``options`` are item ids (captured recommendations, needs) or
        dicts with label_en/label_th for free options. Results stay hidden until revealed."""
        data = rules.validate_poll(
            self.meeting,
            dict(
                session=session,
                title_en=title_en,
                title_th=title_th,
                method=method,
                budget=budget,
                per_option_limit=per_option_limit,
                weighting=weighting,
            ),
        )
        options = list(options)
        if len(options) < 2:
            raise ValidationError("A poll needs at least two options.", "options")
        poll_id = id or new_id()
        with self.atomic() as conn:
            existing = self._get(conn, "polls", poll_id)
            if existing is not None:
                return self.get_poll(poll_id)
            row = {**data, "id": poll_id, "status": "open", "revealed": False, "created_at": now(), "closed_at": None}
            conn.execute(sa.insert(_T["polls"]).values(**_db_values(row)))
            for position, option in enumerate(options):
                self._add_option(conn, poll_id, option, position)
            self._record(conn, "poll", poll_id, "create", None, row, actor)
        return self.get_poll(poll_id)

    def _add_option(self, conn, poll_id, option, position):
        if isinstance(option, str):
            item = self._get(conn, "items", option)
            if item is None or item["deleted_at"]:
                raise ValidationError(f"No captured item {option!r} to vote on.", "options")
            option = {"item_id": item["id"], "label_en": item["text_en"], "label_th": item["text_th"]}
        data = rules.validate_option(option)
        conn.execute(sa.insert(_T["poll_options"]).values(id=new_id(), poll_id=poll_id, position=position, **data))

    def get_poll(self, poll_id):
        with self._reading() as conn:
            poll = self._get(conn, "polls", poll_id)
            if poll is None:
                raise NotFound(f"No poll {poll_id!r}.")
            o = _T["poll_options"]
            poll["options"] = [
                dict(r)
                for r in conn.execute(sa.select(o).where(o.c.poll_id == poll_id).order_by(o.c.position)).mappings()
            ]
            if self.public:
                poll = self.privacy().poll(poll, self._visible_ids(conn, poll["options"]), placeholder=False)
        return poll

    def polls(self, session=None):
        t = _T["polls"]
        query = sa.select(t.c.id).order_by(t.c.created_at, t.c.id)
        if session is not None:
            query = query.where(t.c.session == session)
        with self._reading() as conn:
            ids = [r[0] for r in conn.execute(query)]
        return [self.get_poll(i) for i in ids]

    def cast_ballot(
        self, poll_id, participant_id=None, allocations=None, actor=None, voter=None, voter_kind="participant"
    ):
        """Enter one voter's ballot. Entering the same voter's ballot again replaces the earlier one.

        The voter is a registered participant (``cast_ballot(poll, participant_id, allocations)``),
        or, with nobody registered, an organisation (``voter="map", voter_kind="organisation"``:
        one ballot per organisation) or a numbered paper ballot (``voter=7, voter_kind="ballot"``:
        one ballot per number, counted one each whatever the weighting). The database holds at
        most one ballot per (poll, voter kind, voter), and a poll's ballots are all of one kind, so
        nobody is counted twice (a show of hands, :meth:`record_tally`, may come on top).
        """
        if voter_kind == "participant" and voter is None:
            voter = participant_id
        elif participant_id is not None:
            raise ValidationError("Give the participant or the voter of a ballot, not both.", "voter")
        voter = rules.validate_voter(self.meeting, voter_kind, voter)
        try:
            with self.atomic() as conn:
                poll = self.get_poll(poll_id)
                org = voter if voter_kind == "organisation" else None
                if voter_kind == "participant":
                    participant = self._get(conn, "participants", voter)
                    if participant is None or participant["deleted_at"]:
                        raise ValidationError("Choose a registered participant for this ballot.", "participant")
                    org = participant["org"]
                # Two screens entering different kinds of ballot at once must not both pass the check
                # below: lock the poll's row (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises
                # writers, and SQLAlchemy leaves FOR UPDATE out there).
                p = _T["polls"]
                conn.execute(sa.select(p.c.id).where(p.c.id == poll_id).with_for_update())
                b = _T["ballots"]
                kinds = set(
                    conn.execute(
                        sa.select(b.c.voter_kind).where(b.c.poll_id == poll_id, b.c.is_tally == 0).distinct()
                    ).scalars()
                )
                if kinds - {voter_kind}:
                    raise ValidationError(rules.mixed_voters_message(kinds.pop()), "voter")
                clean = rules.validate_ballot(poll, {o["id"] for o in poll["options"]}, allocations)
                ballot_id = f"{poll_id}:{voter}" if voter_kind == "participant" else f"{poll_id}:{voter_kind}:{voter}"
                self._put_ballot(
                    conn,
                    poll_id,
                    ballot_id,
                    voter if voter_kind == "participant" else None,
                    org,
                    False,
                    clean,
                    actor,
                    voter_kind=voter_kind,
                    voter=voter,
                )
        except sa.exc.IntegrityError:
            # Only when two screens enter the same voter at the same instant on a server database.
            raise ValidationError(
                "This voter's ballot was entered from another screen at the same moment: enter it again to replace it.",
                "voter",
            ) from None
        return clean

    def record_tally(self, poll_id, counts, actor=None):
        """Enter a show of hands: the number of hands per option. Replaces an earlier tally."""
        with self.atomic() as conn:
            poll = self.get_poll(poll_id)
            clean = rules.validate_ballot(poll, {o["id"] for o in poll["options"]}, counts, tally=True)
            self._put_ballot(
                conn, poll_id, f"{poll_id}:tally", None, None, True, clean, actor, voter_kind="tally", voter="tally"
            )
        return clean

    def _put_ballot(
        self, conn, poll_id, ballot_id, participant_id, org, is_tally, allocations, actor, voter_kind, voter
    ):
        b = _T["ballots"]
        before = self._get(conn, "ballots", ballot_id)
        stamp = now()
        row = {
            "id": ballot_id,
            "poll_id": poll_id,
            "voter_kind": voter_kind,
            "voter": voter,
            "participant_id": participant_id,
            "org": org,
            "is_tally": is_tally,
            "allocations": allocations,
            "updated_at": stamp,
        }
        if before is None:
            conn.execute(sa.insert(b).values(**_db_values(row), created_at=stamp))
        else:
            conn.execute(sa.update(b).where(b.c.id == ballot_id).values(**_db_values(row)))
        self._record(conn, "ballot", ballot_id, "update" if before else "create", before, row, actor)

    def ballots(self, poll_id):
        b = _T["ballots"]
        with self._reading() as conn:
            return [
                _row(r)
                for r in conn.execute(sa.select(b).where(b.c.poll_id == poll_id).order_by(b.c.created_at)).mappings()
            ]

    def _set_poll(self, poll_id, actor, action, **values):
        with self.atomic() as conn:
            before = self._get(conn, "polls", poll_id)
            if before is None:
                raise NotFound(f"No poll {poll_id!r}.")
            t = _T["polls"]
            conn.execute(sa.update(t).where(t.c.id == poll_id).values(**_db_values(values)))
            self._record(conn, "poll", poll_id, action, before, {**before, **values}, actor)
        return self.get_poll(poll_id)

    def close_poll(self, poll_id, actor=None):
        """Close a poll: its ballots and results are frozen from now on. Closing it again changes nothing."""
        if self.get_poll(poll_id)["status"] == "closed":
            return self.get_poll(poll_id)
        return self._set_poll(poll_id, actor, "close", status="closed", closed_at=now())

    def reveal_poll(self, poll_id, revealed=True, actor=None):
        """Show (or hide again) a poll's results on the dashboards."""
        return self._set_poll(poll_id, actor, "reveal" if revealed else "hide", revealed=revealed)

    def poll_results(self, poll_id):
        """The poll, its number of ballots and its ranked results (ties share a rank).

        A public store returns results only once the chair has revealed them.
        """
        poll = self.get_poll(poll_id)
        if self.public and not poll["revealed"]:
            return {"poll": poll, "voters": None, "organisations": None, "ballots_by": None, "results": None}
        ballots = self.ballots(poll_id)
        people = [b for b in ballots if not b["is_tally"]]
        # A public poll's options are already the policy's (withheld ones left out, labels redacted).
        return {
            "poll": poll,
            # A show of hands has no count of voters; ballots do.
            "voters": len(people) if people or not ballots else None,
            # Numbered paper ballots belong to no organisation.
            "organisations": len({b["org"] for b in people if b["org"]}),
            # How the ballots were entered: {"participant"|"organisation"|"ballot": count}.
            "ballots_by": {kind: sum(1 for b in people if b["voter_kind"] == kind) for kind in rules.VOTER_KINDS},
            "results": rules.tally(poll, poll["options"], ballots),
        }

    # ----------------------------------------------------------------- overview

    def status(self):
        """Counts of what the database holds, for `roundtable status` and dashboards."""
        t = _T["items"]
        with self._reading() as conn:
            query = sa.select(t.c.session, t.c.kind, sa.func.count()).where(t.c.deleted_at.is_(None))
            if self.public:
                query = query.where(t.c.sensitive == 0)
            counts = conn.execute(query.group_by(t.c.session, t.c.kind)).all()
        return {
            "path": self.label,
            "meeting": self.meeting.id,
            "items": {(s, k): n for s, k, n in counts},
            "participants": len(self.participants()),
            "polls": len(self.polls()),
            "current_session": self.current_session(),
            "change_token": self.change_token(),
            "migrations": self.applied_migrations(),
        }

    # ----------------------------------------------------------------- issue 4: participants' dashboards

    def _visible_ids(self, conn, options):
        """Ids of the items (followed through merges) that ``options`` stand for and that the
        public may see: the policy withholds an option whose item is not among them."""
        policy = self.privacy()
        linked = {policy.resolve(o["item_id"]) for o in options if o.get("item_id")}
        if not linked:
            return set()
        t = _T["items"]
        query = sa.select(t.c.id).where(t.c.id.in_(linked), t.c.deleted_at.is_(None), t.c.sensitive == 0)
        return {r[0] for r in conn.execute(query)}


def _public_entry(policy, row):
    """A history entry's before/after as the public may see it: names withheld in every text."""
    if not row:
        return row
    row = policy.item(row) if "kind" in row else row
    return {k: policy.redact(v) if isinstance(v, str) else v for k, v in row.items()}
