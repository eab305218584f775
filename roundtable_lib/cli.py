"""The ``roundtable`` command: set up, fill, serve, inspect, export, back up and move a
meeting's database.

It only calls the store's methods; it never touches SQL. Errors are one line on stderr and a
non-zero exit status, never a traceback. Each command imports what it needs when it runs (the
store, the outputs, the serving side), so ``roundtable status`` loads neither widgets nor charts.

The ``--db`` option, opening the store it names, and the commands that copy a whole database
(``backup``, ``restore``, ``migrate-db``) live in :mod:`roundtable_lib.cli_database`; this module
builds the parser, holds the meeting's own commands and runs them (``main``, the entry point).
"""

import argparse
import os
import sys
from pathlib import Path

from roundtable_lib.cli_database import (
    add_backup_restore,
    add_migrate_db,
    cmd_backup,
    cmd_migrate_db,
    cmd_restore,
    db_argument,
    db_target_argument,
    open_store,
    start_snapshots,
)
from roundtable_lib.cli_endorse import add_endorse, cmd_endorse
from roundtable_lib.cli_languages import add_languages, cmd_languages
from roundtable_lib.exceptions import RoundtableError

EPILOG = (
    "Every command takes --db PATH or --db postgresql+psycopg://USER@HOST/DATABASE "
    "(default: $ROUNDTABLE_DB or data/roundtable.db)."
)


def build_parser():
    """The ``roundtable`` parser: each ``_add_*`` function adds its commands, in the order
    ``roundtable --help`` lists them."""
    parser = argparse.ArgumentParser(
        prog="roundtable",
        description="Roundtable Workbook: capture a facilitated meeting live in JupyterLab, show it "
        "read-only on Voila dashboards, and export it afterwards.",
        epilog=EPILOG,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_init(sub)
    _add_demo(sub)
    _add_serve(sub)
    _add_status(sub)
    add_endorse(sub)
    _add_export_import(sub)
    add_backup_restore(sub)
    add_migrate_db(sub)
    add_languages(sub)
    return parser


def _add_init(sub):
    p = sub.add_parser(
        "init",
        help="create the database from the meeting definition (safe to repeat)",
        description="Create the meeting's database from data/meeting.yaml (or --meeting FILE). "
        "Safe to repeat: an edited definition of the same meeting is reloaded and no captured data "
        "is ever removed. A real meeting starts with no capacity assessment: the chairs load the findings.",
    )
    db_argument(p)
    p.add_argument(
        "--meeting", metavar="FILE", type=Path, default=None, help="the meeting definition (default: data/meeting.yaml)"
    )
    p.add_argument(
        "--sample",
        action="store_true",
        help="store the illustrative capacity assessment (marked as a sample on every screen), for a rehearsal",
    )


def _add_demo(sub):
    p = sub.add_parser(
        "demo",
        help="fill a database with clearly labelled sample content",
        description="Fill a database with sample content for every session, marked as a demo on "
        "every screen. Refuses a database that already holds real captures.",
    )
    db_argument(p)
    p.add_argument(
        "--meeting",
        metavar="FILE",
        type=Path,
        default=None,
        help="the meeting definition to initialise with (default: data/meeting.yaml)",
    )
    p.add_argument(
        "--if-empty", action="store_true", help="do nothing (instead of failing) when the database already holds data"
    )


def _add_serve(sub):
    """The ``serve`` command's options. A declarative table, long because a venue has many
    knobs (ports, who may reach the chairs, viewer caps, warm kernels, culling, snapshots,
    workers); splitting it would only scatter them."""
    p = sub.add_parser(
        "serve",
        help="start JupyterLab for chairs and Voila dashboards for participants",
        description="Start JupyterLab for the chairs (on this computer only, with a token) and "
        "Voila for the participants (read-only dashboards on the venue network, with a token), "
        "and print both addresses.",
    )
    db_argument(p)
    p.add_argument("--lab-port", type=int, default=8888, help="JupyterLab's port (default 8888)")
    p.add_argument("--voila-port", type=int, default=8866, help="Voila's port (default 8866)")
    p.add_argument("--host", default="0.0.0.0", help="address Voila listens on (default 0.0.0.0: the venue network)")
    p.add_argument(
        "--address",
        metavar="HOST",
        default=None,
        help="this laptop's address on the venue network, as printed and put in the QR code "
        "(default: found automatically)",
    )
    p.add_argument("--no-lab", action="store_true", help="start only the participants' dashboards")
    p.add_argument(
        "--chairs-lan",
        action="store_true",
        help="let breakout rapporteurs reach the chairs' JupyterLab over the venue network "
        "(still with its token; default: this computer only)",
    )
    p.add_argument(
        "--max-viewers",
        type=int,
        default=40,
        metavar="N",
        help="most dashboard viewers at once; one more sees 'too many viewers, retry shortly' (default 40)",
    )
    p.add_argument(
        "--warm-kernels",
        type=int,
        default=0,
        metavar="N",
        help="keep N dashboard kernels started ahead of the next viewers, ~65 MB each (default 0: none; 10 for a room)",
    )
    from roundtable_lib.serving.voila_command import DEFAULT_FORKED_KERNELS

    default = "the default" if DEFAULT_FORKED_KERNELS else "not the default"
    kernels = p.add_mutually_exclusive_group()
    kernels.add_argument(
        "--forked-kernels",
        dest="forked_kernels",
        action="store_true",
        default=None,
        help="fork each dashboard viewer's kernel from one warm process: faster arrivals, about half "
        f"the memory ({default}; ROUNDTABLE_FORKED_KERNELS=1 or 0 in the environment also chooses)",
    )
    kernels.add_argument(
        "--ordinary-kernels",
        dest="forked_kernels",
        action="store_false",
        help="start each dashboard viewer's kernel as its own Python process, as Jupyter does",
    )
    p.add_argument(
        "--cull-seconds",
        type=int,
        default=120,
        metavar="S",
        help="shut a closed dashboard tab's kernel down after S idle seconds (default 120)",
    )
    p.add_argument(
        "--backup-minutes",
        type=float,
        default=5,
        metavar="M",
        help="take a checked snapshot of the database into backups/ beside it every M minutes (default 5; 0: never)",
    )
    p.add_argument("--backup-keep", type=int, default=12, metavar="N", help="keep the last N snapshots (default 12)")

    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="run N dashboard processes behind Debian's nginx on the participants' port, for more "
        "viewers than one process carries (default 1: one Voila process, no nginx)",
    )
    p.add_argument(
        "--dashboards-db",
        metavar="URL",
        type=db_target_argument,
        default=None,
        help="the database address the dashboards use, e.g. PostgreSQL's read-only dashboard login "
        "(default: --db); implies nginx in front",
    )


