"""A Thai chair's refusals and the lock icon in a real JupyterLab (Debian's Chromium at 1366x768):
Save with nothing typed says why in Thai, in the chair's language, and nothing is written; a
sensitive entry's lock is drawn (an SVG with a size), not an empty box from a missing emoji font.
Screenshots in test-artifacts/jupyterlab/thai-*.png."""

import re

import pytest
from playwright.sync_api import expect

from roundtable_lib.meeting.labels import t
from tests.helpers.jupyterlab import run_all, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TH = "th"
# Every lock on the chair's screen, with the size the browser drew it at.
LOCKS = """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea svg.rt-icon-lock')]
  .filter(e => e.getBoundingClientRect().width > 0)
  .map(e => [Math.round(e.getBoundingClientRect().width), Math.round(e.getBoundingClientRect().height)])"""


def test_a_thai_chair_reads_refusals_in_thai_and_sees_the_lock(lab, chair_page):
    page = chair_page
    run_all(page, lab, "02_implementation_updates.ipynb", page.get_by_text("Save as Progress").first)
    page.locator(".jp-OutputArea").get_by_text("ไทย", exact=True).first.click()
    save = page.get_by_role("button", name=re.compile(t("button.save_as", TH))).first
    expect(save).to_be_visible(timeout=20_000)
    form = page.locator(".rt-phase").nth(1)
    form.locator("select").nth(1).select_option(index=1)  # the first organisation

    # Save with nothing typed: the refusal in Thai, no English word of it, nothing written.
    save.click()
    refusal = "ยังไม่มีข้อความ"
    expect(form.get_by_text(re.compile(refusal))).to_be_visible(timeout=15_000)
    assert form.get_by_text(re.compile("The text is empty")).count() == 0
    with lab.store() as store:
        assert store.items(kind="progress") == []
    shot(page, "thai-refusal")

    # A sensitive entry: its lock is drawn at the size of the text, in the latest entries.
    form.locator("textarea").nth(1).fill("นายจ้างบางรายยึดหนังสือเดินทางของแรงงาน")
    form.get_by_text(t("field.sensitive", TH)).click()
    save.click()
    with lab.store() as store:
        expect(form.locator("textarea").nth(1)).to_have_value("", timeout=15_000)
        assert [i["sensitive"] for i in store.items(kind="progress")] == [True]
    page.wait_for_timeout(1000)
    locks = page.evaluate(LOCKS)
    assert locks and all(w >= 8 and h >= 8 for w, h in locks), locks
    assert "\U0001f512" not in page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").inner_text()  # no emoji left
    shot(page, "thai-sensitive-lock")
