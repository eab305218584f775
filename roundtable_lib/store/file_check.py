"""Is this file a roundtable database? Asked before anything opens it for writing.

Opening a SQLite file for writing is not harmless: the store switches it to WAL mode (bytes 18
and 19 of its header change) and creates its tables in an empty file. So a command pointed at
the wrong file (another application's database, a 0-byte file, a photo) would change it before
noticing. :func:`check` looks first, over a read-only SQLite connection (``mode=ro``), and only
lets a file through that is missing (and may be created), or holds a ``migrations`` table.

It never reads the file with ordinary file I/O: POSIX locks belong to the process, and closing
any descriptor of the file drops them all, so a process that holds a store and also ``open()``s
its file silently stops seeing other processes' writes (https://sqlite.org/howtocorrupt.html,
section 2.2). SQLite's own connections share one descriptor per file and are safe.
"""

import os
import sqlite3
import unicodedata
from pathlib import Path

from roundtable_lib.exceptions import StoreError


def _readonly_connection(path):
    # `mode=ro`: SQLite itself refuses every write through this connection, so looking cannot
    # change the file (no journal-mode switch, no -wal file created for a rollback-mode file).
    return sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True, timeout=30)


def tables(path):
    """The table names of the SQLite file at ``path``, read without writing; StoreError if it is
    not a SQLite database."""
    try:
        conn = _readonly_connection(path)
    except sqlite3.Error as exc:
        raise StoreError(f"{path} cannot be opened ({exc}).") from None
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a roundtable database ({exc}).") from None
    finally:
        conn.close()


def check(path, create=True):
    """Raise :class:`StoreError` unless ``path`` is a roundtable database, or (with ``create``)
    is missing or empty and may become one. Reads only; never writes."""
    path = Path(path)
    if not path.exists():
        if create:
            return
        if not path.parent.is_dir():
            raise StoreError(f"No database at {path}: the folder {path.parent} does not exist.")
        raise StoreError(f"No database at {path}: run `roundtable init` (or `roundtable demo`) first.")
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file: give the path of the .db file.")
    if path.stat().st_size == 0:
        if create:
            return
        raise StoreError(
            f"{path} is an empty file, not a roundtable database: run `roundtable init --db {path}` to make one."
        )
    found = tables(path)
    if not found and create:
        return  # a SQLite file with nothing in it yet: the store creates its tables
    if "migrations" not in found:
        what = "it has other tables" if found else "it holds no tables"
        raise StoreError(f"{path} is not a roundtable database ({what}); nothing was changed.")


def usable_name(path):
    """Raise :class:`StoreError` for a file name no file can have, or that would garble a message:
    control characters (NUL, newlines), unencodable characters, components over 255 bytes."""
    text = str(path)
    shown = repr(text[:60]) + ("…" if len(text) > 60 else "")
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        raise StoreError(f"{shown} is not a usable file name (it holds control or invalid characters).")
    try:
        parts = [os.fsencode(part) for part in Path(text).parts]
    except UnicodeError:
        raise StoreError(f"{shown} is not a usable file name (it cannot be encoded).") from None
    if any(len(part) > 255 for part in parts) or len(text) > 4096:
        raise StoreError(f"{shown} is not a usable file name (too long).")
