"""Registration as the store keeps it: the meeting's limits are warnings, never refusals; every
spelling of a name is kept."""

import re

import pytest

from roundtable_lib import Store
from roundtable_lib.exceptions import ValidationError
from roundtable_lib.store import migrations


def test_registration_limits_warn_not_crash(fresh_store, meeting):
    warnings = []
    for n in range(meeting.per_cso_limit + 1):
        _person, warnings = fresh_store.add_participant(f"MAP {n}", "map")
    assert warnings == [f"This makes 5 people from MAP; the limit is {meeting.per_cso_limit} per CSO."]
    assert len(fresh_store.participants()) == 5


# ---------------------------------------------------------------- every spelling of a name

SOMCHAI = {"en": "Somchai Nuengdee", "th": "คุณสมชาย หนึ่งดี"}


def test_a_name_is_kept_in_each_language_with_a_short_form(fresh_store):
    person, _ = fresh_store.add_participant("", "map", language="th", names=SOMCHAI, short_name="Somchai")
    (stored,) = fresh_store.participants()
    assert stored["names"] == SOMCHAI and stored["short_name"] == "Somchai"
    assert stored["name"] == "คุณสมชาย หนึ่งดี"  # lists show the spelling of their own language
    # A single name typed as before is the spelling of its script.
    latin, _ = fresh_store.add_participant("Anan R.", "map")
    assert latin["names"] == {"en": "Anan R."} and latin["short_name"] == ""


def test_correcting_a_name_replaces_that_spelling(fresh_store):
    person, _ = fresh_store.add_participant("", "map", names=SOMCHAI)
    after = fresh_store.update_participant(person["id"], name="Somchai Nuengdi")
    assert after["names"] == {"en": "Somchai Nuengdi", "th": "คุณสมชาย หนึ่งดี"}
    after = fresh_store.update_participant(person["id"], names={"th": "สมชาย หนึ่งดี"}, short_name="ชาย")
    assert after["name"] == "สมชาย หนึ่งดี" and after["names"] == {"th": "สมชาย หนึ่งดี"}
    assert after["short_name"] == "ชาย"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(names={"fr": "Jean"}), "English (en) and Thai (th)"),
        (dict(names={"en": "", "th": "  "}), "Name is empty"),
        (dict(names={"en": "x" * 500}), "English name is 500 characters long"),
    ],
)
def test_names_per_language_are_validated(fresh_store, kwargs, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        fresh_store.add_participant("", "map", **kwargs)
    assert fresh_store.participants() == []


def test_dashboards_show_no_spelling_and_withhold_each_one(any_store):
    """On SQLite and on PostgreSQL (whose dashboards read views that blank the spellings of
    people who consented and keep only those the policy must look for)."""
    any_store.add_participant("", "map", names=SOMCHAI, short_name="Chai", consent=False)
    any_store.add_participant("", "lsdf", names={"en": "Malee P.", "th": "มาลี พ."}, consent=True)
    any_store.add_item("s2", "challenge", "Chai and Malee P. spoke", "คุณสมชายเล่าว่ามาลี พ. ถูกจับ", org="map")
    with Store(any_store.target, readonly=True, public=True) as public:
        rows = public.participants()
        (item,) = public.items()
    assert [(r["name"], r["names"], r["short_name"]) for r in rows] == [("", {}, "")] * 2
    assert item["text_en"] == "[name withheld] and Malee P. spoke"
    assert item["text_th"] == "คุณ[ไม่เปิดเผยชื่อ]เล่าว่ามาลี พ. ถูกจับ"  # in Thai text, the Thai placeholder


def test_migration_carries_each_registered_name_over_as_its_spelling(db_path, meeting, monkeypatch):
    """A database registered with one name per person upgrades in place."""
    before = [fn for fn in migrations.MIGRATIONS if fn.__name__ != "m0007_participant_names_per_language"]
    monkeypatch.setattr(migrations, "MIGRATIONS", before)
    old = Store(db_path)
    old.init(meeting)
    with old.engine.begin() as conn:  # rows exactly as the store wrote them then
        for pid, name in (("a", "Somchai Nuengdee"), ("b", "สุดา น.")):
            conn.exec_driver_sql(
                "INSERT INTO participants (id, name, org, created_at, updated_at) VALUES (?, ?, 'map', 't', 't')",
                (pid, name),
            )
    old.close()
    monkeypatch.undo()
    with Store(db_path) as store:
        assert "m0007_participant_names_per_language" in store.applied_migrations()
        people = {p["id"]: p for p in store.participants()}
        assert people["a"]["names"] == {"en": "Somchai Nuengdee"}
        assert people["b"]["names"] == {"th": "สุดา น."}
        assert people["a"]["short_name"] == ""


def test_a_removed_participant_stays_withheld_on_dashboards(any_store):
    """Removed (registered by mistake, or left and asked to be forgotten): never named again,
    in any spelling, on either engine."""
    person, _ = any_store.add_participant("", "map", names=SOMCHAI, short_name="Chai", consent=True)
    any_store.add_item("s2", "challenge", "Chai spoke", "คุณสมชายเล่าว่า", org="map")
    any_store.remove_participant(person["id"])
    with Store(any_store.target, readonly=True, public=True) as public:
        (item,) = public.items()
        assert public.participants() == []
    assert (item["text_en"], item["text_th"]) == ("[name withheld] spoke", "คุณ[ไม่เปิดเผยชื่อ]เล่าว่า")
