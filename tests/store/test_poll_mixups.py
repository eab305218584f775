"""Polls that cannot be mixed up: a title used once in a meeting, people never added to
organisations, a budget said of whoever holds it, negative numbers named as such, a closed
poll reopened (and the history says so), and a tie at the top broken by a runoff."""

import pytest

from roundtable_lib.exceptions import ValidationError
from roundtable_lib.meeting import poll_rules
from roundtable_lib.meeting.refusals import error_text


def _options(poll):
    return [o["id"] for o in poll["options"]]


@pytest.mark.parametrize(
    "first, second, field",
    [
        (("Priority of the joint recommendations", ""), ("Priority of the joint recommendations", ""), "title_en"),
        (("How was the day?", ""), ("  how WAS the   day? ", ""), "title_en"),  # spaces and case aside
        (("Priorities", "ลำดับความสำคัญ"), ("Other", "ลำดับความสำคัญ"), "title_th"),
        (("Priorities", "ลำดับความสำคัญ"), ("", "Priorities"), "title_th"),  # one poll's English is the other's Thai
    ],
)
def test_a_title_already_used_in_the_meeting_is_refused(fresh_store, recs, first, second, field):
    fresh_store.create_poll("s3", *first, options=recs)
    with pytest.raises(ValidationError) as refused:
        fresh_store.create_poll("s4", *second, options=recs)  # another session: still the same meeting
    assert refused.value.field == field and "already exists" in str(refused.value)
    assert "มีการลงคะแนนชื่อ" in error_text(refused.value, "th")
    assert len(fresh_store.polls()) == 1


def test_a_retried_open_is_not_a_duplicate(fresh_store, recs):
    first = fresh_store.create_poll("s3", "Priorities", options=recs, id="p1")
    assert fresh_store.create_poll("s3", "Priorities", options=recs, id="p1")["id"] == first["id"]


def test_hands_never_go_onto_organisation_ballots_nor_the_reverse(fresh_store, recs):
    by_org = fresh_store.create_poll("s3", "By organisation", options=recs, weighting="organisation")
    a, b, _ = _options(by_org)
    fresh_store.cast_ballot(by_org["id"], voter="map", voter_kind="organisation", allocations={a: 1})
    with pytest.raises(ValidationError, match="A show of hands counts people"):
        fresh_store.record_tally(by_org["id"], {b: 9})
    hands = fresh_store.create_poll("s3", "Hands", options=recs)
    a, b, _ = _options(hands)
    fresh_store.record_tally(hands["id"], {a: 4})
    with pytest.raises(ValidationError, match="organisations' ballots are never added to people's hands"):
        fresh_store.cast_ballot(hands["id"], voter="map", voter_kind="organisation", allocations={b: 1})
    fresh_store.cast_ballot(hands["id"], voter=1, voter_kind="ballot", allocations={b: 1})  # people with people
    kinds = sorted(x["voter_kind"] for p in (by_org, hands) for x in fresh_store.ballots(p["id"]))
    assert kinds == ["ballot", "organisation", "tally"]


@pytest.mark.parametrize(
    "kind, voter, says",
    [
        ("organisation", "map", "each organisation has 3"),
        ("ballot", 4, "each ballot has 3"),
        ("participant", None, "each participant has 3"),
    ],
)
def test_too_many_dots_say_whose_budget(room, kind, voter, says):
    store, people, recs = room
    poll = store.create_poll("s3", "Dots", options=recs, budget=3, per_option_limit=2)
    a, b, _ = _options(poll)
    voter = people[0]["id"] if voter is None else voter
    with pytest.raises(ValidationError, match=f"4 dots used; {says}"):
        store.cast_ballot(poll["id"], voter=voter, voter_kind=kind, allocations={a: 2, b: 2})


