"""Nepali, Arabic, Amharic, Russian and Thai typed into an item are drawn on a participant's
phone in the Noto family of their script: the dashboards' style (display/html.STYLE) in
Chromium, asked which font it drew each text with (DevTools' CSS.getPlatformFontsForNode).
The card is kept as test-artifacts/documents/scripts-dashboard.png for people to look at.
"""

import pytest

from roundtable_lib.display.html import STYLE, esc
from tests.helpers import ROOT

TEXTS = {
    "Noto Sans Devanagari": "नेपालका आप्रवासी कामदारहरूको सुरक्षा।",
    "Noto Sans Arabic": "حماية العمال المهاجرين في عمّان",
    "Noto Sans Ethiopic": "የስደተኛ ሠራተኞች ጥበቃ።",
    "Noto Sans": "Защита трудящихся-мигрантов",
    "Noto Sans Thai": "คุ้มครองแรงงานข้ามชาติ",
}


@pytest.mark.slow  # Chromium
def test_each_script_is_drawn_in_its_noto_family(page):
    # named in the style, not left to the machine's fallback (a phone's own may draw it otherwise)
    assert all(f'"{family}"' in STYLE for family in TEXTS)
    cards = "".join(
        f'<div class="rt-card" id="t{n}" dir="auto">{esc(text)}</div>' for n, text in enumerate(TEXTS.values())
    )
    page.set_content(f'<html><head>{STYLE}</head><body><div class="rt">{cards}</div></body></html>')
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    for n, family in enumerate(TEXTS):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f"#t{n}"})["nodeId"]
        used = {
            f["familyName"]: f["glyphCount"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        }
        letters = sum(count for name, count in used.items() if name == family)
        assert letters and letters >= max(used.values()), (family, used)
    folder = ROOT / "test-artifacts" / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    page.locator(".rt").screenshot(path=str(folder / "scripts-dashboard.png"))
