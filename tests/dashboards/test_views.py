"""The participants' dashboards without a browser: real store files, widgets driven directly."""

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import ipywidgets as widgets
import pytest

from roundtable_lib import ReadOnlyStore, Store
from roundtable_lib.dashboards.network import synergy_links, synergy_network
from roundtable_lib.dashboards.views import (
    DASHBOARDS,
    PAGES,
    CapacityDashboard,
    LiveDashboard,
    Projector,
    RecommendationsDashboard,
    capacity_cells,
    open_dashboard,
    participants_url,
    qr_svg,
)
from roundtable_lib.display import html
from roundtable_lib.meeting.rules import match_offers_asks
from tests.helpers import html_values, seed_session_3_vote

ROOT = Path(__file__).resolve().parents[2]
XSS = '<img src=x onerror="window.__pwned=1">'
SECRET = "survivor case detail"


@pytest.fixture
def public_demo(demo_store):
    store = Store(demo_store.path, readonly=True, public=True, actor="dashboard")
    yield store
    store.close()


def all_widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from all_widgets(child)


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_dashboard_draws_the_demo_without_sensitive_items(public_demo, demo_store, name, lang):
    demo_store.add_item("s2", "synergy", text_en=SECRET, orgs=["map", "fed"], sensitive=True)
    demo_store.add_item("s3", "recommendation", text_en=SECRET, sensitive=True)
    demo_store.add_item("s4", "need", text_en=SECRET, org="map", attrs={"area": SECRET}, sensitive=True)
    page = PAGES[name](public_demo, lang)
    text = "".join(html_values(page))
    assert page.status.value == ""
    assert len(page.body.children) >= 1
    assert SECRET not in text
    assert "Ranong" not in text  # the demo's sensitive item
    if lang == "th":
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def test_dashboards_refuse_a_store_that_can_write_or_shows_everything(demo_store):
    with pytest.raises(ValueError):
        LiveDashboard(demo_store)
    readonly_private = Store(demo_store.path, readonly=True, actor="x")
    with pytest.raises(ValueError):
        LiveDashboard(readonly_private)


def test_no_dashboard_widget_has_a_write_path(public_demo):
    """Only display widgets: nothing a participant can type into or press, and the store refuses."""
    allowed = (widgets.HTML, widgets.Output, widgets.Box, widgets.Play)
    projector = Projector(public_demo, "en")
    for page in projector.pages:
        for w in all_widgets(page):
            assert isinstance(w, allowed), type(w)
    with pytest.raises(ReadOnlyStore):
        public_demo.add_item("s2", "note", text_en="from a dashboard")


def test_a_capture_redraws_only_the_cards_it_changed(fresh_store, public_store):
    fresh_store.set_current_session("s2")
    fresh_store.add_item("s2", "progress", text_en="first", org="map")
    fresh_store.add_item("s2", "progress", text_en="other", org="fed")
    dashboard = LiveDashboard(public_store, tick=False)
    changed = []
    for key, card in dashboard._cards.items():
        card.observe(lambda change, key=key: changed.append(key), names="value")
    dashboard.body.observe(lambda change: changed.append("children"), names="children")

    dashboard.refresh()  # nothing changed: nothing sent
    assert changed == []

    fresh_store.add_item("s2", "challenge", text_en="second", org="map")
    dashboard.refresh()
    assert sorted(changed) == ["latest", "org:map"]  # not the header, not FED's card, not the page


