"""Facilitation tools every session has: presentation timer, speaker queue, summary box, agenda,
and the matching of peer-support offers and asks.

Shared state, so that dashboards (read-only kernels) can show it, lives in the store's
meeting-wide state (``store.set_state``), recorded in history like every write:

``timer``
    The presentation timer, as :mod:`roundtable_lib.meeting.clock` describes it. That module
    also says where the timer stands at a moment, for this screen and the dashboards alike.

``speaker_queue:<session>``
    A list of requests for the floor, in the order they were made: ``{"id", "name", "org",
    "participant_id" (or None), "requested_at", "spoken_at" (None while waiting)}``. Names are
    what the chair typed; a dashboard showing the queue should show organisations, or names only
    of participants who consented to be named.

Read-modify-write of a state key happens inside ``store.atomic()`` (``BEGIN IMMEDIATE``), so two
chair kernels adding to one queue at once cannot lose a request. The queue and the panels
follow the store (:mod:`roundtable_lib.chair.follow`): a request added at another desk shows
within seconds.

May import: the meeting, the store, display, the other chair modules and ipywidgets.
"""

import datetime as _dt

import ipywidgets as widgets

from roundtable_lib.chair import keystrokes, presenting
from roundtable_lib.chair.follow import StoreTick
from roundtable_lib.chair.forms import org_options
from roundtable_lib.chair.layout import TABLE_CSS, WIDE_LABEL, choose

# The timer lives in chair/timer.py; its names are handed on from here (see __all__), where
# notebooks and scripts have always found them.
from roundtable_lib.chair.timer import (
    LEVEL_STYLE,
    TICK_MS,
    TIMER_KEY,
    PresentationTimer,
    pause_timer,
    resume_timer,
    start_timer,
    stop_timer,
)
from roundtable_lib.display import html
from roundtable_lib.display.status import (
    FAINT_COLOUR,
    quiet_html,
    status_html,
)
from roundtable_lib.exceptions import RoundtableError, ValidationError
from roundtable_lib.meeting import clock
from roundtable_lib.meeting.labels import item_text, pick, t
from roundtable_lib.meeting.refusals import error_text
from roundtable_lib.meeting.rules import match_offers_asks
from roundtable_lib.meeting.typed_text import LIMITS, clean_text
from roundtable_lib.store import new_id

__all__ = [
    "LEVEL_STYLE",
    "TICK_MS",
    "TIMER_KEY",
    "AgendaView",
    "OfferAskMatches",
    "PresentationTimer",
    "SessionSummaries",
    "SpeakerQueue",
    "SummaryBox",
    "mark_spoken",
    "pause_timer",
    "queue_key",
    "request_floor",
    "resume_timer",
    "session_summary",
    "speaker_queue",
    "start_timer",
    "stop_timer",
    "withdraw_request",
]


def _utcnow():
    return _dt.datetime.now(_dt.UTC)


# ---------------------------------------------------------------------------- speaker queue


def queue_key(session):
    return f"speaker_queue:{session}"


def speaker_queue(store, session):
    return list(store.get_state(queue_key(session)) or [])


def request_floor(store, session, name, org=None, participant_id=None, actor=None, now=None):
    """Add a request for the floor at the end of the session's queue."""
    store.meeting.session(session)
    name = clean_text(name, "name", LIMITS["short"])
    if org is not None and org not in store.meeting.org_ids:
        raise ValidationError(f"Unknown organisation {org!r}.", "org")
    entry = {
        "id": new_id(),
        "name": name,
        "org": org,
        "participant_id": participant_id,
        "requested_at": clock.iso(now or _utcnow()),
        "spoken_at": None,
    }
    with store.atomic():
        queue = speaker_queue(store, session)
        store.set_state(queue_key(session), queue + [entry], actor=actor)
    return entry


