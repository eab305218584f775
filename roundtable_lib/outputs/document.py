"""The content of the meeting's documents, built once and read by every output format.

:func:`roundtable_lib.outputs.export.collect` reads the database through the privacy policy and
returns a :class:`Content`; the functions here derive what the documents show from it: the
recommendations in vote order, offers matched to asks, the tables of the spreadsheets, and
small text helpers so that every document says "1 ballot", "4.67" and "Case management" the
same way. Nothing here reads the database or writes a file.
"""

from dataclasses import dataclass, field

from roundtable_lib.meeting import assessment
from roundtable_lib.meeting.assessment import area_key
from roundtable_lib.meeting.clock import format_local, local_time
from roundtable_lib.meeting.labels import count, pick, score_text, t
from roundtable_lib.meeting.rules import KINDS, ranked, topic_key

INTERNAL_NOTICE = "INTERNAL: includes sensitive items and the names of every participant. Do not publish."
PUBLIC_NOTICE = "Public version: sensitive items and the names of people who did not consent are left out."
DEMO_NOTICE = "Sample data: this is a demonstration database."
NOT_REVEALED = "(results not revealed)"
ILLUSTRATIVE_NOTICE = (
    "ILLUSTRATIVE SAMPLE: these capacity scores are the sample shipped with the workbook, "
    "not this meeting's findings. Do not quote them."
)


@dataclass
class Content:
    """Everything an export may show, already filtered by :func:`roundtable_lib.outputs.export.publishable`."""

    meeting: object
    internal: bool
    demo: bool
    items: list
    named: list  # participants who may be named (every participant when internal)
    counts: dict  # org id -> {"named": n, "unnamed": n}
    polls: list  # poll_results dicts; withheld options left out, the others ranked again
    assessment: object = None  # assessment.CapacityData of the stored assessment, if there is one
    # Each organisation's recorded decision on the joint recommendations (Store.endorsements()).
    endorsements: list = field(default_factory=list)
    generated_at: str = ""

    def __post_init__(self):
        # A need's capacity area is shown by the one label of its area everywhere (tables, annex,
        # spreadsheets), the assessment's spelling first: "Monitoring & evaluation" typed in a
        # need reads as the assessment's "Monitoring and evaluation", never as a second area.
        labels = assessment.area_labels(
            (i["attrs"].get("area") for i in self.items if i["kind"] == "need"), self.assessment
        )
        self.items = [
            {**i, "attrs": {**i["attrs"], "area": labels[area_key(i["attrs"].get("area"))]}}
            if i["kind"] == "need" and "area" in i["attrs"]
            else i
            for i in self.items
        ]

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

    @property
    def notice(self):
        """What every page says in its header, or "" for a public document (which is simply public)."""
        return " ".join(n for n in (INTERNAL_NOTICE if self.internal else "", DEMO_NOTICE if self.demo else "") if n)


# ------------------------------------------------------------------------------ wording


def plural(n, word, words=None):
    """ "1 ballot", "2 ballots", "0 ballots"."""
    return f"{n} {word if n == 1 else words or word + 's'}"


def score(value):
    """A score as people write it: 4.6667 -> "4.67", 3.0 -> "3", None -> ""."""
    return score_text(value)  # the one rounding rule (meeting.labels), shared with charts and screens


def sentence(text):
    """Typed text as a sentence: first letter upper-case (Latin scripts; Thai has no case), one
    full stop at the end unless it already ends in punctuation, no doubled marks."""
    text = " ".join(str(text or "").split())
    if not text:
        return ""
    if text[0].islower():
        text = text[0].upper() + text[1:]
    while len(text) > 1 and text[-1] in ".;," and text[-2] in ".;:,!?":
        text = text[:-1]
    return text if text[-1] in ".!?…)\"”'" or not text[-1].isascii() else text + "."


def upper_first(text):
    """First letter upper-case, nothing else changed (table cells, headings)."""
    text = str(text or "").strip()
    return text[0].upper() + text[1:] if text and text[0].islower() else text


def unquoted(text):
    """Typed text to quote inside a sentence: tidy spaces, no full stop of its own."""
    return upper_first(" ".join(str(text or "").split()).rstrip("."))


# ------------------------------------------------------------------------------ derived tables


