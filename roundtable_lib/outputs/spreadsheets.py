"""The meeting's tables as spreadsheets people read and print: Excel workbooks (openpyxl) and CSV files.

The tables come from :mod:`~roundtable_lib.outputs.document` keyed by field names
(``captured_at``, ``owner_person``, ``session``: what a program reads). Given the meeting,
:func:`people_table` turns one into what a person reads: headers labelled in both meeting
languages ("Organisation / องค์กร", from :mod:`~roundtable_lib.meeting.labels`), ids moved last,
sessions by their titles, stored UTC times as the meeting's local time (real Excel dates in
the workbook). Without the meeting, a table is written as it is: the carry-forward package's
CSVs are read back by ``roundtable import`` and keep their field names.

Workbooks are set up to print: landscape A4, fitted to the page width, the header row frozen
and repeated on every printed page, long text wrapped, pages numbered.

Typed text that a spreadsheet would run as a formula is kept as text: a text cell in a
workbook (shown exactly as typed, never run), a leading single quote in a CSV file (which has
no types). CSV files carry a byte order mark so that Excel opens Thai text correctly.

May import: the standard library, openpyxl (inside the writers) and the meeting layer.
"""

import csv
import datetime as dt
import re

from roundtable_lib.meeting.actors import actor_words
from roundtable_lib.meeting.clock import local_time
from roundtable_lib.meeting.labels import LABELS, round_score, t

# A formula in a CSV/XLSX cell runs when the file is opened in a spreadsheet (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ID_COLUMNS = ("id", "poll_id", "item_id")  # for cross-reference only: last, where they do not lead the eye
TIME_COLUMNS = ("captured_at", "updated_at", "loaded_at")  # stored UTC, read in the meeting's zone
ACTOR_COLUMNS = ("captured_by",)
# Stored codes shown in the words the chair's screen uses for them: "dots" -> "Dot voting".
CODE_COLUMNS = ("method", "weighting")
TIME_FORMAT = "yyyy-mm-dd hh:mm"
TEXT_WIDTH = 50  # characters: wider text wraps, so a landscape page holds a table's columns
MIN_WIDTH = 8
LINE_POINTS = 15  # the height of one line of 11-point text, in points


