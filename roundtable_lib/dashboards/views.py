"""Participants' dashboards: read-only views that update themselves.

A dashboard is a widget that holds a *read-only, public* store (no writes, no sensitive or
deleted items, no names). It refreshes on the ticks of a
:class:`~roundtable_lib.display.tick.BrowserTick`, a clock that counts in the kernel's own event
loop every ``TICK_MS`` while a browser shows the page. The page itself only sends a heartbeat
now and then; once the tab has closed, the heartbeats stop, the clock stops after a few missed
ones, the kernel goes idle and the server's idle culling can reclaim it. On each tick the page
asks the store whether anything changed (the cheap
:meth:`~roundtable_lib.store.Store.change_hint`, and once a second the change token) and redraws
only the parts whose HTML changed: every card is an ``HTML`` widget kept by key, and ipywidgets
sends nothing for a value that did not change, so a capture updates one card, not the page.

Kernel weight matters (one viewer = one kernel): this module imports ipywidgets, the pure
display and meeting modules, and the store (when a page opens one). segno is imported by the
landing page alone; pandas and plotly never (the synergies network is an SVG, see
:mod:`roundtable_lib.dashboards.network`).
"""

import datetime as _dt
import logging
import os
from urllib.parse import parse_qs

import ipywidgets as widgets

from roundtable_lib.dashboards import network
from roundtable_lib.display import html
from roundtable_lib.display.tick import BrowserTick
from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.meeting.assessment import area_key, area_labels
from roundtable_lib.meeting.clock import format_local
from roundtable_lib.meeting.labels import t
from roundtable_lib.meeting.languages import page_language
from roundtable_lib.meeting.rules import SCALE, match_offers_asks

# A dashboard looks for news twice a second: on every tick when the store's cheap change hint
# (the SQLite file's size and time) moved, and in any case once a second (the change token, one
# indexed query; the only check on PostgreSQL, so that hundreds of pages do not hammer it). An
# update reaches a page within about half a second, and idle pages cost about what a one-second
# query did (bench/RESULTS.md).
TICK_MS = 500
# The projector shows each page this many seconds before moving to the next one.
PROJECTOR_SECONDS = 20
DASHBOARDS = ("live", "synergies", "recommendations", "capacity", "summary")

log = logging.getLogger(__name__)


class Dashboard(widgets.VBox):
    """Base class: a store, a language, a clock that ticks while a browser shows the page, and
    ``redraw()``.

    ``tick=False`` builds a page without its own tick, for the projector to drive.
    """

    name = ""

    def __init__(self, store, lang="en", tick_ms=TICK_MS, tick=True, large=False):
        if not store.readonly or not store.public:
            raise ValueError("Dashboards take a read-only, public store: Store(path, readonly=True, public=True)")
        self.store, self.lang, self.large = store, page_language(lang)[0], large
        self.tick_ms = tick_ms
        self._token = None
        self._hint = None
        self._cards = {}
        self.style = widgets.HTML(html.STYLE)
        self.body = widgets.VBox()
        self.status = widgets.HTML()
        children = [self.style, self.body, self.status]
        self.tick = None
        if tick:
            self.tick = BrowserTick(tick_ms)
            self.tick.observe(self.refresh, names="value")
            children.append(self.tick)
        super().__init__(children)
        self.add_class("rt-dashboard")
        self.refresh()

    def refresh(self, change=None):
        """Redraw if anything changed since the last redraw. Never raises: a participant sees a
        short notice (and the last good page) while, say, the database is being copied.

        ``change`` is the tick's: on a tick that starts a second (or without one) the change token
        is read; on the others only if the store's change hint moved."""
        try:
            whole_second = change is None or (change["new"] * self.tick_ms) % 1000 < self.tick_ms
            hint = self.store.change_hint()
            if whole_second or (hint is not None and hint != self._hint):
                self._hint = hint
                token = self.store.change_token()
                if token != self._token:
                    self.redraw()
                    self._token = token
            if whole_second:
                self.every_tick()
            self.status.value = ""
        except Exception:
            log.exception("dashboard refresh failed")
            self.status.value = f'<div class="rt"><p class="rt-sub">{html.esc(t("dash.paused", self.lang))}</p></div>'

    def every_tick(self):
        """Work done once a second whether or not the store changed (the timer's countdown)."""

    def redraw(self):
        raise NotImplementedError

    def show(self, cards):
        """Put ``cards`` [(key, html or widget)] on the page, reusing each key's widget and
        setting only values that changed."""
        children = []
        for key, content in cards:
            if isinstance(content, widgets.Widget):
                children.append(content)
                continue
            card = self._cards.get(key)
            if card is None:
                card = self._cards[key] = widgets.HTML()
            card.value = content  # traitlets notifies (and the front end hears) only on a change
            children.append(card)
        if tuple(children) != self.body.children:
            self.body.children = children

    def nav(self):
        return html.nav(self.name, self.lang)


