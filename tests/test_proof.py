"""The proof suite: kills, a full disk, hostile inputs through every entry point, and
Hypothesis from store to dashboard. Each test prints its figures (run with -s to see them; CI
logs them with -rA)."""

import copy
import csv
import html.parser
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
import yaml

from roundtable_lib import RoundtableError, Store, ValidationError, load_meeting
from roundtable_lib.meeting.typed_text import clean_text
from roundtable_lib.store.backup import backup, check_snapshot
from tests.helpers import MEETING_FILE, report_figure

pytestmark = pytest.mark.slow

# ------------------------------------------------------------------ chairs killed at random

# Chair kernels in a loop: single captures, and every fifth entry an atomic group of three. Each
# acknowledgement (a line written with one os.write after the store returned, that is after the
# commit) is what the chair was told was saved. A launcher imports the workbook once and forks a
# writer per line it reads (it holds no database connection itself), so a killed chair is
# replaced in milliseconds rather than after seconds of Python start-up.
LAUNCHER = textwrap.dedent(
    """
    import os, signal, sys
    from roundtable_lib import Store
    db, folder = sys.argv[1:3]
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed writers are reaped by the system

    def write(actor):
        store = Store(db, actor=actor)
        fd = os.open(os.path.join(folder, "acks-" + actor), os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        n = 0
        while True:
            if n % 5 == 4:
                ids = [f"{actor}-g{n}-{k}" for k in range(3)]
                with store.atomic():
                    for i in ids:
                        store.add_item("s2", "progress", text_en=i, org="map", id=i)
                os.write(fd, ("G " + " ".join(ids) + "\\n").encode())
            else:
                i = f"{actor}-{n}"
                store.add_item("s2", "progress", text_en=i, org="map", id=i)
                os.write(fd, ("I " + i + "\\n").encode())
            n += 1

    def read():
        store = Store(db, readonly=True, public=True)
        while True:
            store.items(session="s2")
            store.change_token()

    for line in sys.stdin:
        actor = line.strip()
        pid = os.fork()
        if pid == 0:
            try:
                read() if actor == "reader" else write(actor)
            finally:
                os._exit(1)
        print(pid, flush=True)
    """
)


def _acks(folder):
    singles, groups = set(), []
    for path in folder.glob("acks-*"):
        for line in path.read_text().split("\n")[:-1]:  # a line cut by a kill has no newline
            kind, *ids = line.split()
            if kind == "I":
                singles.update(ids)
            else:
                groups.append(ids)
    return singles, groups


def _stored(db):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM items")]
        texts = [r[0] for r in conn.execute("SELECT text_en FROM items")]
        creates = dict(
            conn.execute(
                "SELECT entity_id, count(*) FROM history WHERE entity = 'item' AND action = 'create' GROUP BY entity_id"
            )
        )
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    return ids, texts, creates, integrity


