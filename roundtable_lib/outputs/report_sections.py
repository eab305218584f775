"""The report's sections built from what was captured: who took part, what each session found,
synergies, votes, capacity, training, actions and the annex.

Blocks as :mod:`roundtable_lib.outputs.report` describes them; every heading and fixed
sentence in English and Thai, every typed text in both languages with a missing one marked
(:mod:`roundtable_lib.outputs.report_words`). May import the meeting layer, display.charts and
outputs.document / outputs.report_words.
"""

from roundtable_lib.display import charts as plots
from roundtable_lib.meeting import assessment
from roundtable_lib.meeting.labels import LABELS, count, pick, t
from roundtable_lib.outputs.document import (
    kind_order,
    matched_offers,
    needs_rows,
    poll_method,
    poll_status,
    poll_title,
    score,
    sentence,
    training_rows,
    unquoted,
    upper_first,
    voters,
)
from roundtable_lib.outputs.report_words import (
    LANGS,
    column,
    due_date,
    field_line,
    heading,
    in_english,
    in_thai,
    item_lines,
    kept,
    paragraphs,
)

# What an organisation said in a session, in the order a reader follows its presentation.
ORG_KINDS = ("progress", "challenge", "plan", "lesson", "offer", "ask", "need", "action", "note", "expectation")
# What the room as a whole said, each under its own heading; recommendations, training and
# actions have sections of their own and are pointed to.
ROOM_KINDS = ("expectation", "keynote", "question", "synergy", "lesson", "avenue", "note", "feedback")
ELSEWHERE = {"recommendation": "report.see_recommendations", "training": "report.see_training"}


def kind_heading(kind):
    en, th = LABELS["report.kinds." + kind] if "report.kinds." + kind in LABELS else LABELS["kind." + kind]
    return f"{en} / {th}"


def participants(doc, content):
    registered = sum(c["named"] + c["unnamed"] for c in content.counts.values())
    doc.add(("h", 2, heading("report.participants")))
    doc.add(
        *paragraphs(
            "report.registered", n={lang: count(registered, "count.participant", lang) for lang in ("en", "th")}
        )
    )
    doc.add(*paragraphs("report.all_named" if content.internal else "report.consented_named"))
    if content.named:
        doc.add(
            (
                "table",
                [column("report.col_name"), column("report.col_org"), column("report.col_role")],
                [[p["name"], content.org_label(p["org"]), p["role"]] for p in content.named],
            )
        )
    doc.add(
        (
            "table",
            [column("report.col_org"), column("report.col_named"), column("report.col_not_named")],
            [[content.org_name(o), c["named"], c["unnamed"]] for o, c in content.counts.items()],
        )
    )


def findings(doc, content):
    """What each session found, from what was captured: the chair's summary (quoted as the chair
    recorded it), then each organisation's contributions, then the room's."""
    doc.add(("h", 1, heading("report.findings")))
    doc.add(*paragraphs("report.findings_intro"))
    contributions = [
        (content.org_label(i["org"]), " / ".join(t("kind." + i["kind"], lang) for lang in LANGS))
        for i in content.items
        if i["org"] and i["kind"] != "summary"
    ]
    if contributions:
        caption = heading("report.chart_contributions")
        doc.chart("contributions", caption, plots.items_by_org_chart(caption, contributions))
    for a in content.meeting.agenda:
        _session_findings(doc, content, a)


