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


@lru_cache(maxsize=1)
def _base() -> dict:
    return json.loads(THEME_FILE.read_text(encoding="utf-8"))


def theme(scale: float = 1.0) -> dict:
    """The theme dict with every font size, and the title bars and tooltips, multiplied by ``scale``."""
    data = copy.deepcopy(_base())
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
