"""The store on PostgreSQL, for events larger than one laptop: connection set-up, write locking,
and the dashboards' read-only role with the public views it reads.

:class:`~roundtable_lib.store.Store` calls into this module when it is given a
``postgresql+psycopg://`` URL; its queries are the same SQLAlchemy Core on both engines.

- **Writes** run in one transaction each that first takes a transaction-level advisory lock
  (``pg_advisory_xact_lock``): writers queue one after another, exactly as ``BEGIN IMMEDIATE``
  makes them on SQLite, so a read-then-write (an id already stored? an undo still valid?) never
  races another chair's, and history ids commit in order (the change token never skips a write).
  Readers never wait (MVCC). ``lock_timeout`` plays SQLite's busy timeout.
  https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
- **Dashboards** connect as (or ``SET ROLE`` to) ``roundtable_dashboard``: a role that may only
  SELECT the views of the ``roundtable_public`` schema, which hold the same names as the tables
  and leave out sensitive and deleted rows, the names of consenting participants, unrevealed
  ballots and the history's before/after texts. The names the privacy policy withholds stay
  readable to the role: the policy must find them in typed texts to replace them. The store's
  queries reach the views through the ``search_path``, so its code does not change; the
  database refuses the role's writes, whatever our code does. The views are a backstop: the
  public store applies the same rules itself.
- **Change signal**: the store reads ``max(history.id)`` (one index lookup) per tick.
"""

import sqlalchemy as sa

from roundtable_lib.exceptions import StoreError

DASHBOARD_ROLE = "roundtable_dashboard"
PUBLIC_SCHEMA = "roundtable_public"
# Any constant: advisory locks are per database, so meetings on one server do not block each other.
WRITE_LOCK_KEY = 7_215_612_001
DRIVER = "postgresql+psycopg"
# In a dashboards' URL's query (``?pooled=pgbouncer``): the address is a transaction-pooling
# PgBouncer's (roundtable_lib.serving.pooler), which set up the role, schema and read-only
# transactions on its server connections already.
POOLED = ("pooled", "pgbouncer")

# Which rows and columns a dashboard may see, per table. Tables not listed (added by later
# migrations) get every column, without the rows flagged sensitive or deleted when they have such columns.
_HIDDEN_COLUMNS = {
    # The dashboards' policy replaces the names of people who did not consent (or were removed)
    # wherever a chair typed them, so it must read those names, and only those: a consenting
    # participant's name is blank here (dashboards show counts, never people), a withheld one is
    # what the policy looks for in texts, in every spelling (per language, short form). The
    # store never returns a participant's name to a dashboard either way (store.public).
    "participants": {
        column: f"CASE WHEN consent = 1 AND deleted_at IS NULL THEN '{blank}' ELSE {column} END"
        for column, blank in (("name", ""), ("names", "{}"), ("short_name", ""))
    },
    "history": {"before": "NULL", "after": "NULL"},
}
# A removed participant is never named again: the dashboards' policy must still read their
# names to withhold them (the store's own queries leave removed people out of lists and counts).
_KEEPS_REMOVED = {"participants"}
_ROW_FILTERS = {
    "ballots": "poll_id IN (SELECT id FROM public.polls WHERE revealed = 1)",
}


def is_postgres_url(text):
    return str(text).startswith(("postgresql", "postgres:"))


def url_for(text):
    """A SQLAlchemy URL for psycopg 3, the driver the workbook installs (``postgresql://`` too)."""
    url = sa.engine.make_url(str(text))
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername=DRIVER)
    if url.drivername != DRIVER:
        raise StoreError(f"Use a {DRIVER}://USER@HOST/DATABASE address for PostgreSQL (got {url.drivername}).")
    if not url.database:
        raise StoreError("The PostgreSQL address names no database: postgresql+psycopg://USER@HOST/DATABASE.")
    return url


def make_engine(url, readonly, public, busy_timeout):
    if url.query.get(POOLED[0]) == POOLED[1]:
        return _pooled_engine(url.difference_update_query([POOLED[0]]), readonly, public)
    options = [f"-c lock_timeout={int(busy_timeout * 1000)}"]
    if readonly:
        options.append("-c default_transaction_read_only=on")
    if public:
        # The role and search path are set when the connection starts, before any query runs.
        options += [f"-c role={DASHBOARD_ROLE}", f"-c search_path={PUBLIC_SCHEMA}"]
    return sa.create_engine(
        url,
        # One dashboard kernel is one store: keep its connections few (the server's
        # max_connections counts every viewer). Writers check that a pooled connection survived a
        # server restart before a chair's save; dashboards don't (a ping would double the
        # queries of every tick) and reconnect on the next tick instead.
        pool_size=2 if readonly else 5,
        max_overflow=2 if readonly else 10,
        pool_pre_ping=not readonly,
        connect_args={"connect_timeout": 10, "application_name": "roundtable", "options": " ".join(options)},
    )


