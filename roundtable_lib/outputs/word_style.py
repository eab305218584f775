"""The Word files' fonts, package parts and the width of text, for :mod:`roundtable_lib.outputs.word`.

One font family for Latin and Thai, the one the PDFs use: Noto Sans, with Noto Sans Thai as the
complex-script font (Word and LibreOffice draw Thai with the ``w:cs`` font, and Thai is the
document's complex-script language). Noto Sans Thai has no digits: LibreOffice draws digits
inside Thai text with the next font fontconfig offers, Noto Sans, so numbers look the same in
both columns. Debian ships both in ``fonts-noto-core``; Word users without them see Word's
substitute, with the same metrics class.

python-docx starts every file from its own template, which carries a stranger's traces: "Microsoft
Macintosh Word" as the application, a theme whose East Asian language is Japanese, Japanese
fonts in the font table, a blank thumbnail and a bibliography part. :func:`clean_package` replaces
or removes each, so the file's properties say what it is: the meeting's document, written by the
workbook.

Imports: :mod:`roundtable_lib.outputs.web` (the family's name) and python-docx (inside the
functions, as the writer does).
"""

import re

from roundtable_lib.meeting.scripts import SCRIPTS
from roundtable_lib.outputs.web import FONT_FAMILY

FONT, THAI_FONT = FONT_FAMILY  # the PDFs' family (web.py's print style), so both look alike
LANGUAGE = "en-GB"
THAI = "th-TH"
APPLICATION = "Roundtable Workbook"

_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>{app}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)
_FONT_TABLE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:font w:name="{font}"><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    '<w:font w:name="{thai}"><w:charset w:val="DE"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
    "{others}</w:fonts>"
)
# The families of the other scripts typed into items (word_scripts draws each in its own).
_OTHER_FONT = '<w:font w:name="{name}"><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
_OTHERS = "".join(_OTHER_FONT.format(name=script.font) for script in SCRIPTS if script.font not in FONT_FAMILY)
_THEME_FONTS = '<a:latin typeface="{font}"/><a:ea typeface=""/><a:cs typeface="{thai}"/>'
_REL_DROPPED = ("thumbnail", "customXml", "stylesWithEffects")