def test_chairs_killed_at_random_lose_no_acknowledged_capture(fresh_store, tmp_path):
    rng = random.Random(12)
    db = str(fresh_store.path)
    launcher = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, db, str(tmp_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    generation = 0
    acks, pids = {}, {}

    def start(slot):
        nonlocal generation
        generation += 1
        actor = f"w{slot}g{generation}"
        acks[slot] = tmp_path / f"acks-{actor}"
        launcher.stdin.write(actor + "\n")
        launcher.stdin.flush()
        pids[slot] = int(launcher.stdout.readline())

    def writing():  # killed mid-write: only writers that have saved something already
        return [slot for slot, path in acks.items() if path.exists() and path.stat().st_size > 0]

    for slot in range(4):
        start(slot)
    launcher.stdin.write("reader\n")
    launcher.stdin.flush()
    reader = int(launcher.stdout.readline())
    kills, backups, started = 0, [], time.monotonic()
    try:
        while kills < 60:
            time.sleep(rng.uniform(0.05, 0.4))
            if not writing():
                continue
            slot = rng.choice(writing())
            os.kill(pids[slot], signal.SIGKILL)
            kills += 1
            start(slot)
            if kills % 15 == 0:  # backups while the chairs write and die
                backups.append(backup(db, tmp_path / f"backup-{kills}.db").path)
        time.sleep(1)
    finally:
        for pid in [*pids.values(), reader]:
            os.kill(pid, signal.SIGKILL)
        launcher.stdin.close()
        launcher.wait(timeout=30)
    seconds = time.monotonic() - started
    singles, groups = _acks(tmp_path)
    ids, texts, creates, integrity = _stored(db)
    present = set(ids)
    lost = (singles | {i for g in groups for i in g}) - present
    duplicated = len(texts) - len(set(texts)) + sum(1 for n in creates.values() if n > 1)
    group_sizes = {}
    for i in ids:
        if "-g" in i:
            group_sizes[i.rsplit("-", 1)[0]] = group_sizes.get(i.rsplit("-", 1)[0], 0) + 1
    partial_groups = [g for g, n in group_sizes.items() if n != 3]
    report_figure(
        f"kill -9 storm: {kills} SIGKILLs mid-write (and 5 at the end) over {seconds:.0f} s, 4 writers + 1 reader; "
        f"{len(singles) + 3 * len(groups)} acknowledged captures ({len(groups)} atomic groups of 3), "
        f"{len(present)} stored; lost {len(lost)}, duplicated {duplicated}, partial groups "
        f"{len(partial_groups)}, integrity {integrity}; {len(backups)} backups taken meanwhile, all checked"
    )
    assert kills >= 50
    assert len(singles) + len(groups) > 100, "the writers hardly wrote: the test proves nothing"
    assert lost == set()
    assert duplicated == 0
    assert partial_groups == []
    assert integrity == "ok"
    assert len(creates) == len(present)
    for path in backups:
        snap = check_snapshot(path)
        assert _stored(path)[3] == "ok" and snap.items <= len(present)


def test_an_atomic_group_killed_midway_stores_nothing(fresh_store):
    script = textwrap.dedent(
        """
        import sys, time
        from roundtable_lib import Store
        store = Store(sys.argv[1], actor="chair:s2")
        with store.atomic():
            store.add_item("s2", "progress", text_en="first of the group", org="map")
            store.add_item("s2", "progress", text_en="second of the group", org="map")
            print("inside", flush=True)
            time.sleep(120)
        """
    )
    token = fresh_store.change_token()
    proc = subprocess.Popen([sys.executable, "-c", script, str(fresh_store.path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "inside"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    after = Store(fresh_store.path)
    assert after.items(include_deleted=True) == [] and after.change_token() == token
    after.add_item("s2", "progress", text_en="the next capture works", org="map")
    assert [i["text_en"] for i in after.items()] == ["the next capture works"]
    assert _stored(fresh_store.path)[3] == "ok"


# ------------------------------------------------------------------ a full disk


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs: a disk that fills up. Needs root (CI runs as root)."""
    if os.geteuid() != 0:
        pytest.skip("the full-disk test mounts a small tmpfs, which needs root (CI runs as root)")
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); CI runs it as root")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_gives_the_chair_a_message_and_loses_nothing(small_disk, meeting):
    from roundtable_lib.chair.forms import CaptureForm

    store = Store(small_disk / "roundtable.db", actor="chair:s2")
    store.init(meeting)
    saved = [
        store.add_item("s2", "progress", text_en=f"before the disk filled {n}", org="map")["id"] for n in range(20)
    ]
    filler = small_disk / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    form = CaptureForm(store, "s2", kinds=["progress"], actor="chair:s2")
    refused, tries = None, 0
    while refused is None and tries < 200:
        tries += 1
        text = f"typed while the disk is full {tries} " + "x" * 3000
        form.org.value, form.text_en.value = "map", text
        form.submit.click()
        if form.text_en.value == text:  # not saved: the text is still in the form
            refused = text
        else:
            saved.append(store.items()[-1]["id"])
    assert refused is not None, "the disk never filled"
    assert "Nothing was written" in form.status.value and "try again" in form.status.value
    report_figure(f"full disk: the form kept the text and said {form.status.value[:90]!r}... after {tries} tries")
    filler.unlink()
    form.submit.click()  # the chair retries once the organiser has made room
    assert form.text_en.value == ""
    texts = [i["text_en"] for i in store.items()]
    assert texts.count(refused) == 1
    assert {i["id"] for i in store.items()} >= set(saved)
    assert _stored(store.path)[3] == "ok"
    store.close()


# ------------------------------------------------------------------ hostile inputs, every entry point

HOSTILE_TEXTS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '"><script>alert(document.cookie)</script>',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "<a href='javascript:alert(1)'>click</a>",
    "<iframe src=http://evil.example></iframe>",
    "<style>body{display:none}</style>",
    "<!-- unclosed comment",
    "]]></x><x>",
    "{{7*7}} {% raw %} ${7*7} #{7*7}",
    "'; DROP TABLE items; --",
    'Robert"); DELETE FROM history; --',
    "1 OR 1=1",
    "%s %d %n {0} {{}}",
    "\x00NUL inside\x00",
    "\x1b[31mANSI red\x1b[0m",
    "bidi \u202eevil\u202c override",
    "zero\u200bwidth\ufeffBOM",
    "lone surrogate \ud800 here",
    "line\r\nbreaks\rold mac\nunix",
    "\t\t tabs and spaces \t",
    "   ",
    "",
    "x" * 4000,
    "x" * 4001,
    "y" * 1_000_000,
    "ผู้ย้ายถิ่นที่ไม่มีเอกสาร น้ำใจ ำ",
    "emoji 👩🏽‍⚖️🇹🇭 and combining e\u0301",
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "../../../../etc/passwd",
    "~/no/such/roundtable.db",
    "NaN",
    "-1e400",
    "*anchor &alias !!python/object:os.system",
]
ENTRY_POINTS = ["store", "form", "cli", "meeting", "capacity", "package"]


class _Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def assert_safe_html(markup, typed=""):
    """No script, frame or event handler that came from ``typed``; no javascript: link."""
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    assert not {"script", "iframe", "svg", "object", "embed", "img"} & set(parser.tags), parser.tags
    assert not [name for name, _ in parser.attrs if name.startswith("on")], parser.attrs
    assert not [v for _, v in parser.attrs if v and v.strip().lower().startswith("javascript:")]
    if typed.strip():
        assert typed.splitlines()[0].strip() in "".join(parser.text)
    return parser


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory, meeting):
    store = Store(tmp_path_factory.mktemp("hostile") / "roundtable.db", actor="chair:s2")
    store.init(meeting)
    yield store
    assert _stored(store.path)[3] == "ok"
    store.close()


def _expected(text, **limits):
    try:
        return clean_text(text, **limits)
    except ValidationError:
        return None


def _through_store(store, text, tmp_path):
    token = store.change_token()
    expected = _expected(text)
    try:
        item = store.add_item("s2", "challenge", text_en=text, org="map")
    except ValidationError as exc:
        assert expected is None and str(exc) and len(str(exc)) < 300
        assert store.change_token() == token
        return
    assert store.get_item(item["id"])["text_en"] == expected


def _through_form(store, text, tmp_path):
    from roundtable_lib.chair.forms import CaptureForm

    form = CaptureForm(store, "s2", kinds=["challenge"], actor="chair:s2")
    form.org.value, form.text_en.value = "map", text
    before = len(store.items())
    form.submit.click()
    expected = _expected(text)
    if expected is None:
        assert len(store.items()) == before and form.text_en.value == text  # nothing typed is lost
        assert len(form.status.value) < 1000
    else:
        assert store.items()[-1]["text_en"] == expected and form.text_en.value == ""
    for widget in _html_widgets(form):
        assert_safe_html(widget.value)


def _html_widgets(widget):
    import ipywidgets as widgets

    if isinstance(widget, widgets.HTML):
        yield widget
    for child in getattr(widget, "children", ()):
        yield from _html_widgets(child)


def _through_cli(store, text, tmp_path):
    import contextlib

    from roundtable_lib.cli import main

    for argv in (
        ["status", "--db", text],
        ["import", "--db", str(store.path), str(tmp_path / "none"), "--session", text],
        ["backup", "--db", text, "--out", str(tmp_path)],
        ["restore", text, "--db", str(tmp_path / "restored.db"), "--yes"],
    ):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            try:
                code = main(argv, out=lambda *_: None)
            except SystemExit as exc:  # argparse's own usage error
                code = exc.code
                assert err.getvalue().startswith("usage:"), err.getvalue()
        assert code in (0, 1, 2), (argv, code)
        if code != 0 and not err.getvalue().startswith("usage:"):
            assert code == 1, err.getvalue()  # 2 would be "unexpected error"
            lines = err.getvalue().strip().splitlines()
            assert (
                len(lines) == 1 and lines[0].startswith("roundtable: error: ") and len(lines[0]) < 2 * len(text) + 400
            )


def _through_meeting(store, text, tmp_path):
    from roundtable_lib import MeetingError

    data = yaml.safe_load(MEETING_FILE.read_text(encoding="utf-8"))
    data["meeting"]["title"]["en"] = text
    data["organisations"][0]["name"]["th"] = text
    for content in (yaml.safe_dump(data, allow_unicode=True), text):
        path = tmp_path / "meeting.yaml"
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
        try:
            meeting = load_meeting(path)
        except MeetingError as exc:
            assert "\n" not in str(exc) and len(str(exc)) < 500 + len(str(path))
        else:
            assert meeting.title["en"] == text.strip()


def _through_capacity(store, text, tmp_path):
    from roundtable_lib.meeting.assessment import load_capacity

    meeting = store.meeting
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["organisation", "area", "score"])
    writer.writerow(["map", text, "3"])
    writer.writerow([text, "Fundraising", text])
    path = tmp_path / "capacity.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", errors="surrogatepass")
    try:
        data = load_capacity(path, meeting)
    except RoundtableError as exc:  # meeting.assessment shortens the values it quotes itself
        assert str(exc)
    else:
        assert all(row for row in data.rows)


def _through_package(store, text, tmp_path):
    from roundtable_lib.outputs.carry_forward import import_package
    from tests.helpers.exports import GOOD

    package = copy.deepcopy(GOOD)
    package["source"]["meeting_id"] = "another-" + str(abs(hash(text)))
    package["recommendations"][0]["text_en"] = text
    package["recommendations"][0]["id"] = text
    package["synergies"][0]["orgs"] = ["map", text]
    package["organisations"][text] = {"name": {"en": text}}
    path = tmp_path / "package.json"
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8", errors="surrogatepass")
    token = store.change_token()
    try:
        import_package(store, path)
    except RoundtableError as exc:
        assert len(str(exc)) < 1000
        assert store.change_token() == token  # all of it, or none of it


THROUGH = {
    "store": _through_store,
    "form": _through_form,
    "cli": _through_cli,
    "meeting": _through_meeting,
    "capacity": _through_capacity,
    "package": _through_package,
}


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=[f"h{i:02d}" for i in range(len(HOSTILE_TEXTS))])
def test_hostile_input_through_every_entry_point(hostile_store, tmp_path, entry, text):
    THROUGH[entry](hostile_store, text, tmp_path)


def test_the_hostile_table_is_large_enough():
    assert len(HOSTILE_TEXTS) * len(ENTRY_POINTS) >= 200
    report_figure(f"hostile inputs: {len(HOSTILE_TEXTS)} texts x {len(ENTRY_POINTS)} entry points")


# ------------------------------------------------------------------ Hypothesis: store to dashboard

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pytest.fail("hypothesis is missing: `make test` installs the test extra")

FRAGMENTS = st.sampled_from(
    [
        "<",
        ">",
        "&",
        '"',
        "'",
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        " onload=",
        "javascript:",
        "&lt;",
        "&amp;",
        "<br>",
        "\n",
        "\r\n",
        "\u202e",
        "\x00",
        "ผู้",
        "\u0301",
        "=",
        "`",
        "${",
        "{{",
        "}}",
    ]
)
TEXTS = st.lists(st.one_of(st.text(max_size=20), FRAGMENTS), max_size=12).map("".join)


@pytest.fixture(scope="module")
def hypothesis_stores(tmp_path_factory, meeting):
    store = Store(tmp_path_factory.mktemp("hypothesis") / "roundtable.db", actor="chair:s2")
    store.init(meeting)
    store.set_current_session("s2")
    public = Store(store.path, readonly=True, public=True, actor="dashboard")
    yield store, public
    rendered = len(store.items(include_deleted=True))
    report_figure(f"hypothesis: {rendered} generated texts captured, read back as typed and rendered escaped")
    public.close()
    store.close()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, topic=TEXTS)
def test_any_captured_text_comes_back_as_typed_and_escaped_on_the_dashboard(hypothesis_stores, text, topic):
    from roundtable_lib.dashboards import LiveDashboard
    from roundtable_lib.display.html import esc

    store, public = hypothesis_stores
    expected = _expected(text)
    try:
        item = store.add_item("s2", "offer", text_en=text, org="map", attrs={"topic": topic})
    except ValidationError:
        assert expected is None or _expected(topic, max_length=200) is None
        return
    try:
        stored = store.get_item(item["id"])
        assert stored["text_en"] == expected
        assert stored["attrs"]["topic"] == clean_text(topic, max_length=200)
        page = LiveDashboard(public, tick=False)
        markup = "".join(w.value for w in page.body.children if isinstance(getattr(w, "value", None), str))
        assert esc(expected) in markup
        assert_safe_html(markup, expected)
    finally:
        store.delete_item(item["id"])  # keep the page small for the next example
