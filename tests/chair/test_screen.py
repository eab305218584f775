"""The chair's view without code: phases, a language switch that persists, forms a chair can
use without reading, and state that survives a re-rendered view. Headless, as ipywidgets' own
tests: set values, click, look at the rows of a real store file."""

import json
from pathlib import Path

import ipywidgets as widgets
import pytest

from roundtable_lib import Store
from roundtable_lib.chair import presenting
from roundtable_lib.chair.facilitation import PresentationTimer, SpeakerQueue, speaker_queue
from roundtable_lib.chair.forms import CaptureForm
from roundtable_lib.chair.screen import ChairDesk, chair_lang
from roundtable_lib.display.tick import BrowserTick
from roundtable_lib.serving.serve import LAB_SETTINGS, ServePlan

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def test_a_switched_language_is_remembered_and_redraws_every_phase(fresh_store):
    desk = ChairDesk("s2", "chair:s2", store=fresh_store)
    desk.top()
    timer = desk.phase("presentations", PresentationTimer, desk.part(CaptureForm, kinds=["progress", "plan"]))
    assert "During: presentations" in timer.children[0].value
    desk.switch.value = "th"
    assert "การนำเสนอ" in timer.children[0].value
    form = timer.children[2]
    assert form.submit.description == "บันทึกเป็น ความคืบหน้า" and form.lang == "th"
    # A reload, a reopened notebook or a restarted kernel: a new desk comes back in Thai.
    again = ChairDesk("s2", "chair:s2", lang="en", store=Store(fresh_store.path, actor="chair:s2"))
    assert again.lang == "th" == chair_lang(fresh_store, "chair:s2")
    assert chair_lang(fresh_store, "chair:s3") == "en"  # per chair


def test_folded_phase_and_a_second_session(fresh_store):
    desk = ChairDesk("welcome", "chair:welcome", store=fresh_store)
    folded = desk.phase("wrapup", SpeakerQueue, folded=True, session="s1")
    fold = folded.children[0]
    assert fold.selected_index is None and fold.get_title(0).startswith("Wrap-up")
    fold.children[0].children[0].name.value = "Ms Lin"
    fold.children[0].children[0].add.click()
    assert [e["name"] for e in speaker_queue(fresh_store, "s1")] == ["Ms Lin"]


def test_the_first_phase_hides_the_notebooks_code(fresh_store):
    from roundtable_lib.chair.screen import CHAIR_SCREEN_CSS

    desk = ChairDesk("s2", "chair:s2", store=fresh_store)
    first, second = desk.phase("before"), desk.phase("wrapup", SpeakerQueue)

    def styles(phase):
        return [c for c in phase.children if isinstance(c, widgets.HTML) and c.value == CHAIR_SCREEN_CSS]

    assert len(styles(first)) == 1 and styles(second) == []
    desk.switch_lang("th")  # a redrawn phase keeps it
    assert len(styles(first)) == 1


def test_organisations_are_ticked_not_ctrl_clicked(fresh_store, meeting):
    form = CaptureForm(fresh_store, "s2", kinds=["synergy"])
    assert len(form.orgs.boxes) == len(meeting.organisations)  # every one visible
    for box in form.orgs.boxes[:3]:
        box.value = True
    form.text_en.value = "Joint referral desk"
    form.text_th.value = "จุดส่งต่อร่วม"
    form.submit.click()
    [item] = fresh_store.items()
    assert item["orgs"] == [o.id for o in meeting.organisations[:3]]
    assert not any(box.value for box in form.orgs.boxes)  # cleared for the next entry
    label = form.recent.children[0].children[0].value
    assert "Joint referral desk" in label and "จุดส่งต่อร่วม" in label  # both languages
    assert all(o.label("en") in label for o in meeting.organisations[:3])  # and who it links


def test_the_kind_stays_and_the_save_button_says_which(fresh_store):
    form = CaptureForm(fresh_store, "s2", kinds=["progress", "challenge", "plan"])
    form.kind.value = "plan"
    assert form.submit.description == "Save as Plan (next 6 months)"
    form.org.value = "map"
    form.text_en.value = "Open a second shelter"
    form.submit.click()
    assert fresh_store.items()[0]["kind"] == "plan"
    assert form.kind.value == "plan" and form.submit.description == "Save as Plan (next 6 months)"


@pytest.mark.parametrize("lang, primary, other", [("en", "text_en", "text_th"), ("th", "text_th", "text_en")])
def test_tab_from_the_chairs_language_box_reaches_save(fresh_store, lang, primary, other):
    form = CaptureForm(fresh_store, "s2", lang=lang)
    assert getattr(form, primary).tabbable is True
    assert getattr(form, other).tabbable is False and form.sensitive.tabbable is False


