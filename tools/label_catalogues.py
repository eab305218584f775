"""Build and update the label catalogues (roundtable_lib/locale/<lang>/LC_MESSAGES/roundtable.po).

    python tools/label_catalogues.py extract [--rev REV]
        Reads the label tables that once lived in Python (LABELS in meeting/labels.py and the
        *_LABELS of meeting/*_labels.py, each key an (English, Thai) pair) from the git revision
        REV (default HEAD) or, with --rev '', from the files on disk (or --file PATH, a module
        anywhere, such as a branch's worktree), and adds every key the
        English and Thai catalogues lack. A key already there is kept as it is (an English text
        that differs is reported, not overwritten). Run it after merging a branch that still
        added labels to the old tables.

    python tools/label_catalogues.py translate LANG FILE
        Writes LANG's catalogue from FILE: one "key<TAB>translation" a line; a count label's
        plural forms separated by "|" in the order of the language's Plural-Forms. Keys FILE
        does not give keep the catalogue's current translation (or stay empty).

    python tools/label_catalogues.py rewrite LANG
        Reads and writes LANG's catalogue again (after the English catalogue changed: new keys
        arrive empty, an English text that changed marks the translation fuzzy).

The English catalogue is the source: every other catalogue has its keys, in its order, with its
English texts as msgid. Needs Babel (a dependency of the workbook).
"""

import argparse
import ast
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "roundtable_lib" / "locale"
TABLES = "roundtable_lib/meeting"
STAMP = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)  # fixed, so rewriting a catalogue changes only its words
HEADER = """\
# Labels of the Roundtable Workbook's screens and documents: {name}.
# msgctxt is the label's key (the code asks for it); msgid the English text.
# Keep every {{placeholder}} exactly as in the English.
#"""
KEY_LINE = re.compile(r'^\s*"([\w.]+)":\s')
COMMENT_LINE = re.compile(r"^\s*# (.+)$")


def po_path(lang):
    return LOCALE / lang / "LC_MESSAGES" / "roundtable.po"


def new_catalogue(lang):
    from babel import Locale

    name = Locale.parse(lang).english_name
    return Catalog(
        locale=lang,
        domain="roundtable",
        header_comment=HEADER.format(name=name),
        project="Roundtable Workbook",
        version="0.1",
        copyright_holder="the Roundtable Workbook's authors",
        creation_date=STAMP,
        revision_date=STAMP,
        last_translator="Roundtable Workbook",
        language_team=f"{name} <roundtable-workbook>",
        fuzzy=False,
    )


def load(lang):
    path = po_path(lang)
    if not path.exists():
        return new_catalogue(lang)
    with path.open("rb") as po:
        return read_po(po, locale=lang, domain="roundtable")


def save(catalogue):
    catalogue.revision_date = STAMP
    catalogue.fuzzy = False
    path = po_path(str(catalogue.locale))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po:
        write_po(po, catalogue, width=0, no_location=True, include_previous=False)


def table_sources(rev):
    """{module path: its source text} of the label table modules, at ``rev`` or on disk."""
    if not rev:
        names = [str(path.relative_to(ROOT)) for path in (ROOT / TABLES).glob("*labels.py")]
        return {name: (ROOT / name).read_text() for name in sorted(names, key=first_labels)}
    git = ["git", "-C", str(ROOT)]
    listing = subprocess.run([*git, "ls-tree", "--name-only", rev, f"{TABLES}/"], capture_output=True, text=True)
    listing = listing.stdout.split()
    return {
        name: subprocess.run([*git, "show", f"{rev}:{name}"], capture_output=True, text=True, check=True).stdout
        for name in sorted(listing, key=first_labels)
        if name.endswith("labels.py")
    }


def first_labels(name):
    """The screens' labels (labels.py) first, then the topic modules by name."""
    return (not name.endswith("/labels.py"), name)


def read_tables(text):
    """[(key, (en, th), topic comment)] of every label table (a dict literal) in a module."""
    found = {}
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) and node.targets:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id.endswith("LABELS"):
                found.update(ast.literal_eval(node.value))
    topics, topic = {}, None
    for line in text.splitlines():
        comment, key = COMMENT_LINE.match(line), KEY_LINE.match(line)
        if comment:
            topic = comment.group(1)
        elif key and key.group(1) in found:
            topics.setdefault(key.group(1), topic)
    return [(key, pair, topics.get(key)) for key, pair in found.items()]


def english_id(words):
    """A label's English text as a catalogue's msgid: a pair for a count label "one|other"."""
    one, bar, other = words.partition("|")
    return (one, other) if bar else words


def extract(rev, files=()):
    en, th = load("en"), load("th")
    added, differ = [], []
    sources = {str(path): Path(path).read_text(encoding="utf-8") for path in files} if files else table_sources(rev)
    for name, text in sources.items():
        for key, (english, thai), topic in read_tables(text):
            msgid = english_id(english)
            comments = [f"{Path(name).stem.replace('_', ' ')}: {topic}" if topic else Path(name).stem]
            known = en.get(msgid, context=key) or next((m for m in en if m.context == key), None)
            if known is not None:
                if known.id != msgid:
                    differ.append(key)
                continue
            en.add(msgid, msgid, context=key, auto_comments=comments)
            thai_forms = (thai,) if isinstance(msgid, tuple) else thai
            th.add(msgid, thai_forms, context=key, auto_comments=comments)
            added.append(key)
    save(en)
    save(th)
    print(f"added {len(added)} keys to en and th; {len(differ)} English texts differ: {', '.join(differ)}")


def aligned(lang, given):
    """``lang``'s catalogue with the English catalogue's keys, order and English texts;
    translations from ``given`` (key -> text or forms) or the current catalogue."""
    english, current = load("en"), load(lang)
    by_key = {message.context: message for message in current if message.id}
    out = new_catalogue(lang)
    for message in english:
        if not message.id:
            continue
        key, old = message.context, by_key.get(message.context)
        plural = isinstance(message.id, tuple)
        if key in given:
            forms = tuple(given[key].split("|")) if plural else given[key]
            out.add(message.id, forms, context=key, auto_comments=message.auto_comments)
            continue
        string, flags = ("",) * out.num_plurals if plural else "", set()
        if old is not None and old.string:
            string = old.string
            if old.id != message.id:
                flags = {"fuzzy"}  # the English changed since this was translated
        out.add(message.id, string, context=key, auto_comments=message.auto_comments, flags=flags)
    return out


def translate(lang, file):
    given = {}
    for number, line in enumerate(Path(file).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        key, tab, words = line.partition("\t")
        if not tab:
            sys.exit(f"{file}:{number}: no tab between key and translation")
        given[key.strip()] = words  # a leading space is part of some labels (" with {people}")
    catalogue = aligned(lang, given)
    unknown = sorted(set(given) - {message.context for message in catalogue if message.id})
    save(catalogue)
    print(f"{lang}: {len(given) - len(unknown)} translations written; unknown keys ignored: {', '.join(unknown)}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract")
    p.add_argument("--rev", default="HEAD")
    p.add_argument("--file", action="append", default=[], help="read the tables of this module instead (repeatable)")
    p = sub.add_parser("translate")
    p.add_argument("lang")
    p.add_argument("file")
    p = sub.add_parser("rewrite")
    p.add_argument("lang")
    args = parser.parse_args(argv)
    if args.command == "extract":
        extract(args.rev, args.file)
    elif args.command == "translate":
        translate(args.lang, args.file)
    else:
        save(aligned(args.lang, {}))


if __name__ == "__main__":
    main()
