"""A real JupyterLab for the chair tests, started the way `roundtable serve` starts it, and what
those tests share: screenshots into test-artifacts/jupyterlab/, figures, Run All as a chair does
it, and the checks for code or cut labels on a chair's screen. The fixtures ``lab`` and
``chair_page`` that use it are in tests/chair/conftest.py (one JupyterLab per test module)."""

import re
import shutil
import subprocess
import time

from playwright.sync_api import expect

from roundtable_lib import Store
from roundtable_lib.serving.serve import ServePlan
from tests.helpers import ROOT, free_port, wait_for_http

SHOTS = ROOT / "test-artifacts" / "jupyterlab"
FIGURES = SHOTS / "figures.txt"
CLOCK = re.compile(r"(\d\d):(\d\d) · ")
# Labels, buttons and checkboxes whose text does not fit: what showed as "Organisati..." and "E...".
CUT_LABELS = """() => [...document.querySelectorAll(
    '.jp-OutputArea .widget-label, .jp-OutputArea .widget-label-basic span, .jp-OutputArea .widget-button,'
    + ' .jp-OutputArea .widget-toggle-button, .jp-OutputArea .widget-dropdown select')]
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
  .map(e => (e.innerText || e.value || '').trim() || e.outerHTML.slice(0, 80))"""

# How many screens of the notebook panel the whole notebook takes.
SCREENS = """() => { const p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
  return p.scrollHeight / p.clientHeight; }"""


class LabServer:
    """JupyterLab as `roundtable serve` runs it (ServePlan.lab_command), on a copy of the
    notebooks, a fresh database and a throwaway home (no user settings, no workspaces)."""

    def __init__(self, tmp):
        shutil.copytree(ROOT / "notebooks", tmp / "notebooks")
        self.db = tmp / "roundtable.db"
        with Store(self.db, actor="tests") as store:
            from roundtable_lib import load_meeting

            store.init(load_meeting(ROOT / "data" / "meeting.yaml"))
        self.plan = ServePlan(db=self.db, lab_port=free_port(), root=tmp, lab_token="chair-token")
        env = self.plan.env()
        home = tmp / "home"
        env.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"), JUPYTER_RUNTIME_DIR=str(tmp / "run"))
        self.plan.prepare_lab()  # its own workspace and page style, as `roundtable serve` writes them
        self.log = open(tmp / "lab.log", "w+")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(self.plan.lab_command(), env=env, stdout=self.log, stderr=self.log, cwd=tmp)
        self.base = f"http://127.0.0.1:{self.plan.lab_port}"
        wait_for_http(f"{self.base}/lab?token=chair-token", timeout=120, proc=self.proc)

    def url(self, notebook):
        # reset: a workspace of its own, without the tabs an earlier test left open
        return f"{self.base}/lab/tree/{notebook}?token=chair-token&reset"

    def store(self):
        return Store(self.db, readonly=True)

    def stop(self):
        from roundtable_lib.serving import processes

        processes.stop([self.proc], timeout=20)
        self.log.close()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def record(line):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with FIGURES.open("a") as out:
        out.write(line + "\n")


def run_all(page, lab, notebook, ready):
    """Open ``notebook`` and Run All from the Run menu, as the notebook's first line says;
    returns the seconds from opening to ``ready`` (a locator) being visible."""
    started = time.monotonic()
    page.goto(lab.url(notebook))
    expect(page.locator(".jp-MarkdownCell").first).to_contain_text("Run All", timeout=120_000)
    # What a chair sees before Run All does anything: the kernel ready in the status bar.
    expect(page.locator(".lm-TabBar-tab.jp-mod-current").first).to_contain_text(notebook[:12], timeout=60_000)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=120_000)
    page.locator("#jp-MainMenu").get_by_text("Run", exact=True).click()
    page.locator(".lm-Menu").get_by_text("Run All Cells", exact=True).click()
    try:
        ready.wait_for(timeout=120_000)
    except Exception:
        shot(page, f"not-ready-{notebook}")
        raise
    seconds = time.monotonic() - started
    page.wait_for_timeout(1500)  # the last cell scrolls the view back to the top
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(".jp-OutputArea-output:has-text('Traceback')").count() == 0
    # No code on the chair's screen (it is often on the projector): no code cell's editor, and not
    # even the one-line preview JupyterLab shows of hidden code.
    code_on_screen = page.evaluate(VISIBLE_CODE)
    assert code_on_screen == 0, f"{notebook}: {code_on_screen} pieces of code on the chair's screen"
    return seconds


VISIBLE_CODE = """() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPlaceholder,'
    + ' .jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea'))
  .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().height > 0).length"""


def assert_nothing_cut(page, where):
    cut = page.evaluate(CUT_LABELS)
    assert cut == [], f"{where}: labels cut short: {cut}"


def clock_seconds(page):
    text = page.locator(".jp-OutputArea").get_by_text(CLOCK).first.inner_text()
    minutes, seconds = CLOCK.search(text).groups()
    return int(minutes) * 60 + int(seconds)
