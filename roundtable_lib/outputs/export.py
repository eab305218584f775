"""The meeting's outputs, written by :func:`export_all` into one folder.

How an export is made, in the order a newcomer reads the modules:

1. :func:`collect` reads the database through the store and passes everything through
   :func:`publishable`, the one place that decides what a public export may contain (no
   sensitive or deleted items, no names of people who did not consent, nothing a withheld item
   said through a poll option). It returns a :class:`~roundtable_lib.outputs.document.Content`;
   ``internal=True`` skips the filtering and every page says so.
2. :mod:`~roundtable_lib.outputs.document` derives the tables (recommendations in vote order, offers
   matched to asks, one sheet per kind); :mod:`~roundtable_lib.outputs.report` and
   :mod:`~roundtable_lib.outputs.joint_recommendations` lay the two documents out as blocks.
3. One module per format writes them: :mod:`~roundtable_lib.outputs.word` (Word),
   :mod:`~roundtable_lib.outputs.pdf` (PDF, printed by Chromium from
   :mod:`~roundtable_lib.outputs.web`'s HTML), :mod:`~roundtable_lib.outputs.web` (HTML,
   Markdown), :mod:`~roundtable_lib.outputs.spreadsheets` (Excel, CSV);
   :mod:`~roundtable_lib.outputs.chart_images` draws the charts and :mod:`~roundtable_lib.outputs.carry_forward` the
   carry-forward package.

Files go to a staging folder inside the output folder and move into place only when all of
them were written, so a failure leaves no half-written file. The folder's manifest
(:mod:`~roundtable_lib.outputs.manifest`) then removes what an earlier export wrote and this one did
not, so the folder holds exactly what the last export produced.
"""

import datetime as _dt
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.meeting import assessment
from roundtable_lib.meeting.privacy import MERGED_STATE, NAME_WITHHELD, OPTION_WITHHELD, Policy  # noqa: F401 - names other modules use
from roundtable_lib.outputs import manifest
from roundtable_lib.outputs.chart_images import NO_CHARTS_ENV, render_charts  # noqa: F401 - names callers use
from roundtable_lib.outputs.document import (  # noqa: F401 - names callers use
    DEMO_NOTICE,
    INTERNAL_NOTICE,
    PUBLIC_NOTICE,
    Content,
    assessment_table,
    matched_offers,
    needs_rows,
    ranked_recommendations,
    sheets,
    training_rows,
)
from roundtable_lib.outputs.joint_recommendations import recommendation_blocks
from roundtable_lib.outputs.pdf import print_pdfs
from roundtable_lib.outputs.report import report_blocks
from roundtable_lib.outputs.spreadsheets import safe_cell, write_csv, write_xlsx  # noqa: F401 - names callers use
from roundtable_lib.outputs.web import write_html, write_markdown
from roundtable_lib.outputs.word import write_docx
from roundtable_lib.store import Store, default_db_path


class ExportError(RoundtableError):
    """The outputs could not be written (unwritable folder, full disk, ...). Nothing was left behind."""


