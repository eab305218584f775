"""Polls and ballots in the store: the rules as the store applies them, what a public store shows,
and one ballot per voter as the database's own rule (from one process and from several at once).

Ballots need nobody registered: by organisation, as numbered paper ballots, per registered
participant, or as a show of hands. The rules alone (tally, ballot validation) are tested in
tests/meeting/test_tally.py, the chair's widgets in tests/chair/test_voting.py.
"""

import pytest
import sqlalchemy as sa

from roundtable_lib import Store, ValidationError
from roundtable_lib.store import migrations
from tests.helpers import run_at_once


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
    for person in people[:2]:  # two MAP people vote a
        store.cast_ballot(poll["id"], person["id"], {a: 1})
    store.cast_ballot(poll["id"], people[2]["id"], {b: 1})  # one LSDF person votes b
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


# ---------------------------------------------------------------- settings a chair can get wrong


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


# ---------------------------------------------------------------- ballots without registered participants


def _poll(store, recs, **kwargs):
    kwargs = {"method": "single", **kwargs}
    n = len(store.polls())  # each poll its own title: a meeting's polls never share one
    poll = store.create_poll("s3", f"Priorities ({n + 1})" if n else "Priorities", options=recs, **kwargs)
    return poll["id"], [o["id"] for o in poll["options"]]


def test_organisation_ballots_need_nobody_registered(fresh_store, recs):
    poll, (a, b, _c) = _poll(fresh_store, recs, weighting="organisation")
    assert fresh_store.participants() == []
    fresh_store.cast_ballot(poll, voter="map", voter_kind="organisation", allocations={a: 1})
    fresh_store.cast_ballot(poll, voter="lsdf", voter_kind="organisation", allocations={b: 1})
    fresh_store.cast_ballot(poll, voter="fed", voter_kind="organisation", allocations={b: 1})
    fresh_store.cast_ballot(poll, voter="map", voter_kind="organisation", allocations={b: 1})  # replaces MAP's
    ballots = fresh_store.ballots(poll)
    assert sorted((x["voter_kind"], x["voter"], x["org"]) for x in ballots) == [
        ("organisation", "fed", "fed"),
        ("organisation", "lsdf", "lsdf"),
        ("organisation", "map", "map"),
    ]
    assert all(x["participant_id"] is None for x in ballots)
    results = fresh_store.poll_results(poll)
    scores = {r["id"]: r["score"] for r in results["results"]}
    assert scores[a] == 0 and scores[b] == 3
    assert results["voters"] == 3 and results["organisations"] == 3
    assert results["ballots_by"] == {"participant": 0, "organisation": 3, "ballot": 0}


def test_numbered_ballots_count_one_each_whatever_the_weighting(fresh_store, recs):
    poll, (a, b, _c) = _poll(fresh_store, recs, method="dots", budget=2, weighting="organisation")
    fresh_store.cast_ballot(poll, voter=1, voter_kind="ballot", allocations={a: 2})
    fresh_store.cast_ballot(poll, voter="2", voter_kind="ballot", allocations={a: 1, b: 1})
    fresh_store.cast_ballot(poll, voter=" 3 ", voter_kind="ballot", allocations={b: 1})
    fresh_store.cast_ballot(poll, voter="3", voter_kind="ballot", allocations={b: 2})  # ballot 3 re-entered
    assert sorted(x["voter"] for x in fresh_store.ballots(poll)) == ["1", "2", "3"]
    results = fresh_store.poll_results(poll)
    scores = {r["id"]: r["score"] for r in results["results"]}
    # Three anonymous ballots, one vote each: not averaged into one "no organisation" voter.
    assert scores[a] == 3 and scores[b] == 3
    assert results["voters"] == 3 and results["organisations"] == 0
    assert results["ballots_by"]["ballot"] == 3


def test_registered_participants_still_vote_positionally(fresh_store, recs):
    person, _ = fresh_store.add_participant("P", "map")
    poll, (a, _b, _c) = _poll(fresh_store, recs)
    fresh_store.cast_ballot(poll, person["id"], {a: 1})
    (ballot,) = fresh_store.ballots(poll)
    assert (ballot["voter_kind"], ballot["voter"], ballot["participant_id"], ballot["org"]) == (
        "participant",
        person["id"],
        person["id"],
        "map",
    )
    assert ballot["id"] == f"{poll}:{person['id']}"  # ids of participants' ballots keep their old form


