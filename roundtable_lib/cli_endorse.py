"""The command line's endorsements: ``roundtable endorse`` records an organisation's decision on
the joint recommendations after the meeting (an e-mail from a director, a call the next day),
as the chair's endorsement form does during it.

Split from :mod:`roundtable_lib.cli`, which adds this command to its parser and runs it. It only
calls the store (:meth:`~roundtable_lib.store.Store.record_endorsement`), whose validation is the
one place that says who may endorse; a refusal is one line and nothing is written.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.store`,
:mod:`roundtable_lib.exceptions`, :mod:`roundtable_lib.cli_database` and the standard library.
"""

from roundtable_lib.cli_database import db_argument, open_store
from roundtable_lib.exceptions import ValidationError

# The decisions as typed on the command line; "not-asked" is accepted for "not_asked".
DECISION_WORDS = "endorses|abstains|not_asked"
# Who records the decision, in the history: actor_words says "the command line (roundtable)".
ACTOR = "cli"


def add_endorse(sub):
    p = sub.add_parser(
        "endorse",
        help="record an organisation's decision on the joint recommendations",
        description="Record an organisation's decision on the final text of the joint recommendations: "
        "endorses, abstains or not_asked, and who gave it. The submission lists as signatories only the "
        "organisations recorded as endorsing. A later decision for the same organisation replaces the "
        "earlier one; both stay in the history. Organisations whose role does not endorse (donors, "
        "observers) cannot be recorded as endorsing.",
    )
    db_argument(p)
    p.add_argument(
        "org", metavar="ORG", help="the organisation's id or short name in the meeting file (e.g. map, LSDF)"
    )
    p.add_argument("decision", metavar="DECISION", help=f"what the organisation decided: {DECISION_WORDS}")
    p.add_argument("--by", required=True, metavar="NAME", help='who gave the decision, e.g. "Ms Moe, director"')
    p.add_argument("--note", default="", help="how or where it was given, e.g. 'by e-mail, 14 July'")


def cmd_endorse(args, out):
    from roundtable_lib.meeting.clock import format_local
    from roundtable_lib.meeting.labels import t

    decision = args.decision.strip().lower().replace("-", "_")
    with open_store(args, create=False) as store:
        meeting = store.meeting
        org = meeting.find_org(args.org) or args.org  # anything else: refused below with the ids
        if org not in meeting.org_ids:
            raise ValidationError(
                f"Unknown organisation {args.org!r}; choose one of: "
                f"{', '.join(f'{o.id} ({o.label()})' for o in meeting.organisations if o.may_endorse)}.",
                "org",
            )
        entry = store.record_endorsement(org, decision, by=args.by, note=args.note, actor=ACTOR)
        signatories = [meeting.org(o).label() for o in store.endorsing_org_ids()]
    when = format_local(entry["at"], meeting)
    out(
        f"Recorded: {meeting.org(org).label()} {t('decision.' + entry['decision']).lower()} "
        f"(decided by {entry['by']}, recorded {when})."
    )
    out(f"Signatories of the joint recommendations now: {', '.join(signatories) or 'none yet'}.")
