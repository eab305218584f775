"""Backups during the meeting, snapshots while serving, and restore: a laptop that dies mid-meeting
must cost at most a few minutes of captures, and a backup must never disturb the chairs."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from roundtable_lib import Store, StoreError
from roundtable_lib.store.backup import SnapshotTimer, backup, check_snapshot, restore, snapshot, snapshots
from tests.helpers import free_port, report_figure, roundtable

# acknowledged (add_item returned: committed), appends its number to the acknowledgement file.
WRITER = textwrap.dedent(
    """
    import sys
    from roundtable_lib import Store
    db, actor, count, acks = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    store = Store(db, actor=actor)
    with open(acks, "a", buffering=1) as log:
        for n in range(count):
            store.add_item("s2", "progress", text_en=f"{actor} #{n}", org="map", id=f"{actor}-{n:05d}")
            log.write(f"{actor}-{n:05d}\\n")
    """
)


def _acknowledged(acks):
    return {line for line in acks.read_text().split("\n") if line} if acks.exists() else set()


def _ids(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM items")}
    finally:
        conn.close()


@pytest.mark.slow
def test_backup_command_writes_one_checked_file(demo_store, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    result = roundtable("backup", "--db", demo_store.path, "--out", usb)
    assert result.returncode == 0, result.stderr
    (written,) = list(usb.iterdir())  # one self-contained file: no -wal, no -shm, no partial file
    assert "integrity checked" in result.stdout and str(written) in result.stdout
    snap = check_snapshot(written)
    assert snap.items == len(demo_store.items(include_deleted=True))
    assert sqlite3.connect(written).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert Store(written, readonly=True).meeting.id == demo_store.meeting.id
    default = roundtable("backup", "--db", demo_store.path)
    assert default.returncode == 0, default.stderr
    assert len(snapshots(demo_store.path.parent / "backups")) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, message",
    [
        (["--out", "{tmp}/unmounted/usb/x.db"], "does not exist (is the USB stick mounted?)"),
        (["--out", "{db}"], "would overwrite the database itself"),
    ],
)
def test_backup_refusals_are_one_line(fresh_store, tmp_path, args, message):
    result = roundtable(
        "backup", "--db", fresh_store.path, *[a.format(tmp=tmp_path, db=fresh_store.path) for a in args]
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert message in result.stderr


@pytest.mark.slow
def test_postgresql_backups_point_to_pg_dump(tmp_path):
    result = roundtable("backup", "--db", "postgresql://roundtable@localhost/roundtable")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pg_dump" in lines[0]


@pytest.mark.slow
def test_a_process_holding_the_store_keeps_seeing_writes_after_a_backup(fresh_store, tmp_path):
    """Reading the file with open() from a process holding a connection drops that
    process's POSIX locks. The backup reads through SQLite only, so this store keeps up."""
    fresh_store.add_item("s2", "progress", text_en="before", org="map")
    assert len(fresh_store.items()) == 1  # the pool now holds an open connection to the file
    backup(fresh_store.path, tmp_path / "copy.db")
    snapshot(fresh_store.path, tmp_path / "snaps")
    Store(fresh_store.path, readonly=True).close()  # opening another store checks the file too
    acks = tmp_path / "acks"
    for round_ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", WRITER, str(fresh_store.path), f"other{round_}", "5", str(acks)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert len(fresh_store.items()) == 1 + 5 * (round_ + 1)
        backup(fresh_store.path, tmp_path / "copy.db")
    fresh_store.add_item("s2", "progress", text_en="after", org="map")
    assert _ids(fresh_store.path) >= _acknowledged(acks)
    assert sqlite3.connect(fresh_store.path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
def test_backups_under_load_are_consistent(fresh_store, tmp_path):
    """Four chair processes capture while backups are taken: every backup passes integrity_check,
    holds everything acknowledged before it started, and of each writer a prefix (no gaps)."""
    acks = tmp_path / "acks"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(fresh_store.path), f"chair{w}", "150", str(acks)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(4)
    ]
    taken, seconds = [], []
    try:
        while any(w.poll() is None for w in writers) or len(taken) < 3:
            before = _acknowledged(acks)
            started = time.monotonic()
            snap = backup(fresh_store.path, tmp_path / f"b{len(taken):03d}.db")
            seconds.append(time.monotonic() - started)
            taken.append((before, snap))
            time.sleep(0.05)
    finally:
        for w in writers:
            _, err = w.communicate(timeout=180)
            assert w.returncode == 0, err
    total = _acknowledged(acks)
    assert len(total) == 600
    for before, snap in taken:
        assert check_snapshot(snap.path).items == snap.items
        held = _ids(snap.path)
        assert before <= held, "a backup lost an acknowledged capture"
        assert held <= total
        for w in range(4):
            numbers = sorted(int(i.split("-")[1]) for i in held if i.startswith(f"chair{w}-"))
            assert numbers == list(range(len(numbers))), "a backup holds a later capture without an earlier one"
    report_figure(
        f"backups under load: {len(taken)} backups while 4 writers captured 600 items; all consistent; "
        f"median {sorted(seconds)[len(seconds) // 2]:.3f} s, slowest {max(seconds):.3f} s"
    )


