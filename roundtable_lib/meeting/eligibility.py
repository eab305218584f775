"""Who may vote and who may endorse: the rules that keep civil society's recommendations theirs.

An organisation's role in the meeting file (:data:`~roundtable_lib.meeting.definition.ROLES`)
says whether its ballots count and whether it may endorse the joint recommendations; a poll
keeps its own list of the organisations that vote in it (by default the voting roles), and an
organisation's decision on the final text is one of :data:`DECISIONS`. The store calls these
before it writes; forms show the :class:`~roundtable_lib.exceptions.ValidationError` message.

Pure: may import the standard library, :mod:`roundtable_lib.exceptions` and the meeting layer
(``labels``, ``refusals``, ``typed_text``).
"""

from roundtable_lib.meeting.labels import LABELS, t
from roundtable_lib.meeting.refusals import refusal
from roundtable_lib.meeting.typed_text import LIMITS, clean_optional, clean_text

# What an organisation decided on the final text of the joint recommendations.
DECISIONS = ("endorses", "abstains", "not_asked")


def eligible_orgs(meeting, poll):
    """The organisations whose ballots count in ``poll``: the ones it lists, or, for a poll made
    before polls had a list, those whose role votes in the meeting file."""
    listed = poll.get("eligible")
    return list(listed) if listed is not None else meeting.voting_org_ids


def validate_eligible(meeting, eligible):
    """Who may vote in a new poll: None for the meeting's voting roles, or organisation ids."""
    if eligible is None:
        eligible = meeting.voting_org_ids
    if isinstance(eligible, str) or not eligible:
        raise refusal("vote.name_an_org", "eligible")
    for org in eligible:
        _known(meeting, org, "eligible")
    return list(dict.fromkeys(eligible))


def role_words(org):
    """An organisation's role as words for a message: "partner cso", "donor"."""
    return org.role.replace("_", " ")


def not_eligible(meeting, org_id, eligible):
    """The refusal of a ballot from ``org_id``: why, and what the chair can do instead."""
    org = meeting.org(org_id)
    voting = tuple(", ".join(meeting.org(o).label(lang) for o in eligible) for lang in ("en", "th"))
    return refusal("vote.not_eligible", "voter", org=_names(org), role=_role(org), voting=voting)


def not_eligible_message(meeting, org_id, eligible):
    """Why a ballot from ``org_id`` is refused, in English (the command line's words)."""
    return str(not_eligible(meeting, org_id, eligible))


def _names(org):
    return org.label("en"), org.label("th")


def _role(org):
    """An organisation's role as ``(en, th)`` words: the stored code's words in English, as the
    messages always said it, the role's label in Thai where there is one."""
    key = f"role.{org.role}"
    return role_words(org), t(key, "th") if key in LABELS else role_words(org)


def validate_endorsement(meeting, data):
    """Check one organisation's decision on the joint recommendations: ``org``, ``decision``
    (one of :data:`DECISIONS`), ``by`` (who gave it, e.g. "Ms Moe, director") and an optional
    ``note``. Only an organisation whose role may endorse can endorse."""
    org = meeting.org(_known(meeting, data.get("org"), "org"))
    decision = data.get("decision")
    if decision not in DECISIONS:
        raise refusal("endorse.decision_unknown", "decision", choices=", ".join(DECISIONS), value=repr(decision))
    if decision == "endorses" and not org.may_endorse:
        raise refusal("endorse.may_not", "decision", org=_names(org), role=_role(org))
    return {
        "org": org.id,
        "decision": decision,
        "decided_by": clean_text(data.get("by"), "who decided", LIMITS["short"]),
        "note": clean_optional(data.get("note"), "note"),
    }


def _known(meeting, org_id, field):
    if org_id not in meeting.org_ids:
        raise refusal("error.unknown_org", field, value=repr(org_id), choices=", ".join(meeting.org_ids))
    return org_id
