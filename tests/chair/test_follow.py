"""The chair's views follow the store: what another chair kernel writes (two Store objects on one
SQLite file, as two kernels have) shows after one tick, with no Refresh, and what the chair is
typing, has chosen or is being asked stays."""

import pytest

from roundtable_lib import Store
from roundtable_lib.chair.endorsement import EndorsementForm
from roundtable_lib.chair.facilitation import OfferAskMatches, SpeakerQueue, request_floor
from roundtable_lib.chair.follow import FOLLOW_MS, StoreTick
from roundtable_lib.chair.forms import CaptureForm
from roundtable_lib.chair.poll_panel import PollPanel
from roundtable_lib.chair.registration import RegistrationForm
from roundtable_lib.chair.voting import PollBoard


@pytest.fixture
def other(fresh_store):
    """A second chair's kernel: its own Store on the same file."""
    with Store(fresh_store.path, actor="chair:other") as store:
        yield store


def texts(box):
    """Every HTML text inside a widget tree."""
    found = [box.value] if isinstance(getattr(box, "value", None), str) else []
    found += [texts(child) for child in getattr(box, "children", ())]
    return " ".join(found)


def test_every_following_view_ticks_every_few_seconds(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs)
    views = [
        CaptureForm(fresh_store, "s3"),
        RegistrationForm(fresh_store),
        SpeakerQueue(fresh_store, "s3"),
        OfferAskMatches(fresh_store, "s2"),
        EndorsementForm(fresh_store),
        PollBoard(fresh_store, "s3"),
        PollPanel(fresh_store, poll["id"]),
    ]
    for view in views:
        assert isinstance(view.tick, StoreTick) and view.tick in view.children and view.tick.period_ms == FOLLOW_MS


def test_an_item_captured_on_another_laptop_shows_and_the_typed_text_stays(fresh_store, other):
    form = CaptureForm(fresh_store, "s3")
    form.kind.value = "recommendation"
    form.text_en.value = "Half-typed recommendation"
    rows = form.recent.children
    form.tick.look()  # nothing new: the list is not rebuilt under the chair's pointer
    assert form.recent.children is rows
    other.add_item("s3", "recommendation", text_en="Captured on the other laptop", org="map")
    assert "Captured on the other laptop" not in texts(form.recent)
    form.tick.look()
    assert "Captured on the other laptop" in texts(form.recent)
    assert form.text_en.value == "Half-typed recommendation" and form.kind.value == "recommendation"


def test_an_entry_being_corrected_and_its_history_follow_without_losing_the_correction(fresh_store, other):
    form = CaptureForm(fresh_store, "s3")
    item = fresh_store.add_item("s3", "recommendation", text_en="First wording")
    form.refresh()
    form.edit(item["id"])
    form.show_history(item["id"])
    form.text_en.value = "My correction, not saved yet"
    other.update_item(item["id"], text_en="Their wording", actor="chair:other")
    form.tick.look()
    assert "Their wording" in texts(form.recent) and "Their wording" in form.history.value
    assert form.text_en.value == "My correction, not saved yet" and form._editing == item["id"]


def test_someone_registered_at_another_desk_shows_and_the_form_stays(fresh_store, other):
    form = RegistrationForm(fresh_store)
    form.names["en"].value = "Typing a name"
    form.org.value = "lsdf"
    other.add_participant("Registered elsewhere", "fed")
    form.tick.look()
    assert "Registered elsewhere" in texts(form.people) and "1/" in form.counts.value
    assert form.names["en"].value == "Typing a name" and form.org.value == "lsdf"


def test_a_poll_panel_offers_a_late_participant_and_keeps_counts_and_the_close_question(fresh_store, other, recs):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs, method="dots", budget=3, per_option_limit=2)
    panel = PollPanel(fresh_store, poll["id"])
    first = poll["options"][0]["id"]
    panel.mode.value = "participant"
    assert "Nobody is registered yet" in panel.help.value
    panel.counts[first].value = 2  # counts typed into a ballot
    panel.close_poll.click()  # "Close voting: are you sure?"
    asked = panel.close_poll.description
    person, _ = other.add_participant("Late arrival", "fed")
    panel.tick.look()
    assert person["id"] in [value for _label, value in panel.participant.options]
    assert "Nobody is registered" not in panel.help.value and panel.participant.layout.display is None
    assert panel.counts[first].value == 2 and panel.mode.value == "participant"
    assert panel.close_poll.description == asked and panel.cancel_close.layout.display is None
    panel.participant.value = person["id"]
    other.add_participant("Later still", "map")
    panel.tick.look()
    assert panel.participant.value == person["id"]  # the chosen voter stays chosen
    panel.close_poll.click()  # the second click still closes
    assert fresh_store.get_poll(poll["id"])["status"] == "closed"


