"""The chair's endorsement form: what is chosen and clicked is what the store records."""

from roundtable_lib.chair.endorsement import EndorsementForm


def test_recording_a_decision_through_the_form(fresh_store):
    form = EndorsementForm(fresh_store, actor="chair:conclusions")
    assert [value for _label, value in form.org.options] == ["map", "lsdf", "flep", "fed", "mfa", "trc"]  # no donor
    form.org.value, form.decision.value, form.by.value = "lsdf", "endorses", "Director, LSDF"
    form.submit.click()
    assert [(e["org"], e["decision"], e["by"]) for e in fresh_store.endorsements()] == [
        ("lsdf", "endorses", "Director, LSDF")
    ]
    assert fresh_store.history(entity="endorsement")[0]["actor"] == "chair:conclusions"
    assert "Recorded: LSDF, Endorses." in form.status.value and form.by.value == ""
    assert "Endorses (Director, LSDF)" in form.recorded.value


def test_a_refusal_is_shown_and_nothing_is_written(fresh_store):
    form = EndorsementForm(fresh_store, lang="th")
    form.org.value, form.decision.value = "map", "abstains"  # nobody named
    form.submit.click()
    assert "ผู้ตัดสินใจยังว่างอยู่" in form.status.value and fresh_store.endorsements() == []


def test_the_form_names_its_fields_in_both_languages(fresh_store):
    """A refusal's wording once replaced the field's name, and the form read "Decision must be
    one of {choices}; got {value}." beside the buttons."""
    assert EndorsementForm(fresh_store).decision.description == "Decision"
    assert EndorsementForm(fresh_store, lang="th").decision.description == "การตัดสินใจ"
