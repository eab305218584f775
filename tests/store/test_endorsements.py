"""Endorsement is an act, recorded: each organisation's decision on the joint recommendations,
who gave it and when; the last decision wins and the history keeps every one."""

import re

import pytest

from roundtable_lib import Store, ValidationError
from roundtable_lib.store import migrations


def test_record_and_read_back_in_meeting_order(fresh_store):
    fresh_store.record_endorsement("lsdf", "endorses", by="Director, LSDF", at="2016-07-12T09:41:00+00:00")
    fresh_store.record_endorsement("map", "abstains", by="Programme coordinator", note="Board to decide")
    got = fresh_store.endorsements()
    assert [(e["org"], e["decision"], e["by"]) for e in got] == [
        ("map", "abstains", "Programme coordinator"),
        ("lsdf", "endorses", "Director, LSDF"),
    ]
    assert got[1]["at"] == "2016-07-12T09:41:00+00:00"
    assert got[0]["at"].startswith("20") and got[0]["note"] == "Board to decide"
    assert got[0]["recorded_by"] == "chair:test"
    assert fresh_store.endorsing_org_ids() == ["lsdf"]


def test_the_last_decision_wins_and_the_history_keeps_both(fresh_store):
    fresh_store.record_endorsement("map", "not_asked", by="Chair")
    fresh_store.record_endorsement("map", "endorses", by="Director", actor="organiser:ann")
    assert [(e["org"], e["decision"]) for e in fresh_store.endorsements()] == [("map", "endorses")]
    history = fresh_store.history(entity="endorsement", entity_id="map")
    assert [(h["action"], h["actor"], h["after"]["decision"]) for h in history] == [
        ("update", "organiser:ann", "endorses"),
        ("create", "chair:test", "not_asked"),
    ]
    assert history[0]["before"]["decision"] == "not_asked"


@pytest.mark.parametrize(
    "org, decision, by, message",
    [
        ("eu", "endorses", "Head of cooperation", "EU Delegation (donor) does not endorse"),
        ("ifrc", "endorses", "Delegate", "IFRC (convenor) does not endorse"),
        ("nobody", "endorses", "X", "Unknown organisation 'nobody'"),
        ("map", "signs", "X", "Decision must be one of endorses, abstains, not_asked"),
        ("map", "endorses", "  ", "Who decided is empty"),
    ],
)
def test_refusals_say_what_to_do(fresh_store, org, decision, by, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        fresh_store.record_endorsement(org, decision, by=by)
    assert fresh_store.endorsements() == []


def test_the_donor_may_be_recorded_as_not_asked(fresh_store):
    fresh_store.record_endorsement("eu", "not_asked", by="Organisers")
    assert fresh_store.endorsing_org_ids() == []


def test_a_database_from_before_endorsements_upgrades(db_path, meeting, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:5])
    old = Store(db_path)
    old.init(meeting)
    old.close()
    monkeypatch.undo()
    store = Store(db_path)
    assert "m0006_endorsements_and_poll_eligibility" in store.applied_migrations()
    store.record_endorsement("fed", "endorses", by="Education officer")
    assert store.endorsing_org_ids() == ["fed"]