def _escape(text):
    return str(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def set_fonts(r_fonts):
    """Point one ``w:rFonts`` at the family: theme fonts removed (the theme is the template's)."""
    from docx.oxml.ns import qn

    for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        r_fonts.attrib.pop(qn(f"w:{name}"), None)
    for name in ("ascii", "hAnsi", "eastAsia"):
        r_fonts.set(qn(f"w:{name}"), FONT)
    r_fonts.set(qn("w:cs"), THAI_FONT)


def apply_fonts(doc):
    """Every style and the document defaults in the one family, Thai as the complex script."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for r_fonts in styles.iter(qn("w:rFonts")):
        set_fonts(r_fonts)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), THAI)
    lang.set(qn("w:bidi"), THAI)
    _plain_bullets(doc)
    settings = doc.settings.element
    for element in list(settings):
        if element.tag == qn("w:savePreviewPicture"):  # the blank thumbnail
            settings.remove(element)
        elif element.tag == qn("w:themeFontLang"):
            element.attrib.pop(qn("w:eastAsia"), None)
            element.set(qn("w:val"), LANGUAGE)
            element.set(qn("w:bidi"), THAI)


def _plain_bullets(doc):
    """Bullets as the family's own "•": the template draws them from Symbol and Courier, which
    LibreOffice replaces with OpenSymbol, a third font in every PDF made from the file."""
    from docx.oxml.ns import qn

    numbering = doc.part.numbering_part.element
    for level in numbering.iter(qn("w:lvl")):
        fmt, text = level.find(qn("w:numFmt")), level.find(qn("w:lvlText"))
        if fmt is None or fmt.get(qn("w:val")) != "bullet" or text is None:
            continue
        text.set(qn("w:val"), "•")
        for r_fonts in level.iter(qn("w:rFonts")):
            r_fonts.attrib.pop(qn("w:hint"), None)
            set_fonts(r_fonts)


def clean_package(doc, company=""):
    """Replace the template's properties, theme fonts and font table; drop its thumbnail,
    bibliography and Word 2010 style copy."""
    package = doc.part.package
    for owner in (package, doc.part):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _REL_DROPPED:
                del owner.rels[r_id]
    for rel in list(package.rels.values()) + list(doc.part.rels.values()):
        if rel.is_external:
            continue
        part, kind = rel.target_part, rel.reltype.rsplit("/", 1)[-1]
        if kind == "extended-properties":
            part._blob = _APP_XML.format(app=APPLICATION, company=_escape(company)).encode("utf-8")
        elif kind == "fontTable":
            part._blob = _FONT_TABLE.format(font=FONT, thai=THAI_FONT, others=_OTHERS).encode("utf-8")
        elif kind == "theme":
            part._blob = _theme(part.blob)


def _theme(blob):
    """The theme with the family as its heading and body fonts, no per-script font list."""
    fonts = _THEME_FONTS.format(font=FONT, thai=THAI_FONT)
    text = blob.decode("utf-8")
    for which in ("majorFont", "minorFont"):
        text = re.sub(rf"<a:{which}>.*?</a:{which}>", f"<a:{which}>{fonts}</a:{which}>", text, flags=re.S)
    return text.encode("utf-8")


# ------------------------------------------------------------------------------ widths of text

# Advance widths of Noto Sans (regular, bold) for the printable ASCII characters, space to tilde,
# in thousandths of an em, read from Debian's fonts-noto-core: enough to size a table column.
_REGULAR = (
    "260 269 408 646 572 831 732 225 300 300 551 572 268 322 268 372 572 572 572 572 572 572 572 572 572 572 "
    "268 268 572 572 572 434 899 639 650 632 730 556 519 728 741 339 273 619 524 907 760 781 605 781 622 549 "
    "556 731 600 930 586 566 572 329 372 329 572 444 281 561 615 480 615 564 344 615 618 258 258 534 258 935 "
    "618 605 615 615 413 479 361 618 508 786 529 510 470 380 551 380 572"
)
_BOLD = (
    "260 286 472 646 572 901 750 266 339 339 545 572 285 322 285 413 572 572 572 572 572 572 572 572 572 572 "
    "285 285 572 572 572 477 897 690 672 637 740 560 549 724 765 389 331 664 565 943 813 796 628 796 660 551 "
    "579 756 650 967 667 624 579 331 413 331 572 411 362 604 633 514 633 591 387 633 657 305 305 620 305 982 "
    "657 619 633 633 454 497 434 657 569 856 578 569 488 394 551 394 572"
)
_ADVANCE = {
    bold: {chr(32 + n): int(w) / 1000 for n, w in enumerate(table.split())}
    for bold, table in ((False, _REGULAR), (True, _BOLD))
}
# Noto Sans Thai: consonants and vowels about 0.6 em (the widest 0.91), marks above and below none.
_THAI_MARKS = {0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)}


def char_width(ch, bold=False):
    """The advance of one character, in em."""
    code = ord(ch)
    if 0x0E00 <= code <= 0x0E7F:
        return 0.0 if code in _THAI_MARKS else 0.62
    return _ADVANCE[bold].get(ch, 0.65)  # outside ASCII: accented letters and dashes, about an "n"


def text_width(text, bold=False):
    """The width of ``text`` on one line, in em."""
    return sum(char_width(ch, bold) for ch in text)


# A Thai run has no spaces between words; LibreOffice and Word break it between words from a
# dictionary. The shortest piece a column must hold is a Thai word, not the whole run: this many
# characters covers the long compounds of these tables ("ปฐมพยาบาลทางจิตใจ" is 17 with its marks).
THAI_WORD = 10


def longest_word(text, bold=False):
    """The width in em of the widest piece of ``text`` that cannot be broken across lines."""
    widest = 0.0
    for word in str(text).split():
        if any(0x0E00 <= ord(ch) <= 0x0E7F for ch in word):
            widest = max(widest, min(text_width(word, bold), THAI_WORD * 0.62))
        else:
            widest = max(widest, text_width(word, bold))
    return widest
