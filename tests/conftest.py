"""Fixtures named for what they give (real SQLite files in tmp_path, never mocks), and the quick
loop: ``pytest --quick`` (``make check``) leaves out every test that needs a server, a browser,
another process or PostgreSQL, and fails a test that starts a process without saying so."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo
from tests.helpers import CHROMIUM, CHROMIUM_ARGS, FIGURES, MEETING_FILE, ROOT, VoilaServer, free_port

# ---------------------------------------------------------------- the quick loop


QUICK_LEAVES_OUT = ("browser", "slow", "postgres")


def pytest_addoption(parser):
    parser.addoption(
        "--quick",
        action="store_true",
        help="the quick loop (make check): leave out the tests marked browser, slow or postgres, "
        "and fail a test that starts a process without the slow mark",
    )


@pytest.hookimpl(tryfirst=True)  # before -m reads the marks
def pytest_collection_modifyitems(config, items):
    """Mark what the quick loop leaves out, and leave it out under ``--quick``.

    ``postgres``: every test that asks for ``postgres_cluster`` itself or through a fixture, or
    runs on the ``postgresql`` side of ``store_url`` (that side asks for the cluster only when it
    runs, so pytest cannot see it). ``slow`` is set in each test's own module, next to the test.
    """
    for item in items:
        params = getattr(item, "callspec", None)  # notebook cells (nbval) have neither
        on_postgres = params is not None and params.params.get("store_url") == "postgresql"
        if on_postgres or "postgres_cluster" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)
    if config.getoption("quick"):
        left_out = [item for item in items if any(item.get_closest_marker(m) for m in QUICK_LEAVES_OUT)]
        config.hook.pytest_deselected(items=left_out)
        left_out = set(left_out)
        items[:] = [item for item in items if item not in left_out]


_PROCESS_EVENTS = {"subprocess.Popen", "os.posix_spawn", "os.spawn", "os.system", "os.exec", "os.fork"}
_started = None  # while the guard is on: what the running test started


def _record_processes(event, args):
    if _started is not None and event in _PROCESS_EVENTS:
        _started.append(f"{event} {args[1] if event == 'subprocess.Popen' else args[:1]!r}"[:200])


@pytest.fixture(autouse=True)
def _quick_loop_starts_no_process(request):
    """Under ``--quick``, a test that starts a process fails: the quick loop's promise is that it
    needs nothing but this interpreter. Mark such a test ``slow``."""
    global _started
    if not request.config.getoption("quick"):
        yield
        return
    _started = []
    try:
        yield
    finally:
        started, _started = _started, None
    if started:
        pytest.fail(
            "started a process, which make check never does: mark it @pytest.mark.slow. " + "; ".join(started[:3]),
            pytrace=False,
        )


sys.addaudithook(_record_processes)


@pytest.fixture
def fresh_python():
    """``run(source, env=None)``: Python source in a new interpreter, as a user's ``roundtable``
    command starts, for what only a fresh ``sys.modules`` shows. The one process the quick loop
    allows: an interpreter's start, about a second, with no server or browser behind it."""

    def run(source, env=None):
        global _started
        paused, _started = _started, None
        try:
            return subprocess.run(
                [sys.executable, "-c", source],
                capture_output=True,
                text=True,
                cwd=ROOT,
                env={**os.environ, **(env or {})},
                timeout=120,
            )
        finally:
            _started = paused

    return run


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
    """A throwaway PostgreSQL server for the whole test run (see tests/helpers/pgcluster.py). Never
    skipped: without PostgreSQL the tests fail and say how to install it."""
    from tests.helpers.pgcluster import Cluster

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


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory, meeting):
    """The demo meeting filled once per run: demo_store copies it rather than filling each time."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store(path, actor="chair:test") as store:
        store.init(meeting)
        fill_demo(store)
    return path


@pytest.fixture
def demo_store(db_path, meeting, demo_template):
    """The demo meeting in a store of the test's own. On SQLite it is a copy of demo_template made
    with SQLite's backup API (a hundredth of filling it); a PostgreSQL URL is filled as before."""
    if isinstance(db_path, Path):
        source, copy = sqlite3.connect(demo_template), sqlite3.connect(db_path)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
        store = Store(db_path, actor="chair:test")
    else:
        store = Store(db_path, actor="chair:test")
        store.init(meeting)
        fill_demo(store)
    yield store
    store.close()


@pytest.fixture
def recs(fresh_store):
    """Three recommendations R0, R1, R2 in session 3: the options of a poll."""
    return [fresh_store.add_item("s3", "recommendation", text_en=f"R{n}")["id"] for n in range(3)]


@pytest.fixture
def room(fresh_store, recs):
    """A room ready to vote: (store, four participants from MAP, MAP, LSDF and FED, the three recs)."""
    people = [fresh_store.add_participant(f"P{n}", org)[0] for n, org in enumerate(["map", "map", "lsdf", "fed"])]
    return fresh_store, people, recs


@pytest.fixture
def public_store(fresh_store):
    store = Store(fresh_store.target, readonly=True, public=True, actor="dashboard")
    yield store
    store.close()


# ---------------------------------------------------------------- real servers and a real browser

# As root, Chromium needs --no-sandbox. The network flags keep it from calling home: this
# machine has no internet, and the dashboards must not need it.


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


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("figures measured by the tests")
        for line in FIGURES:
            terminalreporter.write_line(line)
