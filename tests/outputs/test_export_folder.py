"""The export folder holds exactly what the last export produced: a file an earlier export wrote
(an item since marked sensitive, say) must not stay behind to be published with the new ones."""

import json

import pytest

from roundtable_lib.outputs import manifest
from roundtable_lib.outputs.export import export_all
from tests.helpers.exports import all_text

KEYNOTE = "Regional networks can carry national evidence to the GFMD civil society days."


def folder_text(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8", "replace")
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.mark.slow
def test_a_keynote_marked_sensitive_leaves_no_stale_file(fresh_store, tmp_path):
    keynote = fresh_store.add_item("s3", "keynote", KEYNOTE)
    fresh_store.add_item("s3", "recommendation", "Weekly day off")
    out = tmp_path / "exports"
    export_all(fresh_store.path, out, charts=False)
    assert KEYNOTE in (out / "csv" / "keynote.csv").read_text(encoding="utf-8-sig")
    (out / "my-notes.txt").write_text("the organiser's own file")
    (out / "csv" / "mine.csv").write_text("also mine")

    fresh_store.update_item(keynote["id"], sensitive=True)
    result = export_all(fresh_store.path, out, charts=False)

    assert not (out / "csv" / "keynote.csv").exists()
    assert "csv/keynote.csv" in result.removed
    # docx/xlsx are zip files: their text is compressed, so look inside them too.
    assert [p.name for p, text in all_text(out).items() if KEYNOTE in text] == []
    assert [name for name, text in folder_text(out).items() if KEYNOTE in text] == []
    assert (out / "my-notes.txt").read_text() == "the organiser's own file"
    assert (out / "csv" / "mine.csv").read_text() == "also mine"
    listed = json.loads((out / manifest.NAME).read_text())["files"]["public"]
    assert sorted(listed) == sorted(result.files) and "csv/keynote.csv" not in listed


def test_a_folder_emptied_by_the_cleanup_goes_too(fresh_store, tmp_path):
    out = tmp_path / "exports"
    (out / "csv").mkdir(parents=True)
    manifest.write(out, {"public": ["old/only.csv"]}, out)
    (out / "old").mkdir()
    (out / "old" / "only.csv").write_text("stale")
    export_all(fresh_store.path, out, charts=False, pdf=False)
    assert not (out / "old").exists()


@pytest.mark.parametrize(
    "entry",
    ["../outside.txt", "/etc/hostname", "csv/../../outside.txt", "link/secret.txt", "linked.txt", "", "a\\..\\b", 7],
)
def test_a_hostile_manifest_touches_nothing_outside_what_the_tool_wrote(fresh_store, tmp_path, entry):
    outside = tmp_path / "outside.txt"
    outside.write_text("not yours")
    out = tmp_path / "exports"
    out.mkdir()
    (out / "link").symlink_to(tmp_path)
    (tmp_path / "secret.txt").write_text("not yours either")
    (out / "linked.txt").symlink_to(outside)
    (out / manifest.NAME).write_text(json.dumps({"format": manifest.FORMAT, "files": {"public": [entry]}}))
    export_all(fresh_store.path, out, charts=False, pdf=False)
    assert outside.read_text() == "not yours"
    assert (tmp_path / "secret.txt").read_text() == "not yours either"
    assert (out / "linked.txt").is_symlink()


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"format": "other", "files": {"public": ["x"]}}'])
def test_an_unreadable_manifest_removes_nothing(fresh_store, tmp_path, text):
    out = tmp_path / "exports"
    out.mkdir()
    (out / "x").write_text("kept")
    (out / manifest.NAME).write_text(text)
    result = export_all(fresh_store.path, out, charts=False, pdf=False)
    assert result.removed == [] and (out / "x").read_text() == "kept"