@pytest.mark.parametrize(
    "kind, voter, message",
    [
        ("organisation", "nobody", "Unknown organisation 'nobody'"),
        ("organisation", "", "Choose the organisation"),
        ("organisation", None, "Choose the organisation"),
        ("ballot", 0, "from 1 to 9999; got 0"),
        ("ballot", -3, "from 1 to 9999"),
        ("ballot", "7a", "from 1 to 9999; got '7a'"),
        ("ballot", "", "from 1 to 9999"),
        ("ballot", 10000, "from 1 to 9999"),
        ("ballot", True, "from 1 to 9999"),
        ("ballot", 2.5, "from 1 to 9999"),
        ("ballot", "٣", "from 1 to 9999"),  # an Arabic-Indic digit: isdecimal() but not a ballot number here
        ("participant", None, "Choose the participant"),
        ("participant", "not-registered", "registered participant"),
        ("person", "x", "Voter kind must be one of"),
        ("tally", "tally", "Voter kind must be one of"),
    ],
)
def test_hostile_voters_write_nothing(fresh_store, recs, kind, voter, message):
    poll, (a, _b, _c) = _poll(fresh_store, recs)
    with pytest.raises(ValidationError, match=message):
        fresh_store.cast_ballot(poll, voter=voter, voter_kind=kind, allocations={a: 1})
    assert fresh_store.ballots(poll) == []


def test_participant_and_voter_together_are_refused(fresh_store, recs):
    person, _ = fresh_store.add_participant("P", "map")
    poll, (a, _b, _c) = _poll(fresh_store, recs)
    with pytest.raises(ValidationError, match="not both"):
        fresh_store.cast_ballot(poll, person["id"], {a: 1}, voter="map", voter_kind="organisation")
    assert fresh_store.ballots(poll) == []


def test_one_poll_takes_one_kind_of_ballot(fresh_store, recs):
    """MAP's organisation ballot plus a MAP person's ballot would count MAP twice."""
    person, _ = fresh_store.add_participant("P", "map")
    poll, (a, b, _c) = _poll(fresh_store, recs)
    fresh_store.cast_ballot(poll, voter="map", voter_kind="organisation", allocations={a: 1})
    with pytest.raises(ValidationError, match="entered by organisation: enter this one the same way"):
        fresh_store.cast_ballot(poll, person["id"], {b: 1})
    with pytest.raises(ValidationError, match="entered by organisation"):
        fresh_store.cast_ballot(poll, voter=1, voter_kind="ballot", allocations={b: 1})
    # Hands count people: never added onto organisations' ballots.
    with pytest.raises(ValidationError, match="A show of hands counts people"):
        fresh_store.record_tally(poll, {b: 5})
    assert [x["voter_kind"] for x in fresh_store.ballots(poll)] == ["organisation"]


@pytest.mark.parametrize(
    "kind, voter",
    [("organisation", "map"), ("ballot", "7"), ("participant", "p1"), ("tally", "tally")],
)
def test_database_refuses_a_second_ballot_for_the_same_voter(fresh_store, recs, kind, voter):
    """Whatever code writes the row (another version, a script, a bug), the database says no.

    Plain SQL with named parameters: the same test holds on PostgreSQL (``uq_ballot_per_voter``)."""
    poll, _options = _poll(fresh_store, recs)
    row = sa.text(
        "INSERT INTO ballots (id, poll_id, voter_kind, voter, is_tally, allocations, created_at, updated_at) "
        "VALUES (:id, :poll, :kind, :voter, 0, '{}', 'x', 'x')"
    )
    with fresh_store.engine.begin() as conn:
        conn.execute(row, dict(id=f"first-{kind}", poll=poll, kind=kind, voter=voter))
    refused = "UNIQUE constraint failed: ballots.poll_id, ballots.voter_kind, ballots.voter|uq_ballot_per_voter"
    with pytest.raises(sa.exc.IntegrityError, match=refused):
        with fresh_store.engine.begin() as conn:
            conn.execute(row, dict(id=f"second-{kind}", poll=poll, kind=kind, voter=voter))
    other, _ = _poll(fresh_store, recs)
    with fresh_store.engine.begin() as conn:  # the same voter in another poll is another ballot
        conn.execute(row, dict(id=f"other-{kind}", poll=other, kind=kind, voter=voter))
    assert len(fresh_store.ballots(poll)) == len(fresh_store.ballots(other)) == 1


