import copy
import datetime as dt

import pytest
import yaml

from roundtable_lib import MeetingError, load_meeting
from roundtable_lib.meeting.definition import Meeting
from tests.helpers import MEETING_FILE


def test_the_roundtable_of_the_concept_note(meeting):
    assert meeting.date == dt.date(2016, 7, 12)
    assert meeting.venue["en"] == "Column Hotel, Bangkok, Thailand"
    assert meeting.languages == ("en", "th")
    assert len(meeting.objectives) == 4
    assert [o.id for o in meeting.csos] == ["map", "lsdf", "flep", "fed"]
    assert {o.city["en"] for o in meeting.csos} == {"Chiang Mai", "Bangkok", "Phang Nga"}
    assert meeting.org("mfa").confirmed is False
    assert {"trc", "ifrc", "eu"} <= set(meeting.org_ids)
    assert (meeting.participant_limit, meeting.per_cso_limit) == (25, 4)
    assert [a.id for a in meeting.agenda] == ["welcome", "s1", "s2", "s3", "s4", "conclusions"]
    for item in meeting.agenda:
        assert item.chair in [o.id for o in meeting.csos]
        assert item.title["en"] and item.title["th"] and item.purpose["th"]
        assert item.duration_minutes > 0
    assert meeting.session("s2").presentation_minutes == 30
    assert all(q["th"] for a in meeting.agenda for q in a.questions)


def test_schedule_follows_the_files_times(meeting):
    rows = meeting.schedule()
    assert rows[0][1] == dt.time(9, 0)
    assert all(a[2] <= b[1] for a, b in zip(rows, rows[1:], strict=False))  # breaks may come between


def test_json_round_trip(meeting):
    assert Meeting.from_json(meeting.to_json()) == meeting


def _raw():
    return yaml.safe_load(MEETING_FILE.read_text(encoding="utf-8"))


def _mutate_del(path):
    def fn(data):
        *parents, last = path
        node = data
        for p in parents:
            node = node[p]
        del node[last]

    return fn


def _mutate_set(path, value):
    def fn(data):
        *parents, last = path
        node = data
        for p in parents:
            node = node[p]
        node[last] = value

    return fn


@pytest.mark.parametrize(
    "mutate, where, problem",
    [
        (_mutate_del(["meeting", "title"]), "meeting.title", "missing field"),
        (_mutate_del(["meeting", "date"]), "meeting.date", "missing field"),
        (_mutate_set(["meeting", "date"], "12/07/2016"), "meeting.date", "not a date in the form YYYY-MM-DD"),
        (_mutate_set(["meeting", "date"], "2016-02-30"), "meeting.date", "not a date"),
        (_mutate_set(["agenda", 2, "chair"], "mapp"), "agenda[2].chair", "unknown CSO 'mapp'"),
        (_mutate_set(["agenda", 2, "chair"], "eu"), "agenda[2].chair", "unknown CSO 'eu'"),
        (_mutate_set(["agenda", 0, "speakers"], ["nobody"]), "agenda[0].speakers[0]", "unknown organisation"),
        (_mutate_set(["agenda", 3, "id"], "s1"), "agenda[3].id", "duplicate id 's1'"),
        (_mutate_set(["organisations", 1, "id"], "map"), "organisations[1].id", "duplicate id 'map'"),
        (_mutate_del(["organisations", 0, "name", "th"]), "organisations[0].name", "no Thai (th) name"),
        (_mutate_set(["agenda", 1, "duration_minutes"], "long"), "agenda[1].duration_minutes", "expected int"),
        (_mutate_set(["agenda", 1, "captures"], ["gossip"]), "agenda[1].captures[0]", "unknown kind 'gossip'"),
        (_mutate_set(["meeting", "limits", "per_cso"], 0), "meeting.limits.per_cso", "at least 1"),
        (_mutate_set(["organisations", 0, "kind"], "club"), "organisations[0].kind", "unknown kind 'club'"),
        (_mutate_set(["meeting", "languages"], ["en", "xx"]), "meeting.languages[1]", "not one of the project's"),
        (_mutate_del(["meeting", "contact", "en"]), "meeting.contact", "no English (en) contact"),
        (_mutate_set(["meeting", "contact"], "someone@example.org"), "meeting.contact", "expected a contact"),
        (_mutate_set(["meeting", "submission"], {"en": "x", "th": " "}), "meeting.submission.th", "empty Thai"),
    ],
)
def test_mistakes_name_file_field_and_problem(tmp_path, mutate, where, problem):
    data = copy.deepcopy(_raw())
    mutate(data)
    path = tmp_path / "meeting.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(MeetingError) as err:
        load_meeting(path)
    message = str(err.value)
    assert message.startswith(f"{path}: {where}: "), message
    assert problem in message


def test_contact_and_submission_are_optional(tmp_path, meeting):
    assert "@" in meeting.contact["en"] and meeting.contact["th"] and meeting.submission["en"]
    data = copy.deepcopy(_raw())
    del data["meeting"]["contact"], data["meeting"]["submission"]
    path = tmp_path / "meeting.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_meeting(path).contact == {} and load_meeting(path).submission == {}


def test_missing_file_and_broken_yaml(tmp_path):
    with pytest.raises(MeetingError, match="No meeting definition at .*nope.yaml: check the folder"):
        load_meeting(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("meeting: [unclosed\n", encoding="utf-8")
    with pytest.raises(MeetingError, match=r"bad.yaml: line \d+: not valid YAML"):
        load_meeting(bad)


def test_another_meeting_by_editing_the_file_only(tmp_path):
    data = _raw()
    data["meeting"]["id"] = "regional-2016"
    data["meeting"]["title"] = {"en": "Regional conference", "th": "การประชุมระดับภูมิภาค"}
    data["organisations"] = data["organisations"][:2]
    data["agenda"] = [dict(data["agenda"][2], chair="map")]
    path = tmp_path / "regional.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    other = load_meeting(path)
    assert other.title["en"] == "Regional conference"
    assert [a.id for a in other.agenda] == ["s2"]
