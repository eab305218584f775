"""Voting on the chair's screen: open a poll, pick one of the session's polls, enter its ballots.

:class:`PollBoard` is what a session's notebook shows: :class:`PollCreator` folded under "New
poll", a choice of the session's polls, and the chosen poll's
:class:`~roundtable_lib.chair.poll_panel.PollPanel` (ballots, close, reveal, results). Both
follow the store (:mod:`roundtable_lib.chair.follow`): a poll opened or closed at another desk,
or an item captured since, shows within seconds; the poll chosen and what is typed stay.

The rules (budget of dots, per-option limit, one ballot per participant, a closed poll is
frozen, weighting by organisation, ties) live in the store and :mod:`roundtable_lib.meeting.rules`;
these widgets only collect what the chair enters and show the store's message.

May import: the meeting, the store, display, the other chair modules and ipywidgets.
"""

import ipywidgets as widgets

from roundtable_lib.chair.checklist import CheckList
from roundtable_lib.chair.follow import StoreTick, offer
from roundtable_lib.chair.layout import WIDE_LABEL, WRAP_CHOICES_CSS, auto_button
from roundtable_lib.chair.poll_panel import PollPanel
from roundtable_lib.display import html
from roundtable_lib.display.status import status_html
from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.meeting.labels import item_text, t
from roundtable_lib.meeting.poll_rules import check_title_free
from roundtable_lib.meeting.refusals import error_text
from roundtable_lib.meeting.rules import POLL_METHODS, POLL_WEIGHTINGS
from roundtable_lib.store import new_id

# A short end-of-day feedback poll (1-5 scale), offered pre-filled in the conclusions.
FEEDBACK_OPTIONS = (
    ("The day was useful for my organisation's work", "การประชุมวันนี้เป็นประโยชน์ต่องานขององค์กรของฉัน"),
    ("There was enough time for discussion", "มีเวลาเพียงพอสำหรับการอภิปราย"),
    ("The interpretation helped me follow", "การแปลช่วยให้ฉันติดตามการประชุมได้"),
    ("I know what happens next", "ฉันทราบว่าขั้นตอนต่อไปคืออะไร"),
)


def parse_free_options(text):
    """One option per line, ``English | Thai`` (either side may be empty). Blank lines are skipped."""
    options = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        en, _, th = line.partition("|")
        options.append({"label_en": en.strip(), "label_th": th.strip()})
    return options


