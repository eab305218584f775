"""The organisers' review, driven headless as ipywidgets' own tests do."""

import pytest
from docx import Document

from roundtable_lib import Store, ValidationError
from roundtable_lib.meeting.privacy import MERGED_STATE
from roundtable_lib.outputs.document import ranked_recommendations
from roundtable_lib.outputs.export import collect as collect_content
from roundtable_lib.outputs.export import export_all
from roundtable_lib.outputs.review import ALL, NO_ORG, ReviewPanel, filter_items, sort_items
from roundtable_lib.outputs.review_items import change_words, export_links_html, history_table, session_name
from roundtable_lib.store.items import fold_text


@pytest.fixture
def panel(demo_store):
    return ReviewPanel(demo_store, actor="organiser:test")


def _shown(panel):
    return [v for _, v in panel.item.options]


def _item(id, **extra):
    base = {
        "id": id,
        "session": "s2",
        "kind": "progress",
        "org": "map",
        "orgs": [],
        "text_en": "x",
        "text_th": "",
        "attrs": {},
        "sensitive": False,
        "deleted_at": None,
        "created_at": id,
        "updated_at": id,
    }
    return {**base, **extra}


ITEMS = [
    _item("1"),
    _item("2", org="fed", text_th="ไทย"),
    _item("3", org=None, text_en="", text_th="ไทย", kind="note", session="s1"),
    _item("4", org=None, orgs=["map", "lsdf"], kind="synergy", sensitive=True),
    _item("5", deleted_at="now", text_en="Radio airtime", attrs={"topic": "media"}),
]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, ["1", "2", "3", "4", "5"]),
        ({"session": "s1"}, ["3"]),
        ({"org": "map"}, ["1", "4", "5"]),
        ({"org": NO_ORG}, ["3"]),
        ({"kind": "synergy"}, ["4"]),
        ({"language": "both"}, ["2"]),
        ({"language": "en_only"}, ["1", "4", "5"]),
        ({"language": "th_only"}, ["3"]),
        ({"flag": "sensitive"}, ["4"]),
        ({"flag": "public"}, ["1", "2", "3", "5"]),
        ({"flag": "deleted"}, ["5"]),
        ({"flag": "current"}, ["1", "2", "3", "4"]),
        ({"flag": "merged", "merged": {"5": "1"}}, ["5"]),
        ({"search": "RADIO"}, ["5"]),
        ({"search": "media"}, ["5"]),
        ({"org": "fed", "language": "both", "flag": "current"}, ["2"]),
    ],
)
def test_filter_items(filters, expected):
    args = {"session": ALL, "org": ALL, "kind": ALL, "language": ALL, "flag": ALL, "search": "", **filters}
    assert [i["id"] for i in filter_items(ITEMS, **args)] == expected


@pytest.mark.parametrize(
    "order, expected",
    [
        ("created", ["1", "2", "3", "4", "5"]),
        ("-created", ["5", "4", "3", "2", "1"]),
        ("session", ["3", "1", "2", "4", "5"]),
        ("org", ["1", "4", "5", "2", "3"]),
        ("kind", ["3", "1", "2", "5", "4"]),
    ],
)
def test_sort_items(meeting, order, expected):
    assert [i["id"] for i in sort_items(ITEMS, order, meeting)] == expected


@pytest.mark.parametrize(
    "kept, other, expected",
    [
        ("A", "B", "A\nB"),
        ("A", "", "A"),
        ("", "B", "B"),
        ("A and B", "B", "A and B"),
    ],
)
def test_fold_text(kept, other, expected):
    assert fold_text(kept, other) == expected


