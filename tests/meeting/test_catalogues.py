"""The label catalogues: every label of a catalogue that claims completeness is there with the
English's placeholders, every key the code asks for exists, counts follow each language's
plural rule, a language without a label falls back, and `roundtable languages` says how much
each catalogue covers."""

import re
from pathlib import Path

import pytest

from roundtable_lib.cli import main
from roundtable_lib.meeting import catalogues
from roundtable_lib.meeting.labels import LABELS, count, t

ROOT = Path(__file__).resolve().parents[2]
# A literal key in t("..."), count(n, "...") or a LABELS["..."] lookup, in code or notebooks.
# A key followed by "+" is the start of one built at run time ("report.kinds." + kind).
ASKED = re.compile(r"""(?:\bt\(|\bcount\([^,()]+,|LABELS\[)\s*["']([a-z_]+\.[\w. \-()]+?)["'](?!\s*\+)""")


def english_forms(message):
    return message.id if isinstance(message.id, tuple) else (message.id,)


def forms(message):
    return message.string if isinstance(message.string, tuple) else (message.string,)


@pytest.mark.parametrize("lang", catalogues.COMPLETE)
def test_a_catalogue_that_claims_completeness_has_every_label(lang):
    found = catalogues.coverage(lang)
    assert found.missing == (), f"{lang} lacks {len(found.missing)} labels: {', '.join(found.missing[:20])}"
    assert found.translated == found.total == len(LABELS) > 700


@pytest.mark.parametrize("lang", catalogues.languages())
def test_every_translation_keeps_the_english_placeholders(lang):
    assert catalogues.placeholder_problems(lang) == []


def test_a_misspelt_or_lost_placeholder_is_found(tmp_path):
    po = tmp_path / "th.po"
    text = catalogues.po_path("th").read_text(encoding="utf-8")
    text = text.replace("หน้า {page} จาก {pages}", "หน้า {page} จาก {pagse}", 1)
    text = text.replace("ยืนยัน: ใช้ไฟล์นี้", "ยืนยัน {file}", 1)
    text = text.replace("บันทึกให้ทุกหน้าจอแล้ว: {what}", "บันทึกให้ทุกหน้าจอแล้ว", 1)
    po.write_text(text, encoding="utf-8")
    problems = catalogues.placeholder_problems("th", catalogues.read(po, "th"))
    found = [problem.split(":")[0] for problem in problems]
    assert found == ["msg.capacity_loaded", "capacity.confirm", "print.page_of"]


@pytest.mark.parametrize("lang", catalogues.languages())
def test_every_catalogue_gives_the_english_catalogue_s_english(lang):
    """A catalogue whose msgid drifted from the English would be read for an older sentence."""
    english = catalogues.source().messages
    drifted = [key for key, message in catalogues.catalogue(lang).messages.items() if message.id != english[key].id]
    assert drifted == []


@pytest.mark.parametrize("lang", catalogues.languages())
def test_every_catalogue_has_its_language_s_plural_forms(lang):
    catalogue = catalogues.catalogue(lang)
    from babel.messages.plurals import get_plural

    expected = get_plural(lang).num_plurals
    counts = {len(forms(m)) for m in catalogue.messages.values() if isinstance(m.id, tuple)}
    assert counts <= {expected}, (lang, counts, expected)


def test_every_key_the_code_asks_for_is_in_the_english_catalogue():
    files = [*(ROOT / "roundtable_lib").rglob("*.py"), *(ROOT / "notebooks").rglob("*.ipynb")]
    asked = {key for path in files for key in ASKED.findall(path.read_text(encoding="utf-8"))}
    assert len(asked) > 200  # the pattern still finds the code's keys
    assert sorted(asked - set(LABELS)) == []


def test_the_english_and_thai_words_are_the_ones_the_tables_held():
    assert (t("kind.note"), t("kind.note", "th")) == ("Note", "บันทึก")
    assert t("print.page_of", "th").format(page=2, pages=9) == "หน้า 2 จาก 9"
    assert LABELS["count.vote"] == ("vote|votes", "คะแนน")
    assert (count(1, "count.vote"), count(1250, "count.vote"), count(2, "count.vote", "th")) == (
        "1 vote",
        "1,250 votes",
        "2 คะแนน",
    )
    assert count(3, "vote.numbered") == "3 numbered anonymous ballots"


def test_counts_follow_each_language_s_plural_rule():
    assert [catalogues.plural("count.vote", n) for n in (0, 1, 2)] == ["votes", "vote", "votes"]
    assert {catalogues.plural("count.vote", n, "th") for n in (0, 1, 2, 11)} == {"คะแนน"}
    assert count(1250, "count.vote", "id") == "1.250 suara"  # Indonesian groups thousands with a dot
    arabic = [count(n, "count.vote", "ar") for n in (0, 1, 2, 3, 11, 100)]
    assert arabic == ["0 صوت", "1 صوت", "2 صوتان", "3 أصوات", "11 صوتًا", "100 صوت"]  # zero, one, two, few, many, other


