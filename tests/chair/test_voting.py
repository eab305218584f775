"""The chair's voting widgets: the poll creator and board, the panel that enters ballots (per
participant, by organisation, as numbered paper ballots, or a show of hands: nobody needs to be
registered), and the presenting switch that keeps results off a mirrored projector.

Headless, as ipywidgets' own tests: set ``.value``, call ``click()``, assert on the real store file.
The store's own rules for polls are tested in tests/store/test_polls.py.
"""

import importlib

import pytest

from roundtable_lib import Store
from roundtable_lib.chair import presenting
from roundtable_lib.chair.poll_panel import PollPanel
from roundtable_lib.chair.voting import FEEDBACK_OPTIONS, PollBoard, PollCreator, parse_free_options
from roundtable_lib.exceptions import ValidationError

LONG = (
    "Establish a cross-border referral mechanism between Thai and Myanmar service providers for "
    "survivors of trafficking, with a named focal point in every province"
)


def _panel(store, recs, lang="en", **kwargs):
    n = len(store.polls())  # each poll its own title: a meeting's polls never share one
    title = f"Priorities ({n + 1})" if n else "Priorities"
    poll = store.create_poll("s3", title, options=recs, **{"method": "dots", "budget": 2, **kwargs})
    return PollPanel(store, poll["id"], lang=lang), [o["id"] for o in poll["options"]]


def _shown(widget):
    return widget.layout.display != "none"


def _second_ballot_asks_then_replaces(store, panel, first, second):
    """The voter already chosen, who voted 2 for ``first``, votes 1 for ``second``: the panel
    asks first and writes nothing, then the same click replaces the ballot (never adds to it)."""
    panel.counts[second].value = 1
    panel.submit.click()
    assert "already voted" in panel.status.value
    assert [x["allocations"] for x in store.ballots(panel.poll_id)] == [{first: 2}]  # nothing written yet
    panel.submit.click()
    assert "replaced" in panel.status.value
    assert [x["allocations"] for x in store.ballots(panel.poll_id)] == [{second: 1}]


# ---------------------------------------------------------------- creating polls, and the ballots a panel enters


def test_creator_makes_poll_from_items_and_free_options(room):
    store, _people, recs = room
    creator = PollCreator(store, "s3", option_kinds=["recommendation"])
    assert list(creator.items.value) == recs
    creator.items.value = tuple(recs[:2])
    creator.title_en.value = "Which first?"
    creator.free.value = "Something else | อื่น ๆ\n\n"
    creator.budget.value, creator.per_option.value = 4, 2
    creator.submit.click()
    (poll,) = store.polls("s3")
    assert [(o["label_en"], o["item_id"]) for o in poll["options"]] == [
        ("R0", recs[0]),
        ("R1", recs[1]),
        ("Something else", None),
    ]
    assert (poll["budget"], poll["per_option_limit"], poll["method"]) == (4, 2, "dots")


@pytest.mark.parametrize(
    "title, free, items, message",
    [
        ("", "A\nB", (), "Give the poll a title"),
        ("T", "Only one", (), "at least two options"),
        ("T", "", (), "at least two options"),
    ],
)
def test_creator_bad_input_writes_nothing(room, title, free, items, message):
    store, _people, _recs = room
    creator = PollCreator(store, "s3", option_kinds=["recommendation"])
    creator.title_en.value, creator.free.value, creator.items.value = title, free, items
    creator.submit.click()
    # A title's problem is said at the title box, the others under the button.
    shown = creator.title_note.value if message.startswith("Give the poll a title") else creator.status.value
    assert message in shown and store.polls() == []


def test_creator_per_option_larger_than_budget(room):
    store, _people, recs = room
    creator = PollCreator(store, "s3", option_kinds=["recommendation"], title_en="T")
    creator.budget.value, creator.per_option.value = 2, 3
    creator.submit.click()
    assert "per-option limit cannot be larger" in creator.status.value and store.polls() == []


def test_parse_free_options():
    assert parse_free_options(" A | ก \n\nB\n| ข") == [
        {"label_en": "A", "label_th": "ก"},
        {"label_en": "B", "label_th": ""},
        {"label_en": "", "label_th": "ข"},
    ]


