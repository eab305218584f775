"""Several choices by ticking boxes: the one widget for "pick any of these" on a chair's screen.

A multiple-choice list (``SelectMultiple``) needed Ctrl-click, showed 6 of 8 organisations and
cut long names. Here every option is a checkbox whose label is its full text: the text wraps
instead of being cut, and clicking the text ticks the box, as on a paper form. It serves the
organisations a synergy links (``forms.CaptureForm``) and the items a poll asks about
(``polls.PollCreator``).

For code it behaves like ``SelectMultiple``: ``options`` is [(label, value)] (settable: the
boxes are rebuilt and ticks of options still offered are kept), ``value`` the tuple of ticked
values in the options' order, and setting ``value`` ticks the boxes.

    orgs = CheckList(org_options(meeting), description="Organisations", columns=2)
    orgs.value = ("map", "mfa")
"""

import ipywidgets as widgets
import traitlets

from roundtable_lib.display import html

# A checkbox label is one cut line by default ("Cross-border referral of traf..."): let it wrap,
# and let the row grow to the wrapped text's height, the box beside its first line.
WRAP_CSS = (
    "<style>.rt-check { height: auto !important; } "
    ".rt-check label.widget-label-basic { display: flex !important; align-items: flex-start; height: auto !important; "
    "line-height: 1.4 !important; } "
    ".rt-check label.widget-label-basic input { flex-shrink: 0; margin-top: 0.25em; } "
    ".rt-check label.widget-label-basic span { white-space: normal !important; overflow: visible !important; "
    "text-overflow: clip !important; overflow-wrap: anywhere; }</style>"
)


class CheckList(widgets.VBox):
    """Tick boxes with full, wrapping labels; ``value`` is the tuple of ticked values."""

    value = traitlets.Tuple()

    def __init__(self, options=(), description="", columns=1, **kwargs):
        self.title = widgets.HTML(f"<b>{html.esc(description)}</b>" if description else "")
        self.grid = widgets.GridBox(
            layout=widgets.Layout(grid_template_columns=f"repeat({columns}, minmax(0, 1fr))", width="100%")
        )
        self.boxes = []
        self._options, self._by_value = [], {}
        self._syncing = False
        super().__init__([widgets.HTML(WRAP_CSS), self.title, self.grid], **kwargs)
        self.observe(self._on_value, names="value")
        self.options = options

    @property
    def options(self):
        return list(self._options)

    @options.setter
    def options(self, options):
        self._options = [tuple(o) for o in options]
        self.boxes = []
        for label, value in self._options:
            box = widgets.Checkbox(
                value=value in self.value, description=str(label), indent=False, layout=widgets.Layout(width="auto")
            )
            box.add_class("rt-check")
            box.observe(self._on_box, names="value")
            self.boxes.append(box)
        self._by_value = {value: box for (_label, value), box in zip(self._options, self.boxes, strict=True)}
        self.grid.children = self.boxes
        self.value = tuple(v for v in self.value if v in self._by_value)

    def _on_box(self, _change=None):
        if not self._syncing:
            self.value = tuple(v for (_label, v), box in zip(self._options, self.boxes, strict=True) if box.value)

    def _on_value(self, change):
        self._syncing = True
        try:
            for value, box in self._by_value.items():
                box.value = value in change["new"]
        finally:
            self._syncing = False