def kind_order(kind):
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def ranked_recommendations(content):
    """(poll results used or None, [(recommendation, result row or None)]) best first.

    The latest poll whose results include recommendations decides the order; recommendations
    nobody voted on follow in the order they were captured. Ranks are the recommendations'
    among themselves (:func:`~roundtable_lib.meeting.rules.ranked`, ties sharing a rank): an
    option that is not a recommendation shown here, or a duplicate's second row, leaves no gap,
    so the first recommendation is rank 1.
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
    ranks = {row["item_id"]: row for row in ranked(list(ranks.values()))}
    position = {r["id"]: n for n, r in enumerate(recs)}
    recs.sort(
        key=lambda r: (r["id"] not in ranks, ranks[r["id"]]["rank"] if r["id"] in ranks else 0, position[r["id"]])
    )
    return used, [(r, ranks.get(r["id"])) for r in recs]


def matched_offers(content):
    """Offers and asks on the same topic: [(topic, offers, asks)], the topic as first typed.

    Topics are compared by :func:`~roundtable_lib.meeting.rules.topic_key`, as the chair's
    screen and the dashboards match them, so the documents pair what the room saw paired."""
    topics = {}
    for item in content.of("offer") + content.of("ask"):
        topic = item["attrs"].get("topic") or ""
        entry = topics.setdefault(topic_key(topic), {"topic": " ".join(topic.split()), "offer": [], "ask": []})
        entry[item["kind"]].append(item)
    return [(v["topic"], v["offer"], v["ask"]) for v in topics.values()]


def poll_method(poll, lang="en"):
    """How a poll was voted, as a phrase: "dot voting (3 dots each, ...); one vote per person"."""
    if poll["method"] == "dots":
        how = t("vote.dots", lang).format(dots=count(poll["budget"], "count.dot", lang), limit=poll["per_option_limit"])
    else:
        how = t("vote.single" if poll["method"] == "single" else "vote.scale", lang)
    weight = t("vote.per_organisation" if poll["weighting"] == "organisation" else "vote.per_person", lang)
    return t("vote.method", lang).format(how=how, weight=weight)


def voters(res, meeting=None, lang="en"):
    """Who voted, as a phrase: "14 ballots from 6 organisations: MAP, LSDF, ..." (the names
    when ``meeting`` is given). Only the ballots of organisations that vote in the poll count.
    No brackets of its own: sentences put it in brackets."""
    if res["voters"] is None:
        return t("vote.hands", lang)
    by = res.get("ballots_by") or {}
    if by.get("ballot") and by["ballot"] == res["voters"]:
        return count(by["ballot"], "vote.numbered", lang)
    orgs = count(res.get("organisations") or 0, "count.organisation", lang)
    if res["voters"] and by.get("organisation") == res["voters"]:
        phrase = t("vote.one_per_org", lang).format(orgs=count(res["voters"], "count.organisation", lang))
    else:
        ballots = count(res["voters"], "count.ballot", lang)
        phrase = t("vote.ballots_from", lang).format(ballots=ballots, n=res["voters"], orgs=orgs)
    if meeting is not None and res.get("voter_orgs"):
        # Thai separates the items of a list with spaces (and its short names end in a full stop: "พทช.").
        phrase += ": " + (" " if lang == "th" else ", ").join(meeting.org(o).label(lang) for o in res["voter_orgs"])
    if res.get("apart"):
        apart = t("vote.apart", lang).format(ballots=count(res["apart"], "count.ballot", lang), n=res["apart"])
        phrase += f"; {apart}"
    return phrase


def poll_title(poll):
    return poll["title_en"] or poll["title_th"]


def poll_status(poll, meeting, lang="en"):
    """Where a poll stood when its results were shown, as the reader needs it: "Voting closed
    at 11:40." (the meeting's clock), or a warning that results shown while open may change."""
    if poll.get("status") == "closed":
        moment = local_time(poll.get("closed_at"), meeting)
        # The time alone on the meeting's day; the date too when it was closed another day.
        closed = format_local(moment, meeting, lang, with_date=moment.date() != meeting.date) if moment else "?"
        return t("poll.status_closed", lang).format(time=closed)
    return t("poll.status_open", lang)


def sheets(content):
    """Every table of the meeting: [(sheet name, headers, rows)]: one sheet per kind captured,
    then the participants who may be named, how many per organisation, and the votes."""
    out = [_kind_sheet(content, kind) for kind in KINDS if content.of(kind)]
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
    out.append(_votes_sheet(content))
    return out


def _kind_sheet(content, kind):
    """The items of one kind, a column per field any of them has; internally also whether each
    is sensitive and who captured it."""
    items = content.of(kind)
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
    return (kind, headers, rows)


def _votes_sheet(content):
    """One row per option of every poll, best first; a poll whose results are not revealed is
    one row saying so, so that nobody reads "no row" as "no vote"."""
    votes = []
    for res in content.polls:
        poll = res["poll"]
        if res["results"] is None:
            votes.append([poll_title(poll), poll["method"], poll["weighting"], "", "", NOT_REVEALED, "", "", "", ""])
        for row in res["results"] or []:
            votes.append(
                [
                    poll_title(poll),
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
    return (
        "votes",
        ["poll", "method", "weighting", "voters", "rank", "option_en", "option_th", "score", "ballots", "tied"],
        votes,
    )


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


def endorsing_organisations(content):
    """The organisations recorded as endorsing the joint recommendations, in meeting order:
    endorsing is an act (Store.record_endorsement), never inferred from who was present."""
    endorsing = {e["org"] for e in content.endorsements if e["decision"] == "endorses"}
    return [o for o in content.meeting.organisations if o.id in endorsing]


def assessment_table(content):
    """(headers, rows) of the assessment's scores for a spreadsheet, each row naming its file."""
    data = content.assessment
    headers = ["Organisation", "Capacity area", "Score", "From"]
    if data is None:
        return headers, [["", "", "", assessment.report_line(None)]]
    return headers, [
        [content.org_label(r["org"]), r["area"], r["score"], assessment.report_line(data, content.meeting)]
        for r in data.rows
    ]
