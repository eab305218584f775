"""The joint recommendations as a document to submit: blocks (see :mod:`roundtable_lib.outputs.report`).

Written for the people who receive it (the regional conference, the GFMD civil-society
consultations): what the meeting was, how the recommendations were made and ranked, who
endorses them, each recommendation with its score and its Thai version, and whom to contact.
A public document carries no banner; the organisers' internal copy says INTERNAL on every page.
"""

from roundtable_lib.meeting.labels import pick
from roundtable_lib.outputs.document import (
    DEMO_NOTICE,
    endorsing_organisations,
    plural,
    poll_method,
    poll_title,
    ranked_recommendations,
    score,
    upper_first,
    voters,
)

TITLE = ("Joint recommendations", "ข้อเสนอแนะร่วม")


def recommendation_blocks(content):
    """The joint recommendations document as blocks: title, purpose and process, the endorsing
    organisations, each recommendation in vote order with its score, and whom to contact."""
    m = content.meeting
    used, ranked = ranked_recommendations(content)
    date = m.date.strftime("%d %B %Y").lstrip("0")
    blocks = [
        ("h", 0, TITLE[0]),
        ("p", TITLE[1], "subtitle"),
        ("p", pick(m.title, "en"), "lead"),
        ("p", pick(m.title, "th"), None),
        ("p", f"{date} · {pick(m.venue, 'en')}", None),
    ]
    if content.demo:
        blocks.append(("p", DEMO_NOTICE, "notice"))
    blocks += preamble(content, used, ranked)
    orgs = endorsing_organisations(content)
    if orgs:
        blocks.append(("h", 1, "Endorsing organisations"))
        blocks.append(("bullets", [f"{pick(o.name, 'en')} ({pick(o.name, 'th')})" for o in orgs]))
    blocks.append(("h", 1, "Recommendations"))
    if not ranked:
        blocks.append(("p", "No joint recommendations were captured.", "note"))
    for n, (rec, row) in enumerate(ranked, start=1):
        blocks.append(("h", 2, f"{n}. {upper_first(rec['text_en'] or rec['text_th'])}"))
        if rec["text_th"] and rec["text_en"]:
            blocks.append(("p", rec["text_th"], None))
        if row:
            tie = " (tied)" if row["tied"] else ""
            blocks.append(
                (
                    "p",
                    f"Rank {row['rank']}{tie} · score {score(row['score'])} · {plural(row['votes'], 'ballot')}",
                    "note",
                )
            )
        else:
            blocks.append(("p", "Not ranked by the vote.", "note"))
    if m.contact:
        blocks.append(("h", 1, "Contact"))
        blocks.append(("p", pick(m.contact, "en"), None))
        blocks.append(("p", pick(m.contact, "th"), None))
    return blocks


def preamble(content, used, ranked):
    """Purpose and process: who met, where the recommendations go, who voted and how."""
    m = content.meeting
    people = sum(c["named"] + c["unnamed"] for c in content.counts.values())
    orgs = len([o for o, c in content.counts.items() if c["named"] + c["unnamed"]])
    to = f" for {pick(m.submission, 'en')}" if m.submission else ""
    out = [
        ("h", 1, "Purpose and process"),
        (
            "p",
            f"On {m.date.strftime('%d %B %Y').lstrip('0')}, {plural(people, 'participant')} from "
            f"{plural(orgs, 'organisation')} taking part in {pick(m.short_title, 'en')} met at "
            f"{pick(m.venue, 'en')} to share their experience and agree joint recommendations{to}.",
            None,
        ),
    ]
    if m.submission:
        out.append(("p", f"ข้อเสนอแนะร่วมนี้จัดทำขึ้นสำหรับ{pick(m.submission, 'th')}", None))
    if used:
        poll = used["poll"]
        out.append(
            (
                "p",
                f"The participants drafted {plural(len(ranked), 'recommendation')} together, then ranked them in the "
                f"vote “{poll_title(poll)}” by {poll_method(poll)}: {voters(used)}. They are listed below in the "
                "order of that vote, each with its score.",
                None,
            )
        )
    else:
        hidden = any(res["results"] is None for res in content.polls)
        out.append(
            (
                "p",
                f"The participants drafted {plural(len(ranked), 'recommendation')} together. "
                + (
                    "The vote ranking them was not revealed, so they are listed in the order they were agreed."
                    if hidden
                    else "No vote ranked them; they are listed in the order they were agreed."
                ),
                None,
            )
        )
    return out
