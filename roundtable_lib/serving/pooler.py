"""A throwaway PgBouncer in front of PostgreSQL for the dashboards: connections that do not grow
with the room.

Every dashboard viewer's kernel is a store of its own; talking to PostgreSQL directly, each holds
a server connection, so a thousand phones would need a thousand (PostgreSQL's default is 100).
When `roundtable serve` runs on a PostgreSQL database and Debian's ``pgbouncer`` is installed, the
dashboards reach the database through a PgBouncer that serve starts and stops with its servers,
in transaction mode: a kernel holds a server connection only while one of its queries runs, and
at most :data:`DEFAULT_POOL_SIZE` server connections serve every kernel. The chairs keep their
direct connections (their writes take a transaction's advisory lock, which transaction pooling
keeps, but a handful of chairs gains nothing from a pool).

- **Settings on the server's side.** PgBouncer refuses the startup options a direct dashboard
  connection sends (``-c role=...``), and a ``SET`` sent by a client would stay on a server
  connection that the next transaction may give to another kernel. So each server connection is
  set up once, when PgBouncer opens it (``connect_query``): the dashboards' role, its schema of
  public views, read-only transactions. The server connections log in as the dashboards' database
  user (``--dashboards-db``'s, else the database's); a kernel's own connection through the pooler
  logs in as :data:`CLIENT` with a password made for this run, which only serve's Voila
  processes are given (the pooler listens on 127.0.0.1 only).
- **psycopg 3** prepares a statement after five executions; a prepared statement lives on one
  server connection, which transaction pooling does not keep for a client (PgBouncer 1.21 learnt
  to, Debian 12 ships 1.18): the dashboards' engine prepares nothing (see
  :func:`roundtable_lib.store.postgres.make_engine`, which reads ``?pooled=pgbouncer`` in the URL).
- **Files**: the configuration, the password file (0600, both passwords), log and pid file live in
  a private temporary folder, removed when serve stops. As root (containers, CI) PgBouncer runs as
  ``nobody``, as nginx's workers do.

May import: :mod:`roundtable_lib.serving.processes`, :mod:`roundtable_lib.exceptions`, the store's
:mod:`~roundtable_lib.store.postgres` (names of the role and schema), SQLAlchemy, psycopg and the
standard library.
"""

import contextlib
import os
import resource
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.serving.processes import free_local_port, port_free, running_as_root, stop, wait_until_listening
from roundtable_lib.store import postgres

PGBOUNCER = "/usr/sbin/pgbouncer"
# Server connections for every dashboard kernel together: a tick's query takes a millisecond or
# two, so ten serve hundreds of kernels ticking every second or two.
DEFAULT_POOL_SIZE = 10
# Kernels (client connections) the pooler accepts: above any viewer cap a laptop holds.
MAX_CLIENTS = 5000
CLIENT = "roundtable_pooled_dashboards"
# Turns the pooler off (`ROUNDTABLE_POOLER=0 roundtable serve`): the dashboards connect directly.
SWITCH = "ROUNDTABLE_POOLER"


def available():
    return Path(PGBOUNCER).exists()


def wanted(target):
    """Whether the dashboards of database ``target`` go through a pooler."""
    return postgres.is_postgres_url(str(target)) and os.environ.get(SWITCH, "1") != "0"


def connect_query(lock_timeout_ms=30_000):
    """What each server connection runs once, before any kernel's query: the settings a direct
    dashboard connection sends as startup options (:func:`roundtable_lib.store.postgres.make_engine`)."""
    return (
        f"SET role = {postgres.DASHBOARD_ROLE}; SET search_path = {postgres.PUBLIC_SCHEMA}; "
        f"SET default_transaction_read_only = on; SET lock_timeout = {int(lock_timeout_ms)}"
    )


@dataclass
class ServerLogin:
    """How PgBouncer reaches the database: host (or socket folder), port, database, user, password."""

    host: str
    port: int
    dbname: str
    user: str
    password: str | None = None


def server_login(target):
    """The login of ``target`` (a PostgreSQL URL) as libpq resolves it (``~/.pgpass``,
    ``PGPASSWORD``, the default socket), checked by connecting once and running the settings of
    :func:`connect_query`: a login that may not take the dashboards' role fails here, with a
    message, and not in every viewer's kernel."""
    import psycopg

    url = postgres.url_for(target)
    params = {"host": url.host, "port": url.port, "dbname": url.database, "user": url.username}
    params = {k: v for k, v in params.items() if v is not None}
    if url.password:
        params["password"] = url.password
    try:
        with psycopg.connect(**params, connect_timeout=10, autocommit=True) as conn:
            conn.execute(connect_query())
            info = conn.info
            return ServerLogin(info.host, int(info.port), info.dbname, info.user, info.password or None)
    except psycopg.Error as exc:
        raise postgres.connection_problem(url.render_as_string(hide_password=True), exc) from None


