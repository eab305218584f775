"""The meeting report as blocks: one function per section, in the order a reader meets them.

The report follows the shape of the meeting reports and civil-society submissions its readers
know (an EU delegation, the IFRC, the GFMD consultation): a cover with the funder's emblem and
disclaimer, the meeting's date, the version and who may read it; an executive summary; context
and method; what each session found, written from what was captured (each organisation's
progress, challenges and plans; questions and answers; synergies; lessons); the joint
recommendations with their rationale and addressees; next steps; acronyms; the agenda; an annex
of everything captured. Every heading and fixed sentence is in English and Thai
(:mod:`roundtable_lib.outputs.report_words`); a typed text with no translation says so.
The sessions' findings and the data sections are in :mod:`roundtable_lib.outputs.report_sections`.

A document is a list of blocks that every writer (Word, HTML and so PDF, Markdown) renders the
same way:

- ``("h", level, text)``: a heading; level 0 is the title, 1 a numbered section;
- ``("p", text, style)``: a paragraph; style None, ``"subtitle"``, ``"note"``, ``"notice"``
  (a warning a reader must not miss) or ``"lead"``;
- ``("bullets", [text])``, ``("numbered", [text])``; ``("table", headers, rows)``;
- ``("chart", key, title)``: a chart image drawn from the figure of the same key;
- ``("image", png, alt, width_mm)``: a picture given as PNG bytes (the funder's emblem);
- ``("toc",)``: the table of contents (the section headings that follow);
- ``("break",)``: a new page;
- ``("keep",)`` ... ``("keep_end",)``: the blocks between belong together and are kept on one
  page (:func:`~roundtable_lib.outputs.report_words.kept`); a writer that does not lay out
  pages (Markdown) ignores them.

:func:`report_blocks` returns the blocks and the charts they want, ``[(key, title, figure)]``.
"""

import re

from roundtable_lib.meeting.clock import format_date, format_local, zone_note
from roundtable_lib.meeting.labels import count, pick, t
from roundtable_lib.outputs import report_sections as sections_
from roundtable_lib.outputs.document import (
    DEMO_NOTICE,
    poll_title,
    ranked_recommendations,
    score,
    unquoted,
    voters,
)
from roundtable_lib.outputs.emblem import emblem_png
from roundtable_lib.outputs.report_words import (
    addressees,
    column,
    due_date,
    heading,
    in_english,
    in_thai,
    item_lines,
    pair,
    paragraphs,
)

EMBLEM_MM = 30  # the emblem's width on the cover
TOP = 3  # the executive summary names the priorities voted highest: the top 3, and any tied with the 3rd
# Acronyms the report's own sentences and labels use, spelt out when the text has them.
COMMON_ACRONYMS = {
    "ASEAN": ("Association of Southeast Asian Nations", "สมาคมประชาชาติแห่งเอเชียตะวันออกเฉียงใต้"),
    "CSO": ("Civil society organisation", "องค์กรภาคประชาสังคม"),
    "EU": ("European Union", "สหภาพยุโรป"),
    "GFMD": ("Global Forum on Migration and Development", "เวทีโลกว่าด้วยการย้ายถิ่นและการพัฒนา"),
    "Q&A": ("Questions and answers", "ถาม-ตอบ"),
    "UN": ("United Nations", "สหประชาชาติ"),
}


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
        context_and_method,
        sections_.findings,
        joint_recommendations,
        sections_.synergies,
        sections_.votes,
        sections_.capacity_findings,
        sections_.training_plan,
        sections_.action_items,
        next_steps,
        acronyms,
        agenda,
        sections_.annex,
    ):
        section(doc, content)
    # The acronyms are those of the whole text, so they are spelt out once everything is written.
    at = doc.blocks.index(("acronyms",))
    doc.blocks[at : at + 1] = acronym_blocks(content, doc.blocks)
    return doc.blocks, doc.charts


def meeting_date(meeting):
    return {lang: format_date(meeting.date, lang) for lang in ("en", "th")}


def title_page(doc, content):
    """The cover: emblem, title, date and place, version and distribution, the funder's disclaimer."""
    m, funder = content.meeting, content.meeting.funder
    if funder.get("emblem"):
        doc.add(("image", emblem_png(funder["emblem"], 240), pick(funder["name"], "en"), EMBLEM_MM))
    doc.add(
        ("h", 0, pick(m.title, "en")),
        ("p", pick(m.title, "th"), "subtitle"),
        ("p", heading("report.title"), "lead"),
        ("p", f"{format_date(m.date)} · {pick(m.venue, 'en')}", None),
        ("p", f"{format_date(m.date, 'th')} · {pick(m.venue, 'th')}", None),
    )
    latest = max((i.get("updated_at") or i.get("created_at") or "" for i in content.items), default="")
    if latest:
        doc.add(*paragraphs("report.version", when={lang: format_local(latest, m, lang) for lang in ("en", "th")}))
    doc.add(*paragraphs("report.internal" if content.internal else "report.public"))
    if funder:
        doc.add(("p", pick(funder["disclaimer"], "en"), "note"), ("p", pick(funder["disclaimer"], "th"), "note"))
    elif m.funding_note:
        doc.add(("p", f"{pick(m.funding_note, 'en')}. {pick(m.funding_note, 'th')}", "note"))
    if content.demo:
        doc.add(("p", f"{DEMO_NOTICE}\n{t('head.demo', 'th')}", "notice"))
    doc.add(("toc",), ("break",))