class LiveDashboard(Dashboard):
    """The session the room is in: its timer, the latest entries, what has been captured grouped
    by organisation, and the results of its votes once the chair reveals them."""

    name = "live"

    def __init__(self, store, lang="en", tick_ms=TICK_MS, tick=True, large=False):
        self.timer = widgets.HTML()
        self._timer_state, self._session = None, None
        super().__init__(store, lang, tick_ms, tick, large)

    def redraw(self):
        meeting = self.store.meeting
        session = self._session = self.store.current_session()
        self._timer_state = self.store.get_state("timer")
        cards = [
            ("nav", self.nav()),
            ("header", html.session_header(meeting, session, self.lang, self.store.get_state("demo", False))),
            ("timer", self.timer),
        ]
        items = [i for i in self.store.items(session=session) if i["kind"] != "summary"]
        if items:
            cards.append(("latest", html.latest_card(meeting, items[-3:][::-1], self.lang)))
        for key, title, group, show_org in html.group_items(meeting, items, self.lang):
            cards.append((key, html.group_card(meeting, title, group, self.lang, show_org)))
        for poll in self.store.polls(session=session):
            results = self.store.poll_results(poll["id"])
            if results["results"] is not None:
                cards.append((f"poll:{poll['id']}", html.results_card(results, self._labels(), self.lang)))
        if not items:
            cards.append(("empty", html.empty(t("head.nothing_yet", self.lang))))
        self.show(cards)

    def _labels(self):
        return {i["id"]: i for i in self.store.items()}

    def every_tick(self):
        # The countdown changes every second; the store is not read for it (redraw() keeps the state).
        self.timer.value = html.timer(
            self.store.meeting, self._timer_state, self._session, self.lang, now=_dt.datetime.now(_dt.UTC)
        )


class SynergiesDashboard(Dashboard):
    """A network of organisations linked by captured synergies and by offers that match asks,
    with the list beside it."""

    name = "synergies"

    def __init__(self, store, lang="en", tick_ms=TICK_MS, tick=True, large=False):
        self.chart = widgets.HTML()
        self.chart.add_class("rt-chart")
        self.listing = widgets.HTML()
        # Two grid columns (one on a phone: .rt-side in display/html.py); the SVG scales to its column.
        self.side_by_side = widgets.Box([self.chart, self.listing])
        self.side_by_side.add_class("rt-side")
        self._links = None
        super().__init__(store, lang, tick_ms, tick, large)

    def redraw(self):
        meeting = self.store.meeting
        synergies = self.store.items(kind="synergy")
        offers, asks = self.store.items(kind="offer"), self.store.items(kind="ask")
        links = network.synergy_links(synergies, offers, asks)
        matches = [(m["offer"], m["ask"]) for m in match_offers_asks([*offers, *asks])]
        self.listing.value = html.synergy_list(meeting, synergies, matches, self.lang)
        if links != self._links:
            self._links = links
            self.chart.value = network.synergy_network(meeting, links, self.lang, large=self.large)
        self.show(
            [("nav", self.nav()), ("title", html.title(t("dash.synergies", self.lang))), ("chart", self.side_by_side)]
        )


def _items_and_rankings(store, kind):
    """The items of ``kind`` by id, and the revealed results of the polls whose options are
    among them: ``({id: item}, [poll_results])``."""
    items = {i["id"]: i for i in store.items(kind=kind)}
    out = []
    for poll in store.polls():
        if not any(o.get("item_id") in items for o in poll["options"]):
            continue
        results = store.poll_results(poll["id"])
        if results["results"] is not None:
            out.append(results)
    return items, out


class RecommendationsDashboard(Dashboard):
    """Joint recommendations, ranked by votes once the vote is revealed."""

    name = "recommendations"

    def redraw(self):
        meeting = self.store.meeting
        items, revealed = _items_and_rankings(self.store, "recommendation")
        cards = [("nav", self.nav()), ("title", html.title(t("dash.recommendations", self.lang)))]
        ranked_ids = set()
        for results in revealed:
            cards.append((f"poll:{results['poll']['id']}", html.results_card(results, items, self.lang)))
            ranked_ids |= {r.get("item_id") for r in results["results"]}
        rest = [i for i in items.values() if i["id"] not in ranked_ids]
        if rest:
            note = "" if revealed else t("dash.not_ranked", self.lang)
            cards.append(
                ("rest", html.plain_list(meeting, t("dash.recommendations", self.lang), rest, self.lang, note=note))
            )
        if not items:
            cards.append(("empty", html.empty(t("dash.none_yet", self.lang))))
        self.show(cards)


