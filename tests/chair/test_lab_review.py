"""The organisers' review in a real JupyterLab (as `roundtable serve` starts it) and Debian's
Chromium at a laptop's 1366x768: Run All shows no code and no label cut short, sessions by their
titles, an item's history in words; the language switch puts the panel in Thai; an export writes
into the folder JupyterLab's file browser shows, and its links download the files. Screenshots in
test-artifacts/jupyterlab/review-*.png."""

import pytest
from playwright.sync_api import expect

from roundtable_lib import Store
from roundtable_lib.chair.screen import set_chair_lang
from roundtable_lib.meeting.labels import t
from tests.helpers.jupyterlab import assert_nothing_cut, record, run_all, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = "organisers_review.ipynb"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden) .rt-review-panel"
# The panel's boxes that reach past its right edge (a box 100% wide plus its margins did).
OVERFLOWING = """(panel) => [...panel.querySelectorAll('.widget-inline-hbox, .widget-inline-vbox, .widget-button')]
  .filter(e => e.offsetParent !== null && e.getBoundingClientRect().right > panel.getBoundingClientRect().right + 0.5)
  .map(e => e.innerText.split('\\n')[0] || e.className)"""


@pytest.fixture(scope="module")
def seeded(lab):
    """One item captured in Session 2 and corrected: its Thai version added."""
    with Store(lab.db, actor="chair:s2") as store:
        item = store.add_item("s2", "progress", "Radio programme reaches 3,000 workers", org="map")
        store.update_item(item["id"], actor="chair:s2", text_th="รายการวิทยุเข้าถึงแรงงาน 3,000 คน")
    return item


def idle(page):
    """Run All shows the panel before the analysis below it has run: wait for the kernel, so a
    click is answered at once."""
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=120_000)


def test_the_review_reads_as_words_in_both_languages(lab, chair_page, seeded):
    page = chair_page
    export_button = page.get_by_role("button", name=t("review.panel.export"))
    seconds = run_all(page, lab, NOTEBOOK, export_button)  # also: no code on screen
    record(f"organisers_review: {seconds:.1f} s from opening the notebook to a usable review (Run All included)")
    idle(page)
    panel = page.locator(PANEL)
    expect(panel.get_by_text("Language · ภาษา")).to_be_in_viewport()  # Run All ends at the top
    shot(page, "review-en-top")
    assert_nothing_cut(page, "the review in English")
    assert panel.evaluate(OVERFLOWING) == []

    # Sessions by their titles, never their ids; the item's history in words.
    table = panel.locator(".rt-review table")
    expect(table.locator("td", has_text="Session 2").first).to_be_visible()
    assert table.locator("td", has_text="s2").count() == 0
    history = panel.locator("table", has_text="Who").last
    history.scroll_into_view_if_needed()
    expect(history).to_contain_text("the chair of Session 2")
    expect(history).to_contain_text("Thai: added “รายการวิทยุเข้าถึงแรงงาน 3,000 คน”")
    for raw in ("text_th", "text_en", "attrs", "None"):
        assert raw not in history.inner_text(), raw
    shot(page, "review-en-history")
    internal = panel.get_by_text(t("review.panel.internal"))
    internal.scroll_into_view_if_needed()
    shot(page, "review-en-export")
    assert_nothing_cut(page, "the review's export area in English")

    # The language switch: every label in Thai, and still nothing cut.
    panel.locator(".widget-toggle-button", has_text="ไทย").click()
    thai_session = panel.locator(".widget-label", has_text=t("review.panel.session", "th")).first
    expect(thai_session).to_be_visible(timeout=30_000)
    expect(table.locator("td", has_text="ช่วงที่ 2").first).to_be_visible()
    expect(panel.get_by_role("button", name=t("review.panel.save", "th"))).to_be_visible()
    expect(panel.locator("table", has_text="ผู้ดำเนินการ").last).to_contain_text("ภาษาไทย: เพิ่ม")
    thai_session.scroll_into_view_if_needed()
    shot(page, "review-th-top")
    assert_nothing_cut(page, "the review in Thai")
    assert panel.evaluate(OVERFLOWING) == []
    with lab.store() as store:
        assert store.get_state("chair_lang:organiser") == "th"


def test_an_export_is_in_the_file_browser_and_its_links_download(lab, chair_page, seeded):
    page = chair_page
    export_button = page.get_by_role("button", name=t("review.panel.export", "th"))
    with Store(lab.db, actor="tests") as store:
        set_chair_lang(store, "organiser", "th")  # as the switch leaves it: the export in Thai
    run_all(page, lab, NOTEBOOK, export_button)
    idle(page)
    panel = page.locator(PANEL)
    panel.get_by_text(t("review.panel.reviewed", "th")).click()
    export_button.click()
    links = panel.locator(".rt-export-links")
    expect(links).to_be_visible(timeout=240_000)
    links.scroll_into_view_if_needed()
    shot(page, "review-th-exported")
    exported = lab.plan.root / "notebooks" / "exports" / "public"
    assert (exported / "report.docx").is_file() and (exported / "report.pdf").is_file()

    # Download: the browser saves the file the link names, as written.
    with page.expect_download() as download:
        links.locator("li", has_text="report.docx").get_by_text(t("review.link.download", "th")).click()
    saved = download.value.path()
    assert download.value.suggested_filename == "report.docx"
    assert saved.read_bytes() == (exported / "report.docx").read_bytes()

    # The file browser shows the folder and the files in it.
    browser = page.locator(".jp-FileBrowser")
    if not browser.is_visible():
        page.locator(".jp-SideBar [data-id='filebrowser']").click()
    browser.locator(".jp-DirListing-item", has_text="exports").dblclick()
    browser.locator(".jp-DirListing-item", has_text="public").dblclick()
    expect(browser.locator(".jp-DirListing-item", has_text="report.pdf")).to_be_visible()
    expect(browser.locator(".jp-DirListing-item", has_text="joint-recommendations.docx")).to_be_visible()
    shot(page, "review-file-browser")

    # Open: the report in Markdown opens in a tab of JupyterLab, drawn (not blocked, not as text).
    links.locator("li", has_text="report.md").get_by_text(t("review.link.open", "th")).click()
    expect(page.locator(".lm-TabBar-tab", has_text="report.md")).to_be_visible()
    shown = page.locator(".jp-RenderedMarkdown:visible").first
    expect(shown.locator("h1").first).to_be_visible(timeout=30_000)
    shot(page, "review-report-opened")