def top_priorities(ranked, top=TOP):
    """The recommendations voted highest: the first ``top``, and every one tied with the last of them."""
    voted = [(rec, row) for rec, row in ranked if row]
    if len(voted) <= top:
        return voted
    cut = voted[top - 1][1]["rank"]
    return [(rec, row) for rec, row in voted if row["rank"] <= cut]


def executive_summary(doc, content):
    """The day in a page: who came, what the chairs summarised, what the votes decided."""
    m = content.meeting
    doc.add(("h", 1, heading("report.summary")))
    people = sum(c["named"] + c["unnamed"] for c in content.counts.values())
    orgs = len([o for o, c in content.counts.items() if c["named"] + c["unnamed"]])
    place = {lang: pick(m.venue, lang).split(",")[0].split(" กรุงเทพ")[0] for lang in ("en", "th")}
    # With nobody registered (a room that voted by organisation), no "0 participants from 0".
    who = {
        lang: t("report.met_who", lang).format(
            people=count(people, "count.participant", lang), orgs=count(orgs, "count.organisation", lang)
        )
        if people
        else ""
        for lang in ("en", "th")
    }
    doc.add(*paragraphs("report.met", place=place, date=meeting_date(m), who=who))
    said = []
    for a in m.agenda:
        for s in content.of("summary", a.id):
            said.append(
                f"{pick(a.title, 'en')}: {in_english(s['text_en'])}\n{pick(a.title, 'th')}: {in_thai(s['text_th'])}"
            )
    if said:
        doc.add(*paragraphs("report.chairs_summarised"), ("bullets", said))
    _summary_votes(doc, content)
    actions = content.of("action")
    if actions:
        due = sorted(i["attrs"].get("due", "") for i in actions if i["attrs"].get("due"))
        n = {lang: count(len(actions), "count.action", lang) for lang in ("en", "th")}
        first = {lang: due_date(due[0], lang) for lang in ("en", "th")} if due else ""
        doc.add(*paragraphs("report.actions_due" if due else "report.actions", n=n, due=first))


def _summary_votes(doc, content):
    used, ranked = ranked_recommendations(content)
    top = top_priorities(ranked)
    n = {lang: count(len(ranked), "count.recommendation", lang) for lang in ("en", "th")}
    if top:
        tied = len(top) > TOP
        doc.add(
            *paragraphs(
                "report.top_tied" if tied else "report.top",
                n=n,
                k={lang: count(len(top), "count.priority", lang) for lang in ("en", "th")},
                top=TOP,
                place=top[-1][1]["rank"],  # the rank they tie at: 3, or 1 when four tie first
            ),
            ("numbered", [f"{in_english(rec['text_en'])}\n{in_thai(rec['text_th'])}" for rec, _row in top]),
        )
    elif ranked:
        doc.add(*paragraphs("report.not_ranked", n=n))
    for res in content.polls:
        if res["results"] is None:
            doc.add(*paragraphs("report.vote_hidden", "note", title=titles(res["poll"])))
            continue
        best = [r for r in res["results"] if r["rank"] == 1]
        if best and res is not used:
            poll = res["poll"]
            for lang in ("en", "th"):
                field = f"label_{lang}"
                labels = (" และ " if lang == "th" else " and ").join(
                    f"“{unquoted(r[field] or r['label_en'] or r['label_th'])}”" for r in best
                )
                counted = (
                    count(int(best[0]["score"]), "count.hand", lang)
                    if res["voters"] is None
                    else t("report.score", lang).format(score=score(best[0]["score"]))
                )
                title = titles(poll)[lang]
                doc.add(("p", t("report.vote_first", lang).format(title=title, labels=labels, counted=counted), None))


def context_and_method(doc, content):
    """Why the meeting met, how its record was made, and who took part."""
    m = content.meeting
    doc.add(("h", 1, heading("report.context")))
    doc.add(*paragraphs("report.context_intro", title=m.title, date=meeting_date(m), venue=m.venue))
    doc.add(("bullets", [f"{o['en']}\n{in_thai(o.get('th'))}" for o in m.objectives]))
    doc.add(*paragraphs("report.method"))
    doc.add(*paragraphs("report.method_privacy_internal" if content.internal else "report.method_privacy"))
    doc.add(*paragraphs("report.method_times", zone={lang: zone_note(m, lang) for lang in ("en", "th")}))
    sections_.participants(doc, content)


