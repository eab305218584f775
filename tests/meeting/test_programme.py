"""The day's programme: sessions at the meeting file's times, breaks between them."""

import datetime as dt

import pytest
import yaml

from roundtable_lib import MeetingError, load_meeting
from roundtable_lib.meeting.definition import Meeting
from tests.helpers import MEETING_FILE


def _file(tmp_path, change):
    data = yaml.safe_load(MEETING_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "meeting.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _times(rows):
    return [(entry.title["en"].split(":")[0], f"{start:%H:%M}", f"{end:%H:%M}") for entry, start, end in rows]


def test_the_bangkok_day_has_its_breaks_and_session_3_after_lunch(meeting):
    assert _times(meeting.programme()) == [
        ("Welcome remarks and introductions", "09:00", "09:30"),
        ("Session 1", "09:30", "10:15"),
        ("Coffee break", "10:15", "10:30"),
        ("Session 2", "10:30", "13:00"),
        ("Lunch", "13:00", "14:00"),
        ("Session 3", "14:00", "15:30"),
        ("Coffee break", "15:30", "15:45"),
        ("Session 4", "15:45", "17:15"),
        ("Conclusions and closing remarks", "17:15", "17:45"),
    ]
    assert [item.id for item, _, _ in meeting.schedule()] == [a.id for a in meeting.agenda]
    assert all(entry.chair is None for entry, _, _ in meeting.programme() if getattr(entry, "is_break", False))
    assert meeting.breaks[1].title["th"]


def test_breaks_survive_the_stored_copy_of_the_meeting(meeting):
    assert Meeting.from_json(meeting.to_json()).programme() == meeting.programme()


def test_a_session_without_a_start_follows_the_break_that_starts_when_the_one_before_ends(tmp_path):
    def change(data):
        for item in data["agenda"]:
            item.pop("start", None)
        data["agenda"][2]["duration_minutes"] = 150

    rows = _times(load_meeting(_file(tmp_path, change)).programme())
    # 09:00 + 30 + 45 = 10:15, the coffee break; Session 2 after it; lunch at 13:00 likewise.
    assert rows[3] == ("Session 2", "10:30", "13:00")
    assert rows[5] == ("Session 3", "14:00", "15:30")


@pytest.mark.parametrize(
    ("change", "where", "problem"),
    [
        (
            lambda d: d["agenda"][3].update(start="12:30"),
            "agenda",
            "'Session 3' starts at 12:30, before 'Session 2' ends at 13:00",
        ),
        (
            lambda d: d["agenda"][2].update(start="09:00"),
            "agenda",
            "'Session 2' starts at 09:00, before 'Session 1' .listed before it.",
        ),
        (lambda d: d["agenda"][0].update(start="9.00"), r"agenda\[0\]\.start", "not a time in the form HH:MM"),
        (lambda d: d["breaks"][0].update(start="25:00"), r"breaks\[0\]\.start", "not a time in the form HH:MM"),
        (lambda d: d["breaks"][0].update(duration_minutes=0), r"breaks\[0\]\.duration_minutes", "between 1 and 1440"),
        (lambda d: d["breaks"][0].pop("title"), r"breaks\[0\]\.title", "missing field"),
        (lambda d: d["agenda"][-1].update(start="23:50"), "agenda", "after midnight"),
    ],
)
def test_times_that_do_not_hold_together_are_refused_in_plain_words(tmp_path, change, where, problem):
    with pytest.raises(MeetingError, match=rf"meeting\.yaml: {where}: .*{problem}"):
        load_meeting(_file(tmp_path, change))


def test_a_meeting_file_without_breaks_or_starts_sums_durations_from_its_start(tmp_path):
    def change(data):
        data.pop("breaks")
        for item in data["agenda"]:
            item.pop("start", None)

    rows = load_meeting(_file(tmp_path, change)).programme()
    assert rows[0][1] == dt.time(9, 0) and all(a[2] == b[1] for a, b in zip(rows, rows[1:], strict=False))
