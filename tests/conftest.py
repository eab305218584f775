"""Fixtures named for what they give: real SQLite files in tmp_path, never mocks."""

from pathlib import Path

import pytest

from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo

ROOT = Path(__file__).resolve().parent.parent
MEETING_FILE = ROOT / "data" / "meeting.yaml"


def run_at_once(script, db, actors, count):
    """Run ``script`` (Python source taking db, actor, count as argv) in one process per actor,
    all at once, as several chair kernels would; fail with a process's stderr if one fails."""
    import subprocess
    import sys

    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(db), actor, str(count)], stderr=subprocess.PIPE, text=True)
        for actor in actors
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err


def seed_session_3_vote(store):
    """The room in session 3: two recommendations and a dot-voting poll with one ballot (all
    three dots on the second), results not yet revealed. Returns (first, second, poll)."""
    store.set_current_session("s3")
    first = store.add_item("s3", "recommendation", text_en="Weekly day off")
    second = store.add_item("s3", "recommendation", text_en="Cross-border referral")
    person, _ = store.add_participant("P", "map")
    poll = store.create_poll("s3", "Priorities", options=[first["id"], second["id"]], budget=3)
    store.cast_ballot(poll["id"], person["id"], {poll["options"][1]["id"]: 3})
    return first, second, poll


@pytest.fixture(autouse=True)
def presenting_on():
    """Every test starts as a kernel does: presenting on (chair screens hide results)."""
    from roundtable_lib.chair import presenting

    presenting.state().on = True
    yield presenting.state()
    presenting.state().on = True


@pytest.fixture
def presenting_off(presenting_on):
    """The chair has turned presenting off: results show on the chair's screen."""
    presenting_on.on = False
    return presenting_on


@pytest.fixture(scope="session")
def meeting():
    return load_meeting(MEETING_FILE)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "roundtable.db"


# ---------------------------------------------------------------- both database engines


@pytest.fixture(scope="session")
def postgres_cluster():
    """A throwaway PostgreSQL server for the whole test run (see tests/pgcluster.py). Never skipped:
    without PostgreSQL the tests fail and say how to install it."""
    from .pgcluster import Cluster

    try:
        cluster = Cluster(free_port())
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A new, empty database on each engine: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return tmp_path / "roundtable.db"
    return request.getfixturevalue("postgres_cluster").new_database()


@pytest.fixture
def fresh_store(db_path, meeting):
    store = Store(db_path, actor="chair:test")
    store.init(meeting)
    yield store
    store.close()


@pytest.fixture
def any_store(store_url, meeting):
    """An initialised store on each engine (SQLite, PostgreSQL): for the concurrency tests."""
    store = Store(store_url, actor="chair:test")
    store.init(meeting)
    yield store
    store.close()


@pytest.fixture
def demo_store(db_path, meeting):
    store = Store(db_path, actor="chair:test")
    store.init(meeting)
    fill_demo(store)
    yield store
    store.close()


@pytest.fixture
def public_store(fresh_store):
    store = Store(fresh_store.target, readonly=True, public=True, actor="dashboard")
    yield store
    store.close()


# ---------------------------------------------------------------- real servers and a real browser

CHROMIUM = "/usr/bin/chromium"
# As root, Chromium needs --no-sandbox. The network flags keep it from calling home: this
# machine has no internet, and the dashboards must not need it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url, timeout=60, proc=None):
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers, even if with an error status
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing answered at {url} within {timeout} s")


class VoilaServer:
    """A real Voila process serving notebooks/dashboards/ on a database, as `roundtable serve` runs it."""

    def __init__(self, db, tmp_path, extra_args=(), **plan):
        import subprocess

        from roundtable_lib.serving.serve import ServePlan

        # Two warm kernels (the default is 10): every test's first viewers take the warm path
        # without each server costing the suite ten kernel starts.
        plan.setdefault("warm_kernels", 2)
        self.plan = ServePlan(db=db, voila_port=free_port(), voila_host="127.0.0.1", lab=False, **plan)
        self.log = open(tmp_path / "voila.log", "w+")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            self.plan.voila_command() + list(extra_args), env=self.plan.env(), stdout=self.log, stderr=self.log
        )
        self.base = f"http://127.0.0.1:{self.plan.voila_port}"
        wait_for_http(self.base + "/", proc=self.proc)

    def url(self, page="live.ipynb", query=""):
        return self.plan.voila_url(page, host="127.0.0.1") + (f"&{query}" if query else "")

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except Exception:
            self.proc.kill()
        self.log.close()


@pytest.fixture
def voila(fresh_store, tmp_path):
    server = VoilaServer(fresh_store.path, tmp_path)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    yield page
    context.close()


# ---------------------------------------------------------------- figures the proof suite measured

FIGURES = []


def report_figure(line):
    """Keep a measured figure (kills survived, seconds a place took to come free) for the end of
    the run: CI's log shows them without -s."""
    FIGURES.append(line)


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("figures measured by the tests")
        for line in FIGURES:
            terminalreporter.write_line(line)
