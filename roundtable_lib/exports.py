"""The meeting's outputs: report and joint recommendations (Word), training plan and every table
(Excel), CSV files, and a Markdown/HTML report for the web.

The data flow is one way: :func:`collect` reads the database through the store and passes
everything through :func:`publishable`, the one place that decides what a public export may
contain (no sensitive or deleted items, no names of people who did not consent, nothing a
withheld item said through a poll option). Every writer works from that filtered
:class:`Content` only. ``internal=True`` skips the filtering and every file says so.

:func:`export_all` writes into a staging folder inside the output folder and moves the files
into place only when all of them were written, so a failure leaves no half-written file.
"""

import asyncio
import base64
import csv
import datetime as _dt
import html as _html
import io
import os
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import capacity
from . import charts as plots
from .exceptions import RoundtableError
from .i18n import pick, t
from .markup import esc
from .model import KINDS
from .store import Store, default_db_path

MERGED_STATE = "review.merged"  # {duplicate item id: id of the item it was merged into}
INTERNAL_NOTICE = "INTERNAL: includes sensitive items and the names of every participant. Do not publish."
PUBLIC_NOTICE = "Public version: sensitive items and the names of people who did not consent are left out."
DEMO_NOTICE = "Sample data: this is a demonstration database."
NAME_WITHHELD = "[name withheld]"
OPTION_WITHHELD = "[withheld]"
NO_CHARTS_ENV = "ROUNDTABLE_NO_CHARTS"
CHART_WIDTH, CHART_SCALE = 900, 1.5
# A formula in a CSV/XLSX cell runs when the file is opened in a spreadsheet (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(RoundtableError):
    """The outputs could not be written (unwritable folder, full disk, ...). Nothing was left behind."""


