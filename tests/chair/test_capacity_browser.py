"""The capacity dashboard in a real Voila and Chromium follows what a chair loads and confirms,
in place, without a reload: the room sees the assessment the chair's screen shows."""

from pathlib import Path

import pytest

from roundtable_lib.chair.capacity import CapacityView
from roundtable_lib.store.capacity import store_sample

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
FINDINGS = (
    "organisation,area,score\n"
    "map,Fund raising,2\nmap,Advocacy,5\nfed,fund  raising,4\nfed,Advocacy,3\nlsdf,Fund Raising,1\n"
)


def test_capacity_dashboard_changes_when_the_chair_loads_a_file(voila, fresh_store, page, tmp_path):
    store_sample(fresh_store, actor="cli:init")
    page.goto(voila.url("capacity.ipynb"), timeout=90_000)
    page.get_by_text("Capacity assessment scores (1-5)").wait_for(timeout=90_000)
    page.get_by_text("illustrative sample", exact=False).first.wait_for()
    page.get_by_text("Governance and leadership").first.wait_for()
    page.evaluate("window.__sameDocument = 'yes'")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "capacity-sample-phone.png"), full_page=True)

    # The chair, in notebook 04's widget (headless here): type the path, Load, Confirm.
    findings = tmp_path / "march-findings.csv"
    findings.write_text(FINDINGS, encoding="utf-8")
    view = CapacityView(fresh_store, actor="chair:s4")
    view.path.value = str(findings)
    view.load.click()
    view.confirm.click()
    assert fresh_store.capacity_assessment().source == "march-findings.csv"

    page.get_by_text("From march-findings.csv", exact=False).wait_for(timeout=20_000)
    heat = page.locator("table.rt-heat")
    assert heat.locator("th", has_text="Fund raising").count() == 1  # three spellings, one column
    assert heat.locator("th", has_text="Governance and leadership").count() == 0
    assert "illustrative" not in page.inner_text("body").lower()
    assert page.evaluate("window.__sameDocument") == "yes"  # updated in place, no reload
    page.screenshot(path=str(SCREENSHOTS / "capacity-loaded-phone.png"), full_page=True)