def _session_findings(doc, content, a):
    doc.add(("h", 2, pick(a.title, "en")), ("p", pick(a.title, "th"), "subtitle"))
    chair = {lang: content.org_name(a.chair, lang) for lang in ("en", "th")}
    for s in content.of("summary", a.id):
        doc.add(*paragraphs("report.chair_summary", chair=chair))
        doc.add(("p", f"“{in_english(s['text_en'])}”\n“{in_thai(s['text_th'])}”", None))
    items = [i for i in content.items if i["session"] == a.id and i["kind"] != "summary"]
    if not items:
        doc.add(*paragraphs("report.nothing_captured", "note"))
        return
    order = {o.id: n for n, o in enumerate(content.meeting.organisations)}
    by_org = {}
    for i in items:
        if i["org"] and i["kind"] in ORG_KINDS:
            by_org.setdefault(i["org"], []).append(i)
    for org in sorted(by_org, key=lambda o: order.get(o, 99)):
        name = {lang: content.org_name(org, lang) for lang in ("en", "th")}
        label = content.org_label(org)
        title = f"{name['en']} ({label})" if label != name["en"] else name["en"]
        lines = [
            f"{t('kind.' + i['kind'])}: {in_english(i['text_en'])}\n"
            f"{t('kind.' + i['kind'], 'th')}: {in_thai(i['text_th'])}{_attr_line(i)}"
            for i in sorted(by_org[org], key=lambda i: kind_order(i["kind"]))
        ]
        doc.add(("h", 3, f"{title} / {name['th']}"), ("bullets", lines))
    for kind in ROOM_KINDS:
        said = [i for i in items if i["kind"] == kind and not (i["org"] and kind in ORG_KINDS)]
        if said:
            doc.add(("h", 3, kind_heading(kind)), ("bullets", [_room_line(content, i) for i in said]))
    for kind, key in ELSEWHERE.items():
        if any(i["kind"] == kind for i in items):
            doc.add(*paragraphs(key, "note"))


def _attr_line(item):
    """The kind's own field, on a line of its own: the topic of an offer, the area of a need..."""
    attrs = item["attrs"]
    if item["kind"] in ("offer", "ask") and attrs.get("topic"):
        return "\n" + field_line("field.topic", upper_first(attrs["topic"]))
    if item["kind"] == "need" and attrs.get("area"):
        return "\n" + field_line("field.area", upper_first(attrs["area"]))
    if item["kind"] == "action" and attrs.get("due"):
        dates = " / ".join(dict.fromkeys(due_date(attrs["due"], lang) for lang in LANGS))
        return "\n" + field_line("field.due", dates)
    return ""


def _room_line(content, item):
    """One contribution of the room: its text in both languages, with who asked and the answer
    (a question) or the organisations it links (a synergy)."""
    text = item_lines(item)
    if item["kind"] == "synergy" and item["orgs"]:
        text = f"{content.orgs_label(item['orgs'])}: {text}"
    if item["org"]:
        text = f"{content.org_label(item['org'])}: {text}"
    if item["kind"] == "question":
        attrs = item["attrs"]
        if attrs.get("asked_by"):
            text += "\n" + field_line("field.asked_by", attrs["asked_by"])
        answer = (
            sentence(attrs["answer"]) if attrs.get("answer") else " / ".join(t("report.no_answer", g) for g in LANGS)
        )
        text += "\n" + field_line("field.answer", answer)
    return text


def synergies(doc, content):
    doc.add(("h", 1, heading("report.synergies")))
    found = content.of("synergy")
    if found:
        doc.add(
            (
                "table",
                [column("report.col_orgs"), column("report.col_synergy"), column("report.col_thai")],
                [[content.orgs_label(i["orgs"]), in_english(i["text_en"]), in_thai(i["text_th"])] for i in found],
            )
        )
    else:
        doc.add(*paragraphs("report.no_synergies", "note"))
    matches = matched_offers(content)
    if matches:

        def said(items):
            return "; ".join(f"{content.org_label(i['org'])}: {sentence(i['text_en'] or i['text_th'])}" for i in items)

        doc.add(
            ("h", 2, heading("report.peer_support")),
            (
                "table",
                [
                    column("report.col_topic"),
                    column("report.col_offered"),
                    column("report.col_asked"),
                    column("report.col_match"),
                ],
                [
                    [
                        upper_first(topic),
                        said(offers),
                        said(asks),
                        "\n".join(t("report.matched" if offers and asks else "report.open", g) for g in LANGS),
                    ]
                    for topic, offers, asks in matches
                ],
            ),
        )


