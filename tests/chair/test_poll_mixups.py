"""The chair's voting widgets keep polls from being mixed up: a taken title is said at the title
box, only the ways a poll can still take are offered, Close asks first and Reopen exists, a
closed poll's buttons are disabled, a negative number and an organisation's dots are named as
they are, and a tie at the top offers its runoff in one click.

Headless, as ipywidgets' own tests: set ``.value``, call ``click()``, assert on the real store file.
"""

from roundtable_lib.chair.poll_panel import PollPanel
from roundtable_lib.chair.voting import PollBoard, PollCreator


def _modes(panel):
    return [value for _label, value in panel.mode.options]


def test_a_taken_title_is_said_at_the_title_box_as_it_is_typed(fresh_store, recs):
    fresh_store.create_poll("s3", "How was the day?", "วันนี้เป็นอย่างไร", options=recs)
    creator = PollCreator(fresh_store, "s4", free_options=[("Yes", ""), ("No", "")])
    creator.title_en.value = "how was the day?"
    assert "already exists" in creator.title_note.value
    creator.submit.click()
    assert "already exists" in creator.title_note.value and len(fresh_store.polls()) == 1
    creator.title_en.value = "How was the afternoon?"
    assert creator.title_note.value == ""
    creator.submit.click()
    assert len(fresh_store.polls()) == 2
    thai = PollCreator(fresh_store, "s4", lang="th", title_th="วันนี้เป็นอย่างไร")
    assert "มีการลงคะแนนชื่อ “วันนี้เป็นอย่างไร” อยู่แล้ว" in thai.title_note.value  # pre-filled, already taken


def test_only_the_ways_a_poll_can_still_take_are_offered(fresh_store, recs):
    by_org = fresh_store.create_poll("s3", "By organisation", options=recs, weighting="organisation")
    panel = PollPanel(fresh_store, by_org["id"])
    assert _modes(panel) == ["organisation", "ballot", "participant", "tally"]
    panel.org.value = "map"
    panel.counts[by_org["options"][0]["id"]].value = 1
    panel.submit.click()
    assert _modes(panel) == ["organisation"]  # no show of hands onto organisations, no other ballots
    hands = fresh_store.create_poll("s3", "Hands", options=recs)
    fresh_store.record_tally(hands["id"], {hands["options"][0]["id"]: 5})
    panel = PollPanel(fresh_store, hands["id"])
    assert panel.mode.value == "tally" and "organisation" not in _modes(panel)
    scale = fresh_store.create_poll("s3", "Rate", options=recs, method="scale")
    assert "tally" not in _modes(PollPanel(fresh_store, scale["id"]))


def test_close_asks_first_reopen_exists_and_a_closed_poll_is_disabled(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs)
    panel = PollPanel(fresh_store, poll["id"])
    panel.close_poll.click()
    assert panel.close_poll.description == "Close voting: are you sure?"
    assert "No more ballots can be entered" in panel.status.value
    assert fresh_store.get_poll(poll["id"])["status"] == "open"  # nothing closed on the first click
    panel.close_poll.click()
    assert fresh_store.get_poll(poll["id"])["status"] == "closed"
    assert panel.mode.disabled and panel.submit.disabled and all(b.disabled for b in panel.counts.values())
    assert panel.close_poll.layout.display == "none" and panel.reopen.layout.display != "none"
    panel.reopen.click()
    assert fresh_store.get_poll(poll["id"])["status"] == "open" and "reopened" in panel.status.value
    assert not panel.mode.disabled and panel.close_poll.description == "Close poll"
    assert [h["action"] for h in fresh_store.history(entity_id=poll["id"])][:2] == ["reopen", "close"]


def test_cancel_withdraws_the_close_question_and_keeps_the_poll_open(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs)
    panel = PollPanel(fresh_store, poll["id"])
    assert panel.cancel_close.layout.display == "none"  # nothing to cancel before Close is clicked
    panel.close_poll.click()
    assert panel.cancel_close.layout.display != "none"
    panel.cancel_close.click()
    assert fresh_store.get_poll(poll["id"])["status"] == "open" and not panel.mode.disabled
    assert panel.close_poll.description == "Close poll" and panel.cancel_close.layout.display == "none"
    assert panel.status.value == ""
    panel.close_poll.click()  # asks again, as the first time
    assert fresh_store.get_poll(poll["id"])["status"] == "open"


def test_the_choice_of_polls_says_closed_as_soon_as_the_poll_is_closed(fresh_store, recs):
    fresh_store.create_poll("s3", "Priorities", options=recs)
    board = PollBoard(fresh_store, "s3")
    panel = board.panel.children[0]
    panel.close_poll.click()
    panel.close_poll.click()
    assert board.choose.options[0][0] == "Priorities (closed)" and board.choose.value == panel.poll_id
    assert board.panel.children[0] is panel and "Poll closed" in panel.status.value  # the same panel, its message kept
    panel.reopen.click()
    assert board.choose.options[0][0] == "Priorities" and board.panel.children[0] is panel


