"""``roundtable endorse`` records what the organisers were told after the meeting, refuses in one
line what the chair's form would refuse (nothing written), and ``roundtable export --scores``
puts the vote scores in the submission, which has none by default. In-process, on real files."""

import pytest

from roundtable_lib import Store
from roundtable_lib.cli import main
from roundtable_lib.outputs.pdf import NO_PDF_ENV
from tests.helpers.exports import docx_text


def endorse(db, *args):
    lines = []
    code = main(["endorse", "--db", str(db), *args], out=lines.append)
    return code, "\n".join(lines)


def test_a_decision_is_recorded_with_who_gave_it(fresh_store):
    code, said = endorse(fresh_store.path, "LSDF", "endorses", "--by", "Director, LSDF", "--note", "by e-mail")
    assert code == 0
    assert "Recorded: LSDF endorses (decided by Director, LSDF" in said
    assert "Signatories of the joint recommendations now: LSDF." in said
    with Store(fresh_store.path) as store:
        [entry] = store.endorsements()
        assert (entry["org"], entry["decision"], entry["by"], entry["note"]) == (
            "lsdf",
            "endorses",
            "Director, LSDF",
            "by e-mail",
        )
        assert entry["recorded_by"] == "cli"
    # A later decision replaces it; "not-asked" is read as not_asked.
    code, said = endorse(fresh_store.path, "lsdf", "not-asked", "--by", "Board")
    assert code == 0 and "now: none yet." in said
    with Store(fresh_store.path) as store:
        assert [(e["org"], e["decision"]) for e in store.endorsements()] == [("lsdf", "not_asked")]


@pytest.mark.parametrize(
    "args, message",
    [
        (["nope", "endorses", "--by", "X"], "Unknown organisation 'nope'; choose one of: map (MAP), lsdf (LSDF)"),
        (["eu", "endorses", "--by", "X"], "EU Delegation (donor) does not endorse the joint recommendations"),
        (["map", "maybe", "--by", "X"], "Decision must be one of endorses, abstains, not_asked; got 'maybe'"),
        (["map", "endorses", "--by", " "], "Who decided is empty"),
    ],
)
def test_a_refusal_is_one_line_and_nothing_is_written(fresh_store, capsys, args, message):
    code, said = endorse(fresh_store.path, *args)
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and said == ""
    assert len(err) == 1 and err[0].startswith("roundtable: error: ") and message in err[0], err
    with Store(fresh_store.path) as store:
        assert store.endorsements() == []
        assert store.history(entity="endorsement") == []


def test_export_prints_scores_in_the_submission_only_when_asked(demo_store, tmp_path, monkeypatch):
    monkeypatch.setenv(NO_PDF_ENV, "1")  # the Word file is enough to read the ranks back
    plain, scored = tmp_path / "plain", tmp_path / "scored"
    for out, extra in ((plain, []), (scored, ["--scores"])):
        argv = ["export", "--db", str(demo_store.path), "--out", str(out), "--no-charts", "--reviewed", *extra]
        assert main(argv, out=lambda _line: None) == 0
    without = docx_text(plain / "joint-recommendations.docx")
    with_scores = docx_text(scored / "joint-recommendations.docx")
    assert "Rank 1" in without and "Rank 1, score" not in without
    assert "Rank 1, score" in with_scores and "อันดับ 1" in with_scores
