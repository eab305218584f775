"""The chair's ballot dropdowns offer only those whose ballots count in the poll: organisations
the poll lists (by default the voting roles, never the donor or the convenor) and participants
from them. A ballot from anyone else is still refused by the store, in one line."""

import pytest

from roundtable_lib.chair.poll_panel import PollPanel
from roundtable_lib.exceptions import ValidationError


def offered(dropdown):
    return [value for _label, value in dropdown.options if value is not None]


def test_only_voting_organisations_and_their_people_are_offered(fresh_store, recs):
    map_person, _ = fresh_store.add_participant("Moe", "map")
    fresh_store.add_participant("Donor officer", "eu")
    fresh_store.add_participant("Convenor", "ifrc")
    poll = fresh_store.create_poll("s3", "Priorities", options=recs, method="dots", budget=2)
    panel = PollPanel(fresh_store, poll["id"])
    assert offered(panel.org) == fresh_store.meeting.voting_org_ids
    assert "eu" not in offered(panel.org) and "ifrc" not in offered(panel.org)
    assert offered(panel.participant) == [map_person["id"]]
    assert not any("Donor officer" in label or "Convenor" in label for label, _ in panel.participant.options)


def test_a_poll_for_named_organisations_offers_just_those(fresh_store, recs):
    fresh_store.add_participant("Moe", "map")
    lsdf_person, _ = fresh_store.add_participant("Nok", "lsdf")
    poll = fresh_store.create_poll(
        "s3", "LSDF and FED", options=recs, method="dots", budget=2, eligible=["lsdf", "fed"]
    )
    panel = PollPanel(fresh_store, poll["id"])
    assert offered(panel.org) == ["lsdf", "fed"]
    assert offered(panel.participant) == [lsdf_person["id"]]


def test_a_poll_for_everyone_offers_the_donor_too(fresh_store, recs):
    everyone = fresh_store.meeting.org_ids
    poll = fresh_store.create_poll("s3", "How was the day?", options=recs, method="dots", budget=2, eligible=everyone)
    panel = PollPanel(fresh_store, poll["id"], lang="th")
    assert offered(panel.org) == everyone


def test_a_ballot_from_outside_is_still_refused(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs, method="dots", budget=2)
    with pytest.raises(ValidationError, match="does not vote in this poll"):
        fresh_store.cast_ballot(poll["id"], voter="eu", voter_kind="organisation", allocations={recs[0]: 1})
    assert fresh_store.ballots(poll["id"]) == []