def test_filters_drive_the_table_and_the_item_list(panel, demo_store):
    assert len(_shown(panel)) == len(demo_store.items(include_deleted=True))
    panel.kind.value = "recommendation"
    assert len(_shown(panel)) == 4 and "4 items shown" in panel.count.value
    assert "Set up a cross-border referral mechanism" in panel.table.value
    panel.kind.value = ALL
    panel.flag.value = "sensitive"
    assert [demo_store.get_item(i)["sensitive"] for i in _shown(panel)] == [True]
    panel.flag.value = ALL
    panel.session.value = "s4"
    panel.org.value = "fed"
    assert {demo_store.get_item(i)["session"] for i in _shown(panel)} == {"s4"}
    assert "Psychosocial support skills for teachers." in panel.table.value


def test_correct_text_and_add_the_thai_version(panel, demo_store):
    item = demo_store.items(kind="plan", org="flep")[0]
    panel.item.value = item["id"]
    assert panel.text_en.value == item["text_en"]
    panel.text_th.value = "จัดทำคู่มือฉบับพกพา"
    panel.save.click()
    stored = demo_store.get_item(item["id"])
    assert stored["text_th"] == "จัดทำคู่มือฉบับพกพา"
    entry = demo_store.history(entity_id=item["id"])[0]
    assert (entry["action"], entry["actor"]) == ("update", "organiser:test")
    assert "จัดทำคู่มือฉบับพกพา" in panel.history.value and "organiser:test" in panel.history.value
    panel.language.value = "en_only"
    assert item["id"] not in _shown(panel)


def test_an_items_history_says_what_was_done_in_words(panel, demo_store):
    item = demo_store.items(kind="plan", org="flep")[0]
    panel.item.value = item["id"]
    panel.text_th.value = "จัดทำคู่มือฉบับพกพา"
    panel.save.click()
    cells = panel.history.value
    assert "<td>corrected</td>" in cells and "<td>captured</td>" in cells
    assert "<td>update</td>" not in cells and "<td>create</td>" not in cells


def test_the_panel_speaks_the_organisers_language(demo_store, tmp_path):
    panel = ReviewPanel(demo_store, actor="organiser:test", out_dir=tmp_path / "exports", lang="th")
    # The pre-publication checks, the export area and its refusal, all in Thai.
    assert "ก่อนเผยแพร่:" in panel.checks.value and "Before publishing" not in panel.checks.value
    assert (panel.export.description, panel.reviewed.description) == (
        "ส่งออกรายงานและตาราง",
        "ข้าพเจ้าได้ตรวจรายการข้างต้นแล้ว: เขียนไฟล์สาธารณะได้",
    )
    panel.export.click()  # a public export, not yet acknowledged
    assert "ยังไม่ได้เขียนไฟล์ใด" in panel.export_status.value and "Nothing" not in panel.export_status.value
    assert not (tmp_path / "exports" / "public").exists()
    # An item's history: the columns, what was done and by whom, in Thai.
    item = demo_store.items(kind="plan", org="flep")[0]
    panel.item.value = item["id"]
    panel.text_th.value = "จัดทำคู่มือฉบับพกพา"
    panel.save.click()
    assert "<th>การดำเนินการ</th>" in panel.history.value and "<td>แก้ไข</td>" in panel.history.value
    assert "<td>บันทึก</td>" in panel.history.value


def test_a_bad_correction_shows_why_and_writes_nothing(panel, demo_store):
    item = demo_store.items(kind="progress")[0]
    panel.item.value = item["id"]
    token = demo_store.change_token()
    panel.text_en.value = panel.text_th.value = "  "
    panel.save.click()
    assert "The text is empty" in panel.status.value and "#a8200d" in panel.status.value
    assert demo_store.change_token() == token


@pytest.mark.slow
def test_mark_sensitive_then_public_exports_leave_it_out(panel, demo_store, tmp_path):
    item = demo_store.items(kind="progress", org="map")[0]
    panel.item.value = item["id"]
    panel.sensitive.value = True
    panel.save.click()
    assert demo_store.get_item(item["id"])["sensitive"]
    export_all(demo_store.path, tmp_path / "out", charts=False)
    report = Document(tmp_path / "out" / "report.docx")
    texts = [c.text for t in report.tables for r in t.rows for c in r.cells]
    assert item["text_en"] not in texts