def _pooled_engine(url, readonly, public):
    """A dashboard's engine through PgBouncer in transaction mode: no startup options (PgBouncer
    refuses them; its server connections carry the settings), no prepared statements (psycopg
    prepares after 5 executions, and a prepared statement stays on a server connection that the
    next transaction may not get; PgBouncer before 1.21 cannot follow them), and one connection
    per kernel: the pooler, not the kernel, bounds what the server holds."""
    if not (readonly and public):
        raise StoreError("A pooled address is for the dashboards only (a read-only, public store).")
    return sa.create_engine(
        url,
        pool_size=1,
        max_overflow=1,
        connect_args={"connect_timeout": 10, "application_name": "roundtable", "prepare_threshold": None},
    )


def begin_write(conn):
    """Queue behind any other writer of this database (see the module docstring)."""
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def relation_names(conn, public):
    """Tables a store sees: the views of the public schema for a dashboard's store."""
    inspector = sa.inspect(conn)
    if public:
        return set(inspector.get_view_names(schema=PUBLIC_SCHEMA))
    return set(inspector.get_table_names(schema="public"))


def connection_problem(label, exc):
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(getattr(exc, "orig", exc)).strip() else exc
    return StoreError(
        f"Cannot use the PostgreSQL database {label} ({reason}). Check that the server runs, the address, "
        "the user and its password (~/.pgpass or PGPASSWORD)."
    )


def refresh_public_views(conn):
    """(Re)create the dashboards' role and the public views over every table. Idempotent; run
    inside the write transaction after migrations, so new tables get their view."""
    try:
        conn.exec_driver_sql(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{DASHBOARD_ROLE}') "
            f"THEN CREATE ROLE {DASHBOARD_ROLE} NOLOGIN; END IF; END $$"
        )
    except sa.exc.ProgrammingError as exc:
        raise StoreError(
            f"The role {DASHBOARD_ROLE} is missing and this user may not create it. As the database "
            f"administrator, run once: CREATE ROLE {DASHBOARD_ROLE} NOLOGIN; GRANT {DASHBOARD_ROLE} TO "
            "<the organisers' user>;"
        ) from exc
    member = conn.exec_driver_sql(f"SELECT pg_has_role(current_user, '{DASHBOARD_ROLE}', 'MEMBER')").scalar()
    if not member:
        # Our own connections as a dashboard `SET ROLE` to it (a superuser always may).
        conn.exec_driver_sql(f"GRANT {DASHBOARD_ROLE} TO CURRENT_USER")
    conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {PUBLIC_SCHEMA}")
    inspector = sa.inspect(conn)
    for table in sorted(inspector.get_table_names(schema="public")):
        columns = [c["name"] for c in inspector.get_columns(table, schema="public")]
        hidden = _HIDDEN_COLUMNS.get(table, {})
        select = ", ".join(f"{hidden[c]} AS {c}" if c in hidden else f'"{c}"' for c in columns)
        where = [_ROW_FILTERS[table]] if table in _ROW_FILTERS else []
        if "deleted_at" in columns and table not in _KEEPS_REMOVED:
            where.append("deleted_at IS NULL")
        if "sensitive" in columns:
            where.append("sensitive = 0")
        conn.exec_driver_sql(f'DROP VIEW IF EXISTS {PUBLIC_SCHEMA}."{table}"')
        conn.exec_driver_sql(
            f'CREATE VIEW {PUBLIC_SCHEMA}."{table}" AS SELECT {select} FROM public."{table}"'
            + (f" WHERE {' AND '.join(where)}" if where else "")
        )
    conn.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {DASHBOARD_ROLE}")
    conn.exec_driver_sql(f"REVOKE CREATE ON SCHEMA {PUBLIC_SCHEMA} FROM PUBLIC")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {PUBLIC_SCHEMA} TO {DASHBOARD_ROLE}")
    conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {PUBLIC_SCHEMA} TO {DASHBOARD_ROLE}")


def public_views_missing(conn):
    return not sa.inspect(conn).has_schema(PUBLIC_SCHEMA)


def reset_sequences(conn):
    """After rows were copied in with their ids (``roundtable migrate-db``), new ids continue after them."""
    for table, column in (("history", "id"),):
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
            f"coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)"
        )
