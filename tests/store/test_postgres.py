"""The store on a real PostgreSQL server: the dashboards' role, its public views, the change signal."""

import psycopg
import pytest
import sqlalchemy as sa

from roundtable_lib import NotFound, Store, StoreError
from roundtable_lib.store.postgres import DASHBOARD_ROLE, PUBLIC_SCHEMA
from tests.helpers import seed_session_3_vote


@pytest.fixture
def pg_url(postgres_cluster):
    return postgres_cluster.new_database()


@pytest.fixture
def chair(pg_url, meeting):
    store = Store(pg_url, actor="chair:test")
    store.init(meeting)
    yield store
    store.close()


@pytest.fixture
def dashboard(chair):
    store = Store(chair.target, readonly=True, public=True, actor="dashboard")
    yield store
    store.close()


@pytest.fixture
def dashboard_login(postgres_cluster, chair):
    """A login user that is nothing but a member of the dashboards' role, as the README sets up for
    the dashboard laptops."""
    postgres_cluster.sql(f"DROP ROLE IF EXISTS phones; CREATE ROLE phones LOGIN IN ROLE {DASHBOARD_ROLE}")
    return postgres_cluster.url(chair.url.database, user="phones")


WRITES = [
    "INSERT INTO items (id, session, kind, created_at, created_by, updated_at, updated_by) "
    "VALUES ('x', 's2', 'note', 'a', 'b', 'c', 'd')",
    "UPDATE items SET sensitive = 0",
    "DELETE FROM history",
    "INSERT INTO public.items (id, session, kind, created_at, created_by, updated_at, updated_by) "
    "VALUES ('x', 's2', 'note', 'a', 'b', 'c', 'd')",
    "DELETE FROM public.history",
    "UPDATE public.polls SET revealed = 1",
    "CREATE TABLE notes (x text)",
    f"CREATE TABLE {PUBLIC_SCHEMA}.notes (x text)",
    f"DROP VIEW {PUBLIC_SCHEMA}.items",
    "DROP TABLE public.items",
]


@pytest.mark.parametrize("statement", WRITES)
def test_the_database_refuses_every_write_of_the_dashboards_role(chair, dashboard, dashboard_login, statement):
    secret = chair.add_item("s2", "challenge", text_en="survivor's case", org="fed", sensitive=True)
    for engine in (dashboard.engine, sa.create_engine(dashboard_login)):
        with engine.connect() as conn:
            # Past the store's own checks: its transaction-level read-only flag off, as a raw client would.
            conn.exec_driver_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
            conn.commit()
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied|must be owner"):
                conn.exec_driver_sql(statement)
            conn.rollback()
    assert chair.get_item(secret["id"])["text_en"] == "survivor's case"
    assert len(chair.history()) >= 2


def test_a_dashboard_login_user_cannot_shed_the_role(chair, dashboard_login):
    """``SET ROLE NONE`` returns a session to the user it logged in as: for the organisers' user
    that is the owner (so a dashboard laptop gets the dashboard login's address, see the README);
    for the dashboard login it is still nobody who may write."""
    chair.add_item("s2", "progress", text_en="kept", org="map")
    with sa.create_engine(dashboard_login).connect() as conn:
        conn.exec_driver_sql("SET ROLE NONE")
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            conn.exec_driver_sql("DELETE FROM public.items")
    assert [i["text_en"] for i in chair.items()] == ["kept"]


def test_the_dashboards_role_cannot_read_the_tables_only_the_views(chair, dashboard_login):
    chair.add_item("s2", "challenge", text_en="survivor's case", org="fed", sensitive=True)
    with sa.create_engine(dashboard_login).connect() as conn:
        for table in ("items", "participants", "history", "ballots"):
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
                conn.exec_driver_sql(f"SELECT * FROM public.{table}")
            conn.rollback()
        assert conn.exec_driver_sql(f"SELECT count(*) FROM {PUBLIC_SCHEMA}.items").scalar() == 0


def test_a_dashboard_login_user_reads_the_meeting_through_the_store(chair, dashboard_login):
    chair.add_item("s2", "progress", text_en="Radio show", org="map")
    with Store(dashboard_login, readonly=True, public=True) as store:
        assert [i["text_en"] for i in store.items()] == ["Radio show"]
        assert store.meeting.id == chair.meeting.id


def test_public_views_leave_out_what_dashboards_must_never_show(chair, dashboard):
    chair.add_item("s2", "challenge", text_en="open", org="fed")
    secret = chair.add_item("s2", "challenge", text_en="survivor's case", org="fed", sensitive=True)
    gone = chair.add_item("s2", "challenge", text_en="typo", org="fed")
    chair.delete_item(gone["id"])
    chair.add_participant("Naw Paw", "map", consent=False)
    chair.add_participant("Somsri Named", "fed", consent=True)
    _first, _second, poll = seed_session_3_vote(chair)
    with dashboard.engine.connect() as conn:
        raw = lambda sql: conn.exec_driver_sql(sql).all()  # noqa: E731 - straight to the views, no store
        assert sorted(r[0] for r in raw("SELECT text_en FROM items WHERE session = 's2'")) == ["open"]
        # a consenting participant's name is blank; the withheld ones are there for the policy
        assert sorted(raw("SELECT name FROM participants")) == [("",), ("Naw Paw",), ("P",)]
        assert raw("SELECT count(*) FROM history WHERE before IS NOT NULL OR after IS NOT NULL") == [(0,)]
        assert "survivor" not in str(raw("SELECT * FROM history"))
        assert raw("SELECT count(*) FROM ballots") == [(0,)]  # results not revealed yet
    chair.reveal_poll(poll["id"])
    with dashboard.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM ballots").scalar() == 1
    assert dashboard.poll_results(poll["id"])["voters"] == 1
    with pytest.raises(NotFound):
        dashboard.get_item(secret["id"])


