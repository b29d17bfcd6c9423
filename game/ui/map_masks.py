"""How the map view draws hex overlays (reachable hexes, supply, fog ...) and the historical front line.

A mixin of :class:`~game.ui.mapview.MapView`: it reads the view's layout, board, palette and overlay cache.
Overlay surfaces cover the view plus OVERLAY_MARGIN, so small pans reuse them.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from .layout import SQRT3
from .map_labels import render_text
from .map_lines import polyline

#: Overlay surfaces cover the view plus this margin (px), so small pans reuse them.
OVERLAY_MARGIN = 256
#: The history line's label is tried at points this far apart along it (px).
LABEL_STEP = 24
#: Side d of a pointy-top hex (0 E ... 5 SE) lies between these corners of Layout.hex_corners (corner k at
#: 60k - 30 degrees, clockwise from the upper right).
SIDE_CORNERS = {0: (0, 1), 1: (5, 0), 2: (4, 5), 3: (3, 4), 4: (2, 3), 5: (1, 2)}


class MapMasks:
    """Translucent hex overlays, their outlines, and the historical front line (MapView's)."""

    def _mask_surface(self, mask: np.ndarray, colour, outline, area: pygame.Rect) -> pygame.Surface:
        """Hexes of ``mask`` filled with ``colour`` on a surface covering ``area`` (level px)."""
        lay = self.layout
        out = pygame.Surface(area.size, pygame.SRCALPHA)
        out.fill((0, 0, 0, 0))
        board = self.board
        hk = board.hex_km
        s = lay.scale
        rad = hk / SQRT3
        row_km = hk * SQRT3 / 2
        row0 = max(0, int(math.floor((area.top / s - rad) / row_km)))
        row1 = min(board.rows, int(math.ceil((area.bottom / s + rad) / row_km)) + 1)
        col0 = max(0, int(math.floor(area.left / s / hk - 1)))
        col1 = min(board.cols, int(math.ceil(area.right / s / hk + 1)))
        if row1 <= row0 or col1 <= col0:
            return out
        idx = (np.arange(row0, row1)[:, None] * board.cols + np.arange(col0, col1)[None, :]).ravel()
        idx = idx[mask[idx]]
        if idx.size == 0:
            return out
        rows, cols = np.divmod(idx, board.cols)
        xs = s * hk * (cols + 0.5 * (rows & 1)) - area.left
        ys = s * row_km * rows - area.top
        # A hair larger than the hex so neighbours leave no seams.
        r = lay.size + 0.6
        corners = [(r * math.cos(math.radians(60 * i - 30)), r * math.sin(math.radians(60 * i - 30)))
                   for i in range(6)]
        draw = pygame.draw.polygon
        for x, y in zip(xs.tolist(), ys.tolist()):
            draw(out, colour, [(x + dx, y + dy) for dx, dy in corners])
        if outline is not None:
            self._draw_region_outline(out, idx, mask, outline, xs, ys)
        return out

    def _cached_mask(self, name: str, version: object, mask_fn, colour, outline) -> tuple[pygame.Surface, tuple]:
        """A cached overlay surface and where to blit it; rebuilt on zoom, on change, or when
        a pan leaves its margin."""
        lay = self.layout
        view = self._view_level_rect()
        got = self._ov_cache.get(name)
        if got is not None:
            (ver, scale, area), surf = got
            if ver == version and scale == round(lay.scale, 6) and area.contains(view):
                return surf, (area.left + lay.origin[0], area.top + lay.origin[1])
        area = view.inflate(2 * OVERLAY_MARGIN, 2 * OVERLAY_MARGIN)
        surf = self._mask_surface(mask_fn(), colour, outline, area)
        self._ov_cache[name] = ((version, round(lay.scale, 6), area), surf)
        return surf, (area.left + lay.origin[0], area.top + lay.origin[1])

    def _draw_region_outline(self, out: pygame.Surface, idx: np.ndarray, mask: np.ndarray, colour,
                             xs: np.ndarray, ys: np.ndarray) -> None:
        """Outline the edge of the masked region (sides whose neighbour is not in the mask)."""
        lay = self.layout
        nb = self.board.neighbors
        corners = lay.corner_offsets()
        w = 2 if lay.size < 30 else 3
        for i, cx, cy in zip(idx.tolist(), xs.tolist(), ys.tolist()):
            for d in range(6):
                n = nb[i, d]
                if n >= 0 and mask[n]:
                    continue
                a, b = SIDE_CORNERS[d]
                pygame.draw.line(out, colour, (cx + corners[a][0], cy + corners[a][1]),
                                 (cx + corners[b][0], cy + corners[b][1]), w)

    def _draw_mdl(self, surf: pygame.Surface) -> None:
        lay = self.layout
        if self.history_line is not None:
            name, lonlat = self.history_line
            pts = np.array([lay.lonlat_to_pixel(lon, lat) for lon, lat in lonlat], dtype=float)
            k = self.history_emphasis
            width = (4 if lay.size > 20 else 3) * k
            if k > 1:
                polyline(surf, (255, 255, 255), pts, width + 4)
            polyline(surf, self.palette.mdl, pts, width)
            # Placed once the names and counters are down (label_spot), and drawn over them: under the counters a
            # play-tester could not read it, and at the line's midpoint it ran across the names of the towns.
            # (At the UI scale, as the place names are: a teacher's 150% left it at 11 px on the projector.)
            ui = self.terrain.labels.text_scale
            # (And no bigger than a heading: zoomed in, it filled a corner of the map.)
            self._mdl_label = (name, round(min(22, max(12, lay.size * 0.6 * min(k, 1.4))) * ui), pts, width)
            return
        for ln in self.terrain.geo.mdl:
            pts = lay.km_to_pixel_array(ln.pts)
            polyline(surf, self.palette.mdl, pts, 3 if lay.size > 20 else 2)

    def _draw_history_label(self, surf: pygame.Surface, avoid: list[pygame.Rect]) -> None:
        """The historical front's label (kept by _draw_mdl), beside its line where it covers the fewest names and
        counters (``avoid``), inside the map in sight; drawn over the counters."""
        lay = self.layout
        name, font_px, pts, width = self._mdl_label
        self._mdl_label = None
        # (Inside the map's neat line: beyond it the label would stand on the dark margin.)
        x0, y0 = lay.km_to_pixel(*self.terrain.neat[:2])
        x1, y1 = lay.km_to_pixel(*self.terrain.neat[2:])
        shown = pygame.Rect(int(x0), int(y0), int(x1 - x0), int(y1 - y0)).clip(surf.get_rect())
        if self.minimap.visible:
            avoid = [*avoid, self.minimap.rect.move(-self.rect.x, -self.rect.y)]
        # (Placed again only when something it keeps clear of moved: the search was a millisecond a frame.)
        key = (name, font_px, width, tuple(self.palette.mdl), tuple(shown), pts.tobytes(),
               tuple(tuple(r) for r in avoid))
        cached = self._label_cache
        if cached is None or cached[0] != key:
            cached = self._label_cache = (key, self._place_history_label(name, font_px, pts, width, shown, avoid))
        if cached[1] is None:
            return
        at, label = cached[1]
        size = (label.get_width() + 8, label.get_height() + 2)
        box = pygame.Rect(at, size)
        tag = pygame.Surface(size, pygame.SRCALPHA)
        tag.fill((255, 250, 238, 215))
        surf.blit(tag, at)
        pygame.draw.rect(surf, self.palette.mdl, box, 1)
        surf.blit(label, (box.x + 4, box.y + 1))

    def _place_history_label(self, name: str, font_px: int, pts: np.ndarray, width: float, shown: pygame.Rect,
                             avoid: list[pygame.Rect]) -> tuple[tuple[int, int], pygame.Surface] | None:
        """Where the historical front's label goes and in which words: (top-left, rendered text), or None."""
        # On a paper tag edged in the line's colour: bare, the small text was lost on the sea and the coasts.
        # Wider than the map in sight, the name loses its last clause ("...: the Ch'ongch'on, Chosin and ...").
        # A name with no clear place beside its line (names, counters, the line itself through it) may drop its
        # "(approximate)", and as a last resort everything after the date: a bare date says little to a class.
        forms = [(name, 0.0)]
        if name.endswith(")") and " (" in name:
            forms.append((name[:name.rindex(" (")], 200.0))
        if ": " in name:
            forms.append((name.rsplit(": ", 1)[0], CROSSED / 2))
        images = [(render_text(t, font_px, self.palette.mdl), extra) for t, extra in forms]
        fitting = [(img, extra) for img, extra in images if img.get_width() + 24 <= shown.width] or images[-1:]
        best = None
        for img, extra in fitting:
            scored = label_spot_scored((img.get_width() + 8, img.get_height() + 2), pts, width, shown, avoid)
            if scored is None:
                continue
            if best is None or scored[0] + extra < best[0]:
                best = (scored[0] + extra, scored[1], img)
            if scored[2] == 0:
                break                               # clear: no shorter form is wanted
        return None if best is None else (best[1], best[2])


#: What the line running through a label costs (as much as 1000 px² of a name or a counter covered: a line through
#: the words is worse than a tag on the corner of a name).
CROSSED = 20_000.0


def label_spot(size: tuple[int, int], pts: np.ndarray, width: float, view: pygame.Rect,
               avoid: list[pygame.Rect]) -> tuple[int, int] | None:
    """Top-left of the best spot of :func:`label_spot_scored`, or None."""
    scored = label_spot_scored(size, pts, width, view, avoid)
    return None if scored is None else scored[1]


def label_spot_scored(size: tuple[int, int], pts: np.ndarray, width: float, view: pygame.Rect,
                      avoid: list[pygame.Rect]) -> tuple[float, tuple[int, int], float] | None:
    """Top-left of a label of ``size`` for the line through ``pts`` (screen px): just beside the line at a point of it
    in ``view`` (the map in sight), inside it, where it covers the least of the ``avoid`` rects (names and counters)
    and the line does not run through it, the nearest to the middle of the view of those; None if no part of the
    line is in view; as (cost, top-left, the part of the cost for what it covers or is crossed by: 0 when clear)."""
    w, h = size
    spots: list[tuple[float, float]] = []
    for (x0, y0), (x1, y1) in zip(pts[:-1].tolist(), pts[1:].tolist()):
        n = max(1, int(math.hypot(x1 - x0, y1 - y0) // LABEL_STEP))
        spots.extend((x0 + (x1 - x0) * t / n, y0 + (y1 - y0) * t / n) for t in range(n))
    if len(pts):
        spots.append(tuple(pts[-1].tolist()))
    segments = list(zip(pts[:-1].tolist(), pts[1:].tolist()))
    best = None
    for x, y in spots:
        if not view.collidepoint(x, y):
            continue
        # Below, above, right of and left of the point (a line running north-south needs the last two).
        for left, top in ((x - w / 2, y + width + 4), (x - w / 2, y - width - 4 - h),
                          (x + width + 6, y - h / 2), (x - width - 6 - w, y - h / 2)):
            r = pygame.Rect(int(left), int(top), w, h).clamp(view.inflate(-8, -8))
            # Any name or counter covered weighs more than the whole way across the view; so does the line itself
            # running through the text (a play-tester saw both).
            near = r.inflate(4, 4)
            covered = sum(c.width * c.height for c in (near.clip(a) for a in avoid))
            crossed = sum(1 for p, q in segments if r.clipline(p, q))
            penalty = 20.0 * covered + CROSSED * crossed
            cost = penalty + math.hypot(r.centerx - view.centerx, r.centery - view.centery)
            if best is None or cost < best[0]:
                best = (cost, r.topleft, penalty)
    return best

