"""axe-core (WCAG 2.1 A and AA) on every participant page, in English and Thai, on a phone and on
the projector, in a real Chromium against a real Voila on a demo database; and on the exported
HTML report. Any serious or critical violation fails, with its rule, its targets and the page.

axe-core comes inside the axe-playwright-python package (its ``axe.min.js``), injected into the
page by Playwright: nothing loads from outside 127.0.0.1.
"""

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from roundtable_lib.dashboards import PAGES
from tests.helpers import report_figure

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "a11y"
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}
SIZES = {"phone": PHONE, "projector": PROJECTOR}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
FAILING = ("serious", "critical")
# Typed in one language only: on a page in the other, each must say which language it is in.
ENGLISH_ONLY = "Hotline posters in every fishing port"
THAI_ONLY = "โปสเตอร์สายด่วนในท่าเรือประมงทุกแห่ง"


@pytest.fixture(scope="module")
def a11y_voila(tmp_path_factory):
    """One Voila on a demo database, with an item typed only in English and one only in Thai."""
    from roundtable_lib import Store, load_meeting
    from roundtable_lib.demo import fill_demo
    from tests.helpers import MEETING_FILE, VoilaServer

    folder = tmp_path_factory.mktemp("a11y-voila")
    with Store(folder / "demo.db", actor="tests") as store:
        store.init(load_meeting(MEETING_FILE))
        fill_demo(store)
        session = store.current_session()
        store.add_item(session, "progress", text_en=ENGLISH_ONLY, org="map")
        store.add_item(session, "progress", text_th=THAI_ONLY, org="map")
        fill_the_day(store)
    server = VoilaServer(folder / "demo.db", folder)
    yield server
    server.stop()


def fill_the_day(store):
    """A long day: pages taller and wider than a phone, where a region that scrolls would show."""
    words = "Shelter referrals across the border need one contact list that every partner keeps up to date"
    for agenda_item in store.meeting.agenda:
        store.add_item(agenda_item.id, "summary", text_en=f"{agenda_item.id}: {words}. " * 3)
    for n in range(24):
        kind, org = ("challenge", "fed") if n % 2 else ("progress", "map")
        store.add_item(store.current_session(), kind, text_en=f"{n}. {words}", org=org)


@pytest.fixture(scope="module")
def summary():
    """What axe found on each page, written to test-artifacts/a11y/axe-summary.txt at the end."""
    rows = {}
    yield rows
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    lines = [f"{page}: {figures}" for page, figures in sorted(rows.items())]
    (ARTIFACTS / "axe-summary.txt").write_text("\n".join(lines) + "\n")
    (ARTIFACTS / "axe-summary.json").write_text(json.dumps(rows, indent=1, sort_keys=True))
    totals = {}
    for figures in rows.values():
        for impact, n in figures["violations"].items():
            totals[impact] = totals.get(impact, 0) + n
    report_figure(f"axe-core (WCAG 2.1 A/AA): {len(rows)} page views checked, violations by impact {totals or 'none'}")


def run_axe(page, where, summary):
    """axe on ``page`` as it is now; records the counts by impact under ``where`` and returns the
    serious and critical violations as lines a person can act on."""
    results = Axe().run(page, options=WCAG).response
    by_impact = {}
    for violation in results["violations"]:
        impact = violation.get("impact") or "none"
        by_impact[impact] = by_impact.get(impact, 0) + len(violation["nodes"])
    # "needs review": rules axe could not decide alone (a colour over an image, ...), for a person.
    summary[where] = {
        "rules passed": len(results["passes"]),
        "needs review": sorted(r["id"] for r in results["incomplete"]),
        "violations": by_impact,
    }
    return [
        f"{where}: {v['impact']} {v['id']} ({v['help']}) at {node['target']}"
        for v in results["violations"]
        if v.get("impact") in FAILING
        for node in v["nodes"]
    ]


