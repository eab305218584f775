"""The writing systems typed text may be in, and the font that draws each: one place for what
the screens, the documents and the privacy policy need to know of a script.

The project's countries write in Latin, Thai, Devanagari (Nepali), Arabic (Jordan, Lebanon,
Morocco), Ethiopic (Amharic) and Cyrillic (Russian, Kazakh, Tajik). Each is drawn by a Noto
family from Debian's ``fonts-noto-core``: Noto Sans draws Latin and Cyrillic (and Greek); the
others have a family of their own, named after Noto Sans in every font list (:data:`FONTS`) so
that Latin letters and digits look the same whatever script surrounds them.

Arabic runs right to left: :func:`rtl` says whether a text's first strong letter is (the rule a
browser applies for ``dir="auto"``, Unicode's bidi rule P2), so a paragraph typed in Arabic is
laid out right to left and a Latin name or a number inside it keeps its own order.

Pure: imports only the standard library.
"""

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Script:
    """A script with a font of its own: its name, its characters (the body of a regex
    character class), the Noto family that draws it, and whether it runs right to left."""

    name: str
    chars: str
    font: str
    right_to_left: bool = False


FONT = "Noto Sans"  # Latin, Cyrillic and Greek, and the digits and punctuation of every script
THAI = Script("thai", "\u0e00-\u0e7f", "Noto Sans Thai")
DEVANAGARI = Script("devanagari", "\u0900-\u097f\ua8e0-\ua8ff", "Noto Sans Devanagari")
ARABIC = Script("arabic", "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe", "Noto Sans Arabic", True)
ETHIOPIC = Script("ethiopic", "\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f", "Noto Sans Ethiopic")
SCRIPTS = (THAI, DEVANAGARI, ARABIC, ETHIOPIC)

# Every family, the main one first: a browser draws each character with the first that has it.
FONTS = (FONT, *(script.font for script in SCRIPTS))
# What a reader's own machine may have when the Noto families are missing (Windows, macOS, tlwg).
FALLBACKS = ("Loma", "Garuda", "Leelawadee UI", "Nirmala UI", "Segoe UI", "Tahoma", "sans-serif")


def css_fonts(quote='"'):
    """The font list for CSS (``font-family``) and SVG, families quoted with ``quote``."""
    named = [f"{quote}{name}{quote}" for name in FONTS + FALLBACKS[:-1]]
    return ", ".join([*named, FALLBACKS[-1]])


_RUNS = re.compile(
    "|".join(f"(?P<{s.name}>[{s.chars}]+(?:\\s+[{s.chars}]+)*)" for s in SCRIPTS)
    + "|(?P<other>[^"
    + "".join(s.chars for s in SCRIPTS)
    + "]+)"
)


def script_runs(text):
    """``[(script or None, piece)]``: ``text`` cut where its script changes. A run of one script
    keeps the spaces between its words; digits, punctuation, Latin and Cyrillic are ``None``
    (Noto Sans draws them)."""
    out = []
    for match in _RUNS.finditer(str(text)):
        script = next((s for s in SCRIPTS if match.lastgroup == s.name), None)
        out.append((script, match.group()))
    return out


def scripts_in(text):
    """The scripts with a font of their own that ``text`` uses, in :data:`SCRIPTS` order."""
    found = {script for script, _piece in script_runs(text) if script}
    return [s for s in SCRIPTS if s in found]


def rtl(text):
    """Does ``text`` read right to left: is its first strong letter a right-to-left one?"""
    for ch in str(text or ""):
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2068", "\u2069"


def isolate(text):
    """``text`` between Unicode's first-strong isolate marks when it holds right-to-left letters:
    the plain-text ``<bdi>``. Typed Arabic after a label ("Progress: ...") then reads right to
    left as a whole, with a Latin name or a number inside it in place, in every file (HTML, PDF,
    Word, Markdown), whatever the direction of the line around it."""
    text = str(text)
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_ISOLATE}"
    return text