def test_dot_ballot_and_over_budget(room):
    store, people, recs = room
    panel, (a, b, c) = _panel(store, recs, budget=3, per_option_limit=2)
    panel.participant.value = people[0]["id"]
    panel.counts[a].value, panel.counts[b].value = 2, 2
    panel.submit.click()
    assert "4 dots used; each participant has 3" in panel.status.value and store.ballots(panel.poll_id) == []
    panel.counts[a].value, panel.counts[b].value = 3, 0
    panel.submit.click()
    assert "At most 2 dots on one option" in panel.status.value and store.ballots(panel.poll_id) == []
    panel.counts[a].value, panel.counts[b].value = 2, 1
    panel.submit.click()
    assert "Ballot saved" in panel.status.value
    assert store.ballots(panel.poll_id)[0]["allocations"] == {a: 2, b: 1}
    assert panel.counts[a].value == 0  # the form is cleared for the next participant


def test_empty_ballot_and_no_participant(room):
    store, people, recs = room
    panel, _ = _panel(store, recs, budget=3, per_option_limit=2)
    panel.submit.click()
    assert "Choose the participant" in panel.status.value
    panel.participant.value = people[1]["id"]
    panel.submit.click()
    assert "The ballot is empty" in panel.status.value and store.ballots(panel.poll_id) == []


def test_second_ballot_asks_then_replaces_never_adds(room):
    store, people, recs = room
    panel, (a, b, _c) = _panel(store, recs, budget=3, per_option_limit=2)
    panel.participant.value = people[0]["id"]
    panel.counts[a].value = 2
    panel.submit.click()
    panel.participant.value = people[0]["id"]
    _second_ballot_asks_then_replaces(store, panel, a, b)
    scores = {r["id"]: r["score"] for r in store.poll_results(panel.poll_id)["results"]}
    assert scores[a] == 0 and scores[b] == 1


def test_single_choice_ballot_and_show_of_hands(room, presenting_off):
    store, people, recs = room
    poll = store.create_poll("s3", "One", method="single", options=recs)
    panel = PollPanel(store, poll["id"])
    a, b, c = [o["id"] for o in poll["options"]]
    panel.participant.value = people[2]["id"]
    panel.choice.value = b
    panel.submit.click()
    assert store.ballots(poll["id"])[0]["allocations"] == {b: 1}
    panel.mode.value = "tally"
    panel.submit.click()
    assert "tally is empty" in panel.status.value
    panel.counts[a].value, panel.counts[c].value = 7, 7
    panel.submit.click()
    rows = store.poll_results(poll["id"])["results"]
    assert [(r["id"], r["score"], r["rank"], r["tied"]) for r in rows] == [
        (a, 7, 1, True),
        (c, 7, 1, True),
        (b, 1, 3, False),
    ]
    assert panel.results.value.count("tie") == 2


def test_scale_poll_has_no_show_of_hands(room):
    store, people, recs = room
    poll = store.create_poll("s3", "Rate", method="scale", options=recs)
    panel = PollPanel(store, poll["id"])
    assert [v for _, v in panel.mode.options] == ["organisation", "ballot", "participant"]
    panel.participant.value = people[0]["id"]
    panel.counts[poll["options"][0]["id"]].value = 6
    panel.submit.click()
    assert "from 1 to 5" in panel.status.value and store.ballots(poll["id"]) == []


def test_closed_poll_is_frozen(room):
    store, people, recs = room
    panel, (a, _b, _c) = _panel(store, recs, budget=3, per_option_limit=2)
    panel.participant.value = people[0]["id"]
    panel.counts[a].value = 1
    panel.submit.click()
    panel.close_poll.click()
    panel.close_poll.click()  # the first click asks
    assert store.get_poll(panel.poll_id)["status"] == "closed" and panel.submit.disabled
    panel.participant.value = people[1]["id"]
    panel.counts[a].value = 1
    panel.submit.click()
    assert "This poll is closed" in panel.status.value and len(store.ballots(panel.poll_id)) == 1
    panel.mode.value = "tally"
    panel.counts[a].value = 5
    panel.submit.click()
    assert "This poll is closed" in panel.status.value and len(store.ballots(panel.poll_id)) == 1
    assert panel.close_poll.layout.display == "none" and panel.reopen.layout.display != "none"


