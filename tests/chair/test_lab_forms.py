"""The chair's forms and timer in a real JupyterLab (Debian's Chromium at 1366x768), done as a
chair does them: the room's session, the timer's organisation through language switches, the
form that follows the presenter and keeps what was typed, the synergy form, an action refused at
the form; and no "No such comm" in the page's console or the notebook's log after switching the
language. Screenshots in test-artifacts/jupyterlab/forms-*.png."""

import re

import pytest
from playwright.sync_api import expect

from roundtable_lib.chair.facilitation import TIMER_KEY
from tests.helpers.jupyterlab import assert_nothing_cut, run_all, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NO_SUCH_COMM = "No such comm"


def _listen(page):
    """Everything the page hears of "No such comm": its console, and what the kernel sends it."""
    heard = []
    page.on("console", lambda m: heard.append(m.text) if NO_SUCH_COMM in m.text else None)

    def frame(payload):
        text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        if NO_SUCH_COMM in text:
            heard.append(text[text.find(NO_SUCH_COMM) :][:80])

    page.on("websocket", lambda ws: ws.on("framereceived", frame))
    return heard


def _switch(page, lang, heading):
    page.locator(".jp-OutputArea").get_by_text(lang, exact=True).first.click()
    expect(page.get_by_text(heading).first).to_be_visible(timeout=20_000)
    page.wait_for_timeout(2500)  # the old views go and tell their kernel so


def test_session_2_forms_and_timer_as_a_chair(lab, chair_page):
    page = chair_page
    heard = _listen(page)
    run_all(page, lab, "02_implementation_updates.ipynb", page.get_by_text("Save as Progress").first)
    # Opening a notebook on a kernel that has not imported ipywidgets yet says "No such comm
    # target registered: jupyter.widget.control" once (the widgets' front end asks for saved
    # state): that is the opening, not the forms; what follows must be silent.
    heard.clear()
    presentations = page.locator(".rt-phase").nth(1)

    # The room is still in the welcome session: the form says where it captures, the button offers.
    hint = "The room is in “Welcome remarks and introductions”; you are capturing into"
    expect(presentations.get_by_text(hint)).to_be_visible()
    now = page.get_by_role("button", name="We are now in this session")
    expect(now).to_be_enabled()
    shot(page, "forms-room-elsewhere")
    now.click()
    expect(page.get_by_role("button", name="The room is in this session")).to_be_disabled(timeout=15_000)
    expect(presentations.get_by_text(hint)).to_have_count(0, timeout=15_000)
    with lab.store() as store:
        assert store.current_session() == "s2"

    # Empty list: "Nothing yet."
    expect(presentations.get_by_text("Nothing yet.")).to_be_visible()

    # FED presents: the timer starts on FED, the form follows; Start is not offered again for FED.
    timer_org, form_org = presentations.locator("select").nth(0), presentations.locator("select").nth(1)
    timer_org.select_option(label="Foundation for Education and Development")
    start = presentations.get_by_role("button", name=re.compile("Start"))
    start.click()
    expect(start).to_be_disabled(timeout=15_000)
    expect(form_org).to_have_value("Foundation for Education and Development")  # the form follows
    with lab.store() as store:
        assert store.get_state(TIMER_KEY)["org"] == "fed"
    presentations.get_by_role("button", name="Challenge", exact=True).click()
    presentations.locator("textarea").nth(0).fill("Typed before the switch")
    shot(page, "forms-fed-presents")

    # Thai and back: the timer still says FED, the form keeps its kind, organisation and text.
    _switch(page, "ไทย", "ก่อนเริ่มช่วงการประชุม")
    presentations = page.locator(".rt-phase").nth(1)
    timer_org, form_org = presentations.locator("select").nth(0), presentations.locator("select").nth(1)
    expect(timer_org).to_have_value("มูลนิธิเพื่อการศึกษาและการพัฒนา")  # FED's clock runs: FED
    expect(presentations.get_by_role("button", name=re.compile("เริ่ม"))).to_be_disabled()
    expect(form_org).to_have_value("มูลนิธิเพื่อการศึกษาและการพัฒนา")
    expect(presentations.locator("textarea").nth(0)).to_have_value("Typed before the switch")
    expect(presentations.get_by_role("button", name=re.compile("บันทึกเป็น ความท้าทาย"))).to_be_visible()
    shot(page, "forms-thai-keeps-everything")
    assert_nothing_cut(page, "session 2 forms in Thai")
    _switch(page, "English", "Before the session")
    presentations = page.locator(".rt-phase").nth(1)
    expect(presentations.locator("textarea").nth(0)).to_have_value("Typed before the switch")
    presentations.get_by_role("button", name=re.compile("Save as Challenge")).click()
    expect(presentations.get_by_text("Saved.")).to_be_visible(timeout=15_000)
    with lab.store() as store:
        [item] = store.items(session="s2")
        assert (item["kind"], item["org"], item["text_en"]) == ("challenge", "fed", "Typed before the switch")

    # No "No such comm" after two language switches: not in the console, not in the notebook's log.
    assert heard == [], heard

    # The synergy form: the Organisations boxes only, no Organisation dropdown beside them.
    synergies = page.locator(".rt-phase").nth(3)
    synergies.scroll_into_view_if_needed()
    synergies.get_by_role("button", name="Synergy", exact=True).click()
    expect(synergies.locator("select:visible")).to_have_count(0, timeout=15_000)
    expect(synergies.locator(".widget-checkbox").get_by_text("MAP Foundation", exact=True)).to_be_visible()
    synergies.get_by_role("button", name="We can offer", exact=True).click()
    expect(synergies.locator("select:visible")).to_have_count(1, timeout=15_000)
    shot(page, "forms-synergy-boxes-only")


def test_session_conclusions_refuses_an_action_without_owner_or_due_before_the_meeting(lab, chair_page):
    page = chair_page
    run_all(page, lab, "05_conclusions.ipynb", page.locator(".rt-phase h2").get_by_text("Action items").first)
    actions = page.locator(".rt-phase").filter(has=page.locator("h2").get_by_text("Action items")).first
    actions.scroll_into_view_if_needed()
    actions.locator("select").first.select_option(label="MAP Foundation")
    actions.locator("textarea").first.fill("Share the referral list")
    actions.get_by_role("textbox", name="Due date").fill("2016-09-30")
    save = actions.get_by_role("button", name=re.compile("Save as"))
    save.click()
    expect(actions.get_by_text(re.compile("An action item needs an owner"))).to_be_visible(timeout=15_000)
    shot(page, "forms-action-no-owner")
    actions.get_by_role("textbox", name=re.compile("Owner")).fill("Legal officer")
    actions.get_by_role("textbox", name="Due date").fill("2016-07-01")
    save.click()
    expect(actions.get_by_text(re.compile(r"before the meeting \(12 July 2016\)"))).to_be_visible(timeout=15_000)
    shot(page, "forms-action-due-before-meeting")
    with lab.store() as store:
        assert store.items(kind="action") == []  # nothing written
