import pytest

from roundtable_lib.exceptions import ValidationError
from roundtable_lib.meeting.typed_text import clean_text

THAI_WITH_MARKS = "น้ำใจ ผู้ย้ายถิ่น ที่ไม่มีเอกสาร"  # tone marks and vowels above/below
SARA_AM = "ทำงาน"  # U+0E33, which NFKC would decompose


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # stored as typed, escaped on display
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ("Robert'); DROP TABLE items;--", "Robert'); DROP TABLE items;--"),
        ("  padded\r\nlines\r  ", "padded\nlines"),
        ("bell\x07 null\x00 esc\x1b[31m", "bell null esc[31m"),
        ("abc\u202edcba\u202c", "abcdcba"),  # bidi override stripped
        ("\u2066isolate\u2069 and \u200fRLM", "isolate and \u200fRLM"),
        ("\ufeffBOM", "BOM"),
        (THAI_WITH_MARKS, THAI_WITH_MARKS),
        (SARA_AM, SARA_AM),
        ("e\u0301", "\u00e9"),  # NFC composes
        ("ｆｕｌｌ width", "ｆｕｌｌ width"),  # NFKC would fold this; NFC keeps it
        ("👩🏽‍⚖️ legal aid 🇹🇭", "👩🏽‍⚖️ legal aid 🇹🇭"),  # ZWJ emoji kept
        ("tab\tkept", "tab\tkept"),
    ],
)
def test_clean_text_table(raw, expected):
    assert clean_text(raw) == expected


def test_thai_is_never_rewritten_by_compatibility_folding():
    import unicodedata

    assert unicodedata.normalize("NFKC", SARA_AM) != SARA_AM  # the trap this guards against
    assert clean_text(SARA_AM) == SARA_AM


@pytest.mark.parametrize(
    "raw, message",
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("\u202e\u202c\x00", "empty"),
        (None, "empty"),
        ("x" * 1_000_000, "1,000,000 characters long; the limit is 4,000"),
        ("y" * 4001, "4,001 characters long"),
        (42, "must be text"),
    ],
)
def test_clean_text_refuses_with_a_reason(raw, message):
    with pytest.raises(ValidationError, match=message):
        clean_text(raw)


def test_limit_is_per_field():
    assert clean_text("a" * 200, max_length=200) == "a" * 200
    with pytest.raises(ValidationError, match="Topic is 201 characters"):
        clean_text("a" * 201, field="topic", max_length=200)


def test_lone_surrogates_are_removed_so_text_can_be_stored_as_utf8():
    assert clean_text("ok\ud800") == "ok"
    clean_text("ok\ud800").encode("utf-8")
