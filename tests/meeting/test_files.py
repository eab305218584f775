"""Every file a person hands the workbook goes through one reader (roundtable_lib.meeting.files):
the meeting definition, a capacity-assessment CSV and a carry-forward package each refuse a pipe,
a device, a folder, a missing or unreadable path, an over-size file, bad UTF-8 and binary data in
one line naming the file, without hanging and without writing anything.

Each call runs in a thread with a deadline: a reader that opens a FIFO waits for a writer forever,
and that must fail the test, not block the run."""

import os
import threading
from pathlib import Path

import pytest

from roundtable_lib import MeetingError, ValidationError
from roundtable_lib.meeting.assessment import MAX_BYTES as CAPACITY_MAX_BYTES
from roundtable_lib.meeting.assessment import load_capacity
from roundtable_lib.meeting.definition import MAX_BYTES as MEETING_MAX_BYTES
from roundtable_lib.meeting.definition import load_meeting
from roundtable_lib.meeting.files import Expected, read_text, shown_path
from roundtable_lib.outputs.carry_forward import MAX_BYTES as PACKAGE_MAX_BYTES
from roundtable_lib.outputs.carry_forward import PackageError, import_package
from tests.helpers import MEETING_FILE, unreadable_file

DEADLINE = 20  # seconds; every refusal here takes milliseconds


def _meeting(path, store):
    return load_meeting(path)


def _capacity(path, store):
    return load_capacity(path, store.meeting)


def _package(path, store):
    return import_package(store, path)


# (entry point, its error, its size limit, the words it uses for what it expected)
ENTRY_POINTS = {
    "meeting": (_meeting, MeetingError, MEETING_MAX_BYTES, "meeting definition", "meeting's .yaml file"),
    "capacity": (_capacity, ValidationError, CAPACITY_MAX_BYTES, "capacity-assessment file", "findings file"),
    "package": (_package, PackageError, PACKAGE_MAX_BYTES, "carry-forward package", "carry-forward folder"),
}


def _fifo(tmp_path, limit):
    path = tmp_path / "handed.fifo"
    os.mkfifo(path)
    return path


def _folder(tmp_path, limit):
    # A folder whose package.json is a folder too: the package reader looks inside a folder.
    (tmp_path / "handed" / "package.json").mkdir(parents=True)
    return tmp_path / "handed"


def _over_size(tmp_path, limit):
    path = tmp_path / "handed.big"
    with open(path, "wb") as handle:
        handle.truncate(limit + 1)  # sparse: its size says too big before a byte is read
    return path


def _write(name, data):
    def make(tmp_path, limit):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make


def _unreadable(tmp_path, limit):
    return unreadable_file(_write("handed.locked", b"organisation,area,score\n")(tmp_path, limit))


# (case, make the path, what the one line says, the file name it must name)
HOSTILE = [
    ("fifo", _fifo, "is not a plain file (a pipe or a device", "handed.fifo"),
    ("/dev/zero", lambda tmp_path, limit: Path("/dev/zero"), "is not a plain file", "/dev/zero"),
    ("folder", _folder, "is a folder, not a file", "handed"),
    ("missing", lambda tmp_path, limit: tmp_path / "nope" / "handed.txt", "No {what} at", "nope/handed.txt"),
    ("a file as a folder", lambda p, limit: _write("f", b"")(p, limit) / "handed.txt", "No {what} at", "f/handed"),
    ("unreadable", _unreadable, "cannot be read (permission denied)", ""),
    ("over-size", _over_size, "handed.big is larger than", "handed.big"),
    ("bad UTF-8", _write("handed.latin1", "a: café\nb: 1\n".encode("latin-1")), "is not UTF-8 text (line 1)", ""),
    ("bad UTF-8 later", _write("handed.cp", b"a: 1\nb: \xff\n"), "handed.cp is not UTF-8 text (line 2)", ""),
    ("NUL bytes", _write("handed.nul", b'{"a": "\x00"}\n'), "handed.nul is not a text file (it holds binary", ""),
    ("spreadsheet", _write("handed.xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xff\xfe"), "is not UTF-8 text", ""),
    ("empty path", lambda tmp_path, limit: "", "Type the path of the {path_of}", ""),
    ("newline in name", lambda tmp_path, limit: tmp_path / "a\nb.csv", "a\\nb.csv", ""),
]


def _tree(folder):
    """Every path under ``folder`` (the folder the file was handed in) with its size and
    modification time: what "nothing written" compares. lstat never opens a FIFO."""
    return {(str(p), p.lstat().st_size, p.lstat().st_mtime_ns) for p in [folder, *folder.rglob("*")]}


