"""The game screen's tooltips: the top bar's date, turn and phase, and a map hex's terrain and units, placed beside
the hex so the units next to the cursor stay in sight.

A mixin of GameScreen (it reads the screen's ``app``, ``manager``, ``match``, ``view``, ``mapview``, ``map_rect``,
``tip_zones`` and ``s``).
"""

from __future__ import annotations

import time

import pygame

from game.engine.api import Hex
from game.engine.api import title as place_title
from game.engine.board import Terrain
from game.engine.combat import TERRAIN_SHIFT
from game.engine.terrain import HALF, TERRAIN_COST
from game.ui.counters import factors_words
from game.ui.log_html import esc


def tip_beside_hex(size: tuple[int, int], centre: tuple[float, float], radius: float,
                   window: pygame.Rect) -> tuple[int, int]:
    """Where a hex's tooltip of ``size`` goes: beside the hex at ``centre`` (of ``radius`` pixels), clear of it and
    of its six neighbours (the units next to the cursor stay in sight) -- to the right, else the left, else below,
    else above -- and inside ``window`` (near its right edge it flips to the left).  The top-left corner."""
    w, h = size
    gap = 2.7 * radius                        # from the hex's centre past the far side of its neighbours
    cx, cy = centre
    y = min(max(window.top, int(cy - h / 2)), window.bottom - h)
    x = min(max(window.left, int(cx - w / 2)), window.right - w)
    for left, top in ((int(cx + gap), y), (int(cx - gap - w), y), (x, int(cy + gap)), (x, int(cy - gap - h))):
        if window.contains(pygame.Rect(left, top, w, h)):
            return left, top
    return x, min(max(window.top, int(cy + gap)), window.bottom - h)


class GameTooltips:
    """The tooltip under the pointer, after it rests a moment."""

    def date_tip(self) -> str:
        view = self.view
        winter = "Winter: movement in the northern hills and mountains costs more, attacks there lose a column." \
            if view.is_winter() else "Not winter."
        return f"<b>{view.date:%d %B %Y}</b><br>Each turn is a week until July 1951, then two weeks.<br>{winter}"

    def turn_tip(self) -> str:
        view = self.view
        last = view.config.calendar.turn_dates()[-1]
        return (f"Turn {view.turn} of {view.last_turn}. The scenario ends after turn {view.last_turn} "
                f"({last:%d %B %Y}) unless the war ends first.")

    def phase_tip(self) -> str:
        order = ", then ".join(x.name for x in self.match.config.seats)
        return (f"Seats play in turn: {esc(order)}. Each seat moves, then fights; supply is checked at the end "
                "of its turn (out of supply: attack halved, a step lost after two turns).")

    def map_tip(self, h: Hex) -> str:
        b = self.match.board
        i = b.index(h)
        terrain = Terrain(int(b.terrain[i]))
        cost = (TERRAIN_COST[int(terrain)] or 0) / HALF
        shift = TERRAIN_SHIFT.get(terrain)
        lines = [f"<b>{esc(place_title(b, h))}</b> — {terrain.name.lower()}"]
        if b.is_land(i):
            lines.append(f"costs {cost:g} MP to enter (½ by road)" + (f"; attacks here shift {shift[0]:+d}"
                                                                      if shift else ""))
        for u in self.mapview.units_at(h):
            seat = self.match.config.seat(u.seat)
            lines.append(f"{esc(u.name)} — {esc(seat.name)}, {factors_words(u)}, {u.steps}/{u.max_steps} steps")
        return "<br>".join(lines)

    def drop_tooltip_at(self, pos: tuple[int, int]) -> None:
        """Take away the tooltip if ``pos`` (a click) falls on it, so that the click reaches the map beneath; the next
        rest of the pointer shows the tooltip of where it is then."""
        if self.tooltip is not None and self.tooltip.rect.collidepoint(pos):
            self.tooltip.kill()
            self.tooltip = None
            self.tip_key = None

    def update_tooltip(self) -> None:
        pos = pygame.mouse.get_pos()
        text, key = None, None
        for rect, fn in self.tip_zones:
            if rect.collidepoint(pos):
                key = ("zone", rect.x, rect.y)
                text = fn
        h = self.mapview.hover if self.map_rect.collidepoint(pos) else None
        if h is not None and (self.open_windows()
                              or (getattr(self, "lessons", None) is not None and self.lessons.covers(pos))):
            # A window open (a modal menu, a dialog) or the tutorial panel under the pointer: no hex tooltip, which
            # would draw over the window wherever the pointer rests on the map.
            h = None
        mini = self.mapview.minimap
        if text is None and h is not None and not (mini.visible and mini.rect.collidepoint(pos)):
            key = ("hex", h)
            text = lambda: self.map_tip(h)  # noqa: E731
        if key != self.tip_key:
            self.tip_key = key
            self.hover_since = time.monotonic()
            if self.tooltip is not None:
                self.tooltip.kill()
                self.tooltip = None
            return
        if text is not None and self.tooltip is None and time.monotonic() - self.hover_since > 0.6:
            from pygame_gui.elements import UITooltip
            self.tooltip = UITooltip(text(), (0, self.s(18)), self.manager, wrap_width=self.s(360))
            self.tooltip.find_valid_position(pygame.math.Vector2(pos))
            if key[0] == "hex":
                mv = self.mapview
                cx, cy = mv.layout.hex_to_pixel(key[1])
                centre = (mv.rect.x + cx, mv.rect.y + cy)
                self.tooltip.set_position(tip_beside_hex(self.tooltip.rect.size, centre, mv.layout.size,
                                                         pygame.Rect((0, 0), self.app.size)))
