"""A real Voila server, a real Chromium driven by Playwright, a real SQLite file."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

XSS = '<img src=x onerror="window.__pwned=1;alert(1)">'


def test_live_dashboard_shows_a_capture_without_reload(voila, fresh_store, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    fresh_store.set_current_session("s2")
    page.goto(voila.url("live.ipynb"))
    page.get_by_text("Session 2: Working effectively together", exact=False).wait_for(timeout=60_000)
    page.get_by_text("Nothing captured yet in this session.").wait_for()
    page.evaluate("window.__sameDocument = 'yes'")

    fresh_store.add_item("s2", "progress", text_en="Radio show reaches 30,000 listeners", org="map")
    page.get_by_text("Radio show reaches 30,000 listeners").first.wait_for(timeout=10_000)
    page.get_by_text("MAP Foundation").wait_for()
    assert page.evaluate("window.__sameDocument") == "yes"  # updated in place, not reloaded

    fresh_store.add_item("s2", "challenge", text_en=XSS, org="fed")
    page.get_by_text(XSS).first.wait_for(timeout=10_000)  # shown as text ...
    assert page.evaluate("window.__pwned") is None  # ... and never run
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
    assert page.evaluate("window.__sameDocument") == "yes"


def test_live_dashboard_in_thai_follows_the_current_session(voila, fresh_store, page):
    fresh_store.add_item("s3", "recommendation", text_th="ยอมรับงานบ้านเป็นงาน")
    page.goto(voila.url("live.ipynb", "lang=th"))
    page.get_by_text("กล่าวต้อนรับและแนะนำตัว").wait_for(timeout=60_000)  # the first agenda item
    fresh_store.set_current_session("s3")
    page.get_by_text("ยอมรับงานบ้านเป็นงาน").first.wait_for(timeout=10_000)
    page.get_by_text("ช่วงที่ 3", exact=False).first.wait_for()


def test_sensitive_and_deleted_items_never_reach_the_page(voila, fresh_store, page):
    fresh_store.set_current_session("s2")
    shown = fresh_store.add_item("s2", "progress", text_en="public progress", org="map")
    fresh_store.add_item("s2", "challenge", text_en="survivor case detail", org="fed", sensitive=True)
    page.goto(voila.url("live.ipynb"))
    page.get_by_text("public progress").first.wait_for(timeout=60_000)
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


# ------------------------------------- every dashboard in a real browser, with no internet at the venue

import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402
from pathlib import Path  # noqa: E402

from playwright.sync_api import expect  # noqa: E402

from roundtable_lib.dashboards import PAGES  # noqa: E402
from tests.helpers import seed_session_3_vote  # noqa: E402
from tests.helpers.kernels import kernel_ids  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture(scope="module")
def demo_voila(tmp_path_factory):
    """One Voila on a demo database for every read-only test of this module (servers are slow to start)."""
    from roundtable_lib import Store, load_meeting
    from roundtable_lib.demo import fill_demo
    from tests.helpers import MEETING_FILE, VoilaServer

    folder = tmp_path_factory.mktemp("demo-voila")
    with Store(folder / "demo.db", actor="tests") as store:
        store.init(load_meeting(MEETING_FILE))
        fill_demo(store)
    server = VoilaServer(folder / "demo.db", folder)
    yield server
    server.stop()


def offline_page(chromium, viewport):
    """A page whose browser may reach 127.0.0.1 only; every other request is blocked and recorded."""
    context = chromium.new_context(viewport=viewport)
    blocked = []

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    return context, page, blocked, failed


def wait_rendered(page, name, server=None):
    try:
        page.locator(".rt h1").first.wait_for(timeout=90_000)
    except Exception:
        # Keep what a person needs to tell a slow machine from a broken page.
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"not-rendered-{name}.png"), full_page=True)
        if server is not None:
            (ARTIFACTS / f"not-rendered-{name}-voila.log").write_text(server.output())
        raise
    if name == "synergies":
        page.locator("svg.rt-network").first.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")


HEADINGS = {
    ("index", "en"): "Rights of Migrants in Action",
    ("index", "th"): "สิทธิของแรงงานข้ามชาติ",
    ("live", "en"): "Session 2",
    ("live", "th"): "ช่วงที่ 2",
    ("synergies", "en"): "Synergies",
    ("synergies", "th"): "การเสริมพลังร่วมกัน",
    ("recommendations", "en"): "Joint recommendations",
    ("recommendations", "th"): "ข้อเสนอแนะร่วม",
    ("capacity", "en"): "Capacity building",
    ("capacity", "th"): "การเสริมสร้างศักยภาพ",
    ("summary", "en"): "The day so far",
    ("summary", "th"): "สรุปการประชุมวันนี้",
}


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_dashboard_renders_offline_on_a_phone(demo_voila, chromium, name, lang):
    context, page, blocked, failed = offline_page(chromium, PHONE)
    try:
        page.goto(demo_voila.url(f"{name}.ipynb", f"lang={lang}"), wait_until="commit", timeout=90_000)
        wait_rendered(page, name, demo_voila)
        page.get_by_text(HEADINGS[name, lang]).first.wait_for()
        assert blocked == [], blocked  # nothing needed from outside 127.0.0.1 ...
        assert [u for u in failed if "/api/shutdown/" not in u] == []  # ... and everything local loaded
        body = page.inner_text("body")
        assert "Traceback" not in body and "Error" not in body
        assert "Ranong" not in page.content()  # the demo's sensitive item
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1  # no sideways scroll
        if name == "index":
            assert page.locator(".rt-qr svg").count() == 1
            icon = page.locator("i.fa-bolt").first
            assert icon.evaluate("e => getComputedStyle(e, '::before').content") not in ("none", "normal", "")
            page.wait_for_function("document.fonts.check('900 16px \"Font Awesome 5 Free\"')")
            assert page.evaluate(
                "[...document.fonts].some(f => f.family.includes('Font Awesome') && f.status === 'loaded')"
            )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}-phone.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "th"])
def test_projector_view_is_large_and_cycles_through_the_dashboards(demo_voila, chromium, lang):
    context, page, blocked, _failed = offline_page(chromium, PROJECTOR)
    try:
        url = demo_voila.url("live.ipynb", f"lang={lang}&view=projector&cycle=4")
        page.goto(url, wait_until="commit", timeout=90_000)
        page.get_by_text(HEADINGS["live", lang]).first.wait_for(timeout=90_000)
        size = page.locator(".rt-projector .rt").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 28
        page.evaluate("window.__sameDocument = 'yes'")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shots = {"live"}
        page.screenshot(path=str(SCREENSHOTS / f"live-{lang}-projector.png"))
        for name in ("synergies", "recommendations", "capacity", "summary", "index"):
            page.get_by_role("heading", name=HEADINGS[name, lang]).first.wait_for(timeout=20_000)
            if name == "synergies":
                page.locator("svg.rt-network").first.wait_for(timeout=10_000)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}-projector.png"))
            shots.add(name)
        assert shots == set(PAGES)
        assert page.evaluate("window.__sameDocument") == "yes"  # cycled in place: no reload, no new kernel
        assert blocked == []
    finally:
        context.close()


def _get(url, data=None, method=None, cookies=""):
    request = urllib.request.Request(url, data=data, method=method, headers={"Cookie": cookies} if cookies else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


HOSTILE = [
    "/voila/render/../02_implementation_updates.ipynb",
    "/voila/render/%2e%2e/02_implementation_updates.ipynb",
    "/voila/render/..%2f02_implementation_updates.ipynb",
    "/voila/render/%2e%2e%2f%2e%2e%2fdata%2fmeeting.yaml",
    "/voila/files/../02_implementation_updates.ipynb",
    "/voila/files/%2e%2e/%2e%2e/data/meeting.yaml",
    "/voila/files/live.ipynb",
    "/voila/files/{db}",
    "/voila/static/../../../../pyproject.toml",
    "/voila/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/voila/templates/lab/static/../../../../../../../../etc/passwd",
    "/voila/templates/lab/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/voila/templates/..%2f..%2f/static/x",
    "/voila/tree/..",
    "/voila/tree/%2e%2e",
    "/voila/api/contents/..",
    "/voila/api/contents/%2e%2e",
    "/voila/labextensions/../../../../etc/passwd",
    "/voila/render/{db}",
    "/api/kernels",
    "/api/sessions",
    "/api/contents",
    "/lab",
    "/static/../../../etc/passwd",
    "/files/data/meeting.yaml",
    "/voila/render/no-such-dashboard.ipynb",
    "/voila/render/live.ipynb?template=../../../../etc",
    "/voila/templates/x",
]
# What would show a leak: the chairs' notebook, the database, files outside the dashboards, a traceback.
LEAKS = [
    "SessionHeader",
    "CaptureForm",
    "Shift-Enter",
    "SQLite format 3",
    "root:x:0:0",
    "Traceback",
    "roma-thailand-2016",
    "[build-system]",
    "jpserver_extensions",
]


@pytest.mark.parametrize("path", HOSTILE)
def test_hostile_paths_reach_nothing_outside_the_dashboards(demo_voila, path):
    db = Path(demo_voila.plan.db)
    for query in ("", f"?token={demo_voila.plan.voila_token}"):
        url = demo_voila.base + path.format(db=db.name) + (query.replace("?", "&") if "?" in path else query)
        status, body = _get(url)
        leaked = [marker for marker in LEAKS if marker in body]
        assert not leaked, (url, status, leaked)
        if status == 200:  # the login form (without the token) or Voila's own pages, never a file
            assert "<html" in body.lower() or body.startswith("{"), (url, body[:200])


def test_voila_lists_only_the_dashboards(demo_voila):
    import json

    status, body = _get(demo_voila.base + f"/voila/api/contents?token={demo_voila.plan.voila_token}")
    assert status == 200
    names = {entry["name"] for entry in json.loads(body)["content"]}
    assert names == {f"{name}.ipynb" for name in PAGES}


def test_a_browser_cannot_run_code_in_a_dashboard_kernel(demo_voila, chromium, tmp_path):
    """Voila forwards only comm and info messages to kernels: an execute_request is dropped."""
    marker = tmp_path / "pwned"
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    sockets = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        page.goto(demo_voila.url("live.ipynb"), wait_until="commit", timeout=90_000)
        page.locator(".rt h1").first.wait_for(timeout=90_000)
        channel = next(u for u in sockets if "/channels" in u)
        code = f"open({str(marker)!r}, 'w').write('ran')"
        replies = page.evaluate(
            """([url, code]) => new Promise(resolve => {
                const ws = new WebSocket(url.replace(/session_id=[^&]*/, 'session_id=attacker'));
                const replies = [];
                ws.onmessage = e => {
                    if (typeof e.data === 'string') replies.push(JSON.parse(e.data).header.msg_type);
                };
                const send = (msg_id, msg_type, content) => ws.send(JSON.stringify({
                    header: {msg_id, msg_type, username: 'a', session: 'attacker', version: '5.3',
                             date: new Date().toISOString()},
                    parent_header: {}, metadata: {}, channel: 'shell', buffers: [], content}));
                ws.onopen = () => {
                    send('x1', 'execute_request', {code, silent: false, store_history: false, user_expressions: {},
                                                   allow_stdin: false, stop_on_error: true});
                    send('x2', 'kernel_info_request', {});
                    setTimeout(() => { ws.close(); resolve(replies); }, 4000);
                };
                ws.onerror = () => resolve(['socket error']);
            })""",
            [channel, code],
        )
        assert "kernel_info_reply" in replies, replies  # the channel works: this test can fail ...
        assert "execute_reply" not in replies  # ... but code is never run
        assert not marker.exists()
    finally:
        context.close()
    assert not marker.exists()


# ---------------------------------------------------------------- live updates, against a fresh database


def _latency(page, store_write, text, timeout=10_000):
    start = time.monotonic()
    store_write()
    page.get_by_text(text).first.wait_for(timeout=timeout)
    return time.monotonic() - start


def test_edits_deletes_votes_and_the_timer_show_without_reload(voila, fresh_store, page):
    import datetime as dt

    a, b, poll = seed_session_3_vote(fresh_store)
    page.goto(voila.url("live.ipynb"), wait_until="commit", timeout=90_000)
    page.get_by_text("Weekly day off").first.wait_for(timeout=90_000)
    page.evaluate("window.__sameDocument = 'yes'")

    timings = {
        "capture": _latency(
            page,
            lambda: fresh_store.add_item("s3", "recommendation", text_en="Fund migrant-led groups"),
            "Fund migrant-led groups",
        ),
        "edit": _latency(
            page,
            lambda: fresh_store.update_item(a["id"], text_en="A weekly day off for all"),
            "A weekly day off for all",
        ),
        "reveal": _latency(page, lambda: fresh_store.reveal_poll(poll["id"]), "Vote results: Priorities"),
        "timer": _latency(
            page,
            lambda: fresh_store.set_state(
                "timer",
                {
                    "session": "s3",
                    "started_at": dt.datetime.now(dt.UTC).isoformat(),
                    "duration_minutes": 10,
                    "running": True,
                },
            ),
            "Time left",
        ),
    }
    ranking = page.locator("ol").first.inner_text()
    assert ranking.index("Cross-border referral") < ranking.index("A weekly day off for all")
    fresh_store.delete_item(b["id"])
    expect(page.get_by_text("Cross-border referral")).to_have_count(0, timeout=10_000)
    fresh_store.set_state("timer", {"session": "s3", "running": False})
    expect(page.get_by_text("Time left")).to_have_count(0, timeout=10_000)
    assert page.evaluate("window.__sameDocument") == "yes"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "latency.txt").write_text("".join(f"{k}: {v:.2f} s\n" for k, v in timings.items()))


def test_recommendations_dashboard_ranks_after_reveal_and_drops_sensitive(voila, fresh_store, page):
    a = fresh_store.add_item("s3", "recommendation", text_en="first captured")
    b = fresh_store.add_item("s3", "recommendation", text_en="most voted")
    person, _ = fresh_store.add_participant("P", "map")
    poll = fresh_store.create_poll("s3", "Priorities", options=[a["id"], b["id"]], budget=3)
    fresh_store.cast_ballot(poll["id"], person["id"], {poll["options"][1]["id"]: 3})
    page.goto(voila.url("recommendations.ipynb"), wait_until="commit", timeout=90_000)
    page.get_by_text("Not yet ranked").wait_for(timeout=90_000)
    fresh_store.close_poll(poll["id"])
    fresh_store.reveal_poll(poll["id"])
    page.get_by_text("#1").first.wait_for(timeout=10_000)
    text = page.inner_text("body")
    assert text.index("most voted") < text.index("first captured")
    fresh_store.update_item(b["id"], sensitive=True)
    expect(page.get_by_text("most voted")).to_have_count(0, timeout=10_000)
    assert "most voted" not in page.content()


def test_a_closed_tabs_kernel_is_reclaimed_while_captures_continue(fresh_store, tmp_path, chromium):
    from tests.helpers import VoilaServer

    # before a loaded machine's browser connects its websocket (an unconnected kernel is culled
    # like a closed tab's): 20 s leaves a slow browser room to connect, and still proves both an
    # open tab outliving the timeout and a closed tab's kernel going.
    cull = 20
    # No warm kernels: this test counts the server's kernel processes (a warm one is no viewer's).
    server = VoilaServer(fresh_store.path, tmp_path, cull_seconds=cull, warm_kernels=0)
    try:
        context = chromium.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(server.url("live.ipynb"), wait_until="commit", timeout=90_000)
        page.get_by_text("Welcome remarks", exact=False).first.wait_for(timeout=90_000)
        fresh_store.add_item("welcome", "expectation", text_en="still open")
        page.get_by_text("still open").first.wait_for(timeout=10_000)
        time.sleep(cull + 10)  # longer than the cull timeout (+ 2 cull intervals): an open tab keeps its kernel
        assert len(kernel_ids(server.proc.pid)) == 1
        context.close()
        deadline = time.monotonic() + cull + 90
        n = 0
        while kernel_ids(server.proc.pid) and time.monotonic() < deadline:
            fresh_store.add_item("welcome", "expectation", text_en=f"capture {n} after the tab closed")
            n += 1
            time.sleep(1)
        assert kernel_ids(server.proc.pid) == set()
        assert "Culling" in server.output()
    finally:
        server.stop()


def test_too_many_viewers_get_a_clear_page(fresh_store, tmp_path, chromium):
    from tests.helpers import VoilaServer

    server = VoilaServer(fresh_store.path, tmp_path, max_viewers=2)
    try:
        context = chromium.new_context(viewport=PHONE)
        for _ in range(2):
            p = context.new_page()
            p.goto(server.url("live.ipynb"), wait_until="commit", timeout=90_000)
            p.locator(".rt h1").first.wait_for(timeout=90_000)
        status, body = _get(server.url("summary.ipynb"))
        assert status == 503
        assert "Too many viewers right now" in body and "ผู้ชมมากเกินไป" in body
        assert "Traceback" not in body and "The error was" not in body
        overflow = context.new_page()
        overflow.goto(server.url("live.ipynb", "lang=th"), wait_until="commit", timeout=90_000)
        overflow.get_by_text("Please retry shortly").wait_for()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        overflow.screenshot(path=str(SCREENSHOTS / "too-many-viewers-phone.png"))
        context.close()
    finally:
        server.stop()


def test_the_chairs_presentation_timer_counts_down_by_itself(fresh_store, tmp_path, page):
    """The chairs' clock ticks in a real browser without any click after Start (its tick must be
    started by the front end, like the dashboards')."""
    import os
    import re
    import subprocess
    import sys

    import nbformat

    from tests.helpers import free_port, wait_for_http

    code = (
        "from roundtable_lib import Store\n"
        "from roundtable_lib.chair.facilitation import PresentationTimer\n"
        'PresentationTimer(Store(actor="chair:s2"), "s2")'
    )
    folder = tmp_path / "chair"
    folder.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)]), folder / "timer.ipynb")
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            str(folder / "timer.ipynb"),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--token=chair-test",
        ],
        env={**os.environ, "ROUNDTABLE_DB": str(fresh_store.path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", proc=proc)
        page.goto(f"http://127.0.0.1:{port}/?token=chair-test")
        page.get_by_role("button", name="Start").click()
        clock = page.get_by_text(re.compile(r"MAP: \d+:\d\d"))
        clock.wait_for(timeout=30_000)
        first = clock.inner_text()
        expect(clock).not_to_have_text(first, timeout=5_000)  # it moved on its own
        assert fresh_store.get_state("timer")["org"] == "map"
    finally:
        proc.terminate()
        proc.wait(timeout=15)
