"""The widget manager: pygame_gui's, with each button's tooltip as wide as its text needs, within bounds.

pygame_gui gives every tooltip one width from the theme whatever its text, and near the right edge of the window it
only slides the box left.  A fixed width is wrong both ways: at a large UI scale a long tip wraps to a word or two
a line, and a short tip ("Save the game") sits in a wide empty box.  Here a tip is as wide as its longest line up
to a readable paragraph's width (380 px at 100%, scaled), so a long tip fills lines of several words wherever it
is, and never wider than the window; pygame_gui then shifts it left to stay inside.

Nor does a tooltip lie over a window opened above its button: tips are drawn on top of everything, and a
play-tester found the Decisions button's tip over the Decisions window it had opened, and a transport button's
tip over the key event's "Continue ›".  A tip is put out of sight where it would cover such a window, and the
tips shown when a window opens or closes are made anew (placed, and hidden or not, by the same rule).
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
        self._windows: tuple[int, ...] = ()

    def windows_above(self, element) -> list:
        """The open windows drawn above ``element`` (none for an element in the topmost window)."""
        root = self.get_root_container()
        layer = getattr(element, "layer", 0)
        return [w for w in self.get_window_stack().get_full_stack()
                if w is not root and w.alive() and w.visible and w.layer > layer]

    def update(self, time_delta: float) -> None:
        super().update(time_delta)
        windows = tuple(id(w) for w in self.get_window_stack().get_full_stack())
        if windows != self._windows:
            self._windows = windows
            for element in self.get_sprite_group().sprites():
                if getattr(element, "tool_tip", None) is not None:
                    element.tool_tip.kill()              # shown again after the hover delay, by create_tool_tip
                    element.tool_tip = None

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
        if parent_element is not None and any(w.rect.colliderect(tip.rect) for w in self.windows_above(parent_element)):
            # Out of sight (pygame_gui does not support hiding a tip; its button keeps it till the mouse leaves).
            tip.set_position((-4 * window.width, -4 * window.height))
        return tip
