"""Carry-forward packages are checked against their schema before anything is read."""

import copy
import json

import pytest

from roundtable_lib.outputs.carry_forward import PackageError, import_package
from tests.helpers import roundtable
from tests.helpers.exports import GOOD


def _set(path, value):
    def change(package):
        node = package
        *parents, last = path
        for key in parents:
            node = node[key]
        if value is _DELETE:
            del node[last]
        else:
            node[last] = value

    return change


_DELETE = object()

# (case, change to the good package, what the message names)
BROKEN = [
    ("only format and version", lambda p: [p.pop(k) for k in list(p) if k not in ("format", "version")], "source"),
    ("source as a string", _set(["source"], "bangkok"), "source: expected a mapping, found 'bangkok'"),
    ("source without meeting id", _set(["source", "meeting_id"], _DELETE), "source.meeting_id"),
    ("meeting id a number", _set(["source", "meeting_id"], 7), "source.meeting_id: expected text"),
    ("title a list", _set(["source", "title"], ["a"]), "source.title"),
    ("title in a number", _set(["source", "title", "en"], 1), "source.title.en"),
    ("date a mapping", _set(["source", "date"], {"y": 2016}), "source.date"),
    ("organisations as a list", _set(["organisations"], ["map"]), "organisations: expected a mapping"),
    ("an organisation a string", _set(["organisations", "map"], "MAP"), "organisations.map"),
    ("an organisation's name a string", _set(["organisations", "map", "name"], "MAP"), "organisations.map.name"),
    ("recommendations a mapping", _set(["recommendations"], {"r1": {}}), "recommendations: expected a list"),
    ("recommendation a string", _set(["recommendations", 0], "Weekly day off"), "recommendations[0]"),
    ("recommendation without id", _set(["recommendations", 0, "id"], _DELETE), "recommendations[0].id"),
    ("recommendation id a list", _set(["recommendations", 0, "id"], [1]), "recommendations[0].id"),
    ("text a number", _set(["recommendations", 0, "text_en"], 5), "recommendations[0].text_en"),
    ("text a mapping", _set(["recommendations", 0, "text_th"], {"x": 1}), "recommendations[0].text_th"),
    ("huge text", _set(["recommendations", 0, "text_en"], "x" * 50_000), "50,000 characters"),
    ("rank a string", _set(["recommendations", 0, "rank"], "first"), "recommendations[0].rank"),
    ("rank a boolean", _set(["recommendations", 0, "rank"], True), "recommendations[0].rank"),
    ("score a string", _set(["recommendations", 0, "score"], "3"), "recommendations[0].score"),
    ("tied a string", _set(["recommendations", 0, "tied"], "yes"), "recommendations[0].tied"),
    ("orgs a string", _set(["synergies", 0, "orgs"], "map,fed"), "synergies[0].orgs"),
    ("an org a number", _set(["synergies", 0, "orgs", 1], 3), "synergies[0].orgs[1]"),
    ("an org a mapping", _set(["synergies", 0, "orgs", 0], {"id": "map"}), "synergies[0].orgs[0]"),
    ("synergies null inside", _set(["synergies", 0], None), "synergies[0]"),
    ("training attrs a list", _set(["training", 0, "attrs"], ["workshop"]), "training[0].attrs"),
    ("training attr a number", _set(["training", 0, "attrs", "format"], 3), "training[0].attrs.format"),
    ("too many entries", _set(["synergies"], [{"id": str(i)} for i in range(6000)]), "6,000 entries"),
    ("a long wrong value", _set(["source", "meeting_id"], ["x" * 10_000]), "list of 1 entries"),
    ("a very long number", _set(["recommendations", 0, "rank"], 1.5), "recommendations[0].rank"),
]


@pytest.mark.parametrize("case, change, names", BROKEN, ids=[c[0] for c in BROKEN])
def test_a_broken_package_is_one_message_and_changes_nothing(regional, tmp_path, case, change, names):  # noqa: F811
    package = copy.deepcopy(GOOD)
    change(package)
    path = tmp_path / "package.json"
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    token = regional.change_token()
    with pytest.raises(PackageError) as caught:
        import_package(regional, path)
    message = str(caught.value)
    assert names in message and "Nothing was imported" in message
    assert "\n" not in message and len(message) < 300 + len(str(path))
    assert regional.change_token() == token
    assert regional.items(include_deleted=True) == []


RAW = [
    ("5000-digit number", '{"format": "roundtable-carry-forward", "version": ' + "9" * 5000 + "}", "not a carry"),
    ("deep nesting", '{"format": ' + "[" * 100_000 + "]" * 100_000 + "}", "not a carry-forward package"),
    ("not UTF-8", None, "not a carry-forward package"),
    ("JSON list", "[1, 2]", "not a carry-forward package"),
    ("version a string", '{"format": "roundtable-carry-forward", "version": "1"}', "version '1' package"),
]


@pytest.mark.parametrize("case, text, names", RAW, ids=[c[0] for c in RAW])
def test_unreadable_packages(regional, tmp_path, case, text, names):  # noqa: F811
    path = tmp_path / "package.json"
    if text is None:
        path.write_bytes(b'{"format": "caf\xe9"}')
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(PackageError, match=names) as caught:
        import_package(regional, path)
    assert len(str(caught.value)) < 300 + len(str(path))
    assert regional.items(include_deleted=True) == []


def test_a_folder_named_package_json(regional, tmp_path):  # noqa: F811
    (tmp_path / "carry-forward" / "package.json").mkdir(parents=True)
    with pytest.raises(PackageError, match="is a folder"):
        import_package(regional, tmp_path / "carry-forward")


def test_the_good_package_imports(regional, tmp_path):  # noqa: F811
    path = tmp_path / "package.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    assert import_package(regional, path)["created"] == 3


@pytest.mark.slow
@pytest.mark.parametrize("case", ["only format and version", "source as a string", "organisations as a list"])
def test_the_command_says_what_to_fix(regional, tmp_path, case):  # noqa: F811
    package = copy.deepcopy(GOOD)
    dict((c, f) for c, f, _ in BROKEN)[case](package)
    path = tmp_path / "package.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    result = roundtable("import", "--db", regional.path, path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("roundtable: error: The package")
    assert "unexpected error" not in result.stderr


def test_an_entry_whose_organisations_are_null_has_none(regional, tmp_path):  # noqa: F811
    """The schema allows ``"orgs": null``; such an entry imports with no organisations (a synergy
    of fewer than two becomes a note), rather than the whole package being refused."""
    package = copy.deepcopy(GOOD)
    package["synergies"][0]["orgs"] = None
    package["training"][0]["orgs"] = None
    path = tmp_path / "package.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    report = import_package(regional, path)
    assert report["created"] == 3 and report["as_notes"] == 1
    assert all(item["orgs"] == [] for item in regional.items() if item["kind"] in ("note", "training"))
