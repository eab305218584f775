"""Presenting covers every path to the screen: with the switch on (a kernel's default), no chair
widget puts a sensitive entry's text, or who has voted, anywhere a mirrored projector would show
it; with it off, the chair sees and corrects everything.

Headless, as ipywidgets' own tests: set ``.value``, call ``click()``, look at every value the
widget would send to the browser (its HTML, its text boxes, its drop-down options).
"""

import ipywidgets as widgets
import pytest

from roundtable_lib.chair import presenting
from roundtable_lib.chair.forms import CaptureForm
from roundtable_lib.chair.poll_panel import PollPanel
from roundtable_lib.chair.voting import PollBoard
from roundtable_lib.meeting.labels import t

SECRET_EN = "Employer in Mae Sot holds the passports of twelve workers"
SECRET_TH = "นายจ้างบางรายในแม่สอดยึดหนังสือเดินทางของแรงงานสิบสองคน"
SECRETS = (SECRET_EN, SECRET_TH, "Mae Sot", "แม่สอด")


def screen(widget):
    """Everything ``widget`` and its children would show: HTML, text boxes and their
    placeholders, descriptions, and the labels of every drop-down, radio and checkbox option."""
    out = []
    for name in ("value", "placeholder", "description", "tooltip"):
        value = getattr(widget, name, None)
        if isinstance(value, str):
            out.append(value)
    for option in getattr(widget, "options", ()) or ():
        out.append(str(option[0] if isinstance(option, tuple) else option))
    out.extend(getattr(widget, "_options_labels", ()) or ())
    for child in getattr(widget, "children", ()) or ():
        out.append(screen(child))
    return "\n".join(out)


def assert_nothing_secret(widget):
    shown = screen(widget)
    assert not [s for s in SECRETS if s in shown], shown


@pytest.fixture
def secret(fresh_store):
    return fresh_store.add_item(
        "s2", "challenge", text_en=SECRET_EN, text_th=SECRET_TH, org="map", sensitive=True, actor="chair:s2"
    )


@pytest.fixture
def form(fresh_store, secret):
    return CaptureForm(fresh_store, "s2", kinds=["progress", "challenge"], actor="chair:s2")


@pytest.mark.parametrize("lang", ["en", "th"])
def test_edit_while_presenting_loads_nothing_and_says_why(fresh_store, secret, lang):
    form = CaptureForm(fresh_store, "s2", kinds=["progress", "challenge"], actor="chair:s2", lang=lang)
    form.recent.children[0].children[1].click()  # Edit, as the chair clicks it
    assert_nothing_secret(form)
    assert form.text_en.value == form.text_th.value == "" and form.org.value is None
    assert form.kind.value == "challenge"  # as its badge in the list says
    assert form.text_en.placeholder == t("head.hidden_presenting", lang)
    assert t("presenting.edit_hidden", lang) in form.status.value
    assert form.submit.disabled and form.text_en.disabled
    # Save cannot blank the entry: a click (or Enter) on the locked form writes nothing.
    form._on_submit()
    assert fresh_store.get_item(secret["id"])["text_en"] == SECRET_EN
    assert len(fresh_store.history(entity_id=secret["id"], entity="item")) == 1


def test_presenting_off_loads_the_entry_and_saving_corrects_it(fresh_store, form, secret):
    form.edit(secret["id"])
    presenting.state().on = False
    assert (form.text_en.value, form.text_th.value, form.org.value) == (SECRET_EN, SECRET_TH, "map")
    assert form.sensitive.value and not form.submit.disabled and form.text_en.placeholder == ""
    assert form.kind.value == "challenge"
    form.text_en.value = SECRET_EN + " (confirmed)"
    form.submit.click()
    stored = fresh_store.get_item(secret["id"])
    assert stored["text_en"] == SECRET_EN + " (confirmed)" and stored["sensitive"]


def test_presenting_on_mid_correction_hides_what_was_typed_and_gives_it_back(fresh_store, form, secret):
    presenting.state().on = False
    form.edit(secret["id"])
    form.text_en.value = "Half-typed correction about Mae Sot"
    presenting.state().on = True  # the chair mirrors the screen again
    assert_nothing_secret(form)
    assert "Half-typed" not in screen(form)
    assert form.org.value is None
    presenting.state().on = False
    assert form.text_en.value == "Half-typed correction about Mae Sot"  # kept in the kernel, not lost
    assert form.text_th.value == SECRET_TH and form.sensitive.value and form.org.value == "map"


def test_undo_of_the_entry_being_corrected_unlocks_the_form(fresh_store, form, secret):
    form.edit(secret["id"])
    form.undo.click()  # takes the capture back
    assert fresh_store.get_item(secret["id"])["deleted_at"] is not None
    assert not form.submit.disabled and form.text_en.placeholder == "" and form.cancel.layout.display == "none"
    assert t("button.save_as", "en") in form.submit.description


def test_cancel_unlocks_the_form(form, secret):
    form.edit(secret["id"])
    form.cancel.click()
    assert not form.submit.disabled and not form.text_en.disabled and form.text_en.placeholder == ""
    form.org.value, form.text_en.value = "fed", "A new entry"
    form.submit.click()
    assert "A new entry" in screen(form.recent)