_CAST = """
import sys
from roundtable_lib import Store
db, actor, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = Store(db, actor=actor)
poll = store.polls("s3")[0]
first, second = poll["options"][0]["id"], poll["options"][1]["id"]
for n in range(count):
    store.cast_ballot(poll["id"], voter="map", voter_kind="organisation", allocations={first if n % 2 else second: 1})
"""


@pytest.mark.slow  # three processes
def test_two_chairs_entering_the_same_organisation_at_once_make_one_ballot(fresh_store, recs):
    poll, _options = _poll(fresh_store, recs, weighting="organisation")
    run_at_once(_CAST, fresh_store.path, ["chair:a", "chair:b", "chair:c"], 15)
    (ballot,) = fresh_store.ballots(poll)
    assert ballot["voter"] == "map"
    history = fresh_store.history(entity="ballot")
    assert len(history) == 45 and [h["action"] for h in history].count("create") == 1


def test_migration_gives_old_ballots_their_voter(db_path, meeting, monkeypatch):
    """A database from before ballots by organisation or number (participant ballots and a show of
    hands only) upgrades in place."""
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
    old = Store(db_path)
    old.init(meeting)
    person, poll, a, b = {"id": "old-person"}, {"id": "old-poll"}, "old-a", "old-b"
    with old.engine.begin() as conn:  # rows exactly as the store wrote them then
        conn.exec_driver_sql(
            "INSERT INTO participants (id, name, org, created_at, updated_at) VALUES (?, 'P', 'lsdf', 't0', 't0')",
            (person["id"],),
        )
        conn.exec_driver_sql(
            "INSERT INTO polls (id, session, title_en, method, created_at) VALUES (?, 's3', 'Old', 'single', 't0')",
            (poll["id"],),
        )
        for position, option in enumerate((a, b)):
            conn.exec_driver_sql(
                "INSERT INTO poll_options (id, poll_id, label_en, position) VALUES (?, ?, ?, ?)",
                (option, poll["id"], f"R{position}", position),
            )
        insert = (
            "INSERT INTO ballots (id, poll_id, participant_id, org, is_tally, allocations, created_at, updated_at) "
        )
        conn.exec_driver_sql(
            insert + "VALUES (?, ?, ?, 'lsdf', 0, ?, 't1', 't1')",
            (f"{poll['id']}:{person['id']}", poll["id"], person["id"], f'{{"{a}": 1}}'),
        )
        conn.exec_driver_sql(
            insert + "VALUES (?, ?, NULL, NULL, 1, ?, 't2', 't2')", (f"{poll['id']}:tally", poll["id"], f'{{"{b}": 4}}')
        )
    old.close()
    monkeypatch.undo()
    store = Store(db_path)
    assert "m0003_ballot_voters" in store.applied_migrations()
    assert [(x["voter_kind"], x["voter"], x["org"]) for x in store.ballots(poll["id"])] == [
        ("participant", person["id"], "lsdf"),
        ("tally", "tally", None),
    ]
    assert {r["id"]: r["score"] for r in store.poll_results(poll["id"])["results"]} == {a: 1, b: 4}
    store.cast_ballot(poll["id"], person["id"], {b: 1})  # re-entering replaces the migrated ballot
    assert len(store.ballots(poll["id"])) == 2
    with sa.create_engine(f"sqlite:///{db_path}").connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
    assert "ballots_m0003" not in tables


def test_the_report_says_how_the_room_voted(fresh_store, recs, tmp_path):
    from roundtable_lib.outputs.export import export_all

    by_number, (a, _b, _c) = _poll(fresh_store, recs)
    for n in (1, 2, 3):
        fresh_store.cast_ballot(by_number, voter=n, voter_kind="ballot", allocations={a: 1})
    by_org, (a, _b, _c) = _poll(fresh_store, recs, weighting="organisation")
    for org in ("map", "fed"):
        fresh_store.cast_ballot(by_org, voter=org, voter_kind="organisation", allocations={a: 1})
    for poll in (by_number, by_org):
        fresh_store.reveal_poll(poll)
    export_all(fresh_store.path, tmp_path / "out", charts=False, pdf=False)  # the Markdown says it
    report = (tmp_path / "out" / "report.md").read_text()
    assert "3 numbered anonymous ballots" in report
    assert "one ballot from each of 2 organisations" in report
    assert "from 0 organisations" not in report
