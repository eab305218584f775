"""Voting widgets: create a poll, enter ballots or a show of hands, close, reveal.

The rules (budget of dots, per-option limit, one ballot per participant, a closed poll is
frozen, weighting by organisation, ties) live in the store and :mod:`roundtable_lib.model`;
these widgets only collect what the chair enters and show the store's message. Results are
always visible here (the chair's kernel); dashboards see them only once revealed.
"""

import ipywidgets as widgets

from . import markup
from .exceptions import RoundtableError, ValidationError
from .forms import TABLE_CSS, _status_html, _warning_html
from .i18n import item_text, t
from .model import POLL_METHODS, POLL_WEIGHTINGS
from .store import new_id

# A short end-of-day feedback poll (1-5 scale), offered pre-filled in the conclusions.
FEEDBACK_OPTIONS = (
    ("The day was useful for my organisation's work", "การประชุมวันนี้เป็นประโยชน์ต่องานขององค์กรของฉัน"),
    ("There was enough time for discussion", "มีเวลาเพียงพอสำหรับการอภิปราย"),
    ("The interpretation helped me follow", "การแปลช่วยให้ฉันติดตามการประชุมได้"),
    ("I know what happens next", "ฉันทราบว่าขั้นตอนต่อไปคืออะไร"),
)


def option_label(option, lang="en"):
    first, second = ("label_th", "label_en") if lang == "th" else ("label_en", "label_th")
    return option.get(first) or option.get(second) or ""


def parse_free_options(text):
    """One option per line, ``English | Thai`` (either side may be empty). Blank lines are skipped."""
    options = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        en, _, th = line.partition("|")
        options.append({"label_en": en.strip(), "label_th": th.strip()})
    return options


def results_html(results, lang="en"):
    """A ranked table of a poll's results; tied options say so."""
    poll = results["poll"]
    if results["results"] is None:
        return f"<i>{markup.esc(t('poll.hidden', lang))}</i>"
    score_head = t("poll.mean" if poll["method"] == "scale" else "poll.score", lang)
    voters = results.get("voters")
    rows = "".join(
        f"<tr><td>{r['rank']}{' =' if r['tied'] else ''}</td><td>{markup.esc(option_label(r, lang))}</td>"
        f"<td>{r['score']:g}</td><td>{r['votes'] if voters is not None else ''}</td>"
        f"<td>{markup.esc(t('poll.tie', lang)) if r['tied'] else ''}</td></tr>"
        for r in results["results"]
    )
    if voters is None:
        counted = markup.esc(t("poll.hands", lang))
    else:
        counted = f"{markup.esc(t('poll.voters', lang))}: {voters}"
    return (
        f'{TABLE_CSS}<table class="rt-table"><tr><th>#</th><th>{markup.esc(t("poll.option", lang))}</th>'
        f"<th>{markup.esc(score_head)}</th>"
        f"<th>{markup.esc(t('poll.votes', lang))}</th><th></th></tr>{rows}</table><div>{counted}</div>"
    )


class PollCreator(widgets.VBox):
    """Open a new poll on captured items of ``option_kinds`` in the session, free options, or both."""

    def __init__(
        self,
        store,
        session,
        option_kinds=(),
        lang="en",
        actor=None,
        method="dots",
        title_en="",
        title_th="",
        free_options=(),
        on_created=None,
    ):
        self.store, self.session, self.lang = store, session, lang
        self.actor = actor or store.actor
        self.option_kinds = list(option_kinds)
        self.on_created = on_created
        self._poll_id = new_id()  # a retried click creates one poll, not two
        wide = widgets.Layout(width="100%")
        self.title_en = widgets.Text(value=title_en, description=t("field.title_en", lang), layout=wide)
        self.title_th = widgets.Text(value=title_th, description=t("field.title_th", lang), layout=wide)
        self.method = widgets.ToggleButtons(
            options=[(t("method." + m, lang), m) for m in POLL_METHODS],
            value=method,
            description=t("field.method", lang),
            style={"button_width": "auto"},
        )
        self.budget = widgets.BoundedIntText(value=3, min=1, max=100, description=t("field.budget", lang))
        self.per_option = widgets.BoundedIntText(value=2, min=1, max=100, description=t("field.per_option", lang))
        self.weighting = widgets.Dropdown(
            options=[(t("weighting." + w, lang), w) for w in POLL_WEIGHTINGS], description=t("field.weighting", lang)
        )
        self.items = widgets.SelectMultiple(description=t("field.items", lang), rows=6, layout=wide)
        self.free = widgets.Textarea(
            value="\n".join(f"{en} | {th}" for en, th in free_options),
            description=t("field.free_options", lang),
            layout=wide,
            rows=4,
            placeholder="English | ไทย",
        )
        self.submit = widgets.Button(description=t("button.create_poll", lang), button_style="primary", icon="plus")
        self.reload = widgets.Button(description=t("button.refresh", lang), icon="refresh")
        self.status = widgets.HTML()
        self.method.observe(self._on_method, names="value")
        self.submit.on_click(self._on_submit)
        self.reload.on_click(lambda _b: self.refresh())
        super().__init__(
            [
                self.title_en,
                self.title_th,
                self.method,
                widgets.HBox([self.budget, self.per_option]),
                self.weighting,
                widgets.HBox([self.items, self.reload]),
                self.free,
                self.submit,
                self.status,
            ]
        )
        self._on_method()
        self.refresh()

    def _on_method(self, _change=None):
        dots = self.method.value == "dots"
        self.budget.layout.display = self.per_option.layout.display = None if dots else "none"

    def refresh(self):
        """Offer the session's current captured items as options (all selected by default).

        Items marked sensitive are left out: poll options are shown on dashboards once revealed."""
        items = (
            self.store.items(session=self.session, kind=self.option_kinds, include_sensitive=False)
            if self.option_kinds
            else []
        )
        self.items.options = [(item_text(i, self.lang)[:120], i["id"]) for i in items]
        self.items.value = tuple(i["id"] for i in items)
        self.items.layout.display = None if self.option_kinds else "none"

    def _on_submit(self, _button=None):
        options = list(self.items.value) + parse_free_options(self.free.value)
        dots = self.method.value == "dots"
        try:
            poll = self.store.create_poll(
                self.session,
                self.title_en.value,
                self.title_th.value,
                method=self.method.value,
                options=options,
                budget=self.budget.value if dots else None,
                per_option_limit=self.per_option.value if dots else None,
                weighting=self.weighting.value,
                id=self._poll_id,
                actor=self.actor,
            )
        except RoundtableError as exc:
            self.status.value = _status_html(str(exc), ok=False)
            return
        self._poll_id = new_id()
        self.status.value = _status_html(t("msg.poll_created", self.lang))
        if self.on_created:
            self.on_created(poll)


