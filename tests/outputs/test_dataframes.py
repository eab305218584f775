"""The meeting as pandas DataFrames (roundtable_lib.outputs.dataframes) and the analysis charts, on real store files."""

import subprocess
import sys

import pandas as pd
import pytest

from roundtable_lib.display import charts
from roundtable_lib.meeting.privacy import NAME_WITHHELD
from roundtable_lib.outputs import export
from roundtable_lib.outputs.dataframes import (
    CAPACITY_COLUMNS,
    ITEM_COLUMNS,
    ITEM_ORG_COLUMNS,
    POLL_COLUMNS,
    VOTE_COLUMNS,
    frames,
    needs_against_scores,
)

SECRET = "survivor case detail"


@pytest.fixture
def room(demo_store):
    """The demo meeting plus a sensitive item, a deleted one, and a name typed that may not be shown."""
    demo_store.add_participant("Nu", "map", consent=False)
    demo_store.add_item("s2", "challenge", SECRET, org="map", sensitive=True)
    gone = demo_store.add_item("s2", "challenge", "typo", org="map")
    demo_store.delete_item(gone["id"])
    asked = demo_store.add_item("s2", "question", "Number of nurses?", attrs={"asked_by": "nu"})
    return demo_store, asked


def test_public_frames_hold_only_what_the_policy_allows(room):
    store, asked = room
    data = frames(store.path)
    items = data["items"]
    assert list(items.columns) == ITEM_COLUMNS
    assert SECRET not in items.to_csv() and "typo" not in set(items["text_en"])
    assert "Ranong" not in items.to_csv()  # the demo's sensitive item
    question = items.set_index("id").loc[asked["id"]]
    assert question["asked_by"] == NAME_WITHHELD and question["text_en"] == "Number of nurses?"
    assert "sensitive" not in items.columns and "captured_by" not in items.columns
    everyone = store.participants()
    assert set(data["participants"]["name"]) == {p["name"] for p in everyone if p["consent"]}
    assert data["participant_counts"]["total"].sum() == len(everyone)
    assert data["participant_counts"].set_index("org").loc["map", "not_named"] == 2
    # the same items as the public exports, through the same policy
    assert set(items["id"]) == {i["id"] for i in export.collect(store.path).items}


def test_unrevealed_results_stay_out_of_public_frames(room):
    store, _ = room
    hidden = [p for p in store.polls() if not p["revealed"]]
    assert hidden, "the demo has a poll whose results are not revealed"
    public, internal = frames(store.path), frames(store.path, internal=True)
    for poll in hidden:
        assert poll["id"] not in set(public["votes"]["poll_id"])
        assert poll["id"] in set(internal["votes"]["poll_id"])
        row = public["polls"].set_index("poll_id").loc[poll["id"]]
        assert not row["revealed"] and pd.isna(row["voters"]) and pd.isna(row["organisations"])
    assert list(public["votes"].columns) == VOTE_COLUMNS and list(public["polls"].columns) == POLL_COLUMNS
    first = public["votes"][public["votes"]["poll_id"] == public["votes"]["poll_id"].iloc[0]]
    assert list(first["rank"]) == sorted(first["rank"]) and first["score"].dtype == float


def test_internal_frames_keep_everything_and_say_what_is_sensitive(room):
    store, asked = room
    data = frames(store, internal=True)  # a Store works as well as a path
    items = data["items"].set_index("id")
    assert items["sensitive"].sum() == len(store.items(include_sensitive=True)) - len(
        store.items(include_sensitive=False)
    )
    assert SECRET in set(items["text_en"]) and items.loc[asked["id"], "asked_by"] == "nu"
    assert "Nu" in set(data["participants"]["name"])
    assert len(data["participants"]) == len(store.participants())


def test_items_have_their_organisations_in_long_form(fresh_store):
    synergy = fresh_store.add_item("s2", "synergy", "Joint shelter referral", orgs=["map", "fed"])
    progress = fresh_store.add_item("s2", "progress", "Radio show", org="map", orgs=["map", "lsdf"])
    fresh_store.add_item("s2", "note", "The room agreed")
    data = frames(fresh_store.path)
    long = data["item_orgs"]
    assert list(long.columns) == ITEM_ORG_COLUMNS
    rows = sorted(zip(long["item_id"], long["org"], long["role"], strict=True))
    assert rows == sorted(
        [
            (synergy["id"], "map", "linked"),
            (synergy["id"], "fed", "linked"),
            (progress["id"], "map", "owner"),
            (progress["id"], "lsdf", "linked"),
        ]
    )
    items = data["items"].set_index("id")
    assert items.loc[synergy["id"], "organisations"] == "map, fed"
    assert items.loc[synergy["id"], "session_title"] and items.loc[synergy["id"], "kind_label"] == "Synergy"
    assert str(items["captured_at"].dt.tz) == "Asia/Bangkok"  # the room's clock


def test_an_empty_meeting_gives_empty_frames_with_their_columns(fresh_store):
    data = frames(fresh_store.path)
    assert set(data) == {"items", "item_orgs", "participants", "participant_counts", "polls", "votes", "capacity"}
    for name in ("items", "item_orgs", "participants", "polls", "votes"):
        assert len(data[name]) == 0, name
    assert list(data["items"].columns) == ITEM_COLUMNS


