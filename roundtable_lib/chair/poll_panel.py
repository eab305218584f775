"""One poll on the chair's screen: enter its ballots or a show of hands, close it, reveal it,
and see its results as far as the presenting switch allows.

Nobody needs to be registered to vote: ballots are entered by organisation, as numbered paper
ballots, per registered participant, or as a show of hands, and the panel says what each needs;
once votes are in, only the ways that go with them are offered. Closing asks first, a closed poll
can be reopened, and a tie at the top offers a one-click runoff between the tied options.
Dashboards see results only once revealed; the chair's screen shows them only when the chair
turns "presenting" off (:mod:`roundtable_lib.chair.presenting`), so a mirrored projector never
shows more than the dashboards: :func:`presented_results` applies the dashboards' own privacy
policy. The panel follows the store (:mod:`roundtable_lib.chair.follow`): a participant registered,
a ballot entered or the poll closed at another desk shows within seconds, and what the chair has
chosen, typed or is being asked stays.

May import: the meeting, the store, display, the other chair modules and ipywidgets.
"""

import ipywidgets as widgets

from roundtable_lib.chair import presenting
from roundtable_lib.chair.follow import StoreTick, offer
from roundtable_lib.chair.layout import TABLE_CSS, WIDE_LABEL, WRAP_CHOICES_CSS, auto_button
from roundtable_lib.display import html
from roundtable_lib.display.status import status_html, warning_html
from roundtable_lib.exceptions import NotFound, RoundtableError, ValidationError
from roundtable_lib.meeting import poll_rules, privacy, rules
from roundtable_lib.meeting.eligibility import eligible_orgs
from roundtable_lib.meeting.labels import score_text, t
from roundtable_lib.meeting.refusals import error_text, refusal
from roundtable_lib.store import new_id

# The order the ways are offered in: those that need nobody registered first.
VOTER_MODES = ("organisation", "ballot", "participant", "tally")


def option_label(option, lang="en"):
    first, second = ("label_th", "label_en") if lang == "th" else ("label_en", "label_th")
    return option.get(first) or option.get(second) or ""


def results_html(results, lang="en"):
    """A ranked table of a poll's results; tied options say so."""
    poll = results["poll"]
    if results["results"] is None:
        return f"<i>{html.esc(t('poll.hidden', lang))}</i>"
    score_head = t("poll.mean" if poll["method"] == "scale" else "poll.score", lang)
    voters = results.get("voters")
    rows = "".join(
        f"<tr><td>{r['rank']}{' =' if r['tied'] else ''}</td><td>{html.esc(option_label(r, lang))}</td>"
        f"<td>{score_text(r['score'])}</td><td>{r['votes'] if voters is not None else ''}</td>"
        f"<td>{html.esc(t('poll.tie', lang)) if r['tied'] else ''}</td></tr>"
        for r in results["results"]
    )
    if voters is None:
        counted = html.esc(t("poll.hands", lang))
    else:
        by = results.get("ballots_by") or {}
        # Say who the count is of: organisations, numbered paper ballots, or people.
        key = next(
            (f"poll.voters_{kind}" for kind in ("organisation", "ballot") if voters and by.get(kind) == voters),
            "poll.voters",
        )
        counted = f"{html.esc(t(key, lang))}: {voters}"
    return (
        f'{TABLE_CSS}<table class="rt-table"><tr><th>#</th><th>{html.esc(t("poll.option", lang))}</th>'
        f"<th>{html.esc(score_head)}</th>"
        f"<th>{html.esc(t('poll.votes', lang))}</th><th></th></tr>{rows}</table><div>{counted}</div>"
    )


def public_rules(store, poll):
    """``(policy, visible)``: the dashboards' privacy policy and the ids of the poll's items they
    may show (not deleted, not sensitive; merged duplicates followed), for the presenting view."""
    policy = privacy.Policy.of_store(store)
    visible = set()
    for item_id in {policy.resolve(o["item_id"]) for o in poll["options"] if o.get("item_id")}:
        try:
            item = store.get_item(item_id)
        except NotFound:
            continue
        if policy.shows(item):
            visible.add(item_id)
    return policy, visible


