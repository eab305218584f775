"""The chair's view of a session notebook: one heading per phase, in the chair's language.

A chair notebook reads as a run sheet of phases (before, during, Q&A, vote, wrap-up). Its code
cells are hidden; each cell shows one phase made here: a heading and the widgets of that phase.

The language is a choice on screen, not a line of code: the switch at the top stores it in the
database's state (``chair_lang:<chair>``), so a reload, a reopened notebook or a restarted
kernel comes back in the same language, and switching rebuilds every phase's heading and
widgets in place (the widgets read everything they show from the store, so nothing is lost).

    desk = ChairDesk(SESSION, CHAIR, lang=LANG)
    desk.top()                                   # language switch and the session's header
    desk.phase("presentations", PresentationTimer, desk.part(CaptureForm, kinds=["progress"]))
    desk.phase("matches", OfferAskMatches, folded=True)   # rarely used: folded away
    desk.to_top()                                # Run All ends with the view at the top
"""

import asyncio
import inspect

import ipywidgets as widgets
from IPython.display import Javascript

from roundtable_lib.chair import keystrokes, presenting
from roundtable_lib.chair.forms import SessionHeader
from roundtable_lib.display import html
from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.meeting.labels import LANGS, t
from roundtable_lib.store import Store

LANG_CHOICES = (("English", "en"), ("ไทย", "th"))


def lang_key(chair):
    return f"chair_lang:{chair}"


def chair_lang(store, chair, default="en"):
    """The language ``chair`` last chose on screen, else ``default``."""
    value = store.get_state(lang_key(chair))
    return value if value in LANGS else (default if default in LANGS else "en")


def set_chair_lang(store, chair, lang):
    if lang not in LANGS:
        raise RoundtableError(f"Unknown language {lang!r}; choose one of {', '.join(LANGS)}.")
    store.set_state(lang_key(chair), lang, actor=chair)


