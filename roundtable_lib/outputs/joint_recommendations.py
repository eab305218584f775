"""The joint recommendations as a document to submit: blocks (see :mod:`roundtable_lib.outputs.report`).

Written for the people who receive it (the regional conference, the GFMD civil-society
consultations), after the form of a civil-society submission: a "We, the undersigned..."
preamble, how the recommendations were made and who voted, each recommendation in vote order
with why it is made and whom it asks to act (scores only when asked for), the signatories, the
date and place of adoption, whom to contact and the funder's disclaimer. Every heading and
sentence is in each meeting language, English then Thai.

The signatories are exactly the organisations recorded as endorsing the text
(:meth:`~roundtable_lib.store.Store.record_endorsement`, in ``content.endorsements``): never
those merely present, and an unconfirmed organisation only once it endorsed. The ranks are
:func:`~roundtable_lib.outputs.document.ranked_recommendations`'s.
A public document carries no banner; the organisers' internal copy says INTERNAL on every page.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.outputs.document` and
:mod:`roundtable_lib.outputs.report_words`.
"""

from roundtable_lib.meeting.clock import format_date
from roundtable_lib.meeting.labels import pick, t
from roundtable_lib.outputs.document import (
    DEMO_NOTICE,
    endorsing_organisations,
    ranked_recommendations,
    score,
    upper_first,
    voters,
)
from roundtable_lib.outputs.report_words import addressees, in_english, in_thai, kept

LANGS = ("en", "th")


def _both(key, **values):
    """The label ``key`` in every meeting language, filled in per language."""
    return [t(key, lang).format(**{k: v(lang) if callable(v) else v for k, v in values.items()}) for lang in LANGS]


def _heading(level, key):
    en, th = _both(key)
    return ("h", level, f"{en} · {th}")


def recommendation_blocks(content, scores=False):
    """The joint recommendations document as blocks: title, preamble, process, each
    recommendation in vote order (with its score when ``scores``), signatories, adoption, contact."""
    m = content.meeting
    used, ranked = ranked_recommendations(content)
    blocks = [
        ("h", 0, t("sub.title")),
        ("p", t("sub.title", "th"), "subtitle"),
        ("p", pick(m.title, "en"), "lead"),
        ("p", pick(m.title, "th"), None),
        *[("p", f"{format_date(m.date, lang)} · {pick(m.venue, lang)}", None) for lang in LANGS],
    ]
    if content.demo:
        blocks.append(("p", f"{DEMO_NOTICE}\n{t('head.demo', 'th')}", "notice"))
    blocks += [("p", text, None) for text in preamble(content)]
    blocks += process(content, used, ranked)
    blocks.append(_heading(1, "sub.recommendations"))
    if not ranked:
        blocks += [("p", text, "note") for text in _both("sub.none")]
    for n, (rec, row) in enumerate(ranked, start=1):
        # A recommendation is read as one block: its text, why, to whom and its rank on one page.
        block = [("h", 2, f"{n}. {upper_first(rec['text_en'] or rec['text_th'])}")]
        if rec["text_th"] and rec["text_en"]:
            block.append(("p", rec["text_th"], None))
        block += [("p", text, None) for text in reasons(rec)]
        block.append(("p", " · ".join(rank_line(row, scores, lang) for lang in LANGS), "note"))
        blocks += kept(*block)
    blocks += signatories(content)
    if m.contact:
        blocks.append(_heading(1, "sub.contact"))
        blocks += [("p", pick(m.contact, lang), None) for lang in LANGS]
    if m.funder:  # the funder's visibility rules ask for its disclaimer on what the project publishes
        blocks += [("p", pick(m.funder["disclaimer"], lang), "note") for lang in LANGS]
    return blocks


def reasons(rec):
    """Why a recommendation is made and whom it asks to act, in every language (a rationale
    typed in one language only marks the other as pending; one captured without them has no such lines)."""
    attrs = rec["attrs"]
    out = []
    if attrs.get("rationale") or attrs.get("rationale_th"):
        out += [
            t("sub.why", "en").format(text=in_english(attrs.get("rationale"))),
            t("sub.why", "th").format(text=in_thai(attrs.get("rationale_th"))),
        ]
    keys = addressees(rec)
    if keys:
        out += [
            t("sub.addressed_to", lang).format(to=", ".join(t("addressee." + a, lang) for a in keys)) for lang in LANGS
        ]
    return out


def preamble(content):
    """ "We, the undersigned organisations, ... submit ..." in each language."""
    m = content.meeting
    key = "sub.preamble" if m.submission else "sub.preamble_no_target"
    return _both(
        key,
        meeting=lambda lang: pick(m.title, lang),
        venue=lambda lang: pick(m.venue, lang),
        date=lambda lang: format_date(m.date, lang),
        to=lambda lang: pick(m.submission, lang) if m.submission else "",
    )


def process(content, used, ranked):
    """How the recommendations were made, and who voted on them."""
    out = [_heading(1, "sub.process_heading")]
    if used:
        who = {lang: who_voted(content, used, lang) for lang in LANGS}
        texts = _both("sub.process_voted", n=len(ranked), who=lambda lang: who[lang])
    else:
        texts = _both("sub.process_unranked", n=len(ranked))
    return out + [("p", text, None) for text in texts]


def who_voted(content, res, lang="en"):
    """ "14 ballots from 6 organisations: MAP, LSDF, ..." (only the organisations that vote count)."""
    return voters(res, content.meeting, lang)


def rank_line(row, scores, lang):
    """ "Rank 1 (tied)" (and its score when asked for), or "Not ranked by the vote"."""
    if not row:
        return t("sub.not_ranked", lang)
    text = t("sub.rank_tied" if row["tied"] else "sub.rank", lang).format(rank=row["rank"])
    return f"{text}, {t('sub.score', lang).format(score=score(row['score']))}" if scores else text


def signatories(content):
    """The organisations recorded as endorsing, then where and when the text was adopted: one
    signature block, kept on one page."""
    m = content.meeting
    out = [_heading(1, "sub.signatories")]
    orgs = endorsing_organisations(content)
    if orgs:
        out.append(("bullets", [f"{pick(o.name, 'en')} ({pick(o.name, 'th')})" for o in orgs]))
    else:
        out += [("p", text, "note") for text in _both("sub.no_signatories")]
    adopted = _both("sub.adopted", venue=lambda lang: pick(m.venue, lang), date=lambda lang: format_date(m.date, lang))
    return kept(*out, *[("p", text, None) for text in adopted])
