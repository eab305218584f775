"""The public view: every reader of a public store returns only what the privacy policy allows.

The readers are found by looking at ``Store`` itself, so a reader added tomorrow is called here
too (and this test asks how to call it) without anyone remembering to add it.
"""

import inspect
import json

import pytest

from roundtable_lib import Store
from roundtable_lib.exceptions import NotFound
from roundtable_lib.meeting.privacy import NAME_WITHHELD
from roundtable_lib.store import public, tables

WITHHELD_NAME = "Qwerzy"  # part of the name of a participant who did not consent
SECRETS = (WITHHELD_NAME, "Sensitive-Zebra", "Deleted-Yak", "Hidden-Option-Xylo")

# Methods that change the meeting, or the store itself: a public store never returns rows from them.
WRITERS = {
    "add_item",
    "update_item",
    "delete_item",
    "restore_item",
    "merge_items",
    "undo",
    "set_state",
    "set_current_session",
    "init",
    "add_participant",
    "update_participant",
    "remove_participant",
    "create_poll",
    "cast_ballot",
    "record_tally",
    "close_poll",
    "reopen_poll",
    "open_runoff",
    "reveal_poll",
    "save_capacity_assessment",
    "undo_capacity_assessment",
    "record_endorsement",
    "atomic",
    "close",
    "clock_set",  # sets the clock writes are stamped with; shows nothing
}


@pytest.fixture
def secrets_store(any_store):
    """A meeting holding one of each thing the public must not see."""
    s = any_store
    person, _ = s.add_participant("Nina Qwerzy", "map", consent=False)
    s.add_participant("Open Person", "map", consent=True)
    named = s.add_item("s3", "recommendation", text_en="Ask Nina Qwerzy about shelters", org="map")
    secret = s.add_item("s3", "recommendation", text_en="Sensitive-Zebra route", org="map", sensitive=True)
    gone = s.add_item("s3", "recommendation", text_en="Deleted-Yak plan", org="map")
    s.delete_item(gone["id"])
    hidden = s.add_item("s3", "recommendation", text_en="Hidden-Option-Xylo", org="map")
    poll = s.create_poll("s3", "Which first?", options=[named["id"], hidden["id"], secret["id"]], budget=3)
    s.cast_ballot(poll["id"], person["id"], {poll["options"][0]["id"]: 3})
    s.update_item(hidden["id"], sensitive=True)  # flagged after the poll was opened
    revealed = s.create_poll("s3", "Revealed", options=[named["id"], hidden["id"]], budget=3)
    s.cast_ballot(revealed["id"], person["id"], {revealed["options"][0]["id"]: 3})
    s.reveal_poll(revealed["id"])
    s.record_endorsement("map", "endorses", by="Nina Qwerzy, director", note="Nina Qwerzy signed")
    return {"store": s, "item_id": secret["id"], "poll_id": poll["id"], "revealed_id": revealed["id"]}


def _arguments(method, ids):
    """Arguments to call a reader with, chosen by their names; None if one is not known."""
    known = {
        "item_id": ids["item_id"],
        "poll_id": ids["poll_id"],
        "entity_id": ids["item_id"],
        "key": "current_session",
    }
    kwargs = {}
    for name, param in inspect.signature(method).parameters.items():
        if name == "self" or param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        if name in known:
            kwargs[name] = known[name]
        elif param.default is inspect.Parameter.empty:
            return None
    return kwargs


def _readers():
    return sorted(
        name
        for name, member in inspect.getmembers(Store)
        if not name.startswith("_") and callable(member) and name not in WRITERS
    )


def test_every_table_has_a_public_rule():
    assert set(public.RULES) == set(tables.TABLES)


@pytest.mark.parametrize("name", _readers())
def test_no_reader_of_a_public_store_shows_what_the_policy_withholds(secrets_store, name):
    ids = {k: v for k, v in secrets_store.items() if k != "store"}
    with Store(secrets_store["store"].target, readonly=True, public=True) as view:
        method = getattr(view, name)
        kwargs = _arguments(getattr(Store, name), ids)
        assert kwargs is not None, f"Store.{name} is new: list it in WRITERS, or give _arguments its parameters"
        try:
            result = method(**kwargs)
        except NotFound:
            return  # the sensitive item is not there for the public: nothing shown
        if name == "privacy":
            return  # the policy itself, which knows the names it withholds (it is not shown)
        shown = repr(result)
        for secret in SECRETS:
            assert secret not in shown, f"Store.{name} shows {secret!r} in public"


def test_the_organisers_store_sees_everything(secrets_store):
    s = secrets_store["store"]
    shown = json.dumps([s.items(include_deleted=True), s.participants(), s.polls()], ensure_ascii=False)
    assert all(secret in shown for secret in SECRETS)


def test_the_public_view_leaves_out_only_what_it_must(secrets_store):
    with Store(secrets_store["store"].target, readonly=True, public=True) as view:
        assert len(view.items()) == 1 and view.status()["items"] == {("s3", "recommendation"): 1}
        assert len(view.participants()) == 2 and {p["name"] for p in view.participants()} == {""}
        # the unrevealed poll's ballots and results stay out; the revealed one's show
        assert view.ballots(secrets_store["poll_id"]) == []
        assert view.poll_results(secrets_store["poll_id"])["results"] is None
        results = view.poll_results(secrets_store["revealed_id"])
        assert len(results["results"]) == 1 and results["voters"] == 1


def test_withheld_names_are_replaced_in_every_text(secrets_store):
    with Store(secrets_store["store"].target, readonly=True, public=True) as view:
        assert [i["text_en"] for i in view.items()] == [f"Ask {NAME_WITHHELD} about shelters"]
        results = view.poll_results(secrets_store["revealed_id"])
        assert [r["label_en"] for r in results["results"]] == [f"Ask {NAME_WITHHELD} about shelters"]