def test_reveal_controls_dashboards(room):
    store, people, recs = room
    panel, (a, _b, _c) = _panel(store, recs, budget=3, per_option_limit=2)
    panel.participant.value = people[0]["id"]
    panel.counts[a].value = 1
    panel.submit.click()
    public = Store(store.path, readonly=True, public=True)
    assert public.poll_results(panel.poll_id)["results"] is None
    assert "R0" not in panel.results.value and "hidden while presenting" in panel.results.value
    panel.presenting.value = False  # the chair, not mirrored on the projector, clicks the switch
    assert "R0" in panel.results.value
    panel.reveal.click()
    assert public.poll_results(panel.poll_id)["results"][0]["id"] == a
    assert panel.reveal.description.startswith("Hide")
    panel.reveal.click()
    assert public.poll_results(panel.poll_id)["results"] is None
    public.close()


def test_weighting_by_organisation(room):
    store, people, recs = room
    panel, (a, b, _c) = _panel(store, recs, budget=1, per_option_limit=1, weighting="organisation")
    for person, option in ((people[0], a), (people[1], a), (people[2], b)):
        panel.participant.value = person["id"]
        panel.counts[option].value = 1
        panel.submit.click()
    rows = {r["id"]: r for r in store.poll_results(panel.poll_id)["results"]}
    assert rows[a]["score"] == rows[b]["score"] == 1 and rows[a]["tied"]


def test_board_creates_and_selects_polls(room):
    store, _people, _recs = room
    board = PollBoard(store, "conclusions", method="scale", free_options=FEEDBACK_OPTIONS, title_en="How was the day?")
    assert board.panel.children == ()
    board.creator.submit.click()
    (poll,) = store.polls("conclusions")
    assert poll["method"] == "scale" and len(poll["options"]) == len(FEEDBACK_OPTIONS)
    assert poll["options"][0]["label_th"] == FEEDBACK_OPTIONS[0][1]
    assert board.choose.value == poll["id"] and board.panel.children[0].poll_id == poll["id"]


def test_board_on_demo_shows_hidden_and_revealed_polls(demo_store):
    board = PollBoard(demo_store, "s4", option_kinds=["need"], lang="th")
    panel = board.panel.children[0]
    assert "ซ่อนผลจากแดชบอร์ด" in panel.info.value


def test_creator_picks_up_new_items_and_leaves_out_sensitive_ones(room):
    store, _people, recs = room
    board = PollBoard(store, "s3", option_kinds=["recommendation"])
    late = store.add_item("s3", "recommendation", text_en="Captured after the cell ran")["id"]
    secret = store.add_item("s3", "recommendation", text_en="Names a survivor", sensitive=True)["id"]
    board.new.selected_index = 0  # the chair opens "New poll"
    assert late in board.creator.items.value and secret not in board.creator.items.value
    assert [v for _, v in board.creator.items.options] == recs + [late]


def test_panel_refresh_lists_late_participants(room):
    store, _people, recs = room
    panel, _ = _panel(store, recs, budget=3, per_option_limit=2)
    store.add_participant("Late arrival", "fed")
    panel.tick.look()  # a tick: the panel follows the store
    assert any("Late arrival" in label for label, _ in panel.participant.options)


# ---------------------------------------------------------------- nobody registered


def test_by_organisation_with_nobody_registered(fresh_store, recs):
    panel, (a, b, _c) = _panel(fresh_store, recs, weighting="organisation")
    assert fresh_store.participants() == []
    assert panel.mode.value == "organisation"
    assert "one ballot per organisation, nobody needs to be registered" in panel.help.value
    assert _shown(panel.org) and not _shown(panel.participant) and not _shown(panel.number)
    assert "Choose the participant" not in panel.help.value
    panel.counts[a].value = 2
    panel.submit.click()
    assert "Choose the organisation" in panel.status.value and fresh_store.ballots(panel.poll_id) == []
    panel.org.value = "map"
    panel.submit.click()
    assert "Ballot saved" in panel.status.value
    assert [(x["voter_kind"], x["voter"], x["allocations"]) for x in fresh_store.ballots(panel.poll_id)] == [
        ("organisation", "map", {a: 2})
    ]
    # Who has voted is the chair's to see, not the room's: no tick while presenting.
    assert ("MAP Foundation", "map") in panel.org.options
    presenting.state().on = False
    assert ("✓ MAP Foundation", "map") in panel.org.options
    presenting.state().on = True
    panel.org.value = "map"
    _second_ballot_asks_then_replaces(fresh_store, panel, a, b)