def _add_status(sub):
    p = sub.add_parser(
        "status",
        help="show what the database holds",
        description="Show the meeting, the counts of captured items per session and kind, "
        "participants, polls, and the schema migrations applied.",
    )
    db_argument(p)


def _meeting(args):
    from roundtable_lib.meeting.definition import default_meeting_path, load_meeting

    return load_meeting(args.meeting or default_meeting_path())


def cmd_init(args, out):
    from roundtable_lib.store.capacity import store_sample

    meeting = _meeting(args)
    with open_store(args) as store:
        changed = store.init(meeting)
        title = meeting.title[meeting.working_language]
        out(f"{'Initialised' if changed else 'Already up to date:'} {store.label} for {title!r}.")
        if args.sample:
            out(store_sample(store, actor="cli:init"))
        elif (current := store.capacity_assessment()) is not None:
            out(f"Capacity assessment: {current.describe()} (kept).")
        else:
            # Invented scores for real organisations would be shown to the room as theirs.
            out(
                "No capacity assessment stored: a chair loads the findings file in notebook 04 "
                "(`roundtable init --sample` stores the illustrative one for a rehearsal)."
            )


def cmd_demo(args, out):
    from roundtable_lib.demo import fill_demo

    meeting = _meeting(args)
    with open_store(args) as store:
        store.init(meeting)
        if fill_demo(store, if_empty=args.if_empty):
            out(f"Filled {store.label} with sample content for every session.")
        else:
            out(f"{store.label} already holds data; left as it is.")
            if store.get_state("demo"):  # a demo made before assessments were stored gets the sample
                from roundtable_lib.store.capacity import store_sample

                store_sample(store, actor="demo")


