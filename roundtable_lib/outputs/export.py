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

Internal and public copies never meet: each has its own default folder (:data:`DEFAULT_FOLDERS`),
and an export refuses, before writing anything, a folder that holds the other kind's files
(:func:`check_folder`): a public folder is the one that gets uploaded whole. Internal copies say
INTERNAL on every page (the documents' ``notice``), in a first column of every table and CSV
(:func:`marked_sheets`), and mark each sensitive item where its text is printed
(:func:`marked_sensitive`). Before a public export, organisers read the pre-publication review
(:mod:`~roundtable_lib.outputs.prepublication`).
"""

import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.meeting import assessment
from roundtable_lib.meeting.clock import format_local
from roundtable_lib.meeting.labels import count, t
from roundtable_lib.meeting.privacy import MERGED_STATE, Policy
from roundtable_lib.outputs import manifest
from roundtable_lib.outputs.chart_images import render_charts
from roundtable_lib.outputs.document import Content, assessment_table, needs_rows, sheets, training_rows
from roundtable_lib.outputs.joint_recommendations import recommendation_blocks
from roundtable_lib.outputs.pdf import print_pdfs, running_head
from roundtable_lib.outputs.report import report_blocks
from roundtable_lib.outputs.spreadsheets import write_csv, write_xlsx
from roundtable_lib.outputs.web import write_html, write_markdown
from roundtable_lib.outputs.word import write_docx
from roundtable_lib.store import Store, default_db_path


class ExportError(RoundtableError):
    """The outputs could not be written (unwritable folder, full disk, ...). Nothing was left behind."""


# ------------------------------------------------------------------------------ internal and public apart

# Where each kind of copy goes unless the organiser names a folder.
DEFAULT_FOLDERS = {False: Path("exports") / "public", True: Path("exports") / "internal"}
# The names a public export writes at the top of its folder (an internal one adds "-internal").
PUBLIC_NAMES = (
    "report.docx",
    "report.pdf",
    "report.md",
    "report.html",
    "joint-recommendations.docx",
    "joint-recommendations.pdf",
    "tables.xlsx",
    "training-plan.xlsx",
    "csv",
    "carry-forward",
)


def default_folder(internal):
    """The folder an export writes into when none is named: ``exports/public`` or ``exports/internal``."""
    return DEFAULT_FOLDERS[bool(internal)]


def other_kind_files(out_dir, internal):
    """The files in ``out_dir`` of the other kind than the export about to be written there
    (internal files for a public export, public ones for an internal export), sorted.

    The folder's manifest says what earlier exports wrote; names are looked at too, so that a
    copied-in ``report-internal.pdf`` (no manifest) is found as well.
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return []
    listed = manifest.read(out_dir).get("public" if internal else "internal", [])
    found = {name for name in listed if (out_dir / name).exists()}
    if internal:
        found |= {name for name in PUBLIC_NAMES if (out_dir / name).exists()}
    else:
        found |= {p.name for p in out_dir.glob("*-internal*")}
    # A file inside csv-internal/ is shown by its folder: one name per thing to move, files first.
    tops = {name.split("/")[0] for name in found}
    return sorted((f"{top}/" if (out_dir / top).is_dir() else top for top in tops), key=lambda n: (n.endswith("/"), n))


def check_folder(out_dir, internal):
    """Refuse, in one line and before anything is written, to put a public export beside
    internal files or an internal export beside public ones: whoever shares or uploads the
    public folder would send the internal copy with it."""
    others = other_kind_files(out_dir, internal)
    if not others:
        return
    shown = ", ".join(others[:4]) + (f" and {len(others) - 4} more" if len(others) > 4 else "")
    if internal:
        raise ExportError(
            f"{out_dir} holds public files ({shown}): the internal copy never goes beside them. "
            f"Export it to a folder of its own (the default is {default_folder(True)}). Nothing was written."
        )
    raise ExportError(
        f"{out_dir} holds INTERNAL files ({shown}): a public export never goes beside them. "
        f"Export to a folder of its own (the default is {default_folder(False)}), or move the internal "
        "files away first. Nothing was written."
    )


def marked_sensitive(content):
    """``content`` for the internal documents: every sensitive item's text (and a poll option
    that stands for it) starts with the sensitive mark in its language, so a reader of the
    internal report sees which passages may never be published. A public content is returned as is."""
    if not content.internal:
        return content
    sensitive = {i["id"] for i in content.items if i.get("sensitive")}
    if not sensitive:
        return content

    def mark(record, *fields):
        out = dict(record)
        for name in fields:
            lang = name.rsplit("_", 1)[-1]
            if out.get(name):  # an empty translation stays empty: it is missing, not sensitive
                out[name] = f"{t('export.sensitive_mark', lang)} {out[name]}"
        return out

    items = [mark(i, "text_en", "text_th") if i["id"] in sensitive else i for i in content.items]
    polls = []
    for res in content.polls:
        rows = res["results"]
        if rows is not None:
            rows = [mark(r, "label_en", "label_th") if r.get("item_id") in sensitive else r for r in rows]
        polls.append({**res, "results": rows})
    return replace(content, items=items, polls=polls)


def marked_sheets(sheet_list):
    """The internal copy's tables: a first column saying INTERNAL on every row (and in its
    header, so even an empty table says it), which a spreadsheet user sees whatever they sort
    or filter and a program reading the CSV takes as one more column. The header is in both
    meeting languages, as the other columns' are; the cell is one word a filter can match."""
    head, cell = f"{t('export.internal_column', 'en')} / {t('export.internal_column', 'th')}", t("export.internal_cell")
    return [(name, [head, *headers], [[cell, *row] for row in rows]) for name, headers, rows in sheet_list]


def publishable(
    meeting, items, participants, polls, merged, internal, demo=False, assessment=None, endorsements=(), generated_at=""
):
    """The one filter between the database and a file someone may publish: the meeting's
    :class:`~roundtable_lib.meeting.privacy.Policy`, the same one the dashboards' public store applies.

    ``items`` come from the store, ``participants`` are all registered participants with their
    names, ``merged`` is the merge record (:data:`~roundtable_lib.meeting.privacy.MERGED_STATE`). Public
    exports keep no sensitive or deleted item, name only participants who consented (others are
    counted by organisation), withhold every spelling of the others' names wherever it was typed,
    leave out poll options that stand for a sensitive or deleted item (the others ranked again
    among themselves, no gap), and show no results of a poll the chair has not revealed.

    ``generated_at`` is when the export read the database (stored text, the store's clock);
    documents give it on the meeting's clock.
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
        assessment=assessment,
        endorsements=[{**e, "by": rules.redact(e["by"]), "note": rules.redact(e["note"])} for e in endorsements],
        generated_at=format_local(generated_at, meeting),
    )


def _assessment(path, meeting, stored, now):
    """The capacity assessment the report shows: the one stored in the database (what every
    screen shows), or None when none is stored. Never a file on disk in its place.

    ``path`` is a file to use instead of the stored one (``export_all(assessment=PATH)``); the
    report then names that file and says it was given to the export (at ``now``, the store's
    clock, by the actor ``export``: "by the export", "โดยการส่งออกเอกสาร"). A broken file is the
    organiser's to fix, so its message (file, line, problem) stops the export.
    """
    if not path:
        return stored
    data = assessment.load_capacity(path, meeting)
    data.loaded_at, data.loaded_by = now, "export"
    return data


def collect(path=None, internal=False, assessment=None, clock=None):
    """Read the meeting at ``path`` through the store and filter it for publication (or not).
    ``clock`` is the store's clock (the real time by default): the export's time is read from it."""
    path = path or default_db_path()  # a file path or a database URL
    with Store(path, readonly=True, actor="export", clock=clock) as full:
        now = full.now()
        meeting = full.meeting
        items = full.items()
        participants = full.participants(include_removed=True)
        # Results come from the full store so that votes for a merged duplicate can follow the
        # merge; publishable() applies the policy (withheld options, unrevealed results).
        polls = [full.poll_results(poll["id"]) for poll in full.polls()]
        merged = full.get_state(MERGED_STATE, {}) or {}
        demo = bool(full.get_state("demo"))
        assessment = _assessment(assessment, meeting, full.capacity_assessment(), now)
        endorsements = full.endorsements()
    return publishable(meeting, items, participants, polls, merged, internal, demo, assessment, endorsements, now)


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


def result_lines(result, lang="en"):
    """What an export wrote, as lines for the organiser in ``lang`` (the review panel and
    ``roundtable export`` say the same): the files and folder, each chart and file left out."""
    files = count(len(result.files), "export.count_internal" if result.internal else "export.count_public", lang)
    lines = [t("export.wrote", lang).format(files=files, folder=result.out_dir, seconds=f"{result.seconds:.1f}")]
    lines += [t("export.chart_left_out", lang).format(title=title, reason=why) for title, why in result.omitted_charts]
    lines += [t("export.not_written", lang).format(name=name, reason=why) for name, why in result.skipped]
    return lines


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


# What the progress callback is told, in order; a public export ends with the carry-forward package.
STEPS = (
    "reading the meeting",
    "drawing charts",
    "joint recommendations (Word, PDF)",
    "training plan (Excel)",
    "all tables (Excel)",
    "CSV files",
    "meeting report (Word)",
    "report for the web (Markdown, HTML)",
    "meeting report (PDF)",
)
CARRY_FORWARD_STEP = "carry-forward package"


def export_all(
    db=None, out_dir=None, internal=False, charts=None, progress=None, assessment=None, pdf=None, scores=False
):
    """Write every output of the meeting into ``out_dir`` (by default :func:`default_folder`);
    returns an :class:`ExportResult`. A folder holding the other kind's files is refused
    (:func:`check_folder`) before anything is read or written.

    ``progress(step, total, label)`` is called before each step. ``charts=False`` leaves chart
    images out (``ROUNDTABLE_NO_CHARTS``), ``pdf=False`` the PDFs (``ROUNDTABLE_NO_PDF``); without
    a Chromium both are skipped with their reason and everything else is still written.
    ``scores=True`` prints each recommendation's vote score in the joint recommendations.

    The browser's work (drawing the charts, printing the joint recommendations) runs while the
    tables are written: the organisers wait for the slower of the two, not for both.
    """
    started = time.monotonic()
    out_dir = Path(out_dir or default_folder(internal))
    check_folder(out_dir, internal)
    steps = STEPS if internal else (*STEPS, CARRY_FORWARD_STEP)

    def step(n):
        if progress:
            progress(n + 1, len(steps), steps[n])

    step(0)
    content = collect(db, internal=internal, assessment=assessment)
    documents = _Documents(content, scores)
    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = _Staging(Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir)))
    except OSError as exc:
        raise ExportError(f"Cannot write to {out_dir}: {exc.strerror or exc}.") from None
    try:
        omitted, skipped = _write_files(documents, staging, "-internal" if internal else "", charts, pdf, step)
        removed = _move_into_place(out_dir, staging, "internal" if internal else "public")
    except OSError as exc:
        raise ExportError(
            f"Cannot write the exports to {out_dir}: {exc.strerror or exc}. Nothing was written."
        ) from None
    finally:
        staging.remove()
        if created and out_dir.exists() and not any(out_dir.iterdir()):
            out_dir.rmdir()
    return ExportResult(
        files=staging.files,
        omitted_charts=omitted,
        internal=internal,
        out_dir=out_dir,
        seconds=time.monotonic() - started,
        removed=removed,
        skipped=skipped,
    )


class _Documents:
    """The content of one export laid out as blocks: the report (and the charts it wants) and
    the joint recommendations."""

    def __init__(self, content, scores=False):
        self.content = content
        self.notice = content.notice
        shown = marked_sensitive(content)
        self.report, self.charts = report_blocks(shown)
        self.recommendations = recommendation_blocks(shown, scores=scores)


class _Staging:
    """The folder inside the output folder that an export writes into, the files written there
    (relative names, in the order written) and the browser's jobs still using it."""

    def __init__(self, folder):
        self.folder, self.files, self.jobs = folder, [], []

    def target(self, name):
        """Where to write the file ``name``, which becomes one of the export's files."""
        self.files.append(name)
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def background(self, fn, *args):
        job = _Background(fn, *args)
        self.jobs.append(job)
        return job

    def remove(self):
        for job in self.jobs:  # the browser is done with the staging folder before it goes
            job.join()
        shutil.rmtree(self.folder, ignore_errors=True)


def _write_files(documents, staging, suffix, charts, pdf, step):
    """Write every output into the staging folder, the browser's work in the background;
    returns ``(omitted charts, skipped documents)``, each ``[(name, reason)]``."""
    from roundtable_lib.outputs import carry_forward

    content, notice = documents.content, documents.notice
    report_pdf = staging.folder / f"report{suffix}.pdf"
    rec_pdf = staging.folder / f"joint-recommendations{suffix}.pdf"
    step(1)
    drawing = staging.background(render_charts, documents.charts, charts)
    step(2)
    write_docx(
        documents.recommendations,
        staging.target(f"joint-recommendations{suffix}.docx"),
        notice,
        generated_at=content.generated_at,
        meeting=content.meeting,
        page_numbers=pdf,
    )
    head = running_head(content.meeting)
    printing = staging.background(print_pdfs, [(documents.recommendations, rec_pdf, notice, {}, ())], pdf, head)
    marks = marked_sheets if content.internal else list
    step(3)
    write_xlsx(
        marks(
            [
                ("Training plan", *training_rows(content)),
                ("Capacity needs", *needs_rows(content)),
                ("Capacity assessment", *assessment_table(content)),
            ]
        ),
        staging.target(f"training-plan{suffix}.xlsx"),
        notice,
        meeting=content.meeting,
    )
    step(4)
    tables = marks(sheets(content))
    write_xlsx(tables, staging.target(f"tables{suffix}.xlsx"), notice, meeting=content.meeting)
    step(5)
    for name, headers, rows in tables:
        write_csv(headers, rows, staging.target(f"csv{suffix}/{name}.csv"), meeting=content.meeting)
    images, omitted = drawing.result()
    blocks = documents.report
    step(6)
    write_docx(
        blocks,
        staging.target(f"report{suffix}.docx"),
        notice,
        images,
        omitted,
        content.generated_at,
        meeting=content.meeting,
        page_numbers=pdf,
    )
    step(7)
    write_markdown(blocks, staging.target(f"report{suffix}.md"), notice, omitted)
    write_html(blocks, staging.target(f"report{suffix}.html"), notice, images, omitted)
    step(8)
    skipped = print_pdfs([(blocks, report_pdf, notice, images, omitted)], pdf, head) + printing.result()
    staging.files += [path.name for path in (report_pdf, rec_pdf) if path.name not in dict(skipped)]
    if not content.internal:
        step(9)
        for name in carry_forward.write_package(content, staging.folder / carry_forward.FOLDER):
            staging.files.append(f"{carry_forward.FOLDER}/{name}")
    return omitted, skipped


def _move_into_place(out_dir, staging, variant):
    """Move the staged files into ``out_dir`` and remove what the last export of ``variant``
    wrote and this one did not; returns the names removed.

    The manifest lists this export's files before they move in, so that a crash half-way still
    lets the next export clean up; stale files go only once the new ones are in place.
    """
    files = staging.files
    listed = manifest.read(out_dir)
    old = listed.get(variant, [])
    manifest.write(out_dir, {**listed, variant: sorted(set(old) | set(files))}, staging.folder)
    for name in files:
        destination = out_dir / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging.folder / name, destination)
    removed = manifest.remove_stale(out_dir, old, files)
    manifest.write(out_dir, {**listed, variant: files}, staging.folder)
    return removed