def test_snapshots_keep_the_last_n_and_a_failed_one_replaces_nothing(fresh_store, tmp_path):
    folder = tmp_path / "backups"
    for n in range(5):
        fresh_store.add_item("s2", "progress", text_en=f"capture {n}", org="map")
        snapshot(fresh_store.path, folder, keep=3)
    kept = snapshots(folder)
    assert len(kept) == 3
    assert [check_snapshot(p).items for p in kept] == [3, 4, 5]
    with pytest.raises(StoreError):
        snapshot(tmp_path / "gone.db", folder, keep=3)
    assert snapshots(folder) == kept


def test_the_snapshot_timer_takes_snapshots_and_reports_failures(fresh_store, tmp_path):
    messages = []
    timer = SnapshotTimer(fresh_store.path, minutes=0.3 / 60, keep=2, folder=tmp_path / "b", out=messages.append)
    timer.start()
    deadline = time.monotonic() + 60
    while timer.taken < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    timer.stop()
    assert timer.taken >= 3 and len(snapshots(tmp_path / "b")) == 2
    broken = SnapshotTimer(tmp_path / "gone.db", minutes=0.2 / 60, folder=tmp_path / "c", out=messages.append)
    broken.start()
    deadline = time.monotonic() + 30
    while not any("Snapshot failed" in m for m in messages) and time.monotonic() < deadline:
        time.sleep(0.1)
    broken.stop()
    assert any("Snapshot failed" in m and "kept" in m for m in messages)


@pytest.mark.slow
def test_serve_takes_snapshots_beside_the_database(demo_store, tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "roundtable_lib", "serve", "--db", str(demo_store.path), "--no-lab"]
        + ["--host", "127.0.0.1", "--voila-port", str(port), "--backup-minutes", "0.02", "--backup-keep", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    folder = demo_store.path.parent / "backups"
    try:
        deadline = time.monotonic() + 90
        while len(snapshots(folder)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.3)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    kept = snapshots(folder)
    assert 1 <= len(kept) <= 2, out
    assert "Snapshots every 0.02 min" in out
    assert check_snapshot(kept[-1]).items == len(demo_store.items(include_deleted=True))


def _corrupt(path):
    data = bytearray(path.read_bytes())
    page = 4096
    data[2 * page : 2 * page + 2000] = os.urandom(2000)  # a b-tree page of the file
    path.write_bytes(bytes(data))


@pytest.mark.slow
def test_restore_refuses_corrupt_or_foreign_files_and_changes_nothing(demo_store, tmp_path):
    good = backup(demo_store.path, tmp_path / "good.db").path
    bad = tmp_path / "bad.db"
    bad.write_bytes(good.read_bytes())
    _corrupt(bad)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    demo_store.close()
    items = check_snapshot(demo_store.path).items
    before = {p.name for p in tmp_path.iterdir()}
    for file, message in ((bad, "damaged"), (other, "not a roundtable backup"), (tmp_path, "not a backup file")):
        result = roundtable("restore", file, "--db", demo_store.path, "--yes")
        assert result.returncode == 1, result.stdout
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert {p.name for p in tmp_path.iterdir()} == before
    assert check_snapshot(demo_store.path).items == items


@pytest.mark.slow
def test_restore_keeps_the_current_database_aside_and_asks_first(fresh_store, tmp_path):
    fresh_store.add_item("s2", "progress", text_en="in the backup", org="map")
    saved = backup(fresh_store.path, tmp_path / "saved.db").path
    fresh_store.add_item("s2", "progress", text_en="after the backup", org="map")
    fresh_store.close()
    asked = roundtable("restore", saved, "--db", fresh_store.path)  # stdin is not a terminal
    assert asked.returncode == 1 and "add --yes" in asked.stderr
    with Store(fresh_store.path) as current:
        assert len(current.items()) == 2
    done = roundtable("restore", saved, "--db", fresh_store.path, "--yes")
    assert done.returncode == 0, done.stderr
    aside = next(p for p in tmp_path.iterdir() if "before-restore" in p.name)
    assert f"kept as {aside}" in done.stdout
    assert [i["text_en"] for i in Store(aside, readonly=True).items()] == ["in the backup", "after the backup"]
    restored = Store(fresh_store.path)
    assert [i["text_en"] for i in restored.items()] == ["in the backup"]
    restored.add_item("s2", "progress", text_en="the meeting goes on", org="map")
    assert len(Store(fresh_store.path, readonly=True).items()) == 2
    assert restore(saved, tmp_path / "new.db", confirm=lambda q: "Create" in q)[1] is None


@pytest.mark.slow
def test_restore_refuses_while_another_process_holds_the_database(fresh_store, tmp_path):
    saved = backup(fresh_store.path, tmp_path / "saved.db").path
    fresh_store.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from roundtable_lib import Store; s = Store(sys.argv[1]); s.items(); "
            "print('holding', flush=True); time.sleep(120)",
            str(fresh_store.path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        result = roundtable("restore", saved, "--db", fresh_store.path, "--yes")
        assert result.returncode == 1
        assert f"pids {holder.pid}" in result.stderr and "stop `roundtable serve`" in result.stderr
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert not [p for p in tmp_path.iterdir() if "before-restore" in p.name]