def presented_results(store, poll_id):
    """What the chair's screen may show of a poll's results right now.

    Presenting off: everything. Presenting on: what the dashboards show, through the same privacy
    policy: nothing before the reveal; after it, options from sensitive or deleted items left out
    (the rest re-ranked) and names of people who did not consent withheld.
    """
    results = store.poll_results(poll_id)
    if not presenting.hiding():
        return results
    poll = results["poll"]
    if not poll["revealed"]:
        return {**results, "results": None}
    policy, visible = public_rules(store, poll)
    shown = policy.poll(poll, visible)
    return {**results, "poll": shown, "results": rules.tally(shown, shown["options"], store.ballots(poll_id))}


class PollPanel(widgets.VBox):
    """Enter ballots (by organisation, numbered, per participant) or a show of hands for one poll;
    close it, reveal its results. Results follow the kernel's presenting state."""

    def __init__(self, store, poll_id, lang="en", actor=None, on_runoff=None, on_status=None):
        self.store, self.poll_id, self.lang = store, poll_id, lang
        self.actor = actor or store.actor
        self.on_runoff = on_runoff  # called with the runoff poll and its message once opened (the board shows it)
        self.on_status = on_status  # called once the poll is closed or reopened (the board's list says so)
        poll = store.get_poll(poll_id)
        self.method = poll["method"]
        self.options = poll["options"]
        self._confirm = None  # (mode, voter) whose earlier ballot the next click replaces
        self._closing = False  # the first click on Close asked; the next one closes
        self._runoff_id = new_id()  # a retried click opens one runoff, not two
        self.info = widgets.HTML()
        self._build_voter(poll)
        self._build_choices()
        self.submit = auto_button(button_style="primary", icon="check")
        self.close_poll = auto_button(t("button.close_poll", lang), icon="lock")
        # Shown only while Close asks "are you sure?": the way back that keeps the poll open.
        self.cancel_close = auto_button(t("button.cancel", lang), icon="times")
        self.reopen = auto_button(t("button.reopen_poll", lang), icon="unlock")
        self.reveal = auto_button(icon="eye")
        self.tick = StoreTick(store, self._redraw)  # no Refresh button: the panel follows the store
        self.presenting = presenting.toggle(lang)
        self.status = widgets.HTML()
        self.results = widgets.HTML()
        self.tie = widgets.HTML()
        self.runoff = auto_button(t("button.runoff", lang), icon="random")
        self.mode.observe(self._on_mode, names="value")
        for voter in (self.participant, self.org, self.number):
            voter.observe(self._on_voter, names="value")
        self.submit.on_click(self._on_submit)
        self.close_poll.on_click(self._on_close)
        self.cancel_close.on_click(self._on_cancel_close)
        self.reopen.on_click(self._on_reopen)
        self.runoff.on_click(self._on_runoff)
        self.reveal.on_click(self._on_reveal)
        presenting.state().observe(self._on_presenting, names="on")
        super().__init__(
            [
                widgets.HTML(WRAP_CHOICES_CSS),
                self.info,
                self.mode,
                self.help,
                self.participant,
                self.org,
                self.number,
                self.choice,
                self.count_box,
                self.submit,
                self.status,
                widgets.HBox(
                    [self.close_poll, self.cancel_close, self.reopen, self.reveal, self.presenting],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.results,
                self.tie,
                self.runoff,
                self.tick,
            ]
        )
        self.number.value = self._next_number()
        self.refresh()

    def _build_voter(self, poll):
        """How the ballots are entered (the mode) and who casts one: a participant, an
        organisation or a ballot number, one of them shown at a time."""
        lang = self.lang
        self.mode = widgets.ToggleButtons(style={"button_width": "auto"})
        self._offer_modes(poll)
        self.help = widgets.HTML()

        def voter(label):  # each its own Layout: hiding one must not hide the other
            return widgets.Dropdown(
                description=t(label, lang), style=WIDE_LABEL, layout=widgets.Layout(width="auto", max_width="48em")
            )

        self.participant = voter("field.participant")
        self.org = voter("field.voter_org")
        self.number = widgets.BoundedIntText(
            value=1,
            min=1,
            max=rules.MAX_BALLOT_NUMBER,
            description=t("field.ballot_number", lang),
            style=WIDE_LABEL,
            layout=widgets.Layout(width="18em"),
        )

    def _build_choices(self):
        """What a ballot says: one choice (a single-choice ballot), or a count per option (dots,
        scale, or the hands raised for each option)."""
        self.choice = widgets.RadioButtons(options=[], value=None, layout=widgets.Layout(width="100%"))
        self.choice.add_class("rt-wrap-choices")
        self.counts, self.count_labels, rows = {}, {}, []
        for option in self.options:
            # Not bounded: a box bounded at 0 turns a typed -1 into 0 and the ballot reads as
            # empty; the store says what is wrong with a negative number instead.
            box = widgets.IntText(value=0, layout=widgets.Layout(width="6em"))
            label = widgets.HTML(layout=widgets.Layout(flex="1 1 auto"))
            self.counts[option["id"]], self.count_labels[option["id"]] = box, label
            rows.append(widgets.HBox([box, label]))
        self.count_box = widgets.VBox(rows, layout=widgets.Layout(width="100%"))

    def _offer_modes(self, poll):
        """Offer only the ways this poll's votes can still be entered (the store refuses the
        others): after ballots by organisation, no show of hands and no other kind of ballot."""
        kinds = {b["voter_kind"] for b in self.store.ballots(poll["id"])}
        allowed = poll_rules.poll_modes(poll["method"], kinds)
        modes = [m for m in VOTER_MODES if m in allowed]
        if list(self.mode.options) and [value for _label, value in self.mode.options] == modes:
            return
        current = self.mode.value
        self.mode.options = [(t("voter." + m, self.lang), m) for m in modes]
        self.mode.tooltips = [t("voter.help_" + m, self.lang) for m in modes]
        self.mode.value = current if current in modes else self._default_mode(poll, kinds, modes)

    def _default_mode(self, poll, kinds, modes):
        """The way this poll's ballots were entered so far; else per participant if anyone is
        registered; else by organisation (weighting by organisation) or numbered ballots."""
        entered = [m for m in modes if m in kinds and m != "tally"]
        if entered:
            return entered[0]
        if "tally" in kinds:
            return "tally"
        if self.store.participants() and "participant" in modes:
            return "participant"
        wanted = "organisation" if poll["weighting"] == "organisation" else "ballot"
        return wanted if wanted in modes else modes[0]

    def _next_number(self):
        used = [int(b["voter"]) for b in self.store.ballots(self.poll_id) if b["voter_kind"] == "ballot"]
        return min(max(used, default=0) + 1, rules.MAX_BALLOT_NUMBER)

    def _on_voter(self, change):
        # Another voter chosen: "their ballot exists, click again to replace it" no longer holds.
        # (A redraw showing "—" for a moment while it offers new names keeps the question.)
        if self._confirm and change["new"] is not None and str(change["new"]) != self._confirm[1]:
            self._confirm = None

    def _on_mode(self, _change=None):
        self._show_mode()
        self._confirm = None

    def _show_mode(self):
        mode = self.mode.value
        ballot_per_option = self.method == "single" and mode != "tally"
        self.participant.layout.display = None if mode == "participant" and self.participant.options[1:] else "none"
        self.org.layout.display = None if mode == "organisation" else "none"
        self.number.layout.display = None if mode == "ballot" else "none"
        self.choice.layout.display = None if ballot_per_option else "none"
        self.count_box.layout.display = "none" if ballot_per_option else None
        self.submit.description = t("button.record_tally" if mode == "tally" else "button.enter_ballot", self.lang)
        help_text = t("voter.help_" + mode, self.lang)
        nobody = mode == "participant" and not self.participant.options[1:]
        # Fewer ways than a fresh poll of this method offers: say why the others are gone.
        fixed = len(self.mode.options) < len(poll_rules.poll_modes(self.method, ()))
        self.help.value = (
            f"<div>{html.esc(help_text)}</div>"
            + (f"<div><i>{html.esc(t('poll.modes_fixed', self.lang))}</i></div>" if fixed else "")
            + (warning_html(t("voter.nobody_registered", self.lang)) if nobody else "")
        )
        self.submit.layout.display = "none" if nobody else None

    def _allocations(self):
        if self.method == "single" and self.mode.value != "tally":
            return {self.choice.value: 1} if self.choice.value else {}
        return {option_id: box.value for option_id, box in self.counts.items()}

    def _clear(self):
        self.choice.value = None
        for box in self.counts.values():
            box.value = 0

    def _voter(self):
        mode = self.mode.value
        if mode == "participant":
            if self.participant.value is None:
                raise ValidationError(t("msg.choose_participant", self.lang), "participant")
            return self.participant.value
        if mode == "organisation":
            if self.org.value is None:
                raise ValidationError(t("msg.choose_org", self.lang), "voter")
            return self.org.value
        return str(self.number.value)

    def _on_submit(self, _button=None):
        mode = self.mode.value
        try:
            if mode == "tally":
                self.store.record_tally(self.poll_id, self._allocations(), actor=self.actor)
                message = t("msg.tally_saved", self.lang)
            else:
                voter = self._voter()
                self._check_open()
                already = any(b["voter_kind"] == mode and b["voter"] == voter for b in self.store.ballots(self.poll_id))
                if already and self._confirm != (mode, voter):
                    # Re-entering a ballot replaces it; say so before doing it.
                    self._confirm = (mode, voter)
                    key = {"participant": "msg.ballot_exists", "organisation": "msg.org_ballot_exists"}
                    warning = t(key.get(mode, "msg.numbered_ballot_exists"), self.lang).format(n=voter)
                    self.status.value = warning_html(warning)
                    return
                self.store.cast_ballot(
                    self.poll_id, voter=voter, voter_kind=mode, allocations=self._allocations(), actor=self.actor
                )
                if mode == "ballot":
                    message = t("msg.numbered_ballot_saved", self.lang).format(n=voter)
                    if already:
                        message += " " + t("msg.ballot_replaced", self.lang)
                else:
                    message = t("msg.ballot_replaced" if already else "msg.ballot_saved", self.lang)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        self._confirm = None
        self._clear()
        if mode == "ballot":
            self.number.value = self._next_number()
        self.status.value = status_html(message)
        self.refresh()

    def _check_open(self):
        if self.store.get_poll(self.poll_id)["status"] != "open":
            raise refusal("poll.closed_frozen", "poll")

    def _on_close(self, _button=None):
        """The first click asks ("Close voting: are you sure?"); the second closes."""
        if not self._closing:
            self._closing = True
            self.close_poll.description = t("button.close_confirm", self.lang)
            self.close_poll.button_style = "warning"
            self.cancel_close.layout.display = None
            self.status.value = warning_html(t("msg.close_confirm", self.lang))
            return
        try:
            self._check_open()
            self.store.close_poll(self.poll_id, actor=self.actor)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        self.status.value = status_html(t("msg.poll_closed", self.lang))
        self.refresh()
        if self.on_status:
            self.on_status(self.poll_id)

    def _on_cancel_close(self, _button=None):
        self.status.value = ""
        self.refresh()  # the question is withdrawn; the poll stays open

    def _on_reopen(self, _button=None):
        try:
            self.store.reopen_poll(self.poll_id, actor=self.actor)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        self.status.value = status_html(t("msg.poll_reopened", self.lang))
        self.refresh()
        if self.on_status:
            self.on_status(self.poll_id)

    def _on_runoff(self, _button=None):
        try:
            runoff = self.store.open_runoff(self.poll_id, actor=self.actor, id=self._runoff_id)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        self._runoff_id = new_id()
        title = runoff["title_th"] if self.lang == "th" and runoff["title_th"] else runoff["title_en"]
        self.status.value = status_html(t("msg.runoff_opened", self.lang).format(title=title))
        if self.on_runoff:
            self.on_runoff(runoff, self.status.value)

    def _on_reveal(self, _button=None):
        poll = self.store.get_poll(self.poll_id)
        try:
            self.store.reveal_poll(self.poll_id, revealed=not poll["revealed"], actor=self.actor)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        self.status.value = ""
        self.refresh()

    def _on_presenting(self, _change=None):
        self.refresh()

    def _show_options(self):
        """Option texts in full; while presenting, as the dashboards would show them: options from
        sensitive or deleted items not named, names of people who did not consent withheld."""
        labels = {o["id"]: option_label(o, self.lang) for o in self.options}
        if presenting.hiding():
            policy, visible = public_rules(self.store, {"options": self.options})
            hidden = t("presenting.hidden_option", self.lang)
            for o in self.options:
                labels[o["id"]] = (
                    hidden if policy.option_withheld(o, visible) else option_label(policy.option(o, visible), self.lang)
                )
        offer(self.choice, [(labels[o["id"]], o["id"]) for o in self.options])
        for option_id, label in labels.items():
            self.count_labels[option_id].value = f'<div class="rt-option-label">{html.esc(label)}</div>'

    def _show_results(self, poll):
        results = presented_results(self.store, self.poll_id)
        if results["results"] is None and presenting.hiding() and not poll["revealed"]:
            self.results.value = f"<i>{html.esc(t('presenting.results_hidden', self.lang))}</i>"
        else:
            self.results.value = results_html(results, self.lang)
        self._show_tie(poll, results["results"] is not None)

    def _show_tie(self, poll, shown):
        """A tie at the top says how the room can break it: a runoff, one click once closed.
        Said only where the results themselves are on screen."""
        tied = poll_rules.top_tie(self.store.poll_results(self.poll_id)["results"]) if shown else []
        closed = poll["status"] != "open"
        text = t("poll.tie_top", self.lang).format(n=len(tied))
        if tied and not closed:
            text += " " + t("poll.tie_close_first", self.lang)
        self.tie.value = warning_html(text) if tied else ""
        self.runoff.layout.display = None if tied and closed else "none"

    def refresh(self):
        """Redraw after the chair's own action: a pending "Close voting: are you sure?" is withdrawn."""
        self._closing = False
        self._redraw()

    def _redraw(self):
        """Redraw what the store holds (also on a tick): voters offered, state, results. What the
        chair chose, typed (counts) or is being asked (Close, a replaced ballot) stays."""
        self.tick.seen()
        lang = self.lang
        poll = self.store.get_poll(self.poll_id)
        ballots = self.store.ballots(self.poll_id)
        voted = {(b["voter_kind"], b["voter"]) for b in ballots}
        meeting = self.store.meeting
        # Only those whose ballots count are offered (the store still refuses anyone else).
        eligible = eligible_orgs(meeting, poll)
        people = [p for p in self.store.participants() if p["org"] in eligible]
        mark = presenting.voted_mark  # "✓" beside who has voted, unless presenting hides it
        named = [
            (mark(("participant", p["id"]) in voted) + f"{p['name']} ({meeting.org(p['org']).label(lang)})", p["id"])
            for p in people
        ]
        orgs = [
            (mark(("organisation", o.id) in voted) + (o.name.get(lang) or o.name["en"]), o.id)
            for o in meeting.organisations
            if o.id in eligible
        ]
        offer(self.participant, [("—", None), *named])
        offer(self.org, [("—", None), *orgs])
        rule_text = t("method." + poll["method"], lang)
        if poll["method"] == "dots":
            dots = t("poll.rules_dots", lang).format(budget=poll["budget"], limit=poll["per_option_limit"])
            rule_text += " · " + dots
        if poll["weighting"] == "organisation":
            rule_text += " · " + t("weighting.organisation", lang)
        state = t("poll.closed" if poll["status"] == "closed" else "poll.open", lang)
        shown = t("poll.revealed" if poll["revealed"] else "poll.not_revealed", lang)
        title = poll["title_th"] if lang == "th" and poll["title_th"] else poll["title_en"] or poll["title_th"]
        title = presenting.shown_title(self.store, title)
        self.info.value = (
            f"<h3>{html.esc(title)}</h3><div>{html.esc(rule_text)}</div>"
            f"<div><b>{html.esc(state)}</b> · {html.esc(shown)}</div>"
        )
        closed = poll["status"] != "open"
        self._offer_modes(poll)
        for w in [self.submit, self.close_poll, self.mode, self.choice, self.participant, self.org, self.number]:
            w.disabled = closed
        if self._closing and closed:
            self.status.value = ""  # closed meanwhile (at another desk): nothing left to ask
        self._closing = self._closing and not closed
        asking = self._closing
        self.close_poll.description = t("button.close_confirm" if asking else "button.close_poll", lang)
        self.close_poll.button_style = "warning" if asking else ""
        self.close_poll.layout.display = "none" if closed else None
        self.cancel_close.layout.display = None if asking else "none"
        self.reopen.layout.display = None if closed else "none"
        for w in self.counts.values():
            w.disabled = closed
        self.reveal.description = t("button.hide" if poll["revealed"] else "button.reveal", lang)
        self._show_mode()
        self._show_options()
        self._show_results(poll)

    def close(self):
        presenting.state().unobserve(self._on_presenting, names="on")
        self.presenting.close()
        self.tick.playing = False  # a panel replaced by another poll's stops following
        self.tick.close()
        super().close()
