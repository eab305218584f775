"""A throwaway PostgreSQL server for the tests: Debian's binaries, a cluster in a temporary folder.

No system service is needed: ``initdb`` and ``pg_ctl`` run from ``/usr/lib/postgresql/<version>/bin``
(the newest installed). PostgreSQL refuses to run as root, and CI runs as root, so there the
cluster runs as ``nobody`` (``runuser``), which owns the folder. The server listens on a free port
of 127.0.0.1 only and on a socket in that folder, with trust authentication (loopback only; a
test server). The meeting's databases belong to ``roundtable``, an ordinary role that may create
roles (as the README sets one up), so the tests see the privileges a real organiser has.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

OWNER = "roundtable"
MISSING = (
    "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): `make test` installs Debian's "
    "postgresql package; or run `sudo apt-get install postgresql`."
)


def bindir():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


class Cluster:
    def __init__(self, port):
        self.bin = bindir()
        if self.bin is None:
            raise RuntimeError(MISSING)
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="roundtable-pg-"))
        self.data = self.folder / "data"
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "nobody", "nogroup")
            os.chmod(self.folder, 0o700)
            self.as_user = ["runuser", "-u", "nobody", "--"]
        self._run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -k {self.folder} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200"
        )
        self._run("pg_ctl", "-D", self.data, "-l", self.folder / "server.log", "-w", "-t", "60", "-o", options, "start")
        self.sql(f"CREATE ROLE {OWNER} LOGIN CREATEROLE")

    def _run(self, program, *args):
        command = self.as_user + [str(self.bin / program)] + [str(a) for a in args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.folder)
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed: {result.stderr or result.stdout}")
        return result.stdout

    def url(self, database="postgres", user=OWNER):
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement, database="postgres", user="postgres"):
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} dbname={database} user={user}", autocommit=True) as c:
            cur = c.execute(statement)
            return cur.fetchall() if cur.description else None

    def new_database(self):
        """An empty database owned by the ordinary role: its URL."""
        name = f"meeting_{uuid.uuid4().hex[:12]}"
        self.sql(f"CREATE DATABASE {name} OWNER {OWNER} STRATEGY FILE_COPY")
        return self.url(name)

    def stop(self):
        try:
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
