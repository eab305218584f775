"""The projector at 1920x1080 in a real Voila and Chromium: a QR code the back row can scan, and
a page longer than the screen moving up through it until its last organisation is seen."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture(scope="module")
def demo_voila(tmp_path_factory):
    from roundtable_lib import Store, load_meeting
    from roundtable_lib.demo import fill_demo
    from tests.helpers import MEETING_FILE, VoilaServer

    folder = tmp_path_factory.mktemp("projector-voila")
    with Store(folder / "demo.db", actor="tests") as store:
        store.init(load_meeting(MEETING_FILE))
        fill_demo(store)
    server = VoilaServer(folder / "demo.db", folder)
    yield server
    server.stop()


@pytest.fixture
def projector_page(chromium):
    context = chromium.new_context(viewport=PROJECTOR)
    yield context.new_page()
    context.close()


def test_the_qr_code_fills_a_large_part_of_the_projected_screen(demo_voila, projector_page):
    page = projector_page
    page.goto(demo_voila.url("index.ipynb", "view=projector&cycle=600"), wait_until="commit", timeout=90_000)
    page.locator(".rt-projector .rt-qr svg").first.wait_for(timeout=90_000)
    box = page.locator(".rt-projector .rt-qr svg path").first.bounding_box()  # the drawing, not its frame
    assert box["height"] >= 0.35 * PROJECTOR["height"] and box["width"] >= 0.35 * PROJECTOR["height"]
    assert box["y"] + box["height"] <= PROJECTOR["height"]  # all of it on the screen, none cut off
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "index-en-projector-qr.png"))


def test_a_long_page_moves_up_until_its_last_organisation_is_seen(demo_voila, projector_page):
    page = projector_page
    page.goto(demo_voila.url("live.ipynb", "view=projector&cycle=12"), wait_until="commit", timeout=90_000)
    page.locator(".rt-projector .rt-card h2").first.wait_for(timeout=90_000)
    last = page.locator(".rt-projector .rt-screen .rt-card h2").last
    start = last.bounding_box()
    assert start["y"] > PROJECTOR["height"], "the demo's live page should be longer than the screen"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "live-en-projector-top.png"))
    page.wait_for_function(
        "() => { const cards = document.querySelectorAll('.rt-projector .rt-screen .rt-card');"
        " const r = cards[cards.length - 1].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }",
        timeout=12_000,
    )
    page.screenshot(path=str(SCREENSHOTS / "live-en-projector-bottom.png"))
    assert page.evaluate("document.scrollingElement.scrollTop") == 0  # the page moved, not the browser
