"""Projector-safe chair screens: one "presenting" switch per kernel, on by default.

A chair's laptop is often mirrored on the projector. While presenting is on, every chair widget
in the kernel hides what the dashboards would not show: poll results and running totals before
the chair reveals them, counts of ballots per option, who has voted, and items marked sensitive
wherever they would appear (the list of latest entries, the form an entry is corrected in, its
history, the message after an undo). The chair turns it off to look (``toggle(lang)`` puts the
switch on screen) and on again before mirroring.

This module is the one switch: a widget asks it (:func:`hides_item`, :func:`voted_mark`,
:func:`shown_title`) rather than deciding for itself what the room may see.

The state lives only in the kernel: a kernel restart, a new notebook, a reopened laptop start
with presenting on again, which is the safe default. Widgets follow it with::

    from roundtable_lib.chair import presenting
    presenting.state().observe(lambda change: redraw(), names="on")
    if presenting.state().on: ...
"""

import ipywidgets as widgets
import traitlets

from roundtable_lib.meeting import privacy
from roundtable_lib.meeting.labels import t


class Presenting(traitlets.HasTraits):
    """Whether this kernel's chair screens may be seen by the room (True: hide what is private)."""

    on = traitlets.Bool(True)


_STATE = None


def state():
    """The kernel's one presenting state, shared by every chair widget."""
    global _STATE
    if _STATE is None:
        _STATE = Presenting()
    return _STATE


def hiding():
    """True while chair screens must show no more than the dashboards."""
    return state().on


def hides_item(*versions):
    """True while presenting if any of ``versions`` of an item (the item now, or the states its
    history records; None for a state that did not exist) is marked sensitive: its text, and
    whatever else it says, stays off the screen."""
    return hiding() and any(v and v.get("sensitive") for v in versions)


def hidden_item_text(lang="en"):
    """What stands in for a sensitive item's text while presenting."""
    return t("head.hidden_presenting", lang)


def voted_mark(voted):
    """The tick before a voter who has voted, for the chair's list of voters; none while
    presenting, since who has voted (and who has not) is not the room's to watch."""
    return "✓ " if voted and not hiding() else ""


def shown_title(store, title):
    """A poll's title as this screen may show it: while presenting, with the names the
    dashboards withhold withheld (the dashboards' own privacy policy)."""
    return privacy.Policy.of_store(store).redact(title) if hiding() else title


class PresentingToggle(widgets.ToggleButton):
    """The switch, as a button whose label says what the screen shows now and what a click does.

    Every toggle in the kernel moves together: they are all views of :func:`state`.
    """

    def __init__(self, lang="en", **kwargs):
        self.lang = lang
        super().__init__(
            value=state().on,
            layout=widgets.Layout(width="auto"),
            style={"font_weight": "bold"},
            **kwargs,
        )
        self._link = traitlets.link((state(), "on"), (self, "value"))
        self.observe(self._relabel, names="value")
        self._relabel()

    def set_lang(self, lang):
        """Say what the switch does in ``lang`` (the chair switched the screen's language)."""
        self.lang = lang
        self._relabel()

    def _relabel(self, _change=None):
        on = self.value
        self.description = t("presenting.on" if on else "presenting.off", self.lang)
        self.tooltip = t("presenting.on_tip" if on else "presenting.off_tip", self.lang)
        self.icon = "eye-slash" if on else "eye"
        self.button_style = "success" if on else "warning"

    def close(self):
        self._link.unlink()
        super().close()


def toggle(lang="en"):
    """A presenting switch to put on a chair's screen (any number of them; they move together)."""
    return PresentingToggle(lang)
