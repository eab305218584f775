"""Voting as a chair does it, in a real JupyterLab (Debian's Chromium at 1366x768): polls that
cannot be mixed up. A title already used is refused at the title box; only the ways a poll can
still take are offered; an organisation's dots are never summed with a show of hands; a ballot
over its dots or with -1 says what is wrong in words; Close asks first (Cancel keeps the poll
open), a closed poll's buttons are disabled, Reopen is recorded in the history; a tie at the top
says how to break it and opens the runoff in one click. Each step asserts on the page and on the
database; screenshots in test-artifacts/jupyterlab/voting-*.png."""

import re

import pytest
from playwright.sync_api import expect

from roundtable_lib import Store
from roundtable_lib.meeting.labels import t
from tests.helpers.jupyterlab import assert_nothing_cut, run_all, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RECOMMENDATIONS = (
    "Recognise domestic work as work",
    "Cross-border referral of trafficking survivors",
    "Safe complaint channels for migrant workers",
)
PRIORITY = "Priority of the joint recommendations"


def phase(page, key):
    """A phase of the chair's screen, by its heading."""
    return page.locator(".rt-phase").filter(has=page.locator("h2", has_text=t(key, "en"))).first


def modes(area):
    """The ways of entering votes the poll's toggle offers, as the chair reads them."""
    return [b.strip() for b in area.locator(".widget-toggle-buttons").last.locator("button").all_inner_texts()]


def option_box(area, text):
    """The number box in front of an option of the poll's ballot."""
    return (
        area.locator(".widget-hbox").filter(has=area.page.locator(".rt-option-label", has_text=text)).locator("input")
    )


def enter_org_ballot(area, org, dots):
    area.locator("select").filter(has_text=org).first.select_option(label=org)
    for text, n in dots.items():
        option_box(area, text).fill(str(n))
    area.get_by_role("button", name=re.compile("Enter ballot")).click()


def button(area, text):
    """A button by its label (its icon, drawn by the icon font, comes first in its name)."""
    return area.get_by_role("button", name=re.compile(re.escape(text) + "$"))


def open_new_poll(area, page):
    area.get_by_text(t("head.new_poll", "en"), exact=True).click()
    page.wait_for_timeout(1500)  # opening it lists the items captured so far


