"""How the map view draws the counters of its view: the stacks in sight, the hovered one larger, a name list.

A mixin of :class:`~game.ui.mapview.MapView`: it reads the view's stacks (set_view), layout, hover and motion.
"""

from __future__ import annotations

import pygame

from game.engine.units import Unit

from .counters import counter_size, draw_stack, render_counter, stack_offset
from .layout import SQRT3
from .map_labels import get_font

#: The hovered stack is drawn this much larger (at least 56 px, at most 140), over its neighbours.
HOVER_SCALE = 1.6


class MapCounters:
    """The counters on the map (MapView's)."""

    def _visible_stacks(self) -> list[tuple[float, float, float, int, list[Unit]]]:
        """(sort key, x, y, hex index, units) of the stacks in view, top rows first."""
        if self.view is None or not self._stacks:
            return []
        lay = self.layout
        margin = counter_size(lay.size)
        vw, vh = lay.viewport
        hk = self.board.hex_km
        out = []
        for i, units in self._stacks.items():
            row, col = divmod(i, self.board.cols)
            x = lay.origin[0] + lay.scale * hk * (col + 0.5 * (row & 1))
            y = lay.origin[1] + lay.scale * hk * SQRT3 / 2 * row
            if x < -margin or y < -margin or x > vw + margin or y > vh + margin:
                continue
            out.append((y + x * 1e-6, x, y, i, units))
        out.sort(key=lambda t: t[0])
        return out

    def _draw_counters(self, surf: pygame.Surface, stacks) -> None:
        view = self.view
        if view is None or not stacks:
            return
        lay = self.layout
        size = counter_size(lay.size)
        pal = self.palette
        cfg = view.config
        hover_i = self.board.index(self.hover) if self.hover is not None else -1
        hovered = None
        moving = self.motion.moving()
        for _k, x, y, i, units in stacks:
            if moving:
                units = [u for u in units if u.id not in moving]     # it is drawn on its way (map_motion.py)
                if not units:
                    continue
            if i == hover_i and size < 90:
                hovered = (x, y, units)
                continue
            faces = [render_counter(u, cfg.seat(u.seat).bloc, size, pal) for u in reversed(units)]
            draw_stack(surf, faces, (x, y), size)
        if hovered is not None:
            x, y, units = hovered
            big = int(min(max(size * HOVER_SCALE, 56), 140))
            faces = [render_counter(u, cfg.seat(u.seat).bloc, big, pal) for u in reversed(units)]
            off = stack_offset(big) * (len(faces) - 1)
            shadow = pygame.Surface((big + 6, big + 6), pygame.SRCALPHA)
            shadow.fill((0, 0, 0, 0))
            pygame.draw.rect(shadow, (0, 0, 0, 70), shadow.get_rect(), border_radius=big // 8)
            surf.blit(shadow, (x - big / 2 + 4 - off / 2, y - big / 2 + 5 - off / 2))
            draw_stack(surf, faces, (x, y), big)

    def draw_units_text(self, surf: pygame.Surface, units: list[Unit], pos: tuple[int, int]) -> None:
        """A small list of unit names (used by the viewer as a hover tooltip)."""
        if not units:
            return
        lines = [f"{u.name} ({u.nation}) {u.steps}/{u.max_steps}" for u in units]
        font = get_font(14)
        rendered = [font.render(t, True, self.palette.ui_fg) for t in lines]
        w = max(r.get_width() for r in rendered) + 12
        h = sum(r.get_height() for r in rendered) + 8
        x, y = pos
        x = min(x, surf.get_width() - w - 4)
        y = min(y, surf.get_height() - h - 4)
        box = pygame.Surface((w, h), pygame.SRCALPHA)
        box.fill((*self.palette.ui_bg, 225))
        surf.blit(box, (x, y))
        yy = y + 4
        for r in rendered:
            surf.blit(r, (x + 6, yy))
            yy += r.get_height()
