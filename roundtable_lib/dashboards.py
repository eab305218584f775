"""Participants' dashboards: read-only views that update themselves.

A dashboard is a widget that holds a *read-only, public* store (no writes, no sensitive or
deleted items, no names). It refreshes on a tick that the browser drives (a hidden ``Play``
widget): when the tab closes the ticks stop, the kernel goes idle and the server's idle culling
can reclaim it, and the kernel runs no thread or loop of its own. On each tick it asks the
store for its change token (one indexed read) and redraws only the parts whose HTML changed:
ipywidgets sends nothing for a value that did not change.
"""

import ipywidgets as widgets

from . import markup
from .i18n import pick, t

TICK_MS = 1000


class Dashboard(widgets.VBox):
    """Base class: a store, a language, a hidden browser-driven tick, and ``redraw()``."""

    def __init__(self, store, lang="en", tick_ms=TICK_MS):
        if not store.readonly or not store.public:
            raise ValueError("Dashboards take a read-only, public store: Store(path, readonly=True, public=True)")
        self.store, self.lang = store, lang if lang in ("en", "th") else "en"
        self._token = None
        # The Play view starts its timer only when `playing` *changes* to True in the browser, so
        # it is created stopped and started once the browser reports a view of it (`_view_count`
        # is synced back by the front end when tracking is on, i.e. when it starts at 0).
        self.tick = widgets.Play(
            value=0, min=0, max=1_000_000, step=1, interval=tick_ms, repeat=True, playing=False,
            layout=widgets.Layout(display="none"), _view_count=0,
        )
        self.tick.observe(self._on_view, names="_view_count")
        self.tick.observe(self.refresh, names="value")
        self.style = widgets.HTML(markup.STYLE)
        self.body = widgets.VBox()
        super().__init__([self.style, self.body, self.tick])
        self.refresh()

    def _on_view(self, change):
        if change["new"] and not self.tick.playing:
            self.tick.playing = True

    def refresh(self, _change=None):
        """Redraw if anything changed since the last redraw."""
        token = self.store.change_token()
        if token != self._token:
            self._token = token
            self.redraw()

    def redraw(self):
        raise NotImplementedError


class LiveDashboard(Dashboard):
    """The session the room is in, with what has been captured in it, grouped by organisation."""

    def __init__(self, store, lang="en", tick_ms=TICK_MS):
        self.header = widgets.HTML()
        self.empty = widgets.HTML()
        self._cards = {}
        super().__init__(store, lang, tick_ms)

    def redraw(self):
        meeting = self.store.meeting
        session = self.store.current_session()
        self.header.value = markup.session_header(meeting, session, self.lang, self.store.get_state("demo", False))
        items = self.store.items(session=session)
        groups = markup.group_items(meeting, items, self.lang)
        children = [self.header]
        for key, title, group, show_org in groups:
            card = self._cards.get(key)
            if card is None:
                card = self._cards[key] = widgets.HTML()
            card.value = markup.group_card(meeting, title, group, self.lang, show_org)
            children.append(card)
        if not groups:
            self.empty.value = f'<div class="rt"><p class="rt-empty">{markup.esc(t("head.nothing_yet", self.lang))}</p></div>'
            children.append(self.empty)
        if tuple(children) != self.body.children:
            self.body.children = children


def query_param(name, default="", environ=None):
    """A parameter of the dashboard's URL (Voila passes the query string in ``QUERY_STRING``)."""
    import os
    from urllib.parse import parse_qs

    environ = os.environ if environ is None else environ
    values = parse_qs(environ.get("QUERY_STRING", "")).get(name)
    return values[0] if values else default


def open_dashboard_store():
    """The read-only, public store every dashboard uses."""
    from .store import Store

    return Store(readonly=True, public=True, actor="dashboard")


__all__ = ["Dashboard", "LiveDashboard", "open_dashboard_store", "pick", "query_param"]
