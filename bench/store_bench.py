"""Store: the dashboard's change check against reloading everything, and capture throughput.

1. A dashboard asks "did anything change?" once a second. Compare `change_token()` with the
   naive alternative (reload the current session's items every tick).
2. Captures per second with two writer processes at once, against one writer alone (the
   ratio shows what WAL + BEGIN IMMEDIATE costs under contention; none may be lost).
"""

import tempfile
from pathlib import Path

from bench.common import ROOT, timeit, writers
from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo


def run():
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        with Store(db) as store:
            store.init(load_meeting(ROOT / "data" / "meeting.yaml"))
            fill_demo(store)
            for n in range(300):  # a busy session: a few hundred items
                store.add_item("s2", "progress", text_en=f"update {n}", org="map")
        reader = Store(db, readonly=True, public=True)
        token = timeit(reader.change_token)
        naive = timeit(lambda: reader.items(session="s2"), number=50)
        print(
            f"  change check: change_token {token * 1e6:8.1f} us   reload items {naive * 1e6:8.1f} us"
            f"   ratio {naive / token:6.1f}x cheaper"
        )

        per_writer = 150
        with Store(db) as store:
            before = len(store.items(include_deleted=True))
        ok1, one = writers(db, 1, per_writer)
        ok2, two = writers(db, 2, per_writer)
        with Store(db) as store:
            lost = before + 3 * per_writer - len(store.items(include_deleted=True))
        print(f"  captures/s: one writer {one:7.1f}   two writers {two:7.1f}   ratio {two / one:5.2f}   lost {lost}")
        return ok1 and ok2 and lost == 0