def votes(doc, content):
    doc.add(("h", 1, heading("report.votes")))
    if not content.polls:
        doc.add(*paragraphs("report.no_votes", "note"))
    for n, res in enumerate(content.polls):
        poll = res["poll"]
        title = poll_title(poll)
        doc.add(("h", 2, title))
        if poll["title_th"] and poll["title_en"]:
            doc.add(("p", poll["title_th"], "subtitle"))
        method = {lang: poll_method(poll, lang) for lang in LANGS}
        if res["results"] is None:
            doc.add(*paragraphs("report.method_hidden", method=method))
            continue
        who = {lang: upper_first(voters(res, content.meeting, lang)) for lang in LANGS}
        status = {lang: poll_status(poll, content.meeting, lang) for lang in LANGS}
        doc.add(*paragraphs("report.method_line", method=method, voters=who, status=status))
        hands = res["voters"] is None  # a show of hands: the score is the number of hands
        counts = [column("report.col_hands")] if hands else [column("report.col_score"), column("report.col_ballots")]
        table = (
            "table",
            [
                column("report.col_rank"),
                column("report.col_option"),
                column("report.col_thai"),
                *counts,
                column("report.col_tie"),
            ],
            [
                [
                    r["rank"],
                    upper_first(r["label_en"]),
                    in_thai(r["label_th"]),
                    *([score(r["score"])] if hands else [score(r["score"]), r["votes"]]),
                    "\n".join(t("poll.tie", g) for g in LANGS) if r["tied"] else "",
                ]
                for r in res["results"]
            ],
        )
        # A tie's note explains the table: never alone at the head of the next page.
        doc.add(*kept(table, *tie_notes(res["results"])))
        doc.chart(
            f"poll{n}",
            heading("chart.vote_caption"),  # the heading above names the poll: the caption says what is drawn
            plots.vote_chart(
                title,
                [
                    {"label": r["label_en"] or r["label_th"], "score": r["score"], "tied": r["tied"]}
                    for r in res["results"]
                ],
                method=poll["method"],
            ),
        )


def tie_notes(results):
    """Each tie said in words, as paragraph blocks to follow its table (the table's Tie column marks the rows)."""
    ties, notes = {}, []
    for row in results:
        if row["tied"]:
            ties.setdefault(row["rank"], []).append(row)
    for rank, rows in ties.items():
        labels = {
            lang: "; ".join(unquoted(r[f"label_{lang}"] or r["label_en"] or r["label_th"]) for r in rows)
            for lang in LANGS
        }
        notes += paragraphs("report.tie", "note", rank=rank, labels=labels)
    return notes


def capacity_findings(doc, content):
    """The stored capacity assessment (its file and when it was loaded), then the needs raised."""
    doc.add(("h", 1, heading("report.capacity")))
    data = content.assessment
    if data and data.rows:
        if data.illustrative:
            doc.add(("p", "\n".join(t("report.illustrative", lang) for lang in LANGS), "notice"))
        for lang in LANGS:
            line = assessment.report_line(data, content.meeting, lang)
            doc.add(("p", f"{line} {t('report.scores_scale', lang)}", None))
        weakest = sorted(data.rows, key=lambda r: r["score"])[:3]
        scores = {
            lang: "; ".join(
                f"{content.org_label(r['org'], lang)}{' ' if lang == 'th' else ', '}{r['area']} ({score(r['score'])})"
                for r in weakest
            )
            for lang in LANGS
        }
        doc.add(*paragraphs("report.weakest", scores=scores))
        doc.chart(
            "assessment",
            heading("report.chart_assessment_sample" if data.illustrative else "report.chart_assessment"),
            plots.capacity_heatmap(data.rows, content.meeting, illustrative=data.illustrative),
        )
    else:
        doc.add(*paragraphs_of(lambda lang: assessment.report_line(data, content.meeting, lang), "note"))
    doc.add(("h", 2, heading("report.needs")))
    needs = content.of("need")
    if not needs:
        doc.add(*paragraphs("report.no_needs", "note"))
        return
    _headers, rows = needs_rows(content)
    caption = heading("report.chart_needs")
    doc.chart(
        "needs",
        caption,
        plots.count_heatmap(
            caption,
            [(row[0], row[1], 1) for row in rows],
            colorbar_title="<br>".join(t("report.chart_needs_scale", lang) for lang in LANGS),
            zmin=0,
        ),
    )
    doc.add(
        (
            "table",
            [column("report.col_org"), column("report.col_area"), column("report.col_need"), column("report.col_thai")],
            [[org, area, in_english(en), in_thai(th)] for org, area, en, th in rows],
        )
    )


