"""The organisers' review: browse, correct, merge and publish what the chairs captured.

:class:`ReviewPanel` is one widget: a language switch (English / ไทย, remembered like a chair's),
filters and a sort order above a table of every item (deleted ones too), an editor for the
selected item (text, Thai version, sensitive flag, delete/restore, merge into another item, its
history in words), and the export with links to what it wrote. Every change goes through the
store, so the history records it like a chair's correction.

What it shows is made by plain functions (:mod:`roundtable_lib.outputs.review_items`), tested
without widgets.

May import: the meeting, the store, display, :mod:`roundtable_lib.chair.keystrokes` and
:mod:`roundtable_lib.chair.screen` (the language switch's choices and memory), the outputs.
"""

from pathlib import Path

import ipywidgets as widgets
from IPython.display import HTML

from roundtable_lib.chair import keystrokes
from roundtable_lib.chair.screen import CHAIR_SCREEN_CSS, LANG_CHOICES, ChairDesk, chair_lang, set_chair_lang
from roundtable_lib.display.html import esc
from roundtable_lib.display.status import status_html
from roundtable_lib.exceptions import RoundtableError, ValidationError
from roundtable_lib.meeting.labels import LABELS, count, t
from roundtable_lib.meeting.privacy import MERGED_STATE
from roundtable_lib.meeting.refusals import error_text
from roundtable_lib.outputs import export, prepublication
from roundtable_lib.outputs.review_items import (
    ALL,
    FLAGS,
    LANGUAGES,
    NO_ORG,
    SORTS,
    choices,
    export_links_html,
    filter_items,
    history_table,
    item_label,
    items_table,
    kind_options,
    org_options,
    session_options,
    shown_count,
    sort_items,
)

__all__ = ["ALL", "NO_ORG", "ReviewPanel", "filter_items", "sort_items"]

# A label takes the room its words need (no "Organisati..."); a box fills what is left.
LABELLED = {"description_width": "initial"}
THIRD = widgets.Layout(flex="1 1 0", min_width="0", width="auto")
WIDE = widgets.Layout(width="auto")  # the whole row, within it (100% plus the margins overflowed)
# Checkbox descriptions wrap instead of being cut ("Internal version (sensitive items and eve...").
WRAPPING_CHECKBOX_CSS = (
    "<style>.rt-review-panel .widget-checkbox { width: auto; height: auto; }"
    " .rt-review-panel .widget-checkbox label.widget-label-basic { white-space: normal; }"
    " .rt-review-panel .widget-checkbox label.widget-label-basic span { white-space: normal; overflow: visible; }"
    "</style>"
)


