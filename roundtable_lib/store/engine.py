"""The store's engine: where the database is, how connections are set up, transactions, and
migrations. One part of :class:`~roundtable_lib.store.Store` (see its module for how the parts fit).

SQLite is the embedded default. Several chair kernels (separate processes) write at once while
many dashboard kernels read, so the file runs in WAL mode (readers never block the writer),
``synchronous=FULL`` (a committed capture survives power loss, not only a crash), with a busy
timeout, and every write transaction starts with ``BEGIN IMMEDIATE``: a deferred transaction
that reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT under concurrency whatever
the timeout (https://sqlite.org/lang_transaction.html, https://sqlite.org/wal.html).
Everything else is SQLAlchemy Core: given a ``postgresql+psycopg://`` URL, the same queries run
on PostgreSQL, with the connection set-up, write lock and dashboards' role of
:mod:`roundtable_lib.store.postgres`.

May import: :mod:`roundtable_lib.exceptions`, the store's own modules, SQLAlchemy and the
standard library.
"""

import contextlib
import os
from pathlib import Path

import sqlalchemy as sa

from roundtable_lib.exceptions import ReadOnlyStore, StoreError
from roundtable_lib.store import migrations, postgres
from roundtable_lib.store.tables import TABLES, decode, now

DEFAULT_DB = Path("data") / "roundtable.db"
BUSY_TIMEOUT_SECONDS = 30


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


class Engine:
    """Connection set-up, transactions and migrations. Needs ``readonly``, ``public``,
    ``busy_timeout``, ``label`` and ``_local`` (a ``threading.local``), set by the store."""

    # ----------------------------------------------------------------- connection set-up

    def _resolve(self, target):
        """(SQLAlchemy URL, file path or None) of ``target``: a file path or a database URL."""
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

    # ----------------------------------------------------------------- transactions

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
        """A connection to read with: the write transaction's inside :meth:`atomic` (so a writer
        reads what it is writing), else one of the pool's."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        with self.engine.connect() as conn:
            yield conn

    def _stored(self, conn, table, row_id):
        """The row ``row_id`` of ``table`` as stored, or None: what a writer checks and records
        in the history. Readers never return it: they read through ``_select``, which applies
        the public view."""
        t = TABLES[table]
        row = conn.execute(sa.select(t).where(t.c.id == row_id)).mappings().first()
        return decode(row, table) if row is not None else None

    # ----------------------------------------------------------------- migrations

    def _migrate(self):
        """Bring the schema up to date (in one write transaction), or say why it cannot be: not a
        roundtable database, written by a newer version, or read-only and in need of upgrading."""
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
                    conn.execute(sa.insert(TABLES["migrations"]).values(name=fn.__name__, applied_at=now()))
            if self.postgres:
                postgres.refresh_public_views(conn)  # new tables get their dashboards' view

    def applied_migrations(self):
        with self._reading() as conn:
            return [r[0] for r in conn.execute(sa.text("SELECT name FROM migrations ORDER BY name"))]