def training_plan(doc, content):
    doc.add(("h", 1, heading("report.training")))
    _headers, rows = training_rows(content)
    if not rows:
        doc.add(*paragraphs("report.no_training", "note"))
        return
    keys = ("training", "thai", "format", "provider", "timing", "status", "for_orgs")
    doc.add(
        (
            "table",
            [column("report.col_" + k) for k in keys],
            [
                [in_english(r[0]), in_thai(r[1]), labelled("format", r[2]), *r[3:5], labelled("status", r[5]), r[6]]
                for r in rows
            ],
        )
    )


def action_items(doc, content):
    doc.add(("h", 1, heading("report.actions_head")))
    actions = sorted(content.of("action"), key=lambda i: i["attrs"].get("due", ""))
    if not actions:
        doc.add(*paragraphs("report.no_actions", "note"))
        return
    keys = ("action", "owner_org", "owner", "due", "status")
    doc.add(
        (
            "table",
            [column("report.col_" + k) for k in keys],
            [
                [
                    item_lines(i),
                    content.org_label(i["org"]),
                    i["attrs"].get("owner_person", ""),
                    "\n".join(dict.fromkeys(due_date(i["attrs"].get("due"), lang) for lang in LANGS)),
                    labelled("status", i["attrs"].get("status", "")),
                ]
                for i in actions
            ],
        )
    )


def labelled(group, value):
    """A stored choice (a training's format, a status) in both languages, one line each:
    "exchange_visit" -> "Exchange visit / การศึกษาดูงาน"; a value without a label as typed."""
    key = f"{group}.{str(value or '').strip().replace(' ', '_')}"
    if key not in LABELS:
        return upper_first(str(value or "").replace("_", " "))
    return "\n".join(t(key, lang) for lang in LANGS)


def paragraphs_of(text_in, style=None):
    """A sentence given per language (``text_in(lang)``) as paragraph blocks, English then Thai."""
    return [("p", text_in(lang), style) for lang in LANGS]


def _items_table(content, items):
    """Items of one session: organisation (blank for the whole room), kind, English, Thai."""
    order = {o.id: n for n, o in enumerate(content.meeting.organisations)}
    items = sorted(items, key=lambda i: (i["org"] is not None, order.get(i["org"], 99), kind_order(i["kind"])))
    rows = []
    for i in items:
        who = content.org_label(i["org"]) if i["org"] else content.orgs_label(i["orgs"])
        text = in_english(i["text_en"])
        extra = upper_first(i["attrs"].get("topic") or i["attrs"].get("area") or "")
        if extra:
            text = f"{extra}: {text}"
        if i["kind"] == "question":
            asked = i["attrs"].get("asked_by")
            if asked:
                text = f"{text} (asked by {asked})"
            if i["attrs"].get("answer"):
                text += f"\nAnswer: {sentence(i['attrs']['answer'])}"
        rows.append([who, f"{t('kind.' + i['kind'])}\n{t('kind.' + i['kind'], 'th')}", text, in_thai(i["text_th"])])
    return (
        "table",
        [column("report.col_org"), column("report.col_kind"), column("report.col_english"), column("report.col_thai")],
        rows,
    )


def annex(doc, content):
    """Everything captured, session by session (summaries are with each session's findings)."""
    doc.add(("break",), ("h", 1, heading("report.annex")))
    doc.add(*paragraphs("report.annex_intro" if content.internal else "report.annex_intro_public", "note"))
    for a in content.meeting.agenda:
        rest = [i for i in content.items if i["session"] == a.id and i["kind"] != "summary"]
        if rest:
            doc.add(("h", 2, pick(a.title, "en")), _items_table(content, rest))