def test_delete_and_restore(panel, demo_store):
    item = demo_store.items(kind="lesson")[0]
    panel.item.value = item["id"]
    panel.delete.click()
    assert demo_store.get_item(item["id"])["deleted_at"]
    panel.flag.value = "deleted"
    assert _shown(panel) == [item["id"]]
    panel.restore.click()
    assert demo_store.get_item(item["id"])["deleted_at"] is None
    assert [e["action"] for e in demo_store.history(entity_id=item["id"])][:2] == ["restore", "delete"]


def test_merge_duplicates(panel, demo_store, tmp_path):
    keep = demo_store.items(kind="recommendation")[1]  # cross-border referral, voted second
    dup = demo_store.add_item(
        "s3", "recommendation", "A cross-border referral mechanism for trafficking victims.", "กลไกส่งต่อข้ามพรมแดน"
    )
    panel.refresh()
    panel.item.value = dup["id"]
    assert keep["id"] in [v for _, v in panel.merge_into.options]
    panel.merge_into.value = keep["id"]
    panel.merge.click()
    assert "Merged" in panel.status.value
    kept = demo_store.get_item(keep["id"])
    assert kept["text_en"] == keep["text_en"] + "\n" + dup["text_en"]
    assert kept["text_th"] == keep["text_th"] + "\nกลไกส่งต่อข้ามพรมแดน"
    assert demo_store.get_item(dup["id"])["deleted_at"]
    assert demo_store.get_state(MERGED_STATE) == {dup["id"]: keep["id"]}
    assert len(collect_content(demo_store.path).of("recommendation")) == 4


def test_votes_for_a_merged_duplicate_count_for_the_kept_item(demo_store):
    recs = demo_store.items(kind="recommendation")
    _used, before = ranked_recommendations(collect_content(demo_store.path))
    merged_away = before[0][0]["id"]
    kept_id = next(r["id"] for r in recs if r["id"] != merged_away and r["id"] == before[-1][0]["id"])
    _kept, options = demo_store.merge_items(kept_id, merged_away, actor="organiser")
    assert options == 1  # the poll option still names the duplicate: the exports follow the merge
    _used, after = ranked_recommendations(collect_content(demo_store.path))
    assert after[0][0]["id"] == kept_id and after[0][1]["rank"] == 1
    assert merged_away not in [r["id"] for r, _row in after]


@pytest.mark.parametrize(
    "case, message",
    [
        ("same", "two different items"),
        ("kinds", "same kind"),
        ("deleted", "Restore a deleted item"),
    ],
)
def test_merge_refuses(demo_store, case, message):
    rec, other_rec = demo_store.items(kind="recommendation")[:2]
    need = demo_store.items(kind="need")[0]
    if case == "deleted":
        demo_store.delete_item(other_rec["id"])
    pairs = {"same": (rec, rec), "kinds": (rec, need), "deleted": (rec, other_rec)}
    keep, dup = pairs[case]
    with pytest.raises(ValidationError, match=message):
        demo_store.merge_items(keep["id"], dup["id"])


def test_restoring_a_merged_item_undoes_the_merge_for_exports(panel, demo_store):
    a, b = demo_store.items(kind="avenue")[:2]
    demo_store.merge_items(a["id"], b["id"])
    panel.refresh()
    panel.flag.value = "merged"
    assert _shown(panel) == [b["id"]]
    panel.restore.click()
    assert demo_store.get_state(MERGED_STATE) == {}
    assert demo_store.get_item(b["id"])["deleted_at"] is None


def test_typed_markup_is_escaped(panel, demo_store):
    demo_store.add_item("s1", "note", '<img src=x onerror="alert(1)">')
    panel.refresh()
    assert "<img" not in panel.table.value and "&lt;img src=x" in panel.table.value
    panel.item.value = demo_store.items(kind="note")[-1]["id"]
    assert "<img" not in panel.history.value


