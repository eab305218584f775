"""The capacity-assessment findings: a CSV of scores per organisation and capacity area.

The file has one row per organisation and area::

    # ILLUSTRATIVE SAMPLE ...        <- lines starting with # are comments
    organisation,area,score,illustrative
    map,Governance,3,yes

``organisation`` names one of the meeting definition's organisations (its id, or its short or
full name in any language and case: ``map``, ``MAP``, ``มูลนิธิแมพ``), ``score`` a number from 1
to 5, and the optional ``illustrative`` column (or a comment containing the word) marks sample
data, which every screen then says. The shipped file is such a sample, and it goes through the
same loader as any user file: every problem is reported with its file, line and what to fix.

Pure: nothing here reads the store or draws a widget (may import the meeting layer and the
standard library only).

There is one assessment for everyone, kept in the database (:meth:`Store.save_capacity_assessment`):
the chair's view, the capacity dashboard, the report and the training plan all show the stored
one. A real meeting starts with none (``roundtable init``); ``roundtable init --sample`` (a
rehearsal) and ``roundtable demo`` store the shipped sample, marked illustrative. A chair's file
(typed as a path, or chosen in the browser's file picker) is stored only once the chair confirms.
A file is hostile input until proven otherwise: it is read by
:func:`roundtable_lib.meeting.files.read_text` (plain files only, size-capped before it is read;
the picker's bytes by :func:`~roundtable_lib.meeting.files.handed_bytes`), and every way
reading or parsing it can fail (a folder, a pipe, no permission, bad UTF-8, a huge field, a bad
score) becomes one :class:`ValidationError` naming the file and what to fix, and nothing is
stored.
"""

import csv
import functools
import hashlib
import io
import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from roundtable_lib.exceptions import ValidationError
from roundtable_lib.meeting.actors import actor_words
from roundtable_lib.meeting.clock import format_local
from roundtable_lib.meeting.files import Expected, handed_bytes, read_text, shown_path
from roundtable_lib.meeting.labels import t
from roundtable_lib.meeting.refusals import error_text, refusal, refusal_of, words
from roundtable_lib.meeting.typed_text import LIMITS, clean_text

COLUMNS = ("organisation", "area", "score")
SCORE_RANGE = (1, 5)
MAX_PROBLEMS = 10
# A real assessment of a dozen organisations is a few kilobytes; 5 MB is far beyond any honest
# file and small enough to read and check in well under a second.
MAX_BYTES = 5 * 1024 * 1024
FINDINGS_FILE = Expected(
    what=("capacity-assessment file", "ไฟล์ผลการประเมินศักยภาพ"),
    path_of=("the findings file (a CSV file)", "ไฟล์ผลการประเมิน (ไฟล์ CSV)"),
    max_bytes=MAX_BYTES,
    too_big=(
        "far more than an assessment needs; check that it is the right file (a CSV of organisation, area, score)",
        "ใหญ่เกินกว่าผลการประเมินจะมีได้ ตรวจสอบว่าเป็นไฟล์ที่ถูกต้อง (CSV ขององค์กร ด้าน และคะแนน)",
    ),
    save_as=("save it from the spreadsheet as 'CSV UTF-8'", "บันทึกจากโปรแกรมตารางคำนวณเป็น 'CSV UTF-8'"),
    error=functools.partial(ValidationError, field="file"),
)
# More areas than this make a heatmap no one can read on a projector or a phone.
MAX_AREAS = 40
# One row per organisation and area: 50 organisations by 40 areas. Reading stops beyond it, so a
# file of half a million bad rows is refused at once instead of being checked row by row.
MAX_ROWS = 2000
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@")
_TRUE = {"yes", "true", "1", "y", "x"}
_SHOWN = 40  # characters of a bad value quoted back in a message


def default_path():
    return Path(__file__).resolve().parents[2] / "data" / "capacity_assessment.csv"


@dataclass
class CapacityData:
    rows: list = field(default_factory=list)  # {"org", "area", "score"}, in file order
    illustrative: bool = False
    source: str = ""  # the file's name (never its folder: that may say whose laptop it is)
    loaded_at: str = ""  # when it was stored (UTC, ISO 8601); "" for a file not stored
    loaded_by: str = ""  # who stored it (the chair's actor name)
    size: int = 0  # bytes of the file
    sha256: str = ""  # of the file's bytes: the same file loaded twice is recognised
    id: str = ""  # the stored assessment's id; "" for a file not stored

    @property
    def areas(self):
        return list(dict.fromkeys(r["area"] for r in self.rows))

    @property
    def orgs(self):
        return list(dict.fromkeys(r["org"] for r in self.rows))

    def describe(self, lang="en"):
        """One line: "28 scores from findings.csv (illustrative sample)"."""
        text = t("capacity.describe", lang).format(n=len(self.rows), source=self.source or "?")
        return text + (f" ({t('chart.illustrative', lang)})" if self.illustrative else "")