def test_session_3_voting_cannot_be_mixed_up(lab, chair_page):
    page = chair_page
    with Store(lab.db, actor="chair:s3") as store:
        for text in RECOMMENDATIONS:
            store.add_item("s3", "recommendation", text_en=text)
    run_all(page, lab, "03_local_to_global.ipynb", page.locator(".rt-phase h2").get_by_text("Vote").first)
    vote = phase(page, "phase.vote")
    vote.scroll_into_view_if_needed()

    # A poll by organisation, on the pre-filled title.
    open_new_poll(vote, page)
    expect(vote.locator("input[type=text]").first).to_have_value(PRIORITY)
    vote.locator("select").filter(has_text="One vote per organisation").select_option(label="One vote per organisation")
    vote.get_by_role("button", name=re.compile("Open the poll")).click()
    expect(vote.get_by_text("one ballot per organisation, nobody needs to be registered")).to_be_visible(timeout=15_000)
    with lab.store() as store:
        [poll] = store.polls(session="s3")
    # Before any ballot every way is offered.
    assert modes(vote) == ["By organisation", "Numbered ballots", "Per participant", "Show of hands"]

    # A second poll with the same title: said at the title box, refused on Open, nothing written.
    open_new_poll(vote, page)
    taken = f"A poll titled “{PRIORITY}” already exists"
    expect(vote.get_by_text(taken)).to_be_visible(timeout=15_000)
    shot(page, "voting-title-taken")
    vote.get_by_role("button", name=re.compile("Open the poll")).click()
    page.wait_for_timeout(1500)
    expect(vote.get_by_text(taken)).to_be_visible()
    with lab.store() as store:
        assert [p["id"] for p in store.polls(session=poll["session"])] == [poll["id"]]
    vote.get_by_text(t("head.new_poll", "en"), exact=True).click()  # folded again

    # MAP's ballot: then only organisations' ballots are offered, never a show of hands.
    enter_org_ballot(vote, "MAP Foundation", {RECOMMENDATIONS[0]: 2, RECOMMENDATIONS[1]: 1})
    expect(vote.get_by_text("Ballot saved.")).to_be_visible(timeout=15_000)
    expect(vote.get_by_text("Ballots are already entered this way")).to_be_visible(timeout=15_000)
    assert modes(vote) == ["By organisation"]
    assert vote.get_by_role("button", name="Show of hands").count() == 0
    shot(page, "voting-org-ballot-only-orgs")

    # Four dots on an organisation's ballot: said for organisations; nothing written.
    fed = "Foundation for Education and Development"
    enter_org_ballot(vote, fed, {RECOMMENDATIONS[0]: 2, RECOMMENDATIONS[1]: 2})
    expect(vote.get_by_text("4 dots used; each organisation has 3.")).to_be_visible(timeout=15_000)
    assert vote.get_by_text("each participant has").count() == 0
    # -1: a negative number is named as such, not "The ballot is empty".
    option_box(vote, RECOMMENDATIONS[1]).fill("0")
    option_box(vote, RECOMMENDATIONS[0]).fill("-1")
    vote.get_by_role("button", name=re.compile("Enter ballot")).click()
    expect(vote.get_by_text("A number of votes cannot be negative (got -1)")).to_be_visible(timeout=15_000)
    assert vote.get_by_text("The ballot is empty").count() == 0
    shot(page, "voting-negative")
    with lab.store() as store:
        assert [(b["voter_kind"], b["voter"]) for b in store.ballots(poll["id"])] == [("organisation", "map")]

    # FED ties MAP's first place: 3 dots each on the first two recommendations.
    enter_org_ballot(vote, fed, {RECOMMENDATIONS[0]: 1, RECOMMENDATIONS[1]: 2})
    expect(vote.get_by_text("Ballot saved.")).to_be_visible(timeout=15_000)
    # Presenting (the default) keeps the results, and so the tie, off the mirrored screen.
    assert vote.get_by_text("Tie at the top").count() == 0
    button(vote, t("presenting.on", "en")).click()
    expect(vote.get_by_text("Tie at the top: 2 options share first place.")).to_be_visible(timeout=15_000)
    expect(vote.get_by_text(t("poll.tie_close_first", "en"))).to_be_visible()
    runoff = button(vote, t("button.runoff", "en"))
    expect(runoff).to_be_hidden()  # a runoff only once the poll is closed
    shot(page, "voting-tie-open")

    # Close asks first; Cancel keeps the poll open.
    close = button(vote, "Close poll")
    close.click()
    expect(button(vote, "Close voting: are you sure?")).to_be_visible(timeout=15_000)
    expect(vote.get_by_text("No more ballots can be entered once the poll is closed.")).to_be_visible()
    shot(page, "voting-close-asks")
    button(vote, "Cancel").click()
    expect(close).to_be_visible(timeout=15_000)
    expect(button(vote, "Cancel")).to_be_hidden()
    with lab.store() as store:
        assert store.get_poll(poll["id"])["status"] == "open"
    # Close, confirmed: the poll is closed and its buttons cannot be clicked.
    close.click()
    button(vote, "Close voting: are you sure?").click()
    expect(vote.get_by_text("Poll closed: its results are frozen.")).to_be_visible(timeout=15_000)
    with lab.store() as store:
        assert store.get_poll(poll["id"])["status"] == "closed"
    expect(vote.get_by_role("button", name="By organisation")).to_be_disabled()
    expect(vote.get_by_role("button", name=re.compile("Enter ballot"))).to_be_disabled()
    expect(option_box(vote, RECOMMENDATIONS[0])).to_be_disabled()
    expect(vote.locator("select").filter(has_text=PRIORITY)).to_contain_text("(closed)")
    expect(runoff).to_be_visible()
    shot(page, "voting-closed")

    # Reopen: open again, and the history says so.
    button(vote, "Reopen poll").click()
    expect(vote.get_by_text("Poll reopened")).to_be_visible(timeout=15_000)
    expect(vote.get_by_role("button", name="By organisation")).to_be_enabled()
    with lab.store() as store:
        assert store.get_poll(poll["id"])["status"] == "open"
        actions = [h["action"] for h in store.history(entity_id=poll["id"])]
        assert actions[:2] == ["reopen", "close"]

    # Closed again, the tie is broken by a runoff between the tied options, in one click.
    close.click()
    button(vote, "Close voting: are you sure?").click()
    expect(runoff).to_be_visible(timeout=15_000)
    runoff.click()
    runoff_title = f"Runoff: {PRIORITY}"
    expect(vote.get_by_text(f"Runoff opened: {runoff_title}.")).to_be_visible(timeout=15_000)
    with lab.store() as store:
        later = [p for p in store.polls(session="s3") if p["id"] != poll["id"]]
    assert [(p["title_en"], p["method"], p["status"]) for p in later] == [(runoff_title, "single", "open")]
    assert sorted(o["label_en"] for o in later[0]["options"]) == sorted(RECOMMENDATIONS[:2])
    # The board shows the runoff, its ballots by organisation as the tied poll's were.
    expect(vote.locator("h3", has_text=runoff_title)).to_be_visible(timeout=15_000)
    button(vote, t("presenting.off", "en")).click()  # presenting again
    expect(button(vote, t("presenting.on", "en"))).to_be_visible(timeout=15_000)
    shot(page, "voting-runoff")
    assert_nothing_cut(page, "session 3 voting")


def test_how_was_the_day_once_and_a_scale_takes_no_hands(lab, chair_page):
    page = chair_page
    run_all(page, lab, "05_conclusions.ipynb", page.locator(".rt-phase h2").get_by_text("Feedback on the day").first)
    feedback = phase(page, "phase.feedback")
    feedback.scroll_into_view_if_needed()
    open_new_poll(feedback, page)
    expect(feedback.locator("input[type=text]").first).to_have_value("How was the day?")
    feedback.get_by_role("button", name=re.compile("Open the poll")).click()
    expect(feedback.locator("h3", has_text="How was the day?")).to_be_visible(timeout=15_000)  # the new poll's panel
    with lab.store() as store:
        [poll] = store.polls(session="conclusions")
    assert poll["method"] == "scale"
    # A 1-5 scale cannot come from hands: the way is not even shown.
    assert "Show of hands" not in modes(feedback) and modes(feedback)
    # The pre-filled title again: refused before anything is written.
    open_new_poll(feedback, page)
    taken = "A poll titled “How was the day?” already exists"
    expect(feedback.get_by_text(taken)).to_be_visible(timeout=15_000)
    feedback.get_by_role("button", name=re.compile("Open the poll")).click()
    page.wait_for_timeout(1500)
    with lab.store() as store:
        assert [p["id"] for p in store.polls(session=poll["session"])] == [poll["id"]]
    shot(page, "voting-how-was-the-day-taken")
    assert_nothing_cut(page, "feedback poll")
