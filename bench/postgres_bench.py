"""PostgreSQL against SQLite: the dashboards' change check and captures with several chairs at once.

Both engines on this machine, in the same run: a throwaway PostgreSQL cluster (as the tests
start it, over TCP on 127.0.0.1, fsync off) and a SQLite file. Ratios are PostgreSQL / SQLite.
1. The change check a dashboard makes every tick (`change_token()`, as the read-only dashboards' role).
2. Captures per second with 1 and 4 writer processes (chairs in four rooms); none may be lost.
"""

import contextlib
import os
import tempfile
import threading
from pathlib import Path

from bench.common import ROOT, timeit, writers
from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo
from roundtable_lib.serving import pooler
from roundtable_lib.serving.processes import free_local_port


class ConnectionWatch:
    """The most server connections one database held since the last :meth:`take_peak`, from
    pg_stat_activity every 0.2 s (watched from another database, so the watch is not counted)."""

    def __init__(self, cluster, database):
        import psycopg

        self.conn = psycopg.connect(
            f"host=127.0.0.1 port={cluster.port} dbname=postgres user=postgres", autocommit=True
        )
        self.database, self.peak, self.stopped = database, 0, threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self):
        query = "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
        while not self.stopped.wait(0.2):
            self.peak = max(self.peak, self.conn.execute(query, (self.database,)).fetchone()[0])

    def take_peak(self):
        peak, self.peak = self.peak, 0
        return peak

    def close(self):
        self.stopped.set()
        self.thread.join()
        self.conn.close()


@contextlib.contextmanager
def bench_database(folder):
    """``(chairs' database, dashboards' database, ConnectionWatch or None)`` for a bench of
    dashboards: ``FORKED_ENGINE=sqlite`` (the default) a file in ``folder`` for both;
    ``FORKED_ENGINE=postgres`` a throwaway cluster's database, with the meeting's schema, whose
    dashboards go through PgBouncer as `roundtable serve` puts them (chairs directly)."""
    engine = os.environ.get("FORKED_ENGINE", "sqlite")
    if engine == "sqlite":
        yield Path(folder) / "bench.db", None, None
        return
    if engine != "postgres":
        raise SystemExit(f"FORKED_ENGINE is sqlite or postgres, not {engine!r}")
    from tests.helpers.pgcluster import Cluster

    cluster = Cluster(free_local_port())
    watch = None
    try:
        url = cluster.new_database()
        with Store(url, actor="chair:bench") as store:
            store.init(load_meeting(ROOT / "data" / "meeting.yaml"))  # the dashboards' role and views
        with pooler.for_dashboards(url, [], out=lambda line: print(f"  {line}", flush=True)) as dashboards:
            watch = ConnectionWatch(cluster, url.rsplit("/", 1)[1])
            yield url, dashboards, watch
    finally:
        if watch is not None:
            watch.close()
        cluster.stop()


def _prepare(target):
    with Store(target) as store:
        store.init(load_meeting(ROOT / "data" / "meeting.yaml"))
        fill_demo(store)
        for n in range(300):
            store.add_item("s2", "progress", text_en=f"update {n}", org="map")
        return len(store.items(include_deleted=True))


def _measure(target):
    before = _prepare(target)
    with Store(target, readonly=True, public=True) as reader:
        token = timeit(reader.change_token)
    per_writer = 100
    ok1, one = writers(target, 1, per_writer)
    ok4, four = writers(target, 4, per_writer)
    with Store(target) as store:
        lost = before + 5 * per_writer - len(store.items(include_deleted=True))
    return ok1 and ok4 and lost == 0, token, one, four, lost


def run():
    from tests.helpers.pgcluster import Cluster

    cluster = Cluster(free_local_port())
    try:
        with tempfile.TemporaryDirectory() as folder:
            ok_s, token_s, one_s, four_s, lost_s = _measure(Path(folder) / "bench.db")
            ok_p, token_p, one_p, four_p, lost_p = _measure(cluster.new_database())
    finally:
        cluster.stop()
    print(
        f"  change check: SQLite {token_s * 1e6:7.1f} us   PostgreSQL {token_p * 1e6:7.1f} us"
        f"   ratio {token_p / token_s:5.1f}x"
    )
    print(f"  captures/s, 1 writer:  SQLite {one_s:7.1f}   PostgreSQL {one_p:7.1f}   ratio {one_p / one_s:5.2f}")
    print(
        f"  captures/s, 4 writers: SQLite {four_s:7.1f}   PostgreSQL {four_p:7.1f}   ratio {four_p / four_s:5.2f}"
        f"   lost {lost_s} / {lost_p}"
    )
    return ok_s and ok_p
