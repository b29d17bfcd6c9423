"""Animations on the map: a counter sliding along its path, a flash where a fight or a landing happened.

The game screen starts them for what the viewer could see of the computer's moves (the same rule as its
event log) and the map view draws them over the counters; a sliding unit is left out of its stack until it
arrives.  They are looks only: the position has already changed when they start, so skipping one
(:meth:`Motion.skip`) or never drawing it changes nothing.  Times are seconds, advanced by ``update(dt)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from game.engine.hexes import Hex
from game.engine.units import Unit

from .counters import draw_stack, render_counter
from .layout import Layout


@dataclass
class Slide:
    unit: Unit                 # the unit as it is after the move (its face)
    path: tuple[Hex, ...]      # the hexes it passes through, first to last
    duration: float
    elapsed: float = 0.0


@dataclass
class Flash:
    hex: Hex
    colour: tuple[int, int, int]
    duration: float
    elapsed: float = 0.0


class Motion:
    """The animations running on one map view."""

    def __init__(self) -> None:
        self.slides: dict[str, Slide] = {}
        self.flashes: list[Flash] = []

    @property
    def active(self) -> bool:
        return bool(self.slides or self.flashes)

    def slide(self, unit: Unit, path: list[Hex] | tuple[Hex, ...], duration: float) -> None:
        """Slide ``unit`` along ``path`` in ``duration`` seconds (nothing if the path has no length)."""
        path = tuple(path)
        if len(path) >= 2 and duration > 0:
            self.slides[unit.id] = Slide(unit, path, duration)

    def flash(self, h: Hex, colour: tuple[int, int, int], duration: float) -> None:
        if duration > 0:
            self.flashes.append(Flash(h, tuple(colour), duration))

    def update(self, dt: float) -> None:
        for uid in list(self.slides):
            s = self.slides[uid]
            s.elapsed += dt
            if s.elapsed >= s.duration:
                del self.slides[uid]
        for f in self.flashes:
            f.elapsed += dt
        self.flashes = [f for f in self.flashes if f.elapsed < f.duration]

    def skip(self) -> None:
        """End every animation now (the counters stand where the game has them)."""
        self.slides.clear()
        self.flashes.clear()

    def moving(self) -> set[str]:
        """Ids of the units sliding now (their stacks draw without them)."""
        return set(self.slides)

    # -- drawing ---------------------------------------------------------------------------------------
    @staticmethod
    def position(layout: Layout, s: Slide) -> tuple[float, float]:
        """Where the sliding counter is now: along its path by distance, eased in and out."""
        pts = [layout.hex_to_pixel(h) for h in s.path]
        t = min(1.0, s.elapsed / s.duration)
        t = t * t * (3 - 2 * t)
        seg = [math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in zip(pts, pts[1:])]
        total = sum(seg)
        if total <= 0:
            return pts[-1]
        goal = t * total
        for (a, b), d in zip(zip(pts, pts[1:]), seg):
            if goal <= d and d > 0:
                f = goal / d
                return a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f
            goal -= d
        return pts[-1]

    def draw(self, surf: pygame.Surface, layout: Layout, size: int, palette, config) -> None:
        for f in self.flashes:
            x, y = layout.hex_to_pixel(f.hex)
            t = f.elapsed / f.duration
            r = layout.size * (0.5 + 0.9 * t)
            alpha = int(255 * (1 - t))
            w = max(3, int(layout.size * 0.18))
            ring = pygame.Surface((int(2 * r + 2 * w + 4),) * 2, pygame.SRCALPHA)
            c = ring.get_width() / 2
            pygame.draw.circle(ring, (16, 16, 16, alpha), (c, c), r + 2, w + 4)
            pygame.draw.circle(ring, (*f.colour, alpha), (c, c), r, w)
            surf.blit(ring, (x - c, y - c))
        for s in self.slides.values():
            x, y = self.position(layout, s)
            face = render_counter(s.unit, config.seat(s.unit.seat).bloc, size, palette)
            shadow = pygame.Surface((size + 6, size + 6), pygame.SRCALPHA)
            shadow.fill((0, 0, 0, 0))
            pygame.draw.rect(shadow, (0, 0, 0, 80), shadow.get_rect(), border_radius=max(2, size // 8))
            surf.blit(shadow, (x - size / 2 + 3, y - size / 2 + 4))
            draw_stack(surf, [face], (x, y), size)