def test_a_table_added_by_a_later_migration_gets_a_view_that_hides_sensitive_rows(chair, monkeypatch, pg_url):
    from roundtable_lib.store import migrations

    def m9000_test_notes(conn):
        md = sa.MetaData()
        sa.Table(
            "notes",
            md,
            sa.Column("id", sa.String(64), primary_key=True),
            sa.Column("text", sa.Text()),
            sa.Column("sensitive", sa.Integer(), nullable=False, server_default="0"),
        )
        md.create_all(conn)
        conn.exec_driver_sql("INSERT INTO notes VALUES ('a', 'public', 0), ('b', 'secret', 1)")

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [m9000_test_notes])
    Store(pg_url).close()  # a writer applies the migration and refreshes the views
    with Store(pg_url, readonly=True, public=True).engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT text FROM notes").all() == [("public",)]


def test_the_change_signal_is_one_small_query_per_tick(chair, dashboard):
    statements = []
    sa.event.listen(dashboard.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    dashboard.change_token()  # the first call opens the pooled connection
    statements.clear()
    for _ in range(10):
        dashboard.change_token()
    assert len(statements) == 10, statements
    assert all("max(id)" in s for s in statements)
    with chair.engine.connect() as conn:
        plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN SELECT coalesce(max(id), 0) FROM history"))
    assert "Index" in plan or "Seq Scan on history" in plan  # tiny table: either is one cheap scan


def test_writers_queue_so_history_ids_commit_in_order(chair):
    """Two stores writing from two threads: every id the change token passes over is seen."""
    import threading

    other = Store(chair.target, actor="chair:other")
    seen = []

    def write(store, n):
        for i in range(n):
            store.add_item("s4", "need", text_en=f"{store.actor} {i}", org="map", attrs={"area": "M&E"})

    threads = [threading.Thread(target=write, args=(s, 40)) for s in (chair, other)]
    for t in threads:
        t.start()
    token = 0
    while any(t.is_alive() for t in threads):
        seen += [h["id"] for h in reversed(chair.history()) if h["id"] > token]
        token = seen[-1] if seen else token
    for t in threads:
        t.join()
    seen += [h["id"] for h in reversed(chair.history()) if h["id"] > token]
    history_ids = [h["id"] for h in chair.history()]
    assert sorted(seen) == sorted(i for i in history_ids if i > min(seen) - 1)
    assert len(chair.items(session="s4")) == 80
    other.close()


def test_an_unreachable_server_gives_a_message(postgres_cluster):
    with pytest.raises(StoreError, match="Cannot use the PostgreSQL database"):
        Store(f"postgresql+psycopg://roundtable@127.0.0.1:{postgres_cluster.port}/no_such_meeting")


def test_a_password_never_appears_in_messages(chair):
    url = chair.target.replace("roundtable@", "roundtable:hunter2@")
    store = Store(url)
    assert "hunter2" not in store.label and "hunter2" not in repr(store) and "hunter2" in store.target
    assert "hunter2" not in store.status()["path"]


def test_psycopg_is_the_driver(pg_url):
    assert psycopg.__version__ >= "3"
    store = Store(pg_url.replace("postgresql+psycopg://", "postgresql://"))
    assert store.engine.dialect.driver == "psycopg"


def test_a_dashboard_replaces_withheld_names_on_a_database_made_before_its_view_gave_them(chair, pg_url):
    chair.add_participant("Naw Paw", "map", consent=False)
    chair.add_item("s2", "challenge", text_en="Naw Paw was not paid for six months", org="map")
    with chair.engine.begin() as conn:  # the database as the previous version left it
        conn.exec_driver_sql(f"DROP VIEW {PUBLIC_SCHEMA}.participants")
        conn.exec_driver_sql(
            f"CREATE VIEW {PUBLIC_SCHEMA}.participants AS "
            "SELECT id, '' AS name, org, role, language, consent, attended, created_at, updated_at, deleted_at "
            "FROM public.participants WHERE deleted_at IS NULL"
        )
        conn.exec_driver_sql("DELETE FROM migrations WHERE name = 'm0005_dashboards_replace_withheld_names'")
    Store(pg_url, actor="organiser").close()  # the first writer to open it after the upgrade
    with Store(pg_url, readonly=True, public=True) as dashboard:
        assert [i["text_en"] for i in dashboard.items()] == ["[name withheld] was not paid for six months"]
