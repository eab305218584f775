"""A real meeting from an empty start, as a new organiser and chair meet it: `roundtable init` on
an empty database (the CLI, in its own process), both servers started by `roundtable serve`'s
own function (:func:`roundtable_lib.serving.serve.serve`, on a copy of the notebooks so the
chairs' autosave never writes into the checkout), the addresses read from what it prints, and
Debian's Chromium: the chair at 1366x768, the participants' capacity dashboard on a phone.

It measures the closing figures: the clicks, key presses and seconds from the JupyterLab page to
a saved progress update in notebook 02 (Run All included), and the seconds from a confirmed
findings file to the participants' dashboard showing its scores (an English file, then the same
scores with Thai areas). They go to test-artifacts/jupyterlab/figures.txt; screenshots to
test-artifacts/jupyterlab/real-meeting-*.png."""

import os
import re
import shutil
import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from roundtable_lib import Store
from roundtable_lib.meeting.labels import t
from tests.helpers import ROOT, free_port, report_figure, roundtable
from tests.helpers.jupyterlab import SHOTS, assert_nothing_cut, record

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# serve() as `roundtable serve` calls it, but rooted at the test's copy of the notebooks: the
# command serves the checkout's own notebooks, which the chairs' autosave would then change.
SERVE = """
import sys
from pathlib import Path
from roundtable_lib.serving.serve import ServePlan, serve
db, root, lab_port, voila_port = sys.argv[1:5]
serve(ServePlan(db=Path(db), root=Path(root), lab_port=int(lab_port), voila_port=int(voila_port),
                voila_host="127.0.0.1", address="127.0.0.1"))
"""
FINDINGS = (
    "organisation,area,score\n"
    "map,Digital security,2\nmap,Fund raising,4\nfed,Digital security,3\nfed,Fund raising,1\n"
    "lsdf,Case management,5\nflep,Case management,2\n"
)
# The same scores with the areas in Thai (the organisation column takes the meeting's ids).
FINDINGS_TH = (
    FINDINGS.replace("Digital security", "ความปลอดภัยดิจิทัล")
    .replace("Fund raising", "การระดมทุน")
    .replace("Case management", "การจัดการรายกรณี")
)
PROGRESS = "Hotline answered 1,200 calls since March"


class RealMeeting:
    """`roundtable init` then `roundtable serve` on an empty database in ``tmp``; the chairs'
    and the participants' addresses as printed."""

    def __init__(self, tmp):
        shutil.copytree(ROOT / "notebooks", tmp / "notebooks")
        self.notebooks = tmp / "notebooks"
        self.db = tmp / "roundtable.db"
        init = roundtable("init", "--db", self.db)
        assert init.returncode == 0, init.stderr
        self.init_output = init.stdout
        home = tmp / "home"  # a new organiser's laptop: no JupyterLab settings, no workspaces
        env = {
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            "HOME": str(home),
            "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
            "JUPYTER_RUNTIME_DIR": str(tmp / "run"),
        }
        self.log_path = tmp / "serve.log"
        self.log = open(self.log_path, "w+")  # noqa: SIM115 - closed in stop()
        ports = [str(free_port()), str(free_port())]
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVE, str(self.db), str(tmp), *ports],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=tmp,
        )
        deadline = time.monotonic() + 180
        while "Press Ctrl-C" not in self.printed() and time.monotonic() < deadline:
            assert self.proc.poll() is None, self.printed()
            time.sleep(0.3)
        printed = self.printed()
        self.chairs = re.search(r"^Chairs \(JupyterLab[^)]*\): (\S+)$", printed, re.M).group(1)
        self.participants = re.search(r"^Participants \(dashboards, read-only\): (\S+)$", printed, re.M).group(1)

    def printed(self):
        return self.log_path.read_text()

    def dashboard(self, name, query=""):
        return self.participants.replace("index.ipynb", name) + query

    def store(self):
        return Store(self.db, readonly=True)

    def stop(self):
        self.proc.terminate()  # as Ctrl-C or a closed terminal: serve() stops both servers
        try:
            self.proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.log.close()


