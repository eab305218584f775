"""Who may vote is part of the poll: by default the organisations whose role votes; a ballot from
anyone else is refused with a message, and the results say who voted."""

import pytest

from roundtable_lib import Store, ValidationError
from roundtable_lib.store import migrations


def _options(poll):
    return [o["id"] for o in poll["options"]]


def test_a_poll_lists_the_voting_roles_by_default(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs, budget=3)
    assert poll["eligible"] == ["map", "lsdf", "flep", "fed", "mfa", "trc"]


def test_the_donor_and_the_convenor_are_refused(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs, budget=3)
    a = _options(poll)[0]
    donor, _ = fresh_store.add_participant("M. Rossi", "eu")
    convenor, _ = fresh_store.add_participant("K. Wong", "ifrc")
    with pytest.raises(ValidationError, match=r"EU Delegation does not vote in this poll \(donor\)"):
        fresh_store.cast_ballot(poll["id"], donor["id"], {a: 1})
    with pytest.raises(
        ValidationError, match=r"IFRC does not vote in this poll \(convenor\).*open a poll for everyone"
    ):
        fresh_store.cast_ballot(poll["id"], voter="ifrc", voter_kind="organisation", allocations={a: 1})
    assert fresh_store.ballots(poll["id"]) == []


def test_results_say_which_organisations_voted(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs, budget=3)
    a, b, _c = _options(poll)
    for name, org in (("P1", "lsdf"), ("P2", "map"), ("P3", "map")):
        person, _ = fresh_store.add_participant(name, org)
        fresh_store.cast_ballot(poll["id"], person["id"], {a: 1, b: 1})
    res = fresh_store.poll_results(poll["id"])
    assert (res["voters"], res["organisations"], res["voter_orgs"], res["apart"]) == (3, 2, ["map", "lsdf"], 0)


def test_a_poll_for_everyone_takes_every_ballot(fresh_store, recs, meeting):
    poll = fresh_store.create_poll("s3", "How was the day?", options=recs, budget=3, eligible=meeting.org_ids)
    donor, _ = fresh_store.add_participant("M. Rossi", "eu")
    fresh_store.cast_ballot(poll["id"], donor["id"], {_options(poll)[0]: 1})
    assert fresh_store.poll_results(poll["id"])["voter_orgs"] == ["eu"]


@pytest.mark.parametrize(
    "eligible, message", [([], "at least one organisation"), (["xx"], "Unknown organisation 'xx'")]
)
def test_a_poll_names_real_voters(fresh_store, recs, eligible, message):
    with pytest.raises(ValidationError, match=message):
        fresh_store.create_poll("s3", "Priorities", options=recs, budget=3, eligible=eligible)


def test_ballots_entered_before_polls_knew_who_votes_are_counted_apart(db_path, meeting, monkeypatch):
    """An older database's donor ballot stays in the database but never ranks anything."""
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:5])
    old = Store(db_path)
    old.init(meeting)
    with old.engine.begin() as conn:  # rows exactly as the store wrote them then
        conn.exec_driver_sql(
            "INSERT INTO polls (id, session, title_en, method, created_at) VALUES ('p', 's3', 'Old', 'single', 't0')"
        )
        for n in range(2):
            conn.exec_driver_sql(
                "INSERT INTO poll_options (id, poll_id, label_en, position) VALUES (?, 'p', ?, ?)",
                (f"o{n}", f"R{n}", n),
            )
        for person, org, option in (("a", "eu", "o0"), ("b", "eu", "o0"), ("c", "map", "o1")):
            conn.exec_driver_sql(
                "INSERT INTO ballots (id, poll_id, voter_kind, voter, participant_id, org, allocations, created_at, "
                "updated_at) VALUES (?, 'p', 'participant', ?, ?, ?, ?, 't1', 't1')",
                (f"p:{person}", person, person, org, f'{{"{option}": 1}}'),
            )
    old.close()
    monkeypatch.undo()
    store = Store(db_path)
    res = store.poll_results("p")
    assert store.get_poll("p")["eligible"] is None  # the meeting's voting roles
    assert (res["voters"], res["voter_orgs"], res["apart"]) == (1, ["map"], 2)
    assert [(r["label_en"], r["score"]) for r in res["results"]] == [("R1", 1), ("R0", 0)]
