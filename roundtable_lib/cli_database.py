"""The command line's databases: the ``--db`` option every ``roundtable`` command takes, opening
the store it names, and the commands that copy a whole database: ``backup``, ``restore`` and
``migrate-db`` (their options and what they run), with the snapshots ``serve`` takes.

Split from :mod:`roundtable_lib.cli`, which builds the parser from these and runs the commands,
so that each module stays short enough to read; the entry point is still
``roundtable_lib.cli:main``. Like the rest of the command line it only calls the store and its
backup and transfer functions, never SQL, and imports each when a command runs.

May import: :mod:`roundtable_lib.store`, :mod:`roundtable_lib.exceptions` and the standard
library.
"""

import sys
from pathlib import Path

from roundtable_lib.exceptions import RoundtableError


def db_target_argument(text):
    """``--db``'s type: a file path, or a database URL kept as text. The store is imported when an
    option is parsed, not when the parser is built, so ``roundtable --help`` stays instant."""
    from roundtable_lib.store import db_target

    return db_target(text)


def db_argument(parser):
    """Add the ``--db PATH|URL`` option every command that reads or writes a meeting takes."""
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        type=db_target_argument,
        default=None,
        help="the meeting's SQLite database file, or a postgresql+psycopg://USER@HOST/DATABASE address "
        "(default: $ROUNDTABLE_DB or data/roundtable.db)",
    )


def open_store(args, readonly=False, create=True):
    """The :class:`~roundtable_lib.store.Store` of ``--db`` (or the default). With ``create=False``
    a missing, empty or foreign file is refused before the store could make a database of it."""
    from roundtable_lib.store import Store, default_db_path

    if not create:  # commands that only look never make a database out of a missing or empty file
        from roundtable_lib.store.backup import sqlite_path
        from roundtable_lib.store.file_check import check

        try:
            path = sqlite_path(args.db or default_db_path())
        except RoundtableError:
            path = None  # not a SQLite file (a server's URL): the store says what it makes of it
        if path is not None:
            check(path, create=False)
    return Store(args.db or default_db_path(), readonly=readonly, actor="cli")


# --- moving a meeting between databases (SQLite and PostgreSQL)


def add_migrate_db(sub):
    p = sub.add_parser(
        "migrate-db",
        help="copy a meeting to another database (SQLite to PostgreSQL and back), checking nothing is lost",
        description="Copy every table of the meeting at --from into --to (a SQLite file or a "
        "postgresql+psycopg:// address), with its ids and history, in one transaction. The rows per "
        "table, a content checksum and the history are compared before it commits and printed; "
        "on any difference nothing is written. The source is only read.",
    )
    p.add_argument("--from", dest="source", metavar="PATH|URL", type=db_target_argument, required=True)
    p.add_argument("--to", dest="target", metavar="PATH|URL", type=db_target_argument, required=True)
    p.add_argument(
        "--replace", action="store_true", help="overwrite a target that already holds a meeting (default: refuse)"
    )


def cmd_migrate_db(args, out):
    from roundtable_lib.store.transfer import transfer

    report = transfer(args.source, args.target, replace=args.replace)
    for line in report.lines():
        out(line)
    out("Everything was copied and checked.")


# --- backups and restore


def add_backup_restore(sub):
    p = sub.add_parser(
        "backup",
        help="write a consistent, checked copy of the database (safe while chairs capture)",
        description="Copy the database with SQLite's online backup API (never a file copy, which is "
        "unsafe while chairs capture), check the copy, and write it as one file. Default: "
        "backups/roundtable-<time>.db beside the database. To a USB stick: --out /media/usb/.",
    )
    db_argument(p)
    p.add_argument("--out", metavar="FILE", type=Path, default=None, help="the backup file, or a folder to put it in")

    p = sub.add_parser(
        "restore",
        help="replace the database with a backup (the current one is kept aside)",
        description="Check the backup FILE, keep the current database aside (a copy named with the "
        "time, printed), then replace the database with the backup. Asks first; --yes when not "
        "at a terminal. Refuses while servers or notebooks hold the database.",
    )
    db_argument(p)
    p.add_argument("file", type=Path, help="the backup file (from `roundtable backup` or backups/)")
    p.add_argument("--yes", action="store_true", help="replace without asking")


def start_snapshots(args, db, out):
    """Snapshots while `serve` runs; stopped (a snapshot under way finishes first) when it exits."""
    import atexit

    from roundtable_lib.store.backup import SnapshotTimer, default_folder

    timer = SnapshotTimer(db, minutes=args.backup_minutes, keep=args.backup_keep, out=out).start()
    atexit.register(timer.stop)
    if args.backup_minutes > 0:
        out(f"Snapshots every {args.backup_minutes:g} min into {default_folder(db)} (the last {args.backup_keep}).")
    return timer


def cmd_backup(args, out):
    from roundtable_lib.store import default_db_path
    from roundtable_lib.store.backup import backup, default_folder, sqlite_path

    db = args.db or default_db_path()
    target = args.out
    if target is None:
        target = default_folder(sqlite_path(db))
        target.mkdir(parents=True, exist_ok=True)
    snap = backup(db, target)
    out(f"Backed up {snap.items} items ({snap.changes} changes) to {snap.path}; integrity checked.")


def cmd_restore(args, out):
    from roundtable_lib.store import default_db_path
    from roundtable_lib.store.backup import restore

    def confirm(question):
        if args.yes:
            return True
        if not sys.stdin.isatty():
            raise RoundtableError(f"{question} Not at a terminal: add --yes to replace it.")
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")

    snap, aside = restore(args.file, args.db or default_db_path(), confirm=confirm)
    if aside:
        out(f"The previous database is kept as {aside}.")
    out(f"Restored {snap.items} items ({snap.changes} changes) from {snap.path}.")
