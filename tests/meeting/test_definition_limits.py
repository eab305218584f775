"""Hostile meeting files: refused in one short line, before anything is built. What the shared
file reader refuses for every entry point (pipes, devices, folders ...) is in test_files.py."""

import os
import time

import pytest

from roundtable_lib import MeetingError, load_meeting
from roundtable_lib.meeting.definition import MAX_BYTES
from tests.helpers import MEETING_FILE, roundtable

REAL = MEETING_FILE.read_text(encoding="utf-8")


def _bomb(levels):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels + 1):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\nmeeting: *a{levels}\n"


# (name, file content, what the message must say)
HOSTILE_FILES = [
    ("5000-digit integer", REAL.replace("participants: 25", "participants: " + "9" * 5000), "5,000 digits"),
    ("negative long integer", REAL.replace("per_cso: 4", "per_cso: -" + "1" * 40), "40 digits"),
    ("alias bomb, 6 levels", _bomb(6), "YAML alias"),
    ("alias bomb, 9 levels", _bomb(9), "YAML alias"),
    ("one harmless alias", "x: &x 1\nmeeting: *x\n", "YAML alias"),
    ("merge key", "base: &b {id: x}\nmeeting:\n  <<: *b\n", "YAML alias"),
    ("5 MB string", 'meeting: "' + "x" * 5_000_000 + '"\n', "larger than 1 MB"),
    ("900 KB string", 'meeting: "' + "x" * 900_000 + '"\n', "expected dict, got str 'xxxx"),
    ("900 KB list", "meeting:\n" + "- 1\n" * 220_000, "more than 10,000 values"),
    ("5 MB list", "meeting:\n" + "- 1\n" * 1_300_000, "larger than 1 MB"),
    ("deep nesting", "meeting: " + "[" * 500 + "]" * 500, "nested more than 30 levels"),
    ("deep mappings", "meeting: " + "{a: " * 200 + "1" + "}" * 200, "nested more than 30 levels"),
    (
        "long wrong-typed title",
        REAL.replace("  id: roma-thailand-2016", "  id: " + "Z" * 100_000, 1),
        "is not a valid id",
    ),
    ("list as a date", REAL.replace("date: 2016-07-12", "date: [" + "1, " * 5000 + "1]"), "is not a date"),
    ("mixed-type languages", REAL.replace("languages: [en, th]", "languages: [1, en]"), "not one of the project's"),
    ("a NUL byte", "meeting: \x00\n", "not a text file"),
    ("Latin-1 bytes", None, "not UTF-8"),
    ("binary", None, "not UTF-8"),
    ("empty file", "", "expected a mapping"),
    ("a list at top level", "- a\n- b\n", "expected a mapping"),
    ("unknown tag", "meeting: !!python/object:os.system {}\n", "not valid YAML"),
    ("broken YAML", "meeting: [unclosed\n", "not valid YAML"),
]


def _write(tmp_path, name, content):
    path = tmp_path / "meeting.yaml"
    if name == "Latin-1 bytes":
        path.write_bytes("meeting: caf\xe9\n".encode("latin-1"))
    elif name == "binary":
        path.write_bytes(os.urandom(4096) + b"\xff\xfe")
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, content, expected", HOSTILE_FILES, ids=[c[0] for c in HOSTILE_FILES])
def test_hostile_meeting_files_get_one_short_line(tmp_path, name, content, expected):
    assert "languages: [en, th]" in REAL and "date: 2016-07-12" in REAL and "  id: roma-thailand-2016" in REAL
    path = _write(tmp_path, name, content)
    started = time.monotonic()
    with pytest.raises(MeetingError) as caught:
        load_meeting(path)
    seconds = time.monotonic() - started
    message = str(caught.value)
    assert message.startswith(str(path))  # the file first: "<file>: line 3: ..." or "<file> is larger ..."
    assert expected in message
    assert "\n" not in message and len(message) < 300 + len(str(path))
    assert seconds < 20  # was 15 s and a MemoryError at 1.5 GiB (9-level bomb), 21 s for a 5 MB list


@pytest.mark.parametrize("what", ["folder", "unreadable"])
def test_unreadable_meeting_paths(tmp_path, what):
    path = tmp_path / "meeting.yaml"
    if what == "folder":
        path.mkdir()
        expected = "is a folder"
    else:
        path.write_text(REAL, encoding="utf-8")
        path.chmod(0)
        if os.access(path, os.R_OK):
            path.chmod(0o644)
            path = tmp_path / "fifo-not-allowed" / "meeting.yaml"  # root reads anything: a missing path instead
            expected = "No meeting definition at"
        else:
            expected = "cannot be read"
    with pytest.raises(MeetingError, match=expected):
        load_meeting(path)


def test_the_size_limit_reads_no_more_than_it_needs(tmp_path):
    path = tmp_path / "meeting.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(MeetingError, match="larger than 1 MB"):
        load_meeting(path)
    path.write_text(REAL + "#" * (MAX_BYTES - len(REAL.encode()) - 10) + "\n", encoding="utf-8")
    assert load_meeting(path).id == "roma-thailand-2016"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["5000-digit integer", "alias bomb, 9 levels", "5 MB string"])
def test_the_command_says_one_line_never_unexpected_error(tmp_path, name):
    content = next(c for n, c, _ in HOSTILE_FILES if n == name)
    path = _write(tmp_path, name, content)
    result = roundtable("init", "--db", tmp_path / "x.db", "--meeting", path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"roundtable: error: {path}")
    assert "unexpected error" not in result.stderr and len(lines[0]) < 400
    assert not (tmp_path / "x.db").exists()
