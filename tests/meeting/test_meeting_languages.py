"""A meeting's languages come from its meeting file: one to four of the project's, one of them
the working language; every text in the file is checked against them, in plain words."""

import copy

import pytest
import yaml

from roundtable_lib import MeetingError, load_meeting
from roundtable_lib.meeting.definition import Meeting
from roundtable_lib.meeting.languages import PROJECT_LANGUAGES
from tests.helpers import MEETING_FILE, ROOT

REGIONAL_FILE = ROOT / "data" / "regional_conference.yaml"


def _bangkok():
    return yaml.safe_load(MEETING_FILE.read_text(encoding="utf-8"))


def _regional():
    return yaml.safe_load(REGIONAL_FILE.read_text(encoding="utf-8"))


def _write(tmp_path, data, name="meeting.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _error(tmp_path, data):
    path = _write(tmp_path, data)
    with pytest.raises(MeetingError) as err:
        load_meeting(path)
    message = str(err.value)
    assert message.startswith(f"{path}: "), message
    return message.removeprefix(f"{path}: ")


def _texts_in(data, languages):
    """``data`` with every per-language text keeping only ``languages`` (a language it lacks
    takes the English text with a marker), as an organiser's copy of another meeting's file."""
    if isinstance(data, dict) and "en" in data and all(isinstance(v, str) for v in data.values()):
        return {code: data.get(code) or f"[{code}] {data['en']}" for code in languages}
    if isinstance(data, dict):
        return {k: _texts_in(v, languages) for k, v in data.items()}
    if isinstance(data, list):
        return [_texts_in(v, languages) for v in data]
    return data


def test_the_project_speaks_nine_languages_with_their_names_and_directions():
    assert list(PROJECT_LANGUAGES) == ["en", "th", "id", "ne", "ar", "ru", "es", "fr", "am"]
    assert PROJECT_LANGUAGES["ar"].direction == "rtl"
    assert {c for c, lang in PROJECT_LANGUAGES.items() if lang.direction == "rtl"} == {"ar"}
    assert PROJECT_LANGUAGES["ne"].native_name == "नेपाली" and PROJECT_LANGUAGES["ne"].script == "devanagari"
    assert PROJECT_LANGUAGES["am"].script == "ethiopic" and PROJECT_LANGUAGES["ru"].script == "cyrillic"


def test_the_bangkok_file_is_the_english_thai_meeting_it_was(meeting):
    assert meeting.languages == ("en", "th") and meeting.working_language == "en"
    assert meeting.org("lsdf").label("th") == "พทช." and meeting.org("lsdf").label("en") == "LSDF"
    assert Meeting.from_json(meeting.to_json()) == meeting


def test_a_definition_stored_before_working_languages_reads_back_as_english(meeting):
    old = meeting.to_json().replace(', "working_language": "en"', "")
    assert "working_language" not in old
    assert Meeting.from_json(old).working_language == "en"


def test_the_regional_conference_file_loads_in_four_languages():
    regional = load_meeting(REGIONAL_FILE)
    assert regional.languages == ("en", "id", "ne", "th") and regional.working_language == "en"
    assert "(illustrative)" in regional.title["en"] and "(ilustratif)" in regional.title["id"]
    assert "उदाहरण" in regional.title["ne"] and "ตัวอย่างสมมติ" in regional.title["th"]
    # Organisations of the three countries, each delegation's CSOs and Red Cross society voting.
    assert {"pmi", "nrcs", "trc"} <= set(regional.voting_org_ids)
    assert len(regional.csos) == 6 and "ifrc" not in regional.voting_org_ids
    assert regional.org("nrcs").label("ne") == "नेरेसो" and regional.org("nrcs").label("id") == "NRCS"
    for session in regional.agenda:
        assert all(session.title[code] for code in regional.languages)
        assert all(q[code] for q in session.questions for code in regional.languages)
    assert Meeting.from_json(regional.to_json()) == regional


def test_a_text_a_language_leaves_out_is_shown_in_the_working_language_and_says_so():
    regional = load_meeting(REGIONAL_FILE)
    assert set(regional.contact) == {"en"}  # English only in the file
    text, shown = regional.text(regional.contact, "ne")
    assert shown == "en" and "roma.asia@example.org" in text
    assert regional.text(regional.venue, "ne") == ("जकार्ता, इन्डोनेसिया (उदाहरणका लागि)", "ne")
    # A language the meeting does not have reads the working language too.
    assert regional.text(regional.title, "ar")[1] == "en"


def test_a_nepali_meeting_file_loads(tmp_path):
    data = _texts_in(_bangkok(), ("ne", "en"))
    data["meeting"]["languages"] = ["ne", "en"]
    data["meeting"]["title"]["ne"] = "आप्रवासीका अधिकार कार्यमा: राष्ट्रिय गोलमेच बैठक"
    data["organisations"][0]["short"] = {"en": "MAP"}  # no Nepali short name: the Nepali name
    data["organisations"][0]["name"]["ne"] = "म्याप फाउन्डेसन"
    nepali = load_meeting(_write(tmp_path, data))
    assert nepali.languages == ("ne", "en") and nepali.working_language == "ne"
    assert nepali.title["ne"].startswith("आप्रवासीका")
    assert nepali.org("map").label("ne") == "म्याप फाउन्डेसन" and nepali.org("map").label("en") == "MAP"
    assert list(nepali.title) == ["ne", "en"]


def test_an_arabic_meeting_file_loads_with_english_as_its_working_language(tmp_path):
    data = _texts_in(_bangkok(), ("ar", "en"))
    data["meeting"]["languages"] = ["ar", "en"]
    data["meeting"]["working_language"] = "en"
    data["meeting"]["title"]["ar"] = "حقوق المهاجرين في العمل: المائدة المستديرة الوطنية"
    data["meeting"]["venue"] = {"en": "Amman, Jordan"}  # Arabic may be left out of a venue
    arabic = load_meeting(_write(tmp_path, data))
    assert arabic.languages == ("ar", "en") and arabic.working_language == "en"
    assert arabic.title["ar"].startswith("حقوق") and PROJECT_LANGUAGES[arabic.languages[0]].direction == "rtl"
    assert arabic.text(arabic.venue, "ar") == ("Amman, Jordan", "en")
    assert arabic.text(arabic.title, "ar")[1] == "ar"


def test_one_language_is_a_meeting_too(tmp_path):
    data = _texts_in(_bangkok(), ("en",))
    data["meeting"]["languages"] = ["en"]
    assert load_meeting(_write(tmp_path, data)).languages == ("en",)


def _mutated(data, path, value=None, delete=False):
    data = copy.deepcopy(data)
    *parents, last = path
    node = data
    for key in parents:
        node = node[key]
    if delete:
        del node[last]
    else:
        node[last] = value
    return data


ALL_FOUR = "this meeting's languages are English, Indonesian, Nepali and Thai"


@pytest.mark.parametrize(
    "path, value, delete, expected",
    [
        # The example an organiser meets first: a name missing in one of the meeting's languages.
        (["organisations", 3, "name", "ne"], None, True, f"organisations[3].name: no Nepali (ne) name; {ALL_FOUR}"),
        (["agenda", 1, "title", "id"], None, True, f"agenda[1].title: no Indonesian (id) title; {ALL_FOUR}"),
        (["agenda", 2, "questions", 1, "th"], None, True, f"agenda[2].questions[1]: no Thai (th) question; {ALL_FOUR}"),
        (["breaks", 1, "title", "ne"], None, True, f"breaks[1].title: no Nepali (ne) title; {ALL_FOUR}"),
        (["meeting", "title", "th"], None, True, f"meeting.title: no Thai (th) title; {ALL_FOUR}"),
        # The working language's text is required everywhere, the others optional outside the above.
        (
            ["meeting", "venue", "en"],
            None,
            True,
            "meeting.venue: no English (en) venue; the working language's is required",
        ),
        (["organisations", 0, "city", "en"], None, True, "organisations[0].city: no English (en) city"),
        (["meeting", "venue", "th"], "  ", False, "meeting.venue.th: empty Thai (th) venue"),
        (
            ["organisations", 0, "city", "ru"],
            "Джакарта",
            False,
            f"organisations[0].city.ru: a Russian (ru) city, but {ALL_FOUR}: add ru to meeting.languages or remove",
        ),
        (["organisations", 0, "city", "np"], "x", False, "organisations[0].city.'np': unknown language code"),
        (["organisations", 0, "name"], "YAPM", False, "organisations[0].name: expected a name in each of the"),
        (["meeting", "languages"], ["en", "id", "ne", "th", "ar"], False, "meeting.languages: a meeting has one"),
        (["meeting", "languages"], [], False, "meeting.languages: a meeting has one to four languages"),
        (["meeting", "languages"], "en", False, "meeting.languages: a meeting has one to four languages"),
        (["meeting", "languages"], ["en", "np"], False, "meeting.languages[1]: 'np' is not one of the project's"),
        (["meeting", "languages"], ["en", "en"], False, "meeting.languages[1]: English (en) is listed twice"),
        (["meeting", "languages"], None, True, "meeting.languages: missing field: list the meeting's languages"),
        (
            ["meeting", "working_language"],
            "ar",
            False,
            "meeting.working_language: Arabic (ar) is not one of this meeting's languages "
            "(English, Indonesian, Nepali and Thai)",
        ),
        (["meeting", "working_language"], "xx", False, "meeting.working_language: 'xx' is not one of"),
    ],
)
def test_mistakes_in_languages_are_said_in_plain_words(tmp_path, path, value, delete, expected):
    assert _error(tmp_path, _mutated(_regional(), path, value, delete)).startswith(expected)


def test_the_working_language_may_be_another_than_the_first(tmp_path):
    data = _mutated(_regional(), ["meeting", "working_language"], "th")
    data["meeting"]["funder"]["disclaimer"]["th"] = "เอกสารนี้จัดทำขึ้นโดยได้รับการสนับสนุนทางการเงินจากสหภาพยุโรป"
    data["meeting"]["contact"] = {"en": "x@example.org"}
    assert _error(tmp_path, data) == "meeting.contact: no Thai (th) contact; the working language's is required"
    data["meeting"]["contact"] = {"th": "x@example.org"}
    assert load_meeting(_write(tmp_path, data)).working_language == "th"


def test_an_organisers_copy_with_texts_in_a_language_it_dropped_says_what_to_do(tmp_path):
    """The README's path: copy the Bangkok file, set the languages, and the first Thai text left
    over says how to fix it."""
    data = _mutated(_bangkok(), ["meeting", "languages"], ["en", "ne"])
    message = _error(tmp_path, data)
    assert "a Thai (th)" in message and "this meeting's languages are English and Nepali" in message
    assert "add th to meeting.languages or remove" in message
