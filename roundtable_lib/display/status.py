"""Short messages beside a form's buttons, and the colours that say how things stand.

Every chair form, the presentation timer and the organisers' review panel answer a click with one
line: green when it worked, red and bold when the store refused (its message says why), amber
when it worked but deserves a look (a participant limit passed, a ballot about to be replaced).
One module holds that look so the screens keep agreeing on what green and red mean.

May import: :mod:`roundtable_lib.display.html` (escaping). Nothing else of the workbook.
"""

from roundtable_lib.display.html import esc

OK_COLOUR = "#1e6b35"
ERROR_COLOUR = "#a8200d"
WARNING_COLOUR = "#a86400"
QUIET_COLOUR = "#51606f"  # secondary details: an item's fields, a participant's flags
FAINT_COLOUR = "#6b7785"  # what is past: speakers who have spoken
SECOND_TEXT_COLOUR = "#3d4a57"  # an entry's text in the chair's other language

OK_STYLE = f"color:{OK_COLOUR}"
ERROR_STYLE = f"color:{ERROR_COLOUR};font-weight:bold"
WARNING_STYLE = f"color:{WARNING_COLOUR};font-weight:bold"
QUIET_STYLE = f"color:{QUIET_COLOUR}"


def status_html(message, ok=True):
    """``message`` (escaped) in green, or in bold red when ``ok`` is False; "" for no message."""
    return f'<span style="{OK_STYLE if ok else ERROR_STYLE}">{esc(message)}</span>' if message else ""


def warning_html(message):
    """``message`` (escaped) in bold amber behind a warning sign; "" for no message."""
    return f'<span style="{WARNING_STYLE}">⚠ {esc(message)}</span>' if message else ""


def quiet_html(text, colour=QUIET_COLOUR):
    """``text`` (escaped) as a secondary detail in a muted colour; "" for no text."""
    return f'<span style="color:{colour}">{esc(text)}</span>' if text else ""