def joint_recommendations(doc, content):
    """Each recommendation in the order voted, in both languages, with why and whom it asks to act."""
    doc.add(("h", 1, heading("report.recommendations")))
    used, ranked = ranked_recommendations(content)
    if not ranked:
        doc.add(*paragraphs("report.no_recommendations", "note"))
        return
    if used:
        doc.add(
            *paragraphs(
                "report.order_voted",
                title=titles(used["poll"]),
                voters={lang: voters(used, content.meeting, lang) for lang in ("en", "th")},
            )
        )
    else:
        hidden = any(r["results"] is None for r in content.polls)
        doc.add(*paragraphs("report.order_hidden" if hidden else "report.order_captured", "note"))
    rows = []
    for rec, row in ranked:
        attrs = rec["attrs"]
        why = rationale(attrs)
        to = "\n".join(pair({"en": t("addressee." + a), "th": t("addressee." + a, "th")}) for a in addressees(rec))
        rank = f"{row['rank']}{' (tie)' if row['tied'] else ''}" if row else "–"
        rows.append(
            [
                rank,
                f"{in_english(rec['text_en'])}\n{in_thai(rec['text_th'])}",
                why,
                to or "–",
                score(row["score"]) if row else "",
            ]
        )
    headers = [column("report.col_rank"), column("report.col_recommendation"), column("report.col_rationale")]
    doc.add(("table", [*headers, column("report.col_addressees"), column("report.col_score")], rows))


def rationale(attrs):
    """Why a recommendation is made, in both languages; a missing translation is marked, but a
    rationale nobody recorded is said to be missing, not "translation pending"."""
    if not (attrs.get("rationale") or attrs.get("rationale_th")):
        return "\n".join(t("report.no_rationale", lang) for lang in ("en", "th"))
    return f"{in_english(attrs.get('rationale'))}\n{in_thai(attrs.get('rationale_th'))}"


def titles(poll):
    """A poll's title in each language, the other one standing in for a missing one."""
    return {lang: poll[f"title_{lang}"] or poll_title(poll) for lang in ("en", "th")}


def next_steps(doc, content):
    """Where the meeting's work goes next: the regional conference and the GFMD, the avenues
    the room named, and the actions with their dates."""
    m = content.meeting
    doc.add(("h", 1, heading("report.next_steps")))
    if m.submission:
        doc.add(*paragraphs("report.goes_to", to=m.submission))
    avenues = content.of("avenue")
    if avenues:
        doc.add(
            *paragraphs("report.avenues"),
            ("bullets", [f"{in_english(i['text_en'])}\n{in_thai(i['text_th'])}" for i in avenues]),
        )
    actions = sorted(content.of("action"), key=lambda i: i["attrs"].get("due", ""))
    if actions:
        doc.add(
            *paragraphs("report.next_actions"),
            (
                "bullets",
                [
                    f"{due_date(i['attrs'].get('due'))} · {content.org_label(i['org'])}: {item_lines(i)}"
                    for i in actions
                ],
            ),
        )
    if not (m.submission or avenues or actions):
        doc.add(*paragraphs("report.no_next_steps", "note"))


def acronyms(doc, content):
    doc.add(("acronyms",))


def acronym_blocks(content, blocks):
    """The acronyms section: each organisation's short name that differs from its name, and the
    common acronyms (GFMD, CSO...) the text uses, spelt out in English and Thai."""
    text = " ".join(str(part) for block in blocks for part in block[1:] if isinstance(part, (str, list)))
    rows = [
        [short, pick(o.name, "en"), pick(o.name, "th")]
        for o in content.meeting.organisations
        for short in [o.label("en").split(" (")[0]]
        if short != pick(o.name, "en") and short.upper() == short  # "MAP", not "Thai Red Cross"
    ]
    known = {row[0] for row in rows}
    rows += [
        [short, en, th]
        for short, (en, th) in COMMON_ACRONYMS.items()
        if short not in known and re.search(rf"(?<![\w&]){re.escape(short)}(?![\w&])", text)
    ]
    rows.sort(key=lambda row: row[0].lower())
    return [
        ("h", 1, heading("report.acronyms")),
        ("table", [column("report.col_acronym"), column("report.col_full_name"), column("report.col_thai")], rows),
    ]


def agenda(doc, content):
    m = content.meeting
    doc.add(
        ("h", 1, heading("report.agenda")),
        (
            "table",
            [
                column("report.col_time"),
                column("report.col_session"),
                column("report.col_thai"),
                column("report.col_chair"),
            ],
            [
                [
                    f"{start:%H:%M}–{end:%H:%M}",
                    pick(a.title, "en"),
                    pick(a.title, "th"),
                    content.org_label(a.chair) if a.chair else "",
                ]
                for a, start, end in m.programme()
            ],
        ),
    )
