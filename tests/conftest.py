"""Fixtures named for what they give: real SQLite files in tmp_path, never mocks."""

from pathlib import Path

import pytest

from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo
from tests.helpers import CHROMIUM, CHROMIUM_ARGS, FIGURES, MEETING_FILE, VoilaServer, free_port


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
    from .helpers.pgcluster import Cluster

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
