"""Exports: the whole export of the demo meeting, charts and PDFs included, against the same
export with tables and Word files only (no browser).

The organisers send the report and the joint recommendations the afternoon of the meeting: the
full export should take well under a minute on their laptop (about 15 s on the 2-core CI
machine). The figure is printed with the time of each step; the ratio to the browser-free
export, measured in the same run, says what drawing charts and printing PDFs cost.
"""

import tempfile
import time
from pathlib import Path

from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo
from roundtable_lib.outputs.export import export_all

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 15


def _export(db, out, **options):
    marks = []
    result = export_all(
        db, out, progress=lambda _n, _total, label: marks.append((label, time.perf_counter())), **options
    )
    marks.append(("end", time.perf_counter()))
    steps = {label: end - start for (label, start), (_, end) in zip(marks, marks[1:], strict=False)}
    return result, steps


def run():
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        with Store(db) as store:
            store.init(load_meeting(ROOT / "data" / "meeting.yaml"))
            fill_demo(store)
        plain, _ = _export(db, Path(folder) / "plain", charts=False, pdf=False)
        full, steps = _export(db, Path(folder) / "full")
        ok = (
            not full.omitted_charts
            and not full.skipped
            and {"report.pdf", "joint-recommendations.pdf"} <= set(full.files)
        )
        print(
            f"  whole export (charts + PDFs): {full.seconds:5.1f} s (target about {TARGET_SECONDS} s)"
            f"   without browser: {plain.seconds:5.1f} s   ratio {full.seconds / plain.seconds:5.1f}x"
            f"   {len(full.files)} files"
        )
        if not ok:
            print(f"  CHARTS OR PDFS MISSING: {full.skipped + full.omitted_charts}")
        slowest = sorted(steps.items(), key=lambda kv: -kv[1])[:3]
        print("  slowest steps: " + ", ".join(f"{label} {seconds:.1f} s" for label, seconds in slowest))
        return ok
