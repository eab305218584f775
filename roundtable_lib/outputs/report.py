"""The meeting report as blocks: one function per section, in the order a reader meets them.

A document is a list of blocks that every writer (Word, HTML and so PDF, Markdown) renders the
same way:

- ``("h", level, text)``: a heading; level 0 is the title, 1 a numbered section;
- ``("p", text, style)``: a paragraph; style None, ``"subtitle"``, ``"note"``, ``"notice"``
  (a warning a reader must not miss) or ``"lead"``;
- ``("bullets", [text])``, ``("numbered", [text])``; ``("table", headers, rows)``;
- ``("chart", key, title)``: a chart image drawn from the figure of the same key;
- ``("toc",)``: the table of contents (the section headings that follow);
- ``("break",)``: a new page.

:func:`report_blocks` returns the blocks and the charts they want, ``[(key, title, figure)]``.
"""

from roundtable_lib.display import charts as plots
from roundtable_lib.meeting import assessment
from roundtable_lib.meeting.labels import pick, t
from roundtable_lib.outputs.document import (
    DEMO_NOTICE,
    ILLUSTRATIVE_NOTICE,
    kind_order,
    matched_offers,
    needs_rows,
    plural,
    poll_method,
    poll_title,
    ranked_recommendations,
    score,
    sentence,
    training_rows,
    unquoted,
    upper_first,
    voters,
)


class _Doc:
    """Blocks being written, and the charts they ask for."""

    def __init__(self):
        self.blocks, self.charts = [], []

    def add(self, *blocks):
        self.blocks.extend(blocks)

    def chart(self, key, title, fig):
        self.charts.append((key, title, fig))
        self.blocks.append(("chart", key, title))


def report_blocks(content):
    """The meeting report as blocks, and the charts it wants: [(key, title, figure)]."""
    doc = _Doc()
    for section in (
        title_page,
        executive_summary,
        objectives_and_agenda,
        participants,
        sessions,
        joint_recommendations,
        synergies,
        votes,
        capacity_findings,
        training_plan,
        action_items,
        annex,
    ):
        section(doc, content)
    return doc.blocks, doc.charts


def title_page(doc, content):
    m = content.meeting
    doc.add(
        ("h", 0, pick(m.title, "en")),
        ("p", pick(m.title, "th"), "subtitle"),
        ("p", "Meeting report", "lead"),
        ("p", f"{m.date.strftime('%d %B %Y').lstrip('0')} · {pick(m.venue, 'en')}", None),
        ("p", pick(m.venue, "th"), None),
    )
    if m.funding_note:
        doc.add(("p", f"{pick(m.funding_note, 'en')}. {pick(m.funding_note, 'th')}", "note"))
    if content.demo:
        doc.add(("p", DEMO_NOTICE, "notice"))
    doc.add(("toc",), ("break",))


def _revealed(content):
    return [res for res in content.polls if res["results"] is not None]


def _unrevealed(content):
    return [res for res in content.polls if res["results"] is None]