def _shown(value):
    """A value quoted back to the person, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 4] + "...'"


def area_key(area):
    """The same capacity area however it was typed, for comparing, never for showing.

    "Fund raising", "fund  raising " and "FUND RAISING" are one area (white space and case
    folded), and so are "Monitoring & evaluation" and "Monitoring and evaluation", "M&E" and
    "M and E": people write the assessment file and the needs at different times, one with
    '&' and one with 'and'. The capacity check, the report and the DataFrames all use this key,
    so they group areas the same way. None is no area ("").

    NFKC folding, which stored text never gets (it rewrites Thai SARA AM), is safe here because
    a key is never shown, and it lets full-width letters or SARA AM typed as two characters
    match the usual spelling.
    """
    text = unicodedata.normalize("NFKC", str(area or "")).casefold()
    return " ".join(text.replace("&", " and ").split())


def area_labels(areas, data=None):
    """{:func:`area_key`: the one label every screen and document shows for that area}.

    The stored assessment's spelling wins for every area it scores: it is the file the chairs
    confirmed, and the capture form offers its spellings. An area only typed in needs is shown
    as first typed, tidied (one space between words, first letter upper-case), so a need filed
    under "Monitoring & evaluation" sits in the assessment's "Monitoring and evaluation" column
    of the heatmap, the needs table and the spreadsheets alike. ``data`` is a
    :class:`CapacityData` or None; an empty area is the key "" labelled "".
    """
    labels = {area_key(row["area"]): row["area"] for row in (data.rows if data is not None else ())}
    for area in areas:
        tidy = " ".join(str(area or "").split())
        labels.setdefault(area_key(tidy), tidy[:1].upper() + tidy[1:])
    return labels


def check_rows(rows, meeting, source="capacity file", lines=None):
    """Validate parsed rows; returns (clean rows, problems). Pure: no file, no store.

    Each clean row is ``{"org", "area", "score"}`` with the area spelled as it was first
    written (white space collapsed), so differently typed spellings are one column. ``lines``
    gives each row's line number in the file, for the messages. The problems are in English;
    :func:`checked_rows` gives them in both languages.
    """
    clean, problems = checked_rows(rows, meeting, source, lines)
    return clean, [en for en, _th in problems]


def checked_rows(rows, meeting, source="capacity file", lines=None):
    """:func:`check_rows` with each problem an ``(en, th)`` pair, for :func:`problems_refusal`."""
    problems, clean, seen, spelling = [], [], {}, {}
    low, high = SCORE_RANGE
    unit = "line" if lines else "row"
    for index, row in enumerate(rows):
        number = lines[index] if lines else index + 1
        where = words(f"file.{unit}", source=source, n=number)
        typed_org, raw_area, score = row.get("org", ""), row.get("area", ""), row.get("score", "")
        org = meeting.find_org(typed_org) or typed_org  # "MAP" or "มูลนิธิแมพ" as well as "map"
        if org not in meeting.org_ids:
            known = ", ".join(meeting.org_ids)
            problems.append(words("assess.unknown_org", where=where, value=_shown(org), known=known))
        try:
            area = " ".join(clean_text(raw_area, "capacity area", LIMITS["short"], required=False).split())
        except ValidationError as exc:
            problem = (str(exc), error_text(exc, "th"))
            problems.append(words("file.problem", where=where, problem=problem))
            area = None
        if area == "":
            problems.append(words("assess.area_empty", where=where))
        if area and area.startswith(_FORMULA_START):
            problems.append(words("assess.formula", where=where, value=_shown(area), first=repr(area[0])))
            area = ""
        value = _score(score)
        if value is None:
            problems.append(words("assess.bad_score", where=where, value=_shown(score), low=low, high=high))
        if not area:
            continue
        key = (org, area_key(area))
        display_area = spelling.setdefault(area_key(area), area)
        if key in seen:
            where_before = words(f"file.{unit}_word")
            problems.append(
                words("assess.scored_twice", where=where, org=org, area=area, unit=where_before, n=seen[key])
            )
            continue
        seen[key] = number
        if len(spelling) > MAX_AREAS:
            problems.append(words("assess.too_many_areas", where=where, max=MAX_AREAS))
            break
        if value is not None:
            clean.append({"org": org, "area": display_area, "score": value})
    return clean, problems


def _score(text):
    """A score from 1 to 5 (whole or not), or None. NaN, infinities and "1e3" are not scores."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        value = float(text)
    else:
        try:
            value = float(str(text).strip())
        except ValueError:
            return None
    low, high = SCORE_RANGE
    if not math.isfinite(value) or not low <= value <= high:
        return None
    return int(value) if value.is_integer() else value


def problems_refusal(problems, limit=MAX_PROBLEMS):
    """One ValidationError listing ``problems`` (``(en, th)`` pairs from :func:`check_rows`),
    at most ``limit`` of them and how many more, in both languages."""
    extra = [words("file.more", n=len(problems) - limit)] if len(problems) > limit else []
    return refusal_of(problems[:limit] + extra, "file")


