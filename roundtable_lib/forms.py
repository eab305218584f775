"""Chairs' widgets: the session header and the capture form.

Each form is a container (``VBox``) that builds its children in ``__init__`` as named
attributes, receives the store as an argument, and shows the store's validation message next
to the fields. Tests drive them as ipywidgets' own tests do: set ``.value``, call
``.click()``, look at the rows in a real store file.
"""

import time

import ipywidgets as widgets

from . import markup
from .exceptions import RoundtableError
from .i18n import item_text, pick, t
from .store import new_id

_OK = "color:#1e6b35"
_ERR = "color:#a8200d;font-weight:bold"


def _status_html(message, ok=True):
    return f'<span style="{_OK if ok else _ERR}">{markup.esc(message)}</span>' if message else ""


def org_options(meeting, lang="en", kinds=None):
    return [
        (pick(o.name, lang), o.id) for o in meeting.organisations if kinds is None or o.kind in kinds
    ]


class SessionHeader(widgets.VBox):
    """Title, chair, purpose and the questions to pose, plus a button to tell the dashboards
    "we are now in this session"."""

    def __init__(self, store, session, lang="en", actor=None):
        self.store, self.session, self.lang, self.actor = store, session, lang, actor
        meeting = store.meeting
        agenda_item = meeting.session(session)
        questions = "".join(f"<li>{markup.esc(pick(q, lang))}</li>" for q in agenda_item.questions)
        extra = (
            f"<p><b>{markup.esc(t('head.purpose', lang))}:</b> {markup.esc(pick(agenda_item.purpose, lang))}</p>"
            + (f"<b>{markup.esc(t('head.questions', lang))}</b><ul>{questions}</ul>" if questions else "")
        )
        self.info = widgets.HTML(
            markup.STYLE + markup.session_header(meeting, session, lang, store.get_state("demo", False), extra)
        )
        self.now_button = widgets.Button(description=t("button.now", lang), icon="bullhorn",
                                         layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML()
        self.now_button.on_click(self._on_now)
        super().__init__([self.info, widgets.HBox([self.now_button, self.status])])

    def _on_now(self, _button=None):
        try:
            self.store.set_current_session(self.session, actor=self.actor)
        except RoundtableError as exc:
            self.status.value = _status_html(str(exc), ok=False)
        else:
            self.status.value = _status_html(t("msg.now", self.lang))


class CaptureForm(widgets.VBox):
    """Capture items of the given kinds (by default, every kind the agenda item captures).

    The chair picks the organisation and the kind, types English and/or Thai, and saves.
    Below the form, the latest entries of the session can be edited or deleted, and
    "Undo last" takes back this chair's latest change.
    """

    RECENT = 8

    def __init__(self, store, session, kinds=None, lang="en", actor=None):
        self.store, self.session, self.lang = store, session, lang
        self.actor = actor or store.actor
        meeting = store.meeting
        kinds = list(kinds or meeting.session(session).captures)
        self._entry_id = new_id()  # the id of the entry being typed: a retried save reuses it
        self._editing = None
        self._last_saved_at = 0.0

        def wide():  # one Layout per widget: a shared one would hide every field that shares it
            return widgets.Layout(width="100%")

        self.kind = widgets.ToggleButtons(
            options=[(t("kind." + k, lang), k) for k in kinds], description=t("field.kind", lang),
            style={"button_width": "auto"},
        )
        self.org = widgets.Dropdown(
            options=[("—", None)] + org_options(meeting, lang), description=t("field.org", lang)
        )
        self.orgs = widgets.SelectMultiple(
            options=org_options(meeting, lang), description=t("field.orgs", lang), rows=6
        )
        self.topic = widgets.Text(description=t("field.topic", lang), layout=wide())
        self.text_en = widgets.Textarea(description=t("field.text_en", lang), layout=wide(), rows=3)
        self.text_th = widgets.Textarea(description=t("field.text_th", lang), layout=wide(), rows=3)
        self.sensitive = widgets.Checkbox(description=t("field.sensitive", lang), indent=False)
        self.submit = widgets.Button(description=t("button.save", lang), button_style="primary", icon="check")
        self.cancel = widgets.Button(description=t("button.cancel", lang), layout=widgets.Layout(display="none"))
        self.undo = widgets.Button(description=t("button.undo", lang), icon="undo")
        self.status = widgets.HTML()
        self.recent_title = widgets.HTML(f"<b>{markup.esc(t('head.recent', lang))}</b>")
        self.recent = widgets.VBox()

        self.kind.observe(self._on_kind, names="value")
        self.submit.on_click(self._on_submit)
        self.cancel.on_click(self._on_cancel)
        self.undo.on_click(self._on_undo)
        super().__init__(
            [
                self.kind, self.org, self.orgs, self.topic, self.text_en, self.text_th, self.sensitive,
                widgets.HBox([self.submit, self.cancel, self.undo]), self.status,
                self.recent_title, self.recent,
            ]
        )
        self._on_kind()
        self.refresh()

    # ------------------------------------------------------------------ behaviour

    def _on_kind(self, _change=None):
        kind = self.kind.value
        self.orgs.layout.display = None if kind == "synergy" else "none"
        self.topic.layout.display = None if kind in ("offer", "ask") else "none"

    def _values(self):
        attrs = {"topic": self.topic.value} if self.kind.value in ("offer", "ask") else {}
        return dict(
            session=self.session, kind=self.kind.value, org=self.org.value,
            orgs=list(self.orgs.value) if self.kind.value == "synergy" else [],
            text_en=self.text_en.value, text_th=self.text_th.value, attrs=attrs,
            sensitive=self.sensitive.value,
        )

    def _on_submit(self, _button=None):
        values = self._values()
        if not (values["text_en"].strip() or values["text_th"].strip()) and time.monotonic() - self._last_saved_at < 3:
            return  # the second click of a double click, after the first one saved and cleared the form
        try:
            if self._editing is not None:
                values.pop("session")
                self.store.update_item(self._editing, actor=self.actor, **values)
                message = t("msg.corrected", self.lang)
            else:
                self.store.add_item(id=self._entry_id, actor=self.actor, **values)
                message = t("msg.saved", self.lang)
        except RoundtableError as exc:
            self.status.value = _status_html(str(exc), ok=False)
            return
        self._last_saved_at = time.monotonic()
        self._reset()
        self.status.value = _status_html(message)
        self.refresh()

    def _reset(self):
        self._entry_id = new_id()
        self._editing = None
        self.text_en.value = self.text_th.value = self.topic.value = ""
        self.orgs.value = ()
        self.sensitive.value = False
        self.submit.description = t("button.save", self.lang)
        self.cancel.layout.display = "none"

    def _on_cancel(self, _button=None):
        self._reset()
        self.status.value = ""

    def _on_undo(self, _button=None):
        try:
            self.store.undo(actor=self.actor, session=self.session)
        except RoundtableError as exc:
            self.status.value = _status_html(str(exc), ok=False)
            return
        self.status.value = _status_html(t("msg.undone", self.lang))
        self.refresh()

    def edit(self, item_id):
        """Load an earlier entry into the form; saving then corrects it (recorded in history)."""
        item = self.store.get_item(item_id)
        self._editing = item_id
        if item["kind"] in self.kind.options or item["kind"] in [v for _, v in self.kind.options]:
            self.kind.value = item["kind"]
        self.org.value = item["org"]
        self.orgs.value = tuple(item["orgs"])
        self.topic.value = item["attrs"].get("topic", "")
        self.text_en.value, self.text_th.value = item["text_en"], item["text_th"]
        self.sensitive.value = item["sensitive"]
        self.submit.description = t("button.save_correction", self.lang)
        self.cancel.layout.display = None
        self.status.value = _status_html(t("msg.editing", self.lang))

    def delete(self, item_id):
        try:
            self.store.delete_item(item_id, actor=self.actor)
        except RoundtableError as exc:
            self.status.value = _status_html(str(exc), ok=False)
            return
        self.status.value = _status_html(t("msg.deleted", self.lang))
        self.refresh()

    def refresh(self):
        """Redraw the list of latest entries of this session."""
        kinds = [v for _, v in self.kind.options]
        items = self.store.items(session=self.session, kind=kinds)[-self.RECENT:][::-1]
        rows = []
        for item in items:
            label = widgets.HTML(
                '<span class="rt">'
                + markup.kind_badge(item["kind"], self.lang)
                + ("🔒 " if item["sensitive"] else "")
                + markup.esc(_org_prefix(self.store.meeting, item, self.lang) + item_text(item, self.lang))
                + "</span>",
                layout=widgets.Layout(flex="1 1 auto"),
            )
            edit = widgets.Button(description=t("button.edit", self.lang), layout=widgets.Layout(width="auto"))
            delete = widgets.Button(description=t("button.delete", self.lang), layout=widgets.Layout(width="auto"))
            edit.on_click(lambda _b, i=item["id"]: self.edit(i))
            delete.on_click(lambda _b, i=item["id"]: self.delete(i))
            rows.append(widgets.HBox([label, edit, delete]))
        self.recent.children = rows


def _org_prefix(meeting, item, lang):
    if not item.get("org"):
        return ""
    try:
        return meeting.org(item["org"]).label(lang) + ": "
    except KeyError:
        return item["org"] + ": "
