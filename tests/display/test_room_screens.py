"""The room's screens draw without an emoji font, speak Thai to a Thai reader, and fit the
projector: the lock icon is SVG, stored codes are labels, the QR code is large and long pages
move through the screen."""

import re
from pathlib import Path

import pytest

from roundtable_lib.chair import presenting
from roundtable_lib.chair.entries import entry_html
from roundtable_lib.dashboards.views import Projector
from roundtable_lib.display import html

ROOT = Path(__file__).resolve().parents[2]
# Pictographs an emoji font draws (a venue laptop may have none: they show as empty boxes).
EMOJI = re.compile("[\U0001f000-\U0001faff\u2b50\u2b55\u231a\u231b\u23f0-\u23f3]")


def test_no_screen_depends_on_an_emoji_font():
    sources = [*ROOT.joinpath("roundtable_lib").rglob("*.py"), *ROOT.joinpath("notebooks").rglob("*.ipynb")]
    found = [f"{p.relative_to(ROOT)}: {m.group()!r}" for p in sources for m in EMOJI.finditer(p.read_text())]
    assert found == []


def test_the_lock_is_drawn_in_svg_and_named_for_screen_readers():
    lock = html.icon("lock", "Sensitive")
    assert lock.startswith("<svg") and 'aria-label="Sensitive"' in lock and "currentColor" in lock
    assert 'aria-hidden="true"' in html.icon("lock")
    assert not EMOJI.search(lock)


def test_a_sensitive_entry_on_the_chairs_screen_carries_the_svg_lock(fresh_store):
    item = fresh_store.add_item("s2", "challenge", text_en="Visa delays", org="fed", sensitive=True)
    hidden = entry_html(item, fresh_store.meeting, "th")  # presenting: only that it exists
    assert "rt-icon-lock" in hidden and "Visa delays" not in hidden
    presenting.state().on = False
    try:
        shown = entry_html(item, fresh_store.meeting, "th")
    finally:
        presenting.state().on = True
    assert "rt-icon-lock" in shown and 'aria-label="ข้อมูลอ่อนไหว"' in shown and "Visa delays" in shown


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("th", ["กำหนดวันแล้ว", "การศึกษาดูงาน", "การเป็นพี่เลี้ยง", "การอบรมเชิงปฏิบัติการ"]),
        ("en", ["Scheduled", "Exchange visit", "Mentoring", "Workshop"]),
    ],
)
def test_the_training_plan_names_statuses_and_formats_in_the_readers_language(fresh_store, lang, words):
    for n, (fmt, status) in enumerate(
        (("exchange_visit", "scheduled"), ("mentoring", "agreed"), ("workshop", "proposed"))
    ):
        fresh_store.add_item(
            "s4", "training", text_th=f"หลักสูตร {n}", orgs=["fed"], attrs={"format": fmt, "status": status}
        )
    page = html.training_plan(fresh_store.meeting, fresh_store.items(kind="training"), lang)
    for word in words:
        assert word in page
    if lang == "th":
        for english in ("scheduled", "exchange visit", "mentoring", "workshop", "exchange_visit"):
            assert english not in page.lower()


def test_the_projector_draws_a_large_qr_and_moves_long_pages_through_the_screen(public_store):
    projector = Projector(public_store, "en", seconds=30)
    style = projector.children[0].value
    assert re.search(r"\.rt-qr svg \{[^}]*height: (4[0-9]|5[0-9])vh", style)  # 40-59% of the screen's height
    assert "animation: rt-page-through 30s" in style and "min(0px," in style
    assert "rt-screen" in projector.screen._dom_classes


def test_a_session_header_dates_the_meeting_as_people_write_it(meeting):
    english = html.session_header(meeting, "s2")
    assert "12 July 2016" in english and "2016-07-12" not in english
    assert "12 กรกฎาคม 2559" in html.session_header(meeting, "s2", "th")