def test_edit_delete_reveal_and_timer_each_reach_the_live_dashboard(fresh_store, public_store, meeting):
    a, b, poll = seed_session_3_vote(fresh_store)
    dashboard = LiveDashboard(public_store, tick=False)
    page = lambda: "".join(html_values(dashboard))  # noqa: E731

    fresh_store.update_item(a["id"], text_en="A weekly day off for all")
    dashboard.refresh()
    assert "A weekly day off for all" in page()
    assert "Vote results" not in page()

    fresh_store.reveal_poll(poll["id"])
    dashboard.refresh()
    assert "Vote results" in page()
    assert page().index("#1</span> Cross-border referral") < page().index("#2</span> A weekly day off")

    fresh_store.delete_item(b["id"])
    dashboard.refresh()
    assert "Cross-border referral" not in page()

    started = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).isoformat()
    fresh_store.set_state(
        "timer", {"session": "s3", "org": "map", "started_at": started, "duration_minutes": 5, "running": True}
    )
    dashboard.refresh()
    assert "Time left 03:5" in dashboard.timer.value or "Time left 04:00" in dashboard.timer.value
    fresh_store.set_state("timer", {"session": "s3", "running": False})
    dashboard.refresh()
    assert dashboard.timer.value == ""


NOW = dt.datetime(2016, 7, 12, 10, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "state, shown",
    [
        (None, ""),
        ({}, ""),
        ({"running": True}, ""),  # partial: no start, no duration
        ({"running": True, "started_at": "not a date", "duration_minutes": 5}, ""),
        ({"running": True, "started_at": "2016-07-12T09:58:00+00:00", "duration_minutes": "five"}, ""),
        ({"running": False, "started_at": "2016-07-12T09:58:00+00:00", "duration_minutes": 5}, "05:00 (paused)"),
        ({"running": True, "session": "s4", "started_at": "2016-07-12T09:58:00+00:00", "duration_minutes": 5}, ""),
        (
            {"running": True, "session": "s2", "started_at": "2016-07-12T09:58:00+00:00", "duration_minutes": 5},
            "Time left 03:00",
        ),
        ({"running": True, "started_at": "2016-07-12T09:58:00Z", "duration_minutes": 1}, "Over time by 01:00"),
        (
            {"running": True, "started_at": "2016-07-12T09:58:00", "duration_minutes": 2.5, "org": "nobody"},
            "Time left 00:30",
        ),
        ("a string", ""),
    ],
)
def test_the_timer_shows_only_a_well_formed_timer_of_this_session(meeting, state, shown):
    page = html.timer(meeting, state, "s2", "en", now=NOW)
    if shown:
        assert shown in page
    else:
        assert page == ""


@pytest.mark.parametrize(
    "kind, fields",
    [
        ("synergy", dict(orgs=["map", "fed"])),
        ("offer", dict(org="map", attrs={"topic": XSS})),
        ("ask", dict(org="fed", attrs={"topic": XSS})),
        ("recommendation", {}),
        ("need", dict(org="map", attrs={"area": XSS})),
        ("training", dict(orgs=["map"], attrs={"provider": XSS, "timing": XSS})),
        ("summary", {}),
        ("progress", dict(org="map")),
    ],
)
def test_captured_text_is_escaped_on_every_dashboard(fresh_store, public_store, kind, fields):
    fresh_store.set_current_session("s2")
    fresh_store.add_item("s2", kind, text_en=XSS, text_th=XSS, **fields)
    for lang in ("en", "th"):
        projector = Projector(public_store, lang)
        for page in projector.pages:
            page.refresh()
            for value in html_values(page):
                assert "<img" not in value
        assert any("&lt;img" in v for v in html_values(projector)), kind


def test_poll_options_of_sensitive_or_deleted_items_do_not_leak(fresh_store, public_store):
    items = [fresh_store.add_item("s3", "recommendation", text_en=f"rec {n}") for n in range(3)]
    person, _ = fresh_store.add_participant("P", "map")
    poll = fresh_store.create_poll("s3", "Priorities", options=[i["id"] for i in items], budget=3)
    fresh_store.cast_ballot(poll["id"], person["id"], {o["id"]: 1 for o in poll["options"]})
    fresh_store.close_poll(poll["id"])
    fresh_store.reveal_poll(poll["id"])
    fresh_store.update_item(items[0]["id"], sensitive=True)
    fresh_store.delete_item(items[1]["id"])

    assert [o["label_en"] for o in public_store.get_poll(poll["id"])["options"]] == ["rec 2"]
    assert [r["label_en"] for r in public_store.poll_results(poll["id"])["results"]] == ["rec 2"]
    assert len(fresh_store.get_poll(poll["id"])["options"]) == 3  # the chairs still see all of them
    text = "".join(html_values(RecommendationsDashboard(public_store, tick=False)))
    assert "rec 2" in text and "rec 0" not in text and "rec 1" not in text