def _change_entry(store, session, entry_id, change, actor):
    with store.atomic():
        queue = speaker_queue(store, session)
        if not any(e["id"] == entry_id for e in queue):
            raise ValidationError("That request is no longer in the queue.", "queue")
        changed = [change(e) if e["id"] == entry_id else e for e in queue]
        queue = [e for e in changed if e is not None]
        return store.set_state(queue_key(session), queue, actor=actor)


def mark_spoken(store, session, entry_id, actor=None, now=None):
    stamp = clock.iso(now or _utcnow())
    return _change_entry(store, session, entry_id, lambda e: {**e, "spoken_at": stamp}, actor)


def withdraw_request(store, session, entry_id, actor=None):
    return _change_entry(store, session, entry_id, lambda e: None, actor)


class SpeakerQueue(widgets.VBox):
    """Who asked for the floor, in order; mark each as spoken."""

    SHOW_SPOKEN = 5

    def __init__(self, store, session, lang="en", actor=None):
        self.store, self.session, self.lang = store, session, lang
        self.actor = actor or store.actor
        meeting = store.meeting
        names = [p["name"] for p in store.participants()]
        self.name = widgets.Combobox(
            options=names,
            description=t("field.name", lang),
            ensure_option=False,
            style=WIDE_LABEL,
        )
        self.org = widgets.Dropdown(
            options=[("—", None)] + org_options(meeting, lang),
            description=t("field.org", lang),
            style=WIDE_LABEL,
        )
        self.add = keystrokes.Button(
            description=t("button.queue_add", lang),
            icon="hand-paper-o",
            button_style="primary",
            layout=widgets.Layout(width="auto", flex="0 0 auto"),
        )
        self.status = widgets.HTML()
        self.waiting = widgets.VBox()
        self.spoken = widgets.HTML()
        self._rows_shown = None  # the queue as drawn: a tick rebuilds it only when it changed
        self.tick = StoreTick(store, self.refresh)
        self.add.on_click(self._on_add)
        # Enter in the name box adds the name: the Text view sends a "submit" message on Enter.
        keystrokes.on_enter(self.name, self._on_add)
        top = widgets.HBox([self.name, self.org, self.add])
        super().__init__([top, self.status, self.waiting, self.spoken, self.tick])
        self.refresh()

    def keep(self):
        """A name being typed and its organisation, for the queue drawn in another language."""
        return {"name": self.name.value, "org": self.org.value}

    def restore(self, kept):
        self.name.value, self.org.value = kept["name"], kept["org"]

    def _on_add(self, _button=None):
        by_name = {p["name"]: p for p in self.store.participants()}
        person = by_name.get(self.name.value.strip())
        org = self.org.value or (person["org"] if person else None)
        try:
            request_floor(
                self.store,
                self.session,
                self.name.value,
                org,
                participant_id=person["id"] if person else None,
                actor=self.actor,
            )
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        self.name.value = ""
        choose(self.org, None)
        self.status.value = status_html(t("msg.queued", self.lang))
        self.refresh()

    def _do(self, action, entry_id):
        try:
            action(self.store, self.session, entry_id, actor=self.actor)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
        else:
            self.status.value = ""
        self.refresh()

    def refresh(self):
        """Redraw the queue and the names offered (never the name being typed)."""
        self.tick.seen()
        names = tuple(p["name"] for p in self.store.participants())  # late arrivals included
        if tuple(self.name.options) != names:
            self.name.options = names
        queue = speaker_queue(self.store, self.session)
        spoken = [e for e in queue if e["spoken_at"]][-self.SHOW_SPOKEN :]
        names = ", ".join(self._who(e) for e in spoken)
        self.spoken.value = quiet_html(f"{t('queue.spoken', self.lang)}: {names}", FAINT_COLOUR) if spoken else ""
        waiting = [(e["id"], self._who(e)) for e in queue if not e["spoken_at"]]
        if waiting == self._rows_shown:
            return  # the same queue: its buttons stay where the chair's pointer is
        self._rows_shown = waiting
        rows = []
        for n, (entry_id, who) in enumerate(waiting, start=1):
            label = widgets.HTML(f"{n}. {html.esc(who)}", layout=widgets.Layout(flex="1 1 auto"))
            done = keystrokes.Button(
                description=t("button.spoken", self.lang), icon="check", layout=widgets.Layout(width="auto")
            )
            drop = keystrokes.Button(description=t("button.withdraw", self.lang), layout=widgets.Layout(width="auto"))
            done.on_click(lambda _b, i=entry_id: self._do(mark_spoken, i))
            drop.on_click(lambda _b, i=entry_id: self._do(withdraw_request, i))
            rows.append(widgets.HBox([label, done, drop]))
        if not rows:
            rows = [widgets.HTML(f"<i>{html.esc(t('queue.empty', self.lang))}</i>")]
        self.waiting.children = rows

    def _who(self, entry):
        meeting = self.store.meeting
        if entry.get("org") in meeting.org_ids:
            return f"{entry['name']} ({meeting.org(entry['org']).label(self.lang)})"
        return entry["name"]


