"""A clock that the browser drives: a hidden ``Play`` widget that ticks while a page shows it.

Dashboards and the chairs' presentation timer refresh on its ticks. Because the browser drives
it, a closed tab stops ticking, its kernel goes idle, and the server's idle culling can reclaim
it; the kernel itself runs no thread or loop.

The Play view starts its timer only when ``playing`` *changes* to True in the browser (creating
it with ``playing=True`` shows a paused player that never ticks). So it is created stopped and
started once the front end reports a view of it: with ``_view_count`` starting at 0, ipywidgets'
front end syncs the number of views back to the kernel when it renders one.

A reloaded page (or a re-rendered output) builds a new front-end model from the kernel's state,
``playing=True`` included, and so never starts its timer: the clock froze after a browser reload
until the cell was run again. Each new view therefore restarts the timer with a pause/play
pulse, which the other views shrug off (starting an already started timer does nothing).
"""

import ipywidgets as widgets


class BrowserTick(widgets.Play):
    """``BrowserTick(interval_ms)``; observe ``value`` to act on every tick."""

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
        if not change["new"]:
            return
        if not self.playing and not change["old"]:
            self.playing = True  # the first view: start ticking
        elif self.playing and change["new"] > (change["old"] or 0):
            self.playing = False  # a new view, e.g. after a reload: restart its timer
            self.playing = True
