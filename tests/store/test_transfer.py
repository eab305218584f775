"""`roundtable migrate-db`: a meeting moved SQLite -> PostgreSQL -> SQLite loses nothing."""

import pytest

from roundtable_lib import Store, StoreError
from roundtable_lib.cli import main
from roundtable_lib.store import transfer
from tests.helpers import seed_session_3_vote


def everything(store):
    """What a person could ever see of a meeting, through the store."""
    polls = [store.poll_results(p["id"]) for p in store.polls()]
    return {
        "items": store.items(include_deleted=True),
        "participants": store.participants(),
        "polls": polls,
        "history": store.history(),
        "current": store.current_session(),
        "change_token": store.change_token(),
    }


@pytest.fixture
def meeting_db(demo_store):
    seed_session_3_vote(demo_store)
    secret = demo_store.add_item("s2", "challenge", text_en="Survivor's case ผู้เสียหาย", org="fed", sensitive=True)
    demo_store.delete_item(secret["id"])
    demo_store.undo()
    return demo_store


def test_sqlite_to_postgresql_and_back_loses_nothing(meeting_db, postgres_cluster, tmp_path):
    before = everything(meeting_db)
    pg = postgres_cluster.new_database()
    lines = []
    assert main(["migrate-db", "--from", str(meeting_db.path), "--to", pg], out=lines.append) == 0
    text = "\n".join(lines)
    assert "DIFFERENT" not in text and "Everything was copied and checked." in text
    assert f"History: {len(before['history'])} entries, last id {before['change_token']}" in text
    with Store(pg) as moved:
        assert everything(moved) == before
        # the copy keeps working: new history ids continue after the copied ones, undo still walks back
        item = moved.add_item("s2", "progress", text_en="after the move", org="map")
        assert moved.change_token() == before["change_token"] + 1
        moved.undo()
        assert moved.get_item(item["id"])["deleted_at"]
        after_pg = everything(moved)
    back = tmp_path / "back.db"
    assert main(["migrate-db", "--from", pg, "--to", str(back)], out=lines.append) == 0
    with Store(back) as returned:
        assert everything(returned) == after_pg


def test_a_target_holding_a_meeting_is_refused_unless_replaced(meeting_db, postgres_cluster, meeting):
    pg = postgres_cluster.new_database()
    with Store(pg) as other:
        other.init(meeting)
        other.add_item("s2", "progress", text_en="already here", org="map")
    with pytest.raises(StoreError, match="already holds a meeting; nothing was copied"):
        transfer.transfer(meeting_db.path, pg)
    with Store(pg) as other:
        assert [i["text_en"] for i in other.items()] == ["already here"]
    report = transfer.transfer(meeting_db.path, pg, replace=True)
    assert report.same
    with Store(pg) as other:
        assert "already here" not in [i["text_en"] for i in other.items()]
        assert len(other.items()) == len(meeting_db.items())


def test_a_copy_that_differs_writes_nothing(meeting_db, postgres_cluster, monkeypatch):
    pg = postgres_cluster.new_database()
    real = transfer.table_digest
    calls = []

    def digest(conn, table):  # the target's read-back of `items` comes out different
        rows, sha = real(conn, table)
        calls.append(table.name)
        return (rows, "0" * 64) if table.name == "items" and calls.count("items") == 2 else (rows, sha)

    monkeypatch.setattr(transfer, "table_digest", digest)
    with pytest.raises(StoreError, match="differs from the source; nothing was written"):
        transfer.transfer(meeting_db.path, pg)
    with Store(pg) as target:
        assert target.items(include_deleted=True) == [] and target.history() == []


def test_refuses_the_same_database_and_a_missing_source(meeting_db, tmp_path):
    with pytest.raises(StoreError, match="same database"):
        transfer.transfer(meeting_db.path, meeting_db.path)
    assert main(["migrate-db", "--from", str(tmp_path / "none.db"), "--to", str(tmp_path / "new.db")]) == 1
