"""The dashboards' PgBouncer on PostgreSQL: connections that do not grow with the room.

A real throwaway PostgreSQL cluster and Debian's real ``pgbouncer``; nothing is mocked."""

import stat
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from roundtable_lib import Store
from roundtable_lib.exceptions import ReadOnlyStore, RoundtableError, StoreError
from roundtable_lib.serving import pooler
from roundtable_lib.serving.pooler import CLIENT, Pooler, ServerLogin
from roundtable_lib.store.postgres import DASHBOARD_ROLE
from tests.helpers import free_port, serving
from tests.helpers.pgcluster import Cluster

LOGIN = ServerLogin("127.0.0.1", 5432, "meeting", "phones", 'pass "word"')


def test_the_pooler_pools_transactions_on_this_computer_only_with_its_files_private(tmp_path):
    folder = tmp_path / "pool"
    folder.mkdir()
    pool = Pooler(LOGIN, folder, port=6999, pool_size=7)
    pool.write()
    config = (folder / "pgbouncer.ini").read_text()
    assert "pool_mode = transaction" in config and "default_pool_size = 7" in config
    assert "max_db_connections = 7" in config and "listen_addr = 127.0.0.1" in config
    assert "unix_socket_dir =\n" in config and "auth_type = scram-sha-256" in config
    assert f"SET role = {DASHBOARD_ROLE}" in config and "default_transaction_read_only = on" in config
    users = folder / "users.txt"
    assert stat.S_IMODE(users.stat().st_mode) == 0o600
    assert users.read_text().splitlines() == [f'"{CLIENT}" "{pool.password}"', '"phones" "pass ""word"""']
    url = sa.engine.make_url(pool.url())
    assert (url.host, url.port, url.database, url.username) == ("127.0.0.1", 6999, "meeting", CLIENT)
    assert url.query == {"pooled": "pgbouncer"}


def test_only_postgresql_dashboards_are_pooled_and_the_organiser_can_turn_it_off(monkeypatch, tmp_path):
    assert not pooler.wanted(tmp_path / "roundtable.db")
    assert pooler.wanted("postgresql+psycopg://organisers@db/meeting")
    monkeypatch.setenv(pooler.SWITCH, "0")
    assert not pooler.wanted("postgresql+psycopg://organisers@db/meeting")


def test_without_postgresql_the_dashboards_keep_the_database_and_no_pooler_starts(tmp_path):
    procs = []
    with pooler.for_dashboards(str(tmp_path / "roundtable.db"), procs, out=lambda line: None) as db:
        assert db == str(tmp_path / "roundtable.db") and procs == []


def test_a_pooled_address_is_for_read_only_public_stores():
    pooled = "postgresql+psycopg://someone@127.0.0.1:6999/meeting?pooled=pgbouncer"
    with pytest.raises(StoreError, match="dashboards only"):
        Store(pooled, actor="chair")


# ---------------------------------------------------------------- a real server and a real pooler


@pytest.fixture
def meeting_db(postgres_cluster, meeting):
    """(chairs' URL, the dashboards' login URL `phones`, a store of the chairs) on a new database."""
    url = postgres_cluster.new_database()
    chair = Store(url, actor="chair")
    chair.init(meeting)
    chair.set_current_session("s2")
    for n in range(3):
        chair.add_item("s2", "progress", text_en=f"Before the doors opened {n}", org="map")
    postgres_cluster.sql(f"DROP ROLE IF EXISTS phones; CREATE ROLE phones LOGIN IN ROLE {DASHBOARD_ROLE}")
    yield url, postgres_cluster.url(url.rsplit("/", 1)[1], user="phones"), chair
    chair.close()


