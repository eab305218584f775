"""Exports: the whole export of the demo meeting, charts and PDFs included, against the same
export with tables and Word files only (no browser); and the printing of the two PDFs, their
contents numbered (printed twice: see roundtable_lib.outputs.pdf), against one pass.

The organisers send the report and the joint recommendations the afternoon of the meeting: the
full export should take well under a minute on their laptop (about 15 s on the 2-core CI
machine). The figure is printed with the time of each step; the ratio to the browser-free
export, measured in the same run, says what drawing charts and printing PDFs cost, and the ratio
of the numbered print to a single pass what numbering the contents costs.
"""

import tempfile
import time
from pathlib import Path

from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo
from roundtable_lib.outputs import pdf
from roundtable_lib.outputs.chart_images import render_charts
from roundtable_lib.outputs.export import collect, export_all
from roundtable_lib.outputs.joint_recommendations import recommendation_blocks
from roundtable_lib.outputs.report import report_blocks

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


def _print_seconds(db, folder):
    """Seconds to print the demo's report and joint recommendations as the export does, with
    their contents numbered and in one pass (the baseline: contents without page numbers)."""
    content = collect(db)
    report, charts = report_blocks(content)
    images, omitted = render_charts(charts)
    head = pdf.running_head(content.meeting)
    seconds = {}
    for name, passes in (("one pass", 1), ("numbered", pdf.PASSES)):
        documents = [
            (report, folder / f"report-{passes}.pdf", content.notice, images, omitted),
            (recommendation_blocks(content), folder / f"rec-{passes}.pdf", content.notice, {}, ()),
        ]
        saved, pdf.PASSES = pdf.PASSES, passes  # the baseline stops after the first pass
        try:
            start = time.perf_counter()
            skipped = pdf.print_pdfs(documents, True, head)
            seconds[name] = time.perf_counter() - start
        finally:
            pdf.PASSES = saved
        if skipped:
            return None
    return seconds


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
            f"  whole export (charts + PDFs): {full.seconds:5.1f} s (target under {TARGET_SECONDS} s)"
            f"   without browser: {plain.seconds:5.1f} s   ratio {full.seconds / plain.seconds:5.1f}x"
            f"   {len(full.files)} files"
        )
        if not ok:
            print(f"  CHARTS OR PDFS MISSING: {full.skipped + full.omitted_charts}")
        slowest = sorted(steps.items(), key=lambda kv: -kv[1])[:3]
        print("  slowest steps: " + ", ".join(f"{label} {seconds:.1f} s" for label, seconds in slowest))
        printing = _print_seconds(db, Path(folder))
        if printing is None:
            print("  PDFS NOT PRINTED")
            return False
        numbered, one = printing["numbered"], printing["one pass"]
        print(
            f"  both PDFs, contents numbered: {numbered:5.1f} s   one pass: {one:5.1f} s   ratio {numbered / one:5.1f}x"
        )
        return ok