def test_recommendations_are_ranked_only_once_revealed(fresh_store, public_store):
    a = fresh_store.add_item("s3", "recommendation", text_en="first captured")
    b = fresh_store.add_item("s3", "recommendation", text_en="most voted")
    person, _ = fresh_store.add_participant("P", "map")
    poll = fresh_store.create_poll("s3", "Priorities", options=[a["id"], b["id"]], budget=3)
    fresh_store.cast_ballot(poll["id"], person["id"], {poll["options"][1]["id"]: 3})
    dashboard = RecommendationsDashboard(public_store, tick=False)
    text = "".join(html_values(dashboard))
    assert "Not yet ranked" in text and 'rt-rank">' not in text
    fresh_store.reveal_poll(poll["id"])
    dashboard.refresh()
    text = "".join(html_values(dashboard))
    assert text.index("most voted") < text.index("first captured")
    assert "#1</span> most voted" in text


def test_capacity_heatmap_shows_the_assessment_marked_as_a_sample(demo_store):
    cells, source = capacity_cells(demo_store.meeting, demo_store.items(kind="need"), demo_store.capacity_assessment())
    assert source == "illustrative" and all(1 <= v <= 5 for v in cells.values())
    board = CapacityDashboard(Store(demo_store.path, readonly=True, public=True))
    text = "".join(html_values(board))
    assert "Capacity assessment scores (1-5)" in text and "Illustrative sample data, not the real" in text
    assert "From capacity_assessment.csv, loaded" in text


def test_the_capacity_dashboard_says_when_no_need_is_captured_yet(fresh_store):
    board = CapacityDashboard(Store(fresh_store.path, readonly=True, public=True), tick=False)
    text = "".join(html_values(board))
    assert text.count("Nothing yet") >= 3  # the heatmap, the priority needs and the training plan


def test_capacity_heatmap_falls_back_to_captured_needs(demo_store, public_demo):
    demo_store.undo_capacity_assessment()  # no assessment stored: never a file on disk instead
    cells, source = capacity_cells(demo_store.meeting, demo_store.items(kind="need"), None)
    assert source == "needs" and cells[("map", "Monitoring & evaluation")] == 1
    page = html.heatmap(demo_store.meeting, cells)
    assert "Monitoring &amp; evaluation" in page and "<table" in page
    text = "".join(html_values(CapacityDashboard(public_demo, tick=False)))
    assert "Capacity needs by organisation" in text and "Capacity assessment scores" not in text


def test_the_needs_heatmap_counts_an_area_however_it_was_typed(fresh_store):
    """One column per area, as the capacity check and the report group them (area_key), headed
    by the first spelling seen."""
    for area in ("M & E", "M and E", "m&e", " Fund  raising"):
        fresh_store.add_item("s4", "need", f"need for {area}", org="map", attrs={"area": area})
    fresh_store.add_item("s4", "need", "their own", org="fed", attrs={"area": "M and E"})
    cells, source = capacity_cells(fresh_store.meeting, fresh_store.items(kind="need"), None)
    assert source == "needs"
    assert cells == {("map", "M & E"): 3, ("map", "Fund raising"): 1, ("fed", "M & E"): 1}
    page = html.heatmap(fresh_store.meeting, cells)
    assert page.count("<th>M &amp; E</th>") == 1 and "M and E" not in page