def test_sensitive_entries_are_hidden_on_the_chairs_screen(fresh_store):
    form = CaptureForm(fresh_store, "s2")
    form.org.value = "map"
    form.text_en.value = "Survivor case in Mae Sot"
    form.sensitive.value = True
    form.submit.click()
    label = form.recent.children[0].children[0].value
    assert "Survivor case" not in label and "hidden while presenting" in label
    presenting.state().on = False  # the chair asks to see it (the laptop is off the projector)
    try:
        assert "Survivor case" in form.recent.children[0].children[0].value
    finally:
        presenting.state().on = True
    assert "Survivor case" not in form.recent.children[0].children[0].value
    form.close()
    presenting.state().on = False  # a closed form no longer follows the switch
    presenting.state().on = True


def test_enter_in_the_speaker_name_box_adds_the_name(fresh_store):
    queue = SpeakerQueue(fresh_store, "s2")
    queue.name.value = "Ms Aye"
    queue.name._handle_custom_msg({"event": "submit"}, [])  # what the browser sends on Enter
    assert [e["name"] for e in speaker_queue(fresh_store, "s2")] == ["Ms Aye"]
    assert queue.name.value == ""


def test_a_new_view_of_a_ticking_clock_restarts_it():
    tick = BrowserTick(500)
    seen = []
    tick.observe(lambda c: seen.append(c["new"]), names="playing")
    tick._view_count = 1  # first view: start
    tick._view_count = 2  # the page was reloaded: a new front-end model that never started
    assert seen == [True, False, True] and tick.playing is True


def test_the_lab_that_serve_starts_uses_the_workbooks_settings(tmp_path):
    command = ServePlan(db=tmp_path / "x.db").lab_command()
    assert f"--LabApp.app_settings_dir={LAB_SETTINGS}" in command
    overrides = json.loads((LAB_SETTINGS / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    assert overrides["@jupyterlab/notebook-extension:tracker"]["autoStartDefaultKernel"] is True


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("0*.ipynb")), ids=lambda p: p.name)
def test_chair_notebooks_hide_their_code_and_say_run_all(path):
    nb = json.loads(path.read_text())
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown" and "Run All" in "".join(first["source"])
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["metadata"]["jupyter"]["source_hidden"] is True
            assert cell["outputs"] == [] and cell["execution_count"] is None
    assert "".join(nb["cells"][-1]["source"]) == "desk.to_top()"


def test_a_language_switch_keeps_the_kind_organisation_and_typed_text(fresh_store):
    from roundtable_lib.chair.facilitation import SummaryBox, start_timer

    start_timer(fresh_store, "s2", "fed", 20)  # FED presents
    desk = ChairDesk("s2", "chair:s2", store=fresh_store)
    desk.top()
    phase = desk.phase("presentations", PresentationTimer, desk.part(CaptureForm, kinds=["progress", "plan"]))
    wrapup = desk.phase("wrapup", SummaryBox)
    timer, form = phase.children[1], phase.children[2]
    assert timer.org.value == "fed" and form.org.value == "fed"
    form.kind.value, form.org.value = "plan", "map"
    form.text_en.value, form.text_th.value = "A radio series", "รายการวิทยุ"
    wrapup.children[1].text_en.value = "Half-typed summary"
    desk.switch.value = "th"
    timer, form = phase.children[1], phase.children[2]
    assert form.lang == "th" and form.kind.value == "plan" and form.org.value == "map"
    assert (form.text_en.value, form.text_th.value) == ("A radio series", "รายการวิทยุ")
    assert form.submit.description == "บันทึกเป็น แผนงาน (6 เดือนข้างหน้า)"
    assert timer.org.value == "fed" and timer.start.disabled  # the running clock's organisation
    assert wrapup.children[1].text_en.value == "Half-typed summary"
    form.submit.click()
    assert [(i["kind"], i["org"]) for i in fresh_store.items()] == [("plan", "map")]


def test_a_language_switch_keeps_an_entry_being_corrected(fresh_store):
    fresh_store.add_item("s2", "progress", "First version", org="map")
    desk = ChairDesk("s2", "chair:s2", store=fresh_store)
    phase = desk.phase("presentations", desk.part(CaptureForm, kinds=["progress"]))
    form = phase.children[1]
    form.recent.children[0].children[1].click()  # Edit
    form.text_en.value = "Corrected version"
    desk.switch_lang("th")
    form = phase.children[1]
    assert form.text_en.value == "Corrected version" and form.cancel.layout.display is None
    form.submit.click()
    [item] = fresh_store.items()
    assert item["text_en"] == "Corrected version"  # corrected, not captured a second time
