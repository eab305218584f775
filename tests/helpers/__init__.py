"""Helpers the tests share: paths, processes, servers and what the tests print. Fixtures live
in conftest.py; no test module imports another test module."""

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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


CHROMIUM = "/usr/bin/chromium"


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
    """A port on 127.0.0.1 that nothing listens on now (the servers' own helper)."""
    from roundtable_lib.serving.processes import free_local_port

    return free_local_port()


def unreadable_file(path):
    """``path`` (an existing file) made unreadable, or, for root, who reads a chmod-000 file
    anyway, a kernel file that refuses even root (EACCES on open). Skips the test where no such
    file exists: the permission case could not fail as it should."""
    import pytest

    path.chmod(0)
    if os.geteuid() != 0:
        return path
    root_refused = Path("/proc/sys/vm/drop_caches")
    try:
        root_refused.open("rb").close()
    except PermissionError:
        return root_refused
    except OSError:
        pass
    pytest.skip("running as root and no file here refuses root: the permission row cannot fail as it should")


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

        # Two warm kernels (serve starts none unless asked; a room would ask for 10): every test's first
        # viewers take the warm path, at two kernel starts per server rather than ten.
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
        from roundtable_lib.serving import processes

        processes.stop([self.proc], timeout=15)
        self.log.close()


FIGURES = []


def report_figure(line):
    """Keep a measured figure (kills survived, seconds a place took to come free) for the end of
    the run: CI's log shows them without -s."""
    FIGURES.append(line)


def roundtable(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "roundtable_lib", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@contextlib.contextmanager
def serving(db, tmp_path, *args, preexec_fn=None):
    """`roundtable serve` as a real process on 127.0.0.1; yields (process, what it printed so far)
    once it says it is ready, and stops it afterwards whatever happened."""
    log_path = tmp_path / "serve.log"
    with open(log_path, "w+") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "roundtable_lib", "serve", "--db", str(db), "--host", "127.0.0.1", *map(str, args)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            preexec_fn=preexec_fn,
        )
        try:
            deadline = time.monotonic() + 120
            while "Press Ctrl-C" not in log_path.read_text() and time.monotonic() < deadline:
                assert proc.poll() is None, log_path.read_text()
                time.sleep(0.3)
            yield proc, log_path.read_text()
        finally:
            from roundtable_lib.serving import processes

            processes.stop([proc], timeout=30)


def html_values(widget):
    """Every HTML value under ``widget``, by walking its children."""
    import ipywidgets as widgets

    from roundtable_lib.dashboards.views import Projector

    out = []
    if isinstance(widget, widgets.HTML):
        out.append(widget.value)
    for child in getattr(widget, "children", ()):
        out.extend(html_values(child))
    if isinstance(widget, Projector):
        for page in widget.pages:
            out.extend(html_values(page))
    return out