def test_synergy_links_and_network(demo_store, meeting):
    synergies = demo_store.items(kind="synergy")
    offers, asks = demo_store.items(kind="offer"), demo_store.items(kind="ask")
    expected = {(m["offer"]["org"], m["ask"]["org"]) for m in match_offers_asks([*offers, *asks])}
    assert ("flep", "fed") in expected and ("map", "lsdf") in expected
    links = synergy_links(synergies, offers, asks)
    assert links == synergy_links(list(reversed(synergies)), offers, asks)  # stable: no needless redraw
    assert ("fed", "lsdf", "synergy", synergies[1]["id"]) in links
    assert sum(1 for link in links if link[2] == "match") == len(expected)
    svg = synergy_network(meeting, links, "th")
    root = ElementTree.fromstring(svg)  # well-formed SVG
    ns = {"s": "http://www.w3.org/2000/svg"}
    labels = [node.find("s:text", ns).text for node in root.findall("s:g", ns)]
    assert labels == [o.label("th") for o in meeting.organisations]  # the meeting's order, in Thai
    kinds = {line.get("class") for line in root.findall("s:line", ns) if line.get("class")}
    assert kinds == {"rt-link rt-synergy", "rt-link rt-match"}
    assert all(
        (line.get("stroke-dasharray") is not None) == ("rt-match" in line.get("class"))
        for line in root.findall("s:line", ns)
        if line.get("class")
    )
    assert synergy_network(meeting, links, "th") == svg  # same links, same drawing: no needless resend


def test_network_text_is_escaped(meeting):
    from roundtable_lib.meeting.definition import Organisation

    hostile = dataclasses.replace(
        meeting,
        organisations=[
            Organisation(id="x", kind="cso", name={"en": "<b>X</b>"}, short={"en": '<img src=x onerror="1">'}, city={})
        ],
    )
    svg = synergy_network(hostile, (), "en")
    assert "<img" not in svg and "<b>" not in svg
    ElementTree.fromstring(svg)


def test_projector_cycles_through_every_page_in_large_type(public_demo):
    projector = Projector(public_demo, "th", start="synergies", seconds=3)
    assert projector.current.name == "synergies"
    assert "rt-projector" in projector._dom_classes
    seen = [projector.current.name]
    ticks_per_second = 1000 // projector.tick.period_ms
    for tick in range(1, 3 * len(projector.pages) * ticks_per_second + 1):
        projector.tick.value = tick
        if projector.current.name != seen[-1]:
            seen.append(projector.current.name)
    assert sorted(set(seen)) == sorted(["index", *DASHBOARDS])
    assert projector.screen.children == (projector.current,)


def test_landing_page_has_a_qr_code_of_the_participants_address(public_demo):
    url = "http://192.168.1.20:8866/voila/render/index.ipynb?token=abc"
    assert participants_url({"ROUNDTABLE_PUBLIC_URL": url, "VOILA_REQUEST_URL": "http://127.0.0.1/x"}) == url
    assert participants_url({"VOILA_REQUEST_URL": "http://127.0.0.1/x"}) == "http://127.0.0.1/x"
    svg = qr_svg(url)
    assert svg.startswith("<svg") and "token" not in svg  # the address is in the modules, not in text
    landing = PAGES["index"](public_demo, "en", url=url)
    text = "".join(html_values(landing))
    assert "<svg" in text and 'href="live.ipynb"' in text and 'href="live.ipynb?view=projector"' in text


@pytest.mark.parametrize("view", ["", "projector"])
def test_dashboard_notebooks_open_the_store_read_only_and_public(demo_store, monkeypatch, view):
    monkeypatch.setenv("ROUNDTABLE_DB", str(demo_store.path))
    widget = open_dashboard("summary", "en", view)
    store = widget.store
    assert store.readonly and store.public
    with pytest.raises(ReadOnlyStore):
        store.set_current_session("s1")