class PollPanel(widgets.VBox):
    """Enter ballots (or a show of hands) for one poll, close it, reveal its results."""

    def __init__(self, store, poll_id, lang="en", actor=None):
        self.store, self.poll_id, self.lang = store, poll_id, lang
        self.actor = actor or store.actor
        poll = store.get_poll(poll_id)
        self.method = poll["method"]
        self._confirm = None  # the participant whose earlier ballot the next click replaces
        self.info = widgets.HTML()
        modes = [(t("poll.ballot", lang), "ballot")]
        if self.method != "scale":  # a mean score cannot come from a show of hands
            modes.append((t("poll.tally", lang), "tally"))
        self.mode = widgets.ToggleButtons(options=modes, style={"button_width": "auto"})
        self.participant = widgets.Dropdown(description=t("field.participant", lang))
        self.choice = widgets.RadioButtons(
            options=[(option_label(o, lang)[:100], o["id"]) for o in poll["options"]],
            value=None,
            layout=widgets.Layout(width="100%"),
        )
        self.counts = {
            o["id"]: widgets.BoundedIntText(
                value=0,
                min=0,
                max=1000,
                description=option_label(o, lang)[:60],
                style={"description_width": "75%"},
                layout=widgets.Layout(width="800px"),
            )
            for o in poll["options"]
        }
        self.submit = widgets.Button(button_style="primary", icon="check")
        self.close_poll = widgets.Button(description=t("button.close_poll", lang), icon="lock")
        self.reveal = widgets.Button(icon="eye")
        self.reload = widgets.Button(description=t("button.refresh", lang), icon="refresh")
        self.status = widgets.HTML()
        self.results = widgets.HTML()
        self.mode.observe(self._on_mode, names="value")
        self.participant.observe(lambda _c: setattr(self, "_confirm", None), names="value")
        self.submit.on_click(self._on_submit)
        self.close_poll.on_click(self._on_close)
        self.reveal.on_click(self._on_reveal)
        self.reload.on_click(lambda _b: self.refresh())
        self.count_box = widgets.VBox(list(self.counts.values()))
        super().__init__(
            [
                self.info,
                self.mode,
                self.participant,
                self.choice,
                self.count_box,
                self.submit,
                self.status,
                widgets.HBox([self.close_poll, self.reveal, self.reload]),
                self.results,
            ]
        )
        self._on_mode()
        self.refresh()

    def _on_mode(self, _change=None):
        tally = self.mode.value == "tally"
        self.participant.layout.display = "none" if tally else None
        self.choice.layout.display = None if self.method == "single" and not tally else "none"
        self.count_box.layout.display = "none" if self.method == "single" and not tally else None
        self.submit.description = t("button.record_tally" if tally else "button.enter_ballot", self.lang)
        self._confirm = None

    def _allocations(self):
        if self.method == "single" and self.mode.value == "ballot":
            return {self.choice.value: 1} if self.choice.value else {}
        return {option_id: box.value for option_id, box in self.counts.items()}

    def _clear(self):
        self.choice.value = None
        for box in self.counts.values():
            box.value = 0

    def _on_submit(self, _button=None):
        try:
            if self.mode.value == "tally":
                self.store.record_tally(self.poll_id, self._allocations(), actor=self.actor)
                message = t("msg.tally_saved", self.lang)
            else:
                person = self.participant.value
                if person is None:
                    raise ValidationError(t("msg.choose_participant", self.lang), "participant")
                self._check_open()
                already = any(b["participant_id"] == person for b in self.store.ballots(self.poll_id))
                if already and self._confirm != person:
                    # Re-entering a ballot replaces it; say so before doing it.
                    self._confirm = person
                    self.status.value = _warning_html(t("msg.ballot_exists", self.lang))
                    return
                self.store.cast_ballot(self.poll_id, person, self._allocations(), actor=self.actor)
                message = t("msg.ballot_replaced" if already else "msg.ballot_saved", self.lang)
        except RoundtableError as exc:
            self.status.value = _status_html(str(exc), ok=False)
            return
        self._confirm = None
        self._clear()
        self.status.value = _status_html(message)
        self.refresh()

    def _check_open(self):
        if self.store.get_poll(self.poll_id)["status"] != "open":
            raise ValidationError("This poll is closed: its results are frozen.", "poll")

    def _on_close(self, _button=None):
        try:
            self._check_open()
            self.store.close_poll(self.poll_id, actor=self.actor)
        except RoundtableError as exc:
            self.status.value = _status_html(str(exc), ok=False)
            return
        self.status.value = _status_html(t("msg.poll_closed", self.lang))
        self.refresh()

    def _on_reveal(self, _button=None):
        poll = self.store.get_poll(self.poll_id)
        try:
            self.store.reveal_poll(self.poll_id, revealed=not poll["revealed"], actor=self.actor)
        except RoundtableError as exc:
            self.status.value = _status_html(str(exc), ok=False)
            return
        self.status.value = ""
        self.refresh()

    def refresh(self):
        lang = self.lang
        poll = self.store.get_poll(self.poll_id)
        voted = {b["participant_id"] for b in self.store.ballots(self.poll_id)}
        people = self.store.participants()
        current = self.participant.value
        meeting = self.store.meeting
        self.participant.options = [("—", None)] + [
            (f"{'✓ ' if p['id'] in voted else ''}{p['name']} ({meeting.org(p['org']).label(lang)})", p["id"])
            for p in people
        ]
        self.participant.value = current if current in [p["id"] for p in people] else None
        rules = t("method." + poll["method"], lang)
        if poll["method"] == "dots":
            rules += " · " + t("poll.rules_dots", lang).format(budget=poll["budget"], limit=poll["per_option_limit"])
        if poll["weighting"] == "organisation":
            rules += " · " + t("weighting.organisation", lang)
        state = t("poll.closed" if poll["status"] == "closed" else "poll.open", lang)
        shown = t("poll.revealed" if poll["revealed"] else "poll.not_revealed", lang)
        title = poll["title_th"] if lang == "th" and poll["title_th"] else poll["title_en"] or poll["title_th"]
        self.info.value = (
            f"<h3>{markup.esc(title)}</h3><div>{markup.esc(rules)}</div>"
            f"<div><b>{markup.esc(state)}</b> · {markup.esc(shown)}</div>"
        )
        closed = poll["status"] != "open"
        for w in [self.submit, self.close_poll, self.choice, self.participant, *self.counts.values()]:
            w.disabled = closed
        self.reveal.description = t("button.hide" if poll["revealed"] else "button.reveal", lang)
        self.results.value = results_html(self.store.poll_results(self.poll_id), lang)


