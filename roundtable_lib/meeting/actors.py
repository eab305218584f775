"""Who did something, in words: the store records an actor id with every change ("chair:s2",
"cli:init"); a person reads "the chair of Session 2" or "the set-up command (roundtable init)".

May import: the standard library and :mod:`roundtable_lib.meeting.labels`.
"""

from roundtable_lib.meeting.labels import LABELS, t


def actor_words(actor, meeting=None, lang="en"):
    """``actor`` (as the store records it) in words, in ``lang``.

    ``chair:<session>`` is the chair of that session (by the session's name when ``meeting``
    is given); the workbook's own commands and the demonstration have labels (``actor.<id>``);
    any other actor (a name an organiser typed) is shown as it is."""
    actor = str(actor or "").strip()
    if not actor:
        return t("actor.unknown", lang)
    key = "actor." + actor.replace(":", ".")
    if key in LABELS:
        return t(key, lang)
    if actor.startswith("chair:"):
        session = actor.split(":", 1)[1]
        try:
            title = meeting.session(session).title[lang] if meeting is not None else session
        except KeyError:
            title = session
        return t("actor.chair_of", lang).format(session=title.split(":")[0])
    return actor