def test_capacity_scores_and_needs_against_them(fresh_store, tmp_path):
    scores = tmp_path / "capacity_assessment.csv"
    scores.write_text(
        "organisation,area,score\nmap,Fundraising,1\nmap,Advocacy,4\nfed,Fundraising,3\n", encoding="utf-8"
    )
    fresh_store.add_item("s4", "need", "Grant writing", org="map", attrs={"area": " fundraising "})
    fresh_store.add_item("s4", "need", "Donor mapping", org="map", attrs={"area": "Fundraising"})
    fresh_store.add_item("s4", "need", "Not scored", org="fed", attrs={"area": "Shelters"})
    data = frames(fresh_store.path, assessment=scores)
    capacity = data["capacity"]
    assert list(capacity.columns) == CAPACITY_COLUMNS and not capacity["illustrative"].any()
    assert list(zip(capacity["org"], capacity["area"], capacity["score"], strict=True)) == [
        ("map", "Fundraising", 1.0),
        ("map", "Advocacy", 4.0),
        ("fed", "Fundraising", 3.0),
    ]
    versus = needs_against_scores(data)
    assert list(zip(versus["org"], versus["area"], versus["needs"], strict=True)) == [
        ("map", "Fundraising", 2),
        ("map", "Advocacy", 0),
        ("fed", "Fundraising", 0),
    ]
    fig = charts.needs_scores_chart(versus)
    assert list(fig.data[0].x) == [1.0, 3.0, 4.0] and list(fig.data[0].y) == [2, 0, 0]
    assert list(fig.data[0].text) == ["1", "1", "1"] and "MAP: Advocacy" in fig.data[0].hovertext[2]


def test_the_shipped_sample_assessment_is_marked_illustrative(fresh_store):
    from roundtable_lib.store.capacity import store_sample

    assert frames(fresh_store.path)["capacity"].empty  # nothing stored: never silently the sample
    store_sample(fresh_store, actor="cli:init")  # what `roundtable init` does
    capacity = frames(fresh_store.path)["capacity"]
    assert len(capacity) and capacity["illustrative"].all()


# ---------------------------------------------------------------- the analysis charts


def test_items_per_organisation_stacks_kinds_in_the_workbook_order(fresh_store):
    fresh_store.add_item("s2", "plan", "p", org="map")
    fresh_store.add_item("s2", "progress", "a", org="map")
    fresh_store.add_item("s2", "progress", "b", org="fed")
    fresh_store.add_item("s2", "synergy", "s", orgs=["map", "fed"])
    fig = charts.items_per_organisation(frames(fresh_store.path)["item_orgs"])
    assert [t.name for t in fig.data] == ["Progress", "Plan (next 6 months)", "Synergy"]
    assert list(fig.data[0].x) == ["MAP", "FED"]
    assert {t.name: list(t.y) for t in fig.data} == {
        "Progress": [1, 1],
        "Plan (next 6 months)": [1, 0],
        "Synergy": [1, 1],
    }


def test_votes_chart_has_one_panel_per_revealed_poll_best_on_top(demo_store):
    votes = frames(demo_store.path)["votes"]
    fig = charts.votes_chart(votes)
    polls = list(dict.fromkeys(votes["poll_id"]))
    assert len(fig.data) == len(polls) >= 2
    assert [a.text for a in fig.layout.annotations] == [
        votes[votes["poll_id"] == p]["poll_title"].iloc[0] for p in polls
    ]
    first = votes[votes["poll_id"] == polls[0]]
    best = first.sort_values("rank").iloc[0]
    # plotly draws the last bar on top; its label is whole, wrapped onto lines
    assert fig.data[0].y[-1].replace("<br>", " ").startswith(best["option_en"])
    assert all("." not in label or len(label.split(".")[-1]) <= 2 for label in fig.data[-1].text)


def test_votes_chart_without_revealed_results_says_so(fresh_store):
    fig = charts.votes_chart(frames(fresh_store.path)["votes"])
    assert "no results revealed yet" in fig.layout.title.text and len(fig.data) == 0


@pytest.mark.slow
def test_pandas_stays_out_of_what_dashboards_import():
    code = (
        "import sys\n"
        "import roundtable_lib, roundtable_lib.dashboards, roundtable_lib.meeting.privacy\n"
        "import roundtable_lib.display.charts\n"
        "import roundtable_lib.store, roundtable_lib.dashboards.network\n"
        "assert 'pandas' not in sys.modules, 'pandas imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_a_poll_s_method_and_weighting_have_their_words_beside_the_code(demo_store):
    data = frames(demo_store.path)
    polls = data["polls"].set_index("method")
    assert polls.loc["dots", "method_label"] == "Dot voting"
    assert set(data["polls"]["weighting_label"]) <= {"One vote per person", "One vote per organisation"}
    votes = data["votes"]
    assert set(zip(votes["method"], votes["method_label"], strict=True)) >= {("dots", "Dot voting")}