class PollBoard(widgets.VBox):
    """Everything a session needs for voting: open a poll, pick one, enter its ballots."""

    def __init__(self, store, session, option_kinds=(), lang="en", actor=None, **creator_defaults):
        self.store, self.session, self.lang = store, session, lang
        self.actor = actor or store.actor
        self.creator = PollCreator(
            store, session, option_kinds, lang, self.actor, on_created=self._on_created, **creator_defaults
        )
        self.new = widgets.Accordion(children=[self.creator], titles=(t("head.new_poll", lang),))
        self.new.selected_index = None
        # Items captured since this cell ran become options when the chair opens "New poll".
        self.new.observe(lambda c: self.creator.refresh() if c["new"] is not None else None, names="selected_index")
        self.choose = widgets.Dropdown(description=t("field.poll", lang))
        self.panel = widgets.VBox()
        self.choose.observe(self._on_choose, names="value")
        super().__init__([self.new, self.choose, self.panel])
        self.refresh()

    def refresh(self, select=None):
        polls = self.store.polls(self.session)
        options = [
            (
                (p["title_th"] if self.lang == "th" and p["title_th"] else p["title_en"] or p["title_th"])
                + (" 🔒" if p["status"] == "closed" else ""),
                p["id"],
            )
            for p in polls
        ]
        self.choose.options = options or [("—", None)]
        self.choose.value = select or (polls[-1]["id"] if polls else None)
        self.creator.refresh()
        self._on_choose()

    def _on_created(self, poll):
        self.new.selected_index = None
        self.refresh(select=poll["id"])

    def _on_choose(self, _change=None):
        poll_id = self.choose.value
        current = self.panel.children[0] if self.panel.children else None
        if poll_id is None:
            self.panel.children = []
        elif current is None or current.poll_id != poll_id:
            self.panel.children = [PollPanel(self.store, poll_id, self.lang, self.actor)]
