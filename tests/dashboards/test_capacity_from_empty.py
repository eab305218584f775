"""The participants' capacity dashboard of a real meeting started empty (a store initialised as
`roundtable init` does, no sample), without a browser: no scores of any kind until a chair
confirms the findings, then the confirmed file's scores, with Thai areas on the Thai page.
The same in a real JupyterLab and Voila: tests/chair/test_lab_real_meeting.py."""

import re
from html.parser import HTMLParser

import pytest

from roundtable_lib import Store
from roundtable_lib.dashboards.views import CapacityDashboard
from roundtable_lib.meeting.assessment import load_capacity_bytes
from roundtable_lib.meeting.labels import t
from tests.helpers import html_values

FINDINGS_TH = (
    "organisation,area,score\nmap,ความปลอดภัยดิจิทัล,2\nmap,การระดมทุน,4\nfed,ความปลอดภัยดิจิทัล,3\nlsdf,การจัดการรายกรณี,5\n"
)


class _Text(HTMLParser):
    """What a reader sees of some HTML: its text, without styles and scripts; and the heatmap's
    header cells."""

    def __init__(self):
        super().__init__()
        self.words, self.headers, self._skip, self._th = [], [], 0, False

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script")
        self._th = tag == "th"

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")
        self._th = False if tag == "th" else self._th

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.words.append(data.strip())
            if self._th:
                self.headers.append(data.strip())


def seen(dashboard):
    parser = _Text()
    parser.feed("".join(html_values(dashboard)))
    return " ".join(parser.words), parser.headers


@pytest.fixture
def room(db_path, fresh_store):
    """The dashboards' own view of the store: read-only, public items only."""
    store = Store(db_path, readonly=True, public=True, actor="dashboard")
    yield store
    store.close()


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_new_meeting_shows_no_scores_at_all(fresh_store, room, lang):
    assert fresh_store.capacity_assessment() is None
    text, headers = seen(CapacityDashboard(room, lang, tick=False))
    assert t("capacity.not_loaded", lang) in text
    assert headers == []  # no heatmap: no invented score for a real organisation
    assert t("chart.illustrative", lang) not in text
    assert "illustrative" not in text.lower()


def test_confirmed_thai_findings_on_the_thai_dashboard(fresh_store, room, meeting):
    data = load_capacity_bytes(FINDINGS_TH.encode(), "ผลการประเมิน.csv", meeting)
    fresh_store.save_capacity_assessment(data, actor="chair:s4", replaces=None)
    text, headers = seen(CapacityDashboard(room, "th", tick=False))
    assert t("capacity.not_loaded", "th") not in text
    assert {"ความปลอดภัยดิจิทัล", "การระดมทุน", "การจัดการรายกรณี"} <= set(headers)
    assert {"แมพ", "มศพ.", "พทช."} <= set(headers)  # the organisations by their Thai short names
    assert "จาก ผลการประเมิน.csv" in text
    heatmap = text[text.index(t("dash.heatmap_scores", "th")) :]
    heatmap = heatmap[: heatmap.index(t("dash.priority_needs", "th"))]
    assert re.findall(r"[A-Za-z]{2,}", heatmap.replace("csv", "")) == []  # no English word on the Thai card
