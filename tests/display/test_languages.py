"""Which language a page and each text on it declare (lang, dir): display/languages.py and the
HTML of display/html.py, without a browser."""

import re

import pytest

from roundtable_lib.display import html
from roundtable_lib.display.languages import in_language, item_text_lang, label_lang, lang_attrs
from roundtable_lib.meeting.languages import direction, page_language


@pytest.mark.parametrize(
    ("asked", "expected"),
    [("en", ("en", "ltr")), ("th", ("th", "ltr")), ("xx", ("en", "ltr")), ("", ("en", "ltr")), (None, ("en", "ltr"))],
)
def test_a_page_is_in_a_language_the_workbook_speaks(asked, expected):
    assert page_language(asked) == expected


def test_right_to_left_languages_say_so():
    assert direction("ar") == "rtl" and direction("th") == "ltr"
    assert lang_attrs("th") == 'lang="th" dir="ltr"'


def test_text_in_another_language_is_marked_and_the_pages_own_is_not():
    assert in_language("Hello", "en", "en") == "Hello"
    assert in_language("Hello", "en", "th") == '<span lang="en">Hello</span>'
    assert in_language("مرحبا", "ar", "en") == '<span lang="ar" dir="rtl">مرحبا</span>'
    assert in_language("", "en", "th") == ""


@pytest.mark.parametrize(
    ("item", "lang", "expected"),
    [
        ({"text_en": "Day off", "text_th": "วันหยุด"}, "th", ("วันหยุด", "th")),
        ({"text_en": "Day off", "text_th": ""}, "th", ("Day off", "en")),
        ({"text_en": None, "text_th": "วันหยุด"}, "en", ("วันหยุด", "th")),
        ({"text_en": "", "text_th": ""}, "en", ("", "en")),
    ],
)
def test_an_items_text_comes_with_the_language_it_was_captured_in(item, lang, expected):
    assert item_text_lang(item, lang) == expected


def test_a_meeting_label_falls_back_to_english():
    assert label_lang({"en": "Bangkok", "th": "กรุงเทพฯ"}, "th") == "th"
    assert label_lang({"en": "Bangkok"}, "th") == "en"


def test_an_item_typed_only_in_english_is_marked_on_a_thai_page(meeting):
    item = {"kind": "progress", "text_en": "<b>Radio</b> show", "text_th": "", "org": "map", "orgs": []}
    line = html.item_line(meeting, item, "th")
    assert '<span lang="en">&lt;b&gt;Radio&lt;/b&gt; show</span>' in line  # marked, and still escaped
    assert "lang=" not in html.item_line(meeting, item, "en")


def test_a_poll_option_typed_only_in_thai_is_marked_on_an_english_page():
    results = {
        "poll": {"title_en": "Priorities", "title_th": "", "method": "dots"},
        "results": [{"rank": 1, "score": 3, "label_en": "", "label_th": "วันหยุด"}],
        "voters": 2,
    }
    card = html.results_card(results, {}, "en")
    assert '<span lang="th">วันหยุด</span>' in card
    assert "Priorities" in card and 'lang="en"' not in card


def test_the_link_to_the_other_language_is_named_in_it():
    assert 'hreflang="th"><span lang="th">' in html.nav("live", "en")
    assert 'hreflang="en"><span lang="en">English</span>' in html.nav("live", "th")


def test_a_heatmap_wider_than_a_phone_is_a_region_a_keyboard_reaches(meeting):
    org = meeting.organisations[0].id
    table = html.heatmap(meeting, {(org, "Advocacy"): 2}, "en")
    scroller = re.search(r'<div class="rt-scroll"[^>]*>', table).group()
    assert 'tabindex="0"' in scroller and 'role="region"' in scroller and 'aria-label="' in scroller


def test_thai_in_a_document_line_is_marked_and_still_escaped():
    assert html.text_html("Day off / วันหยุด <b>") == 'Day off / <span lang="th">วันหยุด</span> &lt;b&gt;'
    assert html.text_html("วันหยุด", "th") == "วันหยุด"
    assert html.text_html("No Thai here") == "No Thai here"


def test_a_thai_topic_on_an_english_page_is_marked(meeting):
    item = {"kind": "offer", "text_en": "Radio airtime", "org": "map", "orgs": [], "attrs": {"topic": "สื่อ <i>"}}
    assert '<b><span lang="th">สื่อ</span> &lt;i&gt;</b>' in html.item_line(meeting, item, "en")
