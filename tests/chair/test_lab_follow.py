"""The chair's screen follows the store in a real JupyterLab (Debian's Chromium at 1366x768): a
participant registered at another desk (a second Store on the database, as 00_registration's
kernel writes) is offered in the poll's voter dropdown, and an item captured on another laptop
shows in the latest entries, with no click, no Refresh and no Run All; what the chair had typed
(a text, a ballot's counts) stays. Screenshots in test-artifacts/jupyterlab/follow-*.png."""

import time

import pytest
from playwright.sync_api import expect

from roundtable_lib import Store
from roundtable_lib.meeting.labels import t
from tests.helpers.jupyterlab import record, run_all, shot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RECOMMENDATIONS = ("Recognise domestic work as work", "Safe complaint channels for migrant workers")
TYPED = "Typed here while another laptop writes"


def phase(page, key):
    """A phase of the chair's screen, by its heading."""
    return page.locator(".rt-phase").filter(has=page.locator("h2", has_text=t(key, "en"))).first


def option_box(area, text):
    """The number box in front of an option of the poll's ballot."""
    return (
        area.locator(".widget-hbox").filter(has=area.page.locator(".rt-option-label", has_text=text)).locator("input")
    )


def test_session_3_follows_what_other_kernels_write(lab, chair_page):
    page = chair_page
    with Store(lab.db, actor="chair:s3") as store:
        recs = [store.add_item("s3", "recommendation", text_en=text)["id"] for text in RECOMMENDATIONS]
        store.create_poll("s3", "Follow the room", options=recs, method="dots", budget=3, per_option_limit=2)
    run_all(page, lab, "03_local_to_global.ipynb", page.locator(".rt-phase h2").get_by_text("Vote").first)

    # The chair is half-way through a recommendation and a ballot.
    recommendations = phase(page, "phase.recommendations")
    recommendations.scroll_into_view_if_needed()
    box = recommendations.locator("textarea").first
    box.fill(TYPED)
    vote = phase(page, "phase.vote")
    vote.scroll_into_view_if_needed()
    vote.locator(".widget-toggle-buttons").last.get_by_text(t("voter.participant", "en"), exact=True).click()
    expect(vote.get_by_text("Nobody is registered yet")).to_be_visible(timeout=15_000)
    assert "press Refresh" not in vote.inner_text()
    option_box(vote, RECOMMENDATIONS[0]).fill("2")
    page.wait_for_timeout(1000)  # the typed count reaches the kernel
    shot(page, "follow-nobody-registered")

    # 00_registration's kernel registers someone: offered here with no click.
    with Store(lab.db, actor="chair:registration") as registration:
        registration.add_participant("Somchai Late", "fed")
    registered = time.monotonic()
    voters = vote.locator(".widget-dropdown").filter(has_text=t("field.participant", "en")).locator("select")
    expect(voters.locator("option", has_text="Somchai Late")).to_have_count(1, timeout=20_000)
    seconds = time.monotonic() - registered
    expect(vote.get_by_text("Nobody is registered yet")).to_have_count(0)
    expect(voters).to_be_visible()
    expect(option_box(vote, RECOMMENDATIONS[0])).to_have_value("2")  # the ballot's counts stay
    expect(box).to_have_value(TYPED)
    shot(page, "follow-participant-offered")
    record(f"follow: a participant registered in another kernel offered in the voter dropdown after {seconds:.1f} s")

    # Another laptop captures a recommendation in session 3: it shows in the latest entries.
    with Store(lab.db, actor="chair:s3-laptop2") as laptop:
        laptop.add_item("s3", "recommendation", text_en="Captured on the other laptop", org="map")
    captured = time.monotonic()
    recommendations.scroll_into_view_if_needed()
    expect(recommendations.get_by_text("Captured on the other laptop")).to_be_visible(timeout=20_000)
    seconds = time.monotonic() - captured
    expect(box).to_have_value(TYPED)  # the text being typed survives the redraw
    shot(page, "follow-entry-captured")
    record(f"follow: an item captured on another laptop in the latest entries after {seconds:.1f} s")

    # Saving what was typed still works, after the redraws.
    recommendations.get_by_role("button", name=t("kind.recommendation", "en"), exact=True).click()
    recommendations.get_by_role("button", name=f"{t('button.save_as', 'en')} {t('kind.recommendation', 'en')}").click()
    expect(recommendations.get_by_text(TYPED).first).to_be_visible(timeout=15_000)
    with lab.store() as store:
        assert TYPED in [i["text_en"] for i in store.items(session="s3")]
