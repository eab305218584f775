"""One key for a capacity area (roundtable_lib.meeting.assessment.area_key), and the capacity
check grouping by it: '&' and 'and', case and white space do not make two areas."""

import pytest

from roundtable_lib import ValidationError
from roundtable_lib.meeting.assessment import area_key, check_rows, parse_capacity

SAME = [
    ("Fund raising", "fund  raising "),
    ("Case management", "CASE MANAGEMENT"),
    ("M & E", "M and E"),
    ("M&E", "m and e"),
    ("Monitoring & evaluation", "Monitoring and evaluation"),
    ("Monitoring &evaluation", "monitoring\tand  evaluation"),
    ("Ｍ＆Ｅ", "M and E"),  # full-width, as some input methods type it
    ("การจัดทำแผน", "การจัดท\u0e4d\u0e32แผน"),  # SARA AM, and the same typed as NIKHAHIT + SARA AA
    (None, ""),
]

DIFFERENT = [
    ("M & E", "M E"),
    ("R&D", "Rand D"),
    ("Advocacy", "Governance"),
    ("Land rights", "L and rights"),
]


@pytest.mark.parametrize("a, b", SAME)
def test_spellings_of_one_area_have_one_key(a, b):
    assert area_key(a) == area_key(b)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_areas_keep_different_keys(a, b):
    assert area_key(a) != area_key(b)


def test_the_key_is_for_comparing_not_for_showing(meeting):
    data = parse_capacity("organisation,area,score\nmap,M & E,2\nfed,M and E,4\nlsdf,m&e,3\n", meeting, "x.csv")
    assert data.areas == ["M & E"]  # one column, spelled as first written
    assert [r["area"] for r in data.rows] == ["M & E", "M & E", "M & E"]


@pytest.mark.parametrize(
    "first, second", [("M & E", "M and E"), ("Monitoring and evaluation", "monitoring & evaluation")]
)
def test_one_organisation_scoring_one_area_twice_is_a_duplicate(meeting, first, second):
    text = f"organisation,area,score\nmap,{first},2\nmap,{second},3\n"
    with pytest.raises(ValidationError, match=f"x.csv, line 3: map/{second} is already scored on line 2"):
        parse_capacity(text, meeting, "x.csv")


def test_the_check_of_rows_given_directly_groups_the_same_way(meeting):
    """What the store runs on an assessment handed to it without a file."""
    rows = [{"org": "map", "area": "M & E", "score": 2}, {"org": "map", "area": "M and E", "score": 3}]
    clean, problems = check_rows(rows, meeting, "api")
    assert problems == ["api, row 2: map/M and E is already scored on row 1."]
    assert clean == [{"org": "map", "area": "M & E", "score": 2}]


def test_an_organisation_is_found_by_the_name_people_type_in_either_language(meeting):
    """An organiser's spreadsheet says "MAP" or "มูลนิธิแมพ", not the file's id: each is read as
    the same organisation; a name the meeting does not have is still refused with the ids."""
    text = "organisation,area,score\nMAP,Advocacy,2\n มูลนิธิพัฒนาทักษะชีวิต ,Advocacy,3\nfed,Advocacy,4\n"
    assert [r["org"] for r in parse_capacity(text, meeting).rows] == ["map", "lsdf", "fed"]
    with pytest.raises(ValidationError, match="Nobody Foundation"):
        parse_capacity("organisation,area,score\nNobody Foundation,Advocacy,2\n", meeting)
