"""Recording each organisation's decision on the joint recommendations, after the vote.

Endorsing is an act: the submission lists as signatories only the organisations recorded here as
endorsing (:meth:`~roundtable_lib.store.Store.record_endorsement`), never those merely present.
The chair picks an organisation, its decision (endorses, abstains, not asked) and who gave it;
the list below shows every organisation's latest decision. Organisers can use the same form in
their review notebook. Only organisations whose role may endorse are offered. The list follows
the store: a decision recorded at another desk shows within seconds.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.store`,
:mod:`roundtable_lib.display`, :mod:`roundtable_lib.exceptions`,
:mod:`roundtable_lib.chair.follow`, :mod:`roundtable_lib.chair.layout` and ipywidgets.
"""

import ipywidgets as widgets

from roundtable_lib.chair.follow import StoreTick
from roundtable_lib.chair.layout import WIDE_LABEL
from roundtable_lib.display.html import esc
from roundtable_lib.display.status import status_html
from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.meeting.eligibility import DECISIONS
from roundtable_lib.meeting.labels import pick, t
from roundtable_lib.meeting.refusals import error_text


class EndorsementForm(widgets.VBox):
    """Record an organisation's decision on the final text; shows every decision recorded."""

    def __init__(self, store, lang="en", actor=None):
        self.store, self.lang = store, lang
        self.actor = actor or store.actor
        meeting = store.meeting
        orgs = [meeting.org(o) for o in meeting.endorsing_org_ids]
        self.help = widgets.HTML(f"<p>{esc(t('endorse.help', lang))}</p>")
        self.org = widgets.Dropdown(
            options=[(pick(o.name, lang), o.id) for o in orgs], description=t("field.org", lang), style=WIDE_LABEL
        )
        self.decision = widgets.ToggleButtons(
            options=[(t(f"decision.{d}", lang), d) for d in DECISIONS], description=t("endorse.decision", lang)
        )
        self.by = widgets.Text(description=t("endorse.by", lang), style=WIDE_LABEL)
        self.note = widgets.Text(description=t("endorse.note", lang), style=WIDE_LABEL)
        self.submit = widgets.Button(description=t("endorse.save", lang), button_style="primary", icon="check")
        self.status = widgets.HTML()
        self.recorded = widgets.HTML()
        self.submit.on_click(self._on_submit)
        self.tick = StoreTick(store, self.refresh)
        self.refresh()
        super().__init__(
            [self.help, self.org, self.decision, self.by, self.note, self.submit, self.status, self.recorded, self.tick]
        )

    def _on_submit(self, _button=None):
        try:
            self.store.record_endorsement(
                self.org.value, self.decision.value, by=self.by.value, note=self.note.value, actor=self.actor
            )
        except RoundtableError as exc:
            self.status.value = status_html(error_text(exc, self.lang), ok=False)
            return
        decision = t(f"decision.{self.decision.value}", self.lang)
        org = self.store.meeting.org(self.org.value).label(self.lang)
        self.status.value = status_html(t("endorse.saved", self.lang).format(org=org, decision=decision))
        self.by.value = self.note.value = ""
        self.refresh()

    def refresh(self):
        """The latest decision of each organisation that may endorse ("not recorded" if none)."""
        self.tick.seen()
        meeting = self.store.meeting
        latest = {e["org"]: e for e in self.store.endorsements()}
        rows = []
        for org_id in meeting.endorsing_org_ids:
            e = latest.get(org_id)
            said = f"{t('decision.' + e['decision'], self.lang)} ({e['by']})" if e else t("endorse.none", self.lang)
            rows.append(f"<tr><td>{esc(meeting.org(org_id).label(self.lang))}</td><td>{esc(said)}</td></tr>")
        self.recorded.value = f"<table>{''.join(rows)}</table>"
