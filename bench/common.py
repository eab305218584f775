"""What the benchmarks share: the repository's folders, the settings they read from the
environment, the statistics they report and how a figure is printed, and the captures of
several writer processes at once. A free port comes from the workbook's own
:func:`roundtable_lib.serving.processes.free_local_port`.

Benchmarks (``bench/*_bench.py``) import from here, never one another's private helpers; this
module imports nothing of the workbook but the store's public API.
"""

import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CULL = 30  # the workbook's --cull-seconds in the viewer benchmarks: a closed tab's kernel goes this soon


def env_list(name, default):
    """The whole numbers in the comma-separated environment variable ``name`` (or ``default``)."""
    return [int(x) for x in os.environ.get(name, default).split(",") if x.strip()]


def mean(values):
    return sum(values) / len(values) if values else 0


def pct(values, q):
    """The ``q`` quantile (0.5, 0.95) of the values that are not None, or None when there are none."""
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def fmt(value, scale):
    """A figure for a report's table: scaled, three significant digits or so; "-" when not measured."""
    if value is None:
        return "-"
    value = value * scale
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"


def timeit(fn, repeat=7, number=200):
    """Seconds per call of ``fn``: the median of ``repeat`` runs of ``number`` calls."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - start) / number)
    return statistics.median(runs)


WRITER = textwrap.dedent(
    """
    import sys
    from roundtable_lib import Store
    store = Store(sys.argv[1], actor=sys.argv[2])
    for n in range(int(sys.argv[3])):
        store.add_item("s4", "need", text_en=f"{sys.argv[2]} {n}", org="map", attrs={"area": "M&E"})
    """
)


def writers(db, count, per_writer):
    """(all succeeded, captures per second): ``count`` processes capturing ``per_writer`` items each
    into ``db`` at once, as chairs in several rooms do."""
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), f"w{i}", str(per_writer)]) for i in range(count)]
    ok = all(p.wait() == 0 for p in procs)
    return ok, (count * per_writer) / (time.perf_counter() - start)