def test_a_first_close_click_is_forgotten_once_the_panel_moves_on(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs)
    panel = PollPanel(fresh_store, poll["id"])
    panel.close_poll.click()
    panel.refresh()  # the panel redrawn after another action of the chair's
    panel.close_poll.click()  # asks again: a stale "are you sure?" never closes
    assert fresh_store.get_poll(poll["id"])["status"] == "open"


def test_a_negative_number_is_named_in_the_chairs_language(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs, weighting="organisation")
    first = poll["options"][0]["id"]
    for lang, says in (("en", "cannot be negative"), ("th", "ติดลบไม่ได้")):
        panel = PollPanel(fresh_store, poll["id"], lang=lang)
        panel.mode.value = "organisation"
        panel.org.value = "map"
        panel.counts[first].value = -1
        assert panel.counts[first].value == -1  # not silently turned into 0 by the box
        panel.submit.click()
        assert says in panel.status.value and "empty" not in panel.status.value
    assert fresh_store.ballots(poll["id"]) == []


def test_an_organisations_dots_are_the_organisations(fresh_store, recs):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs, budget=3, per_option_limit=2)
    panel = PollPanel(fresh_store, poll["id"])
    panel.mode.value = "organisation"
    panel.org.value = "map"
    a, b, _ = (o["id"] for o in poll["options"])
    panel.counts[a].value, panel.counts[b].value = 2, 2
    panel.submit.click()
    assert "4 dots used; each organisation has 3" in panel.status.value


def test_a_tie_at_the_top_offers_a_runoff_in_one_click(fresh_store, recs, presenting_off):
    board = PollBoard(fresh_store, "s3")
    poll = fresh_store.create_poll("s3", "Priorities", options=recs, method="single")
    a, b, c = (o["id"] for o in poll["options"])
    for n, option in enumerate([a, b, a, b, c], start=1):
        fresh_store.cast_ballot(poll["id"], voter=n, voter_kind="ballot", allocations={option: 1})
    board.refresh(select=poll["id"])
    panel = board.panel.children[0]
    assert "Tie at the top: 2 options share first place" in panel.tie.value
    assert "Close this poll first" in panel.tie.value and panel.runoff.layout.display == "none"
    panel.close_poll.click()
    panel.close_poll.click()
    assert "Close this poll first" not in panel.tie.value and panel.runoff.layout.display != "none"
    panel.runoff.click()
    runoff = fresh_store.polls()[-1]
    assert runoff["title_en"] == "Runoff: Priorities" and [o["label_en"] for o in runoff["options"]] == ["R0", "R1"]
    assert board.choose.value == runoff["id"] and board.panel.children[0].poll_id == runoff["id"]
    assert "Runoff opened: Runoff: Priorities." in board.panel.children[0].status.value  # said where it is shown


def test_no_tie_hint_while_presenting_hides_the_results(fresh_store, recs, presenting_on):
    poll = fresh_store.create_poll("s3", "Priorities", options=recs, method="single")
    a, b, _ = (o["id"] for o in poll["options"])
    for n, option in enumerate([a, b], start=1):
        fresh_store.cast_ballot(poll["id"], voter=n, voter_kind="ballot", allocations={option: 1})
    panel = PollPanel(fresh_store, poll["id"])
    assert panel.tie.value == "" and panel.runoff.layout.display == "none"
    presenting_on.on = False
    assert "Tie at the top" in panel.tie.value


def test_a_thai_chair_reads_the_polls_refusals_in_thai(fresh_store, recs):
    creator = PollCreator(fresh_store, "s3", lang="th", title_th="ลำดับ", free_options=[("Only one", "")])
    creator.submit.click()
    assert "ต้องมีตัวเลือกอย่างน้อยสองตัวเลือก" in creator.status.value and "at least two" not in creator.status.value
    creator.title_th.value = ""
    creator.free.value = "A\nB"
    creator.submit.click()
    assert "ตั้งชื่อการลงคะแนน" in creator.title_note.value and fresh_store.polls() == []
    poll = fresh_store.create_poll("s3", "Priorities", options=recs, method="single")
    panel = PollPanel(fresh_store, poll["id"], lang="th")
    panel.mode.value = "ballot"
    panel.submit.click()  # nothing chosen
    assert "บัตรยังว่างอยู่" in panel.status.value and "empty" not in panel.status.value


def test_an_emptied_dropdown_shows_its_dash_never_a_blank(fresh_store, recs):
    """ipywidgets leaves a dropdown blank when its options arrive after it is built or its value
    is set to None; the chair's dropdowns show "—" (nobody chosen) instead."""
    import ipywidgets as widgets

    from roundtable_lib.chair.layout import choose

    late = widgets.Dropdown()
    late.options = [("—", None), ("MAP", "map")]
    choose(late, None)
    assert (late.index, late.label) == (0, "—")
    late.value = "map"
    choose(late, None)
    assert (late.index, late.label, late.value) == (0, "—", None)
    choose(late, "map")
    assert late.label == "MAP"
    poll = fresh_store.create_poll("s3", "By organisation", options=recs, weighting="organisation")
    panel = PollPanel(fresh_store, poll["id"])
    assert (panel.org.label, panel.participant.label) == ("—", "—")  # a new panel: not blank