def executive_summary(doc, content):
    """The day in a page: who came, what each session concluded, what the votes decided."""
    doc.add(("h", 1, "Executive summary"))
    people = sum(c["named"] + c["unnamed"] for c in content.counts.values())
    orgs = len([o for o, c in content.counts.items() if c["named"] + c["unnamed"]])
    m = content.meeting
    place, date = pick(m.venue, "en").split(",")[0], m.date.strftime("%d %B %Y").lstrip("0")
    # With nobody registered in the workbook (a room that voted by organisation), say nothing of
    # numbers rather than "0 participants from 0 organisations".
    who = f" with {plural(people, 'participant')} from {plural(orgs, 'organisation')}" if people else ""
    doc.add(("p", f"The roundtable met at the {place} on {date}{who}.", None))
    concluded = []
    for a in m.agenda:
        for s in content.of("summary", a.id):
            if s["text_en"] or s["text_th"]:
                concluded.append(f"{pick(a.title, 'en')}: {sentence(s['text_en'] or s['text_th'])}")
    if concluded:
        doc.add(("p", "What each session concluded:", None), ("bullets", concluded))
    used, ranked = ranked_recommendations(content)
    top = [(rec, row) for rec, row in ranked if row][:3]
    if top:
        doc.add(
            (
                "p",
                f"The participants agreed {plural(len(ranked), 'joint recommendation')}; "
                f"the {plural(len(top), 'priority', 'priorities')} voted highest:",
                None,
            ),
            ("numbered", [sentence(rec["text_en"] or rec["text_th"]) for rec, row in top]),
        )
    elif ranked:
        doc.add(
            ("p", f"The participants agreed {plural(len(ranked), 'joint recommendation')}, not ranked by a vote.", None)
        )
    for res in _revealed(content):
        best = [r for r in res["results"] if r["rank"] == 1]
        if best and res is not used:
            labels = " and ".join(f"“{unquoted(r['label_en'] or r['label_th'])}”" for r in best)
            counted = (
                plural(int(best[0]["score"]), "hand") if res["voters"] is None else f"score {score(best[0]['score'])}"
            )
            doc.add(("p", f"Vote “{poll_title(res['poll'])}”: {labels} came first ({counted}).", None))
    for res in _unrevealed(content):
        doc.add(("p", f"Vote “{poll_title(res['poll'])}”: the results were not revealed.", "note"))
    actions = content.of("action")
    if actions:
        due = sorted(i["attrs"].get("due", "") for i in actions if i["attrs"].get("due"))
        doc.add(
            (
                "p",
                f"{plural(len(actions), 'action item')} {'was' if len(actions) == 1 else 'were'} agreed"
                + (f", the first due on {due[0]}." if due else "."),
                None,
            )
        )


def objectives_and_agenda(doc, content):
    m = content.meeting
    doc.add(
        ("h", 1, "Objectives and agenda"),
        ("bullets", [f"{o['en']}\n{o.get('th', '')}".strip() for o in m.objectives]),
        (
            "table",
            ["Time", "Session", "Thai", "Chair"],
            [
                [f"{start:%H:%M}–{end:%H:%M}", pick(a.title, "en"), pick(a.title, "th"), content.org_label(a.chair)]
                for a, start, end in m.schedule()
            ],
        ),
    )


def participants(doc, content):
    registered = sum(c["named"] + c["unnamed"] for c in content.counts.values())
    doc.add(
        ("h", 1, "Participants"),
        (
            "p",
            f"{plural(registered, 'participant')} registered. "
            + (
                "Every participant is named (internal version)."
                if content.internal
                else "Only participants who agreed to be named are listed; the others are counted by organisation."
            ),
            None,
        ),
    )
    if content.named:
        doc.add(
            (
                "table",
                ["Name", "Organisation", "Role"],
                [[p["name"], content.org_label(p["org"]), p["role"]] for p in content.named],
            )
        )
    doc.add(
        (
            "table",
            ["Organisation", "Named", "Not named"],
            [[content.org_name(o), c["named"], c["unnamed"]] for o, c in content.counts.items()],
        )
    )


def sessions(doc, content):
    """Each session's summary and how much it captured (the items themselves are in the annex)."""
    doc.add(("h", 1, "Sessions"))
    contributions = [
        (content.org_label(i["org"]), t("kind." + i["kind"]))
        for i in content.items
        if i["org"] and i["kind"] != "summary"
    ]
    if contributions:
        doc.chart(
            "contributions",
            "Contributions by organisation",
            plots.items_by_org_chart("Contributions by organisation", contributions),
        )
    for a in content.meeting.agenda:
        doc.add(("h", 2, pick(a.title, "en")), ("p", pick(a.title, "th"), "subtitle"))
        summaries = content.of("summary", a.id)
        for s in summaries:
            doc.add(("p", "\n".join(x for x in (sentence(s["text_en"]), s["text_th"]) if x), None))
        if not summaries:
            doc.add(("p", "No summary was recorded for this session.", "note"))
        rest = [i for i in content.items if i["session"] == a.id and i["kind"] != "summary"]
        doc.add(
            (
                "p",
                f"{plural(len(rest), 'item')} captured; see the annex." if rest else "Nothing was captured.",
                "note",
            )
        )


