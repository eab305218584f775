"""Ballots without registered participants (issue 8): by organisation, numbered paper ballots.

One ballot per voter is the database's rule, not only the widget's: these tests hit the store
and the SQLite file directly, from one process and from several at once.
"""

import pytest
import sqlalchemy as sa

from roundtable_lib import Store, ValidationError
from roundtable_lib.store import migrations
from tests.helpers import run_at_once


@pytest.fixture
def recs(fresh_store):
    return [fresh_store.add_item("s3", "recommendation", text_en=f"R{n}")["id"] for n in range(3)]


def _poll(store, recs, **kwargs):
    kwargs = {"method": "single", **kwargs}
    poll = store.create_poll("s3", "Priorities", options=recs, **kwargs)
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
    assert ballot["id"] == f"{poll}:{person['id']}"  # ids of ballots from before issue 8 keep their form


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
    fresh_store.record_tally(poll, {b: 5})  # a show of hands may still come on top, as before
    assert sorted(x["voter_kind"] for x in fresh_store.ballots(poll)) == ["organisation", "tally"]


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


def test_two_chairs_entering_the_same_organisation_at_once_make_one_ballot(fresh_store, recs):
    poll, _options = _poll(fresh_store, recs, weighting="organisation")
    run_at_once(_CAST, fresh_store.path, ["chair:a", "chair:b", "chair:c"], 15)
    (ballot,) = fresh_store.ballots(poll)
    assert ballot["voter"] == "map"
    history = fresh_store.history(entity="ballot")
    assert len(history) == 45 and [h["action"] for h in history].count("create") == 1


def test_migration_gives_old_ballots_their_voter(db_path, meeting, monkeypatch):
    """A database from before issue 8 (participant ballots and a show of hands) upgrades in place."""
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
    old = Store(db_path)
    old.init(meeting)
    person, _ = old.add_participant("P", "lsdf")
    recs = [old.add_item("s3", "recommendation", text_en=f"R{n}")["id"] for n in range(2)]
    poll = old.create_poll("s3", "Old", method="single", options=recs)
    a, b = (o["id"] for o in poll["options"])
    with old.engine.begin() as conn:  # rows exactly as the store before issue 8 wrote them
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
    export_all(fresh_store.path, tmp_path / "out", charts=False)
    report = (tmp_path / "out" / "report.md").read_text()
    assert "3 numbered anonymous ballots" in report
    assert "one ballot from each of 2 organisations" in report
    assert "from 0 organisations" not in report
