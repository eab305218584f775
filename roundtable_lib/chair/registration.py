"""Registration and attendance: who is in the room.

Late arrivals and corrections are normal, so the meeting's limits (25 in all, 4 per CSO) are
warnings shown in the form, never refusals: the chair decides. A name has a box per meeting
language ("Somchai Nuengdee", "คุณสมชาย หนึ่งดี") and one for the short form the person goes by
("Somchai"): the privacy policy withholds every spelling registered of someone who does not
consent, so each one typed here is one a chair's note cannot leak. The list follows the store
(:mod:`roundtable_lib.chair.follow`): someone registered at another desk shows within seconds.

May import: the meeting, the store, display, the other chair modules and ipywidgets.
"""

import ipywidgets as widgets

from roundtable_lib.chair import keystrokes
from roundtable_lib.chair.follow import StoreTick
from roundtable_lib.chair.forms import org_options
from roundtable_lib.display import html
from roundtable_lib.display.status import quiet_html, status_html, warning_html
from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.meeting import rules
from roundtable_lib.meeting.labels import t
from roundtable_lib.meeting.refusals import error_text
from roundtable_lib.store import new_id


def attendance_counts(meeting, participants):
    """``{"total", "present", "limit", "per_org": {org: (registered, limit or None)}}``."""
    per_org = {}
    for org in meeting.organisations:
        n = sum(1 for p in participants if p["org"] == org.id)
        if n:
            per_org[org.id] = (n, meeting.per_cso_limit if org.kind == "cso" else None)
    return {
        "total": len(participants),
        "present": sum(1 for p in participants if p["attended"]),
        "limit": meeting.participant_limit,
        "per_org": per_org,
    }


def spelled(person):
    """Every spelling registered, as the chair checks them: "Somchai Nuengdee / คุณสมชาย หนึ่งดี (Somchai)"."""
    names = [person["name"], *((person.get("names") or {}).values())]
    shown = " / ".join(dict.fromkeys(n for n in names if n))
    return f"{shown} ({person['short_name']})" if person.get("short_name") else shown


