"""Endorsements and every spelling of a name on a real PostgreSQL server (migrations m0006 and
m0007 there): what the chair stores reads back as typed, and the dashboards' login role sees
each organisation's decision but no spelling of a withheld name, in items or in who decided."""

import pytest

from roundtable_lib import Store
from roundtable_lib.store.postgres import DASHBOARD_ROLE

NAMES = {"en": "Somchai Nuengdee", "th": "คุณสมชาย หนึ่งดี"}


@pytest.fixture
def chair(postgres_cluster, meeting):
    store = Store(postgres_cluster.new_database(), actor="chair:conclusions")
    store.init(meeting)
    yield store
    store.close()


@pytest.fixture
def phones(postgres_cluster, chair):
    """A login user that is only a member of the dashboards' role, as the dashboard laptops use."""
    postgres_cluster.sql(f"DROP ROLE IF EXISTS phones; CREATE ROLE phones LOGIN IN ROLE {DASHBOARD_ROLE}")
    return postgres_cluster.url(chair.url.database, user="phones")


def test_names_and_endorsements_round_trip(chair):
    person, _ = chair.add_participant("", "map", language="th", names=NAMES, short_name="Chai", consent=False)
    named, _ = chair.add_participant("Kanya Srisuk", "lsdf", names={"en": "Kanya Srisuk", "th": "กัญญา ศรีสุข"})
    chair.record_endorsement("lsdf", "endorses", by="ผู้อำนวยการ มูลนิธิ", note="by e-mail, 14 July")
    chair.record_endorsement("map", "abstains", by="Board of MAP")
    chair.record_endorsement("map", "endorses", by="Director, MAP")  # the later decision replaces it
    with Store(chair.target) as again:  # a new connection: what the server kept
        people = {p["id"]: p for p in again.participants()}
        assert people[person["id"]]["names"] == NAMES and people[person["id"]]["short_name"] == "Chai"
        assert people[person["id"]]["name"] == NAMES["th"]  # shown in the language they registered in
        assert people[named["id"]]["names"]["th"] == "กัญญา ศรีสุข"
        assert [(e["org"], e["decision"], e["by"], e["note"]) for e in again.endorsements()] == [
            ("map", "endorses", "Director, MAP", ""),
            ("lsdf", "endorses", "ผู้อำนวยการ มูลนิธิ", "by e-mail, 14 July"),
        ]
        assert again.endorsing_org_ids() == ["map", "lsdf"]
        assert [h["action"] for h in again.history(entity="endorsement", entity_id="map")] == ["update", "create"]


def test_the_dashboards_role_sees_decisions_but_no_withheld_spelling(chair, phones):
    chair.add_participant("", "map", language="th", names=NAMES, short_name="Chai", consent=False)
    chair.add_item("s2", "progress", "Somchai opened the shelter", text_th="สมชายเปิดบ้านพักแล้ว", org="map")
    chair.record_endorsement("map", "endorses", by="Somchai Nuengdee, director", note="คุณสมชาย หนึ่งดี ลงนาม")
    chair.record_endorsement("fed", "abstains", by="Board of FED")
    with Store(phones, readonly=True, public=True) as dashboard:
        decisions = dashboard.endorsements()
        assert [(e["org"], e["decision"]) for e in decisions] == [("map", "endorses"), ("fed", "abstains")]
        assert dashboard.endorsing_org_ids() == ["map"]
        [item] = dashboard.items()
        seen = " ".join([str(decisions), item["text_en"], item["text_th"], str(dashboard.participants())])
    for spelling in ("Somchai", "Nuengdee", "สมชาย", "หนึ่งดี", "Chai"):
        assert spelling not in seen, spelling
    assert "[name withheld]" in item["text_en"] and "director" in decisions[0]["by"]