def test_a_replace_question_survives_a_tick(room, other):
    store, people, recs = room
    poll = store.create_poll("s3", "Priorities", options=recs, method="dots", budget=3, per_option_limit=2)
    first, second = (o["id"] for o in poll["options"][:2])
    store.cast_ballot(poll["id"], voter=people[0]["id"], voter_kind="participant", allocations={first: 1})
    panel = PollPanel(store, poll["id"])
    panel.mode.value = "participant"
    panel.participant.value = people[0]["id"]
    panel.counts[second].value = 1
    panel.submit.click()  # "already voted: click again to replace"
    other.add_participant("Late arrival", "fed")  # the dropdown gets a new name
    panel.tick.look()
    panel.submit.click()  # replaces, without asking again
    assert store.ballots(poll["id"])[0]["allocations"] == {second: 1}


def test_a_poll_closed_at_another_desk_shows_closed(fresh_store, other, recs):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs)
    panel = PollPanel(fresh_store, poll["id"])
    panel.close_poll.click()
    other.close_poll(poll["id"])
    panel.tick.look()
    assert panel.submit.disabled and panel.close_poll.layout.display == "none" and panel.reopen.layout.display is None
    assert panel.cancel_close.layout.display == "none"


def test_the_board_offers_a_poll_opened_elsewhere_and_keeps_the_chosen_one(fresh_store, other, recs):
    first = fresh_store.create_poll("s3", "Priorities", options=recs)
    board = PollBoard(fresh_store, "s3", option_kinds=["recommendation"])
    panel = board.panel.children[0]
    last = first["options"][2]["id"]
    panel.counts[last].value = 1
    other.create_poll("s3", "Opened elsewhere", options=recs)
    other.close_poll(first["id"])
    board.tick.look()
    titles = [label for label, _ in board.choose.options]
    assert any("Opened elsewhere" in label for label in titles) and any("closed" in label for label in titles)
    assert board.choose.value == first["id"] and board.panel.children[0] is panel
    assert panel.counts[last].value == 1


def test_the_new_poll_form_offers_items_captured_since_and_keeps_the_chairs_ticks(fresh_store, other, recs):
    board = PollBoard(fresh_store, "s3", option_kinds=["recommendation"])
    board.new.selected_index = 0
    board.creator.items.value = (recs[0],)  # the chair unticked two
    board.creator.title_en.value = "Being typed"
    late = other.add_item("s3", "recommendation", text_en="Late recommendation")["id"]
    board.tick.look()
    assert [v for _, v in board.creator.items.options] == recs + [late]
    assert board.creator.items.value == (recs[0], late) and board.creator.title_en.value == "Being typed"


def test_the_queue_and_the_matches_follow(fresh_store, other):
    queue = SpeakerQueue(fresh_store, "s3")
    queue.name.value = "Half a na"
    request_floor(other, "s3", "Asked elsewhere", "map")
    queue.tick.look()
    assert "Asked elsewhere" in texts(queue.waiting) and queue.name.value == "Half a na"
    matches = OfferAskMatches(fresh_store, "s2")
    other.add_item("s2", "offer", "Legal clinic", org="map", attrs={"topic": "legal aid"})
    other.add_item("s2", "ask", "Need legal help", org="fed", attrs={"topic": "Legal aid"})
    matches.tick.look()
    assert "Legal clinic" in matches.body.value


def test_an_endorsement_recorded_elsewhere_shows(fresh_store, other):
    form = EndorsementForm(fresh_store)
    form.by.value = "typing"
    org = fresh_store.meeting.endorsing_org_ids[0]
    other.record_endorsement(org, "endorses", by="Ms Moe")
    form.tick.look()
    assert "Ms Moe" in form.recorded.value and form.by.value == "typing"
