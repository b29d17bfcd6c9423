"""The pygame_gui theme: assets/ui/theme.json with font sizes, and the sizes pygame_gui fixes in pixels, scaled for the
UI-scale setting."""

from __future__ import annotations

import copy
import json
from functools import lru_cache

from game.paths import ASSETS_DIR

THEME_FILE = ASSETS_DIR / "ui" / "theme.json"
#: pygame_gui's own sizes in pixels at 100%: a window's title bar (its close button is as wide as it is high), and a
#: tooltip's width when the text does not set it (game/ui/manager.py fits each tooltip to its text).
TITLE_BAR_HEIGHT = 28
CLOSE_GLYPH = 14
TOOLTIP_WIDTH = 320
#: The high-contrast theme (Settings > Contrast: for a projector in a lit room): white on black, bright yellow
#: borders and selections, body text at least 15 points.  Applied over every block's colours.
HIGH_CONTRAST = {
    "normal_bg": "#000000", "hovered_bg": "#1c3a66", "disabled_bg": "#000000", "selected_bg": "#ffd400",
    "active_bg": "#ffd400", "dark_bg": "#000000", "normal_text": "#ffffff", "hovered_text": "#ffffff",
    "selected_text": "#000000", "disabled_text": "#b0b0b0", "link_text": "#ffe34d", "link_hover": "#ffffff",
    "link_selected": "#ffffff", "normal_border": "#ffffff", "hovered_border": "#ffd400", "disabled_border": "#808080",
    "selected_border": "#ffd400", "active_border": "#ffd400", "filled_bar": "#ffd400", "unfilled_bar": "#000000",
}


@lru_cache(maxsize=1)
def _base() -> dict:
    return json.loads(THEME_FILE.read_text(encoding="utf-8"))


def theme(scale: float = 1.0, high_contrast: bool = False) -> dict:
    """The theme dict with every font size, and the title bars and tooltips, multiplied by ``scale``;
    ``high_contrast``: white on black with yellow borders (HIGH_CONTRAST), body text no smaller than 15 points."""
    data = copy.deepcopy(_base())
    if high_contrast:
        for name, block in data.items():
            if not isinstance(block, dict) or name == "#broken":     # an unreadable save's row stays greyed
                continue
            colours = block.setdefault("colours", {})
            for key in list(colours) if name != "defaults" else list(HIGH_CONTRAST):
                colours[key] = HIGH_CONTRAST.get(key, colours[key])
            font = block.get("font")
            if font and "size" in font and int(font["size"]) < 15:
                font["size"] = "15"
    for block in data.values():
        font = block.get("font") if isinstance(block, dict) else None
        if font and "size" in font:
            font["size"] = str(max(8, round(int(font["size"]) * scale)))
    # List rows must grow with their text, or scaled rows overlap (pygame_gui's default is 20 px).
    data.setdefault("selection_list", {}).setdefault("misc", {})["list_item_height"] = str(round(26 * scale))
    # A title bar of pygame_gui's fixed 28 px cuts a scaled title in half and keeps the close button tiny.  Every
    # window (message windows too) reads the "window" block.
    data.setdefault("window", {}).setdefault("misc", {})["title_bar_height"] = str(round(TITLE_BAR_HEIGHT * scale))
    # The close button's cross is a glyph of pygame_gui's symbol font, 14 px in its default theme: it grows too.
    data["window.#close_button"] = {
        "misc": {"shape": "rectangle", "shadow_width": "0", "border_width": "1", "text_horiz_alignment_padding": "0"},
        "font": {"name": "fira_code_symbols", "size": str(round(CLOSE_GLYPH * scale))}}
    data["window.#title_bar"] = {
        "misc": {"shape": "rectangle", "shadow_width": "0", "border_width": "1", "text_horiz_alignment": "left",
                 "text_horiz_alignment_padding": str(round(6 * scale))}}
    data.setdefault("tool_tip", {}).setdefault("misc", {})["rect_width"] = str(round(TOOLTIP_WIDTH * scale))
    return data
