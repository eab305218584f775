"""The carry-forward package: exported from Bangkok, imported into another meeting's database."""

import json

import pytest

from roundtable_lib.cli import main
from roundtable_lib.demo import ITEMS as DEMO_ITEMS
from roundtable_lib.outputs.carry_forward import PackageError, import_package, stable_id
from roundtable_lib.outputs.export import export_all

SECRET_REC = "Name the officials who took bribes at the border"


# What the demo meeting carries forward: its public recommendations, synergies and training plan.
CARRIED = {kind: sum(1 for row in DEMO_ITEMS if row[1] == kind) for kind in ("recommendation", "synergy", "training")}
N_CARRIED = sum(CARRIED.values())


@pytest.fixture
def package(demo_store, tmp_path):
    demo_store.add_item("s3", "recommendation", SECRET_REC, sensitive=True)
    export_all(demo_store.path, tmp_path / "bangkok", charts=False, pdf=False)  # the package needs no PDF
    return tmp_path / "bangkok" / "carry-forward"


def test_package_holds_the_public_outcomes(package):
    data = json.loads((package / "package.json").read_text(encoding="utf-8"))
    assert data["source"]["meeting_id"] == "roma-thailand-2016"
    assert [r["rank"] for r in data["recommendations"]] == [1, 2, 3, 4]  # only voting organisations ranked
    assert data["recommendations"][0]["text_th"] == "จัดตั้งกลไกการส่งต่อข้ามพรมแดนสำหรับผู้เสียหายจากการค้ามนุษย์"
    assert len(data["synergies"]) == CARRIED["synergy"] and len(data["training"]) == CARRIED["training"]
    assert SECRET_REC not in (package / "package.json").read_text(encoding="utf-8")
    assert SECRET_REC not in (package / "recommendations.csv").read_text(encoding="utf-8-sig")


def test_a_second_meeting_imports_the_package(package, regional):
    report = import_package(regional, package)
    assert (report["created"], report["existing"]) == (N_CARRIED, 0)
    assert report["sessions"] == {"recommendation": "s3", "synergy": "s2", "note": "s2", "training": "s4"}
    assert report["unknown_orgs"] == ["lsdf", "trc"] and report["as_notes"] == 1
    recs = regional.items(kind="recommendation")
    assert [r["text_en"].split("\n")[0] for r in recs][:2] == [
        "Set up a cross-border referral mechanism for victims of trafficking.",
        "Recognise domestic work as work: a weekly day off and written contracts for all migrant domestic workers.",
    ]
    assert "Carried forward from Rights of Migrants in Action, 2016-07-12: priority 1" in recs[0]["text_en"]
    assert recs[0]["text_th"] == "จัดตั้งกลไกการส่งต่อข้ามพรมแดนสำหรับผู้เสียหายจากการค้ามนุษย์"
    synergy = regional.items(kind="synergy")[0]
    assert synergy["orgs"] == ["map", "flep"]
    note = regional.items(kind="note")[0]  # LSDF, FED and TRC: only FED is in this meeting
    assert "with LSDF, Thai Red Cross" in note["text_en"] and note["orgs"] == []
    training = regional.items(kind="training")
    assert training[2]["orgs"] == ["flep", "map", "fed"]  # LSDF dropped from the targets, named in the text
    assert "with LSDF" in training[2]["text_en"] and training[0]["attrs"]["provider"] == "IFRC"
    assert all(i["id"].startswith("cf-") for i in regional.items())
    assert regional.history(entity_id=recs[0]["id"])[0]["actor"] == "import"


def test_importing_twice_adds_nothing(package, regional):
    import_package(regional, package)
    token = regional.change_token()
    report = import_package(regional, package / "package.json")
    assert (report["created"], report["existing"]) == (0, N_CARRIED)
    assert regional.change_token() == token


def test_import_into_one_chosen_session(package, regional):
    report = import_package(regional, package, session="conclusions")
    assert set(report["sessions"].values()) == {"conclusions"}
    assert {i["session"] for i in regional.items()} == {"conclusions"}


def test_ids_are_stable():
    assert stable_id("a", "1") == stable_id("a", "1") != stable_id("b", "1")


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "No carry-forward package"),
        ("not json", "is not a carry-forward package"),
        ('{"format": "something-else"}', "is not a carry-forward package"),
        ('{"format": "roundtable-carry-forward", "version": 9}', "version 9 package"),
        (
            '{"format": "roundtable-carry-forward", "version": 1, "source": {"meeting_id": "x"}, '
            '"recommendations": [{"text_en": "no id"}]}',
            "incomplete",
        ),
    ],
)
def test_bad_packages_are_refused_whole(regional, tmp_path, content, message):
    path = tmp_path / "package.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(PackageError, match=message):
        import_package(regional, path)
    assert regional.items(include_deleted=True) == []


def test_the_same_meeting_is_refused(package, demo_store):
    with pytest.raises(PackageError, match="same meeting"):
        import_package(demo_store, package)


def test_cli_import(package, regional, capsys):
    assert main(["import", "--db", str(regional.path), str(package)]) == 0
    out = capsys.readouterr().out
    assert f"Imported {N_CARRIED} items (0 already there)." in out and "lsdf, trc" in out
    assert main(["import", "--db", str(regional.path), str(package)]) == 0
    assert f"Imported 0 items ({N_CARRIED} already there)." in capsys.readouterr().out
    assert main(["import", "--db", str(regional.path), str(package), "--session", "nope"]) == 1
    assert "Unknown session 'nope'" in capsys.readouterr().err