def cmd_serve(args, out):
    from roundtable_lib.serving.serve import serve

    sqlite_file = None
    if args.dashboards_db and args.no_lab and not args.db:
        db = args.dashboards_db  # a dashboards-only laptop needs (and should hold) no writer's password
    else:
        # Fail early, with the store's message, on a missing or wrong database.
        with open_store(args, create=False) as store:
            _ = store.meeting  # raises StoreError when the database holds no meeting
            db, sqlite_file = store.target, store.path
    if args.dashboards_db:
        from roundtable_lib.store import Store

        with Store(args.dashboards_db, readonly=True, public=True) as view:  # the same check, for the dashboards
            _ = view.meeting
    if sqlite_file is not None:  # PostgreSQL is backed up with its own tools (pg_dump), not snapshots
        start_snapshots(args, sqlite_file, out)
    run = serve
    if args.workers != 1 or args.dashboards_db:
        from roundtable_lib.serving import workers

        def run(plan, out):
            return workers.serve(plan, args.workers, args.dashboards_db or "", out=out)

    run(serve_plan(args, db), out=out)


def serve_plan(args, db):
    """The :class:`~roundtable_lib.serving.serve.ServePlan` that ``serve``'s options ``args`` ask
    for, on database ``db``."""
    from roundtable_lib.serving.serve import ServePlan

    # Neither --forked-kernels nor --ordinary-kernels: the plan's own default (the environment).
    kernels = {} if args.forked_kernels is None else {"forked_kernels": args.forked_kernels}
    return ServePlan(
        db=db,
        lab_port=args.lab_port,
        voila_port=args.voila_port,
        voila_host=args.host,
        address=args.address or "",
        lab=not args.no_lab,
        chairs_lan=args.chairs_lan,
        max_viewers=args.max_viewers,
        warm_kernels=args.warm_kernels,
        cull_seconds=args.cull_seconds,
        **kernels,
    )


def cmd_status(args, out):
    with open_store(args, create=False) as store:  # looking never makes a database out of a file
        info = store.status()
        meeting = store.meeting
        assessment = store.capacity_assessment()
    out(f"Database:    {info['path']}")
    out(f"Meeting:     {meeting.title[meeting.working_language]} ({meeting.date.isoformat()})")
    out(f"Now in:      {info['current_session']}")
    out(f"Participants: {info['participants']}   Polls: {info['polls']}   Changes: {info['change_token']}")
    for agenda_item in meeting.agenda:
        counts = {k: n for (s, k), n in info["items"].items() if s == agenda_item.id}
        summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "nothing captured"
        out(f"  {agenda_item.id:<12} {summary}")
    when = ""
    if assessment:  # an act of the workbook, on the meeting's clock, by whom in words
        from roundtable_lib.meeting.actors import actor_words
        from roundtable_lib.meeting.clock import format_local

        when = f", stored {format_local(assessment.loaded_at, meeting)} by {actor_words(assessment.loaded_by)}"
    out(f"Capacity:    {assessment.describe() + when if assessment else 'none stored'}")
    out(f"Schema:      {', '.join(info['migrations'])}")


# --- exports and the carry-forward package