def open_page(page, server, name, query):
    page.goto(server.url(f"{name}.ipynb", query), wait_until="commit", timeout=90_000)
    page.locator(".rt h1").first.wait_for(timeout=90_000)
    if name == "synergies":
        page.locator("svg.rt-network").first.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_violation_on_any_dashboard_phone_or_projector(a11y_voila, chromium, summary, name, lang):
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        open_page(page, a11y_voila, name, f"lang={lang}")
        found = []
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)  # the same page at both sizes: one kernel, not two
            page.wait_for_timeout(300)
            found += run_axe(page, f"{name}?lang={lang} {size}", summary)
        # The projector view starting on this page: large type, one screen high.
        open_page(page, a11y_voila, name, f"lang={lang}&view=projector&cycle=600")
        found += run_axe(page, f"{name}?lang={lang}&view=projector", summary)
        assert found == [], "\n".join(found)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "th"])
def test_every_page_says_its_language_and_marks_text_in_the_other(a11y_voila, chromium, lang):
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        open_page(page, a11y_voila, "live", f"lang={lang}")
        page.get_by_text(ENGLISH_ONLY).first.wait_for(timeout=10_000)
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [lang, "ltr"]
        assert page.title() == {"en": "Now", "th": "ขณะนี้"}[lang]  # the page's name, in its language
        other, typed = ("en", ENGLISH_ONLY) if lang == "th" else ("th", THAI_ONLY)
        # The item typed only in the other language is marked as such; the page's own is not.
        assert page.locator(f'[lang="{other}"]', has_text=typed).count() >= 1
        own = ENGLISH_ONLY if lang == "en" else THAI_ONLY
        assert page.evaluate(
            "t => [...document.querySelectorAll('.rt li')].filter(li => li.textContent.includes(t))"
            ".every(li => (li.closest('[lang]') || document.documentElement).lang === document.documentElement.lang"
            " && !li.querySelector('[lang]'))",
            own,
        )
        # The link to the other language is named in that language, and says so.
        assert page.locator(f'nav a[hreflang="{other}"] [lang="{other}"]').count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("name", ["live", "summary", "capacity"])
def test_a_keyboard_scrolls_a_long_page_before_anything_has_the_focus(a11y_voila, chromium, name):
    """The page scrolls as a whole: Page Down moves it at once (Voila's layout scrolled an inner
    panel that the keys reached only once a link inside had the focus)."""
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        open_page(page, a11y_voila, name, "lang=th")
        assert page.evaluate("document.scrollingElement.scrollHeight") > PHONE["height"]  # a long page
        page.keyboard.press("PageDown")
        page.wait_for_function("document.scrollingElement.scrollTop > 0", timeout=5_000)
        page.keyboard.press("End")
        page.wait_for_function(
            "Math.abs(document.scrollingElement.scrollTop + innerHeight - document.scrollingElement.scrollHeight) < 2",
            timeout=5_000,
        )
    finally:
        context.close()


def test_no_serious_violation_in_the_exported_html(tmp_path, chromium, summary):
    from roundtable_lib import Store, load_meeting
    from roundtable_lib.demo import fill_demo
    from roundtable_lib.outputs.export import export_all
    from tests.helpers import MEETING_FILE

    db = tmp_path / "demo.db"
    with Store(db, actor="tests") as store:
        store.init(load_meeting(MEETING_FILE))
        fill_demo(store)
    out = tmp_path / "out"
    export_all(db, out, charts=False, pdf=False)
    reports = sorted(out.rglob("*.html"))
    assert reports
    found = []
    for size, viewport in SIZES.items():
        context = chromium.new_context(viewport=viewport)
        try:
            page = context.new_page()
            for report in reports:
                page.goto(report.as_uri())
                assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["en", "ltr"]
                # The Thai of the report (the organisations' names, Thai entries) says it is Thai.
                thai = page.locator('[lang="th"]')
                assert thai.count() > 0 and all(
                    any("\u0e00" <= ch <= "\u0e7f" for ch in text) for text in thai.all_inner_texts()
                )
                found += run_axe(page, f"export {report.name} {size}", summary)
        finally:
            context.close()
    assert found == [], "\n".join(found)


def test_no_serious_violation_on_the_too_many_viewers_page(chromium, summary):
    import roundtable_lib

    too_many = Path(roundtable_lib.__file__).parent / "share/jupyter/voila/templates/roundtable/503.html"
    context = chromium.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(too_many.as_uri())
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("h1[lang=th], p[lang=th]").count() == 2  # the Thai half says it is Thai
        assert run_axe(page, "503 too many viewers phone", summary) == []
    finally:
        context.close()
