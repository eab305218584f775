"""The Thai capacity dashboard says the training plan's statuses and formats in Thai: none of
"scheduled", "workshop", "exchange visit", "mentoring" (nor their stored codes) is left in
English on the page a Thai participant reads; the English page keeps its English words."""

import re

import pytest

from roundtable_lib import Store
from roundtable_lib.dashboards.views import CapacityDashboard
from roundtable_lib.display import html
from roundtable_lib.meeting.labels import t
from tests.helpers import html_values

TRAININGS = (
    ("exchange_visit", "scheduled"),
    ("mentoring", "agreed"),
    ("workshop", "proposed"),
    ("online", "done"),
)
ENGLISH = re.compile(r"\b(scheduled|agreed|proposed|done|workshop|mentoring|exchange[ _]visit|online)\b", re.IGNORECASE)


@pytest.fixture
def page_text(demo_store):
    for n, (fmt, status) in enumerate(TRAININGS):
        demo_store.add_item(
            "s4", "training", text_th=f"หลักสูตร {n}", orgs=["fed"], attrs={"format": fmt, "status": status}
        )

    def render(lang):
        with Store(demo_store.path, readonly=True, public=True, actor="dashboard") as store:
            return "".join(html_values(CapacityDashboard(store, lang=lang, tick=False)))

    return render


def test_no_english_status_or_format_on_the_thai_capacity_page(page_text, demo_store):
    text = page_text("th")
    for fmt, status in TRAININGS:
        assert t(f"format.{fmt}", "th") in text and t(f"status.{status}", "th") in text
    # The page's own words only: an item typed in English alone ("Exchange visit to a shelter
    # ...") is the meeting's data, shown as typed.
    words = re.sub(r"<[^>]+>", " ", text)
    for item in demo_store.items():
        words = words.replace(html.esc(item["text_en"] or ""), " ")
    assert ENGLISH.findall(words) == []


def test_the_english_capacity_page_keeps_its_english_words(page_text):
    text = page_text("en")
    for word in ("Exchange visit", "Scheduled", "Mentoring", "Workshop"):
        assert word in text
