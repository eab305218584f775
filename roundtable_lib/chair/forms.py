"""Chairs' widgets: the capture form (and, handed on from :mod:`session_header`, the session's header).

Each form is a container (``VBox``) that builds its children in ``__init__`` as named
attributes, receives the store as an argument, and shows the store's validation message next
to the fields. Tests drive them as ipywidgets' own tests do: set ``.value``, call
``.click()``, look at the rows in a real store file.

May import: the meeting, the store, display, the other chair modules and ipywidgets.
"""

import time

import ipywidgets as widgets

from roundtable_lib.chair import keystrokes, presenting
from roundtable_lib.chair.capacity import shown_assessment
from roundtable_lib.chair.checklist import CheckList
from roundtable_lib.chair.entries import FORM_FIELDS, attrs_of, entry_html, form_values, history_html
from roundtable_lib.chair.follow import StoreTick
from roundtable_lib.chair.layout import WIDE_LABEL, choose
from roundtable_lib.chair.presenter import presenter, presenting_org
from roundtable_lib.chair.session_header import SessionHeader, room_hint
from roundtable_lib.display import html
from roundtable_lib.display.status import status_html, warning_html
from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.meeting.labels import item_text, pick, t
from roundtable_lib.meeting.refusals import error_text
from roundtable_lib.meeting.rules import (
    ACTION_STATUSES,
    ADDRESSEES,
    TRAINING_FORMATS,
    TRAINING_STATUSES,
    check_capture,
)
from roundtable_lib.store import new_id

# SessionHeader is handed on: notebooks import it from here with the capture form.
__all__ = ["KIND_FIELDS", "ORGS_ONLY", "CaptureForm", "SessionHeader", "org_options"]

# The extra fields each kind shows (its attrs, and the list of organisations it links).
KIND_FIELDS = {
    "synergy": ("orgs",),
    "offer": ("topic",),
    "ask": ("topic",),
    "question": ("asked_by", "answer"),
    "need": ("area",),
    "training": ("orgs", "format", "provider", "timing", "training_status"),
    "action": ("owner_person", "due", "action_status"),
    "feedback": ("rating",),
    "recommendation": ("addressees", "rationale", "rationale_th"),
}
# Kinds about several organisations at once: their boxes, and no "Organisation" dropdown beside them.
ORGS_ONLY = {"synergy"}


def _wide():
    """A full-width layout; one per widget, since a Layout shared by several widgets hides them all
    when one of them is hidden."""
    return widgets.Layout(width="100%")


def org_options(meeting, lang="en", kinds=None):
    return [(pick(o.name, lang), o.id) for o in meeting.organisations if kinds is None or o.kind in kinds]


