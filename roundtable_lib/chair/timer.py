"""The presentation timer on the chair's screen: start, pause, resume and stop the clock of one
organisation's presentation, shared through the store's ``timer`` state (as
:mod:`roundtable_lib.meeting.clock` describes it) so that the dashboards show the same countdown.

The organisation dropdown follows the stored timer (after a language switch, a reload or a
restarted kernel it names the organisation whose clock runs), and Start is not offered for the
organisation already timed: it cannot throw a running clock back to the full time.

May import: the meeting, the store, display, the other chair modules (not facilitation, which
hands this module's names on) and ipywidgets.
"""

import datetime as _dt

import ipywidgets as widgets

from roundtable_lib.chair import keystrokes
from roundtable_lib.chair.forms import org_options
from roundtable_lib.chair.layout import WIDE_LABEL
from roundtable_lib.chair.presenter import TIMER_KEY, presenter
from roundtable_lib.display import html
from roundtable_lib.display.status import ERROR_STYLE, OK_STYLE, QUIET_STYLE, WARNING_STYLE, status_html
from roundtable_lib.display.tick import BrowserTick
from roundtable_lib.exceptions import RoundtableError, ValidationError
from roundtable_lib.meeting import clock
from roundtable_lib.meeting.labels import pick, t
from roundtable_lib.meeting.refusals import error_text

TICK_MS = 1000


def _utcnow():
    return _dt.datetime.now(_dt.UTC)


def start_timer(store, session, org, duration_minutes, now=None, actor=None):
    """Start timing ``org``'s presentation (replaces any earlier timer)."""
    store.meeting.session(session)
    if org not in store.meeting.org_ids:
        raise ValidationError("Choose the organisation that presents.", "org")
    if isinstance(duration_minutes, bool) or not isinstance(duration_minutes, int) or not 1 <= duration_minutes <= 240:
        raise ValidationError(
            f"The duration must be a whole number of minutes from 1 to 240; got {duration_minutes!r}.", "duration"
        )
    return store.set_state(TIMER_KEY, clock.started(session, org, duration_minutes, now or _utcnow()), actor=actor)


def pause_timer(store, now=None, actor=None):
    with store.atomic():
        state = store.get_state(TIMER_KEY)
        if not state or not state.get("running"):
            raise ValidationError("No presentation timer is running.", "timer")
        return store.set_state(TIMER_KEY, clock.paused(state, now or _utcnow()), actor=actor)


def resume_timer(store, now=None, actor=None):
    with store.atomic():
        state = store.get_state(TIMER_KEY)
        if not state or state.get("running"):
            raise ValidationError("No paused presentation timer to resume.", "timer")
        return store.set_state(TIMER_KEY, clock.resumed(state, now or _utcnow()), actor=actor)


def stop_timer(store, actor=None):
    return store.set_state(TIMER_KEY, None, actor=actor)


# The clock's colour says how the presentation stands, as a status message would.
LEVEL_STYLE = {"idle": QUIET_STYLE, "ok": OK_STYLE, "warning": WARNING_STYLE, "over": ERROR_STYLE}


