"""The pygame_gui theme: assets/ui/theme.json with font sizes scaled for the UI-scale setting."""

from __future__ import annotations

import copy
import json
from functools import lru_cache

from game.paths import ASSETS_DIR

THEME_FILE = ASSETS_DIR / "ui" / "theme.json"
#: How wide a tooltip may grow before it wraps, at UI scale 100% (px).
TOOLTIP_WIDTH = 300


@lru_cache(maxsize=1)
def _base() -> dict:
    return json.loads(THEME_FILE.read_text(encoding="utf-8"))


def theme(scale: float = 1.0) -> dict:
    """The theme dict with every font size multiplied by ``scale``."""
    data = copy.deepcopy(_base())
    for block in data.values():
        font = block.get("font") if isinstance(block, dict) else None
        if font and "size" in font:
            font["size"] = str(max(8, round(int(font["size"]) * scale)))
    # List rows must grow with their text, or scaled rows overlap (pygame_gui's default is 20 px).
    data.setdefault("selection_list", {}).setdefault("misc", {})["list_item_height"] = str(round(26 * scale))
    # Tooltips wrap at a width that grows with their text too: at pygame_gui's fixed 170 px a scaled font breaks
    # a long word in two ("Demonst- -rations").
    data.setdefault("tool_tip", {}).setdefault("misc", {})["rect_width"] = str(round(TOOLTIP_WIDTH * scale))
    return data
