"""The organisers' review: browse, correct, merge and publish what the chairs captured.

:class:`ReviewPanel` is one widget: filters and a sort order above a table of every item
(deleted ones too), an editor for the selected item (text, Thai version, sensitive flag,
delete/restore, merge into another item, its history), and the export button. Every change
goes through the store, so the history records it like a chair's correction.

The filtering, sorting and merging are plain functions, tested without widgets.
"""

from pathlib import Path

import ipywidgets as widgets

from roundtable_lib.chair import keystrokes
from roundtable_lib.display.html import esc
from roundtable_lib.display.status import status_html
from roundtable_lib.exceptions import RoundtableError, ValidationError
from roundtable_lib.meeting import clock
from roundtable_lib.meeting.actors import actor_words
from roundtable_lib.meeting.clock import format_local
from roundtable_lib.meeting.labels import LABELS, pick, t
from roundtable_lib.meeting.privacy import MERGED_STATE
from roundtable_lib.meeting.rules import KINDS
from roundtable_lib.outputs import export, prepublication

ALL = "__all__"
NO_ORG = "__none__"
LANGUAGES = (
    ("Any language", ALL),
    ("English and Thai", "both"),
    ("English only (Thai missing)", "en_only"),
    ("Thai only (English missing)", "th_only"),
)
FLAGS = (
    ("Any", ALL),
    ("Current (not deleted)", "current"),
    ("Sensitive", "sensitive"),
    ("Not sensitive", "public"),
    ("Deleted", "deleted"),
    ("Merged away", "merged"),
)
SORTS = (
    ("Captured, oldest first", "created"),
    ("Captured, newest first", "-created"),
    ("Last changed first", "-updated"),
    ("Session", "session"),
    ("Organisation", "org"),
    ("Kind", "kind"),
)


def filter_items(items, session=ALL, org=ALL, kind=ALL, language=ALL, flag=ALL, search="", merged=None):
    """The items that match every filter (``ALL`` matches anything)."""
    merged = merged or {}
    needle = (search or "").strip().casefold()
    out = []
    for i in items:
        if session != ALL and i["session"] != session:
            continue
        if org == NO_ORG and (i["org"] or i["orgs"]):
            continue
        if org not in (ALL, NO_ORG) and i["org"] != org and org not in i["orgs"]:
            continue
        if kind != ALL and i["kind"] != kind:
            continue
        en, th = bool(i["text_en"]), bool(i["text_th"])
        if (
            language == "both"
            and not (en and th)
            or language == "en_only"
            and not (en and not th)
            or language == "th_only"
            and not (th and not en)
        ):
            continue
        deleted = bool(i["deleted_at"])
        if (
            flag == "current"
            and deleted
            or flag == "deleted"
            and not deleted
            or flag == "sensitive"
            and not i["sensitive"]
            or flag == "public"
            and i["sensitive"]
            or flag == "merged"
            and i["id"] not in merged
        ):
            continue
        if needle and needle not in f"{i['text_en']}\n{i['text_th']}\n{i['attrs']}".casefold():
            continue
        out.append(i)
    return out


def sort_items(items, order, meeting):
    reverse = order.startswith("-")
    key = order.lstrip("-")
    sessions = {a.id: n for n, a in enumerate(meeting.agenda)}
    orgs = {o.id: n for n, o in enumerate(meeting.organisations)}
    keys = {
        "created": lambda i: (i["created_at"], i["id"]),
        "updated": lambda i: (i["updated_at"] or "", i["id"]),
        "session": lambda i: (sessions.get(i["session"], 99), i["created_at"]),
        "org": lambda i: (orgs.get(i["org"] or (i["orgs"] or [None])[0], 99), i["created_at"]),
        "kind": lambda i: (KINDS.index(i["kind"]) if i["kind"] in KINDS else 99, i["created_at"]),
    }
    return sorted(items, key=keys[key], reverse=reverse)


