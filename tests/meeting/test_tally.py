"""The rules of a poll alone, without a store: how a tally ranks and weighs ballots, and which
ballots a poll accepts. Pure functions of meeting/rules.py on plain dicts.

The store applying them (and the database's one ballot per voter) is tested in
tests/store/test_polls.py, the chair's widgets in tests/chair/test_voting.py.
"""

import pytest

from roundtable_lib import ValidationError
from roundtable_lib.meeting.rules import tally, validate_ballot, validate_poll

OPTIONS = [{"id": "a", "position": 0}, {"id": "b", "position": 1}, {"id": "c", "position": 2}]


def _poll(method="dots", weighting="person", budget=3, per_option_limit=2, status="open"):
    return {
        "method": method,
        "weighting": weighting,
        "budget": budget,
        "per_option_limit": per_option_limit,
        "status": status,
    }


def _ballot(n, allocations, org=None, is_tally=False):
    return {"id": f"b{n}", "org": org, "allocations": allocations, "is_tally": is_tally}


def _scores(rows):
    return {r["id"]: r["score"] for r in rows}


# ---------------------------------------------------------------- tally


def test_best_first_and_ties_share_a_rank():
    rows = tally(_poll(), OPTIONS, [_ballot(1, {"a": 2}), _ballot(2, {"c": 2, "b": 1})])
    assert [(r["id"], r["score"], r["rank"], r["tied"], r["votes"]) for r in rows] == [
        ("a", 2, 1, True, 1),
        ("c", 2, 1, True, 1),  # tied with a: both first, in the options' order
        ("b", 1, 3, False, 1),  # the next rank after a tie of two is 3, not 2
    ]


def test_no_ballots_rank_every_option_first_together_and_call_nothing_a_tie():
    """A poll just opened (a fresh runoff) shows no "tie" on every option: nobody has voted."""
    rows = tally(_poll(), OPTIONS, [])
    assert [(r["score"], r["rank"], r["tied"]) for r in rows] == [(0, 1, False)] * 3


def test_weighting_by_organisation_makes_each_organisation_one_vote():
    ballots = [_ballot(1, {"a": 1}, org="map"), _ballot(2, {"a": 1}, org="map"), _ballot(3, {"b": 1}, org="lsdf")]
    assert _scores(tally(_poll("single"), OPTIONS, ballots)) == {"a": 2, "b": 1, "c": 0}
    by_org = tally(_poll("single", weighting="organisation"), OPTIONS, ballots)
    assert _scores(by_org) == {"a": 1.0, "b": 1.0, "c": 0}
    assert by_org[0]["tied"] and by_org[1]["tied"]


def test_an_organisation_split_between_options_shares_its_one_vote():
    ballots = [_ballot(n, {option: 1}, org="map") for n, option in enumerate("aab")]
    rows = tally(_poll("single", weighting="organisation"), OPTIONS, ballots)
    assert _scores(rows) == {"a": round(2 / 3, 4), "b": round(1 / 3, 4), "c": 0}


def test_numbered_ballots_and_a_show_of_hands_are_never_averaged_into_one_voter():
    """Ballots without an organisation count one each, and a show of hands counts every hand."""
    ballots = [_ballot(1, {"a": 1}), _ballot(2, {"a": 1}), _ballot(3, {"b": 7}, is_tally=True)]
    assert _scores(tally(_poll("single", weighting="organisation"), OPTIONS, ballots)) == {"a": 2, "b": 7, "c": 0}


def test_a_scale_scores_the_mean_and_by_organisation_the_mean_of_the_organisations_means():
    ballots = [_ballot(1, {"a": 5}, org="map"), _ballot(2, {"a": 3}, org="map"), _ballot(3, {"a": 1}, org="lsdf")]
    assert _scores(tally(_poll("scale"), OPTIONS, ballots))["a"] == 3.0
    assert _scores(tally(_poll("scale", weighting="organisation"), OPTIONS, ballots))["a"] == 2.5  # (4 + 1) / 2
    assert _scores(tally(_poll("scale"), OPTIONS, ballots))["b"] == 0.0  # nobody scored it