@pytest.fixture(scope="module")
def real_meeting(tmp_path_factory, fresh_figures):
    server = RealMeeting(tmp_path_factory.mktemp("real-meeting"))
    yield server
    server.stop()


@pytest.fixture
def chair(chromium):
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(chromium):
    """A participant's phone: its own browser window, so the chair's page never throttles it."""
    context = chromium.new_context(viewport={"width": 412, "height": 915})
    yield context.new_page()
    context.close()


def figure(line):
    """A closing figure: into figures.txt, and into the run's summary (CI's log shows it)."""
    record(line)
    report_figure(line)


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"real-meeting-{name}.png"))


class Count:
    """The clicks and key presses a test makes on the chair's behalf, counted where they are made."""

    def __init__(self):
        self.clicks = self.keys = self.typed = 0

    def click(self, locator, times=1):
        if times == 2:
            locator.dblclick()
        else:
            locator.click()
        self.clicks += times

    def select(self, locator, label):
        chosen = locator.evaluate("s => s.options[s.selectedIndex] ? s.options[s.selectedIndex].text : ''")
        if chosen != label:  # a chair leaves a list that already says what they want
            locator.select_option(label=label)
            self.clicks += 2  # open the list, choose

    def type(self, locator, text):
        locator.press_sequentially(text)
        self.keys += len(text)
        self.typed += len(text)

    def press(self, page, key):
        page.keyboard.press(key)
        self.keys += 1


def seconds_until_seen(started, page, **locators):
    """{name: seconds from ``started`` until that locator first matched}, all watched at once, so
    that a slow screen does not hide how soon a quick one showed it; fails after a minute."""
    seen = {}
    while len(seen) < len(locators) and time.monotonic() - started < 60:
        for name, locator in locators.items():
            if name not in seen and locator.count():
                seen[name] = time.monotonic() - started
        page.wait_for_timeout(50)
    missing = sorted(set(locators) - set(seen))
    assert not missing, f"never shown: {missing}"
    return seen


def open_notebook(page, server, count, notebook):
    """From the printed chairs' address: the notebook opened from the file browser, then Run All
    from the Run menu, as its first line says. Returns the notebook's panel and the moment the
    chair reached for the notebook (the JupyterLab page loaded)."""
    page.goto(server.chairs)
    listed = page.locator(".jp-DirListing-item", has_text=notebook).first
    try:
        listed.wait_for(timeout=60_000)
    except Exception:
        count.click(page.locator(".jp-SideBar [data-id='filebrowser']"))  # the file browser was folded
    shot(page, f"{notebook[:2]}-0-jupyterlab-as-printed")
    started = time.monotonic()
    count.click(listed, times=2)
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(panel.locator(".jp-MarkdownCell").first).to_contain_text("Run All", timeout=120_000)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=120_000)
    count.click(page.locator("#jp-MainMenu").get_by_text("Run", exact=True))
    count.click(page.locator(".lm-Menu").get_by_text("Run All Cells", exact=True))
    return panel, started


def test_init_stores_no_sample_and_the_dashboard_says_so(real_meeting, phone):
    assert "No capacity assessment stored" in real_meeting.init_output
    with real_meeting.store() as store:
        assert store.capacity_assessment() is None
        assert store.items() == []
    phone.goto(real_meeting.dashboard("capacity.ipynb"), timeout=120_000)
    expect(phone.get_by_text(t("capacity.not_loaded", "en"))).to_be_visible(timeout=120_000)
    body = phone.inner_text("body")
    assert "illustrative" not in body.lower()
    assert phone.locator("table.rt-heat").count() == 0  # no scores at all, invented or not
    shot(phone, "dashboard-0-capacity-empty")
    phone.goto(real_meeting.participants, timeout=120_000)  # the landing page the QR code opens
    expect(phone.get_by_text("Rights of Migrants in Action").first).to_be_visible(timeout=120_000)
    assert "sample" not in phone.inner_text("body").lower()  # a real meeting, nothing marked as a demo
    shot(phone, "dashboard-0-index")


