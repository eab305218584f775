from roundtable_lib.chair.registration import RegistrationForm, attendance_counts


def _register(form, name, org, **extra):
    form.names["en"].value, form.org.value = name, org
    for key, value in extra.items():
        getattr(form, key).value = value
    form.submit.click()


def test_register_with_all_fields(fresh_store):
    form = RegistrationForm(fresh_store, lang="th")
    _register(form, "Malee P.", "lsdf", role="Director", language="th", consent=True)
    (person,) = fresh_store.participants()
    assert {k: person[k] for k in ("name", "org", "role", "language", "consent", "attended")} == {
        "name": "Malee P.",
        "org": "lsdf",
        "role": "Director",
        "language": "th",
        "consent": True,
        "attended": True,
    }
    assert "ลงทะเบียนแล้ว" in form.status.value
    assert form.names["en"].value == "" and len(form.people.children) == 1


def test_empty_name_or_no_organisation_writes_nothing(fresh_store):
    form = RegistrationForm(fresh_store)
    _register(form, "   ", "map")
    assert "Name is empty" in form.status.value
    _register(form, "Someone", None)
    assert "Unknown organisation" in form.status.value
    assert fresh_store.participants() == []


def test_limits_warn_but_register(fresh_store):
    form = RegistrationForm(fresh_store)
    for n in range(4):
        _register(form, f"MAP {n}", "map")
    assert "⚠" not in form.status.value
    _register(form, "MAP 5", "map")
    assert "5 people from MAP" in form.status.value and "limit is 4 per CSO" in form.status.value
    assert len(fresh_store.participants()) == 5
    assert "⚠" in form.counts.value
    for n in range(20):
        _register(form, f"IFRC {n}", "ifrc")
    assert "This makes 25 participants" not in form.status.value
    _register(form, "One more", "eu")
    assert "26 participants" in form.status.value and len(fresh_store.participants()) == 26


def test_correct_move_attendance_and_remove(fresh_store):
    form = RegistrationForm(fresh_store)
    for n in range(4):
        _register(form, f"LSDF {n}", "lsdf")
    _register(form, "Typo nmae", "map")
    person = fresh_store.participants()[-1]
    form.edit(person["id"])
    assert form.names["en"].value == "Typo nmae"
    form.names["en"].value, form.org.value = "Right name", "lsdf"
    form.submit.click()
    assert "Correction saved" in form.status.value and "5 people from LSDF" in form.status.value
    assert [p["name"] for p in fresh_store.participants()].count("Right name") == 1
    assert len(fresh_store.participants()) == 5
    row = form.people.children[-1]
    row.children[2].click()  # present/absent
    assert fresh_store.participants()[-1]["attended"] is False
    assert attendance_counts(fresh_store.meeting, fresh_store.participants())["present"] == 4
    form.people.children[-1].children[3].click()  # remove
    assert len(fresh_store.participants()) == 4
    assert fresh_store.history(entity_id=person["id"])[0]["action"] == "delete"


def test_names_are_escaped(fresh_store):
    form = RegistrationForm(fresh_store)
    _register(form, "<script>alert(1)</script>", "map")
    assert "<script>" not in form.people.children[0].children[0].value


def test_row_of_participant_removed_elsewhere_is_a_message(fresh_store):
    form = RegistrationForm(fresh_store)
    _register(form, "Gone soon", "map")
    row = form.people.children[0]
    fresh_store.remove_participant(fresh_store.participants()[0]["id"])  # another kernel
    row.children[1].click()  # edit
    assert "removed meanwhile" in form.status.value and form.people.children == ()
    row.children[2].click()  # present/absent
    assert "removed meanwhile" in form.status.value


def test_every_spelling_of_a_name_is_registered_and_corrected(fresh_store):
    """One box per meeting language and one for the short form; the list shows every spelling, and
    a correction in one box changes that spelling only."""
    form = RegistrationForm(fresh_store, lang="th")
    assert [form.names["en"].description, form.names["th"].description] == ["ชื่อภาษาอังกฤษ", "ชื่อภาษาไทย"]
    form.names["th"].value = "คุณสมชาย หนึ่งดี"
    _register(form, "Somchai Nuengdee", "lsdf", short_name="Somchai", language="th")
    (person,) = fresh_store.participants()
    assert person["names"] == {"en": "Somchai Nuengdee", "th": "คุณสมชาย หนึ่งดี"}
    assert (person["name"], person["short_name"]) == ("คุณสมชาย หนึ่งดี", "Somchai")
    assert "คุณสมชาย หนึ่งดี / Somchai Nuengdee (Somchai)" in form.people.children[0].children[0].value
    assert (form.names["th"].value, form.short_name.value) == ("", "")  # the form is ready for the next person

    form.edit(person["id"])
    assert (form.names["en"].value, form.names["th"].value, form.short_name.value) == (
        "Somchai Nuengdee",
        "คุณสมชาย หนึ่งดี",
        "Somchai",
    )
    form.names["th"].value = "สมชาย หนึ่งดี"
    form.short_name.value = ""
    form.submit.click()
    (person,) = fresh_store.participants()
    assert person["names"] == {"en": "Somchai Nuengdee", "th": "สมชาย หนึ่งดี"} and person["short_name"] == ""
    assert person["name"] == "สมชาย หนึ่งดี"


def test_a_name_in_thai_only_registers(fresh_store):
    form = RegistrationForm(fresh_store)
    form.names["th"].value = "มาลี พ."
    _register(form, "", "lsdf")
    assert [(p["name"], p["names"]) for p in fresh_store.participants()] == [("มาลี พ.", {"th": "มาลี พ."})]


def test_a_thai_chair_reads_a_refused_registration_in_thai(fresh_store):
    form = RegistrationForm(fresh_store, lang="th")
    _register(form, "   ", "map")
    assert "ชื่อยังว่างอยู่" in form.status.value and "Name is empty" not in form.status.value
    _register(form, "Someone", None)
    assert "ไม่มีองค์กร" in form.status.value
    assert fresh_store.participants() == []