def _org_text(meeting, item):
    ids = ([item["org"]] if item["org"] else []) + [o for o in item["orgs"] if o != item["org"]]
    labels = []
    for oid in ids:
        try:
            labels.append(meeting.org(oid).label())
        except KeyError:
            labels.append(oid)
    return ", ".join(labels)


def items_table(meeting, items, merged=None):
    """An HTML table of items, every piece of text escaped."""
    merged = merged or {}
    head = "".join(f"<th>{h}</th>" for h in ("Session", "Organisation", "Kind", "English", "Thai", "Flags"))
    rows = []
    for i in items:
        flags = []
        if i["sensitive"]:
            flags.append("sensitive")
        if i["deleted_at"]:
            flags.append("merged" if i["id"] in merged else "deleted")
        extra = i["attrs"].get("topic") or i["attrs"].get("area") or ""
        english = (f"<b>{esc(extra)}</b>: " if extra else "") + esc(i["text_en"])
        style = ' style="color:#8a96a3;text-decoration:line-through"' if i["deleted_at"] else ""
        rows.append(
            f"<tr{style}><td>{esc(i['session'])}</td><td>{esc(_org_text(meeting, i))}</td>"
            f"<td>{esc(t('kind.' + i['kind']))}</td><td>{english}</td><td>{esc(i['text_th'])}</td>"
            f"<td>{esc(', '.join(flags))}</td></tr>"
        )
    return (
        '<div class="rt-review" style="max-height:28em;overflow:auto"><table style="border-collapse:collapse;'
        'width:100%;font-size:0.9em" border="1" cellpadding="4">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def history_table(entries, meeting=None, lang="en"):
    """An item's history in ``lang``, each change on the meeting's clock, who made it and what
    was done in words ("corrected", not the stored action code "update")."""
    rows = []
    for e in entries:
        before, after = e["before"] or {}, e["after"] or {}
        changed = [
            k
            for k in ("text_en", "text_th", "sensitive", "org", "orgs", "kind", "session", "attrs", "deleted_at")
            if before.get(k) != after.get(k)
        ]
        detail = "; ".join(f"{k}: {before.get(k)!r} → {after.get(k)!r}" for k in changed if k != "deleted_at")
        rows.append(
            f"<tr><td>{esc(format_local(e['at'], meeting, lang))}</td>"
            f"<td>{esc(actor_words(e['actor'], meeting, lang))}</td>"
            f"<td>{esc(action_words(e['action'], lang))}</td><td>{esc(detail)}</td></tr>"
        )
    return (
        '<table border="1" cellpadding="3" style="border-collapse:collapse;font-size:0.85em">'
        f"<tr><th>{esc(t('review.history.when', lang))} ({esc(clock.zone(meeting).key)})</th>"
        + "".join(f"<th>{esc(t(f'review.history.{key}', lang))}</th>" for key in ("who", "what", "change"))
        + "</tr>"
        + "".join(rows)
        + "</table>"
    )


def action_words(action, lang="en"):
    """A recorded action in words ("update" -> "corrected"); an action without a label as stored."""
    key = f"action.{action}"
    return t(key, lang) if key in LABELS else str(action)


class ReviewPanel(widgets.VBox):
    """Every captured item, filterable and sortable, with an editor and the export button.

    ``store`` must be a writable, non-public store (organisers see sensitive and deleted items).
    ``lang`` is the organiser's language: the pre-publication checks, the export area, its
    messages and an item's history are in it.
    """

    def __init__(self, store, actor=None, out_dir="exports", lang="en"):
        if store.public or store.readonly:
            raise ValidationError("The review needs the organisers' store (not a read-only or public one).")
        self.store, self.actor, self.lang = store, actor or store.actor, lang
        self._build_filters(store.meeting)
        self._build_editor()
        self._build_export(out_dir)
        self._wire()
        super().__init__(self._children())
        self.refresh()
        self._on_check()

    def _build_filters(self, meeting):
        """The filters and sort order above the table, and the table itself."""
        self.session = widgets.Dropdown(
            description="Session",
            options=[("All sessions", ALL)] + [(f"{a.id}: {pick(a.title)[:40]}", a.id) for a in meeting.agenda],
        )
        self.org = widgets.Dropdown(
            description="Organisation",
            options=[("All", ALL), ("None (the room)", NO_ORG)] + [(o.label(), o.id) for o in meeting.organisations],
        )
        self.kind = widgets.Dropdown(
            description="Kind", options=[("All kinds", ALL)] + [(t("kind." + k), k) for k in KINDS]
        )
        self.language = widgets.Dropdown(description="Language", options=LANGUAGES)
        self.flag = widgets.Dropdown(description="Flag", options=FLAGS)
        self.sort = widgets.Dropdown(description="Sort", options=SORTS)
        self.search = widgets.Text(description="Search", continuous_update=False)
        self.count = widgets.HTML()
        self.table = widgets.HTML()

    def _build_editor(self):
        """The selected item's editor: its texts, the sensitive flag, delete/restore, merge, history."""
        wide = widgets.Layout(width="100%")
        self.item = widgets.Dropdown(description="Item", options=[], layout=wide)
        self.text_en = widgets.Textarea(description="English", layout=wide, rows=3)
        self.text_th = widgets.Textarea(description="Thai", layout=wide, rows=3)
        self.sensitive = widgets.Checkbox(
            description="Sensitive (left out of public exports and dashboards)", indent=False
        )
        self.save = keystrokes.Button(description="Save correction", button_style="primary", icon="check")
        self.delete = keystrokes.Button(description="Delete", icon="trash")
        self.restore = keystrokes.Button(description="Restore", icon="undo")
        self.merge_into = widgets.Dropdown(description="Merge into", options=[], layout=wide)
        self.merge = keystrokes.Button(
            description="Merge this item into it", icon="compress", layout=widgets.Layout(width="auto")
        )
        self.status = widgets.HTML()
        self.history = widgets.HTML()

    def _build_export(self, out_dir):
        """The pre-publication checks, the export folder (``out_dir``/public or /internal), the
        internal switch, the organiser's acknowledgement and the export button."""
        self.folders = {
            internal: str(Path(out_dir) / export.default_folder(internal).name) for internal in (False, True)
        }
        lang = self.lang
        self.out_dir = widgets.Text(description=t("review.panel.folder", lang), value=self.folders[False])
        self.internal = widgets.Checkbox(description=t("review.panel.internal", lang), indent=False)
        self.checks = widgets.HTML()
        self.check_again = keystrokes.Button(description=t("review.panel.check_again", lang), icon="refresh")
        self.reviewed = widgets.Checkbox(description=t("review.panel.reviewed", lang), indent=False)
        self.export = keystrokes.Button(
            description=t("review.panel.export", lang), icon="download", layout=widgets.Layout(width="auto")
        )
        self.export_status = widgets.HTML()

    def _wire(self):
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
            widgets.HBox([self.session, self.org, self.kind]),
            widgets.HBox([self.language, self.flag, self.sort]),
            self.search,
            self.count,
            self.table,
            widgets.HTML("<h3>Selected item</h3>"),
            self.item,
            self.text_en,
            self.text_th,
            self.sensitive,
            widgets.HBox([self.save, self.delete, self.restore]),
            widgets.HBox([self.merge_into, self.merge]),
            self.status,
            widgets.HTML("<b>History</b>"),
            self.history,
            widgets.HTML("<h3>Export</h3>"),
            self.checks,
            self.check_again,
            self.reviewed,
            widgets.HBox([self.out_dir, self.export]),
            self.internal,
            self.export_status,
        ]

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
        items = self.visible_items()
        self.count.value = f"<b>{len(items)}</b> item{'s' if len(items) != 1 else ''} shown"
        self.table.value = items_table(self.store.meeting, items, self._merged())
        current = self.item.value
        options = [(self._label(i), i["id"]) for i in items]
        self.item.options = options
        ids = [v for _, v in options]
        self.item.value = current if current in ids else (ids[0] if ids else None)
        self._on_item()

    def _label(self, item):
        text = item["text_en"] or item["text_th"]
        flags = (" [deleted]" if item["deleted_at"] else "") + (" [sensitive]" if item["sensitive"] else "")
        org = _org_text(self.store.meeting, item)
        return f"{item['kind']} · {item['session']}{' · ' + org if org else ''} · {text[:70]}{flags}"

    def _on_item(self, _change=None):
        item_id = self.item.value
        if item_id is None:
            self.text_en.value = self.text_th.value = ""
            self.history.value = ""
            self.merge_into.options = []
            return
        item = self.store.get_item(item_id)
        self.text_en.value, self.text_th.value = item["text_en"], item["text_th"]
        self.sensitive.value = item["sensitive"]
        others = [i for i in self.store.items(kind=item["kind"]) if i["id"] != item_id]
        self.merge_into.options = [(self._label(i), i["id"]) for i in others]
        self.history.value = history_table(self.store.history(entity_id=item_id), self.store.meeting, self.lang)

    # ------------------------------------------------------------------ writing

    def _act(self, fn, message):
        try:
            result = fn()
        except RoundtableError as exc:
            self.status.value = status_html(str(exc), ok=False)
            return None
        self.refresh()
        self.status.value = status_html(message)
        return result

    def _on_save(self, _button=None):
        if self.item.value is None:
            self.status.value = status_html("Choose an item first.", ok=False)
            return
        self._act(
            lambda: self.store.update_item(
                self.item.value,
                actor=self.actor,
                text_en=self.text_en.value,
                text_th=self.text_th.value,
                sensitive=self.sensitive.value,
            ),
            "Correction saved (recorded in the history).",
        )

    def _on_delete(self, _button=None):
        if self.item.value is not None:
            self._act(
                lambda: self.store.delete_item(self.item.value, actor=self.actor), "Deleted; Restore brings it back."
            )

    def _on_restore(self, _button=None):
        if self.item.value is not None:
            self._act(lambda: self.store.restore_item(self.item.value, actor=self.actor), "Restored.")

    def _on_merge(self, _button=None):
        if self.item.value is None or self.merge_into.value is None:
            self.status.value = status_html("Choose the item to merge and the item to merge it into.", ok=False)
            return
        keep, dup = self.merge_into.value, self.item.value
        result = self._act(lambda: self.store.merge_items(keep, dup, actor=self.actor), "")
        if result is None:
            return
        _kept, options = result
        note = (
            f" {options} poll option(s) still name the duplicate; exports count their votes for the kept item."
            if options
            else ""
        )
        self.item.value = keep if keep in [v for _, v in self.item.options] else self.item.value
        self.status.value = status_html("Merged: the duplicate is deleted (Restore undoes the merge)." + note)

    def _on_check(self, _button=None):
        """Run the pre-publication checks again (after corrections, say)."""
        self.checks.value = prepublication.as_html(prepublication.review(self.store, self.lang), lang=self.lang)

    def _on_internal(self, _change=None):
        """Switch the folder with the version, unless the organiser typed one of their own."""
        if self.out_dir.value in self.folders.values():
            self.out_dir.value = self.folders[self.internal.value]

    def _on_export(self, _button=None):
        if not self.internal.value and not self.reviewed.value:
            self._on_check()
            self.export_status.value = status_html(t("review.panel.not_written", self.lang), ok=False)
            return

        def progress(step, total, label):
            self.export_status.value = status_html(f"{step}/{total}: {label}…")

        try:
            result = export.export_all(
                self.store.target,
                self.out_dir.value or self.folders[self.internal.value],
                internal=self.internal.value,
                progress=progress,
            )
        except RoundtableError as exc:
            self.export_status.value = status_html(str(exc), ok=False)
            return
        lines = export.result_lines(result, self.lang)
        self.export_status.value = "<br>".join(status_html(line) for line in lines)