def _field_label(text):
    return widgets.HTML(f"<b>{html.esc(text)}</b>")


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
        eligible=None,
    ):
        self.store, self.session, self.lang = store, session, lang
        # Who votes in the polls opened here: None for the meeting's voting roles (the donor and
        # observers do not rank recommendations); "everyone" for a poll all answer (feedback).
        self.eligible = store.meeting.org_ids if eligible == "everyone" else eligible
        self.actor = actor or store.actor
        self.option_kinds = list(option_kinds)
        self.on_created = on_created
        self._poll_id = new_id()  # a retried click creates one poll, not two
        self._build_rules(title_en, title_th, method)
        self.items = CheckList()
        self.items_box = widgets.VBox([_field_label(t("field.items", lang)), self.items])
        self.free = widgets.Textarea(
            value="\n".join(f"{en} | {th}" for en, th in free_options),
            layout=widgets.Layout(width="auto"),
            rows=4,
            placeholder="English | ไทย",
        )
        # No Refresh button: the board keeps the items offered up to date (follow).
        self.submit = auto_button(t("button.create_poll", lang), button_style="primary", icon="plus")
        self.status = widgets.HTML()
        self.method.observe(self._on_method, names="value")
        self.submit.on_click(self._on_submit)
        super().__init__(
            [
                widgets.HTML(WRAP_CHOICES_CSS),
                self.title_en,
                self.title_th,
                self.title_note,
                self.method,
                widgets.HBox([self.budget, self.per_option], layout=widgets.Layout(flex_flow="row wrap")),
                self.weighting,
                self.items_box,
                _field_label(t("field.free_options", lang) + " (English | ไทย)"),
                self.free,
                self.submit,
                self.status,
            ]
        )
        self._on_method()
        self.refresh()

    def _build_rules(self, title_en, title_th, method):
        """The poll's title in both languages, its method, its dots and its weighting."""
        lang = self.lang
        wide = widgets.Layout(width="auto")  # the whole row; "100%" plus a label overflows it
        self.title_en = widgets.Text(
            value=title_en, description=t("field.title_en", lang), style=WIDE_LABEL, layout=wide
        )
        self.title_th = widgets.Text(
            value=title_th, description=t("field.title_th", lang), style=WIDE_LABEL, layout=wide
        )
        # Why a title cannot be used, said as it is typed (the store refuses it on Open too).
        self.title_note = widgets.HTML()
        for box in (self.title_en, self.title_th):
            box.observe(self._check_title, names="value")
        self.method = widgets.ToggleButtons(
            options=[(t("method." + m, lang), m) for m in POLL_METHODS],
            value=method,
            description=t("field.method", lang),
            style={"button_width": "auto", **WIDE_LABEL},
        )
        number = widgets.Layout(width="auto")
        self.budget = widgets.BoundedIntText(
            value=3, min=1, max=100, description=t("field.budget", lang), style=WIDE_LABEL, layout=number
        )
        self.per_option = widgets.BoundedIntText(
            value=2, min=1, max=100, description=t("field.per_option", lang), style=WIDE_LABEL, layout=number
        )
        self.weighting = widgets.Dropdown(
            options=[(t("weighting." + w, lang), w) for w in POLL_WEIGHTINGS],
            description=t("field.weighting", lang),
            style=WIDE_LABEL,
            layout=widgets.Layout(width="auto", max_width="40em"),
        )

    def _check_title(self, _change=None):
        title = {"title_en": self.title_en.value, "title_th": self.title_th.value}
        try:
            check_title_free(title, self.store.polls())
        except RoundtableError as exc:
            self.title_note.value = status_html(error_text(exc, self.lang), ok=False)
            return
        self.title_note.value = ""

    def _on_method(self, _change=None):
        dots = self.method.value == "dots"
        self.budget.layout.display = self.per_option.layout.display = None if dots else "none"

    def refresh(self):
        """Offer the session's current captured items as options (all ticked by default).

        Items marked sensitive are left out: poll options are shown on dashboards once revealed."""
        items = (
            self.store.items(session=self.session, kind=self.option_kinds, include_sensitive=False)
            if self.option_kinds
            else []
        )
        self.items.options = [(item_text(i, self.lang), i["id"]) for i in items]
        self.items.value = tuple(i["id"] for i in items)
        self.items_box.layout.display = None if self.option_kinds else "none"
        self._check_title()  # a pre-filled title may have been used since ("How was the day?")

    def follow(self):
        """Another kernel wrote: items captured since are offered (ticked), those gone are not;
        what the chair ticked, unticked and typed stays."""
        if self.option_kinds:
            items = self.store.items(session=self.session, kind=self.option_kinds, include_sensitive=False)
            offered = [(item_text(i, self.lang), i["id"]) for i in items]
            if offered != self.items.options:
                known = {value for _label, value in self.items.options}
                ticked = set(self.items.value) | {value for _label, value in offered if value not in known}
                self.items.options = offered
                self.items.value = tuple(value for _label, value in offered if value in ticked)
        self._check_title()

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
                eligible=self.eligible,
            )
        except RoundtableError as exc:
            message = status_html(error_text(exc, self.lang), ok=False)
            # A taken title is said at the title box, where the chair types the new one.
            at_title = getattr(exc, "field", None) in ("title_en", "title_th")
            self.title_note.value, self.status.value = (message, "") if at_title else ("", message)
            return
        self.title_note.value = ""
        self._poll_id = new_id()
        self.status.value = status_html(t("msg.poll_created", self.lang))
        if self.on_created:
            self.on_created(poll)


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
        self.choose = widgets.Dropdown(
            description=t("field.poll", lang), style=WIDE_LABEL, layout=widgets.Layout(width="auto", max_width="48em")
        )
        self.panel = widgets.VBox()
        self._offering = False  # while the list of polls is redrawn, the chosen poll's panel stays
        self.choose.observe(self._on_choose, names="value")
        self.tick = StoreTick(store, self._follow)
        super().__init__([self.new, self.choose, self.panel, self.tick])
        self.refresh()

    def refresh(self, select=None):
        self.tick.seen()
        polls = self.store.polls(self.session)
        self.choose.options = self._choices(polls)
        self.choose.value = select or (polls[-1]["id"] if polls else None)
        self.creator.refresh()
        self._on_choose()

    def _choices(self, polls):
        options = [
            (
                (p["title_th"] if self.lang == "th" and p["title_th"] else p["title_en"] or p["title_th"])
                + (" " + t("poll.closed_mark", self.lang) if p["status"] == "closed" else ""),
                p["id"],
            )
            for p in polls
        ]
        return options or [("—", None)]

    def _on_runoff(self, runoff, message):
        """The runoff is shown at once, saying it was just opened (the tied poll's panel, where
        the chair clicked, is gone)."""
        self._on_created(runoff)
        self.panel.children[0].status.value = message

    def _on_status(self, _poll=None):
        """A poll closed or reopened in its panel: the choice of polls says so ("(closed)")."""
        self._offer_polls(self.store.polls(self.session))

    def _follow(self):
        """Another kernel wrote: the list of polls follows (a poll opened elsewhere is offered, and
        chosen if none was); the chosen poll, its panel and what is typed there stay."""
        polls = self.store.polls(self.session)
        self._offer_polls(polls)
        if self.choose.value is None and polls:
            self.choose.value = polls[-1]["id"]
        if self.new.selected_index is not None:
            self.creator.follow()

    def _offer_polls(self, polls):
        self._offering = True
        try:
            offer(self.choose, self._choices(polls))
        finally:
            self._offering = False
        self._on_choose()  # once the options settle: a new panel only if another poll is chosen now

    def _on_created(self, poll):
        self.new.selected_index = None
        self.refresh(select=poll["id"])

    def _on_choose(self, _change=None):
        if self._offering:
            return
        poll_id = self.choose.value
        current = self.panel.children[0] if self.panel.children else None
        if current is not None and current.poll_id != poll_id:
            current.close()  # stop it following the presenting state
        if poll_id is None:
            self.panel.children = []
        elif current is None or current.poll_id != poll_id:
            self.panel.children = [
                PollPanel(
                    self.store, poll_id, self.lang, self.actor, on_runoff=self._on_runoff, on_status=self._on_status
                )
            ]
