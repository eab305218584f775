"""Each script of a Word paragraph in its own font, and Arabic right to left, for
:func:`roundtable_lib.outputs.word.add_text`.

Word picks a run's font from one of four slots by the run's characters (``w:ascii``,
``w:hAnsi``, ``w:eastAsia``, ``w:cs``), and LibreOffice by its own idea of each script (Latin,
Asian or complex); the two do not agree on every script (Ethiopic is "other" to Word, Devanagari
and Arabic are complex to both). So a run of Devanagari, Arabic or Ethiopic gets its Noto
family (:mod:`roundtable_lib.meeting.scripts`) in all four slots, and whatever Word or LibreOffice
takes it for, it is drawn in that family. Digits, punctuation and Latin or Cyrillic between them
are a run of their own whose complex-script font is Noto Sans: LibreOffice draws a digit after
Thai or Arabic with the complex-script font, which has none (Noto Sans Thai) or other ones.
Thai keeps the document's own complex-script font (:mod:`roundtable_lib.outputs.word_style`).

A paragraph whose first strong letter is Arabic (the rule of Unicode's bidi algorithm, and of a
browser's ``dir="auto"``) is a right-to-left paragraph (``w:bidi``), and its Arabic runs are
marked ``w:rtl`` with the Arabic language, so Word and LibreOffice lay it out from the right and a
Latin name or a number inside it keeps its own order. A bilingual paragraph takes the direction
of its first line.

Imports: :mod:`roundtable_lib.meeting.scripts` and python-docx (inside the functions, as the
writer does).
"""

from roundtable_lib.meeting.scripts import ARABIC, FONT, THAI, rtl, script_runs

ARABIC_LANGUAGE = "ar-SA"
_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def needs_runs(text):
    """Does ``text`` hold a script with a font of its own (then :func:`add_runs` is needed)?"""
    return any(script for script, _piece in script_runs(text))


def set_font(run, family):
    """``family`` in every font slot of ``run``, the theme's fonts removed."""
    from docx.oxml.ns import qn

    r_fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        r_fonts.attrib.pop(qn(f"w:{name}"), None)
    for slot in _SLOTS:
        r_fonts.set(qn(f"w:{slot}"), family)


def mark_right_to_left(run):
    """An Arabic run: right to left, complex script, in the Arabic language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_pr = run._r.get_or_add_rPr()
    r_pr.get_or_add_rtl()
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:bidi"), ARABIC_LANGUAGE)


def set_right_to_left(paragraph):
    """Make ``paragraph`` a right-to-left paragraph (``w:bidi``), once."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = paragraph._p.get_or_add_pPr()
    if p_pr.find(qn("w:bidi")) is None:
        successors = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing")
        successors += ("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment")
        successors += ("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr")
        p_pr.insert_element_before(OxmlElement("w:bidi"), *successors, "w:pPrChange")


def add_runs(paragraph, text, style_run, **style):
    """Add ``text`` to ``paragraph`` as one run per script, each formatted by ``style_run`` and
    drawn in its script's family; returns the runs. The paragraph turns right to left when it
    was empty and ``text`` starts (its first strong letter) in Arabic."""
    from docx.oxml.ns import qn

    if not paragraph.text and rtl(text):
        set_right_to_left(paragraph)
    runs = []
    for script, piece in script_runs(text):
        run = style_run(paragraph.add_run(piece), **style)
        if script is None:  # Latin slots are Noto Sans already (word_style): the complex one too
            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), FONT)
        elif script is not THAI:  # Thai is the document's complex script already (word_style)
            set_font(run, script.font)
        if script is ARABIC:
            mark_right_to_left(run)
        runs.append(run)
    return runs