def test_numbered_ballots_count_up_by_themselves(fresh_store, recs):
    panel, (a, b, _c) = _panel(fresh_store, recs, method="single")
    assert panel.mode.value == "ballot" and panel.number.value == 1
    assert "numbered 1, 2, 3" in panel.help.value and _shown(panel.number) and not _shown(panel.org)
    assert _shown(panel.choice) and not _shown(panel.count_box)
    for option in (a, b, b):
        panel.choice.value = option
        panel.submit.click()
    assert "Ballot 3 saved" in panel.status.value and panel.number.value == 4
    panel.number.value = 2  # ballot 2 was misread
    panel.choice.value = a
    panel.submit.click()
    assert "Ballot 2 was already entered" in panel.status.value
    panel.submit.click()
    assert "Ballot 2 saved" in panel.status.value
    assert sorted(
        (x["voter"], x["allocations"][a] if a in x["allocations"] else 0) for x in panel.store.ballots(panel.poll_id)
    ) == [
        ("1", 1),
        ("2", 1),
        ("3", 0),
    ]
    assert panel.number.value == 4  # back to the next unused number
    panel.number.value = 9
    panel.choice.value = b
    panel.submit.click()
    assert panel.number.value == 10
    # A new panel on the same poll (a reloaded page, a restarted kernel) resumes where it was.
    again = PollPanel(fresh_store, panel.poll_id)
    assert again.mode.value == "ballot" and again.number.value == 10


def test_show_of_hands_with_nobody_registered(fresh_store, recs, presenting_off):
    panel, (a, b, _c) = _panel(fresh_store, recs)
    panel.mode.value = "tally"
    assert "count the hands for each option; nobody needs to be registered" in panel.help.value
    assert not _shown(panel.number) and not _shown(panel.org) and _shown(panel.count_box)
    panel.counts[a].value, panel.counts[b].value = 11, 4
    panel.submit.click()
    assert "Show of hands saved" in panel.status.value
    assert {r["id"]: r["score"] for r in fresh_store.poll_results(panel.poll_id)["results"]}[a] == 11


def test_participant_mode_with_nobody_registered_says_what_to_do(fresh_store, recs):
    panel, (a, _b, _c) = _panel(fresh_store, recs)
    panel.mode.value = "participant"
    assert "Nobody is registered yet" in panel.help.value and "00_registration" in panel.help.value
    assert "organisation" in panel.help.value and "numbered ballots" in panel.help.value
    assert not _shown(panel.participant) and not _shown(panel.submit)  # no dead end: no empty list
    person, _ = fresh_store.add_participant("Late arrival", "fed")
    panel.tick.look()  # a tick: the panel follows the store
    assert "Nobody is registered" not in panel.help.value and _shown(panel.participant) and _shown(panel.submit)
    panel.participant.value = person["id"]
    panel.counts[a].value = 1
    panel.submit.click()
    assert [(x["voter_kind"], x["org"]) for x in fresh_store.ballots(panel.poll_id)] == [("participant", "fed")]


def test_registered_participants_are_used_when_present(fresh_store, recs):
    fresh_store.add_participant("P", "map")
    panel, _ = _panel(fresh_store, recs)
    assert panel.mode.value == "participant" and _shown(panel.participant)


def test_switching_voter_kind_midway_is_refused_with_a_reason(fresh_store, recs):
    panel, (a, _b, _c) = _panel(fresh_store, recs, weighting="organisation")
    panel.org.value = "lsdf"
    panel.counts[a].value = 1
    panel.submit.click()
    # The other ways are no longer offered (the store would refuse them), and the panel says why.
    assert [value for _label, value in panel.mode.options] == ["organisation"]
    assert "the other ways are not offered" in panel.help.value
    with pytest.raises(ValidationError, match="entered by organisation: enter this one the same way"):
        fresh_store.cast_ballot(panel.poll_id, voter=1, voter_kind="ballot", allocations={a: 1})
    assert len(fresh_store.ballots(panel.poll_id)) == 1
    assert PollPanel(fresh_store, panel.poll_id).mode.value == "organisation"


def test_closed_poll_freezes_every_way_of_voting(fresh_store, recs):
    panel, _ = _panel(fresh_store, recs)
    panel.close_poll.click()
    panel.close_poll.click()
    assert panel.org.disabled and panel.number.disabled and panel.submit.disabled and panel.mode.disabled


