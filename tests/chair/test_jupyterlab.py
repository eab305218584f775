"""Proof in the real thing: a real JupyterLab started the way `roundtable serve` starts it, the
chair notebooks in it, Debian's Chromium at a chair laptop's 1366x768, driven by clicking and
typing as a chair would. Each step asserts on the page and on the database and keeps a
screenshot in test-artifacts/jupyterlab/; the figures (time to a usable form, clicks and keys
to capture one item) go to test-artifacts/jupyterlab/figures.txt."""

import re

import pytest
from playwright.sync_api import expect

from roundtable_lib import Store
from roundtable_lib.chair.facilitation import TIMER_KEY, speaker_queue
from roundtable_lib.chair.screen import set_chair_lang
from roundtable_lib.meeting.labels import LABELS, pick, t
from tests.helpers import ROOT
from tests.helpers.jupyterlab import (
    CLOCK,
    SCREENS,
    SHOTS,
    assert_nothing_cut,
    clock_seconds,
    record,
    run_all,
    shot,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_session_2_as_a_chair_runs_it(lab, chair_page):
    page = chair_page
    form = page.locator(".rt-phase").nth(1)  # presentations: the timer and the capture form
    seconds = run_all(page, lab, "02_implementation_updates.ipynb", page.get_by_text("Save as Progress").first)
    record(f"02_implementation_updates: {seconds:.1f} s from opening the notebook to a usable form (Run All included)")
    # No news toast, no kernel dialog; the view is at the top, code hidden.
    assert page.locator(".jp-Notification-Toast").count() == 0
    assert page.locator(".jp-Dialog").count() == 0
    expect(page.get_by_text("Before the session")).to_be_in_viewport()
    expect(page.get_by_text("We are now in this session")).to_be_in_viewport()
    shot(page, "02-after-run-all")
    screens = page.evaluate(SCREENS)
    record(f"02_implementation_updates: {screens:.1f} screens tall at 1366x768 after Run All (was about 5.6)")
    assert screens < 5.6
    assert_nothing_cut(page, "session 2 in English")

    # We are now in this session.
    page.get_by_text("We are now in this session").click()
    expect(page.get_by_text("Dashboards now follow this session.")).to_be_visible()
    with lab.store() as store:
        assert store.current_session() == "s2"

    # Capture one item: pick the organisation, type English, click the Thai box and type, Tab,
    # Enter. Counted as a chair would press them.
    clicks = keys = 0
    presentations = form
    presentations.scroll_into_view_if_needed()
    presentations.locator("select").nth(1).select_option(label="MAP Foundation")
    clicks += 2  # open the list, choose
    english = form.locator("textarea").nth(0)
    english.click()
    clicks += 1
    english.type("Radio show reaches 30,000 listeners")
    keys += len("Radio show reaches 30,000 listeners")
    thai = form.locator("textarea").nth(1)
    thai.click()
    clicks += 1
    thai.type("รายการวิทยุมีผู้ฟัง 30,000 คน")
    keys += len("รายการวิทยุมีผู้ฟัง 30,000 คน")
    page.keyboard.press("Shift+Tab")  # back to the English box: the chair's language ...
    page.keyboard.press("Tab")  # ... Tab goes straight to Save
    expect(form.get_by_role("button", name=re.compile("Save as Progress"))).to_be_focused()
    page.keyboard.press("Enter")
    keys += 3
    expect(form.get_by_text("Saved.")).to_be_visible(timeout=15_000)
    record(f"capture one item (organisation, English, Thai, save): {clicks} clicks + {keys} keys")
    latest = form.locator(".widget-html").filter(has_text="Radio show reaches 30,000 listeners").first
    expect(latest).to_contain_text("รายการวิทยุมีผู้ฟัง 30,000 คน")  # both languages
    expect(form.get_by_text("Save as Progress")).to_be_visible()  # the kind, named on the button
    with lab.store() as store:
        [item] = store.items(session="s2")
        assert (item["kind"], item["org"], item["text_th"]) == ("progress", "map", "รายการวิทยุมีผู้ฟัง 30,000 คน")
    shot(page, "02-captured-one-item")
    assert_nothing_cut(page, "latest entries")

    # A synergy linking three organisations, ticked (no Ctrl-click), all eight visible.
    synergies = page.locator(".rt-phase").nth(3)
    synergies.scroll_into_view_if_needed()
    boxes = synergies.locator(".widget-checkbox input[type=checkbox]:visible")
    assert boxes.count() == 8 + 1  # eight organisations and Sensitive (a recommendation's addressees are hidden)
    for name in ("MAP Foundation", "Migrant Forum in Asia", "Thai Red Cross Society"):
        synergies.locator(".widget-checkbox").get_by_text(name, exact=True).click()
    synergies.locator("textarea").first.fill("Joint referral desk at the border")
    synergies.get_by_role("button", name=re.compile("Save as Synergy")).click()
    expect(synergies.get_by_text("Saved.")).to_be_visible(timeout=15_000)
    expect(synergies.get_by_text(re.compile(r"Organisations: MAP, MFA, Thai Red Cross"))).to_be_visible()
    with lab.store() as store:
        [synergy] = store.items(session="s2", kind="synergy")
        assert synergy["orgs"] == ["map", "mfa", "trc"]
    shot(page, "02-synergy-three-organisations")
    assert_nothing_cut(page, "synergy form")

    # Q&A: Enter in the speaker queue's name box adds the name.
    qa = page.locator(".rt-phase").nth(2)
    qa.scroll_into_view_if_needed()
    name_box = qa.get_by_role("combobox", name="Name")  # a combobox of the registered names
    name_box.click()
    name_box.type("Ms Aye")
    name_box.press("Enter")
    expect(qa.get_by_text("1. Ms Aye")).to_be_visible(timeout=15_000)
    with lab.store() as store:
        assert [e["name"] for e in speaker_queue(store, "s2")] == ["Ms Aye"]
    shot(page, "02-speaker-queued-with-enter")

    # The timer: start, see it count, save, reload the page, and it still counts.
    presentations.scroll_into_view_if_needed()
    presentations.get_by_role("button", name=re.compile("Start")).click()
    page.locator(".jp-OutputArea").get_by_text(CLOCK).first.wait_for(timeout=15_000)
    first = clock_seconds(page)
    page.wait_for_timeout(3000)
    assert clock_seconds(page) < first  # counting down
    with lab.store() as store:
        assert store.get_state(TIMER_KEY)["running"] is True
    shot(page, "02-timer-running")
    page.keyboard.press("Control+s")
    page.wait_for_timeout(1500)
    page.reload()
    page.locator(".jp-OutputArea").get_by_text(CLOCK).first.wait_for(timeout=120_000)
    page.wait_for_timeout(2500)
    after_reload = clock_seconds(page)
    page.wait_for_timeout(4000)
    assert clock_seconds(page) < after_reload, "the timer froze after a reload"
    shot(page, "02-timer-after-reload")

    # Thai, without editing code: the switch at the top, remembered in the database.
    page.locator(".jp-OutputArea").get_by_text("ไทย", exact=True).first.click()
    expect(page.get_by_text("ก่อนเริ่มช่วงการประชุม")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("ระหว่างการประชุม: การนำเสนอ (จับเวลาและบันทึก)")).to_be_visible()
    with lab.store() as store:
        assert store.get_state("chair_lang:chair:s2") == "th"
    page.wait_for_timeout(1000)
    shot(page, "02-thai")
    assert_nothing_cut(page, "session 2 in Thai")


@pytest.mark.parametrize(
    "notebook, ready",
    [
        ("00_registration.ipynb", "Registration and attendance"),
        ("01_welcome_and_background.ipynb", "Agenda and objectives"),
        ("03_local_to_global.ipynb", "Avenues and joint recommendations"),
        ("04_capacity_building.ipynb", "Needs per organisation"),
        ("05_conclusions.ipynb", "Action items"),
    ],
)
def test_every_chair_notebook_runs_all_and_opens_at_the_top(lab, chair_page, notebook, ready):
    page = chair_page
    seconds = run_all(page, lab, notebook, page.locator(".rt-phase h2").get_by_text(ready).first)
    record(f"{notebook.removesuffix('.ipynb')}: {seconds:.1f} s from opening the notebook to a usable screen")
    assert page.locator(".jp-Notification-Toast").count() == 0
    expect(page.locator(".jp-OutputArea").get_by_text("Language · ภาษา").first).to_be_in_viewport()
    shot(page, notebook.removesuffix(".ipynb"))
    assert_nothing_cut(page, notebook)


def test_session_3_vote_with_nobody_registered(lab, chair_page):
    page = chair_page
    run_all(page, lab, "03_local_to_global.ipynb", page.locator(".rt-phase h2").get_by_text("Vote").first)
    recommendations, vote = page.locator(".rt-phase").nth(2), page.locator(".rt-phase").nth(3)

    # Two joint recommendations, typed and saved as a chair would.
    recommendations.scroll_into_view_if_needed()
    recommendations.get_by_role("button", name="Joint recommendation", exact=True).click()
    for text in ("Recognise domestic work as work", "Cross-border referral of trafficking survivors"):
        recommendations.locator("textarea").first.fill(text)
        recommendations.get_by_role("button", name=re.compile("Save as Joint recommendation")).click()
        expect(recommendations.get_by_text(text).first).to_be_visible(timeout=15_000)
    with lab.store() as store:
        assert len(store.items(session="s3", kind="recommendation")) == 2

    # A poll by organisation on both, opened by clicking: nobody is registered.
    vote.scroll_into_view_if_needed()
    vote.get_by_text("New poll", exact=True).click()
    page.wait_for_timeout(1500)  # opening it lists the items captured so far
    for text in ("Recognise domestic work as work", "Cross-border referral of trafficking survivors"):
        box = vote.locator(".widget-checkbox", has_text=text).last
        expect(box.locator("input[type=checkbox]")).to_be_checked()  # the session's items come ticked
    vote.locator("select").filter(has_text="One vote per organisation").select_option(label="One vote per organisation")
    vote.get_by_role("button", name=re.compile("Open the poll")).click()
    expect(vote.get_by_text("one ballot per organisation, nobody needs to be registered")).to_be_visible(timeout=15_000)
    with lab.store() as store:
        [poll] = store.polls(session="s3")
        assert store.participants() == []
    shot(page, "03-poll-open")

    # MAP's ballot: two dots on the first recommendation.
    vote.locator("select").filter(has_text="MAP Foundation").first.select_option(label="MAP Foundation")
    vote.locator(".rt-option-label", has_text="domestic work").locator("xpath=../../..").locator(
        "input[type=number]"
    ).fill("2")
    vote.get_by_role("button", name=re.compile("Enter ballot")).click()
    expect(vote.get_by_text("Ballot saved.")).to_be_visible(timeout=15_000)
    with lab.store() as store:
        [ballot] = store.ballots(poll["id"])
        assert (ballot["voter_kind"], ballot["voter"]) == ("organisation", "map")
    # Presenting (the default): nothing of the result on the chair's (mirrored) screen yet.
    assert vote.get_by_role("columnheader", name="Score").count() == 0
    shot(page, "03-ballot-entered-presenting")

    # Reveal: the dashboards may now show the result.
    vote.get_by_role("button", name=re.compile("Reveal results on dashboards")).click()
    expect(vote.get_by_role("button", name=re.compile("Hide results from dashboards"))).to_be_visible(timeout=15_000)
    with lab.store() as store:
        assert store.get_poll(poll["id"])["revealed"] is True
    shot(page, "03-revealed")
    assert_nothing_cut(page, "session 3 vote")


# ---------------------------------------------------------------- session 4, driven in Thai

# Words of the workbook's English labels that must not be left on a chair's screen switched to
# Thai (every English label whose Thai differs); organisation, people's and file names are not
# labels, and the language switch is labelled in both languages and names each in its own.
ENGLISH_LABELS = sorted(
    {en for en, th in LABELS.values() if en != th and len(en) >= 4 and re.search("[A-Za-z]", en)}, key=len, reverse=True
)
BILINGUAL = {"Language · ภาษา", "English"}
SCREEN_TEXTS = """() => [...document.querySelectorAll(
    '.jp-OutputArea h2, .jp-OutputArea h3, .jp-OutputArea .widget-button, .jp-OutputArea .widget-toggle-button,'
    + ' .jp-OutputArea .widget-label, .jp-OutputArea .widget-label-basic span,'
    + ' .jp-OutputArea .jupyter-widget-Collapse-header, .jp-OutputArea .lm-AccordionPanel-title')]
  .filter(e => e.offsetParent !== null).map(e => e.innerText.trim()).filter(s => s)"""
FINDINGS = (
    "organisation,area,score\nmap,Digital security,2\nmfa,Digital security,4\nmap,Fund raising,1\nmfa,Fund raising,3\n"
)
SECRET_NEED = "Safe house address list kept on paper"


def english_left(page):
    """Visible headings, labels and buttons of the chair's screen that still say an English label."""
    texts = [text for text in page.evaluate(SCREEN_TEXTS) if text not in BILINGUAL]
    return [
        (text, [en for en in ENGLISH_LABELS if en in text])
        for text in texts
        if any(en in text for en in ENGLISH_LABELS)
    ]


def test_session_4_in_thai_end_to_end(lab, chair_page, tmp_path):
    from roundtable_lib import load_meeting
    from tests.helpers import VoilaServer

    page, th = chair_page, "th"
    meeting = load_meeting(ROOT / "data" / "meeting.yaml")
    run_all(page, lab, "04_capacity_building.ipynb", page.locator(".rt-phase h2").get_by_text("Needs per").first)
    findings, needs, vote = (page.locator(".rt-phase").nth(i) for i in (1, 2, 3))

    # The screen switched to Thai on screen, no code edited: every heading, label and button Thai.
    page.locator(".jp-OutputArea").get_by_text("ไทย", exact=True).first.click()
    expect(page.locator(".rt-phase h2").get_by_text(t("phase.needs", th))).to_be_visible(timeout=20_000)
    for key in ("phase.before", "phase.findings", "phase.vote", "phase.training"):
        expect(page.locator(".rt-phase h2").get_by_text(t(key, th), exact=True)).to_have_count(1)
    page.wait_for_timeout(1500)
    assert english_left(page) == []
    with lab.store() as store:
        assert store.get_state("chair_lang:chair:s4") == "th"
        assert store.capacity_assessment() is None  # nothing stored: no sample areas offered
    assert needs.locator("datalist option").count() == 0
    shot(page, "04-thai")
    assert_nothing_cut(page, "session 4 in Thai")

    # Load the findings file by typing its path, Load, then Confirm.
    path = tmp_path / "june-findings.csv"
    path.write_text(FINDINGS, encoding="utf-8")
    findings.scroll_into_view_if_needed()
    findings.locator("input[type=text]").first.fill(str(path))
    findings.locator(f"button[title='{t('button.load', th)}']").click()  # not "Undo load"
    confirm = findings.get_by_role("button", name=t("capacity.confirm", th))
    expect(confirm).to_be_visible(timeout=15_000)
    with lab.store() as store:
        assert store.capacity_assessment() is None  # checked, not stored before Confirm
    shot(page, "04-thai-load-asks-to-confirm")
    confirm.click()
    expect(findings.get_by_text(t("msg.capacity_loaded", th).split(":")[0])).to_be_visible(timeout=15_000)
    with lab.store() as store:
        stored = store.capacity_assessment()
        assert (stored.source, len(stored.rows)) == ("june-findings.csv", 4)
        assert stored.areas == ["Digital security", "Fund raising"]
    shot(page, "04-thai-assessment-loaded")
    # ... offered at once as the needs' areas
    expect(needs.locator("datalist option[value='Digital security']")).to_have_count(1, timeout=15_000)

    # The capacity dashboard (a real Voila on the same database) shows the new file.
    voila = VoilaServer(lab.db, tmp_path)
    try:
        board = page.context.new_page()
        board.goto(voila.url("capacity.ipynb"), timeout=120_000)
        board.get_by_text("From june-findings.csv", exact=False).wait_for(timeout=120_000)
        heat = board.locator("table.rt-heat")
        assert heat.locator("th", has_text="Digital security").count() == 1
        assert heat.locator("th", has_text="Governance and leadership").count() == 0  # not the sample
        board.screenshot(path=str(SHOTS / "04-capacity-dashboard.png"))
        board.close()
    finally:
        voila.stop()

    # Capture two needs and a sensitive one, in Thai and English.
    needs.scroll_into_view_if_needed()
    save = needs.get_by_role("button", name=re.compile(t("button.save_as", th)))
    for org, area, en, thai, sensitive in (
        ("map", "Digital security", "Digital security training for field staff", "อบรมความปลอดภัยดิจิทัล", False),
        ("mfa", "Fund raising", "Fund raising from local donors", "การระดมทุนจากผู้บริจาคในประเทศ", False),
        ("map", "Digital security", SECRET_NEED, "", True),
    ):
        needs.locator("select").first.select_option(label=pick(meeting.org(org).name, th))
        needs.get_by_role("combobox", name=t("field.area", th)).fill(area)
        needs.locator("textarea").nth(0).fill(en)
        needs.locator("textarea").nth(1).fill(thai)
        if sensitive:
            needs.locator(".widget-checkbox", has_text=t("field.sensitive", th)).locator("input").check()
        save.click()
        locked = needs.locator(".widget-html:has(.rt-icon-lock)")
        shown = needs.locator(".widget-html", has_text=thai) if thai else locked
        expect(shown.first).to_be_visible(timeout=15_000)
    with lab.store() as store:
        captured = store.items(session="s4", kind="need")
        assert [(i["org"], i["attrs"]["area"], i["sensitive"]) for i in captured] == [
            ("map", "Digital security", False),
            ("mfa", "Fund raising", False),
            ("map", "Digital security", True),
        ]
    assert SECRET_NEED not in page.inner_text("body")  # presenting: captured, not shown
    shot(page, "04-thai-needs-captured")

    # A vote on the priority needs with nobody registered: numbered paper ballots.
    vote.scroll_into_view_if_needed()
    vote.get_by_text(t("head.new_poll", th), exact=True).click()
    page.wait_for_timeout(1500)
    for text in ("อบรมความปลอดภัยดิจิทัล", "การระดมทุนจากผู้บริจาคในประเทศ"):
        expect(vote.locator(".widget-checkbox", has_text=text).locator("input")).to_be_checked()
    assert vote.locator(".widget-checkbox", has_text=SECRET_NEED).count() == 0  # never an option
    vote.get_by_role("button", name=re.compile(t("button.create_poll", th))).click()
    expect(vote.get_by_text(t("voter.help_ballot", th)[:40])).to_be_visible(timeout=15_000)
    counts = vote.locator(".widget-hbox:has(.rt-option-label) input[type=number]")
    for number, dots in ((1, ("2", "1")), (2, ("2", "0"))):
        counts.nth(0).fill(dots[0])
        counts.nth(1).fill(dots[1])
        vote.get_by_role("button", name=re.compile(t("button.enter_ballot", th))).click()
        expect(vote.get_by_text(t("msg.numbered_ballot_saved", th).format(n=number))).to_be_visible(timeout=15_000)
    with lab.store() as store:
        [poll] = store.polls(session="s4")
        assert sorted((b["voter_kind"], b["voter"]) for b in store.ballots(poll["id"])) == [
            ("ballot", "1"),
            ("ballot", "2"),
        ]
        assert store.participants() == []

    # Presenting (the default): no results, no running totals, no sensitive need on the screen.
    score = vote.get_by_role("columnheader", name=t("poll.score", th), exact=True)
    assert score.count() == 0 and vote.locator("table.rt-table").count() == 0
    expect(vote.get_by_text(t("presenting.results_hidden", th))).to_be_visible()
    assert SECRET_NEED not in page.inner_text("body")
    shot(page, "04-thai-ballots-presenting")
    # Presenting off (the chair looks, not mirrored): the results and the sensitive need show.
    vote.get_by_role("button", name=t("presenting.on", th)).click()
    expect(score).to_be_visible(timeout=15_000)
    expect(page.get_by_text(SECRET_NEED).first).to_be_visible(timeout=15_000)
    shot(page, "04-thai-presenting-off")
    vote.get_by_role("button", name=t("presenting.off", th)).click()
    expect(score).to_have_count(0, timeout=15_000)
    assert SECRET_NEED not in page.inner_text("body")

    # Reveal: the dashboards may now show the result.
    vote.get_by_role("button", name=re.compile(t("button.reveal", th))).click()
    expect(vote.get_by_role("button", name=re.compile(t("button.hide", th)))).to_be_visible(timeout=15_000)
    with lab.store() as store:
        assert store.get_poll(poll["id"])["revealed"] is True
    shot(page, "04-thai-revealed")
    assert english_left(page) == []
    assert_nothing_cut(page, "session 4 vote in Thai")


# ---------------------------------------------------------------- projector safety, sessions 2-4

PRESENTING_ON = re.compile("|".join(re.escape(t("presenting.on", lang)) for lang in ("en", "th")))
PRESENTING_OFF = re.compile("|".join(re.escape(t("presenting.off", lang)) for lang in ("en", "th")))
VOTE_PHASE = re.compile("|".join(re.escape(t("phase.vote", lang)) for lang in ("en", "th")))


@pytest.mark.parametrize(
    "notebook, session, kind",
    [
        ("02_implementation_updates.ipynb", "s2", "progress"),
        ("03_local_to_global.ipynb", "s3", "recommendation"),
        ("04_capacity_building.ipynb", "s4", "need"),
    ],
)
def test_a_mirrored_chair_screen_shows_no_sensitive_item_and_no_unrevealed_score(
    lab, chair_page, notebook, session, kind
):
    """Captured earlier (by this chair or another): a sensitive item and, where the session
    votes, a poll with two ballots not revealed. While presenting, neither the item's text nor
    the poll's scores are anywhere in the page; with presenting off the chair sees both."""
    page = chair_page
    secret = f"Shelter on Soi {session[-1]}7, back door code 4471"
    attrs = {"area": "Shelter"} if kind == "need" else None
    with Store(lab.db, actor=f"chair:{session}") as store:
        store.add_item(session, kind, text_en=secret, org="map", sensitive=True, attrs=attrs)
        poll = None
        if session != "s2":
            options = [
                store.add_item(session, kind, text_en=f"Projector check option {n}", org="fed", attrs=attrs)["id"]
                for n in (1, 2)
            ]
            poll = store.create_poll(session, f"Projector check {session}", options=options, budget=3)
            ids = [o["id"] for o in poll["options"]]
            store.cast_ballot(poll["id"], voter="1", voter_kind="ballot", allocations={ids[0]: 2, ids[1]: 1})
            store.cast_ballot(poll["id"], voter="2", voter_kind="ballot", allocations={ids[0]: 2})
    run_all(page, lab, notebook, page.locator(".rt-phase h2").first)
    page.wait_for_timeout(2000)
    results = page.locator(".rt-phase", has=page.locator("h2", has_text=VOTE_PHASE)).locator("table.rt-table")

    body = page.inner_text("body")
    assert secret not in body
    if poll is not None:
        assert results.count() == 0  # no ranking, no scores, no votes per option
        assert "Projector check option 1" in body  # the poll is on screen, its results are not
    hidden = "|".join(re.escape(t("head.hidden_presenting", lang)) for lang in ("en", "th"))
    page.get_by_text(re.compile(hidden)).first.scroll_into_view_if_needed()  # the sensitive item's place
    shot(page, f"projector-{session}-presenting")

    page.locator(".jp-OutputArea .widget-toggle-button").filter(has_text=PRESENTING_ON).first.click()
    expect(page.get_by_text(secret).first).to_be_attached(timeout=15_000)
    if poll is not None:
        expect(results).to_have_count(1, timeout=15_000)
        expect(results).to_contain_text("Projector check option 1")
    page.get_by_text(secret).first.scroll_into_view_if_needed()
    shot(page, f"projector-{session}-presenting-off")

    page.locator(".jp-OutputArea .widget-toggle-button").filter(has_text=PRESENTING_OFF).first.click()
    expect(page.get_by_text(secret)).to_have_count(0, timeout=15_000)
    assert secret not in page.inner_text("body")
    if poll is not None:
        expect(results).to_have_count(0, timeout=15_000)
        with lab.store() as store:
            assert store.get_poll(poll["id"])["revealed"] is False


# ---------------------------------------------------------------- projector safety: every path to the screen

HIDDEN_ITEM = re.compile("|".join(re.escape(t("head.hidden_presenting", lang)) for lang in ("en", "th")))
SECRET_EN = "Employer in Mae Sot holds the passports of twelve workers"
SECRET_TH = "นายจ้างบางรายในแม่สอดยึดหนังสือเดินทางของแรงงานสิบสองคน"
# What the page holds beyond its HTML: the values typed into (or put in) its text boxes.
FIELD_VALUES = """() => [...document.querySelectorAll('.jp-OutputArea textarea, .jp-OutputArea input')]
  .map(e => e.value + ' ' + (e.placeholder || '')).join('\\n')"""


def assert_secret_nowhere(page):
    """Neither language of the secret in the page's HTML, its visible text or its text boxes."""
    for where in (page.content(), page.inner_text("body"), page.evaluate(FIELD_VALUES)):
        assert SECRET_EN not in where and SECRET_TH not in where
        assert "Mae Sot" not in where and "แม่สอด" not in where


def test_presenting_edit_history_and_undo_of_a_sensitive_entry_show_nothing_of_it(lab, chair_page):
    """While presenting, a chair clicks Edit, then History, then Undo on a sensitive entry: its
    text is nowhere in the page; Presenting off loads it into the form, on again takes it away."""
    page = chair_page
    with Store(lab.db, actor="chair:s2") as store:
        # The lab is shared: an earlier test leaves Session 2's chair in Thai (remembered in the
        # database); this one reads the English screen.
        set_chair_lang(store, "chair:s2", "en")
        secret = store.add_item("s2", "challenge", text_en=SECRET_EN, text_th=SECRET_TH, org="map", sensitive=True)
    run_all(page, lab, "02_implementation_updates.ipynb", page.get_by_text("Save as Progress").first)
    form = page.locator(".rt-phase").nth(1)  # presentations: its form lists challenges
    row = form.locator(".widget-hbox").filter(has_text=HIDDEN_ITEM).first
    row.scroll_into_view_if_needed()
    assert_secret_nowhere(page)

    row.get_by_role("button", name="Edit", exact=True).click()
    expect(form.get_by_text(t("presenting.edit_hidden", "en"))).to_be_visible(timeout=15_000)
    expect(form.get_by_role("button", name=re.compile("Save correction"))).to_be_disabled()
    page.wait_for_timeout(1000)
    assert_secret_nowhere(page)
    shot(page, "presenting-edit-sensitive")

    row.get_by_role("button", name="History", exact=True).click()
    history = form.locator("li").filter(has_text="captured")
    expect(history.first).to_contain_text(t("head.hidden_presenting", "en"), timeout=15_000)
    page.wait_for_timeout(1000)
    assert_secret_nowhere(page)
    history.first.scroll_into_view_if_needed()
    shot(page, "presenting-history-sensitive")

    # Presenting off: the chair looks, and the entry is in the form to correct.
    page.locator(".jp-OutputArea .widget-toggle-button").filter(has_text=PRESENTING_ON).first.click()
    expect(form.locator("textarea").first).to_have_value(SECRET_EN, timeout=15_000)
    expect(form.get_by_text(SECRET_EN).first).to_be_attached()  # the list and the history too
    form.locator("textarea").first.scroll_into_view_if_needed()
    shot(page, "presenting-off-edit-sensitive")

    # On again before mirroring: the form, the list and the history give it back.
    page.locator(".jp-OutputArea .widget-toggle-button").filter(has_text=PRESENTING_OFF).first.click()
    expect(form.locator("textarea").first).to_have_value("", timeout=15_000)
    page.wait_for_timeout(1000)
    assert_secret_nowhere(page)

    # Undo takes the capture back and says so without reading it out.
    form.get_by_role("button", name=re.compile(t("button.undo", "en"))).click()
    expect(form.get_by_text(re.compile("Undone: " + HIDDEN_ITEM.pattern))).to_be_visible(timeout=15_000)
    page.wait_for_timeout(1000)
    assert_secret_nowhere(page)
    with lab.store() as store:
        assert store.get_item(secret["id"])["deleted_at"] is not None
        assert store.get_item(secret["id"])["text_en"] == SECRET_EN  # nothing blanked by the locked form
    shot(page, "presenting-undo-sensitive")


def test_presenting_voter_list_shows_nobody_as_having_voted(lab, chair_page):
    page = chair_page
    with Store(lab.db, actor="chair:s3") as store:
        set_chair_lang(store, "chair:s3", "en")  # the shared lab may hold another test's choice
        options = [store.add_item("s3", "recommendation", text_en=f"Voter list check {n}")["id"] for n in (1, 2)]
        poll = store.create_poll("s3", "Voter list check", options=options, budget=2, weighting="organisation")
        store.cast_ballot(poll["id"], allocations={poll["options"][0]["id"]: 1}, voter="map", voter_kind="organisation")
    run_all(page, lab, "03_local_to_global.ipynb", page.locator(".rt-phase h2").get_by_text("Vote").first)
    vote = page.locator(".rt-phase", has=page.locator("h2", has_text=VOTE_PHASE))
    expect(vote.get_by_role("heading", name="Voter list check")).to_be_visible(timeout=15_000)
    voters = vote.locator("select").filter(has_text="MAP Foundation").first
    voters.scroll_into_view_if_needed()
    options = [o.replace("\xa0", " ") for o in voters.locator("option").all_inner_texts()]  # drawn with no-break spaces
    assert "MAP Foundation" in options and not any("✓" in o for o in options)
    every_option = "() => [...document.querySelectorAll('.jp-OutputArea option')].map(o => o.text).join('|')"
    assert "✓" not in page.evaluate(every_option)
    shot(page, "presenting-voter-list")
    page.locator(".jp-OutputArea .widget-toggle-button").filter(has_text=PRESENTING_ON).first.click()
    expect(voters.locator("option", has_text=re.compile(r"✓\s+MAP\s+Foundation"))).to_have_count(1, timeout=15_000)
    page.locator(".jp-OutputArea .widget-toggle-button").filter(has_text=PRESENTING_OFF).first.click()
    expect(voters.locator("option", has_text="✓")).to_have_count(0, timeout=15_000)
