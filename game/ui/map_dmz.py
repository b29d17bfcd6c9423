"""How the map view draws the DMZ: the frozen line of contact after an armistice, hatched, with its label.

A mixin of :class:`~game.ui.mapview.MapView`: it reads the view's ``dmz`` hexsides, ``dmz_label``, layout and
board, and caches the band per camera.
"""

from __future__ import annotations

import math

import pygame

from .layout import SQRT3
from .map_labels import render_text
from .map_masks import SIDE_CORNERS


class MapDmz:
    """The DMZ band and its label (MapView's)."""

    def hexside_points(self, i: int, d: int) -> tuple[tuple[float, float], tuple[float, float]]:
        """The two screen-local corners hex ``i`` shares with its neighbour in direction ``d``."""
        corners = self.layout.hex_corners(self.board.hex_at(i))
        a, b = SIDE_CORNERS[d % 6]
        return corners[a], corners[b]

    def dmz_major(self) -> list[bool]:
        """Per DMZ hexside: True on the line itself, False on small rings around enclaves.

        Hexsides joined end to end form pieces; the longest piece (west to east) and any piece at
        least half as wide are the line, drawn full width and labelled; the rest is drawn thinner.
        """
        if self._dmz_major is not None and len(self._dmz_major) == len(self.dmz):
            return self._dmz_major
        n = len(self.dmz)
        parent = list(range(n))

        def find(k: int) -> int:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        hk = self.board.hex_km
        rad = hk / SQRT3
        seen: dict[tuple[float, float], int] = {}
        xs: list[float] = []
        for k, (i, d) in enumerate(self.dmz):
            if not 0 <= i < self.board.size:
                xs.append(0.0)
                continue
            h = self.board.hex_at(i)
            cx, cy = hk * (h.q + h.r / 2.0), hk * SQRT3 / 2.0 * h.r
            xs.append(cx)
            for c in SIDE_CORNERS[d % 6]:
                ang = math.radians(60 * c - 30)
                key = (round(cx + rad * math.cos(ang), 1), round(cy + rad * math.sin(ang), 1))
                if key in seen:
                    parent[find(k)] = find(seen[key])
                else:
                    seen[key] = k
        span: dict[int, list[float]] = {}
        for k in range(n):
            r = find(k)
            lo_hi = span.setdefault(r, [xs[k], xs[k]])
            lo_hi[0], lo_hi[1] = min(lo_hi[0], xs[k]), max(lo_hi[1], xs[k])
        widest = max((hi - lo for lo, hi in span.values()), default=0.0)
        self._dmz_major = [span[find(k)][1] - span[find(k)][0] >= 0.5 * widest for k in range(n)]
        return self._dmz_major

    def dmz_segments(self, margin: float = 0.0, major_only: bool = False
                     ) -> list[tuple[tuple[float, float], tuple[float, float]]]:
        """The DMZ's hexsides as screen-local segments, those within the view (plus ``margin`` px)."""
        return [(p, q) for p, q, _m in self._dmz_segments(margin) if _m or not major_only]

    def _dmz_segments(self, margin: float) -> list[tuple[tuple[float, float], tuple[float, float], bool]]:
        vw, vh = self.layout.viewport
        major = self.dmz_major()
        out = []
        for k, (i, d) in enumerate(self.dmz):
            if not 0 <= i < self.board.size:
                continue
            p, q = self.hexside_points(i, d)
            if max(p[0], q[0]) < -margin or min(p[0], q[0]) > vw + margin or \
                    max(p[1], q[1]) < -margin or min(p[1], q[1]) > vh + margin:
                continue
            out.append((p, q, major[k]))
        return out

    def _dmz_band_width(self) -> float:
        return max(5.0, min(26.0, self.layout.size * 0.5))

    def _draw_dmz(self, surf: pygame.Surface) -> None:
        """The frozen line of contact as a thick band hatched red and edged dark red (cached per camera)."""
        key = (self._cam_key(), len(self.dmz), surf.get_size())
        if self._dmz_cache is None or self._dmz_cache[0] != key:
            self._dmz_cache = (key, *self._render_dmz(surf.get_size()))
        _key, img, at = self._dmz_cache
        if img is not None:
            surf.blit(img, at)

    def _render_dmz(self, size: tuple[int, int]) -> tuple[pygame.Surface | None, pygame.Rect]:
        bw = self._dmz_band_width()
        edge = max(1.5, bw * 0.14)
        segs = self._dmz_segments(margin=bw * 2)
        if not segs:
            return None, pygame.Rect(0, 0, 0, 0)
        xs = [x for p, q, _m in segs for x in (p[0], q[0])]
        ys = [y for p, q, _m in segs for y in (p[1], q[1])]
        pad = int(bw + edge + 4)
        area = pygame.Rect(int(min(xs)) - pad, int(min(ys)) - pad, int(max(xs) - min(xs)) + 2 * pad,
                           int(max(ys) - min(ys)) + 2 * pad).clip(pygame.Rect((0, 0), size))
        if area.width <= 0 or area.height <= 0:
            return None, area
        ox, oy = area.x, area.y

        def band(target: pygame.Surface, grow: float, colour) -> None:
            for (x0, y0), (x1, y1), major in segs:
                half = (bw / 2 if major else bw / 4) + grow
                dx, dy = x1 - x0, y1 - y0
                n = math.hypot(dx, dy) or 1.0
                nx, ny = -dy / n * half, dx / n * half
                pygame.draw.polygon(target, colour, [(x0 + nx - ox, y0 + ny - oy), (x1 + nx - ox, y1 + ny - oy),
                                                     (x1 - nx - ox, y1 - ny - oy), (x0 - nx - ox, y0 - ny - oy)])
                for x, y in ((x0, y0), (x1, y1)):
                    pygame.draw.circle(target, colour, (x - ox, y - oy), half)

        out = pygame.Surface(area.size, pygame.SRCALPHA)
        out.fill((0, 0, 0, 0))
        band(out, edge, (120, 14, 14, 235))
        inner = pygame.Surface(area.size, pygame.SRCALPHA)
        inner.fill((252, 238, 228, 215))
        step = max(4, int(bw * 0.55))
        lw = max(1, int(bw * 0.16))
        w, h = area.size
        # Hatching at 45 degrees, anchored to the map so it does not crawl as the view pans.
        phase = int(self.layout.origin[0] + self.layout.origin[1] - ox - oy) % step
        for k in range(-h + phase - step, w + step, step):
            pygame.draw.line(inner, (200, 28, 28, 255), (k, h), (k + h, 0), lw)
        mask = pygame.Surface(area.size, pygame.SRCALPHA)
        mask.fill((0, 0, 0, 0))
        band(mask, 0.0, (255, 255, 255, 255))
        inner.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        out.blit(inner, (0, 0))
        return out, area

    def _draw_dmz_label(self, surf: pygame.Surface) -> None:
        """'DMZ (date)' on a paper tag above the line near the middle of the view (over the counters)."""
        if not self.dmz_label:
            return
        vw, vh = self.layout.viewport
        segs = [(p, q) for p, q, major in self._dmz_segments(0.0) if major]
        inside = [(p, q) for p, q in segs if 0 <= (p[0] + q[0]) / 2 <= vw and 0 <= (p[1] + q[1]) / 2 <= vh]
        if not inside:
            return
        cx, cy = vw / 2, vh / 2
        p, q = min(inside, key=lambda s: abs((s[0][0] + s[1][0]) / 2 - cx) + 0.3 * abs((s[0][1] + s[1][1]) / 2 - cy))
        bw = self._dmz_band_width()
        img = render_text(self.dmz_label, max(12, min(20, int(self.layout.size * 0.55))), (140, 12, 12), bold=True)
        x = (p[0] + q[0]) / 2 - img.get_width() / 2
        y = min(p[1], q[1]) - bw / 2 - img.get_height() - 8
        box = pygame.Rect(int(x) - 5, int(y) - 2, img.get_width() + 10, img.get_height() + 4)
        box.clamp_ip(pygame.Rect(0, 0, vw, vh))
        tag = pygame.Surface(box.size, pygame.SRCALPHA)
        tag.fill((255, 248, 236, 225))
        surf.blit(tag, box.topleft)
        pygame.draw.rect(surf, (140, 12, 12), box, 1)
        surf.blit(img, (box.x + 5, box.y + 2))