def parse_capacity(text, meeting, source="capacity file"):
    """Parse and validate CSV text. Raises :class:`ValidationError` listing every problem found."""
    records, commented = _csv_records(text, source)
    rows, row_lines, marked = _scored_rows(records, source)
    clean, problems = checked_rows(rows, meeting, source, row_lines)
    if problems:
        raise problems_refusal(problems)
    return CapacityData(rows=clean, illustrative=commented or marked, source=source)


def _csv_records(text, source):
    """([(line number, values)], whether a comment says "illustrative") of the file's CSV
    lines, skipping comments and blank lines; at most MAX_ROWS rows are read."""
    illustrative = False
    numbers = []  # the file's line number of each line the CSV reader is given

    def data_lines():
        # Lazily, so that reading can stop at MAX_ROWS without splitting a huge file first.
        nonlocal illustrative
        for number, line in enumerate(io.StringIO(text.lstrip("\ufeff"), newline=None), start=1):
            if line.lstrip().startswith("#"):
                illustrative = illustrative or "illustrative" in line.lower()
            elif line.strip():
                numbers.append(number)
                yield line

    reader = csv.reader(data_lines())

    def line_number():
        # The reader counts the lines it has read; map its count back to the file's own numbering.
        return numbers[min(max(reader.line_num, 1), len(numbers)) - 1]

    records = []
    try:
        for values in reader:
            records.append((line_number(), values))
            if len(records) > MAX_ROWS + 1:  # the header and MAX_ROWS rows
                raise refusal("assess.too_many_rows", "file", source=source, max=f"{MAX_ROWS:,}")
    except csv.Error as exc:
        where = words("file.line", source=source, n=line_number())
        raise refusal("assess.bad_csv", "file", where=where, problem=_csv_problem(exc)) from None
    return records, illustrative


def _scored_rows(records, source):
    """(rows of org, area and score as typed, their line numbers, whether an ``illustrative``
    column says so) from the CSV records, the first being the header."""
    if not records:
        raise refusal("assess.no_header", "file", source=source, columns=", ".join(COLUMNS))
    (header_line, header_values), body = records[0], records[1:]
    header = [h.strip().lower() for h in header_values]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        where = words("file.line", source=source, n=header_line)
        missing = ", ".join(repr(m) for m in missing)
        raise refusal("assess.missing_column", "file", where=where, missing=missing, columns=", ".join(COLUMNS))
    rows, row_lines, illustrative = [], [], False
    for number, values in body:
        record = dict(zip(header, (v.strip() for v in values), strict=False))
        illustrative = illustrative or record.get("illustrative", "").lower() in _TRUE
        rows.append(
            {"org": record.get("organisation", ""), "area": record.get("area", ""), "score": record.get("score", "")}
        )
        row_lines.append(number)
    if not rows:
        raise refusal("assess.no_scores", "file", source=source)
    return rows, row_lines, illustrative


def _csv_problem(exc):
    """What the CSV reader could not read, as an ``(en, th)`` pair."""
    message = str(exc)
    if "field larger than field limit" in message:
        return words("assess.long_cell", n=f"{csv.field_size_limit():,}")
    return words("assess.unreadable_line", message=message)


def load_capacity(path, meeting):
    """Load and validate a capacity-assessment CSV file: every failure is one ValidationError."""
    handed = read_text(path, FINDINGS_FILE)
    return _checked(handed, shown_path(Path(path).name or path), meeting)


def load_capacity_bytes(raw, name, meeting):
    """A findings file chosen in the browser (its bytes and file name), checked exactly as
    :func:`load_capacity` checks a file on disk; nothing is written anywhere."""
    name = shown_path(Path(str(name or "")).name or "?")
    return _checked(handed_bytes(raw, name, FINDINGS_FILE), name, meeting)


def _checked(handed, name, meeting):
    if not handed.text.strip():
        raise refusal("assess.empty_file", "file", name=name, columns=", ".join(COLUMNS))
    data = parse_capacity(handed.text, meeting, source=name)
    data.size, data.sha256 = len(handed.raw), hashlib.sha256(handed.raw).hexdigest()
    return data


def report_line(data, meeting=None, lang="en"):
    """The sentence the report and the training plan give about the assessment they show, in
    ``lang``: when it was stored in the workbook (on ``meeting``'s clock: an act of the
    workbook, not of the meeting day) and by whom, in words."""
    if data is None:
        return t("capacity.none_stored", lang)
    when = format_local(data.loaded_at, meeting, lang) if data.loaded_at else "?"
    who = actor_words(data.loaded_by, meeting, lang)
    return t("capacity.stored_line", lang).format(what=data.describe(lang), when=when, who=who)


def capacity_needs_summary(data, threshold=2):
    """Areas scored at or below ``threshold``, per organisation: a starting point for the needs."""
    out = {}
    for row in data.rows:
        if row["score"] <= threshold:
            out.setdefault(row["org"], []).append(row["area"])
    return out