class CapacityDashboard(Dashboard):
    """The capacity heatmap, the priority needs, and the training plan as agreed so far."""

    name = "capacity"

    def redraw(self):
        meeting = self.store.meeting
        needs, revealed = _items_and_rankings(self.store, "need")
        cards = [
            ("nav", self.nav()),
            ("title", html.title(t("dash.capacity", self.lang))),
            ("heatmap", self._heatmap(meeting, list(needs.values()))),
        ]
        if revealed:
            for results in revealed:
                cards.append((f"poll:{results['poll']['id']}", html.results_card(results, needs, self.lang)))
        else:
            cards.append(
                (
                    "needs",
                    html.plain_list(
                        meeting, t("dash.priority_needs", self.lang), list(needs.values()), self.lang, show_org=True
                    ),
                )
            )
        cards.append(("training", html.training_plan(meeting, self.store.items(kind="training"), self.lang)))
        self.show(cards)

    def _heatmap(self, meeting, needs):
        assessment = self.store.capacity_assessment()
        cells, source = capacity_cells(meeting, needs, assessment)
        if source == "needs":  # said in words: a count of 1 is not a score of 1
            note = f"{t('capacity.not_loaded', self.lang)} {t('capacity.counting_needs', self.lang) if cells else ''}"
            return html.heatmap(meeting, cells, self.lang, note=note.strip())
        when = format_local(assessment.loaded_at, meeting, self.lang)
        note = t("capacity.dash_source", self.lang).format(source=assessment.source, when=when)
        if source == "illustrative":
            note = f"{t('chart.illustrative_banner', self.lang)} {note}"
        return html.heatmap(
            meeting, cells, self.lang, title=t("dash.heatmap_scores", self.lang), note=note, scale=SCALE
        )


def capacity_cells(meeting, needs, assessment=None):
    """({(org, area): value}, source) for the heatmap: the scores of the capacity assessment
    stored in the database (``Store.capacity_assessment()``) when there is one, else the number
    of needs captured per organisation and area. Never a file on disk: every screen shows the
    assessment the chairs confirmed.

    Needs are counted by :func:`~roundtable_lib.meeting.assessment.area_key`, as the capacity
    check and the report group them, so "M & E" and "M and E" are one column, headed by the
    label the documents give it (:func:`~roundtable_lib.meeting.assessment.area_labels`)."""
    if assessment is not None and assessment.rows:
        source = "illustrative" if assessment.illustrative else "assessment"
        return {(r["org"], r["area"]): r["score"] for r in assessment.rows}, source
    needs = [n for n in needs if n.get("org")]
    typed = [(n.get("attrs") or {}).get("area") for n in needs]
    labels = area_labels(typed)
    cells = {}
    for need, area in zip(needs, typed, strict=True):
        column = labels[area_key(area)] or "—"
        cells[(need["org"], column)] = cells.get((need["org"], column), 0) + 1
    return cells, "needs"


class SummaryDashboard(Dashboard):
    """The day so far, session by session."""

    name = "summary"

    def redraw(self):
        meeting = self.store.meeting
        current = self.store.current_session()
        ids = [a.id for a in meeting.agenda]
        upto = ids.index(current) if current in ids else len(ids) - 1
        counts = self.store.status()["items"]
        summaries = {}
        for item in self.store.items(kind="summary"):
            summaries.setdefault(item["session"], []).append(item)
        cards = [("nav", self.nav()), ("title", html.title(t("dash.summary", self.lang)))]
        for n, agenda_item in enumerate(meeting.agenda):
            session_counts = {k: c for (s, k), c in counts.items() if s == agenda_item.id and k != "summary"}
            if n > upto and not session_counts and agenda_item.id not in summaries:
                continue
            cards.append(
                (
                    f"session:{agenda_item.id}",
                    html.session_summary(
                        meeting,
                        agenda_item,
                        summaries.get(agenda_item.id, []),
                        session_counts,
                        self.lang,
                        now=agenda_item.id == current,
                    ),
                )
            )
        self.show(cards)


