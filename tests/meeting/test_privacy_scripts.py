"""A registered name is withheld in every script the project's partners write: Nepali
(Devanagari), Arabic, Amharic (Ethiopic) and Russian (Cyrillic), typed as people type them.

Each row is a name, a text a chair typed and what the public sees: the name next to its
script's punctuation, glued to the script's case endings, prefixes or conjunctions, after a
title, with or without Arabic vowel marks; and never a piece of a longer word.
"""

import pytest

from roundtable_lib.meeting.privacy import NAME_WITHHELD, Policy, name_parts, redactor

W = NAME_WITHHELD

NEPALI = "सीता शर्मा"
ARABIC = "أحمد الخطيب"
ARABIC_COMPOUND = "عبد الله منصور"
AMHARIC = "አበበ ቢቂላ"
RUSSIAN = "Алёна Иванова"

CASES = [
    # Nepali: the danda ends a sentence; case endings are written glued to the name.
    (NEPALI, "सीता शर्माले भनिन्।", f"{W}ले भनिन्।"),
    (NEPALI, "सुश्री सीता शर्मा।", f"सुश्री {W}।"),
    (NEPALI, "सीताले तालिम दिइन्", f"{W}ले तालिम दिइन्"),
    (NEPALI, "शर्माजीको संस्था", f"{W}जीको संस्था"),
    (NEPALI, "सीतालाई सोध्नुहोस्॥", f"{W}लाई सोध्नुहोस्॥"),
    (NEPALI, "सीताराम आए", "सीताराम आए"),  # another name that starts with hers
    (NEPALI, "सीतामढी जिल्ला", "सीतामढी जिल्ला"),  # a place
    ("राम", "रामा र श्याम", "रामा र श्याम"),  # a vowel sign after the last consonant: another word
    ("राम", "राम्रो काम", "राम्रो काम"),  # a virama: the syllable goes on ("good work")
    # Arabic: its comma and semicolon; "and"/"for" glued; vowel marks and hamza folded.
    (ARABIC, "قال أحمد، ثم غادر", f"قال {W}، ثم غادر"),
    (ARABIC, "تحدث الخطيب؛ ثم", f"تحدث {W}؛ ثم"),
    (ARABIC, "وأحمد يعمل مع اللاجئين", f"و{W} يعمل مع اللاجئين"),
    (ARABIC, "أرسلوا التقرير للخطيب.", f"أرسلوا التقرير ل{W}."),
    (ARABIC, "السيد احمد الخطيب", f"السيد {W}"),
    (ARABIC, "أَحْمَدُ هنا", f"{W} هنا"),
    (ARABIC, "الأحمدي مدينة", "الأحمدي مدينة"),  # a longer word holding the name
    (ARABIC, "الخطيبة", "الخطيبة"),
    (ARABIC_COMPOUND, "عبدالله قال", f"{W} قال"),
    (ARABIC_COMPOUND, "الحمد لله، الله أكبر", "الحمد لله، الله أكبر"),  # "الله" alone is no name
    # Amharic: the Ethiopic full stop and wordspace; "of" before, the object ending after.
    (AMHARIC, "አቶ አበበ ቢቂላ ተናገሩ።", f"አቶ {W} ተናገሩ።"),
    (AMHARIC, "የአበበ ድርጅት", f"የ{W} ድርጅት"),
    (AMHARIC, "አበበን ጠይቁ፣ ቢቂላ፡መልስ", f"{W}ን ጠይቁ፣ {W}፡መልስ"),
    (AMHARIC, "አበበች መጣች", "አበበች መጣች"),  # a woman's name that starts with his
    # Russian: case, "ё" typed as "е", guillemets; no case endings of a longer word.
    (RUSSIAN, "Алена Иванова выступила.", f"{W} выступила."),
    (RUSSIAN, "«АЛЁНА» сказала", f"«{W}» сказала"),
    (RUSSIAN, "г-жа Иванова, юрист", f"г-жа {W}, юрист"),
    (RUSSIAN, "Ивановака и Алёнушка", "Ивановака и Алёнушка"),
]


@pytest.mark.parametrize(("name", "typed", "public"), CASES)
def test_a_name_is_withheld_as_a_word_of_its_script(name, typed, public):
    assert redactor([name])(typed, "en") == public


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("श्री राम बहादुर", ["राम", "बहादुर"]),
        ("الدكتورة فاطمة الزهراء", ["فاطمة", "الزهراء"]),
        ("عبد الرحمن بن خالد", ["عبد الرحمن", "خالد"]),
        ("ወ/ሮ ትዕግስት አለሙ", ["ትዕግስት", "አለሙ"]),
        ("Д-р Ольга Петровна Смирнова", ["Ольга", "Петровна", "Смирнова"]),
    ],
)
def test_titles_of_each_script_are_no_names_on_their_own(name, parts):
    assert name_parts(name) == parts


def test_the_policy_withholds_each_script_in_every_field():
    people = [
        {"id": n, "org": "o", "consent": False, "name": name, "names": {"en": latin}}
        for n, (name, latin) in enumerate(
            [
                (NEPALI, "Sita Sharma"),
                (ARABIC, "Ahmad Al-Khatib"),
                (AMHARIC, "Abebe Bikila"),
                (RUSSIAN, "Alyona Ivanova"),
            ],
        )
    ]
    policy = Policy(people)
    item = {
        "text_en": "Sita Sharma, Ahmad Al-Khatib, Abebe Bikila and Alyona Ivanova spoke.",
        "text_th": "सीताले, وأحمد، የአበበ, Алёна.",
        "attrs": {"asked_by": "አቶ አበበ", "owner_person": "Иванова"},
    }
    shown = policy.item(item)
    text = " ".join([shown["text_en"], shown["text_th"], *shown["attrs"].values()])
    for piece in ("Sita", "Ahmad", "Abebe", "Alyona", "सीता", "أحمد", "አበበ", "Алёна", "Иванова"):
        assert piece not in text, (piece, text)
    assert shown["text_th"].count("[") == 4 and shown["attrs"]["asked_by"].startswith("አቶ ")