def test_a_progress_update_from_opening_the_notebook(real_meeting, chair, phone):
    phone.goto(real_meeting.dashboard("live.ipynb"), timeout=120_000)  # the room's "Now" page
    expect(phone.get_by_text(t("head.nothing_yet", "en")).first).to_be_visible(timeout=120_000)
    page, count = chair, Count()
    panel, started = open_notebook(page, real_meeting, count, "02_implementation_updates")
    save = panel.get_by_role("button", name=re.compile("Save as Progress")).first
    expect(save).to_be_visible(timeout=120_000)
    usable = time.monotonic() - started
    page.wait_for_timeout(1500)  # the last cell brings the view back to the top
    shot(page, "02-1-after-run-all")

    # Not needed to save an item, but for the room to see it: the chair says where the room is.
    room, room_started = Count(), time.monotonic()
    room.click(panel.get_by_role("button", name=t("button.now", "en")))
    expect(panel.get_by_text(t("msg.now", "en"))).to_be_visible(timeout=30_000)
    expect(phone.get_by_text("Session 2", exact=False).first).to_be_visible(timeout=30_000)
    room_seconds = time.monotonic() - room_started  # the room's step, not counted in the chair's figure

    form = panel.locator(".rt-phase").nth(1)  # presentations: the timer and the capture form
    form.scroll_into_view_if_needed()
    organisation = form.locator(".widget-dropdown", has=page.locator("label", has_text=re.compile(r"^Organisation$")))
    count.select(organisation.last.locator("select"), "MAP Foundation")  # the capture form's, after the timer's
    english = form.locator("textarea").first
    count.click(english)
    count.type(english, PROGRESS)
    count.press(page, "Tab")  # from the chair's language's box, Tab goes to Save ...
    expect(save).to_be_focused()
    entered = time.monotonic()
    count.press(page, "Enter")  # ... and Enter saves
    seen = seconds_until_seen(
        entered, phone, chair=form.get_by_text(t("msg.saved", "en")), phone=phone.get_by_text(PROGRESS)
    )
    seconds = entered + seen["chair"] - started - room_seconds
    with real_meeting.store() as store:
        [item] = store.items(session="s2")
    assert (item["kind"], item["org"], item["text_en"]) == ("progress", "map", PROGRESS)
    expect(form.locator(".widget-html", has_text=PROGRESS).first).to_be_visible()
    shot(page, "02-2-progress-saved")
    shot(phone, "dashboard-live-progress")
    assert_nothing_cut(page, "session 2 after saving a progress update")
    figure(
        f"real meeting, 02 progress update, from the JupyterLab page as printed to the item saved: "
        f"{count.clicks} clicks + {count.keys} key presses ({count.typed} of them the text typed), "
        f"{seconds:.1f} s with Run All and typing at machine speed ({usable:.1f} s to a usable form)"
    )
    figure(
        f"real meeting, 02 progress update on the participants' Now page: {seen['phone']:.1f} s after Enter "
        f"(saved on the chair's screen after {seen['chair']:.1f} s; {room.clicks} more click beforehand, "
        f"'We are now in this session')"
    )


def choose_and_confirm(page, findings, path, phone, phone_sees):
    """Choose ``path`` with the file picker, Confirm; returns the seconds from Confirm to the
    chair's heatmap and to the phone showing ``phone_sees`` (a locator on the phone)."""
    with page.expect_file_chooser() as chooser:
        findings.get_by_role("button", name=t("capacity.choose", "en")).click()
    chooser.value.set_files(str(path))
    confirm = findings.get_by_role("button", name=t("capacity.confirm", "en"))
    expect(confirm).to_be_visible(timeout=30_000)
    expect(findings).to_contain_text(f"6 scores from {path.name}")
    shot(page, f"04-{path.stem}-asks-to-confirm")
    started = time.monotonic()
    confirm.click()
    first_area = "Digital security" if path.stem.isascii() else "ความปลอดภัยดิจิทัล"
    # No Refresh, no Run All: the chair's heatmap follows the store, and so does the phone.
    seen = seconds_until_seen(
        started, phone, chair=findings.locator(".rt-chair-heat", has_text=first_area), phone=phone_sees
    )
    chair_seconds, phone_seconds = seen["chair"], seen["phone"]
    return chair_seconds, phone_seconds


