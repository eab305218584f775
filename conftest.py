"""Test-session set-up shared by tests/ and the notebooks that nbval runs (so it lives at the top)."""

import os
import shutil
import tempfile
from pathlib import Path

MEETING_FILE = Path(__file__).resolve().parent / "data" / "meeting.yaml"


def pytest_configure(config):
    """Notebooks under nbval run in kernels that inherit this environment: give them a demo
    database of their own, so that no test ever touches data/roundtable.db."""
    if os.environ.get("ROUNDTABLE_TEST_DB"):
        return
    folder = Path(tempfile.mkdtemp(prefix="roundtable-nbval-"))
    db = folder / "notebooks.db"
    from roundtable_lib import Store, load_meeting
    from roundtable_lib.demo import fill_demo

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