# ---------------------------------------------------------------- presenting


def _cast_some(store, poll_id, option):
    for n in (1, 2):
        store.cast_ballot(poll_id, voter=n, voter_kind="ballot", allocations={option: 1})


def test_presenting_is_on_by_default_and_hides_results_totals_and_counts(fresh_store, recs):
    panel, (a, _b, _c) = _panel(fresh_store, recs)
    _cast_some(fresh_store, panel.poll_id, a)
    panel.refresh()
    assert presenting.state().on and panel.presenting.value
    assert panel.presenting.description == "Presenting: results hidden"
    assert "hidden while presenting" in panel.results.value
    for private in ("R0", "Score", "Ballots", "Participants who voted"):
        assert private not in panel.results.value


def test_turning_presenting_off_shows_results_on_every_panel_and_back(fresh_store, recs):
    first, (a, _b, _c) = _panel(fresh_store, recs)
    second = PollPanel(fresh_store, first.poll_id)
    _cast_some(fresh_store, first.poll_id, a)
    first.refresh()
    second.refresh()
    first.presenting.value = False  # a click on one switch...
    assert not presenting.state().on and not second.presenting.value  # ...moves them all
    assert second.presenting.description.startswith("Results shown on this screen")
    for panel in (first, second):
        assert "R0" in panel.results.value and "<td>2</td>" in panel.results.value
    presenting.state().on = True
    for panel in (first, second):
        assert "R0" not in panel.results.value and "hidden while presenting" in panel.results.value


def test_presenting_never_shows_more_than_the_dashboards(fresh_store, recs, public_store):
    panel, (a, b, c) = _panel(fresh_store, recs)
    _cast_some(fresh_store, panel.poll_id, a)
    fresh_store.cast_ballot(panel.poll_id, voter=3, voter_kind="ballot", allocations={b: 2})
    fresh_store.update_item(recs[1], sensitive=True)
    panel.refresh()
    hidden = "(hidden while presenting)"
    assert [label for label, _ in panel.choice.options].count(hidden) == 1
    assert hidden in panel.count_labels[b].value and "R1" not in panel.count_labels[b].value
    panel.reveal.click()  # revealed: the dashboards rank R0 and R2 only, and so does the chair's screen
    public = [r["label_en"] for r in public_store.poll_results(panel.poll_id)["results"]]
    assert public == ["R0", "R2"]
    assert "R0" in panel.results.value and "R2" in panel.results.value and "R1" not in panel.results.value
    presenting.state().on = False  # the chair alone sees everything, the sensitive option's text too
    assert "R1" in panel.results.value and "R1" in panel.count_labels[b].value
    assert [label for label, _ in panel.choice.options] == ["R0", "R1", "R2"]


def test_a_restarted_kernel_starts_presenting_again():
    presenting.state().on = False
    importlib.reload(presenting)  # what a kernel restart does to the module
    assert presenting.state().on
    assert presenting.toggle().value


def test_a_closed_panel_stops_following_the_state(fresh_store, recs):
    board = PollBoard(fresh_store, "s3", option_kinds=["recommendation"])
    board.creator.title_en.value = "A"
    board.creator.submit.click()
    board.creator.title_en.value = "B"
    board.creator.submit.click()
    first = board.panel.children[0]
    board.choose.value = next(v for label, v in board.choose.options if label == "A")
    assert board.panel.children[0] is not first
    presenting.state().on = False  # the closed panel's observer is gone: nothing raises, nothing redraws it
    assert "hidden while presenting" in first.results.value


# ---------------------------------------------------------------- labels


def test_thai_labels_with_nobody_registered(fresh_store, recs):
    panel, _ = _panel(fresh_store, recs, lang="th", weighting="organisation")
    assert [label for label, _ in panel.mode.options] == ["รายองค์กร", "บัตรลงคะแนนแบบมีหมายเลข", "รายบุคคล", "ยกมือ"]
    assert "ไม่ต้องลงทะเบียนผู้เข้าร่วม" in panel.help.value
    assert panel.presenting.description == "กำลังนำเสนอ: ซ่อนผลคะแนน"
    assert "ซ่อนผลคะแนนระหว่างการนำเสนอ" in panel.results.value
    assert ("มูลนิธิแมพ", "map") in panel.org.options
    panel.mode.value = "participant"
    assert "ยังไม่มีผู้ลงทะเบียน" in panel.help.value