@pytest.mark.slow
def test_export_button(panel, demo_store, tmp_path, monkeypatch):
    monkeypatch.setenv("ROUNDTABLE_NO_CHARTS", "1")
    panel.out_dir.value = str(tmp_path / "out")
    panel.internal.value = True
    panel.export.click()
    assert "INTERNAL" in panel.export_status.value and "Chart left out" in panel.export_status.value
    assert (tmp_path / "out" / "report-internal.docx").exists()
    blocker = tmp_path / "file"
    blocker.write_text("")
    panel.out_dir.value = str(blocker / "out")
    panel.export.click()
    assert "Cannot write to" in panel.export_status.value


def test_the_review_needs_the_organisers_store(demo_store):
    with Store(demo_store.path, readonly=True, public=True) as public, pytest.raises(ValidationError):
        ReviewPanel(public)


# ---------------------------------------------------------------- words an organiser reads


def test_sessions_are_named_by_their_titles_not_their_ids(panel, demo_store, meeting):
    assert session_name(meeting, "s2") == "Session 2" and session_name(meeting, "s2", "th") == "ช่วงที่ 2"
    item = demo_store.items(session="s2")[0]
    assert ">Session 2</td>" in panel.table.value and ">s2</td>" not in panel.table.value
    label = dict((v, k) for k, v in panel.item.options)[item["id"]]
    assert " · Session 2 · " in label and "s2" not in label.split(" · ")[:2]
    sessions = dict((v, k) for k, v in panel.session.options)
    assert sessions["s2"].startswith("Session 2: Working effectively together")


@pytest.mark.parametrize(
    "before, after, lang, expected",
    [
        (None, {"text_en": "A day off", "text_th": ""}, "en", "“A day off”"),
        (None, {"text_en": "", "text_th": "วันหยุด"}, "en", "“วันหยุด”"),
        (
            {"text_en": "A day off", "text_th": "", "attrs": None},
            {"text_en": "A day off", "text_th": "วันหยุด", "attrs": {}},
            "en",
            "Thai: added “วันหยุด”",
        ),
        (
            {"text_en": "A day off", "text_th": None},
            {"text_en": "A weekly day off", "text_th": ""},
            "en",
            "English: “A day off” → “A weekly day off”",
        ),
        ({"sensitive": False}, {"sensitive": True}, "en", "Sensitive: “no” → “yes”"),
        ({"sensitive": False}, {"sensitive": True}, "th", "ข้อมูลอ่อนไหว: “ไม่ใช่” → “ใช่”"),
        ({"org": "map", "orgs": []}, {"org": "fed", "orgs": None}, "en", "Organisation: “MAP” → “FED”"),
        ({"attrs": {"topic": "media"}}, {"attrs": {"topic": ""}}, "en", "Topic: removed “media”"),
        ({"attrs": {}}, {"attrs": {"due": "2016-08-01"}}, "th", "กำหนดเสร็จ: เพิ่ม “2016-08-01”"),
        ({"deleted_at": None, "text_en": "x"}, {"deleted_at": "2016-07-12", "text_en": "x"}, "en", ""),
    ],
)
def test_a_change_is_told_in_words(meeting, before, after, lang, expected):
    assert change_words(before, after, meeting, lang) == expected


def test_an_items_history_has_no_stored_names_or_none(panel, demo_store):
    item = demo_store.items(kind="plan", org="flep")[0]
    panel.item.value = item["id"]
    panel.text_th.value = "จัดทำคู่มือฉบับพกพา"
    panel.sensitive.value = True
    panel.save.click()
    shown = panel.history.value
    assert "Thai: added “จัดทำคู่มือฉบับพกพา”" in shown and "Sensitive: “no” → “yes”" in shown
    for raw in ("text_th", "text_en", "attrs", "None", "{}", "→ {", "'"):
        assert raw not in shown.replace("&#x27;", "'").split("</tr>", 1)[1], raw


