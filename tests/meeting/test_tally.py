import pytest

from roundtable_lib import ValidationError


@pytest.fixture
def room(fresh_store):
    people = [fresh_store.add_participant(f"P{n}", org)[0] for n, org in enumerate(["map", "map", "map", "lsdf"])]
    recs = [fresh_store.add_item("s3", "recommendation", text_en=f"R{n}")["id"] for n in range(3)]
    return fresh_store, people, recs


def _options(poll):
    return [o["id"] for o in poll["options"]]


def test_dot_voting_budget_and_per_option_limit(room):
    store, people, recs = room
    poll = store.create_poll("s3", "Priorities", method="dots", options=recs, budget=3, per_option_limit=2)
    a, b, c = _options(poll)
    with pytest.raises(ValidationError, match="4 dots used; each participant has 3"):
        store.cast_ballot(poll["id"], people[0]["id"], {a: 2, b: 2})
    with pytest.raises(ValidationError, match="At most 2 dots on one option"):
        store.cast_ballot(poll["id"], people[0]["id"], {a: 3})
    assert store.ballots(poll["id"]) == []
    store.cast_ballot(poll["id"], people[0]["id"], {a: 2, b: 1})
    store.cast_ballot(poll["id"], people[1]["id"], {c: 2})
    results = store.poll_results(poll["id"])
    assert [(r["label_en"], r["score"], r["rank"]) for r in results["results"]] == [
        ("R0", 2, 1),
        ("R2", 2, 1),
        ("R1", 1, 3),
    ]
    assert results["results"][0]["tied"] and results["results"][1]["tied"] and not results["results"][2]["tied"]
    assert results["voters"] == 2


def test_second_ballot_replaces_never_adds(room):
    store, people, recs = room
    poll = store.create_poll("s3", "Priorities", method="single", options=recs)
    a, b, _ = _options(poll)
    store.cast_ballot(poll["id"], people[0]["id"], {a: 1})
    store.cast_ballot(poll["id"], people[0]["id"], {b: 1})
    assert len(store.ballots(poll["id"])) == 1
    scores = {r["id"]: r["score"] for r in store.poll_results(poll["id"])["results"]}
    assert scores[a] == 0 and scores[b] == 1


def test_single_choice_and_scale(room):
    store, people, recs = room
    single = store.create_poll("s3", "One", method="single", options=recs)
    with pytest.raises(ValidationError, match="exactly one"):
        store.cast_ballot(single["id"], people[0]["id"], {o: 1 for o in _options(single)[:2]})
    scale = store.create_poll("s3", "Rate", method="scale", options=recs)
    a, b, _ = _options(scale)
    with pytest.raises(ValidationError, match="from 1 to 5"):
        store.cast_ballot(scale["id"], people[0]["id"], {a: 6})
    store.cast_ballot(scale["id"], people[0]["id"], {a: 5, b: 2})
    store.cast_ballot(scale["id"], people[1]["id"], {a: 3})
    rows = {r["id"]: r for r in store.poll_results(scale["id"])["results"]}
    assert rows[a]["score"] == 4.0 and rows[b]["score"] == 2.0


def test_weighting_by_organisation(room):
    store, people, recs = room
    poll = store.create_poll("s3", "Orgs", method="single", options=recs, weighting="organisation")
    a, b, _ = _options(poll)
    for person in people[:3]:  # three MAP people vote a
        store.cast_ballot(poll["id"], person["id"], {a: 1})
    store.cast_ballot(poll["id"], people[3]["id"], {b: 1})  # one LSDF person votes b
    rows = {r["id"]: r for r in store.poll_results(poll["id"])["results"]}
    assert rows[a]["score"] == rows[b]["score"] == 1.0
    assert rows[a]["tied"]


def test_closed_poll_is_frozen_and_results_hidden_until_revealed(room, public_store):
    store, people, recs = room
    poll = store.create_poll("s3", "Priorities", method="dots", options=recs, budget=2)
    a = _options(poll)[0]
    store.cast_ballot(poll["id"], people[0]["id"], {a: 2})
    assert public_store.poll_results(poll["id"])["results"] is None
    store.close_poll(poll["id"])
    with pytest.raises(ValidationError, match="closed"):
        store.cast_ballot(poll["id"], people[1]["id"], {a: 1})
    store.reveal_poll(poll["id"])
    assert public_store.poll_results(poll["id"])["results"][0]["id"] == a


def test_show_of_hands_tally(room):
    store, _people, recs = room
    poll = store.create_poll("s3", "Hands", method="dots", options=recs)
    a, b, _ = _options(poll)
    store.record_tally(poll["id"], {a: 7, b: 9})
    store.record_tally(poll["id"], {a: 8, b: 9})  # a recount replaces
    rows = store.poll_results(poll["id"])["results"]
    assert [(r["id"], r["score"]) for r in rows[:2]] == [(b, 9), (a, 8)]


def test_poll_needs_options_and_valid_settings(room):
    store, _people, recs = room
    with pytest.raises(ValidationError, match="at least two options"):
        store.create_poll("s3", "Too few", options=recs[:1])
    with pytest.raises(ValidationError, match="per-option limit cannot be larger"):
        store.create_poll("s3", "Bad", options=recs, budget=2, per_option_limit=3)
    poll = store.create_poll(
        "s3", "Free options", method="single", options=[{"label_en": "Yes"}, {"label_en": "No", "label_th": "ไม่"}]
    )
    assert [o["label_en"] for o in poll["options"]] == ["Yes", "No"]


def test_registration_limits_warn_not_crash(fresh_store, meeting):
    warnings = []
    for n in range(meeting.per_cso_limit + 1):
        _person, warnings = fresh_store.add_participant(f"MAP {n}", "map")
    assert warnings == [f"This makes 5 people from MAP; the limit is {meeting.per_cso_limit} per CSO."]
    assert len(fresh_store.participants()) == 5


# ---- issue 3: fixes found while building the voting widgets


@pytest.mark.parametrize("field", ["budget", "per_option_limit"])
def test_zero_budget_or_limit_is_refused_not_defaulted(room, field):
    store, _people, recs = room
    with pytest.raises(ValidationError, match="whole number from 1 to 100; got 0"):
        store.create_poll("s3", "Priorities", method="dots", options=recs, **{field: 0})
    assert store.polls() == []


def test_closing_twice_keeps_the_closing_time(room):
    store, _people, recs = room
    poll = store.create_poll("s3", "Priorities", options=recs)
    closed_at = store.close_poll(poll["id"])["closed_at"]
    assert store.close_poll(poll["id"])["closed_at"] == closed_at
    assert [h["action"] for h in store.history(entity_id=poll["id"])] == ["close", "create"]


def test_option_from_sensitive_item_is_left_out_on_dashboards(room):
    from roundtable_lib import Store

    store, people, recs = room
    poll = store.create_poll("s3", "Priorities", options=recs)
    store.update_item(recs[0], sensitive=True)
    store.reveal_poll(poll["id"])
    public = Store(store.path, readonly=True, public=True)
    labels = [o["label_en"] for o in public.get_poll(poll["id"])["options"]]
    assert labels == ["R1", "R2"]  # not even a placeholder: a projector draws no attention to it
    assert [r["label_en"] for r in public.poll_results(poll["id"])["results"]].count("R0") == 0
    assert store.get_poll(poll["id"])["options"][0]["label_en"] == "R0"  # the chair still sees it
    hidden = Store(store.path, readonly=True, public=True)
    store.reveal_poll(poll["id"], revealed=False)
    assert hidden.poll_results(poll["id"])["organisations"] is None
    public.close()
    hidden.close()