def safe_cell(value):
    """A value safe for a spreadsheet cell: text that a spreadsheet would read as a formula gets a
    leading single quote, so it shows as the text that was typed."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# ------------------------------------------------------------------------------ content


@dataclass
class Content:
    """Everything an export may show, already filtered by :func:`publishable`."""

    meeting: object
    internal: bool
    demo: bool
    items: list
    named: list  # participants who may be named (every participant when internal)
    counts: dict  # org id -> {"named": n, "unnamed": n}
    polls: list  # poll_results dicts; withheld options relabelled
    merged: dict = field(default_factory=dict)
    assessment: object = None  # capacity.CapacityData of the assessment file, if there is one
    generated_at: str = ""

    def of(self, kind, session=None):
        return [i for i in self.items if i["kind"] == kind and (session is None or i["session"] == session)]

    def org_label(self, org_id, lang="en"):
        try:
            return self.meeting.org(org_id).label(lang)
        except KeyError:
            return org_id or ""

    def org_name(self, org_id, lang="en"):
        try:
            return pick(self.meeting.org(org_id).name, lang)
        except KeyError:
            return org_id or ""

    def orgs_label(self, ids):
        return ", ".join(self.org_label(o) for o in ids)

    def resolve(self, item_id):
        """Follow merges: the id of the item that now stands for ``item_id``."""
        seen = set()
        while item_id in self.merged and item_id not in seen:
            seen.add(item_id)
            item_id = self.merged[item_id]
        return item_id


def _redactor(names):
    names = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
    if not names:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)
    return lambda text: pattern.sub(NAME_WITHHELD, text) if isinstance(text, str) else text


def publishable(meeting, items, everything, participants, polls, merged, internal, demo=False, assessment=None):
    """The one filter between the database and a file someone may publish.

    ``items`` come from the store (a public store for public exports), ``everything`` maps every
    item id (deleted and sensitive ones too) to its item, ``participants`` are all registered
    participants with their names. Public exports keep no sensitive or deleted item, name only
    participants who consented (others are counted by organisation), replace the names of the
    others wherever they were typed (an action's owner, a question's "asked by"), and withhold
    poll options that stand for a sensitive or deleted item.
    """
    withheld = [] if internal else [p["name"] for p in participants if not p["consent"]]
    redact = _redactor(withheld)

    def clean(item):
        out = {**item, "text_en": redact(item["text_en"]), "text_th": redact(item["text_th"])}
        out["attrs"] = {k: redact(v) for k, v in item["attrs"].items()}
        return out

    visible = [clean(i) for i in items if not i["deleted_at"] and (internal or not i["sensitive"])]
    visible_ids = {i["id"] for i in visible}
    named = [p for p in participants if internal or p["consent"]]
    counts = {}
    for p in participants:
        entry = counts.setdefault(p["org"], {"named": 0, "unnamed": 0})
        entry["named" if (internal or p["consent"]) else "unnamed"] += 1

    def target(item_id):
        seen = set()
        while item_id in merged and item_id not in seen:
            seen.add(item_id)
            item_id = merged[item_id]
        return item_id

    def option(row):
        row = {**row}
        item_id = row.get("item_id")
        if item_id:
            row["item_id"] = target(item_id)
            if row["item_id"] not in visible_ids and not internal:
                row["label_en"] = row["label_th"] = OPTION_WITHHELD
        row["label_en"], row["label_th"] = redact(row.get("label_en") or ""), redact(row.get("label_th") or "")
        return row

    out_polls = []
    for res in polls:
        poll = {**res["poll"], "title_en": redact(res["poll"]["title_en"]), "title_th": redact(res["poll"]["title_th"])}
        poll["options"] = [option(o) for o in poll["options"]]
        results = [option(r) for r in res["results"]] if res.get("results") is not None else None
        out_polls.append({**res, "poll": poll, "results": results})
    return Content(
        meeting=meeting,
        internal=internal,
        demo=demo,
        items=visible,
        named=named,
        counts=counts,
        polls=out_polls,
        merged=dict(merged),
        assessment=assessment,
        generated_at=_dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def _assessment(path, meeting):
    """The capacity-assessment file (the shipped sample by default), or None when there is none.

    A broken file is the organiser's to fix, so its message (file, line, problem) stops the export.
    """
    path = Path(path) if path else capacity.default_path()
    return capacity.load_capacity(path, meeting) if path.exists() else None


def collect(path=None, internal=False, assessment=None):
    """Read the meeting at ``path`` through the store and filter it for publication (or not)."""
    path = path or default_db_path()  # a file path or a database URL
    with (
        Store(path, readonly=True, public=not internal, actor="export") as view,
        Store(path, readonly=True, actor="export") as full,
    ):
        meeting = full.meeting
        items = view.items(include_sensitive=internal)
        everything = {i["id"]: i for i in full.items(include_deleted=True)}
        participants = full.participants()
        # Results come from the full store so that votes for a merged duplicate can follow the merge;
        # publishable() withholds options of sensitive or deleted items, and unrevealed results stay out.
        polls = []
        for poll in full.polls():
            results = full.poll_results(poll["id"])
            if not internal and not results["poll"]["revealed"]:
                results = {**results, "voters": None, "organisations": None, "results": None}
            polls.append(results)
        merged = full.get_state(MERGED_STATE, {}) or {}
        demo = bool(full.get_state("demo"))
    return publishable(
        meeting, items, everything, participants, polls, merged, internal, demo, _assessment(assessment, meeting)
    )


# ------------------------------------------------------------------------------ derived tables


def _kind_order(kind):
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def ranked_recommendations(content):
    """(poll results used or None, [(recommendation, result row or None)]) best first.

    The latest poll whose results include recommendations decides the order; recommendations
    nobody voted on follow in the order they were captured.
    """
    recs = content.of("recommendation")
    ids = {r["id"] for r in recs}
    used = None
    for res in content.polls:
        if res["results"] and any(row.get("item_id") in ids for row in res["results"]):
            used = res
    ranks = {}
    for row in (used or {}).get("results") or []:
        if row.get("item_id") in ids and row["item_id"] not in ranks:
            ranks[row["item_id"]] = row
    position = {r["id"]: n for n, r in enumerate(recs)}
    recs.sort(
        key=lambda r: (r["id"] not in ranks, ranks[r["id"]]["rank"] if r["id"] in ranks else 0, position[r["id"]])
    )
    return used, [(r, ranks.get(r["id"])) for r in recs]


def matched_offers(content):
    """Offers and asks on the same topic (case and spacing ignored): [(topic, offers, asks)]."""

    def key(item):
        return " ".join(item["attrs"].get("topic", "").lower().split())

    topics = {}
    for item in content.of("offer") + content.of("ask"):
        topics.setdefault(key(item), {"topic": item["attrs"].get("topic", ""), "offer": [], "ask": []})
        topics[key(item)][item["kind"]].append(item)
    return [(v["topic"], v["offer"], v["ask"]) for v in topics.values()]


def _poll_method(poll):
    if poll["method"] == "dots":
        how = f"dot voting ({poll['budget']} dots each, at most {poll['per_option_limit']} on one option)"
    elif poll["method"] == "single":
        how = "single choice"
    else:
        how = "scale from 1 to 5 (mean score)"
    weight = "one vote per organisation" if poll["weighting"] == "organisation" else "one vote per person"
    return f"{how}; {weight}"


def _voters(res):
    if res["voters"] is None:
        return "a show of hands (no count of voters)"
    return f"{res['voters']} voters from {res.get('organisations', 0)} organisations"


def sheets(content):
    """Every table of the meeting: [(sheet name, headers, rows)], one sheet per kind."""
    out = []
    for kind in KINDS:
        items = content.of(kind)
        if not items:
            continue
        attr_keys = sorted({k for i in items for k in i["attrs"]})
        headers = ["id", "session", "organisation", "organisations", "english", "thai", *attr_keys, "captured_at"]
        if content.internal:
            headers += ["sensitive", "captured_by"]
        rows = []
        for i in items:
            row = [
                i["id"],
                i["session"],
                content.org_label(i["org"]) if i["org"] else "",
                content.orgs_label(i["orgs"]),
                i["text_en"],
                i["text_th"],
                *[i["attrs"].get(k, "") for k in attr_keys],
                i["created_at"],
            ]
            if content.internal:
                row += ["yes" if i["sensitive"] else "no", i["created_by"]]
            rows.append(row)
        out.append((kind, headers, rows))
    out.append(
        (
            "participants",
            ["name", "organisation", "role", "language"],
            [[p["name"], content.org_label(p["org"]), p["role"], p["language"]] for p in content.named],
        )
    )
    out.append(
        (
            "participant_counts",
            ["organisation", "named", "not_named"],
            [[content.org_label(o), c["named"], c["unnamed"]] for o, c in content.counts.items()],
        )
    )
    votes = []
    for res in content.polls:
        poll = res["poll"]
        for row in res["results"] or []:
            votes.append(
                [
                    poll["title_en"] or poll["title_th"],
                    poll["method"],
                    poll["weighting"],
                    res["voters"],
                    row["rank"],
                    row["label_en"],
                    row["label_th"],
                    row["score"],
                    row["votes"],
                    "yes" if row["tied"] else "no",
                ]
            )
    out.append(
        (
            "votes",
            ["poll", "method", "weighting", "voters", "rank", "option_en", "option_th", "score", "ballots", "tied"],
            votes,
        )
    )
    return out


def training_rows(content):
    headers = ["Training", "Thai", "Format", "Provider", "Timing", "Status", "For organisations", "Session"]
    rows = [
        [
            i["text_en"],
            i["text_th"],
            i["attrs"].get("format", "").replace("_", " "),
            i["attrs"].get("provider", ""),
            i["attrs"].get("timing", ""),
            i["attrs"].get("status", ""),
            content.orgs_label(i["orgs"]),
            i["session"],
        ]
        for i in content.of("training")
    ]
    return headers, rows


def needs_rows(content):
    headers = ["Organisation", "Capacity area", "Need", "Thai"]
    rows = [
        [content.org_label(i["org"]), i["attrs"].get("area", ""), i["text_en"], i["text_th"]]
        for i in content.of("need")
    ]
    return headers, rows


# ------------------------------------------------------------------------------ the report as blocks

# A report is a list of blocks that three writers (Word, Markdown, HTML) render the same way:
# ("h", level, text), ("p", text, style), ("bullets", [text]), ("table", headers, rows),
# ("chart", key, title), ("break",).


def _items_table(content, items):
    order = {o.id: n for n, o in enumerate(content.meeting.organisations)}
    items = sorted(items, key=lambda i: (i["org"] is None, order.get(i["org"], 99), _kind_order(i["kind"])))
    rows = []
    for i in items:
        who = content.org_label(i["org"]) if i["org"] else content.orgs_label(i["orgs"]) or t("head.room")
        text = i["text_en"]
        extra = i["attrs"].get("topic") or i["attrs"].get("area")
        if extra:
            text = f"{extra}: {text}" if text else extra
        if i["kind"] == "question" and i["attrs"].get("answer"):
            text += f"\nAnswer: {i['attrs']['answer']}"
        rows.append([who, t("kind." + i["kind"]), text, i["text_th"]])
    return ("table", ["Organisation", "Kind", "English", "Thai"], rows)


def report_blocks(content):
    """The meeting report as blocks, and the charts it wants: [(key, title, figure)]."""
    m = content.meeting
    b, charts = [], []

    def chart(key, title, fig):
        charts.append((key, title, fig))
        b.append(("chart", key, title))

    b.append(("h", 0, pick(m.title, "en")))
    b.append(("p", pick(m.title, "th"), "subtitle"))
    b.append(("p", f"{m.date.strftime('%d %B %Y')} · {pick(m.venue, 'en')}", None))
    b.append(("p", pick(m.venue, "th"), None))
    if m.funding_note:
        b.append(("p", f"{pick(m.funding_note, 'en')} / {pick(m.funding_note, 'th')}", None))
    b.append(("p", "Meeting report", "subtitle"))
    if content.demo:
        b.append(("p", DEMO_NOTICE, "notice"))
    b.append(("p", INTERNAL_NOTICE if content.internal else PUBLIC_NOTICE, "notice"))
    b.append(("p", f"Generated {content.generated_at}.", None))
    b.append(("break",))

    b.append(("h", 1, "Objectives and agenda"))
    b.append(("bullets", [f"{o['en']}\n{o.get('th', '')}".strip() for o in m.objectives]))
    b.append(
        (
            "table",
            ["Time", "Session", "Thai", "Chair"],
            [
                [f"{start:%H:%M}–{end:%H:%M}", pick(a.title, "en"), pick(a.title, "th"), content.org_label(a.chair)]
                for a, start, end in m.schedule()
            ],
        )
    )

    b.append(("h", 1, "Participants"))
    b.append(
        (
            "p",
            f"{sum(c['named'] + c['unnamed'] for c in content.counts.values())} participants registered. "
            + (
                "Every participant is named (internal version)."
                if content.internal
                else "Only participants who agreed to be named are listed; the others are counted by organisation."
            ),
            None,
        )
    )
    if content.named:
        b.append(
            (
                "table",
                ["Name", "Organisation", "Role"],
                [[p["name"], content.org_label(p["org"]), p["role"]] for p in content.named],
            )
        )
    b.append(
        (
            "table",
            ["Organisation", "Named", "Not named"],
            [[content.org_name(o), c["named"], c["unnamed"]] for o, c in content.counts.items()],
        )
    )

    b.append(("h", 1, "Sessions"))
    contributions = [
        (content.org_label(i["org"]), t("kind." + i["kind"]))
        for i in content.items
        if i["org"] and i["kind"] != "summary"
    ]
    if contributions:
        chart(
            "contributions",
            "Contributions by organisation",
            plots.items_by_org_chart("Contributions by organisation", contributions),
        )
    for a in m.agenda:
        b.append(("h", 2, pick(a.title, "en")))
        b.append(("p", pick(a.title, "th"), "subtitle"))
        summaries = content.of("summary", a.id)
        for s in summaries:
            b.append(("p", "\n".join(x for x in (s["text_en"], s["text_th"]) if x), None))
        if not summaries:
            b.append(("p", "No summary was recorded for this session.", "note"))
        rest = [i for i in content.items if i["session"] == a.id and i["kind"] != "summary"]
        if rest:
            b.append(_items_table(content, rest))
        else:
            b.append(("p", "Nothing was captured in this session.", "note"))

    b.append(("h", 1, "Synergies and peer support"))
    synergies = content.of("synergy")
    if synergies:
        b.append(
            (
                "table",
                ["Organisations", "Synergy", "Thai"],
                [[content.orgs_label(i["orgs"]), i["text_en"], i["text_th"]] for i in synergies],
            )
        )
    else:
        b.append(("p", "No synergies were captured.", "note"))
    matches = matched_offers(content)
    if matches:
        b.append(("h", 3, "Offers and asks by topic"))
        rows = []

        def said(items):
            return "; ".join(f"{content.org_label(i['org'])}: {i['text_en'] or i['text_th']}" for i in items)

        for topic, offers, asks in matches:
            rows.append([topic, said(offers), said(asks), "matched" if offers and asks else "open"])
        b.append(("table", ["Topic", "Offered", "Asked", "Match"], rows))

    b.append(("h", 1, "Votes"))
    if not content.polls:
        b.append(("p", "No votes were taken.", "note"))
    for n, res in enumerate(content.polls):
        poll = res["poll"]
        title = poll["title_en"] or poll["title_th"]
        b.append(("h", 3, title))
        if poll["title_th"] and poll["title_en"]:
            b.append(("p", poll["title_th"], "subtitle"))
        if res["results"] is None:
            b.append(("p", f"Method: {_poll_method(poll)}. The results were not revealed.", None))
            continue
        b.append(("p", f"Method: {_poll_method(poll)}. {_voters(res)}. Status: {poll['status']}.", None))
        ties = {}
        for row in res["results"]:
            if row["tied"]:
                ties.setdefault(row["rank"], []).append(row["label_en"] or row["label_th"])
        for rank, labels in ties.items():
            b.append(("p", f"Tie at rank {rank}: " + "; ".join(labels), "note"))
        b.append(
            (
                "table",
                ["Rank", "Option", "Thai", "Score", "Ballots", "Tie"],
                [
                    [r["rank"], r["label_en"], r["label_th"], f"{r['score']:g}", r["votes"], "tie" if r["tied"] else ""]
                    for r in res["results"]
                ],
            )
        )
        chart(
            f"poll{n}",
            title,
            plots.vote_chart(
                title,
                [
                    {"label": r["label_en"] or r["label_th"], "score": r["score"], "tied": r["tied"]}
                    for r in res["results"]
                ],
            ),
        )

    b.append(("h", 1, "Capacity needs"))
    if content.assessment and content.assessment.rows:
        if content.assessment.illustrative:
            b.append(
                (
                    "p",
                    "The capacity assessment shown is the illustrative sample shipped with the workbook, "
                    "not this meeting's findings.",
                    "note",
                )
            )
        chart(
            "assessment",
            "Capacity assessment scores",
            plots.capacity_heatmap(
                content.assessment.rows, content.meeting, illustrative=content.assessment.illustrative
            ),
        )
    needs = content.of("need")
    if needs:
        chart(
            "needs",
            "Capacity needs raised, by organisation and area",
            plots.count_heatmap(
                "Capacity needs raised, by organisation and area",
                [(content.org_label(i["org"]), i["attrs"].get("area", ""), 1) for i in needs],
                colorbar_title="needs",
                zmin=0,
            ),
        )
        headers, rows = needs_rows(content)
        b.append(("table", headers, rows))
    else:
        b.append(("p", "No capacity needs were captured.", "note"))

    b.append(("h", 1, "Training plan"))
    headers, rows = training_rows(content)
    b.append(("table", headers[:-1], [r[:-1] for r in rows]) if rows else ("p", "No training was planned.", "note"))

    b.append(("h", 1, "Action items"))
    actions = sorted(content.of("action"), key=lambda i: i["attrs"].get("due", ""))
    if actions:
        b.append(
            (
                "table",
                ["Action", "Owner organisation", "Owner", "Due", "Status"],
                [
                    [
                        i["text_en"] or i["text_th"],
                        content.org_label(i["org"]),
                        i["attrs"].get("owner_person", ""),
                        i["attrs"].get("due", ""),
                        i["attrs"].get("status", "").replace("_", " "),
                    ]
                    for i in actions
                ],
            )
        )
    else:
        b.append(("p", "No action items were agreed.", "note"))
    return b, charts


def recommendation_blocks(content):
    m = content.meeting
    used, ranked = ranked_recommendations(content)
    b = [
        ("h", 0, "Joint recommendations"),
        ("p", "ข้อเสนอแนะร่วม", "subtitle"),
        ("p", f"{pick(m.title, 'en')}, {pick(m.venue, 'en')}, {m.date.strftime('%d %B %Y')}", None),
        ("p", pick(m.title, "th"), None),
    ]
    if content.demo:
        b.append(("p", DEMO_NOTICE, "notice"))
    if content.internal:
        b.append(("p", INTERNAL_NOTICE, "notice"))
    if used:
        poll = used["poll"]
        b.append(
            (
                "p",
                f"In priority order, as voted in “{poll['title_en'] or poll['title_th']}”: "
                f"{_poll_method(poll)}; {_voters(used)}.",
                None,
            )
        )
    else:
        b.append(("p", "No vote ranked these recommendations; they are listed in the order they were agreed.", None))
    if not ranked:
        b.append(("p", "No joint recommendations were captured.", "note"))
    for n, (rec, row) in enumerate(ranked, start=1):
        b.append(("h", 2, f"{n}. {rec['text_en'] or rec['text_th']}"))
        if rec["text_th"] and rec["text_en"]:
            b.append(("p", rec["text_th"], None))
        if row:
            tie = " (tied)" if row["tied"] else ""
            b.append(("p", f"Rank {row['rank']}{tie} · score {row['score']:g} · {row['votes']} ballots", "note"))
        else:
            b.append(("p", "Not ranked by the vote.", "note"))
    return b


# ------------------------------------------------------------------------------ charts


def render_charts(charts, enabled=None):
    """PNG images of the figures: ({key: png bytes}, [(title, reason)] for the charts left out).

    Kaleido drives a Chromium already on the machine (Debian's /usr/bin/chromium, or
    ``$BROWSER_PATH``); it is never asked to download one. MathJax is turned off so that
    nothing is fetched from a CDN. Set ``ROUNDTABLE_NO_CHARTS=1`` (or ``enabled=False``) to
    build the report with tables only.
    """
    if not charts:
        return {}, []
    if enabled is None:
        enabled = not os.environ.get(NO_CHARTS_ENV)
    if not enabled:
        return {}, [(title, "chart images are turned off") for _, title, _ in charts]
    browser = os.environ.get("BROWSER_PATH") or next(
        (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None
    )
    if not browser or not os.access(browser, os.X_OK):
        return {}, [(title, "no Chromium browser was found to draw it") for _, title, _ in charts]
    try:
        import kaleido
    except ImportError:
        return {}, [(title, "kaleido is not installed") for _, title, _ in charts]

    async def draw():
        async with kaleido.Kaleido(n=1, timeout=60, mathjax=False) as k:
            return [
                await k.calc_fig(
                    fig, opts=dict(format="png", width=CHART_WIDTH, height=fig.layout.height or 450, scale=CHART_SCALE)
                )
                for _, _, fig in charts
            ]

    outcome = {}

    def run():  # a thread of its own: a notebook kernel already runs an event loop
        try:
            outcome["images"] = asyncio.run(draw())
        except BaseException as exc:  # noqa: BLE001 any failure means "no charts", never "no report"
            outcome["error"] = exc

    previous = os.environ.get("BROWSER_PATH")
    os.environ["BROWSER_PATH"] = browser
    try:
        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        thread.join(120)
    finally:
        if previous is None:
            os.environ.pop("BROWSER_PATH", None)
    if "images" not in outcome:
        error = outcome.get("error")
        reason = f"the browser could not draw it ({type(error).__name__})" if error else "drawing it timed out"
        return {}, [(title, reason) for _, title, _ in charts]
    return {key: png for (key, _, _), png in zip(charts, outcome["images"], strict=True)}, []


# ------------------------------------------------------------------------------ writers


def write_docx(blocks, path, notice, images=None, omitted=()):
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Inches, Pt, RGBColor

    images, omitted = images or {}, dict(omitted)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    # Word picks the complex-script font for Thai; name one that has Thai glyphs on Windows and macOS.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:cs"), "Leelawadee UI")
    for section in doc.sections:
        section.header.paragraphs[0].text = notice
        section.footer.paragraphs[0].text = notice
    for block in blocks:
        kind = block[0]
        if kind == "h":
            doc.add_heading(block[2], level=block[1])
        elif kind == "p":
            _, text, style = block
            para = doc.add_paragraph()
            run = para.add_run(text)
            if style == "subtitle":
                run.font.size = Pt(13)
            elif style == "note":
                run.italic = True
            elif style == "notice":
                run.bold = True
                run.font.color.rgb = RGBColor(0xA8, 0x20, 0x0D)
        elif kind == "bullets":
            for text in block[1]:
                doc.add_paragraph(text, style="List Bullet")
        elif kind == "table":
            _, headers, rows = block
            table = doc.add_table(rows=1, cols=len(headers))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, headers, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(str(text)).bold = True
            for row in rows:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    cell.text = "" if value is None else str(value)
            doc.add_paragraph()
        elif kind == "chart":
            _, key, title = block
            if key in images:
                doc.add_picture(io.BytesIO(images[key]), width=Inches(6.3))
                doc.add_paragraph(title).runs[0].italic = True
            else:
                doc.add_paragraph(f"Chart left out: {title} ({omitted.get(title, 'not drawn')}).").runs[0].italic = True
        elif kind == "break":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if omitted:
        doc.add_heading("Charts left out", level=2)
        for title, reason in omitted.items():
            doc.add_paragraph(f"{title}: {reason}", style="List Bullet")
    doc.core_properties.title = next((blk[2] for blk in blocks if blk[0] == "h"), "")
    doc.save(path)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|])")


def _md(text):
    # Markdown viewers pass HTML through: escape it, so typed text cannot script the page; and
    # backslash Markdown's own marks, so it cannot make links (javascript:...) or headings either.
    escaped = _html.escape(str(text), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped).replace("\n", "<br>")


def write_markdown(blocks, path, notice, omitted=()):
    omitted = dict(omitted)
    lines = [f"> **{_md(notice)}**", ""]
    for block in blocks:
        kind = block[0]
        if kind == "h":
            lines += ["#" * (block[1] + 1) + " " + _md(block[2]), ""]
        elif kind == "p":
            text = _md(block[1])
            lines += [
                f"*{text}*" if block[2] in ("note", "subtitle") else f"**{text}**" if block[2] == "notice" else text,
                "",
            ]
        elif kind == "bullets":
            lines += [f"- {_md(x)}" for x in block[1]] + [""]
        elif kind == "table":
            _, headers, rows = block
            lines.append("| " + " | ".join(_md(h) for h in headers) + " |")
            lines.append("|" + "---|" * len(headers))
            lines += ["| " + " | ".join(_md("" if v is None else v) for v in row) + " |" for row in rows]
            lines.append("")
        elif kind == "chart":
            reason = omitted.get(block[2])
            lines += [
                f"*Chart: {_md(block[2])}"
                + (f" (left out: {_md(reason)})*" if reason else " (see the HTML or Word report)*"),
                "",
            ]
        elif kind == "break":
            lines += ["---", ""]
    Path(path).write_text("\n".join(lines), encoding="utf-8")


_HTML_STYLE = """<style>
body { font-family: "Noto Sans", "Noto Sans Thai", "Loma", "Garuda", sans-serif; color: #1d2733; max-width: 60em;
       margin: 2em auto; padding: 0 1em; line-height: 1.45; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em; width: 100%; }
