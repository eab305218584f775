"""Backups that work while chairs capture: one command, snapshots while serving, and restore.

Copying the database file (``cp``, ``shutil.copy``, a file manager) while chairs capture gives an
inconsistent or corrupt copy: the file, its ``-wal`` and ``-shm`` change under the copy. SQLite's
online backup API copies a consistent snapshot in one read transaction (WAL lets chairs keep
writing meanwhile; https://sqlite.org/backup.html). Reading the file with ordinary file I/O is
worse than unsafe in a process that also holds a connection: closing that descriptor drops the
process's POSIX locks, and the connection silently stops seeing other processes' writes
(https://sqlite.org/howtocorrupt.html, section 2.2). So this module reads a database only
through SQLite connections, never with ``open()``.

Every backup is written to a temporary file beside its destination, checked with
``PRAGMA integrity_check`` and for the roundtable tables, switched to a single self-contained file
(``journal_mode=DELETE``, no ``-wal`` companion), and only then renamed into place.
"""

import datetime as _dt
import os
import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from roundtable_lib.exceptions import StoreError
from roundtable_lib.store import file_check

FOLDER = "backups"
PREFIX = "roundtable-"
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Snapshot:
    """What a checked backup file holds."""

    path: Path
    meeting: str
    items: int
    changes: int


def _stamp():
    return _dt.datetime.now(_dt.UTC).strftime("%Y%m%d-%H%M%S-%f")


def default_folder(db):
    """``backups/`` beside the database: ``data/backups/`` for ``data/roundtable.db``."""
    return Path(db).resolve().parent / FOLDER


def sqlite_path(target):
    """The file of a SQLite path or URL; a StoreError with the one thing to do for other databases."""
    text = str(target)
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):/", text)  # `--db` as a Path turns :// into :/
    if scheme and not scheme.group(1).lower().startswith("sqlite"):
        name = scheme.group(1).split("+")[0]
        raise StoreError(
            f"{name} databases are backed up with their own tools, not this command: "
            "use `pg_dump --format=custom --file=roundtable.dump DATABASE_URL`."
        )
    if scheme:
        import sqlalchemy as sa

        text = sa.engine.make_url(text).database or "" if "://" in text else "/" + text.split(":/", 1)[1]
    if not text or text == ":memory:":
        raise StoreError("A backup needs a database file.")
    return Path(text).expanduser().resolve()