@pytest.mark.parametrize(
    "query",
    [
        "lang=<script>alert(1)</script>",
        "lang=fr",
        "view=projector&cycle=-5",
        "view=projector&cycle=abc",
        "view=<b>",
        "lang=th&lang=en",
        "cycle=99999999999999999999&view=projector",
        "",
    ],
)
def test_odd_query_strings_still_give_a_dashboard(demo_store, monkeypatch, query):
    from roundtable_lib.dashboards import query_param

    monkeypatch.setenv("ROUNDTABLE_DB", str(demo_store.path))
    monkeypatch.setenv("QUERY_STRING", query)
    widget = open_dashboard("live", lang=query_param("lang", "en"), view=query_param("view"))
    assert widget.lang in ("en", "th")
    assert all("<script" not in v and "alert(1)" not in v for v in html_values(widget))
    if isinstance(widget, Projector):
        assert widget.seconds >= 3


def test_an_unreadable_database_shows_a_notice_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("ROUNDTABLE_DB", str(tmp_path / "missing.db"))
    widget = open_dashboard("live", "th")
    assert "แดชบอร์ดยังไม่พร้อมใช้งาน" in widget.value


def test_a_failing_refresh_keeps_the_page_and_says_so(meeting, tmp_path):
    copy = tmp_path / "copy.db"
    with Store(copy) as writer:
        writer.init(meeting)
    store = Store(copy, readonly=True, public=True)
    dashboard = LiveDashboard(store, tick=False)
    before = [c.value for c in dashboard._cards.values()]
    store.close()
    copy.write_bytes(b"this is not a database" * 100)
    dashboard.refresh()
    assert "Updates paused" in dashboard.status.value
    assert [c.value for c in dashboard._cards.values()] == before


def test_the_template_is_voilas_lab_template_without_its_cdn_links():
    import voila.paths

    lab = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates" / "lab" / "index.html.j2"
    assert lab.exists(), voila.paths.__file__
    ours = ROOT / "roundtable_lib" / "share" / "jupyter" / "voila" / "templates" / "roundtable" / "index.html.j2"
    theirs = [line for line in lab.read_text().splitlines() if "cdn.jsdelivr.net" not in line]
    # Ours adds one block at its end (the page's language), after a marker comment.
    mine = ours.read_text().split("-#}\n", 1)[1].split("\n{#- roundtable: the page's language -#}")[0].splitlines()
    assert mine == theirs, "Voila's lab template changed: copy it again, dropping only the CDN links"
    assert "http" not in "".join(line for line in mine if "<link" in line or "<script" in line)


DASHBOARD_NOTEBOOKS = sorted((ROOT / "notebooks" / "dashboards").glob("*.ipynb"))


def test_every_dashboard_notebook_is_tiny_and_named_in_the_pages():
    assert {p.stem for p in DASHBOARD_NOTEBOOKS} == set(PAGES)
    for path in DASHBOARD_NOTEBOOKS:
        nb = json.loads(path.read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert 1 <= len(code) <= 3
        source = "".join("".join(c["source"]) for c in code)
        assert "def " not in source and "class " not in source and "SELECT" not in source.upper()
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
        assert "widgets" not in nb["metadata"]


@pytest.mark.slow
@pytest.mark.parametrize("query", ["", "lang=th", "view=projector"])
@pytest.mark.parametrize("path", DASHBOARD_NOTEBOOKS, ids=lambda p: p.stem)
def test_a_dashboard_kernel_does_not_import_pandas_or_plotly(demo_store, path, query):
    """One viewer is one kernel: pandas alone would cost ~50 MB each, plotly ~20 MB."""
    nb = json.loads(path.read_text())
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    probe = code + (
        "\nimport sys\nassert 'pandas' not in sys.modules, 'pandas imported'"
        "\nassert 'plotly' not in sys.modules, 'plotly imported'\nprint('ok')\n"
    )
    env = {**os.environ, "ROUNDTABLE_DB": str(demo_store.path), "QUERY_STRING": query}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")