# ---------------------------------------------------------------------------- summaries


def session_summary(store, session):
    """The chair's summary item of ``session`` (the latest one), or None."""
    items = store.items(session=session, kind="summary")
    return items[-1] if items else None


class SummaryBox(widgets.VBox):
    """The summary the chair fills at the end of the session (one per session; saving again corrects it)."""

    def __init__(self, store, session, lang="en", actor=None):
        self.store, self.session, self.lang = store, session, lang
        self.actor = actor or store.actor
        wide = widgets.Layout(width="100%")
        self.text_en = widgets.Textarea(description=t("field.text_en", lang), layout=wide, rows=4)
        self.text_th = widgets.Textarea(description=t("field.text_th", lang), layout=wide, rows=4)
        self.submit = keystrokes.Button(
            description=t("button.save_summary", lang), button_style="primary", icon="check"
        )
        self.status = widgets.HTML()
        self._entry_id = new_id()
        self.submit.on_click(self._on_submit)
        super().__init__(
            [
                widgets.HTML(f"<b>{html.esc(t('kind.summary', lang))}</b>"),
                self.text_en,
                self.text_th,
                self.submit,
                self.status,
            ]
        )
        current = session_summary(store, session)
        if current:
            self.text_en.value, self.text_th.value = current["text_en"], current["text_th"]

    def keep(self):
        """The summary as typed (saved or not), for the box drawn in another language."""
        return {"text_en": self.text_en.value, "text_th": self.text_th.value, "entry_id": self._entry_id}

    def restore(self, kept):
        self.text_en.value, self.text_th.value, self._entry_id = kept["text_en"], kept["text_th"], kept["entry_id"]

    def _on_submit(self, _button=None):
        current = session_summary(self.store, self.session)
        try:
            if current:
                self.store.update_item(
                    current["id"], text_en=self.text_en.value, text_th=self.text_th.value, actor=self.actor
                )
            else:
                self.store.add_item(
                    self.session, "summary", self.text_en.value, self.text_th.value, id=self._entry_id, actor=self.actor
                )
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        self.status.value = status_html(t("msg.saved", self.lang))


class _FollowingPanel(widgets.VBox):
    """An HTML panel that follows the store (no Refresh button: it redraws within seconds of a
    write); subclasses fill ``self.body`` in ``draw()``."""

    def __init__(self, store, lang="en"):
        self.store, self.lang = store, lang
        self.body = widgets.HTML()
        self.tick = StoreTick(store, self.refresh)
        super().__init__([self.body, self.tick])
        self.refresh()

    def refresh(self):
        self.tick.seen()
        self.draw()

    def draw(self):
        raise NotImplementedError


