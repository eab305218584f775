"""The chairs' JupyterLab as a meeting's day meets it, in a real JupyterLab started the way
`roundtable serve` starts it and Debian's Chromium at 1366x768: a server for one database never
reopens another database's tabs, a notebook whose kernel is gone says once how it starts (in
English and Thai) instead of "model not found" in every cell, a reload with the kernel alive
brings the widgets back, and no code, prompt or "Click to add a cell." shows on a chair's
screen. Screenshots in test-artifacts/jupyterlab/workspace-*.png."""

import json
import shutil
import subprocess
import urllib.request

import pytest
from playwright.sync_api import expect

from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo
from roundtable_lib.meeting.labels import t
from roundtable_lib.serving.serve import ServePlan, announce
from tests.helpers import MEETING_FILE, ROOT, free_port, wait_for_http
from tests.helpers.jupyterlab import VISIBLE_CODE, run_all, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOKEN = "chair-token"
# What a chair would see of the notebook machinery, each visible on screen (not merely in the page).
MACHINERY = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const seen = (sel) => [...panel.querySelectorAll(sel)].filter(
    (e) => e.offsetParent !== null && e.getBoundingClientRect().height > 0);
  const texts = (re) => [...panel.querySelectorAll('.jp-OutputArea-output')].filter(
    (e) => e.offsetParent !== null && getComputedStyle(e).color !== 'rgba(0, 0, 0, 0)' && re.test(e.innerText));
  return {prompts: seen('.jp-InputPrompt, .jp-OutputPrompt').filter((e) => e.innerText.trim()).length,
          footer: seen('.jp-Notebook-footer').length,
          loading: texts(/Loading widget/).length,
          not_found: texts(/model not found|Error displaying widget/).length,
          widgets: seen('.jp-OutputArea-output .widget-button, .jp-OutputArea-output .widget-dropdown').length};
}"""
# Everything a reload could flash before the widgets draw: code (even its one-line preview),
# prompts, "Loading widget...", a widget error, the friendly line; looked at every 50 ms.
WATCH_UNTIL_WIDGETS = """() => new Promise((done) => {
  const seen = new Set();
  const started = Date.now();
  const look = () => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    if (panel) {
      const shown = (e) => e.offsetParent !== null && e.getBoundingClientRect().height > 0;
      const code = panel.querySelectorAll('.jp-CodeCell .jp-InputPlaceholder, .jp-CodeCell .jp-InputArea');
      if ([...code].some(shown)) seen.add('code');
      const prompts = panel.querySelectorAll('.jp-InputPrompt, .jp-OutputPrompt');
      if ([...prompts].some((e) => shown(e) && e.innerText.trim())) seen.add('prompt');
      for (const e of panel.querySelectorAll('.jp-OutputArea-output')) {
        const drawn = shown(e) && getComputedStyle(e).color !== 'rgba(0, 0, 0, 0)';
        if (drawn && /Loading widget|Error displaying/.test(e.innerText)) seen.add(e.innerText.trim());
      }
      const v = panel.querySelector('.jp-WindowedPanel-viewport');
      if (v && getComputedStyle(v, '::before').content !== 'none') seen.add('friendly line');
      if (panel.querySelector('.jp-OutputArea-output .widget-button')) { done([...seen]); return; }
    }
    if (Date.now() - started > 60000) { done([...seen, 'no widgets after 60 s']); return; }
    setTimeout(look, 50);
  };
  look();
})"""
# The friendly line is the notebook's ::before: its text, as the page draws it ('none' when absent).
FRIENDLY_LINE = """() => { const v = document.querySelector(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-viewport');
  return v ? getComputedStyle(v, '::before').content : 'none'; }"""


class MeetingLab:
    """One meeting's database and notebooks, and its JupyterLab started as `roundtable serve`
    starts it (ServePlan.prepare_lab, then lab_command) with the HOME it is given: two meetings
    may share one organiser's home, as on the organisers' laptop."""

    def __init__(self, tmp, home, name, demo=False):
        shutil.copytree(ROOT / "notebooks", tmp / "notebooks")
        self.tmp, self.home = tmp, home
        self.db = tmp / f"{name}.db"
        with Store(self.db, actor="tests") as store:
            store.init(load_meeting(MEETING_FILE))
            if demo:
                fill_demo(store)
        self.plan = ServePlan(db=self.db, lab_port=free_port(), root=tmp, lab_token=TOKEN)
        self.base = f"http://127.0.0.1:{self.plan.lab_port}"
        self.proc = None

    def start(self):
        self.plan.prepare_lab()
        env = self.plan.env()
        env.update(
            HOME=str(self.home),
            JUPYTER_CONFIG_DIR=str(self.home / ".jupyter"),
            JUPYTER_DATA_DIR=str(self.home / ".local" / "share" / "jupyter"),
            JUPYTER_RUNTIME_DIR=str(self.tmp / "run"),
        )
        self.log = open(self.tmp / "lab.log", "a")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(self.plan.lab_command(), env=env, stdout=self.log, stderr=self.log, cwd=self.tmp)
        wait_for_http(f"{self.base}/lab?token={TOKEN}", timeout=120, proc=self.proc)
        return self

    def stop(self):
        from roundtable_lib.serving import processes

        processes.stop([self.proc], timeout=20)
        self.log.close()

    def address(self, path="lab"):
        return f"{self.base}/{path}?token={TOKEN}"

    def url(self, notebook):
        """A notebook's address as run_all opens it (LabServer's: a reset workspace)."""
        return f"{self.base}/lab/tree/{notebook}?token={TOKEN}&reset"

    def workspace(self):
        with urllib.request.urlopen(f"{self.base}/lab/api/workspaces/default?token={TOKEN}") as response:
            return json.load(response)


def open_tabs(page):
    return [
        tab.strip() for tab in page.locator("#jp-main-dock-panel .lm-TabBar-tab .lm-TabBar-tabLabel").all_inner_texts()
    ]


def test_a_server_for_one_database_opens_only_its_own_notebook(chromium, tmp_path):
    home = tmp_path / "home"
    rehearsal = MeetingLab(tmp_path / "rehearsal", home, "demo")
    (rehearsal.tmp / "notebooks" / "findings.csv").write_text("organisation,area,score\nmap,referral,2\n")
    real = MeetingLab(tmp_path / "real", home, "roundtable")
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        # The rehearsal: a chair opens three notebooks and a CSV; JupyterLab keeps them as its workspace.
        rehearsal.start()
        opened = ["02_implementation_updates.ipynb", "03_local_to_global.ipynb", "04_capacity_building.ipynb"]
        page.goto(rehearsal.address())
        for path in opened + ["findings.csv"]:
            page.locator(".jp-DirListing-content").get_by_text(path, exact=True).dblclick()
            expect(page.locator(".lm-TabBar-tab.jp-mod-current").first).to_contain_text(path[:10], timeout=60_000)
        page.wait_for_timeout(3000)  # the workspace is saved a moment after a tab opens
        saved = json.dumps(rehearsal.workspace())
        assert all(path in saved for path in opened + ["findings.csv"]), saved
        page.goto("about:blank")
        rehearsal.stop()

        # The real meeting, same laptop, same home: its JupyterLab opens its first notebook only.
        real.start()
        page.goto(real.address())
        expect(page.locator(".lm-TabBar-tab.jp-mod-current").first).to_contain_text("00_registration", timeout=60_000)
        page.wait_for_timeout(3000)  # time for any restored tab to appear
        shot(page, "workspace-real-meeting-first-open")
        assert open_tabs(page) == ["00_registration.ipynb"]
        assert (real.db.parent / "roundtable.db.jupyterlab" / "workspaces").is_dir()
        assert "findings.csv" not in json.dumps(real.workspace())
        # One kernel: the one notebook's, not one per tab the rehearsal left open.
        with urllib.request.urlopen(real.address("api/kernels")) as response:
            assert len(json.load(response)) <= 1
    finally:
        context.close()
        for lab in (rehearsal, real):
            if lab.proc and lab.proc.poll() is None:
                lab.stop()


def test_each_chairs_printed_link_opens_their_notebook_alone(chromium, tmp_path):
    """The addresses `roundtable serve` prints, one per chair: Session 3's chair opens their
    link after Session 2's chair has opened three notebooks in the default workspace, and sees
    only 03, with one kernel started for it."""
    lab = MeetingLab(tmp_path, tmp_path / "home", "roundtable").start()
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        lines = []
        announce(lab.plan, lines.append)
        links = dict(lab.plan.chair_urls())
        assert [n for n in links] == sorted(p.name for p in (lab.tmp / "notebooks").glob("*.ipynb"))
        assert all(url in "\n".join(lines) for url in links.values())
        page.goto(lab.address())
        for path in ("02_implementation_updates.ipynb", "04_capacity_building.ipynb", "05_conclusions.ipynb"):
            page.locator(".jp-DirListing-content").get_by_text(path, exact=True).dblclick()
            expect(page.locator(".lm-TabBar-tab.jp-mod-current").first).to_contain_text(path[:10], timeout=60_000)
        page.wait_for_timeout(3000)  # the default workspace is saved a moment after a tab opens
        page.goto(links["03_local_to_global.ipynb"])
        expect(page.locator(".lm-TabBar-tab.jp-mod-current").first).to_contain_text("03_local", timeout=60_000)
        page.wait_for_timeout(3000)  # time for any restored tab to appear
        shot(page, "workspace-chair-link-03")
        assert open_tabs(page) == ["03_local_to_global.ipynb"]
    finally:
        context.close()
        lab.stop()


def assert_clean_screen(page, where):
    """No code, prompt, footer, 'Loading widget...' or widget error on the chair's screen."""
    seen = page.evaluate(MACHINERY)
    assert page.evaluate(VISIBLE_CODE) == 0, f"{where}: code on screen"
    assert seen["prompts"] == 0 and seen["footer"] == 0, f"{where}: {seen}"
    assert seen["loading"] == 0 and seen["not_found"] == 0, f"{where}: {seen}"
    assert page.get_by_text("Click to add a cell").filter(visible=True).count() == 0
    return seen