def test_a_ballot_for_an_option_the_poll_no_longer_has_counts_for_nothing():
    rows = tally(_poll(), OPTIONS[:2], [_ballot(1, {"a": 1, "gone": 2})])
    assert _scores(rows) == {"a": 1, "b": 0}


# ---------------------------------------------------------------- which ballots a poll takes


@pytest.mark.parametrize(
    "poll, allocations, message",
    [
        (_poll(status="closed"), {"a": 1}, "This poll is closed"),
        (_poll(), {"z": 1}, "Unknown option 'z'"),
        (_poll(), {"a": -1}, "cannot be negative \\(got -1\\)"),
        (_poll(), {"a": True}, "whole numbers of 0 or more; got True"),
        (_poll(), {"a": 1.5}, "whole numbers of 0 or more; got 1.5"),
        (_poll(), {}, "The ballot is empty"),
        (_poll(), {"a": 0, "b": 0}, "The ballot is empty"),
        (_poll(), None, "The ballot is empty"),
        (_poll(), {"a": 2, "b": 2}, "4 dots used; each participant has 3"),
        (_poll(), {"a": 3}, "At most 2 dots on one option; got 3"),
        (_poll("single"), {"a": 1, "b": 1}, "Single choice: choose exactly one option"),
        (_poll("single"), {"a": 2}, "Single choice: choose exactly one option"),
        (_poll("scale"), {"a": 6}, "Score must be a whole number from 1 to 5; got 6"),
    ],
)
def test_a_ballot_the_poll_refuses(poll, allocations, message):
    with pytest.raises(ValidationError, match=message):
        validate_ballot(poll, {"a", "b", "c"}, allocations)


@pytest.mark.parametrize(
    "poll, allocations, kept",
    [
        (_poll(), {"a": 2, "b": 1, "c": 0}, {"a": 2, "b": 1}),  # zeros are dropped
        (_poll("single"), {"b": 1, "a": 0}, {"b": 1}),
        (_poll("scale"), {"a": 1, "c": 5}, {"a": 1, "c": 5}),
    ],
)
def test_a_ballot_the_poll_takes(poll, allocations, kept):
    assert validate_ballot(poll, {"a", "b", "c"}, allocations) == kept


def test_a_show_of_hands_has_no_budget_but_needs_hands_and_no_scale():
    assert validate_ballot(_poll(), {"a", "b"}, {"a": 40, "b": 0}, tally=True) == {"a": 40}
    with pytest.raises(ValidationError, match="The tally is empty"):
        validate_ballot(_poll(), {"a", "b"}, {"a": 0}, tally=True)
    with pytest.raises(ValidationError, match="takes ballots, not a show of hands"):
        validate_ballot(_poll("scale"), {"a", "b"}, {"a": 3}, tally=True)


# ---------------------------------------------------------------- a poll's settings


@pytest.mark.parametrize(
    "settings, expected",
    [
        ({"method": "dots"}, (3, 3)),  # three dots by default, all on one option if a voter wants
        ({"method": "dots", "budget": 5, "per_option_limit": 2}, (5, 2)),
        ({"method": "single", "budget": 9}, (1, 1)),  # one vote whatever was asked
        ({"method": "scale"}, (1, 1)),
    ],
)
def test_a_polls_budget_and_limit(meeting, settings, expected):
    poll = validate_poll(meeting, {"session": "s3", "title_en": "Priorities", **settings})
    assert (poll["budget"], poll["per_option_limit"]) == expected


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"budget": 0}, "budget must be a whole number from 1 to 100; got 0"),
        ({"budget": True}, "budget must be a whole number from 1 to 100; got True"),
        ({"per_option_limit": 101, "budget": 101}, "from 1 to 100; got 101"),
        ({"budget": 2, "per_option_limit": 3}, "per-option limit cannot be larger than the budget"),
        ({"method": "ranked"}, "Method must be one of dots, single, scale"),
        ({"title_en": "", "title_th": ""}, "Give the poll a title"),
        ({"session": "s99"}, "Unknown session 's99'"),
    ],
)
def test_a_poll_the_rules_refuse(meeting, settings, message):
    with pytest.raises(ValidationError, match=message):
        validate_poll(meeting, {"session": "s3", "title_en": "Priorities", **settings})
