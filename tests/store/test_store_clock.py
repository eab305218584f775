"""One clock stamps every write of the store: the real time by default, the meeting day when a
demonstration sets it."""

import datetime as dt

from roundtable_lib import Store

MEETING_DAY = dt.datetime(2016, 7, 12, 7, 45, tzinfo=dt.UTC)  # 14:45 in Bangkok


def test_every_write_is_stamped_by_the_store_clock(tmp_path, meeting):
    with Store(tmp_path / "clocked.db", actor="chair:test", clock=lambda: MEETING_DAY) as store:
        store.init(meeting)
        item = store.add_item("s3", "recommendation", text_en="R0")
        other = store.add_item("s3", "recommendation", text_en="R1")
        store.update_item(item["id"], text_en="R0, corrected")
        person, _ = store.add_participant("P0", "map")
        poll = store.create_poll("s3", "Priorities", method="single", options=[item["id"], other["id"]])
        store.cast_ballot(poll["id"], person["id"], {poll["options"][0]["id"]: 1})
        store.close_poll(poll["id"])
        store.record_endorsement("map", "endorses", by="Director")
        store.set_state("note", "x")
        stamps = {
            store.get_item(item["id"])["created_at"],
            store.get_item(item["id"])["updated_at"],
            store.participants()[0]["created_at"],
            store.get_poll(poll["id"])["created_at"],
            store.get_poll(poll["id"])["closed_at"],
            store.endorsements()[0]["at"],
            *(entry["at"] for entry in store.history()),
        }
    assert stamps == {"2016-07-12T07:45:00.000000+00:00"}


def test_a_set_clock_lasts_for_its_block_and_the_real_clock_is_the_default(fresh_store):
    before = dt.datetime.now(dt.UTC)
    with fresh_store.clock_set(lambda: MEETING_DAY):
        on_the_day = fresh_store.add_item("s1", "question", text_en="Q on the day")
    today = fresh_store.add_item("s1", "question", text_en="Q today")
    assert on_the_day["created_at"].startswith("2016-07-12T07:45:00")
    assert dt.datetime.fromisoformat(today["created_at"]) >= before
