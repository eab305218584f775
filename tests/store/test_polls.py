import pytest

from roundtable_lib import Store
from roundtable_lib.chair.voting import FEEDBACK_OPTIONS, PollBoard, PollCreator, PollPanel, parse_free_options


@pytest.fixture
def room(fresh_store):
    people = [fresh_store.add_participant(f"P{n}", org)[0] for n, org in enumerate(["map", "map", "lsdf", "fed"])]
    recs = [fresh_store.add_item("s3", "recommendation", text_en=f"R{n}")["id"] for n in range(3)]
    return fresh_store, people, recs


def _dots_panel(store, recs, budget=3, limit=2, weighting="person"):
    poll = store.create_poll(
        "s3", "Priorities", method="dots", options=recs, budget=budget, per_option_limit=limit, weighting=weighting
    )
    return PollPanel(store, poll["id"]), [o["id"] for o in poll["options"]]


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
    assert message in creator.status.value and store.polls() == []


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
    panel, (a, b, c) = _dots_panel(store, recs)
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
    panel, _ = _dots_panel(store, recs)
    panel.submit.click()
    assert "Choose the participant" in panel.status.value
    panel.participant.value = people[1]["id"]
    panel.submit.click()
    assert "The ballot is empty" in panel.status.value and store.ballots(panel.poll_id) == []


def test_second_ballot_asks_then_replaces_never_adds(room):
    store, people, recs = room
    panel, (a, b, _c) = _dots_panel(store, recs)
    panel.participant.value = people[0]["id"]
    panel.counts[a].value = 2
    panel.submit.click()
    panel.participant.value = people[0]["id"]
    panel.counts[b].value = 1
    panel.submit.click()
    assert "already voted" in panel.status.value
    assert [x["allocations"] for x in store.ballots(panel.poll_id)] == [{a: 2}]  # nothing written yet
    panel.submit.click()
    assert "replaced" in panel.status.value
    assert [x["allocations"] for x in store.ballots(panel.poll_id)] == [{b: 1}]
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
    panel, (a, _b, _c) = _dots_panel(store, recs)
    panel.participant.value = people[0]["id"]
    panel.counts[a].value = 1
    panel.submit.click()
    panel.close_poll.click()
    assert store.get_poll(panel.poll_id)["status"] == "closed" and panel.submit.disabled
    panel.participant.value = people[1]["id"]
    panel.counts[a].value = 1
    panel.submit.click()
    assert "This poll is closed" in panel.status.value and len(store.ballots(panel.poll_id)) == 1
    panel.mode.value = "tally"
    panel.counts[a].value = 5
    panel.submit.click()
    assert "This poll is closed" in panel.status.value and len(store.ballots(panel.poll_id)) == 1
    panel.close_poll.click()
    assert "closed" in panel.status.value


def test_reveal_controls_dashboards(room):
    store, people, recs = room
    panel, (a, _b, _c) = _dots_panel(store, recs)
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
    panel, (a, b, _c) = _dots_panel(store, recs, budget=1, limit=1, weighting="organisation")
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
    panel, _ = _dots_panel(store, recs)
    store.add_participant("Late arrival", "eu")
    panel.reload.click()
    assert any("Late arrival" in label for label, _ in panel.participant.options)