@pytest.mark.parametrize("lang", ["en", "th"])
def test_history_while_presenting_prints_no_text_of_a_sensitive_entry(fresh_store, secret, lang):
    fresh_store.update_item(secret["id"], text_en=SECRET_EN + ".", actor="chair:s2")
    fresh_store.delete_item(secret["id"], actor="chair:s2")
    fresh_store.undo(actor="chair:s2")
    form = CaptureForm(fresh_store, "s2", kinds=["challenge"], actor="chair:s2", lang=lang)
    form.recent.children[0].children[3].click()  # History
    assert form.history.value.count("<li>") == 4  # who and when stay: four changes
    assert form.history.value.count(t("head.hidden_presenting", lang)) == 4
    assert_nothing_secret(form)
    presenting.state().on = False  # the open history follows the switch
    assert SECRET_EN in form.history.value or SECRET_TH in form.history.value
    presenting.state().on = True
    assert_nothing_secret(form)


def test_history_of_an_entry_once_sensitive_hides_that_version_only(fresh_store, form):
    item = fresh_store.add_item("s2", "challenge", text_en=SECRET_EN, org="map", sensitive=True, actor="chair:s2")
    fresh_store.update_item(item["id"], text_en="Passports held by employers", sensitive=False, actor="chair:s2")
    form.show_history(item["id"])
    assert "Passports held by employers" in form.history.value
    assert SECRET_EN not in form.history.value


def test_undo_names_what_it_took_back_except_a_sensitive_entry_while_presenting(fresh_store, form):
    form.kind.value, form.org.value, form.text_en.value = "challenge", "map", SECRET_EN
    form.sensitive.value = True
    form.submit.click()
    form.undo.click()
    assert t("msg.undone_item", "en").format(text=t("head.hidden_presenting", "en")) in form.status.value
    assert_nothing_secret(form)
    form.text_en.value = "Radio show reaches 30,000 listeners"
    form.submit.click()
    form.undo.click()
    assert "Undone: Radio show reaches 30,000 listeners" in form.status.value


def test_a_sensitive_entry_in_the_list_shows_nothing_of_itself(fresh_store, form, secret):
    assert_nothing_secret(form.recent)
    assert "MAP" not in screen(form.recent)  # not even whom it is about
    presenting.state().on = False
    assert SECRET_EN in screen(form.recent)


@pytest.fixture
def voted(fresh_store):
    """Two polls of session 3, each with one ballot: MAP's (by organisation), Ms Aye's (per person)."""
    recs = [fresh_store.add_item("s3", "recommendation", text_en=f"Option {n}")["id"] for n in (1, 2)]
    person, _ = fresh_store.add_participant("Ms Aye", "fed")
    by_org = fresh_store.create_poll("s3", "By organisation", options=recs, budget=2, weighting="organisation")
    by_person = fresh_store.create_poll("s3", "Per person", options=recs, budget=2)
    fresh_store.cast_ballot(
        by_org["id"], allocations={by_org["options"][0]["id"]: 1}, voter="map", voter_kind="organisation"
    )
    fresh_store.cast_ballot(by_person["id"], person["id"], {by_person["options"][0]["id"]: 1})
    return by_org, by_person


def labels(panel):
    return [label for label, _ in panel.org.options + panel.participant.options]


@pytest.mark.parametrize("which, ticked", [(0, "✓ MAP Foundation"), (1, "✓ Ms Aye (FED)")])
def test_voter_lists_show_no_tick_while_presenting(fresh_store, voted, which, ticked):
    panel = PollPanel(fresh_store, voted[which]["id"])
    assert ticked[2:] in labels(panel) and not any("✓" in label for label in labels(panel))
    presenting.state().on = False
    assert ticked in labels(panel)
    presenting.state().on = True
    assert not any("✓" in label for label in labels(panel))


def test_the_board_shows_the_panel_without_ticks(fresh_store, voted):
    board = PollBoard(fresh_store, "s3", option_kinds=["recommendation"])
    board.choose.value = voted[0]["id"]
    panel = board.panel.children[0]
    assert panel.poll_id == voted[0]["id"] and "✓" not in screen(panel)
    assert isinstance(panel.org, widgets.Dropdown)


def test_matches_hide_a_sensitive_offer_and_a_closed_panel_stops_following(fresh_store):
    from roundtable_lib.chair.facilitation import OfferAskMatches

    fresh_store.add_item("s2", "offer", text_en=SECRET_EN, org="map", sensitive=True, attrs={"topic": "Passports"})
    fresh_store.add_item("s2", "ask", text_en="Help with passports", org="fed", attrs={"topic": "Passports"})
    panel = OfferAskMatches(fresh_store, "s2")
    assert_nothing_secret(panel)
    presenting.state().on = False
    assert SECRET_EN in panel.body.value
    panel.close()
    before = panel.body.value
    presenting.state().on = True  # a closed panel is not redrawn (nor kept alive by the switch)
    assert panel.body.value == before
    assert not any(getattr(h, "__self__", None) is panel for h in presenting.state()._trait_notifiers["on"]["change"])
