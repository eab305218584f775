"""The top of a chair's session: title, chair, purpose and questions, and the button that tells
the dashboards "we are now in this session", which shows when the room already is (checked and
disabled), and says so when it is in another session.

Where the room is (``store.current_session()``) can change from another chair's notebook: the
header follows the store (:mod:`roundtable_lib.chair.follow`) and redraws the button.

May import: the meeting, the store, display, :mod:`roundtable_lib.chair.keystrokes`,
:mod:`roundtable_lib.chair.follow`, :mod:`roundtable_lib.chair.presenter` and ipywidgets.
"""

import ipywidgets as widgets

from roundtable_lib.chair import keystrokes
from roundtable_lib.chair.follow import FOLLOW_MS, StoreTick
from roundtable_lib.chair.presenter import presenter
from roundtable_lib.display import html
from roundtable_lib.display.status import status_html, warning_html
from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.meeting.labels import pick, t
from roundtable_lib.meeting.refusals import error_text

ROOM_TICK_MS = FOLLOW_MS  # a chair who moves the room on sees the other screens follow within seconds


def room_hint(store, session, lang="en"):
    """ "The room is in “...”; you are capturing into “...”" when the room is in another session
    than ``session``, else ""."""
    try:
        current = store.current_session()
    except RoundtableError:
        return ""
    if current == session:
        return ""
    meeting = store.meeting
    # "Session 2", not its whole two-line title: the hint stands in every capture form.
    titles = {name: meeting.session(sid).short(lang) for name, sid in (("current", current), ("this", session))}
    return t("hint.other_session", lang).format(**titles)


class SessionHeader(widgets.VBox):
    """Title, chair, purpose and the questions to pose, plus a button to tell the dashboards
    "we are now in this session"."""

    def __init__(self, store, session, lang="en", actor=None, tick_ms=ROOM_TICK_MS):
        self.store, self.session, self.lang, self.actor = store, session, lang, actor
        meeting = store.meeting
        agenda_item = meeting.session(session)
        questions = "".join(f"<li>{html.esc(pick(q, lang))}</li>" for q in agenda_item.questions)
        extra = f"<p><b>{html.esc(t('head.purpose', lang))}:</b> {html.esc(pick(agenda_item.purpose, lang))}</p>" + (
            f"<b>{html.esc(t('head.questions', lang))}</b><ul>{questions}</ul>" if questions else ""
        )
        self.info = widgets.HTML(
            html.STYLE + html.session_header(meeting, session, lang, store.get_state("demo", False), "")
        )
        # The purpose and the questions are read once: folded, they leave the screen to the work.
        self.more = widgets.Accordion([widgets.HTML(html.STYLE + f'<div class="rt">{extra}</div>')])
        self.more.set_title(0, t("head.more", lang))
        self.more.selected_index = None
        self.now_button = keystrokes.Button(layout=widgets.Layout(width="auto", flex="0 0 auto"))
        self.status = widgets.HTML()
        self.where = widgets.HTML()
        self.now_button.on_click(self._on_now)
        self.tick = StoreTick(store, self.refresh, tick_ms)
        super().__init__([self.info, self.more, widgets.HBox([self.now_button, self.status, self.where]), self.tick])
        self.refresh()

    def refresh(self):
        """Show whether the room is in this session: the button checked and disabled if it is,
        else offered, with a line naming the session the room is in."""
        self.tick.seen()
        room = self.store.current_session()
        presenter().room = room  # this kernel's capture forms redraw their line on where the room is
        here = room == self.session
        description = t("button.now_already" if here else "button.now", self.lang)
        icon = "check" if here else "bullhorn"
        if (self.now_button.description, self.now_button.icon, self.now_button.disabled) != (description, icon, here):
            self.now_button.description, self.now_button.icon, self.now_button.disabled = description, icon, here
        where = warning_html(room_hint(self.store, self.session, self.lang))
        if self.where.value != where:
            self.where.value = where

    def _on_now(self, _button=None):
        try:
            self.store.set_current_session(self.session, actor=self.actor)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
        else:
            self.status.value = status_html(t("msg.now", self.lang))
        self.refresh()