def _add_export_import(sub):
    p = sub.add_parser(
        "export",
        help="write the report, recommendations, training plan, tables and CSV files",
        description="Write the meeting's outputs into --out DIR: the meeting report and the joint "
        "recommendations (Word), the training plan and every table (Excel), CSV files, the report "
        "as Markdown and HTML, and the carry-forward package for the next meeting. Public by "
        "default: no sensitive items, no names of people who did not consent. A public export first "
        "prints the pre-publication review and is written only with --reviewed. Public and internal "
        "copies never share a folder.",
    )
    db_argument(p)
    p.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        default=None,
        help="the folder to write into (default: exports/public, or exports/internal with --internal)",
    )
    p.add_argument(
        "--internal",
        action="store_true",
        help="include sensitive items and every participant's name; every file says INTERNAL",
    )
    p.add_argument(
        "--reviewed",
        action="store_true",
        help="you have checked the pre-publication review the command prints: write the public files",
    )
    p.add_argument(
        "--no-charts",
        action="store_true",
        help="leave the chart images out (tables only); the report says which charts it left out",
    )
    p.add_argument(
        "--scores",
        action="store_true",
        help="print each recommendation's vote score in the joint recommendations (default: ranks only)",
    )
    p.add_argument(
        "--lang",
        choices=("en", "th"),
        default="en",
        help="the language of the pre-publication review printed before a public export, and of what "
        "the export wrote (default: en)",
    )

    p = sub.add_parser(
        "import",
        help="load a carry-forward package from another meeting",
        description="Load the recommendations, synergies and training plan another meeting "
        "exported (its carry-forward folder or package.json) into this meeting's database. "
        "Safe to repeat: nothing is imported twice.",
    )
    db_argument(p)
    p.add_argument("package", type=Path, help="the carry-forward folder or its package.json")
    p.add_argument(
        "--session",
        default=None,
        help="the session to put everything into (default: the first session capturing each kind)",
    )


def cmd_export(args, out):
    from roundtable_lib.outputs.export import check_folder, default_folder, export_all, result_lines
    from roundtable_lib.store import default_db_path

    def progress(step, total, label):
        print(f"[{step}/{total}] {label}", file=sys.stderr, flush=True)

    folder = args.out or default_folder(args.internal)
    check_folder(folder, args.internal)
    if not args.internal:
        _prepublication_review(args, out)
    result = export_all(
        args.db or default_db_path(),
        folder,
        internal=args.internal,
        charts=False if args.no_charts else None,
        progress=progress,
        scores=args.scores,
    )
    for line in result_lines(result, args.lang):
        out(line)


def _prepublication_review(args, out):
    """Print what a careful organiser checks before anything public leaves; without
    ``--reviewed`` stop there, saying how to go on."""
    from roundtable_lib.outputs import prepublication

    with open_store(args, readonly=True, create=False) as store:
        checks = prepublication.review(store, lang=args.lang)
    for line in prepublication.as_lines(checks, lang=args.lang):
        out(line)
    if not args.reviewed:
        raise RoundtableError(prepublication.not_written(checks, args.lang))


def cmd_import(args, out):
    from roundtable_lib.outputs.carry_forward import import_package

    with open_store(args) as store:
        report = import_package(store, args.package, session=args.session, actor="cli:import")
    out(f"Imported {report['created']} items ({report['existing']} already there).")
    for kind, session in sorted(report["sessions"].items()):
        out(f"  {kind:<15} -> session {session}")
    if report["unknown_orgs"]:
        out(f"Organisations not in this meeting, named in the text instead: {', '.join(report['unknown_orgs'])}.")
    if report["as_notes"]:
        out(f"{report['as_notes']} synergies kept fewer than two known organisations and became notes.")


COMMANDS = {
    "init": cmd_init,
    "demo": cmd_demo,
    "serve": cmd_serve,
    "status": cmd_status,
    "endorse": cmd_endorse,
    "export": cmd_export,
    "import": cmd_import,
    "migrate-db": cmd_migrate_db,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "languages": cmd_languages,
}


def _check_paths(args):
    """File names that no file can have (NUL, control characters, too long) are refused in one
    line here, before any command turns them into an OSError or a message over several lines."""
    from roundtable_lib.store.file_check import usable_name

    for value in vars(args).values():
        if isinstance(value, Path):
            usable_name(value)


def main(argv=None, out=print):
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        _check_paths(args)
        COMMANDS[args.command](args, out)
    except RoundtableError as exc:
        print(f"roundtable: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug or an environment problem: still one line, details on request
        if os.environ.get("ROUNDTABLE_DEBUG"):
            raise
        print(
            f"roundtable: unexpected error: {type(exc).__name__}: {exc} (set ROUNDTABLE_DEBUG=1 to see the details)",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
