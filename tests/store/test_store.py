import json
import sqlite3
import textwrap

import pytest

from roundtable_lib import NotFound, ReadOnlyStore, Store, StoreError, ValidationError
from roundtable_lib.store import migrations, new_id
from tests.helpers import run_at_once

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>document.location='http://evil'</script>",
    "'; DROP TABLE items; --",
    'Robert"); DELETE FROM history; --',
    "ผู้ย้ายถิ่นที่ไม่มีเอกสาร น้ำใจ",
    "emoji 👩🏽‍⚖️🇹🇭",
    "%s %d {0} {{}}",
    "\\x00 \\n literal backslashes",
]


@pytest.fixture
def db_path(store_url):
    """Every store test runs on both engines: a SQLite file and a PostgreSQL database."""
    return store_url


@pytest.fixture
def sqlite_store(tmp_path, meeting):
    store = Store(tmp_path / "only-sqlite.db", actor="chair:test")
    store.init(meeting)
    yield store
    store.close()


def test_pragmas_for_durability_and_concurrency(sqlite_store):
    raw = sqlite3.connect(sqlite_store.path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with sqlite_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_exactly_and_harms_nothing(fresh_store, text):
    item = fresh_store.add_item("s2", "progress", text_en=text, org="map")
    assert fresh_store.get_item(item["id"])["text_en"] == text
    assert len(fresh_store.items()) == 1
    assert fresh_store.history(limit=1)[0]["after"]["text_en"] == text


def test_invalid_items_write_nothing(fresh_store):
    token = fresh_store.change_token()
    cases = [
        dict(session="s2", kind="progress", text_en="", org="map"),
        dict(session="s2", kind="progress", text_en="x", org=None),
        dict(session="s2", kind="synergy", text_en="x", orgs=["map"]),
        dict(session="s9", kind="note", text_en="x"),
        dict(session="s2", kind="gossip", text_en="x"),
        dict(session="s2", kind="progress", text_en="x", org="nobody"),
        dict(session="conclusions", kind="action", text_en="x", org="map", attrs={"due": "31/12/2016"}),
        dict(session="s2", kind="progress", text_en="x" * 1_000_000, org="map"),
    ]
    for case in cases:
        with pytest.raises(ValidationError):
            fresh_store.add_item(**case)
    assert fresh_store.items(include_deleted=True) == []
    assert fresh_store.change_token() == token


def test_validation_messages_say_what_to_do(fresh_store):
    with pytest.raises(ValidationError, match="at least two"):
        fresh_store.add_item("s2", "synergy", text_en="together", orgs=["map", "map"])
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        fresh_store.add_item("conclusions", "action", text_en="x", org="map", attrs={"due": "next week"})


def test_duplicate_submit_is_idempotent(fresh_store):
    entry = new_id()
    first = fresh_store.add_item("s2", "plan", text_en="Evening classes", org="map", id=entry)
    again = fresh_store.add_item("s2", "plan", text_en="Evening classes", org="map", id=entry)
    assert again == first
    assert len(fresh_store.items()) == 1
    assert len(fresh_store.history(entity="item")) == 1


def test_edit_delete_restore_and_history(fresh_store):
    item = fresh_store.add_item("s2", "progress", text_en="Radio show", org="map", actor="chair:s2")
    fresh_store.update_item(item["id"], text_th="รายการวิทยุ", actor="organiser")
    fresh_store.delete_item(item["id"], actor="organiser")
    assert fresh_store.items() == []
    assert fresh_store.items(include_deleted=True)[0]["deleted_at"]
    fresh_store.restore_item(item["id"], actor="organiser")
    history = fresh_store.history(entity_id=item["id"])
    assert [h["action"] for h in history] == ["restore", "delete", "update", "create"]
    assert [h["actor"] for h in history][-1] == "chair:s2"
    update = history[2]
    assert update["before"]["text_th"] == "" and update["after"]["text_th"] == "รายการวิทยุ"


def test_undo_walks_back_one_change_at_a_time(fresh_store):
    item = fresh_store.add_item("s2", "progress", text_en="first", org="map")
    fresh_store.update_item(item["id"], text_en="second")
    fresh_store.delete_item(item["id"])
    assert fresh_store.undo()["deleted_at"] is None
    assert fresh_store.undo()["text_en"] == "first"
    assert fresh_store.undo()["deleted_at"]  # undoing the capture removes it
    with pytest.raises(NotFound, match="Nothing to undo"):
        fresh_store.undo()
    assert [h["action"] for h in fresh_store.history(entity_id=item["id"])][:3] == ["undo"] * 3


def test_undo_is_per_chair_and_per_session(fresh_store):
    mine = fresh_store.add_item("s2", "progress", text_en="mine", org="map", actor="chair:s2")
    fresh_store.add_item("s4", "need", text_en="theirs", org="fed", attrs={"area": "M&E"}, actor="chair:s4")
    undone = fresh_store.undo(actor="chair:s2", session="s2")
    assert undone["id"] == mine["id"]
    assert [i["text_en"] for i in fresh_store.items()] == ["theirs"]


def test_undo_refuses_to_clobber_a_later_change(fresh_store):
    item = fresh_store.add_item("s2", "progress", text_en="chair's text", org="map", actor="chair:s2")
    fresh_store.update_item(item["id"], text_en="organiser's fix", actor="organiser")
    with pytest.raises(ValidationError, match="changed again since"):
        fresh_store.undo(actor="chair:s2")
    assert fresh_store.get_item(item["id"])["text_en"] == "organiser's fix"


def test_read_only_store_refuses_every_write(fresh_store):
    item = fresh_store.add_item("s2", "progress", text_en="x", org="map")
    ro = Store(fresh_store.target, readonly=True)
    writes = [
        lambda: ro.add_item("s2", "progress", text_en="y", org="map"),
        lambda: ro.update_item(item["id"], text_en="z"),
        lambda: ro.delete_item(item["id"]),
        lambda: ro.undo(),
        lambda: ro.set_current_session("s3"),
        lambda: ro.add_participant("A", "map"),
        lambda: ro.init(fresh_store.meeting),
    ]
    for write in writes:
        with pytest.raises(ReadOnlyStore, match="read-only"):
            write()
    # and the database itself refuses, even past the store's own checks
    with ro.engine.connect() as conn, pytest.raises(Exception, match="readonly|read-only transaction"):
        conn.exec_driver_sql("DELETE FROM items")
    assert fresh_store.get_item(item["id"])["text_en"] == "x"


def test_read_only_store_needs_an_existing_database(tmp_path):
    with pytest.raises(StoreError, match="roundtable init"):
        Store(tmp_path / "missing.db", readonly=True)


def test_public_store_hides_sensitive_deleted_and_names(fresh_store, public_store):
    fresh_store.add_item("s2", "challenge", text_en="open", org="fed")
    secret = fresh_store.add_item("s2", "challenge", text_en="survivor's case", org="fed", sensitive=True)
    gone = fresh_store.add_item("s2", "challenge", text_en="typo", org="fed")
    fresh_store.delete_item(gone["id"])
    fresh_store.add_participant("Naw Paw", "map", consent=False)
    assert [i["text_en"] for i in public_store.items()] == ["open"]
    assert [i["text_en"] for i in public_store.items(include_sensitive=True, include_deleted=True)] == ["open"]
    with pytest.raises(NotFound):
        public_store.get_item(secret["id"])
    assert all(p["name"] == "" for p in public_store.participants())
    assert "survivor" not in json.dumps(public_store.history())
    # flagging an item sensitive later hides it too
    fresh_store.update_item(secret["id"], sensitive=False)
    fresh_store.update_item(secret["id"], sensitive=True)
    assert [i["text_en"] for i in public_store.items()] == ["open"]


def test_change_token_moves_with_every_write(fresh_store, public_store):
    seen = [public_store.change_token()]
    item = fresh_store.add_item("s2", "progress", text_en="x", org="map")
    seen.append(public_store.change_token())
    fresh_store.update_item(item["id"], text_en="y")
    seen.append(public_store.change_token())
    fresh_store.set_current_session("s3")
    seen.append(public_store.change_token())
    assert seen == sorted(set(seen))
    assert public_store.history(limit=1)[0]["entity"] == "state"
    assert public_store.current_session() == "s3"


def test_current_session_defaults_to_the_first_agenda_item(fresh_store):
    assert fresh_store.current_session() == "welcome"
    with pytest.raises(ValidationError, match="Unknown session"):
        fresh_store.set_current_session("lunch")


def test_init_is_idempotent_and_never_destroys(fresh_store, meeting):
    fresh_store.add_item("s2", "progress", text_en="keep me", org="map")
    assert fresh_store.init(meeting) is False
    assert [i["text_en"] for i in fresh_store.items()] == ["keep me"]


def test_one_database_holds_one_meeting(fresh_store, meeting):
    import dataclasses

    other = dataclasses.replace(meeting, id="another-meeting")
    with pytest.raises(StoreError, match="another database file"):
        fresh_store.init(other)


def test_migrations_upgrade_an_older_database(db_path, meeting, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
    old = Store(db_path)
    old.init(meeting)
    old.add_item("s2", "progress", text_en="from 2016", org="map")
    old.close()
    monkeypatch.undo()
    with pytest.raises(StoreError, match="needs upgrading"):
        Store(db_path, readonly=True)
    store = Store(db_path)
    assert store.applied_migrations() == migrations.names()
    assert [i["text_en"] for i in store.items()] == ["from 2016"]
    store.add_participant("New", "map")  # a table the old database did not have
    assert len(store.participants()) == 1


def test_a_newer_database_is_refused_not_damaged(fresh_store):
    with fresh_store.atomic() as conn:
        conn.exec_driver_sql("INSERT INTO migrations VALUES ('m9999_from_the_future', 'x')")
    with pytest.raises(StoreError, match="newer version"):
        Store(fresh_store.target)


def test_a_foreign_file_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a roundtable database"):
        Store(path)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE customers (id)")
    with pytest.raises(StoreError, match="not a roundtable database"):
        Store(other)


def test_store_accepts_a_sqlite_url_and_refuses_others(sqlite_store):
    assert Store(f"sqlite:///{sqlite_store.path}").items() == []
    with pytest.raises(StoreError, match="not supported"):
        Store("mysql://localhost/roundtable")
    with pytest.raises(StoreError, match="names no database"):
        Store("postgresql+psycopg://localhost")


WRITER = textwrap.dedent(
    """
    import sys
    from roundtable_lib import Store
    store = Store(sys.argv[1], actor=sys.argv[2])
    for n in range(int(sys.argv[3])):
        store.add_item("s4", "need", text_en=f"{sys.argv[2]} need {n}", org="map", attrs={"area": "M&E"})
        if n % 10 == 0:
            store.items(session="s4")  # read and write interleaved, as a form does
    """
)


@pytest.mark.slow
def test_two_writer_processes_lose_nothing(fresh_store):
    per_writer = 150
    run_at_once(WRITER, fresh_store.target, [f"group{g}" for g in (1, 2)], per_writer)
    texts = [i["text_en"] for i in fresh_store.items(session="s4")]
    assert len(texts) == 2 * per_writer
    assert len(set(texts)) == 2 * per_writer
    assert len(fresh_store.history(entity="item")) == 2 * per_writer


def test_atomic_groups_writes(fresh_store):
    with pytest.raises(ValidationError), fresh_store.atomic():
        fresh_store.add_item("s2", "progress", text_en="lands only with the other", org="map")
        fresh_store.add_item("s2", "progress", text_en="", org="map")
    assert fresh_store.items() == []


def _hold_write_lock(store):
    """Another process holding the database's write lock (a long backup, say): a raw connection."""
    if store.postgres:
        import psycopg

        from roundtable_lib.store import postgres

        url = store.url
        blocker = psycopg.connect(
            host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=False
        )
        blocker.execute(f"SELECT pg_advisory_xact_lock({postgres.WRITE_LOCK_KEY})")
        return blocker
    blocker = sqlite3.connect(store.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    return blocker


def test_a_locked_database_gives_a_message_and_writes_nothing(fresh_store):
    from roundtable_lib.chair.forms import CaptureForm

    impatient = Store(fresh_store.target, actor="chair:s2", busy_timeout=0.2)
    form = CaptureForm(impatient, "s2", kinds=["progress"])
    blocker = _hold_write_lock(fresh_store)
    try:
        with pytest.raises(StoreError, match="Nothing was written"):
            impatient.add_item("s2", "progress", text_en="x", org="map")
        form.org.value, form.text_en.value = "map", "Radio show"
        form.submit.click()
        assert "try again" in form.status.value and form.text_en.value == "Radio show"  # nothing typed is lost
    finally:
        blocker.rollback() if fresh_store.postgres else blocker.execute("ROLLBACK")
        blocker.close()
    form.submit.click()  # the retry, once the lock is gone
    assert [i["text_en"] for i in fresh_store.items()] == ["Radio show"]
