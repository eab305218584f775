"""Public ranks: a withheld recommendation leaves no trace, ties are never dropped. Read back from
the files a public export writes (votes.csv, report.md, the submission's Word file)."""

import csv

import docx
import pytest

from roundtable_lib.outputs.document import Content, ranked_recommendations
from roundtable_lib.outputs.export import export_all

# Six recommendations; the first, voted highest, is then flagged sensitive.
TEXTS = [f"Recommendation {c}" for c in "ABCDEF"]
HANDS = [10, 8, 6, 5, 5, 2]


@pytest.fixture
def voted_then_withheld(fresh_store, tmp_path):
    recs = [fresh_store.add_item("s3", "recommendation", text, f"ข้อเสนอ {text[-1]}")["id"] for text in TEXTS]
    poll = fresh_store.create_poll("s3", "Priorities", "ลำดับความสำคัญ", options=recs)
    fresh_store.record_tally(poll["id"], {o["id"]: n for o, n in zip(poll["options"], HANDS, strict=True)})
    fresh_store.close_poll(poll["id"])
    fresh_store.reveal_poll(poll["id"])
    fresh_store.update_item(recs[0], sensitive=True)
    out = tmp_path / "public"
    export_all(fresh_store.path, out, charts=False, pdf=False)
    return out


def test_votes_csv_ranks_again_without_the_withheld_option(voted_then_withheld):
    with (voted_then_withheld / "csv" / "votes.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    text = "\n".join(",".join(r) for r in rows)
    assert "withheld" not in text and "Recommendation A" not in text
    # Columns by the start of their header, whatever its wording ("rank", "Rank / ลำดับ").
    rank, option, tied = (
        next(i for i, h in enumerate(rows[0]) if h.lower().startswith(name)) for name in ("rank", "option", "tied")
    )
    assert [(r[rank], r[option], r[tied]) for r in rows[1:]] == [
        ("1", "Recommendation B", "no"),
        ("2", "Recommendation C", "no"),
        ("3", "Recommendation D", "yes"),
        ("3", "Recommendation E", "yes"),
        ("5", "Recommendation F", "no"),
    ]


def test_the_submission_starts_at_rank_1_and_keeps_the_tie(voted_then_withheld):
    doc = docx.Document(voted_then_withheld / "joint-recommendations.docx")
    lines = [p.text for p in doc.paragraphs if p.text.strip()]
    text = "\n".join(lines)
    assert "withheld" not in text and "Recommendation A" not in text
    ranks = [line.split(" · ")[0] for line in lines if line.startswith("Rank ")]
    assert ranks == ["Rank 1", "Rank 2", "Rank 3 (tied)", "Rank 3 (tied)", "Rank 5"]
    assert text.index("Recommendation B") < text.index("Recommendation C") < text.index("Recommendation D")


def test_the_report_names_every_priority_tied_with_the_third(voted_then_withheld):
    report = (voted_then_withheld / "report.md").read_text(encoding="utf-8")
    assert "withheld" not in report and "Recommendation A" not in report
    summary = report[report.index("voted highest") :].split("\n\n## ")[0]
    # The top three and every one tied with the third: B, C, D and E (tied at 3), not F.
    for text in TEXTS[1:5]:
        assert text in summary
    assert "Recommendation F" not in summary
    assert "| 1 | Recommendation B" in report and "| 3 \\(tie\\) | Recommendation E" in report


def _content(meeting, recs, results):
    poll = {"poll": {"title_en": "P", "title_th": "", "options": []}, "voters": 3, "organisations": 2}
    return Content(meeting, False, False, recs, [], {}, [{**poll, "results": results}])


def test_recommendations_are_ranked_among_themselves(meeting):
    """An option that is no recommendation (typed in the poll) or a merged duplicate's second row
    does not make the first recommendation rank 2."""
    recs = [
        {"id": i, "kind": "recommendation", "session": "s3", "text_en": i, "text_th": "", "attrs": {}, "org": None}
        for i in ("r1", "r2", "r3")
    ]
    results = [
        {"item_id": None, "label_en": "Something else", "score": 9, "rank": 1, "tied": False},
        {"item_id": "r2", "label_en": "r2", "score": 7, "rank": 2, "tied": False},
        {"item_id": "r1", "label_en": "r1", "score": 4, "rank": 3, "tied": True},
        {"item_id": "r3", "label_en": "r3", "score": 4, "rank": 3, "tied": True},
        {"item_id": "r2", "label_en": "r2 (merged duplicate)", "score": 1, "rank": 5, "tied": False},
    ]
    _used, ranked = ranked_recommendations(_content(meeting, recs, results))
    assert [(rec["id"], row["rank"], row["tied"]) for rec, row in ranked] == [
        ("r2", 1, False),
        ("r1", 2, True),
        ("r3", 2, True),
    ]


def test_a_tie_for_first_place_is_said_as_such(fresh_store, tmp_path):
    recs = [fresh_store.add_item("s3", "recommendation", text)["id"] for text in TEXTS[:5]]
    poll = fresh_store.create_poll("s3", "Priorities", options=recs)
    fresh_store.record_tally(poll["id"], {o["id"]: n for o, n in zip(poll["options"], (5, 5, 5, 5, 2), strict=True)})
    fresh_store.reveal_poll(poll["id"])
    export_all(fresh_store.path, tmp_path / "public", charts=False, pdf=False)
    report = (tmp_path / "public" / "report.md").read_text(encoding="utf-8").replace("\\", "")  # Markdown escapes
    assert "the 4 priorities voted highest (the top 3, with every one tied at rank 1)" in report
    assert "เท่ากันในอันดับที่ 1)" in report
