"""A meeting file's languages and its texts in them: ``meeting.languages`` (one to four of the
project's, :data:`roundtable_lib.meeting.languages.PROJECT_LANGUAGES`), ``meeting.working_language``
(one of them, by default the first), and every per-language text in the file (a title, a name, a
question) checked against them, with messages an organiser can act on::

    organisations[3].name: no Nepali (ne) name; this meeting's languages are English,
    Indonesian, Nepali and Thai

The working language's text is always required: it is what a page or a document shows when the
reader's language has none. The texts a participant needs to follow the day on their phone
(:data:`EVERY_LANGUAGE`: the meeting's title, each organisation's name, each session's and
break's title, each question put to the room) are required in every meeting language; the
others (venue, objectives, purposes, cities, short names, contact, ...) may leave a language
out and are then shown in the working language, marked as such; a short name or a short title
missing in a language is the name or the title (:data:`COMPLETED`).

The functions take the meeting file's reader (``get``, ``fail``), as the time zone's and the
funder's do, so a mistake reads like every other: ``file: field: problem``.

Pure: imports the standard library, :mod:`roundtable_lib.meeting.languages` and
:mod:`roundtable_lib.meeting.yaml_limits`.
"""

import re

from roundtable_lib.meeting.languages import PROJECT_LANGUAGES
from roundtable_lib.meeting.yaml_limits import brief

MAX_LANGUAGES = 4
# Texts required in every meeting language (fields with their list positions taken out).
EVERY_LANGUAGE = frozenset(
    {"meeting.title", "organisations[].name", "agenda[].title", "agenda[].questions[]", "breaks[].title"}
)
# Texts that, where a language is missing, are completed from another (a short name from the
# name, a short title from the title): none of their languages is required.
COMPLETED = frozenset({"meeting.short_title", "organisations[].short"})
_POSITION = re.compile(r"\[\d+\]")


def language_name(code):
    """``"Nepali (ne)"``: how a message names a language."""
    language = PROJECT_LANGUAGES.get(code)
    return f"{language.english_name} ({code})" if language else repr(code)


def names_in_words(codes):
    """``"English, Indonesian, Nepali and Thai"``; ``"English only"`` for one."""
    names = [PROJECT_LANGUAGES[code].english_name for code in codes]
    if len(names) == 1:
        return f"{names[0]} only"
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _project_list():
    return ", ".join(f"{code} ({language.english_name})" for code, language in PROJECT_LANGUAGES.items())


def parse_languages(r, m):
    """``(languages, working_language)`` from the file's ``meeting`` part, checked."""
    raw = r.get(m, "languages", "meeting", required=False)
    if raw is None:
        r.fail("meeting.languages", f"missing field: list the meeting's languages, one to four of {_project_list()}")
    one_to_four = "a meeting has one to four languages, in a list such as [en, th]"
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_LANGUAGES:
        r.fail("meeting.languages", f"{one_to_four}; got {brief(raw)}")
    for i, code in enumerate(raw):
        if not isinstance(code, str) or code not in PROJECT_LANGUAGES:
            r.fail(
                f"meeting.languages[{i}]",
                f"{brief(code)} is not one of the project's languages; use their codes: {_project_list()}",
            )
        if code in raw[:i]:
            r.fail(f"meeting.languages[{i}]", f"{language_name(code)} is listed twice")
    languages = tuple(raw)
    working = r.get(m, "working_language", "meeting", str, required=False, default=languages[0])
    if working not in languages:
        r.fail(
            "meeting.working_language",
            f"{language_name(working) if working in PROJECT_LANGUAGES else brief(working)} is not one of this "
            f"meeting's languages ({names_in_words(languages)}); the working language must be one of them",
        )
    return languages, working


def _noun(here):
    """What a text is, for a message: "name", "title", "question" (from the field's name)."""
    last = _POSITION.sub("", here.rsplit(".", 1)[-1])
    singular = {"questions": "question", "objectives": "objective"}.get(last, last)
    return singular.replace("_", " ") or "text"


def checked_texts(r, value, here, languages, working):
    """``{lang: text}`` of the file's per-language text at ``here``, in the meeting's language
    order, stripped; refuses a language the meeting does not have, an empty text, and a missing
    one where it is required (the working language's always; every language's for the fields
    in :data:`EVERY_LANGUAGE`)."""
    noun = _noun(here)
    if not isinstance(value, dict):
        example = ", ".join(f"{code}: ..." for code in languages)
        r.fail(here, f"expected a {noun} in each of the meeting's languages ({{{example}}}), got {brief(value)}")
    for code in value:
        if code in languages:
            continue
        if code in PROJECT_LANGUAGES:
            r.fail(
                f"{here}.{code}",
                f"a {language_name(code)} {noun}, but this meeting's languages are {names_in_words(languages)}: "
                f"add {code} to meeting.languages or remove this {noun}",
            )
        r.fail(f"{here}.{brief(code)[:20]}", f"unknown language code; this meeting's are {', '.join(languages)}")
    field = _POSITION.sub("[]", here)
    required = languages if field in EVERY_LANGUAGE else () if field in COMPLETED else (working,)
    for code in languages:
        text = value.get(code)
        if text is not None and not isinstance(text, str):
            r.fail(f"{here}.{code}", f"expected text, got {type(text).__name__} {brief(text)}")
        if text is not None and not text.strip():
            r.fail(f"{here}.{code}", f"empty {language_name(code)} {noun}")
        if text is None and code in required:
            why = (
                "the working language's is required"
                if code == working
                else f"this meeting's languages are {names_in_words(languages)}"
            )
            r.fail(here, f"no {language_name(code)} {noun}; {why}")
    return {code: value[code].strip() for code in languages if value.get(code) is not None}


def completed(texts, fallback, languages):
    """``texts`` with each meeting language it lacks taken from ``fallback``: a short name is the
    name where none is given in a language, a short title the title."""
    return {code: texts.get(code) or fallback[code] for code in languages if texts.get(code) or fallback.get(code)}
