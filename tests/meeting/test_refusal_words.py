"""What an item or a registration is refused for is said in Thai too: every refusal the rules and
typed text raise has its words in both languages, and the English stays as it always was."""

import ast
import re
import string

import pytest

from roundtable_lib.exceptions import ValidationError
from roundtable_lib.meeting import rules
from roundtable_lib.meeting.labels import LABELS
from roundtable_lib.meeting.refusals import error_text
from tests.helpers import ROOT

THAI = re.compile("[\u0e00-\u0e7f]")


def _refusal_keys(module):
    """The label keys a module's source passes to ``refusal(...)`` as a literal."""
    tree = ast.parse((ROOT / "roundtable_lib" / "meeting" / f"{module}.py").read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "refusal"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def _placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("module", ["rules", "typed_text"])
def test_every_refusal_has_english_and_thai_words_with_the_same_blanks(module):
    keys = {k for k in _refusal_keys(module) if k.startswith("error.")}
    assert keys, f"{module} raises no error.* refusal"
    for key in sorted(keys):
        en, th = LABELS[key]
        assert en and THAI.search(th), key
        assert _placeholders(en) == _placeholders(th), key


def _item(meeting, **data):
    return rules.validate_item(meeting, {"session": "s2", "kind": "note", "text_en": "x", **data})


@pytest.mark.parametrize(
    "bad, english",
    [
        (dict(session="zz"), "Unknown session 'zz'; sessions are welcome, s1"),
        (dict(kind="zz"), "Unknown kind 'zz'; kinds are expectation"),
        (dict(text_en=" ", text_th=""), "The text is empty: type it in English, in Thai, or both."),
        (dict(kind="progress"), "Choose the organisation this progress belongs to."),
        (dict(org="zz"), "Unknown organisation 'zz'; choose one of: map"),
        (dict(kind="synergy", orgs=["map"]), "A synergy links two or more organisations: choose at least two."),
        (dict(kind="offer", org="map", attrs={"topic": " "}), "Topic is empty: type something first."),
        (dict(kind="need", org="map", attrs={"area": "a" * 300}), "Capacity area is 300 characters long"),
        (dict(kind="training", attrs={"format": "zz"}), "Format must be one of workshop"),
        (dict(kind="action", org="map", attrs={"due": "2016-13-01"}), "Due date '2016-13-01' is not a date"),
        (dict(kind="feedback", attrs={"rating": 9}), "Rating must be a whole number from 1 to 5; got 9."),
        (dict(attrs={"foo": 1}), "Unexpected field 'foo' for a note."),
        (dict(kind="recommendation", attrs={"addressees": 5}), "Addressees are a list of who should act"),
        (dict(kind="recommendation", attrs={"rationale_th": 5}), "rationale in Thai must be text, not int."),
        (dict(text_en="x" * 20000), "English text is 20,000 characters long; the limit is 4,000."),
    ],
)
def test_an_item_refusal_reads_in_thai_and_in_the_same_english(meeting, bad, english):
    with pytest.raises(ValidationError) as caught:
        _item(meeting, **bad)
    assert str(caught.value).startswith(english)
    assert error_text(caught.value, "en") == str(caught.value)
    thai = error_text(caught.value, "th")
    assert THAI.search(thai) and thai != str(caught.value)


@pytest.mark.parametrize(
    "bad, english, thai",
    [
        (dict(name=""), "Name is empty: type something first.", "ชื่อยังว่างอยู่"),
        (dict(org="zz"), "Unknown organisation 'zz'", "ไม่มีองค์กร 'zz'"),
        (dict(language="fr"), "Language must be one of en, th; got 'fr'.", "ภาษาต้องเป็นหนึ่งใน en, th"),
        (dict(names={"fr": "x"}), "Names are given per language", "ชื่อให้แยกตามภาษา"),
        (dict(name=None, names={"en": "x" * 500}), "English name is 500 characters long", "ชื่อภาษาอังกฤษยาว 500"),
    ],
)
def test_a_registration_refusal_reads_in_thai(meeting, bad, english, thai):
    with pytest.raises(ValidationError) as caught:
        rules.validate_participant(meeting, {"name": "A", "org": "map", **bad})
    assert str(caught.value).startswith(english)
    assert thai in error_text(caught.value, "th")
