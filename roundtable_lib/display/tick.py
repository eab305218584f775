"""A clock that ticks while a browser shows it: a hidden ``Play`` widget as the page's heartbeat,
and the ticks themselves counted in the kernel.

Dashboards and the chairs' presentation timer refresh on its ticks (observe ``value``). The
ticks run in the kernel's own event loop, every ``interval_ms``, and send nothing to the browser:
a page hears from its kernel only when something it shows changed. The browser's ``Play`` only
says "still here" every ``HEARTBEAT_MS``; when the tab closes, the heartbeats stop, the ticks stop
after ``ASLEEP_AFTER`` missed heartbeats, the kernel goes idle and the server's idle culling can
reclaim it. A heartbeat wakes a sleeping clock.

Before, the browser sent every tick (once a second) and the kernel answered each: about 180
websocket messages and a core's 0.6% per open page a minute with nothing changing; at 100
phones, most of a core and a share of the venue's Wi-Fi (bench/RESULTS.md).

The Play view starts its timer only when ``playing`` *changes* to True in the browser (creating
it with ``playing=True`` shows a paused player that never ticks). So it is created stopped and
started once the front end reports a view of it: with ``_view_count`` starting at 0, ipywidgets'
front end syncs the number of views back to the kernel when it renders one.

A reloaded page (or a re-rendered output) builds a new front-end model from the kernel's state,
``playing=True`` included, and so never starts its timer: the clock froze after a browser reload
until the cell was run again. Each new view therefore restarts the timer with a pause/play
pulse, which the other views shrug off (starting an already started timer does nothing).
"""

import asyncio
import logging
import time

import ipywidgets as widgets
from traitlets import CInt

HEARTBEAT_MS = 15_000
ASLEEP_AFTER = 3  # heartbeats missed before the clock stops

log = logging.getLogger(__name__)


class BrowserTick(widgets.Play):
    """``BrowserTick(interval_ms)``; observe ``value`` to act on every tick."""

    # Counted in the kernel and never sent (see _should_send_property); what the browser sends
    # for it is a heartbeat, not a value (see set_state). Not echoed back either.
    value = CInt(0).tag(sync=True, echo_update=False)

    def __init__(self, interval_ms=1000, **kwargs):
        super().__init__(
            value=0,
            min=0,
            max=1_000_000_000,
            step=1,
            interval=interval_ms,
            repeat=True,
            playing=False,
            layout=widgets.Layout(display="none"),
            _view_count=0,
            **kwargs,
        )
        self.period_ms = interval_ms
        self._heard = 0.0
        self._timer = None
        self.observe(self._on_view, names="_view_count")
        self.observe(self._on_playing, names="playing")

    def _on_view(self, change):
        if not change["new"]:
            return
        self._heard = time.monotonic()
        self.interval = HEARTBEAT_MS  # the browser's timer is now only a heartbeat
        if not self.playing and not change["old"]:
            self.playing = True  # the first view: start ticking
        elif self.playing and change["new"] > (change["old"] or 0):
            self.playing = False  # a new view, e.g. after a reload: restart its timer
            self.playing = True

    def _on_playing(self, change):
        if change["new"]:
            self._heard = time.monotonic()
            self._schedule()

    def _should_send_property(self, key, value):
        return key != "value" and super()._should_send_property(key, value)

    def set_state(self, sync_data):
        if "value" in sync_data:
            sync_data = {k: v for k, v in sync_data.items() if k != "value"}
            self._heard = time.monotonic()
            self._schedule()  # wakes a clock that slept while the page was away
        if sync_data:
            super().set_state(sync_data)

    def _schedule(self):
        if self._timer is not None or not self.playing:
            return
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            return  # no event loop (a plain script): nothing to tick in
        self._timer = loop.call_later(self.period_ms / 1000, self._tick)

    def _tick(self):
        self._timer = None
        if not self.playing:
            return
        if time.monotonic() - self._heard > ASLEEP_AFTER * HEARTBEAT_MS / 1000:
            return  # the page has gone: sleep until a heartbeat comes back
        try:
            self.value = self.value + 1
        except Exception:
            log.exception("tick observer failed")
        self._schedule()