class CaptureForm(widgets.VBox):
    """Capture items of the given kinds (by default, every kind the agenda item captures).

    The chair picks the organisation and the kind, types English and/or Thai, and saves.
    Below the form, the latest entries of the session can be edited or deleted, and
    "Undo last" takes back this chair's latest change. The list follows the store: entries
    captured on another laptop show within seconds, and what is typed in the form stays.
    """

    RECENT = 5  # the latest few: more would push the next phase off the screen

    def __init__(self, store, session, kinds=None, lang="en", actor=None, recent=None, areas=()):
        self.store, self.session, self.lang = store, session, lang
        self.recent_count = recent or self.RECENT
        self.actor = actor or store.actor
        self._entry_id = new_id()  # the id of the entry being typed: a retried save reuses it
        self._editing = None
        # While presenting, a sensitive entry opened for correction is not loaded into the form:
        # ``_held`` keeps, in this kernel only, what the form held for it (None: nothing held).
        self._held = None
        self._history_id = None  # the item whose history is on screen, redrawn when presenting flips
        self._last_saved_at = 0.0
        # ``areas`` is a list, or a function of the store (capacity.need_areas) read again on
        # every redraw and whenever this kernel's capacity view shows another assessment.
        self._areas = areas
        self._build_who(list(kinds or store.meeting.session(session).captures))
        self._build_kind_fields()
        self._build_texts_and_buttons()
        self.recent_title = widgets.HTML(f"<b>{html.esc(t('head.recent', lang))}</b>")
        self.recent = widgets.VBox()
        self.history = widgets.HTML()
        self.where = widgets.HTML()  # "The room is in ...; you are capturing into ..."
        self._rows_shown = None  # what the list of latest entries shows, so a tick redraws only a change
        self.tick = StoreTick(store, self._follow)
        # The organisation presenting now (the timer's), and whichever the timer starts next.
        self._follow_presenter(presenting_org(store))

        self.kind.observe(self._on_kind, names="value")
        presenter().observe(self._on_presenter, names="org")
        presenter().observe(self._show_where, names="room")
        self.submit.on_click(self._on_submit)
        # While presenting (the laptop may be on the projector), sensitive entries show only a lock.
        presenting.state().observe(self._on_presenting, names="on")
        if callable(areas):
            shown_assessment().observe(self._on_areas, names="id")
        self.cancel.on_click(self._on_cancel)
        self.undo.on_click(self._on_undo)
        super().__init__(
            [
                self.where,
                self.kind,
                self.org,
                self.orgs,
                self.topic,
                self.asked_by,
                self.area,
                widgets.HBox([self.format, self.training_status]),
                widgets.HBox([self.provider, self.timing]),
                widgets.HBox([self.owner_person, self.due, self.action_status]),
                self.rating,
                self.text_en,
                self.text_th,
                self.answer,
                self.addressees,
                self.rationale,
                self.rationale_th,
                self.sensitive,
                widgets.HBox([self.submit, self.cancel, self.undo]),
                self.status,
                self.recent_title,
                self.recent,
                self.history,
                self.tick,
            ]
        )
        self._on_kind()
        self.refresh()

    # ------------------------------------------------------------------ the fields

    def _build_who(self, kinds):
        """The kind of entry, and the organisation(s) it is about."""
        lang, meeting = self.lang, self.store.meeting
        self.kind = widgets.ToggleButtons(
            options=[(t("kind." + k, lang), k) for k in kinds],
            description=t("field.kind", lang),
            style={"button_width": "auto", **WIDE_LABEL},
        )
        self.org = widgets.Dropdown(
            options=[("—", None)] + org_options(meeting, lang),
            description=t("field.org", lang),
            style=WIDE_LABEL,
            layout=widgets.Layout(width="auto", min_width="32em"),
        )
        self.orgs = CheckList(org_options(meeting, lang), description=t("field.orgs", lang), columns=2)

    def _build_kind_fields(self):
        """The fields only some kinds show (KIND_FIELDS): hidden until their kind is chosen."""
        lang = self.lang

        def field(make, name, **kwargs):
            return make(style=WIDE_LABEL, description=t("field." + name, lang), **kwargs)

        def choice(name, prefix, values):
            return field(widgets.Dropdown, name, options=[(t(prefix + v, lang), v) for v in values])

        self.topic = widgets.Text(description=t("field.topic", lang), layout=_wide())
        self.asked_by = field(widgets.Text, "asked_by")
        self.answer = field(widgets.Textarea, "answer", layout=_wide(), rows=2)
        self.area = field(widgets.Combobox, "area", options=self._area_options(), ensure_option=False)
        self.format = choice("format", "format.", TRAINING_FORMATS)
        self.provider = field(widgets.Text, "provider")
        self.timing = field(widgets.Text, "timing", placeholder="September 2016")
        self.training_status = choice("status", "status.", TRAINING_STATUSES)
        self.owner_person = field(widgets.Text, "owner_person")
        self.due = field(widgets.Text, "due", placeholder="YYYY-MM-DD")
        self.action_status = choice("status", "status.", ACTION_STATUSES)
        self.rating = field(widgets.Dropdown, "rating", options=[("—", None)] + [(str(n), n) for n in range(1, 6)])
        # A recommendation says whom it asks to act and why: what a submission's reader looks for.
        self.addressees = CheckList(
            [(t("addressee." + a, lang), a) for a in ADDRESSEES], description=t("field.addressees", lang), columns=2
        )
        self.rationale = field(widgets.Textarea, "rationale", layout=_wide(), rows=2)
        self.rationale_th = field(widgets.Textarea, "rationale_th", layout=_wide(), rows=2)

    def _build_texts_and_buttons(self):
        """The two languages' text boxes, the Sensitive box, and Save / Cancel / Undo."""
        lang = self.lang
        self.text_en = widgets.Textarea(description=t("field.text_en", lang), layout=_wide(), rows=2)
        self.text_th = widgets.Textarea(description=t("field.text_th", lang), layout=_wide(), rows=2)
        self.sensitive = widgets.Checkbox(description=t("field.sensitive", lang), indent=False)
        self.submit = keystrokes.Button(button_style="primary", icon="check", layout=widgets.Layout(width="auto"))
        # The keyboard path: type in the box of the chair's language, Tab, Enter saves. The other
        # language's box and the Sensitive box are skipped by Tab (a click still reaches them).
        primary, other = (self.text_th, self.text_en) if lang == "th" else (self.text_en, self.text_th)
        primary.tabbable, other.tabbable, self.sensitive.tabbable = True, False, False
        self.cancel = keystrokes.Button(description=t("button.cancel", lang), layout=widgets.Layout(display="none"))
        self.undo = keystrokes.Button(
            description=t("button.undo", lang), icon="undo", layout=widgets.Layout(width="auto")
        )
        self.status = widgets.HTML()

    # ------------------------------------------------------------------ behaviour

    _EXTRA = ("orgs", "topic", "asked_by", "answer", "area", "format", "provider", "timing", "training_status")
    _EXTRA += ("owner_person", "due", "action_status", "rating", "addressees", "rationale", "rationale_th")

    def _on_presenting(self, _change=None):
        if self._editing is not None:
            if presenting.hiding() and self._held is None and self.sensitive.value:
                self._hold()  # a sensitive entry being corrected leaves the screen with the room
            elif not presenting.hiding() and self._held is not None:
                self._unhold()
        self.refresh()
        if self._history_id is not None:
            self.show_history(self._history_id)

    def _area_options(self):
        return list(self._areas(self.store) if callable(self._areas) else self._areas)

    def _on_areas(self, _change=None):
        self.area.options = self._area_options()

    def keep(self):
        """What the chair has on this form (kind, fields, the entry being corrected), for the form
        that replaces it when the language switches (:meth:`restore`)."""
        shown = {name: getattr(self, name).value for name in FORM_FIELDS}
        return {
            "kind": self.kind.value,
            "values": dict(self._held) if self._held is not None else shown,
            "held": self._held is not None,
            "editing": self._editing,
            "entry_id": self._entry_id,
            "history": self._history_id,
        }

    def restore(self, kept):
        """Take over what :meth:`keep` said of the form this one replaces."""
        self._entry_id = kept["entry_id"]
        if kept["kind"] in [v for _, v in self.kind.options]:
            self.kind.value = kept["kind"]
        values = {**kept["values"], "kind": kept["kind"]}
        self._editing = kept["editing"]
        if self._editing is not None:
            self.cancel.layout.display = None
        if kept["held"]:  # a sensitive entry being corrected while presenting stays off the screen
            self._held = values
            self._lock_hidden()
        else:
            self._fill(values)
            self._label_submit()
        if kept["history"] is not None:
            self.show_history(kept["history"])

    def _on_presenter(self, change):
        self._follow_presenter(change["new"])

    def _follow_presenter(self, org):
        """Point the form at the organisation that presents, unless an entry is being corrected or
        the chair has typed something (then the chair's choice stands)."""
        typed = self.text_en.value.strip() or self.text_th.value.strip()
        if org and self._editing is None and not typed and org in [v for _, v in self.org.options]:
            self.org.value = org

    def close(self):
        # A closed form redraws nothing and follows nobody (close runs again when it is collected).
        for source, handler, name in (
            (presenting.state(), self._on_presenting, "on"),
            (presenter(), self._on_presenter, "org"),
            (presenter(), self._show_where, "room"),
        ):
            try:
                source.unobserve(handler, names=name)
            except ValueError:
                pass
        if callable(self._areas):
            try:
                shown_assessment().unobserve(self._on_areas, names="id")
            except ValueError:
                pass
        super().close()

    def _on_kind(self, _change=None):
        shown = KIND_FIELDS.get(self.kind.value, ())
        for name in self._EXTRA:
            getattr(self, name).layout.display = None if name in shown else "none"
        self.org.layout.display = "none" if self.kind.value in ORGS_ONLY else None
        self._label_submit()

    def _label_submit(self):
        """The Save button names the kind ("Save as Challenge"): the kind stays chosen after Save,
        since a presentation's items come in runs of one kind, and the button says which."""
        if self._editing is not None:
            self.submit.description = t("button.save_correction", self.lang)
        else:
            kind = t("kind." + self.kind.value, self.lang) if self.kind.value else ""
            self.submit.description = f"{t('button.save_as', self.lang)} {kind}".strip()

    def _values(self):
        return dict(
            session=self.session,
            kind=self.kind.value,
            org=None if self.kind.value in ORGS_ONLY else self.org.value,
            orgs=list(self.orgs.value) if "orgs" in KIND_FIELDS.get(self.kind.value, ()) else [],
            text_en=self.text_en.value,
            text_th=self.text_th.value,
            attrs=attrs_of(self.kind.value, {name: getattr(self, name).value for name in FORM_FIELDS}),
            sensitive=self.sensitive.value,
        )

    def _on_submit(self, _button=None):
        if self._held is not None:  # a locked Save reached by the keyboard: nothing typed is shown
            self.status.value = warning_html(t("presenting.edit_hidden", self.lang))
            return
        values = self._values()
        if not (values["text_en"].strip() or values["text_th"].strip()) and time.monotonic() - self._last_saved_at < 3:
            return  # the second click of a double click, after the first one saved and cleared the form
        try:
            check_capture(self.store.meeting, values)  # what the form refuses before writing
            if self._editing is not None:
                values.pop("session")
                self.store.update_item(self._editing, actor=self.actor, **values)
                message = t("msg.corrected", self.lang)
            else:
                self.store.add_item(id=self._entry_id, actor=self.actor, **values)
                message = t("msg.saved", self.lang)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        self._last_saved_at = time.monotonic()
        self._reset()
        self.status.value = status_html(message)
        self.refresh()

    def _reset(self):
        self._entry_id = new_id()
        self._editing = None
        self._unlock()
        self.text_en.value = self.text_th.value = self.topic.value = ""
        self.asked_by.value = self.answer.value = self.owner_person.value = self.due.value = ""
        choose(self.rating, None)
        self.rationale.value = self.rationale_th.value = ""
        self.addressees.value = ()
        # Area, format, provider, timing and status are kept: the next entry often shares them.
        self.orgs.value = ()
        self.sensitive.value = False
        self._label_submit()
        self.cancel.layout.display = "none"

    def _on_cancel(self, _button=None):
        self._reset()
        self.status.value = ""

    def _on_undo(self, _button=None):
        try:
            item = self.store.undo(actor=self.actor, session=self.session)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        # Say what was taken back, unless the room must not read it.
        said = presenting.hidden_item_text(self.lang) if presenting.hides_item(item) else item_text(item, self.lang)
        self.status.value = status_html(
            t("msg.undone_item", self.lang).format(text=said) if said else t("msg.undone", self.lang)
        )
        if self._editing == item["id"]:
            self._reset()  # the entry being corrected was just taken back
        self.refresh()
        if self._history_id == item["id"]:
            self.show_history(item["id"])

    def edit(self, item_id):
        """Load an earlier entry into the form; saving then corrects it (recorded in history).

        While presenting, a sensitive entry is not loaded: the form stays empty and locked, and
        says why; switching presenting off loads it."""
        item = self.store.get_item(item_id)
        self._editing, self._held = item_id, None
        self.cancel.layout.display = None
        values = {**form_values(item), "kind": item["kind"]}
        if presenting.hides_item(item):
            if item["kind"] in [v for _, v in self.kind.options]:
                self.kind.value = item["kind"]  # its kind is on screen anyway, on its badge
            self._held = values
            self._lock_hidden()
            return
        self._fill(values)
        self._label_submit()
        self.status.value = status_html(t("msg.editing", self.lang))

    def _fill(self, values):
        if values.get("kind") in [v for _, v in self.kind.options]:
            self.kind.value = values["kind"]
        for name in FORM_FIELDS:
            if name in values:
                getattr(self, name).value = values[name]

    def _hold(self):
        """Take the entry being corrected off the screen, keeping what was typed in the kernel."""
        values = {name: getattr(self, name).value for name in FORM_FIELDS}
        self._held = {**values, "kind": self.kind.value}
        self._lock_hidden()

    def _lock_hidden(self):
        """The form empty and locked, with a line saying why and how to go on."""
        # Everything that could say what the entry is about, the organisation included.
        for name in ("text_en", "text_th", "topic", "asked_by", "answer", "area", "provider", "timing"):
            getattr(self, name).value = ""
        self.owner_person.value = self.due.value = self.rationale.value = self.rationale_th.value = ""
        self.orgs.value, self.addressees.value = (), ()
        choose(self.org, None)
        choose(self.rating, None)
        self.sensitive.value = False
        for box in (self.text_en, self.text_th):
            box.placeholder = presenting.hidden_item_text(self.lang)
        for w in (self.text_en, self.text_th, self.submit, self.sensitive):
            w.disabled = True
        self._label_submit()
        self.status.value = warning_html(t("presenting.edit_hidden", self.lang))

    def _unhold(self):
        """Presenting is off: put back what the form held and let the chair go on correcting."""
        held = self._held
        self._unlock()
        self._fill(held)
        self._label_submit()
        self.status.value = status_html(t("msg.editing", self.lang))

    def _unlock(self):
        self._held = None
        for box in (self.text_en, self.text_th):
            box.placeholder = ""
        for w in (self.text_en, self.text_th, self.submit, self.sensitive):
            w.disabled = False

    def delete(self, item_id):
        try:
            self.store.delete_item(item_id, actor=self.actor)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        self.status.value = status_html(t("msg.deleted", self.lang))
        self.refresh()

    def _follow(self):
        """Another kernel wrote: redraw the latest entries and the history shown, nothing typed."""
        self.refresh()
        if self._history_id is not None:
            self.show_history(self._history_id)

    def refresh(self):
        """Redraw the list of latest entries of this session (rebuilt only when it changed, so a
        tick never replaces the buttons under the chair's pointer)."""
        self.tick.seen()
        kinds = [v for _, v in self.kind.options]
        items = self.store.items(session=self.session, kind=kinds)[-self.recent_count :][::-1]
        shown = [(i["id"], i["kind"], entry_html(i, self.store.meeting, self.lang)) for i in items]
        self._show_where()
        if shown == self._rows_shown:
            return
        self._rows_shown = shown
        rows = []

        def button(key):  # never shrunk to "E...": the label's text wraps instead
            return keystrokes.Button(
                description=t(key, self.lang), layout=widgets.Layout(width="auto", flex="0 0 auto")
            )

        for item_id, kind, text in shown:
            label = widgets.HTML(
                # Inside .rt so the badge takes the workbook's style (html.STYLE comes with the header).
                f'<span class="rt">{html.kind_badge(kind, self.lang)}</span> {text}',
                layout=widgets.Layout(flex="1 1 0", min_width="0"),
            )
            edit, delete, past = button("button.edit"), button("button.delete"), button("button.history")
            edit.on_click(lambda _b, i=item_id: self.edit(i))
            delete.on_click(lambda _b, i=item_id: self.delete(i))
            past.on_click(lambda _b, i=item_id: self.show_history(i))
            rows.append(widgets.HBox([label, edit, delete, past]))
        if not rows:
            rows = [widgets.HTML(f"<i>{html.esc(t('list.nothing_yet', self.lang))}</i>")]
        self.recent.children = rows

    def _show_where(self, _change=None):
        where = warning_html(room_hint(self.store, self.session, self.lang))
        if self.where.value != where:
            self.where.value = where

    def show_history(self, item_id):
        """Every change to one item, newest first: who, when, what it said before and after.
        While presenting, what a sensitive version said is not shown (who and when are)."""
        self._history_id = item_id
        self.history.value = history_html(self.store, item_id, self.lang)