def _server_connections(cluster, database, user="phones"):
    rows = cluster.sql(f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' AND usename = '{user}'")
    return rows[0][0]


@pytest.mark.slow
def test_two_hundred_kernels_through_the_pooler_hold_at_most_its_pool_of_server_connections(
    postgres_cluster, meeting_db
):
    from tests.helpers.jupyterlab import record

    url, phones, chair = meeting_db
    database = url.rsplit("/", 1)[1]
    lines = []
    with pooler.for_dashboards(phones, [], out=lines.append, pool_size=5) as pooled:
        assert "?pooled=pgbouncer" in pooled and lines == [
            "Dashboards reach the database through PgBouncer: at most 5 server connections."
        ]
        with ThreadPoolExecutor(50) as pool:
            kernels = list(pool.map(lambda _: Store(pooled, readonly=True, public=True, actor="dashboard"), range(200)))
        peak, stop = [0], threading.Event()

        def watch():
            while not stop.is_set():
                peak[0] = max(peak[0], _server_connections(postgres_cluster, database))
                time.sleep(0.02)

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            # Each kernel ticks several times: psycopg would prepare its statements by the fifth.
            def ticks(store):
                return [(store.change_token(), len(store.items(session="s2"))) for _ in range(8)]

            with ThreadPoolExecutor(50) as pool:
                seen = list(pool.map(ticks, kernels))
        finally:
            stop.set()
            watcher.join()
        token = chair.change_token()
        assert all(tick == (token, 3) for ticks_ in seen for tick in ticks_)
        assert 1 <= peak[0] <= 5, peak[0]
        record(f"pooler: 200 dashboard stores x 8 ticks through PgBouncer, peak {peak[0]} server connections (pool 5)")

        # A capture through the chairs' direct engine is seen through the pooler at the next tick.
        chair.add_item("s2", "progress", text_en="Captured while 200 phones watched", org="map")
        assert kernels[0].change_token() == chair.change_token() > token
        assert "Captured while 200 phones watched" in [i["text_en"] for i in kernels[-1].items(session="s2")]
        for store in kernels:
            store.close()


@pytest.mark.slow
def test_a_dashboard_through_the_pooler_cannot_write_and_the_chairs_engine_still_can(meeting_db):
    url, phones, chair = meeting_db
    with pooler.for_dashboards(phones, [], out=lambda line: None) as pooled:
        with Store(pooled, readonly=True, public=True, actor="dashboard") as view:
            with pytest.raises(ReadOnlyStore):
                view.add_item("s2", "progress", text_en="A phone tries to write", org="map")
            # The database itself refuses, whatever our code does: read-only transactions, the
            # dashboards' role, and without the role the login has no rights on the tables.
            for statement in (
                "INSERT INTO public.history (entity, entity_id, action) VALUES ('x', 'x', 'x')",
                "SET ROLE NONE; SET default_transaction_read_only = off; DELETE FROM public.items",
                "SELECT text_en FROM public.items",
            ):
                with view.engine.connect() as conn, pytest.raises(sa.exc.DBAPIError):
                    conn.exec_driver_sql(statement)
            with view.engine.connect() as conn:
                assert conn.exec_driver_sql("SELECT current_user").scalar() == DASHBOARD_ROLE
            before = len(view.items(session="s2"))
        chair.add_item("s2", "progress", text_en="The chair still saves", org="map")
        with Store(pooled, readonly=True, public=True, actor="dashboard") as view:
            assert len(view.items(session="s2")) == before + 1


@pytest.mark.slow
def test_the_pooler_logs_in_with_a_password_from_the_environment_and_refuses_a_wrong_one(meeting, monkeypatch):
    """A venue's server asks passwords over the network (scram-sha-256): PgBouncer logs in with
    the one libpq found (PGPASSWORD, ~/.pgpass), and a wrong one fails at start, not per phone."""
    cluster = Cluster(free_port())
    try:
        url = cluster.new_database()
        with Store(url, actor="organiser") as store:
            store.init(meeting)
        cluster.sql(f"CREATE ROLE phones LOGIN PASSWORD 'another \"password' IN ROLE {DASHBOARD_ROLE}")
        (cluster.data / "pg_hba.conf").write_text(
            "local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
        )
        cluster.sql("SELECT pg_reload_conf()")
        phones = cluster.url(url.rsplit("/", 1)[1], user="phones")
        monkeypatch.setenv("PGPASSWORD", "wrong")
        with pytest.raises(RoundtableError, match="password"):
            with pooler.for_dashboards(phones, [], out=lambda line: None):
                pass
        monkeypatch.setenv("PGPASSWORD", 'another "password')
        with pooler.for_dashboards(phones, [], out=lambda line: None) as pooled:
            monkeypatch.delenv("PGPASSWORD")  # the kernels need only the pooler's own password
            with Store(pooled, readonly=True, public=True, actor="dashboard") as view:
                assert view.meeting.title["en"] == meeting.title["en"]
    finally:
        cluster.stop()


def _children(pid):
    """(pid, command line, environment) of each process under ``pid``."""
    found, parents = [], {pid}
    for _ in range(3):
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) in {f[0] for f in found}:
                continue
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                if ppid in parents:
                    cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                    env = (entry / "environ").read_bytes().decode(errors="replace").split("\0")
                    found.append((int(entry.name), cmd, env))
            except (OSError, IndexError, ValueError):
                continue
        parents |= {f[0] for f in found}
    return found


@pytest.mark.slow
@pytest.mark.browser
def test_roundtable_serve_on_postgresql_gives_the_dashboards_the_pooler_and_stops_it(meeting_db, chromium, tmp_path):
    url, _phones, chair = meeting_db
    port = free_port()
    with serving(url, tmp_path, "--no-lab", "--voila-port", port) as (proc, printed):
        assert "Dashboards reach the database through PgBouncer: at most 10 server connections." in printed
        children = _children(proc.pid)
        bouncers = [c for c in children if "pgbouncer" in c[1].split(" ", 1)[0]]
        voilas = [c for c in children if "voila" in c[1]]
        assert len(bouncers) == 1 and voilas, [c[1] for c in children]
        # Voila's kernels get the pooler's address; the password stays out of what serve prints.
        dashboards_db = next(v.split("=", 1)[1] for v in voilas[0][2] if v.startswith("ROUNDTABLE_DB="))
        assert dashboards_db.endswith("?pooled=pgbouncer") and f"{CLIENT}:" in dashboards_db
        assert dashboards_db.split(":")[2].split("@")[0] not in printed
        token = printed.split("/voila/render/index.ipynb?token=")[1].split()[0]
        page = f"http://127.0.0.1:{port}/voila/render/live.ipynb?token={token}"
        context = chromium.new_context(viewport={"width": 390, "height": 844})
        phone = context.new_page()
        assert phone.goto(page, timeout=120_000).status == 200
        phone.get_by_text("Before the doors opened 2").first.wait_for(timeout=60_000)
        chair.add_item("s2", "progress", text_en="Captured while the phone watched", org="map")
        phone.get_by_text("Captured while the phone watched").first.wait_for(timeout=60_000)
        context.close()
        proc.terminate()
        assert proc.wait(timeout=60) in (0, 130)
    assert not Path(f"/proc/{bouncers[0][0]}").exists()
    config = Path(bouncers[0][1].split()[-1])
    assert config.name == "pgbouncer.ini" and not config.parent.exists()  # its passwords are gone too