def _release(path):
    """Open a FIFO for writing and close it, so a reader blocked on it gets end-of-file and returns."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass


def _call_with_deadline(call, path):
    outcome = {}

    def run():
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed back to the test thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(DEADLINE)
    if thread.is_alive():
        if isinstance(path, Path) and path.is_fifo():
            _release(path)
            thread.join(DEADLINE)
        pytest.fail(f"reading {path} did not return within {DEADLINE} s (it waited on a pipe or a device)")
    return outcome


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("case, make, says, names", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_one_clear_line_and_nothing_is_written(fresh_store, tmp_path, entry, case, make, says, names):
    call, error, limit, what, path_of = ENTRY_POINTS[entry]
    given = tmp_path / "given"
    given.mkdir()
    path = make(given, limit)
    before, token = _tree(given), fresh_store.change_token()
    outcome = _call_with_deadline(lambda: call(path, fresh_store), path)
    assert "value" not in outcome, f"{case} was accepted by the {entry} reader"
    assert isinstance(outcome["error"], error), repr(outcome["error"])
    message = str(outcome["error"])
    assert says.format(what=what, path_of=path_of) in message
    assert names in message
    assert "\n" not in message and len(message) < 400 and "Traceback" not in message
    assert _tree(given) == before and fresh_store.change_token() == token
    assert fresh_store.items(include_deleted=True) == []


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_a_file_exactly_at_the_limit_is_read(fresh_store, tmp_path, entry):
    """The size limit refuses what is over it and nothing at it: the file is read, and fails
    later for what it holds (blank space is no meeting, no assessment and no package)."""
    call, error, limit, _what, _path_of = ENTRY_POINTS[entry]
    path = tmp_path / "handed.txt"
    path.write_bytes(b" " * (limit - 1) + b"\n")
    with pytest.raises(error) as caught:
        call(path, fresh_store)
    assert "larger than" not in str(caught.value)


def test_a_link_to_a_plain_file_is_that_file(tmp_path):
    (tmp_path / "meeting.yaml").symlink_to(MEETING_FILE)
    assert load_meeting(tmp_path / "meeting.yaml").id == "roma-thailand-2016"


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path):
    """Notepad and Excel start a UTF-8 file with a byte order mark; YAML and JSON would choke on it."""
    path = tmp_path / "meeting.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MEETING_FILE.read_bytes())
    assert load_meeting(path).id == "roma-thailand-2016"
    spec = Expected(what="file", path_of="the file", max_bytes=100, too_big="too big", save_as="save it as UTF-8")
    path.write_bytes(b"\xef\xbb\xbfline one\n")
    handed = read_text(path, spec)
    assert handed.text == "line one\n" and handed.raw == b"\xef\xbb\xbfline one\n"


def test_the_callers_own_exception_and_words():
    spec = Expected(
        what="guest list", path_of="the guest list", max_bytes=10, too_big="t", save_as="s", error=LookupError
    )
    with pytest.raises(LookupError, match="^No guest list at /nonexistent/list.txt: check the folder"):
        read_text("/nonexistent/list.txt", spec)


def test_a_shown_path_is_one_readable_line():
    assert shown_path(Path("/tmp/a\nb\tc.csv")) == "/tmp/a\\nb\\tc.csv"
    assert shown_path(Path(os.fsdecode(b"/tmp/caf\xe9.csv"))) == "/tmp/caf\\udce9.csv"  # bytes no codec knows
    assert shown_path("/ที่ประชุม/การประเมิน.csv") == "/ที่ประชุม/การประเมิน.csv"  # Thai is shown as it is
    long = "/data/" + "folder/" * 40 + "findings.csv"
    shown = shown_path(long)
    assert len(shown) == 120 and shown.startswith("/data/folder/") and shown.endswith("folder/findings.csv")
    assert "…" in shown


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_what_a_file_holds_is_refused_in_one_line_naming_it(fresh_store, tmp_path, entry):
    """Once read, a file refused for what it holds is named as the reader names it: a newline in
    its name is escaped, not let through to split the message."""
    call, error, _limit, _what, _path_of = ENTRY_POINTS[entry]
    path = tmp_path / "a\nb.txt"
    path.write_text("{\n", encoding="utf-8")  # no YAML, no JSON, no CSV header
    with pytest.raises(error) as caught:
        call(path, fresh_store)
    message = str(caught.value)
    assert "a\\nb.txt" in message and "\n" not in message, message


@pytest.mark.parametrize(
    "make, english, thai",
    [
        (lambda d: d / "nowhere.csv", "No capacity-assessment file at", "ไม่พบไฟล์ผลการประเมินศักยภาพที่"),
        (lambda d: d, "is a folder, not a file: give the path of the findings file", "เป็นโฟลเดอร์ ไม่ใช่ไฟล์"),
        (lambda d: _written(d / "x.xlsx", b"PK\x03\x04\x00\x00"), "it holds binary data", "มีข้อมูลไบนารี"),
        (lambda d: _written(d / "l.csv", b"a,b\n\xff\xfe"), "is not UTF-8 text (line 2)", "บรรทัดที่ 2"),
        (lambda d: "  ", "Type the path of the findings file", "พิมพ์ที่อยู่ของไฟล์ผลการประเมิน"),
    ],
)
def test_a_thai_chair_reads_why_a_findings_file_was_refused_in_thai(meeting, tmp_path, make, english, thai):
    from roundtable_lib.meeting.refusals import error_text

    with pytest.raises(ValidationError) as info:
        load_capacity(make(tmp_path), meeting)
    assert english in str(info.value)  # the command line and the logs: English, as before
    assert thai in error_text(info.value, "th") and english not in error_text(info.value, "th")


def _written(path, raw):
    path.write_bytes(raw)
    return path
