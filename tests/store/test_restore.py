"""One restore: bringing a merged-away duplicate back through the store (a restore, or an undo
of the merge's delete) undoes the merge too."""

import pytest

from roundtable_lib.exceptions import NotFound
from roundtable_lib.meeting.privacy import MERGED_STATE
from roundtable_lib.outputs.document import ranked_recommendations
from roundtable_lib.outputs.export import collect


def _first_ranked(store):
    """(id, score) of the recommendation the exports rank first by the poll's votes."""
    _used, ranked = ranked_recommendations(collect(store.path, internal=True))
    recommendation, row = ranked[0]
    return recommendation["id"], row["score"]


def _merged_with_a_vote(s):
    """(kept, duplicate): three recommendations in a poll, three dots on the duplicate, then the
    duplicate merged into the kept one by the organiser."""
    keep = s.add_item("s3", "recommendation", text_en="A referral mechanism", org="map")
    dup = s.add_item("s3", "recommendation", text_en="A referral mechanism across borders", org="map")
    other = s.add_item("s3", "recommendation", text_en="Shelters", org="map")
    poll = s.create_poll("s3", "First?", options=[keep["id"], dup["id"], other["id"]], budget=3)
    dup_option = next(o["id"] for o in poll["options"] if o["item_id"] == dup["id"])
    person, _ = s.add_participant("Voter", "map", consent=True)
    s.cast_ballot(poll["id"], person["id"], {dup_option: 3})
    s.merge_items(keep["id"], dup["id"], actor="organiser")
    assert _first_ranked(s) == (keep["id"], 3)  # the duplicate's three dots count for the kept item
    return keep, dup


def test_restoring_a_merged_duplicate_with_the_store_ends_the_merge(fresh_store):
    s = fresh_store
    _keep, dup = _merged_with_a_vote(s)

    s.restore_item(dup["id"], actor="organiser")  # a script, not the review panel

    assert dup["id"] not in (s.get_state(MERGED_STATE) or {})
    assert s.get_item(dup["id"])["deleted_at"] is None
    # The duplicate's option and ballot are its own again: no longer counted for the kept item.
    assert _first_ranked(s) == (dup["id"], 3)
    # Both changes are in the history, by the same person.
    assert [(e["entity"], e["action"], e["actor"]) for e in s.history(limit=2)] == [
        ("state", "update", "organiser"),
        ("item", "restore", "organiser"),
    ]


def test_undoing_the_delete_of_a_merge_ends_the_merge_too(fresh_store):
    s = fresh_store
    keep, dup = _merged_with_a_vote(s)

    assert s.undo(actor="organiser")["id"] == dup["id"]  # the merge's last item change: the delete

    assert s.get_item(dup["id"])["deleted_at"] is None
    assert dup["id"] not in (s.get_state(MERGED_STATE) or {})
    assert _first_ranked(s) == (dup["id"], 3)  # its votes are its own again, not counted twice
    assert [(e["entity"], e["action"], e["actor"]) for e in s.history(limit=2)] == [
        ("state", "update", "organiser"),
        ("item", "undo", "organiser"),
    ]
    # The next undo takes back the kept item's folded-in text, as before.
    assert s.undo(actor="organiser")["text_en"] == keep["text_en"]


def test_restoring_an_item_that_was_never_merged_leaves_the_merge_record_alone(fresh_store):
    s = fresh_store
    a, b, c = (s.add_item("s3", "avenue", text_en=t, org="map") for t in ("a", "b", "c"))
    s.merge_items(a["id"], b["id"])
    s.delete_item(c["id"])
    token = s.change_token()
    s.restore_item(c["id"])
    assert s.get_state(MERGED_STATE) == {b["id"]: a["id"]}
    assert s.change_token() == token + 1  # the restore alone


def test_a_restore_that_fails_changes_nothing(fresh_store):
    token = fresh_store.change_token()
    with pytest.raises(NotFound):
        fresh_store.restore_item("no-such-item")
    assert fresh_store.change_token() == token