def joint_recommendations(doc, content):
    doc.add(("h", 1, "Joint recommendations"))
    used, ranked = ranked_recommendations(content)
    if not ranked:
        doc.add(("p", "No joint recommendations were captured.", "note"))
        return
    if used:
        doc.add(("p", f"In the order voted in “{poll_title(used['poll'])}” ({voters(used)}).", None))
    else:
        unrevealed = [r for r in _unrevealed(content) if r["poll"]["session"] in {rec["session"] for rec, _ in ranked}]
        doc.add(
            (
                "p",
                "The vote on them was not revealed; they are listed in the order they were captured."
                if unrevealed
                else "No vote ranked them; they are listed in the order they were captured.",
                "note",
            )
        )
    doc.add(
        (
            "table",
            ["Rank", "Recommendation", "Thai", "Score"],
            [
                [
                    (f"{row['rank']}{' (tie)' if row['tied'] else ''}" if row else "–"),
                    sentence(rec["text_en"]),
                    rec["text_th"],
                    score(row["score"]) if row else "",
                ]
                for rec, row in ranked
            ],
        )
    )


def synergies(doc, content):
    doc.add(("h", 1, "Synergies and peer support"))
    found = content.of("synergy")
    if found:
        doc.add(
            (
                "table",
                ["Organisations", "Synergy", "Thai"],
                [[content.orgs_label(i["orgs"]), sentence(i["text_en"]), i["text_th"]] for i in found],
            )
        )
    else:
        doc.add(("p", "No synergies were captured.", "note"))
    matches = matched_offers(content)
    if matches:

        def said(items):
            return "; ".join(f"{content.org_label(i['org'])}: {sentence(i['text_en'] or i['text_th'])}" for i in items)

        doc.add(
            ("h", 2, "Peer support: offers and asks by topic"),
            (
                "table",
                ["Topic", "Offered", "Asked", "Match"],
                [
                    [upper_first(topic), said(offers), said(asks), "matched" if offers and asks else "open"]
                    for topic, offers, asks in matches
                ],
            ),
        )


def votes(doc, content):
    doc.add(("h", 1, "Votes"))
    if not content.polls:
        doc.add(("p", "No votes were taken.", "note"))
    for n, res in enumerate(content.polls):
        poll = res["poll"]
        title = poll_title(poll)
        doc.add(("h", 2, title))
        if poll["title_th"] and poll["title_en"]:
            doc.add(("p", poll["title_th"], "subtitle"))
        method = upper_first(poll_method(poll))
        if res["results"] is None:
            doc.add(("p", f"Method: {method}. The results were not revealed.", None))
            continue
        doc.add(("p", f"Method: {method}. {upper_first(voters(res))}. Status: {poll['status']}.", None))
        ties = {}
        for row in res["results"]:
            if row["tied"]:
                ties.setdefault(row["rank"], []).append(unquoted(row["label_en"] or row["label_th"]))
        for rank, labels in ties.items():
            doc.add(("p", f"Tie at rank {rank}: " + "; ".join(labels) + ".", "note"))
        hands = res["voters"] is None  # a show of hands: the score is the number of hands
        doc.add(
            (
                "table",
                ["Rank", "Option", "Thai", *(["Hands"] if hands else ["Score", "Ballots"]), "Tie"],
                [
                    [
                        r["rank"],
                        upper_first(r["label_en"]),
                        r["label_th"],
                        *([score(r["score"])] if hands else [score(r["score"]), r["votes"]]),
                        "tie" if r["tied"] else "",
                    ]
                    for r in res["results"]
                ],
            )
        )
        doc.chart(
            f"poll{n}",
            t("chart.vote_caption"),  # the heading above names the poll: the caption says what is drawn
            plots.vote_chart(
                title,
                [
                    {"label": r["label_en"] or r["label_th"], "score": r["score"], "tied": r["tied"]}
                    for r in res["results"]
                ],
                method=poll["method"],
            ),
        )


