"""The capacity assessment on the chair's screen: the stored findings as a heatmap that follows
the store, and loading another file, chosen in the browser's file picker or typed as a path
(checked, then stored only once the chair confirms).

What a findings file is and how it is checked lives in :mod:`roundtable_lib.meeting.assessment`;
this module only shows and asks. May import the meeting, the store, display,
:mod:`roundtable_lib.chair.follow` and ipywidgets.
"""

import json
import os

import ipywidgets as widgets
import traitlets

from roundtable_lib.chair import keystrokes
from roundtable_lib.chair.follow import FOLLOW_MS, StoreTick
from roundtable_lib.display.status import status_html, warning_html
from roundtable_lib.exceptions import RoundtableError, ValidationError
from roundtable_lib.meeting.actors import actor_words
from roundtable_lib.meeting.assessment import load_capacity, load_capacity_bytes
from roundtable_lib.meeting.clock import format_local
from roundtable_lib.meeting.files import typed_path
from roundtable_lib.meeting.labels import t
from roundtable_lib.meeting.refusals import error_text


class ShownAssessment(traitlets.HasTraits):
    """The id of the assessment this kernel's capacity view shows: forms offering its areas
    follow it, so a file confirmed on the chair's screen is offered at once."""

    id = traitlets.Unicode("")


_SHOWN_ASSESSMENT = None


def shown_assessment():
    """The kernel's one :class:`ShownAssessment`."""
    global _SHOWN_ASSESSMENT
    if _SHOWN_ASSESSMENT is None:
        _SHOWN_ASSESSMENT = ShownAssessment()
    return _SHOWN_ASSESSMENT


