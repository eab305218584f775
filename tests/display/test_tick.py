"""The clock that ticks while a browser shows a page: stopped until the front end reports a view
of it, then it plays; every ticking widget uses it."""

import pytest

from roundtable_lib import Store
from roundtable_lib.chair.facilitation import PresentationTimer
from roundtable_lib.dashboards import LiveDashboard, Projector
from roundtable_lib.display.tick import BrowserTick


def test_a_tick_starts_when_the_browser_reports_a_view():
    tick = BrowserTick(500)
    assert (tick.playing, tick.interval, tick.layout.display, tick._view_count) == (False, 500, "none", 0)
    tick._view_count = 1  # what the front end syncs back when it renders the view
    assert tick.playing is True
    tick.playing = False  # a chair may pause it; a second view does not fight that
    tick._view_count = 1
    assert tick.playing is False


@pytest.mark.parametrize(
    "make",
    [
        lambda store, public: LiveDashboard(public),
        lambda store, public: Projector(public),
        lambda store, public: PresentationTimer(store, "s2"),
    ],
)
def test_every_ticking_widget_uses_it(fresh_store, make):
    public = Store(fresh_store.path, readonly=True, public=True)
    widget = make(fresh_store, public)
    assert isinstance(widget.tick, BrowserTick) and widget.tick.playing is False
