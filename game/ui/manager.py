"""The widget manager: pygame_gui's, with each button's tooltip as wide as its text needs, within bounds.

pygame_gui gives every tooltip one width from the theme whatever its text, and near the right edge of the window it
only slides the box left.  A fixed width is wrong both ways: at a large UI scale a long tip wraps to a word or two
a line, and a short tip ("Save the game") sits in a wide empty box.  Here a tip is as wide as its longest line up
to a readable paragraph's width (380 px at 100%, scaled), so a long tip fills lines of several words wherever it
is, and never wider than the window; pygame_gui then shifts it left to stay inside.
"""

from __future__ import annotations

import html
import re

import pygame
import pygame_gui

_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def tip_lines(html_text: str) -> list[str]:
    """The lines of a tooltip's HTML as plain text (tags dropped, entities read, <br> splits lines)."""
    return [html.unescape(_TAG.sub("", part)) for part in _BREAK.split(html_text)]


def tip_width(line_widths: list[int], padding: int, max_width: int, window_width: int) -> int:
    """How wide a tooltip is: its longest line plus ``padding``, at most ``max_width`` (longer lines wrap), and
    never wider than the window."""
    return max(1, min(max(line_widths, default=0) + padding, max_width, window_width))


class TipManager(pygame_gui.UIManager):
    """A UIManager whose tooltips fit their text (see the module's docstring); ``scale`` is the UI scale."""

    def __init__(self, size: tuple[int, int], theme_data: dict, scale: float = 1.0):
        super().__init__(size, theme_data)
        self.scale = scale

    def fitted_tip_width(self, text: str) -> int:
        s = self.scale
        font = self.get_theme().get_font(["tool_tip"])
        widths = [font.size(line)[0] for line in tip_lines(text)]
        # Bold runs are wider than the regular font measures: a margin keeps a one-line tip on one line.
        padding = round(24 * s) + max(widths, default=0) // 12
        return tip_width(widths, padding, round(380 * s), self.window_resolution[0] - round(8 * s))

    def create_tool_tip(self, text, position, hover_distance, parent_element, object_id, *, wrap_width=None,
                        text_kwargs=None):
        if wrap_width is None and isinstance(text, str):
            wrap_width = self.fitted_tip_width(text)
        tip = super().create_tool_tip(text, position, hover_distance, parent_element, object_id,
                                      wrap_width=wrap_width, text_kwargs=text_kwargs)
        # pygame_gui tries below, above, then slides the tip left; one it could not fit is clamped into the window.
        window = pygame.Rect((0, 0), self.window_resolution)
        if not window.contains(tip.rect) and tip.rect.width <= window.width:
            r = tip.rect.clamp(window)
            tip.set_position(r.topleft)
        return tip