class CapacityView(widgets.VBox):
    """The stored assessment on screen as a heatmap, and two ways to hand over another file:
    **Choose file** (the browser's file picker; the file goes to the kernel's memory, never into
    the notebooks' folder) or a path typed or pasted beside **Load** (quotes and ``~`` are fine;
    a relative path is read from ``folder``, the notebook's own, which the screen names).

    Either is checked exactly alike (:mod:`roundtable_lib.meeting.assessment`) and asks before
    anything changes ("Replace 28 scores from capacity_assessment.csv with 3 scores from
    findings.csv?"); only **Confirm** stores it, for every screen. A file with problems is shown
    in red, and the current assessment stays (and says so). The heatmap follows the store
    (:mod:`roundtable_lib.chair.follow`), so another chair kernel's load appears on its own
    within seconds; **Undo load** goes back.
    """

    def __init__(self, store, path=None, lang="en", actor=None, tick_ms=FOLLOW_MS, folder=None):
        self.store, self.lang = store, lang
        self.folder = str(folder or os.getcwd())  # where a relative path is read from
        self.actor = actor or store.actor
        self.data = self.figure = None  # the stored assessment shown, and its heatmap
        self.pending = None  # a checked file waiting for Confirm
        self._pending_replaces = None
        self._shown = None
        auto = widgets.Layout(width="auto", flex="0 0 auto")  # a button as wide as its label, never cut
        self.path = widgets.Text(
            value=str(path or ""),
            placeholder=t("capacity.path_hint", lang),
            description=t("field.file", lang),
            layout=widgets.Layout(width="auto", flex="1 1 auto"),
        )
        self.load = keystrokes.Button(description=t("button.load", lang), icon="upload", layout=auto)
        self.upload = widgets.FileUpload(
            accept=".csv,text/csv", multiple=False, description=t("capacity.choose", lang), icon="file", layout=auto
        )
        self.where = widgets.HTML(_where_html(self.folder, lang))
        self.undo = keystrokes.Button(description=t("capacity.undo", lang), icon="undo", layout=auto)
        self.current = widgets.HTML()
        self.banner = widgets.HTML()
        self.question = widgets.HTML()
        self.confirm = keystrokes.Button(
            description=t("capacity.confirm", lang), icon="check", button_style="warning", layout=auto
        )
        self.cancel = keystrokes.Button(description=t("button.cancel", lang), layout=auto)
        self.confirm_box = widgets.VBox(
            [self.question, widgets.HBox([self.confirm, self.cancel])], layout=widgets.Layout(display="none")
        )
        self.status = widgets.HTML()
        self.output = widgets.Output()
        self.output.add_class("rt-chair-heat")
        self.load.on_click(lambda _b: self.check())
        self.upload.observe(self._on_upload, names="value")
        self.confirm.on_click(lambda _b: self.accept())
        self.cancel.on_click(lambda _b: self.reject())
        self.undo.on_click(lambda _b: self.take_back())
        self.tick = StoreTick(store, self._follow, tick_ms)
        super().__init__(
            [
                widgets.HBox([self.upload, self.path, self.load], layout=widgets.Layout(width="100%")),
                self.where,
                self.current,
                self.banner,
                self.confirm_box,
                self.status,
                self.output,
                widgets.HBox([self.undo]),
                self.tick,
            ]
        )
        self.refresh()

    def _follow(self):
        """Another kernel wrote: show what is stored now; a pending question stays."""
        before = self.data.id if self.data else None
        now = self.refresh()
        if (now.id if now else None) != before:
            self.status.value = ""  # "Stored: ..." would name a file no longer shown

    def refresh(self):
        """Show the assessment stored now (another chair may have loaded one). Returns it."""
        from roundtable_lib.display.charts import capacity_heatmap

        self.tick.seen()
        data = self.store.capacity_assessment()
        self.data = data
        shown_assessment().id = data.id if data else ""
        self.current.value = _current_html(data, self.lang, self.store.meeting)
        self.banner.value = (
            warning_html(t("chart.illustrative_banner", self.lang)) if data and data.illustrative else ""
        )
        key = (data.id, self.lang) if data else None
        if key != self._shown:
            self._shown = key
            self.figure = (
                capacity_heatmap(data.rows, self.store.meeting, self.lang, data.illustrative) if data else None
            )
            # Set as the Output's state, never printed into it with `with self.output:`: a tick
            # or a click runs outside the cell that drew the view, and what is printed there goes
            # to whichever message the kernel handled last (the chart stayed on the old file).
            self.output.outputs = (_chart_output(self.figure),) if self.figure is not None else ()
        return data

    def check(self):
        """Load: check the file at the path and ask the chair to confirm. Nothing is stored yet."""
        return self._check(lambda: load_capacity(typed_path(self.path.value, self.folder), self.store.meeting))

    def _on_upload(self, change):
        if not change["new"]:
            return  # the picker emptied below, so the same file can be chosen again
        chosen = change["new"][0]
        self.check_upload(chosen["content"], chosen["name"])
        self.upload.value = ()

    def check_upload(self, content, name):
        """A file chosen in the picker: checked as a typed path is, then the chair confirms."""
        return self._check(lambda: load_capacity_bytes(content, name, self.store.meeting))

    def _check(self, read):
        self._ask(None)
        current = self.refresh()
        try:
            data = read()
        except ValidationError as exc:
            lines = error_text(exc, self.lang).splitlines()
            self.status.value = "<br>".join(status_html(line, ok=False) for line in lines)
            return None
        if current is not None and current.sha256 == data.sha256:
            self.status.value = status_html(t("capacity.same", self.lang).format(what=current.describe(self.lang)))
            return None
        self.status.value = ""
        self._pending_replaces = current.id if current else None
        if current is None:
            question = t("capacity.ask_first", self.lang).format(new=data.describe(self.lang))
        else:
            question = t("capacity.ask_replace", self.lang).format(
                new=data.describe(self.lang), old=current.describe(self.lang)
            )
        self._ask(data, question)
        return data

    def accept(self):
        """Confirm: store the checked file for everyone."""
        data, replaces = self.pending, self._pending_replaces
        self._ask(None)
        if data is None:
            return None
        try:
            stored = self.store.save_capacity_assessment(data, actor=self.actor, replaces=replaces)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            self.refresh()
            return None
        self.status.value = status_html(t("msg.capacity_loaded", self.lang).format(what=stored.describe(self.lang)))
        self.refresh()
        return stored

    def reject(self):
        self._ask(None)
        self.status.value = status_html(t("capacity.cancelled", self.lang))

    def take_back(self):
        """Undo load: go back to the assessment stored before the latest load."""
        self._ask(None)
        try:
            restored = self.store.undo_capacity_assessment(actor=self.actor)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
        else:
            what = restored.describe(self.lang) if restored else t("capacity.not_loaded", self.lang)
            self.status.value = status_html(t("capacity.undone", self.lang).format(what=what))
        self.refresh()

    def _ask(self, data, question=""):
        from roundtable_lib.display import html

        self.pending = data
        if data is None:
            self._pending_replaces = None
        self.question.value = f"<b>{html.esc(question)}</b>" if question else ""
        self.confirm_box.layout.display = "flex" if data is not None else "none"


def _chart_output(figure):
    """The figure as one output of an Output widget, in JupyterLab's plotly mime type: built
    here, not by plotly's renderer, whose choice depends on where the kernel runs (outside
    Jupyter it returns nothing at all)."""
    chart = json.loads(figure.to_json())
    chart["config"] = {"displaylogo": False, "responsive": True}
    data = {"application/vnd.plotly.v1+json": chart, "text/plain": figure.layout.title.text or ""}
    return {"output_type": "display_data", "data": data, "metadata": {}}


def _where_html(folder, lang):
    from roundtable_lib.display import html

    line = t("capacity.relative_to", lang).format(folder=folder)
    return f'<span class="rt-sub" style="font-size: 0.85em; color: #555">{html.esc(line)}</span>'


def _current_html(data, lang, meeting=None):
    from roundtable_lib.display import html

    if data is None:
        return f"<i>{html.esc(t('capacity.none', lang))}</i>"
    when = format_local(data.loaded_at, meeting, lang)  # the meeting's clock, as every screen shows it
    who = actor_words(data.loaded_by, meeting, lang)
    line = t("capacity.current", lang).format(what=data.describe(lang), when=when, who=who)
    return f"<b>{html.esc(line)}</b>"