def close_tree(widget):
    """Close a widget and everything inside it (their views disappear, their ticks stop)."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    close_when_unseen(widget)


UNSEEN_WAIT_SECONDS = 10  # a page that never says its view went (closed, reloaded) is not waited for


def close_when_unseen(widget):
    """Close ``widget``, after its view has gone when it counts its views.

    A widget that counts its views (``_view_count``, as the clocks' BrowserTick does) hears from
    the browser when one is removed. Closed at once, as its phase is redrawn in another language,
    that last message reached a comm the kernel had just closed: the kernel printed "No such comm"
    into the notebook's log on every language switch (the red mark in the status bar). So such a
    widget stops ticking now and closes once the browser has said its view went, or after
    UNSEEN_WAIT_SECONDS when no page says so."""
    views = getattr(widget, "_view_count", None)
    loop = _running_loop()
    if not views or loop is None:
        widget.close()
        return
    if getattr(widget, "playing", False):
        widget.playing = False
    timer = None

    def close(_change=None):
        if _change is not None and _change["new"] is not None and _change["new"] >= _change["old"]:
            return  # a view more (a page reloading), not one gone
        widget.unobserve(close, names="_view_count")
        if timer is not None:
            timer.cancel()
        widget.close()

    widget.observe(close, names="_view_count")
    timer = loop.call_later(UNSEEN_WAIT_SECONDS, close)


def _running_loop():
    """The kernel's running event loop, or None (a test or a script closes at once)."""
    if not keystrokes.in_kernel():
        return None
    try:
        loop = asyncio.get_event_loop()
    except RuntimeError:
        return None
    return loop if loop.is_running() else None


# The notebooks' code cells are stored with their input hidden; JupyterLab 4 still shows the first
# line of hidden code as a placeholder. Once the first cell has run, the chair's screen (often on
# the projector) shows no code at all: View > Expand All Code still brings it back for organisers.
CHAIR_SCREEN_CSS = "<style>.jp-Notebook .jp-Cell .jp-InputPlaceholder { display: none; }</style>"


class Phase(widgets.VBox):
    """A heading and the widgets of one phase of the session; ``build(lang)`` redraws both."""

    def __init__(self, desk, key, parts, folded=False, session=None):
        self.desk, self.key, self.parts, self.folded = desk, key, parts, folded
        self.session = session or desk.session
        self.first = not desk.phases  # the first phase on screen also hides the code (CHAIR_SCREEN_CSS)
        self.built = []  # the phase's widgets, in the order of its parts
        super().__init__(layout=widgets.Layout(margin="0 0 0.8em 0"))
        self.add_class("rt-phase")
        self.build(desk.lang)

    def build(self, lang):
        old = self.children
        # What the chair had chosen or typed (a form's kind and organisation, a text) goes over to
        # the widgets drawn in the new language: a widget that has it says so with keep/restore.
        kept = [w.keep() if hasattr(w, "keep") else None for w in self.built]
        built = [self.desk.make(make, kwargs, lang, self.session) for make, kwargs in self.parts]
        for widget, state in zip(built, kept, strict=False):
            if state is not None and hasattr(widget, "restore"):
                widget.restore(state)
        self.built = built
        title = t("phase." + self.key, lang)
        if self.folded:
            fold = widgets.Accordion([widgets.VBox(built)], selected_index=None)
            fold.set_title(0, title)
            self.children = [fold]
        else:
            heading = widgets.HTML(
                f'<h2 style="margin:0.3em 0 0.2em 0;font-size:1.45em">{html.esc(title)}</h2>',
            )
            self.children = [heading, *built]
        if self.first:
            self.children = [*self.children, widgets.HTML(CHAIR_SCREEN_CSS)]
        for child in old:
            close_tree(child)


class ChairDesk:
    """The phases of one session's notebook, for one chair, in the language the chair chose."""

    def __init__(self, session, chair, lang="en", store=None):
        self.store = store if store is not None else Store(actor=chair)
        self.store.meeting.session(session)  # an unknown session fails here, with its message
        self.session, self.chair = session, chair
        self.lang = chair_lang(self.store, chair, lang)
        self.phases = []

    @staticmethod
    def part(make, **kwargs):
        """A widget of a phase with its own arguments: ``desk.part(CaptureForm, kinds=[...])``."""
        return (make, kwargs)

    def make(self, make, kwargs, lang, session=None):
        """Build a widget class the workbook's way: the store first, then the session, the
        language and the actor when its signature takes them."""
        params = inspect.signature(make).parameters
        args = [self.store]
        if "session" in params:
            args.append(session or self.session)
        extra = {"lang": lang} if "lang" in params else {}
        if "actor" in params:
            extra["actor"] = self.chair
        return make(*args, **extra, **kwargs)

    def phase(self, key, *parts, folded=False, session=None):
        """One phase: its heading (``phase.<key>`` in the chair's language) and its widgets, of
        ``session`` when given (a notebook that runs two agenda items), else the desk's."""
        if session is not None:
            self.store.meeting.session(session)
        parts = [p if isinstance(p, tuple) else (p, {}) for p in parts]
        phase = Phase(self, key, parts, folded=folded, session=session)
        self.phases.append(phase)
        return phase

    def language(self):
        """The language switch (English / ไทย), labelled in both languages."""
        self.switch = widgets.ToggleButtons(
            options=LANG_CHOICES,
            value=self.lang,
            description="Language · ภาษา",
            style={"button_width": "auto", "description_width": "initial"},
        )
        self.switch.observe(self._on_switch, names="value")
        return self.switch

    def top(self, *parts):
        """The language switch and the session's header (title, chair, "We are now in this
        session"), then any ``parts``, under the heading "Before the session"."""
        switches = widgets.HBox([self.language(), self.presenting()], layout=widgets.Layout(align_items="flex-end"))
        return widgets.VBox([switches, self.phase("before", SessionHeader, *parts)])

    def presenting(self):
        """The "presenting" switch (on by default: what the room must not see stays hidden)."""
        self.presenting_switch = presenting.toggle(self.lang)
        return self.presenting_switch

    def _on_switch(self, change):
        self.switch_lang(change["new"])

    def switch_lang(self, lang):
        """Redraw every phase in ``lang`` and remember it for this chair."""
        set_chair_lang(self.store, self.chair, lang)
        self.lang = lang
        for phase in self.phases:
            phase.build(lang)
        if getattr(self, "presenting_switch", None) is not None:
            self.presenting_switch.set_lang(lang)

    def to_top(self):
        """Shown by the last cell: scroll the notebook back to its top once Run All is done, so
        the chair sees the first phase, not the end of the notebook. It is a front-end script,
        which JupyterLab runs for outputs this session produced."""
        return Javascript(
            "setTimeout(function () {"
            " var panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');"
            " if (panel) { panel.scrollTop = 0; }"
            "}, 800);"
        )