def _quoted(text):
    """``text`` as PgBouncer's password file quotes a field."""
    return '"' + text.replace('"', '""') + '"'


@dataclass
class Pooler:
    """One PgBouncer for the dashboards of one database: its files under ``folder``."""

    login: ServerLogin
    folder: Path
    port: int = field(default_factory=free_local_port)
    pool_size: int = DEFAULT_POOL_SIZE
    max_clients: int = MAX_CLIENTS
    password: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    def config(self):
        login = self.login
        server = f"host={login.host} port={login.port} dbname={login.dbname} user={login.user}"
        # connect_query is quoted for PgBouncer's connection string; ours holds no quote.
        return f"""; Written by `roundtable serve` for its dashboards; removed when it stops.
[databases]
{login.dbname} = {server} connect_query='{connect_query()}'

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {self.port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = {self.folder / "users.txt"}
pool_mode = transaction
default_pool_size = {self.pool_size}
max_db_connections = {self.pool_size}
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = {self.max_clients}
ignore_startup_parameters = extra_float_digits
logfile = {self.folder / "pgbouncer.log"}
pidfile = {self.folder / "pgbouncer.pid"}
log_connections = 0
log_disconnections = 0
"""

    def users(self):
        """The password file: the kernels' login, and the server's (when it has a password)."""
        lines = [f"{_quoted(CLIENT)} {_quoted(self.password)}"]
        if self.login.password:
            lines.append(f"{_quoted(self.login.user)} {_quoted(self.login.password)}")
        return "\n".join(lines) + "\n"

    def write(self):
        for name, text in (("pgbouncer.ini", self.config()), ("users.txt", self.users())):
            path = self.folder / name
            path.touch(mode=0o600)
            path.write_text(text, encoding="utf-8")
        if running_as_root():
            # PgBouncer refuses to run as root: it becomes nobody (-u), which must read its files.
            for path in [self.folder, *self.folder.iterdir()]:
                shutil.chown(path, "nobody", "nogroup")

    def command(self):
        return (
            [PGBOUNCER, "-q"] + (["-u", "nobody"] if running_as_root() else []) + [str(self.folder / "pgbouncer.ini")]
        )

    def url(self):
        """The dashboards' database address through this pooler."""
        return sa.engine.URL.create(
            postgres.DRIVER,
            username=CLIENT,
            password=self.password,
            host="127.0.0.1",
            port=self.port,
            database=self.login.dbname,
            query=dict([postgres.POOLED]),
        ).render_as_string(hide_password=False)

    def start(self):
        """Start PgBouncer; return its process once it listens."""
        self.write()
        proc = subprocess.Popen(self.command(), preexec_fn=_more_open_files(self.max_clients + self.pool_size + 64))
        try:
            wait_until_listening([proc], [self.port], timeout=30)
            if proc.poll() is None and not port_free("127.0.0.1", self.port):
                return proc
        except RoundtableError:
            pass  # said below, with PgBouncer's own words
        except BaseException:
            stop([proc])
            raise
        stop([proc])
        raise RoundtableError(f"PgBouncer, the dashboards' pooler, did not start: {self.log_tail().strip()}")

    def log_tail(self):
        log = self.folder / "pgbouncer.log"
        return log.read_text(encoding="utf-8", errors="replace")[-2000:] if log.exists() else "(no log)"


def _more_open_files(wanted):
    """Raise the child's open-files limit to ``wanted`` (within the hard limit): PgBouncer holds a
    descriptor per kernel."""

    def raise_limit():
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        if target > soft:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))

    return raise_limit


@contextlib.contextmanager
def for_dashboards(target, procs, out=print, pool_size=DEFAULT_POOL_SIZE):
    """The dashboards' database address for ``target``: through a PgBouncer started here (and put
    in ``procs``, so serve notices should it stop) when ``target`` is PostgreSQL and PgBouncer is
    installed, else ``target`` itself. The pooler stops and its folder goes when the block ends."""
    if not wanted(target):
        yield target
        return
    if not available():
        out(
            f"PgBouncer is not installed ({PGBOUNCER}): each dashboard viewer holds its own database "
            "connection (`sudo apt-get install pgbouncer` bounds them)."
        )
        yield target
        return
    folder = Path(tempfile.mkdtemp(prefix="roundtable-pgbouncer-"))
    proc = None
    try:
        pooler = Pooler(server_login(target), folder, pool_size=pool_size)
        proc = pooler.start()
        procs.append(proc)
        out(f"Dashboards reach the database through PgBouncer: at most {pool_size} server connections.")
        yield pooler.url()
    finally:
        if proc is not None:
            stop([proc])
        shutil.rmtree(folder, ignore_errors=True)
