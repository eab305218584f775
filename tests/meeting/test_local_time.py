"""The meeting's time zone: stored UTC times read as the room's clock, and counts in words."""

import datetime as dt

import pytest
import yaml

from roundtable_lib import MeetingError, load_meeting
from roundtable_lib.meeting import clock
from roundtable_lib.meeting.definition import Meeting
from roundtable_lib.meeting.labels import LABELS, count
from tests.helpers import MEETING_FILE


def _meeting_file(tmp_path, **meeting_fields):
    data = yaml.safe_load(MEETING_FILE.read_text(encoding="utf-8"))
    data["meeting"].pop("time_zone", None)
    data["meeting"].update(meeting_fields)
    path = tmp_path / "meeting.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_bangkok_meeting_runs_on_bangkok_time(meeting):
    assert meeting.time_zone == "Asia/Bangkok"
    assert Meeting.from_json(meeting.to_json()).time_zone == "Asia/Bangkok"


def test_a_file_without_a_time_zone_is_bangkok_and_another_zone_is_kept(tmp_path):
    assert load_meeting(_meeting_file(tmp_path)).time_zone == "Asia/Bangkok"
    assert load_meeting(_meeting_file(tmp_path, time_zone="Europe/Brussels")).time_zone == "Europe/Brussels"


@pytest.mark.parametrize("value", ["Bangkok", "Asia/Nowhere", "../../etc/passwd", ""])
def test_an_unknown_time_zone_is_refused_in_plain_words(tmp_path, value):
    with pytest.raises(MeetingError, match=r"meeting\.time_zone: unknown time zone .*Asia/Bangkok"):
        load_meeting(_meeting_file(tmp_path, time_zone=value))


def test_a_time_zone_must_be_text(tmp_path):
    with pytest.raises(MeetingError, match=r"meeting\.time_zone: expected str"):
        load_meeting(_meeting_file(tmp_path, time_zone=7))


@pytest.mark.parametrize(
    "stored",
    ["2016-07-12T02:05:00Z", "2016-07-12T02:05:00+00:00", "2016-07-12T02:05:00", "2016-07-12 02:05:00.123456"],
)
def test_a_stored_utc_time_reads_as_the_rooms_clock(meeting, stored):
    local = clock.local_time(stored, meeting)
    assert (local.date(), local.hour, local.minute) == (dt.date(2016, 7, 12), 9, 5)
    assert local.utcoffset() == dt.timedelta(hours=7)
    assert clock.format_local(stored, meeting) == "12 July 2016, 09:05"
    assert clock.format_local(stored, meeting, with_date=False) == "09:05"
    assert clock.format_local(stored, meeting, "th") == "12 กรกฎาคม 2559 เวลา 09:05 น."


def test_late_evening_utc_is_the_next_morning_in_bangkok():
    assert clock.format_local("2016-07-11T23:30:00Z", "Asia/Bangkok") == "12 July 2016, 06:30"
    aware = dt.datetime(2016, 7, 11, 23, 30, tzinfo=dt.UTC)
    assert clock.local_time(aware, "Asia/Bangkok").day == 12


def test_no_time_reads_as_nothing(meeting):
    assert clock.local_time(None, meeting) is None
    assert clock.format_local("", meeting) == ""


def test_the_zone_is_said_once_with_its_offset_on_the_meeting_day(meeting):
    assert clock.zone_note(meeting) == "Times are Bangkok time (UTC+07:00)."
    # A Thai reader reads the city in Thai, as the meeting file names it.
    assert clock.zone_note(meeting, "th") == "เวลาทั้งหมดเป็นเวลาท้องถิ่นกรุงเทพฯ (UTC+07:00)"
    assert Meeting.from_json(meeting.to_json()).time_zone_name == {"en": "Bangkok", "th": "กรุงเทพฯ"}
    # Without a name in the file, the zone's own city (in any language) rather than nothing.
    assert clock.zone_note("Asia/Bangkok", "th") == "เวลาทั้งหมดเป็นเวลาท้องถิ่น Bangkok (UTC+07:00)"
    # Brussels keeps summer time in July: the offset is the meeting day's, not January's.
    assert clock.zone_note("Europe/Brussels", on=dt.date(2016, 7, 12)) == "Times are Brussels time (UTC+02:00)."


def test_a_time_zone_name_needs_the_working_language(tmp_path):
    with pytest.raises(MeetingError, match=r"meeting\.time_zone_name: no English \(en\) time zone name"):
        load_meeting(_meeting_file(tmp_path, time_zone_name={"th": "กรุงเทพฯ"}))
    # Another language may leave it out: a Thai reader then reads the working language's name.
    english_only = load_meeting(_meeting_file(tmp_path, time_zone_name={"en": "Bangkok"}))
    assert clock.zone_note(english_only, "th").startswith("เวลาทั้งหมดเป็นเวลาท้องถิ่น Bangkok")


def test_dates_in_thai_count_buddhist_era_years():
    assert clock.format_date(dt.date(2016, 7, 12)) == "12 July 2016"
    assert clock.format_date(dt.date(2016, 12, 1), "th") == "1 ธันวาคม 2559"


@pytest.mark.parametrize(
    ("n", "lang", "expected"),
    [
        (1, "en", "1 vote"),
        (2, "en", "2 votes"),
        (0, "en", "0 votes"),
        (1250, "en", "1,250 votes"),
        (1, "th", "1 คะแนน"),
        (2, "th", "2 คะแนน"),
    ],
)
def test_counts_agree_with_their_number(n, lang, expected):
    assert count(n, "count.vote", lang) == expected


def test_every_count_label_has_one_english_form_and_one_other():
    keys = [k for k in LABELS if k.startswith("count.")]
    assert keys
    for key in keys:
        en, th = LABELS[key]
        assert en.count("|") == 1, key
        assert "|" not in th, key
        assert count(1, key) != count(2, key)
