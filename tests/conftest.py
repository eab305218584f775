"""Fixtures named for what they give: real SQLite files in tmp_path, never mocks."""

import os
import shutil
from pathlib import Path

import pytest

from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo

ROOT = Path(__file__).resolve().parent.parent
MEETING_FILE = ROOT / "data" / "meeting.yaml"


def pytest_configure(config):
    """Notebooks under nbval run in kernels that inherit this environment: give them a demo
    database of their own, so that no test ever touches data/roundtable.db."""
    if os.environ.get("ROUNDTABLE_TEST_DB"):
        return
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="roundtable-nbval-"))
    db = folder / "notebooks.db"
    with Store(db, actor="tests") as store:
        store.init(load_meeting(MEETING_FILE))
        fill_demo(store)
    os.environ["ROUNDTABLE_DB"] = str(db)
    os.environ["ROUNDTABLE_TEST_DB"] = str(db)
    config._roundtable_tmp = folder


def pytest_unconfigure(config):
    folder = getattr(config, "_roundtable_tmp", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def meeting():
    return load_meeting(MEETING_FILE)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "roundtable.db"


@pytest.fixture
def fresh_store(db_path, meeting):
    store = Store(db_path, actor="chair:test")
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
    store = Store(fresh_store.path, readonly=True, public=True, actor="dashboard")
    yield store
    store.close()