def publishable(meeting, items, everything, participants, polls, merged, internal, demo=False, assessment=None):
    """The one filter between the database and a file someone may publish: the meeting's
    :class:`~roundtable_lib.meeting.privacy.Policy`, the same one the dashboards' public store applies.

    ``items`` come from the store, ``everything`` maps every item id (deleted and sensitive ones
    too) to its item, ``participants`` are all registered participants with their names. Public
    exports keep no sensitive or deleted item, name only participants who consented (others are
    counted by organisation), withhold the names of the others wherever they were typed, withhold
    poll options that stand for a sensitive or deleted item (keeping their rank, labelled
    :data:`OPTION_WITHHELD`), and show no results of a poll the chair has not revealed.
    """
    rules = Policy(participants, merged, internal)
    visible = rules.items(items)
    visible_ids = {i["id"] for i in visible}
    return Content(
        meeting=meeting,
        internal=internal,
        demo=demo,
        items=visible,
        named=rules.named(),
        counts=rules.counts(),
        polls=[rules.results(res, visible_ids) for res in polls],
        merged=dict(merged),
        assessment=assessment,
        generated_at=_dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def _assessment(path, meeting, stored):
    """The capacity assessment the report shows: the one stored in the database (what every
    screen shows), or None when none is stored. Never a file on disk in its place.

    ``path`` is a file to use instead of the stored one (``export_all(assessment=PATH)``); the
    report then names that file and says it was given to the export. A broken file is the
    organiser's to fix, so its message (file, line, problem) stops the export.
    """
    if not path:
        return stored
    data = assessment.load_capacity(path, meeting)
    data.loaded_at, data.loaded_by = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"), "the export"
    return data


def collect(path=None, internal=False, assessment=None):
    """Read the meeting at ``path`` through the store and filter it for publication (or not)."""
    path = path or default_db_path()  # a file path or a database URL
    with Store(path, readonly=True, actor="export") as full:
        meeting = full.meeting
        items = full.items()
        everything = {i["id"]: i for i in full.items(include_deleted=True)}
        participants = full.participants(include_removed=True)
        # Results come from the full store so that votes for a merged duplicate can follow the
        # merge; publishable() applies the policy (withheld options, unrevealed results).
        polls = [full.poll_results(poll["id"]) for poll in full.polls()]
        merged = full.get_state(MERGED_STATE, {}) or {}
        demo = bool(full.get_state("demo"))
        assessment = _assessment(assessment, meeting, full.capacity_assessment())
    return publishable(meeting, items, everything, participants, polls, merged, internal, demo, assessment)


# ------------------------------------------------------------------------------ all outputs


@dataclass
class ExportResult:
    files: list  # paths written, relative to the output folder
    omitted_charts: list  # (title, reason)
    internal: bool
    out_dir: Path
    seconds: float = 0.0
    removed: list = field(default_factory=list)  # files an earlier export wrote and this one did not
    skipped: list = field(default_factory=list)  # (file name, reason) of documents not written (PDFs)


class _Background(threading.Thread):
    """A call run in a thread of its own; :meth:`result` waits for it and re-raises its error."""

    def __init__(self, fn, *args):
        super().__init__(daemon=True)
        self.fn, self.args, self.value, self.error = fn, args, None, None
        self.start()

    def run(self):
        try:
            self.value = self.fn(*self.args)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by result()
            self.error = exc

    def result(self):
        self.join()
        if self.error is not None:
            raise self.error
        return self.value


def export_all(db=None, out_dir="exports", internal=False, charts=None, progress=None, assessment=None, pdf=None):
    """Write every output of the meeting into ``out_dir``; returns an :class:`ExportResult`.

    ``progress(step, total, label)`` is called before each step. ``charts=False`` leaves chart
    images out (``ROUNDTABLE_NO_CHARTS``), ``pdf=False`` the PDFs (``ROUNDTABLE_NO_PDF``); without
    a Chromium both are skipped with their reason and everything else is still written.

    The browser's work (drawing the charts, printing the joint recommendations) runs while the
    tables are written: the organisers wait for the slower of the two, not for both.
    """
    from roundtable_lib.outputs import carry_forward

    started = time.monotonic()
    out_dir = Path(out_dir)
    suffix = "-internal" if internal else ""
    steps = [
        "reading the meeting",
        "drawing charts",
        "joint recommendations (Word, PDF)",
        "training plan (Excel)",
        "all tables (Excel)",
        "CSV files",
        "meeting report (Word)",
        "report for the web (Markdown, HTML)",
        "meeting report (PDF)",
    ]
    if not internal:
        steps.append("carry-forward package")

    def step(n):
        if progress:
            progress(n + 1, len(steps), steps[n])

    step(0)
    content = collect(db, internal=internal, assessment=assessment)
    notice = content.notice
    blocks, wanted = report_blocks(content)
    rec_blocks = recommendation_blocks(content)

    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir))
    except OSError as exc:
        raise ExportError(f"Cannot write to {out_dir}: {exc.strerror or exc}.") from None
    files, jobs = [], []
    report_pdf = staging / f"report{suffix}.pdf"
    rec_pdf = staging / f"joint-recommendations{suffix}.pdf"
    try:

        def target(name):
            files.append(name)
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            return path

        step(1)
        drawing = _Background(render_charts, wanted, charts)
        jobs.append(drawing)
        step(2)
        write_docx(rec_blocks, target(f"joint-recommendations{suffix}.docx"), notice, generated_at=content.generated_at)
        printing = _Background(print_pdfs, [(rec_blocks, rec_pdf, notice, {}, ())], pdf)
        jobs.append(printing)
        step(3)
        write_xlsx(
            [
                ("Training plan", *training_rows(content)),
                ("Capacity needs", *needs_rows(content)),
                ("Capacity assessment", *assessment_table(content)),
            ],
            target(f"training-plan{suffix}.xlsx"),
            notice,
        )
        step(4)
        tables = sheets(content)
        write_xlsx(tables, target(f"tables{suffix}.xlsx"), notice)
        step(5)
        for name, headers, rows in tables:
            write_csv(headers, rows, target(f"csv{suffix}/{name}.csv"))
        images, omitted = drawing.result()
        step(6)
        write_docx(blocks, target(f"report{suffix}.docx"), notice, images, omitted, content.generated_at)
        step(7)
        write_markdown(blocks, target(f"report{suffix}.md"), notice, omitted)
        write_html(blocks, target(f"report{suffix}.html"), notice, images, omitted)
        step(8)
        skipped = print_pdfs([(blocks, report_pdf, notice, images, omitted)], pdf) + printing.result()
        files += [path.name for path in (report_pdf, rec_pdf) if path.name not in dict(skipped)]
        if not internal:
            step(9)
            for name in carry_forward.write_package(content, staging / carry_forward.FOLDER):
                files.append(f"{carry_forward.FOLDER}/{name}")
        # The manifest lists this export's files before they move in, so that a crash half-way
        # still lets the next export clean up; stale files go only once the new ones are in place.
        variant = "internal" if internal else "public"
        listed = manifest.read(out_dir)
        old = listed.get(variant, [])
        manifest.write(out_dir, {**listed, variant: sorted(set(old) | set(files))}, staging)
        for name in files:
            destination = out_dir / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, destination)
        removed = manifest.remove_stale(out_dir, old, files)
        manifest.write(out_dir, {**listed, variant: files}, staging)
    except OSError as exc:
        raise ExportError(
            f"Cannot write the exports to {out_dir}: {exc.strerror or exc}. Nothing was written."
        ) from None
    finally:
        for job in jobs:  # the browser is done with the staging folder before it goes
            job.join()
        shutil.rmtree(staging, ignore_errors=True)
        if created and out_dir.exists() and not any(out_dir.iterdir()):
            out_dir.rmdir()
    return ExportResult(
        files=files,
        omitted_charts=omitted,
        internal=internal,
        out_dir=out_dir,
        seconds=time.monotonic() - started,
        removed=removed,
        skipped=skipped,
    )