class RegistrationForm(widgets.VBox):
    """Register participants, correct them, mark attendance; the list below shows everyone."""

    def __init__(self, store, lang="en", actor=None):
        self.store, self.lang = store, lang
        self.actor = actor or store.actor
        self._editing = None
        self._entry_id = new_id()
        meeting = store.meeting
        label = {"description_width": "12em"}  # at 9em: "Goes by (short fo..."
        self.names = {
            code: widgets.Text(description=t(f"field.name_{code}", lang), style=label) for code in ("en", "th")
        }
        self.short_name = widgets.Text(description=t("field.short_name", lang), style=label)
        hint = widgets.HTML(quiet_html(t("reg.names_hint", lang)))
        self.org = widgets.Dropdown(
            options=[("—", None)] + org_options(meeting, lang), description=t("field.org", lang), style=label
        )
        self.role = widgets.Text(description=t("field.role", lang), style=label)
        self.language = widgets.Dropdown(
            options=[("English", "en"), ("ไทย", "th")], description=t("field.language", lang), style=label
        )
        self.consent = widgets.Checkbox(description=t("field.consent", lang), indent=False)
        self.attended = widgets.Checkbox(value=True, description=t("field.attended", lang), indent=False)
        self.submit = keystrokes.Button(
            description=t("button.register", lang), button_style="primary", icon="user-plus"
        )
        self.cancel = keystrokes.Button(description=t("button.cancel", lang), layout=widgets.Layout(display="none"))
        self.status = widgets.HTML()
        self.counts = widgets.HTML()
        self.people = widgets.VBox()
        self._rows_shown = None  # the list as drawn: a tick rebuilds it only when it changed
        self.tick = StoreTick(store, self.refresh)
        self.submit.on_click(self._on_submit)
        self.cancel.on_click(lambda _b: self._reset())
        super().__init__(
            [
                *self.names.values(),
                self.short_name,
                hint,
                self.org,
                self.role,
                self.language,
                self.consent,
                self.attended,
                widgets.HBox([self.submit, self.cancel]),
                self.status,
                self.counts,
                self.people,
                self.tick,
            ]
        )
        self.refresh()

    def _values(self):
        return dict(
            name="",  # the spelling in the person's own language (the store decides)
            names={code: box.value for code, box in self.names.items()},
            short_name=self.short_name.value,
            org=self.org.value,
            role=self.role.value,
            language=self.language.value,
            consent=self.consent.value,
            attended=self.attended.value,
        )

    def _on_submit(self, _button=None):
        values = self._values()
        try:
            if self._editing:
                everyone = self.store.participants()
                others = [p for p in everyone if p["id"] != self._editing]
                before = next((p for p in everyone if p["id"] == self._editing), None)
                self.store.update_participant(self._editing, actor=self.actor, **values)
                moved = before is None or before["org"] != values["org"]
                warnings = rules.participant_warnings(self.store.meeting, others, values["org"]) if moved else []
                message = t("msg.corrected", self.lang)
            else:
                _row, warnings = self.store.add_participant(id=self._entry_id, actor=self.actor, **values)
                message = t("msg.registered", self.lang)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        self._reset()
        self.status.value = status_html(message) + "".join("<br>" + warning_html(w) for w in warnings)
        self.refresh()

    def _reset(self):
        self._editing = None
        self._entry_id = new_id()
        for box in (*self.names.values(), self.short_name, self.role):
            box.value = ""
        self.consent.value = False
        self.attended.value = True
        self.submit.description = t("button.register", self.lang)
        self.cancel.layout.display = "none"
        self.status.value = ""

    def _find(self, participant_id):
        """The participant, or None (with a message) if another kernel removed them meanwhile."""
        person = next((p for p in self.store.participants() if p["id"] == participant_id), None)
        if person is None:
            self.status.value = status_html(t("msg.gone", self.lang), ok=False)
            self.refresh()
        return person

    def edit(self, participant_id):
        person = self._find(participant_id)
        if person is None:
            return
        self._editing = participant_id
        for code, box in self.names.items():
            box.value = (person.get("names") or {}).get(code, "")
        self.short_name.value = person.get("short_name") or ""
        self.org.value, self.role.value = person["org"], person["role"]
        self.language.value, self.consent.value, self.attended.value = (
            person["language"],
            person["consent"],
            person["attended"],
        )
        self.submit.description = t("button.save_correction", self.lang)
        self.cancel.layout.display = None
        self.status.value = status_html(t("msg.editing", self.lang))

    def toggle_attended(self, participant_id):
        person = self._find(participant_id)
        if person is None:
            return
        self.store.update_participant(participant_id, attended=not person["attended"], actor=self.actor)
        self.refresh()

    def remove(self, participant_id):
        try:
            self.store.remove_participant(participant_id, actor=self.actor)
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        self.status.value = status_html(t("msg.removed", self.lang))
        self.refresh()

    def refresh(self):
        """Redraw the counts and the list (never the form: what is typed or corrected stays)."""
        self.tick.seen()
        meeting, lang = self.store.meeting, self.lang
        people = self.store.participants()
        counts = attendance_counts(meeting, people)
        over = counts["total"] > counts["limit"]
        parts = [
            f"{t('reg.total', lang)}: {counts['total']}/{counts['limit']} · {t('reg.present', lang)}: "
            f"{counts['present']}"
        ]
        for org_id, (n, limit) in counts["per_org"].items():
            parts.append(f"{meeting.org(org_id).label(lang)}: {n}" + (f"/{limit}" if limit else ""))
            over = over or (limit is not None and n > limit)
        line = " · ".join(parts)
        self.counts.value = warning_html(line) if over else f"<b>{html.esc(line)}</b>"
        shown = [(p["id"], self._line(p)) for p in people]
        if shown == self._rows_shown:
            return  # the same list: its buttons stay where the chair's pointer is
        self._rows_shown = shown
        rows = []
        for pid, text in shown:
            label = widgets.HTML(text, layout=widgets.Layout(flex="1 1 auto"))
            buttons = []
            for key, action in (
                ("button.edit", self.edit),
                ("button.attendance", self.toggle_attended),
                ("button.remove", self.remove),
            ):
                b = keystrokes.Button(description=t(key, lang), layout=widgets.Layout(width="auto"))
                b.on_click(lambda _b, i=pid, a=action: a(i))
                buttons.append(b)
            rows.append(widgets.HBox([label, *buttons]))
        self.people.children = rows

    def _line(self, p):
        """One participant as the list shows them."""
        meeting, lang = self.store.meeting, self.lang
        flags = ("✓ " + t("field.consent_short", lang) if p["consent"] else "") + (
            "" if p["attended"] else " · " + t("reg.absent", lang)
        )
        return (
            f"{html.esc(spelled(p))} · {html.esc(meeting.org(p['org']).label(lang))} · {html.esc(p['role'])}"
            f" · {p['language']} {quiet_html(flags)}"
        )