def capacity_findings(doc, content):
    """The stored capacity assessment (its file and when it was loaded), then the needs raised."""
    doc.add(("h", 1, "Capacity findings"))
    data = content.assessment
    if data and data.rows:
        if data.illustrative:
            doc.add(("p", ILLUSTRATIVE_NOTICE, "notice"))
        doc.add(("p", assessment.report_line(data) + " Scores run from 1 (weakest) to 5 (strongest).", None))
        weakest = sorted(data.rows, key=lambda r: r["score"])[:3]
        doc.add(
            (
                "p",
                "Weakest scores: "
                + "; ".join(f"{content.org_label(r['org'])}, {r['area']} ({score(r['score'])})" for r in weakest)
                + ".",
                None,
            )
        )
        doc.chart(
            "assessment",
            "Capacity assessment scores" + (" (illustrative sample)" if data.illustrative else ""),
            plots.capacity_heatmap(data.rows, content.meeting, illustrative=data.illustrative),
        )
    else:
        doc.add(("p", assessment.report_line(data), "note"))
    doc.add(("h", 2, "Capacity needs raised"))
    needs = content.of("need")
    if not needs:
        doc.add(("p", "No capacity needs were captured.", "note"))
        return
    headers, rows = needs_rows(content)
    doc.chart(
        "needs",
        "Capacity needs raised, by organisation and area",
        plots.count_heatmap(
            "Capacity needs raised, by organisation and area",
            [(row[0], row[1], 1) for row in rows],
            colorbar_title="needs",
            zmin=0,
        ),
    )
    doc.add(("table", headers, rows))


def training_plan(doc, content):
    doc.add(("h", 1, "Training work plan"))
    headers, rows = training_rows(content)
    doc.add(("table", headers[:-1], [r[:-1] for r in rows]) if rows else ("p", "No training was planned.", "note"))


def action_items(doc, content):
    doc.add(("h", 1, "Action items"))
    actions = sorted(content.of("action"), key=lambda i: i["attrs"].get("due", ""))
    if not actions:
        doc.add(("p", "No action items were agreed.", "note"))
        return
    doc.add(
        (
            "table",
            ["Action", "Owner organisation", "Owner", "Due", "Status"],
            [
                [
                    sentence(i["text_en"] or i["text_th"]),
                    content.org_label(i["org"]),
                    i["attrs"].get("owner_person", ""),
                    i["attrs"].get("due", ""),
                    i["attrs"].get("status", "").replace("_", " "),
                ]
                for i in actions
            ],
        )
    )


def _items_table(content, items):
    """Items of one session: organisation (blank for the whole room), kind, English, Thai."""
    order = {o.id: n for n, o in enumerate(content.meeting.organisations)}
    items = sorted(items, key=lambda i: (i["org"] is not None, order.get(i["org"], 99), kind_order(i["kind"])))
    rows = []
    for i in items:
        who = content.org_label(i["org"]) if i["org"] else content.orgs_label(i["orgs"])
        text = sentence(i["text_en"])
        extra = upper_first(i["attrs"].get("topic") or i["attrs"].get("area") or "")
        if extra:
            text = f"{extra}: {text}" if text else extra
        if i["kind"] == "question":
            asked = i["attrs"].get("asked_by")
            if asked:
                text = f"{text} (asked by {asked})"
            if i["attrs"].get("answer"):
                text += f"\nAnswer: {sentence(i['attrs']['answer'])}"
        rows.append([who, t("kind." + i["kind"]), text, i["text_th"]])
    return ("table", ["Organisation", "Kind", "English", "Thai"], rows)


def annex(doc, content):
    """Everything captured, session by session (summaries are in the Sessions section)."""
    doc.add(("break",), ("h", 1, "Annex: everything captured"))
    doc.add(
        (
            "p",
            "Items without an organisation were said by the room as a whole."
            + ("" if content.internal else " Sensitive items are not included."),
            "note",
        )
    )
    for a in content.meeting.agenda:
        rest = [i for i in content.items if i["session"] == a.id and i["kind"] != "summary"]
        if rest:
            doc.add(("h", 2, pick(a.title, "en")), _items_table(content, rest))