class ReviewPanel(widgets.VBox):
    """Every captured item, filterable and sortable, with an editor and the export button.

    ``store`` must be a writable, non-public store (organisers see sensitive and deleted items).
    ``lang`` is the organiser's first language; the switch on screen changes every word of the
    panel and is remembered for ``actor`` (a reopened notebook comes back in it).
    """

    # Shown by the notebook's last cell: Run All ends with the view at the top, as a chair's does
    # (the same front-end script; it uses nothing of the desk).
    to_top = ChairDesk.to_top

    def __init__(self, store, actor=None, out_dir="exports", lang="en"):
        if store.public or store.readonly:
            raise ValidationError("The review needs the organisers' store (not a read-only or public one).")
        self.store, self.actor = store, actor or store.actor
        self.lang = chair_lang(store, self.actor, lang)
        self._quiet = False  # set while relabelling: the filters' values stay, nothing refreshes twice
        self._build_filters()
        self._build_editor()
        self._build_export(out_dir)
        self._wire()
        super().__init__(self._children())
        self.add_class("rt-review-panel")
        self._relabel()
        self.refresh()
        self._on_check()

    def _build_filters(self):
        """The language switch, the filters and sort order above the table, and the table."""
        self.switch = widgets.ToggleButtons(
            options=LANG_CHOICES,
            value=self.lang,
            description="Language · ภาษา",
            style={"button_width": "auto", "description_width": "initial"},
        )
        self.session = widgets.Dropdown(style=LABELLED, layout=THIRD)
        self.org = widgets.Dropdown(style=LABELLED, layout=THIRD)
        self.kind = widgets.Dropdown(style=LABELLED, layout=THIRD)
        self.language = widgets.Dropdown(style=LABELLED, layout=THIRD)
        self.flag = widgets.Dropdown(style=LABELLED, layout=THIRD)
        self.sort = widgets.Dropdown(style=LABELLED, layout=THIRD)
        self.search = widgets.Text(continuous_update=False, style=LABELLED, layout=WIDE)
        self.count = widgets.HTML()
        self.table = widgets.HTML()

    def _build_editor(self):
        """The selected item's editor: its texts, the sensitive flag, delete/restore, merge, history."""
        self.selected_heading = widgets.HTML()
        self.item = widgets.Dropdown(options=[], style=LABELLED, layout=WIDE)
        self.text_en = widgets.Textarea(style=LABELLED, layout=WIDE, rows=3)
        self.text_th = widgets.Textarea(style=LABELLED, layout=WIDE, rows=3)
        self.sensitive = widgets.Checkbox(indent=False)
        self.save = keystrokes.Button(button_style="primary", icon="check", layout=widgets.Layout(width="auto"))
        self.delete = keystrokes.Button(icon="trash", layout=widgets.Layout(width="auto"))
        self.restore = keystrokes.Button(icon="undo", layout=widgets.Layout(width="auto"))
        self.merge_into = widgets.Dropdown(options=[], style=LABELLED, layout=THIRD)
        self.merge = keystrokes.Button(icon="compress", layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML()
        self.history_heading = widgets.HTML()
        self.history = widgets.HTML()

    def _build_export(self, out_dir):
        """The pre-publication checks, the export folder (``out_dir``/public or /internal), the
        internal switch, the organiser's acknowledgement, the export button and, once it wrote,
        links to the files (an output area: JupyterLab makes its links open or download)."""
        self.folders = {
            internal: str(Path(out_dir) / export.default_folder(internal).name) for internal in (False, True)
        }
        self.export_heading = widgets.HTML()
        self.out_dir = widgets.Text(value=self.folders[False], style=LABELLED, layout=THIRD)
        self.internal = widgets.Checkbox(indent=False, layout=WIDE)
        self.checks = widgets.HTML()
        self.check_again = keystrokes.Button(icon="refresh", layout=widgets.Layout(width="auto"))
        self.reviewed = widgets.Checkbox(indent=False, layout=WIDE)
        self.export = keystrokes.Button(icon="download", layout=widgets.Layout(width="auto"))
        self.export_status = widgets.HTML()
        self.links = widgets.Output()

    def _wire(self):
        self.switch.observe(self._on_switch, names="value")
        for control in (self.session, self.org, self.kind, self.language, self.flag, self.sort, self.search):
            control.observe(self.refresh, names="value")
        self.item.observe(self._on_item, names="value")
        self.save.on_click(self._on_save)
        self.delete.on_click(self._on_delete)
        self.restore.on_click(self._on_restore)
        self.merge.on_click(self._on_merge)
        self.export.on_click(self._on_export)
        self.check_again.on_click(self._on_check)
        self.internal.observe(self._on_internal, names="value")

    def _children(self):
        """The panel from top to bottom: filters and table, the selected item, the export."""
        return [
            widgets.HTML(WRAPPING_CHECKBOX_CSS + CHAIR_SCREEN_CSS),  # no code on screen, as a chair's
            self.switch,
            widgets.HBox([self.session, self.org, self.kind]),
            widgets.HBox([self.language, self.flag, self.sort]),
            self.search,
            self.count,
            self.table,
            self.selected_heading,
            self.item,
            self.text_en,
            self.text_th,
            self.sensitive,
            widgets.HBox([self.save, self.delete, self.restore]),
            widgets.HBox([self.merge_into, self.merge]),
            self.status,
            self.history_heading,
            self.history,
            self.export_heading,
            self.checks,
            widgets.HBox([self.check_again]),
            self.reviewed,
            widgets.HBox([self.out_dir, self.export]),
            self.internal,
            self.export_status,
            self.links,
        ]

    # ------------------------------------------------------------------ language

    def _on_switch(self, change):
        self.set_lang(change["new"])

    def set_lang(self, lang):
        """Every word of the panel in ``lang``, remembered for this organiser; the filters,
        the chosen item and anything typed stay."""
        set_chair_lang(self.store, self.actor, lang)
        self.lang = lang
        self._relabel()
        self.refresh()
        self._on_check()

    def _relabel(self):
        lang, meeting = self.lang, self.store.meeting
        self._quiet = True
        try:
            for dropdown, options in (
                (self.session, session_options(meeting, lang)),
                (self.org, org_options(meeting, lang)),
                (self.kind, kind_options(lang)),
                (self.language, choices(LANGUAGES, lang)),
                (self.flag, choices(FLAGS, lang)),
                (self.sort, choices(SORTS, lang)),
            ):
                value = dropdown.value
                dropdown.options = options
                dropdown.value = value if value in [v for _, v in options] else options[0][1]
        finally:
            self._quiet = False
        for control, key in (
            (self.session, "session"),
            (self.org, "organisation"),
            (self.kind, "kind"),
            (self.language, "language"),
            (self.flag, "flag"),
            (self.sort, "sort"),
            (self.search, "search"),
            (self.item, "item"),
            (self.text_en, "english"),
            (self.text_th, "thai"),
            (self.sensitive, "sensitive"),
            (self.save, "save"),
            (self.delete, "delete"),
            (self.restore, "restore"),
            (self.merge_into, "merge_into"),
            (self.merge, "merge"),
            (self.out_dir, "folder"),
            (self.internal, "internal"),
            (self.check_again, "check_again"),
            (self.reviewed, "reviewed"),
            (self.export, "export"),
        ):
            control.description = t(f"review.panel.{key}", lang)
        self.selected_heading.value = f"<h3>{esc(t('review.panel.selected', lang))}</h3>"
        self.history_heading.value = f"<b>{esc(t('review.panel.history', lang))}</b>"
        self.export_heading.value = f"<h3>{esc(t('review.panel.export_heading', lang))}</h3>"

    # ------------------------------------------------------------------ reading

    def _merged(self):
        return self.store.get_state(MERGED_STATE, {}) or {}

    def visible_items(self):
        """The items the filters and sort order currently show."""
        items = filter_items(
            self.store.items(include_deleted=True),
            self.session.value,
            self.org.value,
            self.kind.value,
            self.language.value,
            self.flag.value,
            self.search.value,
            self._merged(),
        )
        return sort_items(items, self.sort.value, self.store.meeting)

    def refresh(self, _change=None):
        if self._quiet:
            return
        items, merged, meeting = self.visible_items(), self._merged(), self.store.meeting
        self.count.value = f"<b>{esc(shown_count(len(items), self.lang))}</b>"
        self.table.value = items_table(meeting, items, merged, self.lang)
        current = self.item.value
        options = [(item_label(meeting, i, self.lang, merged), i["id"]) for i in items]
        ids = [v for _, v in options]
        self._quiet = True
        try:
            self.item.options = options
            self.item.value = current if current in ids else (ids[0] if ids else None)
        finally:
            self._quiet = False
        self._on_item()

    def _on_item(self, _change=None):
        if self._quiet:
            return
        item_id = self.item.value
        if item_id is None:
            self.text_en.value = self.text_th.value = ""
            self.history.value = ""
            self.merge_into.options = []
            return
        item, meeting = self.store.get_item(item_id), self.store.meeting
        self.text_en.value, self.text_th.value = item["text_en"], item["text_th"]
        self.sensitive.value = item["sensitive"]
        others = [i for i in self.store.items(kind=item["kind"]) if i["id"] != item_id]
        self.merge_into.options = [(item_label(meeting, i, self.lang), i["id"]) for i in others]
        self.history.value = history_table(self.store.history(entity_id=item_id), meeting, self.lang)

    # ------------------------------------------------------------------ writing

    def _act(self, fn, message_key):
        try:
            result = fn()
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return None
        self.refresh()
        self.status.value = status_html(t(message_key, self.lang))
        return result

    def _on_save(self, _button=None):
        if self.item.value is None:
            self.status.value = status_html(t("review.panel.choose_first", self.lang), ok=False)
            return
        self._act(
            lambda: self.store.update_item(
                self.item.value,
                actor=self.actor,
                text_en=self.text_en.value,
                text_th=self.text_th.value,
                sensitive=self.sensitive.value,
            ),
            "review.panel.saved",
        )

    def _on_delete(self, _button=None):
        if self.item.value is not None:
            self._act(lambda: self.store.delete_item(self.item.value, actor=self.actor), "review.panel.deleted")

    def _on_restore(self, _button=None):
        if self.item.value is not None:
            self._act(lambda: self.store.restore_item(self.item.value, actor=self.actor), "review.panel.restored")

    def _on_merge(self, _button=None):
        if self.item.value is None or self.merge_into.value is None:
            self.status.value = status_html(t("review.panel.choose_merge", self.lang), ok=False)
            return
        keep, dup = self.merge_into.value, self.item.value
        result = self._act(lambda: self.store.merge_items(keep, dup, actor=self.actor), "review.panel.merged")
        if result is None:
            return
        _kept, options = result
        note = count(options, "review.panel.merged_options", self.lang) if options else ""
        self.item.value = keep if keep in [v for _, v in self.item.options] else self.item.value
        self.status.value = status_html(t("review.panel.merged", self.lang) + note)

    def _on_check(self, _button=None):
        """Run the pre-publication checks again (after corrections, say)."""
        self.checks.value = prepublication.as_html(prepublication.review(self.store, self.lang), lang=self.lang)

    def _on_internal(self, _change=None):
        """Switch the folder with the version, unless the organiser typed one of their own."""
        if self.out_dir.value in self.folders.values():
            self.out_dir.value = self.folders[self.internal.value]

    def _on_export(self, _button=None):
        self.links.outputs = ()
        if not self.internal.value and not self.reviewed.value:
            self._on_check()
            self.export_status.value = status_html(t("review.panel.not_written", self.lang), ok=False)
            return

        def progress(step, total, label):
            key = f"export.step.{label}"
            shown = t(key, self.lang) if key in LABELS else label
            self.export_status.value = status_html(f"{step}/{total}: {shown}…")

        try:
            result = export.export_all(
                self.store.target,
                self.out_dir.value or self.folders[self.internal.value],
                internal=self.internal.value,
                progress=progress,
            )
        except RoundtableError as exc:
            self.export_status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        lines = export.result_lines(result, self.lang)
        self.export_status.value = "<br>".join(status_html(line) for line in lines)
        links = export_links_html(result.out_dir, result.files, self.lang)
        if links:
            self.links.append_display_data(HTML(links))