def safe_cell(value):
    """A value safe for a CSV cell: text that a spreadsheet would read as a formula gets a
    leading single quote, so it shows as the text that was typed."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def column_label(key):
    """A table's column as people read it, in both meeting languages: "Organisation / องค์กร".

    ``key`` is a field name (``owner_person``) or a header already in words ("Capacity area");
    the label comes from ``col.<key>`` or ``field.<key>`` in the labels, else the words as given."""
    name = re.sub(r"\W+", "_", str(key).strip().lower()).strip("_")
    for prefix in ("col.", "field."):
        if prefix + name in LABELS:
            return both_languages(prefix + name)
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def both_languages(label):
    """The label ``label`` in both meeting languages, "Dot voting / ลงคะแนนแบบจุด" (once if alike)."""
    en, th = t(label, "en"), t(label, "th")
    return en if en == th else f"{en} / {th}"


def code_words(key, value):
    """A stored code of column ``key`` (a poll's ``method`` "dots", its ``weighting`` "person")
    in the words the chair chose it by, in both languages; a code without a label as it is."""
    label = f"{key}.{value}"
    return both_languages(label) if label in LABELS else value


def session_title(meeting, session):
    """A session by its title, cut after its name ("Session 2: Working effectively together")."""
    try:
        title = meeting.session(session).title["en"]
    except KeyError:
        return session
    return ": ".join(title.split(": ")[:2])


def sheet_title(name):
    """A sheet named for people: "recommendation" -> "Joint recommendation"."""
    return t("kind." + name) if "kind." + name in LABELS else column_label(name)


def people_table(meeting, headers, rows):
    """``(headers, rows)`` of a table as a person reads it (see the module's docstring). Times
    become naive datetimes on the meeting's clock (Excel has no zones; the sheet says which)."""
    keys = [str(h).strip().lower() for h in headers]
    order = [n for n, k in enumerate(keys) if k not in ID_COLUMNS] + [n for n, k in enumerate(keys) if k in ID_COLUMNS]

    def shown(key, value):
        if value in (None, ""):
            return value
        if key == "session":
            return session_title(meeting, value)
        if key in TIME_COLUMNS:
            return local_time(value, meeting).replace(tzinfo=None)
        if key in ACTOR_COLUMNS:
            return actor_words(value, meeting)
        if key in CODE_COLUMNS:
            return code_words(key, value)
        if key == "score" and isinstance(value, (int, float)):
            return round_score(value)  # as the report and the charts round it: 4.67
        return value

    labelled = [
        column_label(headers[n]) + (f" ({meeting.time_zone})" if keys[n] in TIME_COLUMNS else "") for n in order
    ]
    return labelled, [[shown(keys[n], row[n]) for n in order] for row in rows]


def write_xlsx(sheet_list, path, notice="", meeting=None):
    """Write ``[(sheet name, headers, rows)]`` to an Excel workbook at ``path``; ``notice`` heads
    every printed page. With ``meeting``, every sheet is a :func:`people_table`."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = notice
    used = set()
    for name, headers, rows in sheet_list:
        if meeting is not None:
            name = sheet_title(name)
            headers, rows = people_table(meeting, headers, rows)
        title = re.sub(r"[\[\]:*?/\\]", " ", name)[:31] or "sheet"
        while title in used:
            title = title[:28] + f"_{len(used)}"
        used.add(title)
        _fill_sheet(wb.create_sheet(title), headers, rows)
        _print_setup(wb[title], notice)
    wb.save(path)


def _fill_sheet(ws, headers, rows):
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append(list(headers))
    for row in rows:
        ws.append([_cell(v) for v in row])
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, column in enumerate(ws.iter_cols(), start=1):
        for cell in column:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = TYPE_STRING  # typed text, never a formula: shown as typed, never run
            elif isinstance(cell.value, dt.datetime):
                cell.number_format = TIME_FORMAT
            cell.alignment = wrap
        column[0].font = Font(bold=True)
        longest = max(_width(c.value) for c in column[1:201]) if len(column) > 1 else 0
        head = max((len(w) for w in str(headers[n - 1]).split()), default=0)
        ws.column_dimensions[get_column_letter(n)].width = min(TEXT_WIDTH, max(MIN_WIDTH, longest + 2, head + 2))
    _row_heights(ws)
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions


def _row_heights(ws):
    """Each row as tall as its longest wrapped cell: a spreadsheet does not measure wrapped text
    when it opens a file (LibreOffice prints one line of each, the rest cut off)."""
    from openpyxl.utils import get_column_letter

    widths = [ws.column_dimensions[get_column_letter(n)].width or MIN_WIDTH for n in range(1, ws.max_column + 1)]
    for row in ws.iter_rows():
        lines = 1
        for cell, width in zip(row, widths, strict=False):
            text = "" if isinstance(cell.value, dt.datetime) else str(cell.value or "")
            # Thai glyphs are narrower than the column's "characters" but stack marks: ~1 per char.
            per_line = max(1, int(width * 0.95))
            lines = max(lines, sum(-(-max(1, len(part)) // per_line) for part in text.splitlines() or [""]))
        ws.row_dimensions[row[0].row].height = min(409, LINE_POINTS * lines + 3)


def _cell(value):
    """A value a cell can hold: a list (a recommendation's addressees) as "government, asean"."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return value


def _width(value):
    if isinstance(value, dt.datetime):
        return len(TIME_FORMAT)
    return max((len(line) for line in str(value if value is not None else "").splitlines()), default=0)


def _print_setup(ws, notice):
    """Landscape A4, as wide as the page (as long as it takes), the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # 0: as many pages as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    # Printed pages carry the notice too, and say which page of how many.
    ws.oddHeader.center.text = notice.replace("&", "&&")
    ws.oddHeader.left.text = "&A"
    ws.oddFooter.center.text = "&P / &N"


def write_csv(headers, rows, path, meeting=None):
    """Write a table to a CSV file; with ``meeting``, as a :func:`people_table` (times as text)."""
    if meeting is not None:
        headers, rows = people_table(meeting, headers, rows)
        rows = [[v.strftime("%Y-%m-%d %H:%M") if isinstance(v, dt.datetime) else v for v in row] for row in rows]
    # utf-8-sig: Excel opens Thai text correctly only with the byte order mark.
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([safe_cell(h) for h in headers])
        writer.writerows([[safe_cell(_cell(v)) for v in row] for row in rows])
