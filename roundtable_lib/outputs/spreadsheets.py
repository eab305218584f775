"""The meeting's tables as spreadsheets: Excel workbooks (openpyxl) and CSV files.

Typed text that a spreadsheet would run as a formula is neutralised (:func:`safe_cell`); CSV
files carry a byte order mark so that Excel opens Thai text correctly.
"""

import csv
import re

# A formula in a CSV/XLSX cell runs when the file is opened in a spreadsheet (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value safe for a spreadsheet cell: text that a spreadsheet would read as a formula gets a
    leading single quote, so it shows as the text that was typed."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_xlsx(sheet_list, path, notice=""):
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = notice
    used = set()
    for name, headers, rows in sheet_list:
        title = re.sub(r"[\[\]:*?/\\]", " ", name)[:31] or "sheet"
        while title in used:
            title = title[:28] + f"_{len(used)}"
        used.add(title)
        ws = wb.create_sheet(title)
        # Printed pages carry the notice too.
        ws.oddHeader.center.text = notice.replace("&", "&&")
        ws.append([safe_cell(h) for h in headers])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([safe_cell(v) for v in row])
        ws.freeze_panes = "A2"
        if rows:
            ws.auto_filter.ref = ws.dimensions
        for n, header in enumerate(headers, start=1):
            longest = max([len(str(header))] + [len(str(r[n - 1] or "")) for r in rows[:200]])
            ws.column_dimensions[get_column_letter(n)].width = min(60, max(10, longest + 2))
    wb.save(path)


def write_csv(headers, rows, path):
    # utf-8-sig: Excel opens Thai text correctly only with the byte order mark.
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([safe_cell(h) for h in headers])
        writer.writerows([[safe_cell("" if v is None else v) for v in row] for row in rows])