def test_a_notebook_whose_kernel_is_gone_says_once_how_it_starts(chromium, tmp_path):
    lab = MeetingLab(tmp_path, tmp_path / "home", "roundtable").start()
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    notebook = "00_registration.ipynb"
    try:
        # Opened, before Run All: not even the first line of a cell's code shows.
        page.goto(lab.address(f"lab/tree/{notebook}"))
        expect(page.locator(".jp-MarkdownCell").first).to_contain_text("Run All", timeout=120_000)
        page.wait_for_timeout(1500)
        shot(page, "workspace-before-run-all")
        assert_clean_screen(page, "before Run All")
        assert page.evaluate(FRIENDLY_LINE) == "none"

        ready = page.locator(".jp-OutputArea-output .widget-button").first
        run_all(page, lab, notebook, ready)
        shot(page, "workspace-after-run-all")
        assert assert_clean_screen(page, "after Run All")["widgets"] > 0
        page.wait_for_timeout(6000)  # autosave (every 5 s): the file now holds the widgets' outputs

        # A reload with the kernel alive: the widgets come back, and nothing flashes meanwhile:
        # the screen is looked at every 50 ms from the reload until the widgets are drawn.
        page.reload()
        flashes = page.evaluate(WATCH_UNTIL_WIDGETS)
        assert flashes == [], f"seen while the page reloaded: {flashes}"
        expect(ready).to_be_visible(timeout=60_000)
        page.wait_for_timeout(1500)
        shot(page, "workspace-reload-kernel-alive")
        assert assert_clean_screen(page, "after a reload")["widgets"] > 0
        assert page.evaluate(FRIENDLY_LINE) == "none"

        # The server restarts (a laptop's lid, a crash): the kernel is gone, the outputs stay.
        lab.stop()
        lab.start()
        # The page stayed open: its widgets lead to no kernel (what a chair typed there would be
        # lost), so they are hidden and one line says how the screen starts again.
        expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='disconnected']")).to_have_count(
            1, timeout=60_000
        )
        page.wait_for_timeout(1000)
        shot(page, "workspace-kernel-gone-page-open")
        line = page.evaluate(FRIENDLY_LINE)
        assert t("lab.disconnected", "en") in line and t("lab.disconnected", "th") in line
        assert assert_clean_screen(page, "kernel gone, page open")["widgets"] == 0

        # Reloaded, as the line says: the saved outputs point to no widget; one line, no red errors.
        page.reload()
        expect(page.locator(".jp-MarkdownCell").first).to_contain_text("Run All", timeout=120_000)
        expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=120_000)
        page.wait_for_timeout(4000)  # the widget manager gives up on the old models after ~2 s
        shot(page, "workspace-kernel-gone")
        line = page.evaluate(FRIENDLY_LINE)
        assert t("lab.kernel_gone", "en") in line and t("lab.kernel_gone", "th") in line
        seen = assert_clean_screen(page, "kernel gone")
        assert seen["widgets"] == 0
        assert page.get_by_text("model not found").filter(visible=True).count() == 0

        # Run All brings the screen back, and the line goes.
        run_all(page, lab, notebook, ready)
        page.wait_for_timeout(1000)
        shot(page, "workspace-kernel-gone-run-all")
        assert page.evaluate(FRIENDLY_LINE) == "none"
        assert_clean_screen(page, "Run All after a restart")
    finally:
        context.close()
        lab.stop()


SCROLL_TOP = """() => document.querySelector(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer').scrollTop"""


@pytest.mark.parametrize("notebook", ["02_implementation_updates.ipynb", "04_capacity_building.ipynb"])
def test_run_all_ends_at_the_top_of_the_screen(chromium, tmp_path, notebook):
    # The demo's day: long lists, and in 04 the capacity heatmap, which draws after the last cell ran.
    lab = MeetingLab(tmp_path, tmp_path / "home", "demo", demo=True).start()
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        run_all(page, lab, notebook, page.locator(".jp-OutputArea-output .widget-button").first)
        page.wait_for_timeout(4000)  # charts draw, outputs settle
        shot(page, f"workspace-run-all-top-{notebook[:2]}")
        assert page.evaluate(SCROLL_TOP) == 0
        assert_clean_screen(page, f"{notebook} after Run All")
    finally:
        context.close()
        lab.stop()