def test_long_options_are_shown_in_full(fresh_store):
    long_rec = fresh_store.add_item("s3", "recommendation", text_en=LONG)["id"]
    short = fresh_store.add_item("s3", "recommendation", text_en="Short")["id"]
    creator = PollCreator(fresh_store, "s3", option_kinds=["recommendation"])
    assert creator.items.options[0][0] == LONG and creator.items.boxes[0].description == LONG
    for kind in ("single", "dots"):
        panel, (first, _second) = _panel(fresh_store, [long_rec, short], method=kind)
        assert panel.choice.options[0][0] == LONG
        assert LONG in panel.count_labels[first].value
        assert panel.counts[first].description == ""  # the text is beside the box, not cut inside its label


def test_creator_check_list_ticks_and_unticks(fresh_store, recs):
    creator = PollCreator(fresh_store, "s3", option_kinds=["recommendation"], title_en="T")
    boxes = creator.items.boxes
    assert all(box.value for box in boxes) and creator.items.value == tuple(recs)
    boxes[1].value = False  # the chair unticks R1
    assert creator.items.value == (recs[0], recs[2])
    creator.items.value = (recs[1],)
    assert [box.value for box in boxes] == [False, True, False]
    creator.free.value = "Other | อื่น ๆ"
    creator.submit.click()
    (poll,) = fresh_store.polls("s3")
    assert [o["label_en"] for o in poll["options"]] == ["R1", "Other"]


def test_sensitive_offers_and_asks_stay_off_the_chairs_screen_while_presenting(fresh_store):
    from roundtable_lib.chair.facilitation import OfferAskMatches

    fresh_store.add_item("s2", "offer", text_en="Paralegal training", org="map", attrs={"topic": "legal aid"})
    fresh_store.add_item(
        "s2", "ask", text_en="Case of a named survivor", org="fed", attrs={"topic": "legal aid"}, sensitive=True
    )
    panel = OfferAskMatches(fresh_store, "s2")
    assert "named survivor" not in panel.body.value
    presenting.state().on = False
    assert "named survivor" in panel.body.value and "rt-icon-lock" in panel.body.value
    presenting.state().on = True
    assert "named survivor" not in panel.body.value


@pytest.mark.parametrize(
    "kind, voters, counted",
    [
        ("organisation", ["map", "fed"], "Organisations that voted: 2"),
        ("ballot", [1, 2, 3], "Numbered ballots entered: 3"),
        ("participant", [], "Participants who voted: 0"),
    ],
)
def test_results_say_who_was_counted(fresh_store, recs, presenting_off, kind, voters, counted):
    panel, (a, _b, _c) = _panel(fresh_store, recs)
    for voter in voters:
        fresh_store.cast_ballot(panel.poll_id, voter=voter, voter_kind=kind, allocations={a: 1})
    panel.refresh()
    assert counted in panel.results.value


def test_presenting_withholds_names_as_the_dashboards_do(fresh_store, public_store):
    """A participant who did not agree to be named is not named on the mirrored screen either."""
    fresh_store.add_participant("Somchai Jaidee", "map", consent=False)
    rec = fresh_store.add_item("s3", "recommendation", text_en="Support Somchai Jaidee's legal case")["id"]
    other = fresh_store.add_item("s3", "recommendation", text_en="Weekly day off")["id"]
    poll = fresh_store.create_poll("s3", "Somchai Jaidee's question", options=[rec, other], method="single")
    panel = PollPanel(fresh_store, poll["id"])
    fresh_store.cast_ballot(
        poll["id"], voter="map", voter_kind="organisation", allocations={poll["options"][0]["id"]: 1}
    )
    panel.reveal.click()
    public = public_store.poll_results(poll["id"])
    assert "Somchai" not in public["results"][0]["label_en"]
    for shown in (panel.info.value, panel.results.value, panel.choice.options[0][0]):
        assert "Somchai" not in shown and "[name withheld]" in shown
    presenting.state().on = False
    assert "Somchai Jaidee" in panel.info.value and "Somchai Jaidee" in panel.results.value
    assert panel.choice.options[0][0] == "Support Somchai Jaidee's legal case"
