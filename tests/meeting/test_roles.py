"""Organisations' roles in the meeting file: who votes on the recommendations and who may endorse them."""

import copy

import pytest
import yaml

from roundtable_lib import MeetingError, load_meeting
from roundtable_lib.meeting.definition import Meeting, Organisation
from tests.helpers import MEETING_FILE


def _load(tmp_path, change):
    data = yaml.safe_load(MEETING_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "meeting.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_donor_and_the_convenor_neither_vote_nor_endorse(meeting):
    roles = {o.id: (o.role, o.votes, o.may_endorse) for o in meeting.organisations}
    assert roles["eu"] == ("donor", False, False)
    assert roles["ifrc"] == ("convenor", False, False)
    assert all(roles[o] == ("partner_cso", True, True) for o in ("map", "lsdf", "flep", "fed"))
    assert meeting.voting_org_ids == ["map", "lsdf", "flep", "fed", "mfa", "trc"]
    assert meeting.endorsing_org_ids == meeting.voting_org_ids


def test_role_defaults_from_the_kind_and_votes_override_it(tmp_path):
    def change(data):
        for org in data["organisations"]:
            for key in ("role", "votes", "may_endorse"):
                org.pop(key, None)
        data["organisations"][0]["votes"] = False  # a partner that chose not to vote

    meeting = load_meeting(_load(tmp_path, change))
    roles = {o.id: (o.role, o.votes, o.may_endorse) for o in meeting.organisations}
    assert roles["map"] == ("partner_cso", False, True)
    assert roles["eu"] == ("donor", False, False)  # from kind: donor
    assert roles["ifrc"] == ("red_cross", True, True)  # from kind alone; the shipped file says convenor


def test_a_definition_stored_before_roles_reads_back_with_the_defaults(meeting):
    data = Meeting.from_json(meeting.to_json())
    assert data == meeting
    old = Organisation(id="x", kind="donor", name={}, short={"en": "X"}, city={})  # no role fields
    assert (old.role, old.votes, old.may_endorse) == ("donor", False, False)


@pytest.mark.parametrize(
    "field, value, problem",
    [
        ("role", "sponsor", "unknown role 'sponsor' (use one of partner_cso, network, red_cross, convenor"),
        ("votes", "yes", "expected bool, got str 'yes'"),
        ("may_endorse", 1, "expected bool, got int 1"),
    ],
)
def test_role_mistakes_name_the_field(tmp_path, field, value, problem):
    path = _load(tmp_path, lambda data: data["organisations"][7].update({field: copy.copy(value)}))
    with pytest.raises(MeetingError) as err:
        load_meeting(path)
    assert str(err.value).startswith(f"{path}: organisations[7].{field}: ")
    assert problem in str(err.value)