def test_a_findings_file_chosen_in_04_reaches_the_chair_and_the_room(real_meeting, chair, phone, tmp_path):
    page = chair
    board = phone
    board.goto(real_meeting.dashboard("capacity.ipynb"), timeout=120_000)
    expect(board.get_by_text(t("capacity.not_loaded", "en"))).to_be_visible(timeout=120_000)
    board.evaluate("window.__samePage = 'yes'")

    panel, _started = open_notebook(page, real_meeting, Count(), "04_capacity_building")
    findings = panel.locator(".rt-phase").nth(1)
    expect(findings).to_contain_text(t("capacity.none", "en"), timeout=120_000)
    page.wait_for_timeout(1500)
    findings.locator("h2").scroll_into_view_if_needed()
    assert findings.locator(".rt-chair-heat .js-plotly-plot").count() == 0  # nothing to draw yet
    shot(page, "04-1-nothing-loaded")

    english = tmp_path / "findings-march-2016.csv"
    english.write_text(FINDINGS, encoding="utf-8")
    on_phone = board.locator("table.rt-heat th", has_text="Case management")
    chair_seconds, phone_seconds = choose_and_confirm(page, findings, english, board, on_phone)
    expect(findings).to_contain_text(f"Stored for every screen: 6 scores from {english.name}")
    expect(board.get_by_text(f"From {english.name}", exact=False)).to_be_visible()
    assert board.evaluate("window.__samePage") == "yes"  # updated in place, nobody reloaded
    with real_meeting.store() as store:
        stored = store.capacity_assessment()
        assert (stored.source, len(stored.rows), stored.illustrative) == (english.name, 6, False)
    findings.locator(".rt-chair-heat").scroll_into_view_if_needed()
    shot(page, "04-2-confirmed-heatmap")
    board.locator("table.rt-heat").scroll_into_view_if_needed()
    shot(board, "dashboard-1-capacity-english")
    figure(
        f"real meeting, capacity findings chosen with the file picker: Confirm to the chair's heatmap "
        f"{chair_seconds:.1f} s, to the participants' dashboard {phone_seconds:.1f} s (English file)"
    )

    # The same scores with Thai areas, watched by a phone in Thai.
    board.goto(real_meeting.dashboard("capacity.ipynb", "&lang=th"), timeout=120_000)
    expect(board.get_by_text(english.name, exact=False)).to_be_visible(timeout=120_000)
    thai = tmp_path / "ผลการประเมิน-มีนาคม.csv"
    thai.write_text(FINDINGS_TH, encoding="utf-8")
    on_phone = board.locator("table.rt-heat th", has_text="การจัดการรายกรณี")
    chair_seconds, phone_seconds = choose_and_confirm(page, findings, thai, board, on_phone)
    heat = findings.locator(".rt-chair-heat")
    expect(heat).not_to_contain_text("Digital security")
    expect(board.locator("table.rt-heat th", has_text="Digital security")).to_have_count(0)
    expect(board.locator("table.rt-heat th", has_text="แมพ")).to_have_count(1)  # organisations in Thai
    with real_meeting.store() as store:
        stored = store.capacity_assessment()
        assert (stored.source, stored.areas) == (thai.name, ["ความปลอดภัยดิจิทัล", "การระดมทุน", "การจัดการรายกรณี"])
    heat.scroll_into_view_if_needed()
    shot(page, "04-3-thai-file-heatmap")
    board.locator("table.rt-heat").scroll_into_view_if_needed()
    shot(board, "dashboard-2-capacity-thai")
    figure(
        f"real meeting, capacity findings chosen with the file picker: Confirm to the chair's heatmap "
        f"{chair_seconds:.1f} s, to the participants' dashboard {phone_seconds:.1f} s (Thai areas, Thai dashboard)"
    )
    assert page.locator(".jp-OutputArea-output:has-text('Traceback')").count() == 0
    assert list(real_meeting.notebooks.rglob("*.csv")) == []  # the picker left no file among the notebooks
