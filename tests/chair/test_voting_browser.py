"""The chair's poll board in a real browser at 1366x768 (a venue's projector): nothing cut, nobody registered,
nothing on the (mirrored) screen before the chair asks.

The board is rendered by a real Voila server from a one-cell notebook (the chairs' JupyterLab
draws widgets with the same ipywidgets CSS). Screenshots land in test-artifacts/poll-board-*.png.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LONG = (
    "Establish a cross-border referral mechanism between Thai and Myanmar service providers for "
    "survivors of trafficking, with a named focal point in every province"
)
CELL = """
import os
from urllib.parse import parse_qs
from roundtable_lib import Store
from roundtable_lib.chair.voting import PollBoard
LANG = parse_qs(os.environ.get("QUERY_STRING", "")).get("lang", ["en"])[0]
board = PollBoard(Store(actor="chair:s3"), "s3", option_kinds=["recommendation"], lang=LANG)
board.new.selected_index = 0  # "New poll" open: its labels are checked too
board
"""

# Every label, button and option text whose content is wider than its box (drawn cut, "Reveal res..."),
# and every drop-down too narrow for the longest of its choices.
CUT = """() => {
  const boxes = '.widget-label, .widget-label-basic, .jupyter-widget-label, button, '
    + '.widget-radio-box label, .rt-option-label';
  const cut = [...document.querySelectorAll(boxes)]
    .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.innerText.trim() || e.outerHTML.slice(0, 80));
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
  document.body.appendChild(probe);
  for (const select of document.querySelectorAll('select')) {
    if (select.offsetParent === null) continue;
    probe.style.font = getComputedStyle(select).font;
    for (const option of select.options) {
      probe.textContent = option.text;
      if (probe.offsetWidth > select.clientWidth - 24) cut.push('select: ' + option.text);
    }
  }
  probe.remove();
  return cut;
}"""


MODES = {
    "en": ["By organisation", "Numbered ballots", "Per participant", "Show of hands"],
    "th": ["รายองค์กร", "บัตรลงคะแนนแบบมีหมายเลข", "รายบุคคล", "ยกมือ"],
}
ENTER = {"en": "Enter ballot", "th": "บันทึกบัตรลงคะแนน"}


@pytest.fixture
def chair_voila(fresh_store, tmp_path):
    import nbformat

    from tests.helpers import free_port, wait_for_http

    folder = tmp_path / "chair"
    folder.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)]), folder / "polls.ipynb")
    port = free_port()
    log = open(tmp_path / "voila.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            str(folder / "polls.ipynb"),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--token=chair-test",
        ],
        env={**os.environ, "ROUNDTABLE_DB": str(fresh_store.path)},
        stdout=log,
        stderr=log,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", proc=proc)
        yield f"http://127.0.0.1:{port}/?token=chair-test"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _open(chromium, url, lang, width=1366):
    context = chromium.new_context(viewport={"width": width, "height": 768})
    page = context.new_page()
    page.goto(f"{url}&lang={lang}")
    page.locator(".rt-option-label, .rt-check >> visible=true").first.wait_for(timeout=90_000)
    page.wait_for_load_state("networkidle")
    return context, page


def _shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"poll-board-{name}.png"), full_page=True)


@pytest.mark.parametrize("lang", ["en", "th"])
def test_poll_board_labels_are_not_cut_at_1366x768(fresh_store, chair_voila, chromium, lang):
    recs = [fresh_store.add_item("s3", "recommendation", text_en=LONG, text_th="จัดตั้งกลไกส่งต่อข้ามพรมแดน " * 7)]
    recs += [fresh_store.add_item("s3", "recommendation", text_en="Weekly day off", text_th="วันหยุดประจำสัปดาห์")]
    fresh_store.create_poll("s3", "Priorities", "ลำดับความสำคัญ", method="single", options=[r["id"] for r in recs])
    # 1366 wide, and 1000 wide: JupyterLab's output area at 1366 with its file browser open.
    for width in (1366, 1000):
        context, page = _open(chromium, chair_voila, lang, width)
        try:
            _shot(page, f"{lang}-{width}")
            assert page.evaluate(CUT) == []
            page.get_by_role("button", name=ENTER[lang]).scroll_into_view_if_needed()
            _shot(page, f"{lang}-{width}-panel")
            text = page.inner_text("body")
            expected = LONG if lang == "en" else "จัดตั้งกลไกส่งต่อข้ามพรมแดน " * 3
            assert expected in text  # the option's whole text is on the page
            for mode in MODES[lang]:  # each way of voting shows other fields
                page.get_by_role("button", name=mode, exact=True).click()
                page.wait_for_timeout(500)
                assert page.evaluate(CUT) == [], mode
            page.get_by_role("button", name=MODES[lang][0], exact=True).click()
            page.get_by_role("button", name=ENTER[lang]).scroll_into_view_if_needed()
            _shot(page, f"{lang}-{width}-by-organisation")
            # The probe itself finds a cut label: a button narrower than its text.
            page.evaluate(
                "() => { const b = document.querySelector('button'); b.style.width = '40px'; "
                "b.style.overflow = 'hidden'; b.style.whiteSpace = 'nowrap'; }"
            )
            assert page.evaluate(CUT) != []
        finally:
            context.close()


def test_a_chair_votes_by_organisation_with_nobody_registered(fresh_store, chair_voila, chromium):
    from playwright.sync_api import expect

    recs = [fresh_store.add_item("s3", "recommendation", text_en=t)["id"] for t in (LONG, "Weekly day off")]
    poll = fresh_store.create_poll("s3", "Priorities", options=recs, budget=3, weighting="organisation")
    long_option = poll["options"][0]["id"]
    context, page = _open(chromium, chair_voila, "en")
    try:
        expect(page.get_by_text("one ballot per organisation, nobody needs to be registered")).to_be_visible()
        page.locator("select").filter(has_text="MAP Foundation").select_option(label="MAP Foundation")
        page.locator(".rt-option-label", has_text="cross-border").locator("xpath=../../..").locator(
            "input[type=number]"
        ).fill("2")
        page.get_by_role("button", name="Enter ballot").click()
        expect(page.get_by_text("Ballot saved.")).to_be_visible(timeout=15_000)
        ballots = fresh_store.ballots(poll["id"])
        assert [(b["voter_kind"], b["voter"], b["allocations"]) for b in ballots] == [
            ("organisation", "map", {long_option: 2})
        ]
        # Presenting (the default): the mirrored screen shows no result before the reveal.
        expect(page.get_by_text("Results are hidden while presenting")).to_be_visible()
        assert "Score" not in page.inner_text("body")
        _shot(page, "presenting")
        page.get_by_role("button", name="Presenting: results hidden").click()
        expect(page.get_by_role("columnheader", name="Score")).to_be_visible(timeout=15_000)
        expect(page.get_by_role("button", name="Results shown on this screen: click before presenting")).to_be_visible()
        page.get_by_role("columnheader", name="Score").scroll_into_view_if_needed()
        _shot(page, "results-shown")
        page.get_by_role("button", name="Results shown on this screen: click before presenting").click()
        expect(page.get_by_text("Results are hidden while presenting")).to_be_visible(timeout=15_000)
        # An organisation's ballot is in: ways that count people are no longer offered, and the
        # screen says why (people and organisations are never added together).
        expect(page.get_by_text("so the other ways are not offered (nobody is counted twice)")).to_be_visible()
        assert page.get_by_role("button", name="Numbered ballots").count() == 0
        assert page.get_by_role("button", name="Per participant").count() == 0
        _shot(page, "ways-fixed")
        assert page.evaluate(CUT) == []
    finally:
        context.close()