def test_a_language_without_a_catalogue_falls_back_to_the_working_language():
    assert catalogues.catalogue("ru") is None or catalogues.coverage("ru").missing
    key = next(k for k in catalogues.keys() if not catalogues.has(k, "ru"))
    assert t(key, "ru") == t(key, "en")
    assert t(key, "ru", fallback="th") == t(key, "th")
    assert catalogues.label_language(key, "ru", fallback="th") == "th"
    assert t(key, "xx-not-a-language") == t(key)
    with pytest.raises(KeyError):
        t("no.such.label", "th")


def test_an_empty_or_fuzzy_translation_counts_as_missing(tmp_path):
    po = tmp_path / "th.po"
    text = catalogues.po_path("th").read_text(encoding="utf-8")
    text = text.replace('msgstr "บันทึก"', 'msgstr ""', 1)
    text = text.replace('msgctxt "kind.plan"', '#, fuzzy\nmsgctxt "kind.plan"', 1)
    po.write_text(text, encoding="utf-8")
    read = catalogues.read(po, "th")
    assert "kind.note" not in read.messages and "kind.plan" not in read.messages
    assert catalogues.coverage("th", read).missing == ("kind.note", "kind.plan")


def test_a_key_given_twice_stops_the_catalogue(tmp_path):
    """One topic's "endorse.decision" once silently replaced another's, so a form's field read as
    an error message."""
    po = tmp_path / "en.po"
    text = catalogues.po_path("en").read_text(encoding="utf-8")
    po.write_text(text + '\nmsgctxt "endorse.decision"\nmsgid "must be one of"\nmsgstr "must be one of"\n')
    with pytest.raises(RuntimeError, match="endorse.decision"):
        catalogues.read(po, "en")


def test_the_catalogues_are_package_data():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.po"' in pyproject
    for lang in catalogues.COMPLETE:
        assert catalogues.po_path(lang).is_file()


def test_roundtable_languages_reports_each_catalogue_s_coverage():
    lines = []
    assert main(["languages"], out=lines.append) == 0
    total = len(LABELS)
    by_code = {line.split()[0]: line for line in lines[1:]}
    for lang in catalogues.COMPLETE:
        assert f"{total}/{total}" in by_code[lang] and "complete" in by_code[lang]
    assert "no catalogue" in by_code["am"] or "missing" in by_code["am"]
    lines = []
    assert main(["languages", "--missing", "th"], out=lines.append) == 0
    assert len(lines) == 2 and "missing:" not in "\n".join(lines)


def test_roundtable_languages_refuses_an_unknown_language(capsys):
    assert main(["languages", "xx"]) == 1
    assert "no such language: xx" in capsys.readouterr().err


THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip


def test_dates_come_from_babel_and_read_as_before_in_english_and_thai():
    """The English and Thai dates once came from month tables here: Babel's CLDR data must
    write every day of a year the same, Thai with the Buddhist-era year."""
    import datetime as dt

    from roundtable_lib.meeting.clock import format_date

    for offset in range(366):
        day = dt.date(2016, 1, 1) + dt.timedelta(days=offset)
        assert format_date(day) == f"{day.day} {day:%B} {day.year}"
        assert format_date(day, "th") == f"{day.day} {THAI_MONTHS[day.month - 1]} {day.year + 543}"
    day = dt.date(2016, 7, 12)
    assert [format_date(day, lang) for lang in ("id", "ar", "ne")] == ["12 Juli 2016", "12 يوليو 2016", "2016 जुलाई 12"]
    assert format_date(day, "no-such-language") == "12 July 2016"


def test_preload_reads_every_catalogue_once():
    loaded = catalogues.preload()
    assert {found.lang for found in loaded} >= set(catalogues.COMPLETE)
    assert catalogues.catalogue("ar") is next(found for found in loaded if found.lang == "ar")


def test_an_entry_for_an_older_english_text_is_not_shown(tmp_path):
    """A translation of an English text since changed (not yet marked fuzzy) counts as missing,
    so the reader gets today's English rather than a translation of yesterday's sentence."""
    po = tmp_path / "th.po"
    text = catalogues.po_path("th").read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "Note"\nmsgstr "บันทึก"', 'msgid "A note"\nmsgstr "บันทึก"', 1), encoding="utf-8")
    assert "kind.note" in catalogues.coverage("th", catalogues.read(po, "th")).missing


def test_roundtable_languages_for_a_meeting_file_lists_its_languages():
    lines = []
    assert main(["languages", "--meeting", str(ROOT / "data" / "regional_conference.yaml")], out=lines.append) == 0
    assert [line.split()[0] for line in lines[2:]] == ["en", "id", "ne", "th"]
    assert "working language" in lines[2] and "shown in English (en)" in lines[1]
    assert all("complete" in line for line in lines[2:])
