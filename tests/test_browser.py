"""A real Voila server, a real Chromium driven by Playwright, a real SQLite file."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

XSS = "<img src=x onerror=\"window.__pwned=1;alert(1)\">"


def test_live_dashboard_shows_a_capture_without_reload(voila, fresh_store, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    fresh_store.set_current_session("s2")
    page.goto(voila.url("live.ipynb"))
    page.get_by_text("Session 2: Working effectively together", exact=False).wait_for(timeout=60_000)
    page.get_by_text("Nothing captured yet in this session.").wait_for()
    page.evaluate("window.__sameDocument = 'yes'")

    fresh_store.add_item("s2", "progress", text_en="Radio show reaches 30,000 listeners", org="map")
    page.get_by_text("Radio show reaches 30,000 listeners").wait_for(timeout=10_000)
    page.get_by_text("MAP Foundation").wait_for()
    assert page.evaluate("window.__sameDocument") == "yes"  # updated in place, not reloaded

    fresh_store.add_item("s2", "challenge", text_en=XSS, org="fed")
    page.get_by_text(XSS).wait_for(timeout=10_000)  # shown as text ...
    assert page.evaluate("window.__pwned") is None  # ... and never run
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
    assert page.evaluate("window.__sameDocument") == "yes"


def test_live_dashboard_in_thai_follows_the_current_session(voila, fresh_store, page):
    fresh_store.add_item("s3", "recommendation", text_th="ยอมรับงานบ้านเป็นงาน")
    page.goto(voila.url("live.ipynb", "lang=th"))
    page.get_by_text("กล่าวต้อนรับและแนะนำตัว").wait_for(timeout=60_000)  # the first agenda item
    fresh_store.set_current_session("s3")
    page.get_by_text("ยอมรับงานบ้านเป็นงาน").wait_for(timeout=10_000)
    page.get_by_text("ช่วงที่ 3", exact=False).first.wait_for()


def test_sensitive_and_deleted_items_never_reach_the_page(voila, fresh_store, page):
    fresh_store.set_current_session("s2")
    shown = fresh_store.add_item("s2", "progress", text_en="public progress", org="map")
    fresh_store.add_item("s2", "challenge", text_en="survivor case detail", org="fed", sensitive=True)
    page.goto(voila.url("live.ipynb"))
    page.get_by_text("public progress").wait_for(timeout=60_000)
    assert "survivor case detail" not in page.content()
    fresh_store.update_item(shown["id"], sensitive=True)
    page.get_by_text("Nothing captured yet in this session.").wait_for(timeout=10_000)
    assert "public progress" not in page.content()


def test_without_the_token_nothing_is_served(voila):
    import urllib.error
    import urllib.request

    for path in ("/voila/render/live.ipynb", "/voila/tree", "/voila/files/live.ipynb", "/"):
        try:
            with urllib.request.urlopen(voila.base + path, timeout=30) as response:
                body = response.read().decode("utf-8", "replace")
                assert "/login" in response.url, (path, response.url)  # sent to the token page
                assert "Rights of Migrants" not in body and "roundtable_lib" not in body, path
        except urllib.error.HTTPError as err:
            assert err.code in (401, 403, 404), (path, err.code)