def test_a_negative_number_is_named_not_an_empty_ballot(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Dots", options=recs)
    a, _, _ = _options(poll)
    with pytest.raises(ValidationError) as refused:
        fresh_store.cast_ballot(poll["id"], voter="map", voter_kind="organisation", allocations={a: -1})
    assert "cannot be negative" in str(refused.value) and "empty" not in str(refused.value)
    assert "ติดลบ" in error_text(refused.value, "th")
    with pytest.raises(ValidationError, match="cannot be negative"):
        fresh_store.record_tally(poll["id"], {a: -1})
    assert fresh_store.ballots(poll["id"]) == []


def test_a_closed_poll_reopens_and_the_history_keeps_both(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Dots", options=recs)
    a, _, _ = _options(poll)
    fresh_store.close_poll(poll["id"], actor="chair:s3")
    with pytest.raises(ValidationError, match="closed"):
        fresh_store.cast_ballot(poll["id"], voter="map", voter_kind="organisation", allocations={a: 1})
    reopened = fresh_store.reopen_poll(poll["id"], actor="chair:s3")
    assert reopened["status"] == "open" and reopened["closed_at"] is None
    fresh_store.cast_ballot(poll["id"], voter="map", voter_kind="organisation", allocations={a: 1})
    actions = [h["action"] for h in fresh_store.history(entity_id=poll["id"])]
    assert "close" in actions and "reopen" in actions
    assert fresh_store.reopen_poll(poll["id"])["status"] == "open"  # reopening an open poll: nothing


def _tied(store, recs, title="Priorities", **kwargs):
    poll = store.create_poll("s3", title, "ลำดับความสำคัญ", options=recs, method="single", **kwargs)
    a, b, c = _options(poll)
    for n, option in enumerate([a, b, a, b, c], start=1):
        store.cast_ballot(poll["id"], voter=n, voter_kind="ballot", allocations={option: 1})
    return poll, (a, b, c)


def test_a_tie_at_the_top_is_broken_by_a_runoff_between_the_tied_options(fresh_store, recs):
    poll, (a, b, _c) = _tied(fresh_store, recs, weighting="organisation", eligible=["map", "lsdf"])
    assert [r["id"] for r in poll_rules.top_tie(fresh_store.poll_results(poll["id"])["results"])] == [a, b]
    fresh_store.close_poll(poll["id"])
    runoff = fresh_store.open_runoff(poll["id"], actor="chair:s3", id="r1")
    assert (runoff["title_en"], runoff["title_th"]) == ("Runoff: Priorities", "รอบตัดสิน: ลำดับความสำคัญ")
    assert [o["label_en"] for o in runoff["options"]] == ["R0", "R1"]
    assert [o["item_id"] for o in runoff["options"]] == [recs[0], recs[1]]
    assert (runoff["method"], runoff["weighting"], runoff["session"], runoff["status"]) == (
        "single",
        "organisation",
        "s3",
        "open",
    )
    assert runoff["eligible"] == ["map", "lsdf"]
    assert fresh_store.open_runoff(poll["id"], id="r1")["id"] == "r1"  # a retried click: one runoff
    second = fresh_store.open_runoff(poll["id"])  # the room decides to run it again
    assert second["title_en"] == "Runoff: Priorities (2)"
    assert len(fresh_store.polls()) == 3


def test_no_runoff_without_a_tie_at_the_top(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Clear", options=recs, method="single")
    a, b, c = _options(poll)
    with pytest.raises(ValidationError, match="no tie at the top"):
        fresh_store.open_runoff(poll["id"])  # nobody voted: options all at 0 are no tie
    for n, option in enumerate([a, a, b, c], start=1):
        fresh_store.cast_ballot(poll["id"], voter=n, voter_kind="ballot", allocations={option: 1})
    with pytest.raises(ValidationError, match="no tie at the top"):
        fresh_store.open_runoff(poll["id"])  # b and c tie for second: nothing to break
    assert len(fresh_store.polls()) == 1


@pytest.mark.parametrize(
    "kinds, method, offered",
    [
        (set(), "dots", ["participant", "organisation", "ballot", "tally"]),
        (set(), "scale", ["participant", "organisation", "ballot"]),
        ({"organisation"}, "dots", ["organisation"]),
        ({"ballot"}, "dots", ["ballot", "tally"]),
        ({"participant", "tally"}, "single", ["participant", "tally"]),
        ({"tally"}, "dots", ["participant", "ballot", "tally"]),
    ],
)
def test_the_ways_a_poll_can_still_take(kinds, method, offered):
    assert poll_rules.poll_modes(method, kinds) == offered