def test_the_language_switch_relabels_the_whole_panel_and_is_remembered(panel, demo_store):
    panel.kind.value = "recommendation"
    chosen = panel.item.options[1][1]
    panel.item.value = chosen
    panel.switch.value = "th"
    assert (panel.session.description, panel.org.description, panel.kind.description) == (
        "ช่วงการประชุม",
        "องค์กร",
        "ประเภท",
    )
    assert panel.kind.value == "recommendation" and panel.item.value == chosen  # the filters stay
    assert "ข้อเสนอแนะร่วม" in panel.table.value and "<th>ภาษาอังกฤษ</th>" in panel.table.value
    assert "รายการที่แสดง" in panel.count.value and "ก่อนเผยแพร่:" in panel.checks.value
    assert dict(panel.flag.options)["ข้อมูลอ่อนไหว"] == "sensitive"
    assert "<th>ผู้ดำเนินการ</th>" in panel.history.value
    again = ReviewPanel(demo_store, actor="organiser:test")
    assert again.lang == "th" and again.save.description == "บันทึกการแก้ไข"


def test_export_links_open_or_download_each_file_from_the_notebooks_folder(tmp_path):
    folder = tmp_path / "exports" / "public"
    shown = export_links_html(folder, ["report.docx", "report.md", "report.pdf", "csv/items.csv"], here=tmp_path)
    assert '<a href="exports/public/report.docx" download>download</a>' in shown
    assert '<a href="exports/public/report.md">open</a>' in shown
    assert '<a href="exports/public/csv/items.csv">open</a>' in shown
    # JupyterLab cannot show Word; its PDF viewer is a frame the content policy refuses.
    assert '<a href="exports/public/report.docx">' not in shown and '<a href="exports/public/report.pdf">' not in shown
    assert shown.index("report.pdf") < shown.index("csv/items.csv")  # the documents first
    # A folder JupyterLab cannot serve gets no links (the message names it).
    assert export_links_html(tmp_path / "elsewhere", ["report.pdf"], here=tmp_path / "notebooks") == ""


def test_the_history_table_is_escaped(meeting):
    entries = [
        {
            "at": "2016-07-12T07:45:00+00:00",
            "actor": "chair:s2",
            "action": "create",
            "before": None,
            "after": {"text_en": "<script>x</script>", "text_th": ""},
        }
    ]
    shown = history_table(entries, meeting)
    assert "<script>" not in shown and "the chair of Session 2" in shown and "captured" in shown


def test_the_internal_copy_never_goes_into_the_public_folder_from_the_panel(panel, tmp_path):
    public = tmp_path / "exports" / "public"
    public.mkdir(parents=True)
    (public / "report.pdf").write_bytes(b"%PDF- a public report")
    panel.out_dir.value = str(public)
    panel.internal.value = True  # a folder the organiser typed stays: the export must refuse it
    assert panel.out_dir.value == str(public)
    panel.export.click()
    assert "#a8200d" in panel.export_status.value and not panel.links.outputs
    assert sorted(p.name for p in public.iterdir()) == ["report.pdf"]


def test_a_refusal_is_shown_in_the_organisers_language(demo_store):
    panel = ReviewPanel(demo_store, actor="organiser:test", lang="th")
    panel.item.value = demo_store.items(kind="progress")[0]["id"]
    panel.text_en.value = panel.text_th.value = "  "
    panel.save.click()
    assert "ยังไม่มีข้อความ" in panel.status.value and "The text is empty" not in panel.status.value


def test_every_step_of_an_export_has_its_words_in_both_languages():
    from roundtable_lib.meeting.labels import LABELS
    from roundtable_lib.outputs.export import CARRY_FORWARD_STEP, STEPS

    for step in (*STEPS, CARRY_FORWARD_STEP):
        en, th = LABELS[f"export.step.{step}"]
        assert en == step and th and th != en