class PresentationTimer(widgets.VBox):
    """Time each organisation's presentation. The state is shared through the store, so the
    dashboards show the same countdown; a hidden browser-driven tick redraws the clock."""

    def __init__(self, store, session, lang="en", actor=None, orgs=None, tick_ms=TICK_MS):
        self.store, self.session, self.lang = store, session, lang
        self.actor = actor or store.actor
        meeting = store.meeting
        minutes = meeting.session(session).presentation_minutes or 30
        options = (
            org_options(meeting, lang, kinds=("cso",))
            if orgs is None
            else [(pick(meeting.org(o).name, lang), o) for o in orgs]
        )
        self.org = widgets.Dropdown(
            options=options,
            description=t("field.presenter", lang),
            style=WIDE_LABEL,
            layout=widgets.Layout(width="auto"),
        )
        self.minutes = widgets.BoundedIntText(
            value=minutes,
            min=1,
            max=240,
            description=t("field.minutes", lang),
            style=WIDE_LABEL,
            layout=widgets.Layout(width="10em"),
        )
        self.start = keystrokes.Button(description=t("button.start", lang), icon="play", button_style="primary")
        self.pause = keystrokes.Button(description=t("button.pause", lang), icon="pause")
        self.resume = keystrokes.Button(description=t("button.resume", lang), icon="play")
        self.stop = keystrokes.Button(description=t("button.stop", lang), icon="stop")
        self.clock = widgets.HTML()
        self.status = widgets.HTML()
        self.tick = BrowserTick(tick_ms)
        self.start.on_click(self._on_start)
        self.pause.on_click(lambda _b: self._act(pause_timer))
        self.resume.on_click(lambda _b: self._act(resume_timer))
        self.stop.on_click(lambda _b: self._act(stop_timer))
        self.tick.observe(lambda _c: self.refresh(), names="value")
        self.org.observe(lambda _c: self._offer_start(), names="value")
        self._timed = None  # the organisation the stored timer times, as last shown here
        super().__init__(
            [
                widgets.HBox([self.org, self.minutes]),
                widgets.HBox([self.start, self.pause, self.resume, self.stop, self.clock]),
                self.status,
                self.tick,
            ]
        )
        self.refresh()

    def _on_start(self, _button=None):
        self._offer_start()  # read the store again: another kernel may have started this clock
        if self.start.disabled:
            return  # a click that came before the button was disabled: the running clock stays
        self._act(
            lambda store, actor: start_timer(store, self.session, self.org.value, self.minutes.value, actor=actor)
        )

    def _act(self, action):
        try:
            action(self.store, actor=self.actor)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
        else:
            self.status.value = ""
        self.refresh()

    def keep(self):
        """The organisation and minutes chosen here, for the timer drawn in another language."""
        return {"org": self.org.value, "minutes": self.minutes.value}

    def restore(self, kept):
        if kept["org"] in [v for _, v in self.org.options]:
            self.org.value = kept["org"]
        self.minutes.value = kept["minutes"]

    def _follow(self, status):
        """The dropdown follows the stored timer whenever it times another organisation (started
        here, in another kernel, or found on a rebuilt screen), so that it never says MAP while
        FED's clock runs; the capture forms of this kernel follow it too (presenter())."""
        timed = status["org"] if status["level"] != "idle" else None
        if timed == self._timed:
            return
        self._timed = timed
        if timed in [v for _, v in self.org.options]:
            self.org.value = timed
        presenter().org = timed

    def _offer_start(self, status=None):
        """Start is not offered for the organisation whose clock already runs (or is paused): it
        would throw that clock back to the full time. Pause, Resume and Stop act on it instead."""
        status = status or clock.timer_status(self.store.get_state(TIMER_KEY), _utcnow())
        timed = status["level"] != "idle" and status["org"] == self.org.value
        self.start.disabled = timed
        tip = t("timer.start_running", self.lang).format(org=self.org.label or "") if timed else ""
        if self.start.tooltip != tip:
            self.start.tooltip = tip

    def refresh(self, now=None):
        status = clock.timer_status(self.store.get_state(TIMER_KEY), now or _utcnow())
        self._follow(status)
        self._offer_start(status)
        if status["level"] == "idle":
            text = t("timer.idle", self.lang)
        else:
            meeting = self.store.meeting
            org = meeting.org(status["org"]).label(self.lang) if status["org"] in meeting.org_ids else status["org"]
            label = t(f"timer.{status['level']}", self.lang)
            paused = "" if status["running"] else f" ({t('timer.paused', self.lang)})"
            text = f"{org}: {clock.format_seconds(status['remaining'])} · {label}{paused}"
        shown = (
            f'<span style="font-size:1.6em;margin-left:0.6em;{LEVEL_STYLE[status["level"]]}">{html.esc(text)}</span>'
        )
        if self.clock.value != shown:
            self.clock.value = shown
        return status
