"""Commands that only look never write, and nothing touches a SQLite file that is not ours: a typo
in --db must not turn another application's database, or an empty file, into a meeting."""

import sqlite3

import pytest

from roundtable_lib import Store, StoreError
from roundtable_lib.store.file_check import check
from tests.helpers import roundtable


def _foreign_sqlite(path):
    """Another application's database, in rollback-journal mode (header bytes 18-19 are 1, 1)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.executemany("INSERT INTO customers (name) VALUES (?)", [(f"customer {i}",) for i in range(200)])
    conn.commit()
    conn.close()
    data = path.read_bytes()
    assert data[18:20] == b"\x01\x01"
    return data


def _companions(path):
    return [p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-")]


@pytest.mark.slow
@pytest.mark.parametrize("command", ["status", "export"])
def test_looking_at_an_empty_file_leaves_it_empty(tmp_path, command):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    extra = ["--out", tmp_path / "out", "--no-charts"] if command == "export" else []
    result = roundtable(command, "--db", empty, *extra)
    assert result.returncode == 1, result.stdout
    assert "empty file, not a roundtable database" in result.stderr
    assert [line for line in result.stderr.splitlines() if not line.startswith("[")] == [result.stderr.splitlines()[-1]]
    assert empty.read_bytes() == b""
    assert _companions(empty) == []


@pytest.mark.slow
@pytest.mark.parametrize("command", ["status", "init", "export", "import", "serve"])
def test_another_applications_database_is_refused_unchanged(tmp_path, command):
    other = tmp_path / "accounts.db"
    before = _foreign_sqlite(other)
    extra = {
        "export": ["--out", tmp_path / "out", "--no-charts"],
        "import": [tmp_path / "nothing"],
        "serve": ["--no-lab", "--host", "127.0.0.1", "--voila-port", "1"],
    }.get(command, [])
    result = roundtable(command, "--db", other, *extra)
    assert result.returncode == 1, result.stdout
    assert "not a roundtable database" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert other.read_bytes() == before  # header (journal mode, bytes 18-19) and content untouched
    assert _companions(other) == []


def test_the_store_refuses_a_foreign_file_without_changing_a_byte(tmp_path):
    other = tmp_path / "accounts.db"
    before = _foreign_sqlite(other)
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not a roundtable database"):
            Store(other, readonly=readonly)
    assert other.read_bytes() == before
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40)
    before = photo.read_bytes()
    with pytest.raises(StoreError, match="not a roundtable database"):
        Store(photo)
    assert photo.read_bytes() == before


def test_a_folder_or_missing_file_is_named_plainly(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        check(tmp_path)
    with pytest.raises(StoreError, match="run `roundtable init`"):
        check(tmp_path / "missing.db", create=False)
    check(tmp_path / "missing.db", create=True)  # may be created
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.slow
def test_init_still_makes_a_database_of_an_empty_file(tmp_path, meeting):
    empty = tmp_path / "new.db"
    empty.write_bytes(b"")
    result = roundtable("init", "--db", empty)
    assert result.returncode == 0, result.stderr
    assert Store(empty).meeting.id == meeting.id
