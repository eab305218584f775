"""A clock that the browser drives: a hidden ``Play`` widget that ticks while a page shows it.

Dashboards and the chairs' presentation timer refresh on its ticks. Because the browser drives
it, a closed tab stops ticking, its kernel goes idle, and the server's idle culling can reclaim
it; the kernel itself runs no thread or loop.

The Play view starts its timer only when ``playing`` *changes* to True in the browser (creating
it with ``playing=True`` shows a paused player that never ticks). So it is created stopped and
started once the front end reports a view of it: with ``_view_count`` starting at 0, ipywidgets'
front end syncs the number of views back to the kernel when it renders one.
"""

import ipywidgets as widgets
from traitlets import CInt


class BrowserTick(widgets.Play):
    """``BrowserTick(interval_ms)``; observe ``value`` to act on every tick."""

    # ipywidgets 8 echoes every value the browser sends back to it: for a tick that is a third of
    # an idle page's websocket traffic, for nothing (the browser set the value itself).
    value = CInt(0).tag(sync=True, echo_update=False)

    def __init__(self, interval_ms=1000, **kwargs):
        super().__init__(
            value=0,
            min=0,
            max=1_000_000,
            step=1,
            interval=interval_ms,
            repeat=True,
            playing=False,
            layout=widgets.Layout(display="none"),
            _view_count=0,
            **kwargs,
        )
        self.observe(self._on_view, names="_view_count")

    def _on_view(self, change):
        if change["new"] and not self.playing:
            self.playing = True
