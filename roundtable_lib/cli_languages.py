"""The command line's languages: ``roundtable languages`` says, for each of the project's
languages, how much of the workbook's words its label catalogue translates (labels translated /
total), which catalogues claim to be complete, and with ``--missing`` the keys still missing.

Split from :mod:`roundtable_lib.cli`, which adds this command to its parser and runs it. It reads
only the catalogues (:mod:`roundtable_lib.meeting.catalogues`); it opens no database.

May import: :mod:`roundtable_lib.meeting` and the standard library.
"""

from pathlib import Path


def add_languages(sub):
    p = sub.add_parser(
        "languages",
        help="show each language's label catalogue and how much of it is translated",
        description="For each of the project's languages, the share of the workbook's labels its "
        "catalogue (roundtable_lib/locale/LANG/LC_MESSAGES/roundtable.po) translates. A label a "
        "catalogue lacks is shown in the meeting's working language. --missing lists the keys.",
    )
    p.add_argument("--missing", action="store_true", help="list the keys each catalogue still lacks")
    p.add_argument(
        "--meeting",
        metavar="FILE",
        type=Path,
        default=None,
        help="only the languages of this meeting file, its working language marked",
    )
    p.add_argument("lang", nargs="*", metavar="LANG", help="only these languages (ISO 639-1 codes, e.g. ne ar)")


def cmd_languages(args, out):
    from roundtable_lib.exceptions import ValidationError
    from roundtable_lib.meeting import catalogues
    from roundtable_lib.meeting.languages import PROJECT_LANGUAGES

    every = tuple(PROJECT_LANGUAGES) + tuple(c for c in catalogues.languages() if c not in PROJECT_LANGUAGES)
    working = None
    if args.meeting is not None:
        from roundtable_lib.meeting.definition import load_meeting

        meeting = load_meeting(args.meeting)
        every, working = meeting.languages, meeting.working_language
    chosen = [code.strip().lower() for code in args.lang] or list(every)
    unknown = [code for code in chosen if code not in every]
    if unknown:
        raise ValidationError(f"no such language: {', '.join(unknown)}; the project's are {', '.join(every)}.", "lang")
    out(f"Label catalogues in {catalogues.LOCALE_DIR}: {len(catalogues.keys())} labels.")
    if working:
        shown_in = PROJECT_LANGUAGES[working].english_name if working in PROJECT_LANGUAGES else working
        out(f"The meeting's languages; a label a catalogue lacks is shown in {shown_in} ({working}).")
    for code in chosen:
        language = PROJECT_LANGUAGES.get(code)
        name = f"{language.english_name} ({language.native_name})" if language else code
        name += ", working language" if code == working else ""
        found = catalogues.coverage(code)
        out(f"  {code}  {name:<50} {found.translated:>4}/{found.total}  {_percent(found):>4}  {_state(code, found)}")
        if args.missing and found.missing and catalogues.catalogue(code) is not None:
            out("      missing: " + ", ".join(found.missing))


def _percent(found):
    share = 100 * found.translated / found.total if found.total else 100
    return f"{int(share)}%" if found.missing else "100%"


def _state(code, found):
    from roundtable_lib.meeting import catalogues

    if catalogues.catalogue(code) is None:
        return "no catalogue: shown in the working language"
    if found.complete:
        return "complete"
    claim = " (claims complete: the tests fail)" if code in catalogues.COMPLETE else ""
    return f"{len(found.missing)} missing, shown in the working language{claim}"
