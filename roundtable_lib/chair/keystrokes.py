"""Buttons and Enter keys that act on what the chair actually typed.

ipywidgets' front end sends a widget's value changes one message at a time: while one is
unanswered, later keystrokes wait in a buffer until the kernel reports it is idle. A click or an
Enter key (a "custom" message) is sent at once. So a chair who types fast and presses Save or
Enter, or does so while the kernel is busy, can have the click reach the kernel before the last
letters: a speaker "Ms Aye" was queued as "M" in a browser test. A click or Enter that comes from
the browser is therefore acted on a moment later, after the value messages already on their way;
a click from Python (``Button.click()`` in tests and scripts) acts at once.
"""

import asyncio

import ipywidgets as widgets

SETTLE_SECONDS = 0.35  # the kernel reports idle within milliseconds; the buffered value follows


def in_kernel():
    """True inside a Jupyter kernel, where messages from the browser arrive (not in a script or a
    test process, whose event loop, if any, may belong to something else, e.g. Playwright)."""
    try:
        from ipykernel.kernelbase import Kernel
    except ImportError:
        return False
    return Kernel.initialized()


def later(action):
    """Run ``action()`` after SETTLE_SECONDS in a kernel's running event loop, else now."""
    loop = None
    if in_kernel():
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            loop = None
    if loop is None or not loop.is_running():
        action()
    else:
        loop.call_later(SETTLE_SECONDS, action)


class Button(widgets.Button):
    """An ipywidgets Button whose clicks from the browser wait for the typed values to arrive."""

    def _handle_button_msg(self, _, content, buffers):
        if content.get("event", "") == "click":
            later(self.click)


def on_enter(text, action):
    """Call ``action()`` when Enter is pressed in the Text widget ``text``, once its value has arrived."""
    text.on_msg(lambda _widget, content, _buffers: content.get("event") == "submit" and later(action))
