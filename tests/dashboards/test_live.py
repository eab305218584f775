"""The live dashboard, headless: what it shows, and that it redraws only on change."""

import pytest

from roundtable_lib import Store
from roundtable_lib.dashboards import LiveDashboard, query_param


def test_dashboards_refuse_a_writable_store(fresh_store):
    with pytest.raises(ValueError, match="read-only, public"):
        LiveDashboard(fresh_store)
    with pytest.raises(ValueError):
        LiveDashboard(Store(fresh_store.path, readonly=True))  # read-only but not public


def test_groups_by_organisation_then_synergies(fresh_store, public_store):
    fresh_store.set_current_session("s2")
    fresh_store.add_item("s2", "plan", text_en="FED plan", org="fed")
    fresh_store.add_item("s2", "progress", text_en="MAP progress", org="map")
    fresh_store.add_item("s2", "synergy", text_en="Together", orgs=["map", "fed"])
    fresh_store.add_item("s1", "note", text_en="another session")
    board = LiveDashboard(public_store)
    cards = [
        key for key, card in board._cards.items() if card in board.body.children and key.startswith(("org:", "syn"))
    ]
    assert cards == ["org:map", "org:fed", "synergies"]
    assert "MAP Foundation" in board._cards["org:map"].value
    assert "Foundation for Education and Development" in board._cards["org:fed"].value
    assert "(MAP, FED)" in board._cards["synergies"].value
    assert "another session" not in "".join(getattr(c, "value", "") for c in board.body.children)


def test_redraws_only_when_something_changed(fresh_store, public_store):
    fresh_store.set_current_session("s2")
    fresh_store.add_item("s2", "progress", text_en="MAP progress", org="map")
    board = LiveDashboard(public_store)
    map_card = board._cards["org:map"]
    changed = []
    map_card.observe(lambda change: changed.append(change), names="value")
    board.tick.value += 1  # a tick from the browser with nothing new: no redraw
    assert changed == []
    fresh_store.add_item("s2", "plan", text_en="FED plan", org="fed")
    board.tick.value += 1
    assert changed == []  # the MAP card did not change, so it was not resent
    assert "FED plan" in board._cards["org:fed"].value


def test_sensitive_items_never_shown_and_text_escaped(fresh_store, public_store):
    fresh_store.set_current_session("s2")
    fresh_store.add_item("s2", "progress", text_en="<script>alert(1)</script>", org="map")
    fresh_store.add_item("s2", "challenge", text_en="secret", org="map", sensitive=True)
    board = LiveDashboard(public_store)
    html = "".join(getattr(c, "value", "") for c in board.body.children)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "secret" not in html


def test_thai_and_empty_session(fresh_store, public_store):
    board = LiveDashboard(public_store, lang="th")
    html = "".join(c.value for c in board.body.children)
    assert "กล่าวต้อนรับ" in html and "ยังไม่มีการบันทึก" in html


def test_demo_databases_say_so(demo_store):
    board = LiveDashboard(Store(demo_store.path, readonly=True, public=True))
    assert "Sample data" in board._cards["header"].value


@pytest.mark.parametrize(
    "query, expected",
    [("", "en"), ("lang=th", "th"), ("view=projector&lang=th", "th"), ("lang=th&lang=en", "th"), ("lang=", "en")],
)
def test_query_param(query, expected):
    assert query_param("lang", "en", {"QUERY_STRING": query}) == expected


def test_a_capture_shows_within_half_a_second_and_the_token_is_read_once_a_second(fresh_store, public_store):
    # Ticks come twice a second. Between whole seconds only the file's change hint is looked at
    # (two stat calls); the change token (a query) is read on whole seconds, or when the hint moved.
    fresh_store.set_current_session("s2")
    board = LiveDashboard(public_store)
    assert board.tick.period_ms == 500
    reads = []
    real = public_store.change_token
    public_store.change_token = lambda: reads.append(1) or real()
    board.tick.value = 1  # half a second: nothing written, the hint has not moved
    assert reads == []
    board.tick.value = 2  # a whole second: the token is read even so
    assert len(reads) == 1
    fresh_store.add_item("s2", "progress", text_en="Captured between two seconds", org="map")
    board.tick.value = 3  # the next half second: the hint moved, the page shows the capture
    assert len(reads) > 1
    assert "Captured between two seconds" in board._cards["org:map"].value


def test_the_change_hint_moves_with_every_write_and_postgres_has_none(fresh_store):
    before = fresh_store.change_hint()
    fresh_store.add_item("s1", "lesson", text_en="A lesson", org="map")
    assert fresh_store.change_hint() != before
    assert fresh_store.change_hint() == fresh_store.change_hint()