th, td { border: 1px solid #c8d1da; padding: 0.3em 0.5em; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #eef2f6; }
.notice { background: #fff4ce; border: 1px solid #e0c060; padding: 0.4em 0.7em; font-weight: bold; }
.note, .subtitle { color: #51606f; font-style: italic; }
img { max-width: 100%; }
</style>"""


def write_html(blocks, path, notice, images=None, omitted=()):
    images, omitted = images or {}, dict(omitted)
    title = next((blk[2] for blk in blocks if blk[0] == "h"), "Report")
    out = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title>{_HTML_STYLE}</head><body>",
        f'<p class="notice">{esc(notice)}</p>',
    ]
    for block in blocks:
        kind = block[0]
        if kind == "h":
            level = min(block[1] + 1, 6)
            out.append(f"<h{level}>{esc(block[2])}</h{level}>")
        elif kind == "p":
            style = f' class="{block[2]}"' if block[2] else ""
            out.append(f"<p{style}>{esc(block[1])}</p>")
        elif kind == "bullets":
            out.append("<ul>" + "".join(f"<li>{esc(x)}</li>" for x in block[1]) + "</ul>")
        elif kind == "table":
            _, headers, rows = block
            out.append(
                "<table><thead><tr>"
                + "".join(f"<th>{esc(h)}</th>" for h in headers)
                + "</tr></thead><tbody>"
                + "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in rows)
                + "</tbody></table>"
            )
        elif kind == "chart":
            _, key, chart_title = block
            if key in images:
                data = base64.b64encode(images[key]).decode("ascii")
                out.append(
                    f'<figure><img alt="{esc(chart_title)}" src="data:image/png;base64,{data}">'
                    f"<figcaption>{esc(chart_title)}</figcaption></figure>"
                )
            else:
                out.append(
                    f'<p class="note">Chart left out: {esc(chart_title)} '
                    f"({esc(omitted.get(chart_title, 'not drawn'))}).</p>"
                )
        elif kind == "break":
            out.append("<hr>")
    out.append(f'<p class="notice">{esc(notice)}</p></body></html>')
    Path(path).write_text("\n".join(out), encoding="utf-8")


def write_xlsx(sheet_list, path, notice):
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


# ------------------------------------------------------------------------------ all outputs


@dataclass
class ExportResult:
    files: list  # paths written, relative to the output folder
    omitted_charts: list  # (title, reason)
    internal: bool
    out_dir: Path
    seconds: float = 0.0


def export_all(db=None, out_dir="exports", internal=False, charts=None, progress=None, assessment=None):
    """Write every output of the meeting into ``out_dir``; returns an :class:`ExportResult`.

    ``progress(step, total, label)`` is called before each step. Files go to a staging folder
    inside ``out_dir`` first and are moved into place only once all of them are written.
    """
    from . import carry

    started = time.monotonic()
    out_dir = Path(out_dir)
    suffix = "-internal" if internal else ""
    notice = INTERNAL_NOTICE if internal else PUBLIC_NOTICE
    steps = [
        "reading the meeting",
        "drawing charts",
        "meeting report (Word)",
        "joint recommendations (Word)",
        "training plan (Excel)",
        "all tables (Excel)",
        "CSV files",
        "report for the web (Markdown, HTML)",
    ]
    if not internal:
        steps.append("carry-forward package")

    def step(n):
        if progress:
            progress(n + 1, len(steps), steps[n])

    step(0)
    content = collect(db, internal=internal, assessment=assessment)
    blocks, wanted = report_blocks(content)
    step(1)
    images, omitted = render_charts(wanted, charts)

    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir))
    except OSError as exc:
        raise ExportError(f"Cannot write to {out_dir}: {exc.strerror or exc}.") from None
    files = []
    try:

        def target(name):
            files.append(name)
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            return path

        step(2)
        write_docx(blocks, target(f"report{suffix}.docx"), notice, images, omitted)
        step(3)
        write_docx(recommendation_blocks(content), target(f"joint-recommendations{suffix}.docx"), notice)
        step(4)
        t_headers, t_rows = training_rows(content)
        write_xlsx(
            [("Training plan", t_headers, t_rows), ("Capacity needs", *needs_rows(content))],
            target(f"training-plan{suffix}.xlsx"),
            notice,
        )
        step(5)
        tables = sheets(content)
        write_xlsx(tables, target(f"tables{suffix}.xlsx"), notice)
        step(6)
        for name, headers, rows in tables:
            write_csv(headers, rows, target(f"csv{suffix}/{name}.csv"))
        step(7)
        write_markdown(blocks, target(f"report{suffix}.md"), notice, omitted)
        write_html(blocks, target(f"report{suffix}.html"), notice, images, omitted)
        if not internal:
            step(8)
            for name in carry.write_package(content, staging / carry.FOLDER):
                files.append(f"{carry.FOLDER}/{name}")
        for name in files:
            destination = out_dir / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, destination)
    except OSError as exc:
        raise ExportError(
            f"Cannot write the exports to {out_dir}: {exc.strerror or exc}. Nothing was written."
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if created and out_dir.exists() and not any(out_dir.iterdir()):
            out_dir.rmdir()
    return ExportResult(
        files=files, omitted_charts=omitted, internal=internal, out_dir=out_dir, seconds=time.monotonic() - started
    )