class SessionSummaries(_FollowingPanel):
    """Every session's summary, in agenda order (for the conclusions)."""

    def draw(self):
        parts = []
        for agenda_item in self.store.meeting.agenda:
            summary = session_summary(self.store, agenda_item.id)
            text = (
                html.esc(item_text(summary, self.lang))
                if summary
                else f'<span class="rt-empty">{html.esc(t("summary.none", self.lang))}</span>'
            )
            parts.append(f'<div class="rt-card"><h2>{html.esc(pick(agenda_item.title, self.lang))}</h2>{text}</div>')
        self.body.value = html.STYLE + '<div class="rt">' + "".join(parts) + "</div>"


class AgendaView(widgets.HTML):
    """The meeting's objectives and timed agenda, for the screen at the opening."""

    def __init__(self, store, lang="en"):
        meeting = store.meeting
        objectives = "".join(f"<li>{html.esc(pick(o, lang))}</li>" for o in meeting.objectives)
        rows = "".join(
            f"<tr><td>{start:%H:%M}–{end:%H:%M}</td><td>{html.esc(pick(item.title, lang))}</td>"
            f"<td>{html.esc(meeting.org(item.chair).label(lang) if item.chair else '')}</td></tr>"
            for item, start, end in meeting.programme()
        )
        super().__init__(
            html.STYLE + f'<div class="rt"><h1>{html.esc(pick(meeting.title, lang))}</h1>'
            f'<div class="rt-sub">{html.esc(pick(meeting.venue, lang))} · {meeting.date.isoformat()}</div>'
            f"<h2>{html.esc(t('head.objectives', lang))}</h2><ol>{objectives}</ol>"
            f'<h2>{html.esc(t("head.agenda", lang))}</h2>{TABLE_CSS}<table class="rt-table">'
            f"<tr><th>{html.esc(t('head.time', lang))}</th><th></th><th>{html.esc(t('head.chair', lang))}</th></tr>"
            f"{rows}</table></div>"
        )


# ---------------------------------------------------------------------------- offers and asks


class OfferAskMatches(_FollowingPanel):
    """Offers and asks of the session matched across organisations."""

    def __init__(self, store, session, lang="en"):
        self.session = session
        super().__init__(store, lang)
        presenting.state().observe(self._on_presenting, names="on")

    def _on_presenting(self, _change=None):
        self.refresh()

    def close(self):
        # A language switch closes this panel and builds another: the closed one stops following
        # the switch (else each switch leaves one more panel redrawing behind the screen).
        try:
            presenting.state().unobserve(self._on_presenting, names="on")
        except ValueError:
            pass  # close runs again when the panel is collected
        super().close()

    def draw(self):
        meeting, lang = self.store.meeting, self.lang
        # While presenting (the laptop may be on the projector), sensitive offers and asks stay hidden.
        items = self.store.items(session=self.session, kind=["offer", "ask"], include_sensitive=not presenting.hiding())
        matches = match_offers_asks(items)

        def side(item):
            org = meeting.org(item["org"]).label(lang) if item.get("org") in meeting.org_ids else item.get("org") or ""
            lock = html.icon("lock", t("col.sensitive", lang)) + " " if item.get("sensitive") else ""
            return f"{lock}<b>{html.esc(org)}</b>: {html.esc(item_text(item, lang))}"

        if not matches:
            self.body.value = f"<i>{html.esc(t('match.none', lang))}</i>"
            return
        rows = "".join(
            f"<tr><td><b>{html.esc(m['topic'])}</b></td><td>{side(m['offer'])}</td><td>{side(m['ask'])}</td></tr>"
            for m in matches
        )
        self.body.value = (
            f'{TABLE_CSS}<table class="rt-table"><tr><th>{html.esc(t("field.topic", lang))}</th>'
            f"<th>{html.esc(t('kind.offer', lang))}</th>"
            f"<th>{html.esc(t('kind.ask', lang))}</th></tr>{rows}</table>"
        )