class Landing(Dashboard):
    """The landing page: the dashboards, and a QR code of this address to scan."""

    name = "index"

    def __init__(self, store, lang="en", tick_ms=TICK_MS, tick=False, large=False, url=None):
        self.url = url or participants_url()
        super().__init__(store, lang, tick_ms, tick, large)

    def redraw(self):
        self.show(
            [
                (
                    "landing",
                    html.landing(
                        self.store.meeting,
                        self.lang,
                        qr_svg(self.url) if self.url else "",
                        self.store.get_state("demo", False),
                    ),
                )
            ]
        )


PAGES = {
    "index": Landing,
    "live": LiveDashboard,
    "synergies": SynergiesDashboard,
    "recommendations": RecommendationsDashboard,
    "capacity": CapacityDashboard,
    "summary": SummaryDashboard,
}


class Projector(widgets.VBox):
    """Large type, cycling through the landing page (with its QR code) and every dashboard.

    One kernel shows every page and swaps which one is on screen: the projector's browser never
    reloads, so cycling starts no kernels and re-runs no notebooks. Only the page on screen
    refreshes, on the ticks of the same kind of clock as every dashboard's.
    """

    def __init__(self, store, lang="en", start="live", seconds=PROJECTOR_SECONDS, tick_ms=TICK_MS):
        self.store, self.lang, self.seconds = store, lang, seconds
        self.pages = [PAGES[name](store, lang, tick=False, large=True) for name in ("index", *DASHBOARDS)]
        names = [p.name for p in self.pages]
        self.index = names.index(start) if start in names else 1
        self.tick = BrowserTick(tick_ms)
        self.tick.observe(self._on_tick, names="value")
        self.screen = widgets.VBox([self.pages[self.index]])
        self.screen.add_class("rt-screen")  # one screen high; a longer page moves up through it
        super().__init__([widgets.HTML(html.projector_style(seconds)), self.screen, self.tick])
        self.add_class("rt-projector")

    @property
    def current(self):
        return self.pages[self.index]

    def _on_tick(self, change):
        elapsed_ms = change["new"] * self.tick.period_ms
        if change["new"] and elapsed_ms % (self.seconds * 1000) < self.tick.period_ms:
            self.advance()
        else:
            self.current.refresh(change)

    def advance(self):
        self.index = (self.index + 1) % len(self.pages)
        self.current.refresh()
        self.screen.children = [self.current]


def query_param(name, default="", environ=None):
    """A parameter of the dashboard's URL (Voila passes the query string in ``QUERY_STRING``)."""
    environ = os.environ if environ is None else environ
    values = parse_qs(environ.get("QUERY_STRING", "")).get(name)
    return values[0] if values else default


def participants_url(environ=None):
    """The address participants should open: the one `roundtable serve` announces (the venue
    network's), else the one this page was requested at."""
    environ = os.environ if environ is None else environ
    return environ.get("ROUNDTABLE_PUBLIC_URL") or environ.get("VOILA_REQUEST_URL") or ""


def qr_svg(url):
    """A QR code of ``url`` as inline SVG (segno writes only path data: nothing from the URL
    reaches the markup as text). It has a viewBox and no fixed size, so the page's CSS sizes the
    drawing: a phone's column or half the projector's height."""
    import segno

    return segno.make(url, error="m").svg_inline(scale=5, border=2, dark="#1d2733", light="#ffffff", omitsize=True)


def open_dashboard_store():
    """The read-only, public store every dashboard uses."""
    from roundtable_lib.store import Store

    return Store(readonly=True, public=True, actor="dashboard")


def open_dashboard(name, lang="en", view="", cycle=None):
    """The widget a dashboard notebook shows: page ``name``, or the projector starting there
    (``cycle``: seconds per page, from the ``cycle`` query parameter when not given).
    A database that cannot be read yields a short notice, never a traceback."""
    lang = page_language(lang)[0]
    if cycle is None:
        cycle = query_param("cycle", "")
    try:
        seconds = max(3, int(cycle))
    except ValueError:
        seconds = PROJECTOR_SECONDS
    try:
        store = open_dashboard_store()
        store.meeting  # noqa: B018 - fail here, with a notice, rather than in the middle of a page
    except RoundtableError:
        log.exception("dashboard store unavailable")
        return widgets.HTML(html.STYLE + html.empty(t("dash.unavailable", lang)))
    if view == "projector":
        return Projector(store, lang, start=name, seconds=seconds)
    return PAGES[name](store, lang)


__all__ = [
    "DASHBOARDS",
    "PAGES",
    "CapacityDashboard",
    "Dashboard",
    "LiveDashboard",
    "Projector",
    "open_dashboard",
    "open_dashboard_store",
    "query_param",
]
