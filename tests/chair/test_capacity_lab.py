"""The chair's capacity view in a real JupyterLab (as `roundtable serve` starts it) and Debian's
Chromium at 1366x768: a findings file chosen with the file picker, confirmed, and the heatmap on
the chair's screen follows the store with no Refresh and no Run All; so does a file another
chair's kernel confirms. Screenshots in test-artifacts/jupyterlab/capacity-*.png."""

import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from roundtable_lib import Store
from roundtable_lib.chair.capacity import CapacityView
from roundtable_lib.meeting.labels import t
from roundtable_lib.serving import processes
from roundtable_lib.serving.serve import ServePlan
from roundtable_lib.store.capacity import store_sample
from tests.helpers import ROOT, free_port, wait_for_http

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ROOT / "test-artifacts" / "jupyterlab"
FINDINGS = "organisation,area,score\nmap,Digital security,2\nfed,Digital security,4\nmap,Fund raising,1\n"
OTHER = "organisation,area,score\nmap,Radio production,3\nfed,Radio production,5\n"
# The x-axis tick labels of the heatmap the chair's screen draws now.
HEAT_COLUMNS = """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .rt-chair-heat')]
  .map(e => e.innerText).join(' | ')"""


@pytest.fixture
def lab(tmp_path):
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    db = tmp_path / "roundtable.db"
    with Store(db, actor="tests") as store:
        from roundtable_lib import load_meeting

        store.init(load_meeting(ROOT / "data" / "meeting.yaml"))
        store_sample(store, actor="cli:init")  # a rehearsal: `roundtable init --sample`
    plan = ServePlan(db=db, lab_port=free_port(), root=tmp_path, lab_token="chair-token")
    env = plan.env()
    home = tmp_path / "home"
    env.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"), JUPYTER_RUNTIME_DIR=str(tmp_path / "run"))
    with open(tmp_path / "lab.log", "w+") as log:
        proc = subprocess.Popen(plan.lab_command(), env=env, stdout=log, stderr=log, cwd=tmp_path)
        base = f"http://127.0.0.1:{plan.lab_port}"
        try:
            wait_for_http(f"{base}/lab?token=chair-token", timeout=120, proc=proc)
            yield db, base
        finally:
            processes.stop([proc], timeout=20)


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"capacity-{name}.png"))


def test_a_chosen_file_and_another_kernels_file_reach_the_chairs_heatmap(lab, chromium, tmp_path):
    db, base = lab
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(f"{base}/lab/tree/04_capacity_building.ipynb?token=chair-token&reset")
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=120_000)
    page.locator("#jp-MainMenu").get_by_text("Run", exact=True).click()
    page.locator(".lm-Menu").get_by_text("Run All Cells", exact=True).click()
    findings = page.locator(".rt-phase").nth(1)
    expect(findings.locator(".rt-chair-heat")).to_contain_text("Governance", timeout=120_000)  # the sample
    page.wait_for_timeout(1500)  # the last cell scrolls the view back to the top
    findings.locator("h2").scroll_into_view_if_needed()
    expect(findings.get_by_text(t("capacity.relative_to", "en").split("{")[0].strip())).to_be_visible()
    shot(page, "1-sample")

    # Choose the file in the browser's file picker: checked, asked, stored only on Confirm.
    path = tmp_path / "july-findings.csv"
    path.write_text(FINDINGS, encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        findings.get_by_role("button", name=t("capacity.choose", "en")).click()
    chooser.value.set_files(str(path))
    confirm = findings.get_by_role("button", name=t("capacity.confirm", "en"))
    expect(confirm).to_be_visible(timeout=20_000)
    expect(findings).to_contain_text("3 scores from july-findings.csv")
    with Store(db, readonly=True) as store:
        assert store.capacity_assessment().illustrative  # nothing stored before Confirm
    shot(page, "2-chosen-asks-to-confirm")
    confirm.click()
    expect(findings).to_contain_text("Stored for every screen: 3 scores from july-findings.csv", timeout=20_000)
    heat = findings.locator(".rt-chair-heat")
    expect(heat).to_contain_text("Digital security", timeout=20_000)  # no Refresh, no Run All
    expect(heat).not_to_contain_text("Governance")
    expect(findings.locator("h2")).to_be_in_viewport()  # redrawn in place: the screen did not jump
    heat.scroll_into_view_if_needed()
    with Store(db, readonly=True) as store:
        assert store.capacity_assessment().source == "july-findings.csv"
    shot(page, "3-confirmed-heatmap-follows")

    # Another chair's kernel confirms a file: the heatmap follows on its own, within a few ticks.
    other_file = tmp_path / "group2.csv"
    other_file.write_text(OTHER, encoding="utf-8")
    with Store(db, actor="chair:s4-group2") as other_store:
        view = CapacityView(other_store)
        view.path.value = str(other_file)
        view.load.click()
        view.confirm.click()
        view.close()
    expect(heat).to_contain_text("Radio production", timeout=30_000)
    expect(heat).not_to_contain_text("Digital security")
    expect(findings).to_contain_text("group2.csv")
    expect(findings).not_to_contain_text("Stored for every screen: 3 scores from july-findings.csv")
    heat.scroll_into_view_if_needed()
    shot(page, "4-other-kernel-confirmed")
    assert page.locator(".jp-OutputArea-output:has-text('Traceback')").count() == 0
    context.close()
