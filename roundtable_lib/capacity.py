"""The capacity-assessment findings: a CSV of scores per organisation and capacity area.

The file has one row per organisation and area::

    # ILLUSTRATIVE SAMPLE ...        <- lines starting with # are comments
    organisation,area,score,illustrative
    map,Governance,3,yes

``organisation`` is an organisation id from the meeting definition, ``score`` a number from 1
to 5, and the optional ``illustrative`` column (or a comment containing the word) marks sample
data, which every screen then says. The shipped file is such a sample, and it goes through the
same loader as any user file: every problem is reported with its file, line and what to fix.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from .exceptions import ValidationError
from .i18n import t

COLUMNS = ("organisation", "area", "score")
SCORE_RANGE = (1, 5)
MAX_PROBLEMS = 10
_TRUE = {"yes", "true", "1", "y", "x"}


def default_path():
    return Path(__file__).resolve().parent.parent / "data" / "capacity_assessment.csv"


@dataclass
class CapacityData:
    rows: list = field(default_factory=list)  # {"org", "area", "score"}, in file order
    illustrative: bool = False
    source: str = ""

    @property
    def areas(self):
        return list(dict.fromkeys(r["area"] for r in self.rows))

    @property
    def orgs(self):
        return list(dict.fromkeys(r["org"] for r in self.rows))


def parse_capacity(text, meeting, source="capacity file"):
    """Parse and validate CSV text. Raises :class:`ValidationError` listing every problem found."""
    problems = []
    illustrative = False
    lines = []  # (line number, text) of non-comment lines
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if line.lstrip().startswith("#"):
            illustrative = illustrative or "illustrative" in line.lower()
        elif line.strip():
            lines.append((number, line))
    if not lines:
        raise ValidationError(
            f"{source}: the file has no header and no rows; expected columns {', '.join(COLUMNS)}.", "file"
        )
    header_line, header_text = lines[0]
    header = [h.strip().lower() for h in next(csv.reader([header_text]))]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            f"{source}, line {header_line}: missing column {', '.join(repr(m) for m in missing)}; "
            f"the header must name {', '.join(COLUMNS)}.",
            "file",
        )
    rows, seen = [], {}
    reader = csv.reader(io.StringIO("\n".join(t for _, t in lines[1:])))
    for (number, _), values in zip(lines[1:], reader, strict=False):
        record = dict(zip(header, (v.strip() for v in values), strict=False))
        where = f"{source}, line {number}"
        org, area, score = record.get("organisation", ""), record.get("area", ""), record.get("score", "")
        if org not in meeting.org_ids:
            problems.append(f"{where}: unknown organisation {org!r} (known: {', '.join(meeting.org_ids)}).")
        if not area:
            problems.append(f"{where}: the area is empty.")
        try:
            value = float(score)
        except ValueError:
            value = None
        low, high = SCORE_RANGE
        if value is None or not low <= value <= high:
            problems.append(f"{where}: score {score!r} is not a number from {low} to {high}.")
        key = (org, area.casefold())
        if area and key in seen:
            problems.append(f"{where}: {org}/{area} is already scored on line {seen[key]}.")
        seen.setdefault(key, number)
        illustrative = illustrative or record.get("illustrative", "").lower() in _TRUE
        if value is not None:
            rows.append({"org": org, "area": area, "score": int(value) if value.is_integer() else value})
    if problems:
        extra = f"\n... and {len(problems) - MAX_PROBLEMS} more." if len(problems) > MAX_PROBLEMS else ""
        raise ValidationError("\n".join(problems[:MAX_PROBLEMS]) + extra, "file")
    return CapacityData(rows=rows, illustrative=illustrative, source=source)


def load_capacity(path, meeting):
    """Load and validate a capacity-assessment CSV file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(f"No capacity-assessment file at {path}.", "file") from None
    except UnicodeDecodeError:
        raise ValidationError(
            f"{path.name} is not UTF-8 text: save it from the spreadsheet as 'CSV UTF-8'.", "file"
        ) from None
    return parse_capacity(text, meeting, source=path.name)


def capacity_needs_summary(data, threshold=2):
    """Areas scored at or below ``threshold``, per organisation: a starting point for the needs."""
    out = {}
    for row in data.rows:
        if row["score"] <= threshold:
            out.setdefault(row["org"], []).append(row["area"])
    return out


class CapacityView(widgets.VBox):
    """The findings on screen: a heatmap of the file (the shipped sample by default), and a path
    field to load another file. A file with problems shows them in red and keeps the last good view."""

    def __init__(self, store, path=None, lang="en"):
        self.store, self.lang = store, lang
        self.data = self.figure = None
        self.path = widgets.Text(
            value=str(path or default_path()), description=t("field.file", lang), layout=widgets.Layout(width="100%")
        )
        self.load = widgets.Button(description=t("button.load", lang), icon="upload")
        self.banner = widgets.HTML()
        self.status = widgets.HTML()
        self.output = widgets.Output()
        self.load.on_click(lambda _b: self.reload())
        super().__init__([widgets.HBox([self.path, self.load]), self.banner, self.status, self.output])
        self.reload()

    def reload(self):
        from .charts import capacity_heatmap
        from .forms import _status_html, _warning_html

        try:
            data = load_capacity(self.path.value.strip(), self.store.meeting)
        except ValidationError as exc:
            self.status.value = "<br>".join(_status_html(line, ok=False) for line in str(exc).splitlines())
            return None
        self.data = data
        self.status.value = _status_html(t("msg.capacity_loaded", self.lang).format(n=len(data.rows)))
        self.banner.value = _warning_html(t("chart.illustrative_banner", self.lang)) if data.illustrative else ""
        self.figure = capacity_heatmap(data.rows, self.store.meeting, self.lang, data.illustrative)
        self.output.clear_output()
        with self.output:
            display(self.figure)
        return data
