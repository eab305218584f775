"""How the chair's widgets are laid out, shared by every chair screen so they look alike.

ipywidgets' defaults suit English labels of one word: it cuts a label at 80px ("Organisati..."),
a button at 148px ("Reveal resu..."), and a radio option at one line. The chair's labels are
longer, and Thai ones longer still, so the chair's screens size them to their text.

May import: ipywidgets and :mod:`roundtable_lib.chair.keystrokes`.
"""

import ipywidgets as widgets

from roundtable_lib.chair import keystrokes

# A field's label at its natural width, never cut (give it as ``style=WIDE_LABEL``).
WIDE_LABEL = {"description_width": "initial"}

# The chair's tables (agenda, matches, poll results): compact cells, text at the top.
TABLE_CSS = "<style>.rt-table td, .rt-table th { padding: 0.2em 0.6em; text-align: left; vertical-align: top; }</style>"

# Long option texts wrap instead of being cut; radio labels have a fixed one-line height otherwise.
# (The radio's text comes before its floated input in the DOM, so a wrapped text would start left
# of the button: a flex row puts the button first and the text beside it.) Add the class
# ``rt-wrap-choices`` to a RadioButtons; ``rt-option-label`` styles a label shown beside a box.
WRAP_CHOICES_CSS = (
    "<style>.rt-wrap-choices label { display: flex !important; align-items: flex-start; height: auto !important; "
    "line-height: 1.4 !important; white-space: normal !important; padding: 0.15em 0; } "
    ".rt-wrap-choices label input { order: -1; float: none !important; flex-shrink: 0; margin-top: 0.2em; } "
    ".rt-option-label { line-height: 1.4; padding-top: 0.3em; overflow-wrap: anywhere; }</style>"
)


def auto_button(description="", **kwargs):
    """A button as wide as its label, at the start of its row (see :mod:`keystrokes` for why it
    is not a plain ipywidgets Button)."""
    return keystrokes.Button(
        description=description, layout=widgets.Layout(width="auto", align_self="flex-start"), **kwargs
    )


def choose(dropdown, value):
    """Set ``dropdown`` to ``value``. None shows the "—" option that stands for "nobody chosen":
    ipywidgets leaves a dropdown blank (no option selected) when its value is set to None, or
    when its options arrive after it was built, even if an option's value is None."""
    dropdown.value = value
    values = [o[1] if isinstance(o, tuple) else o for o in dropdown.options]
    if value is None and values and values[0] is None and dropdown.index is None:
        dropdown.index = 0