def _connect(path, readonly=False):
    uri = f"file:{Path(path).as_posix()}" + ("?mode=ro" if readonly else "")
    conn = sqlite3.connect(uri, uri=True, timeout=TIMEOUT_SECONDS, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {TIMEOUT_SECONDS * 1000}")
    return conn


def check_snapshot(path):
    """A :class:`Snapshot` of the backup at ``path``; StoreError if it is corrupt or not a
    roundtable database. Reads only."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise StoreError(f"{path} is not a backup file (missing, empty or a folder).")
    tables = file_check.tables(path)
    if not {"migrations", "meeting", "items", "history"} <= tables:
        raise StoreError(f"{path} is not a roundtable backup (it lacks the workbook's tables).")
    conn = _connect(path, readonly=True)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise StoreError(f"{path} is damaged ({problems[0]}); it cannot be used.")
        row = conn.execute("SELECT definition FROM meeting").fetchone()
        meeting = ""
        if row:
            import json

            meeting = json.loads(row[0]).get("title", {}).get("en", "")
        items = conn.execute("SELECT count(*) FROM items").fetchone()[0]
        changes = conn.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is damaged ({exc}); it cannot be used.") from None
    finally:
        conn.close()
    return Snapshot(path=path, meeting=meeting, items=items, changes=changes)


def _copy(source, destination):
    """Copy the database ``source`` into the new file ``destination`` with the backup API."""
    src = _connect(source)
    try:
        dst = sqlite3.connect(destination, isolation_level=None)
        try:
            # pages=-1: the whole database in one step, so in one read transaction: a consistent
            # snapshot even while chairs write (they go on writing to the WAL meanwhile).
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal
        finally:
            dst.close()
    finally:
        src.close()


def _fsync(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup(db, out):
    """Write a consistent, checked copy of the roundtable database ``db`` to ``out`` (a file or a
    folder). Returns the :class:`Snapshot`. An existing ``out`` file is replaced only by a
    checked copy; a failure leaves nothing behind."""
    source = sqlite_path(db)
    file_check.check(source, create=False)
    out = Path(out).expanduser()
    if out.is_dir():
        out = out / f"{PREFIX}{_stamp()}.db"
    if not out.parent.is_dir():
        raise StoreError(f"Cannot write {out}: the folder {out.parent} does not exist (is the USB stick mounted?).")
    if out.resolve() == source:
        raise StoreError("The backup would overwrite the database itself; choose another file.")
    partial = out.with_name(f".{out.name}.partial")
    try:
        _copy(source, partial)
        snap = check_snapshot(partial)
        _fsync(partial)
        os.replace(partial, out)
    except sqlite3.Error as exc:
        raise StoreError(f"The backup to {out} failed ({exc}); nothing was written there.") from None
    except OSError as exc:
        raise StoreError(f"The backup to {out} failed ({exc.strerror or exc}); nothing was written there.") from None
    finally:
        for leftover in (partial, Path(f"{partial}-journal")):
            if leftover.exists():
                leftover.unlink()
    return Snapshot(path=out, meeting=snap.meeting, items=snap.items, changes=snap.changes)


def snapshots(folder):
    """The snapshots in ``folder``, oldest first (their names sort by time)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{PREFIX}*.db") if p.is_file())


def snapshot(db, folder=None, keep=12):
    """A timed snapshot into ``folder`` (``data/backups/``); once it is checked, the oldest beyond
    ``keep`` are removed. Returns the :class:`Snapshot`."""
    folder = Path(folder) if folder else default_folder(sqlite_path(db))
    folder.mkdir(parents=True, exist_ok=True)
    snap = backup(db, folder / f"{PREFIX}{_stamp()}.db")
    for old in snapshots(folder)[: max(0, len(snapshots(folder)) - max(1, keep))]:
        old.unlink()
    return snap


class SnapshotTimer:
    """Takes a snapshot every ``minutes`` in a background thread while ``roundtable serve`` runs.

    A failed snapshot (disk full, file locked past the timeout) is reported through ``out`` and
    retried at the next interval; the older snapshots stay."""

    def __init__(self, db, minutes=5, keep=12, folder=None, out=print):
        self.db, self.minutes, self.keep, self.folder, self.out = db, minutes, keep, folder, out
        self.taken = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="roundtable-snapshots", daemon=True)

    def start(self):
        if self.minutes > 0:
            self._thread.start()
        return self

    def _run(self):
        while not self._stop.wait(self.minutes * 60):
            started = time.monotonic()
            try:
                snap = snapshot(self.db, self.folder, self.keep)
            except Exception as exc:  # noqa: BLE001 - a failed snapshot must never stop the servers
                self.out(f"Snapshot failed: {exc} (the previous snapshots are kept; retrying in {self.minutes} min).")
            else:
                self.taken += 1
                self.out(f"Snapshot {snap.path.name}: {snap.items} items, in {time.monotonic() - started:.2f} s.")

    def stop(self):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=TIMEOUT_SECONDS + 5)


def holders(db):
    """Process ids (other than this one) that hold the database or its -wal/-shm open. Linux only
    (read from /proc); elsewhere an empty list."""
    db = Path(db).resolve()
    names = {str(db), f"{db}-wal", f"{db}-shm"}
    found = set()
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd) in names:
                    found.add(int(entry.name))
                    break
        except OSError:
            continue  # gone, or another user's process
    return sorted(found)


def restore(snapshot_path, db, confirm=None):
    """Replace the database ``db`` with the backup ``snapshot_path``. The current database is kept
    aside first (a checked copy named with the time, beside it). ``confirm(message)`` must return
    True to go ahead. Returns ``(snapshot, kept_aside_path_or_None)``."""
    target = sqlite_path(db)
    snap = check_snapshot(snapshot_path)
    if Path(snapshot_path).resolve() == target:
        raise StoreError("That file is the database itself; choose a backup file.")
    busy = holders(target)
    if busy:
        raise StoreError(
            f"{target} is open in {len(busy)} other process(es) (pids {', '.join(map(str, busy[:5]))}): stop "
            "`roundtable serve` and close the chairs' notebooks first, then restore."
        )
    current = None
    exists = target.exists() and target.stat().st_size > 0
    if exists:
        file_check.check(target, create=False)
        current = check_snapshot(target)
    question = (
        f"Replace {target} ({current.items} items, {current.changes} changes) with {snap.path} "
        f"({snap.items} items, {snap.changes} changes)? The current database is kept aside first."
        if current
        else f"Create {target} from {snap.path} ({snap.items} items)?"
    )
    if confirm is None or not confirm(question):
        raise StoreError("Nothing was restored (not confirmed).")
    aside = None
    if exists:
        aside = target.with_name(f"{target.stem}-before-restore-{_stamp()}{target.suffix}")
        backup(target, aside)
    try:
        src = _connect(snap.path, readonly=True)
        try:
            dst = _connect(target)
            try:
                # Through SQLite, not a file rename: the live file's WAL is taken into account.
                src.backup(dst, pages=-1)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        where = f" The previous database is kept as {aside}." if aside else ""
        raise StoreError(f"Restoring {target} failed ({exc}).{where}") from None
    check_snapshot(target)
    return snap, aside
