"""Chair views that follow the store: what another chair's kernel writes (a participant
registered in 00_registration, an item captured on another laptop, a poll closed) shows on this
screen within seconds, with no Refresh and no Run All.

A view puts a :class:`StoreTick` among its children. While a browser shows the view, the tick
(:class:`~roundtable_lib.display.tick.BrowserTick`) reads the store's change token every few
seconds, in the kernel; when it moved since the view last drew, it calls the view's redraw.
A redraw on a tick must never disturb what the chair is doing: it redraws lists, results and a
dropdown's options only (:func:`offer` keeps the choice), never a box being typed in, a pending
"are you sure?", or the poll chosen.

May import: :mod:`roundtable_lib.exceptions`, :mod:`roundtable_lib.display`,
:mod:`roundtable_lib.chair.layout` and ipywidgets.
"""

from roundtable_lib.chair.layout import choose
from roundtable_lib.display.tick import BrowserTick
from roundtable_lib.exceptions import RoundtableError

# A chair whose colleague registers someone or moves the room on sees it within seconds; one
# indexed read per tick (store.change_token), so a screen of several views costs nothing to see.
FOLLOW_MS = 3000


class StoreTick(BrowserTick):
    """``StoreTick(store, redraw)``: calls ``redraw()`` on a tick when the store changed since the
    last redraw (or since :meth:`seen`). Put it among the view's children: it ticks only while a
    browser shows it, and closes with the view."""

    def __init__(self, store, redraw, interval_ms=FOLLOW_MS):
        super().__init__(interval_ms)
        self.store, self.redraw, self.token = store, redraw, None
        self.observe(self.look, names="value")

    def seen(self):
        """The view has just drawn what the store holds now (called at the start of a redraw the
        view does itself, after its own action): the next tick redraws only on a newer write."""
        try:
            self.token = self.store.change_token()
        except RoundtableError:
            self.token = None  # unknown: the next tick redraws

    def look(self, _change=None):
        """One tick: redraw if anything was written since the last redraw."""
        try:
            token = self.store.change_token()
            if token != self.token:
                self.token = token
                self.redraw()
        except RoundtableError:
            self.token = None  # the database is busy or being copied: the next tick looks again


def offer(dropdown, options):
    """Give ``dropdown`` these ``options`` [(label, value)], keeping the chair's choice while it is
    still offered ("—" or the first option otherwise). Nothing changes, and nothing is sent to the
    browser, when the options are the ones shown: an open dropdown stays open."""
    options = tuple(tuple(o) for o in options)
    if tuple(dropdown.options) == options:
        return False
    chosen = dropdown.value
    dropdown.options = options
    values = [value for _label, value in options]
    if chosen in values:
        choose(dropdown, chosen)
    elif None in values:
        choose(dropdown, None)
    return True
