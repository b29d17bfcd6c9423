"""The camera: the one place where hexes, kilometres and lon/lat become pixels.

World space is the map builder's kilometre plane (``board.projection``): hex
``Hex(q, r)`` has its centre at ``x = hex_km * (q + r / 2)``,
``y = hex_km * sqrt(3) / 2 * r`` (pointy-top, y grows southward, as in
:mod:`game.engine.hexes`).  A :class:`Layout` maps that plane to the screen by a
uniform ``scale`` (pixels per km) and an ``origin`` (the screen pixel of km
(0, 0)).  Everything drawn on the map -- coastlines, rivers, counters, overlays
-- goes through the same transform, so real geography lines up exactly with
the hexes.

The layout is plain arithmetic (no pygame); it keeps the viewport size to clamp
panning and to cull, and it is cheap to copy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from game.engine.board import Board, Projection
from game.engine.hexes import Hex, axial_to_offset, hex_round, offset_to_axial

SQRT3 = math.sqrt(3.0)

#: Closest zoom: hex radius in pixels.
MAX_HEX_PX = 140.0
#: The farthest zoom shows the whole map at this fraction of the "fit" zoom.
MIN_FIT_FRACTION = 0.85
#: While the map is larger than the view, its edge may come this far (a fraction of the
#: viewport) inside the view, so edge hexes can be brought out from under panels.
EDGE_SLACK = 0.3


@dataclass
class Layout:
    """Camera over one board's kilometre plane.

    ``scale`` is pixels per km; ``origin`` the screen position of km (0, 0);
    ``viewport`` the drawable size in pixels.  Use :meth:`for_board` to build one
    that shows the whole map.
    """

    projection: Projection
    cols: int
    rows: int
    viewport: tuple[int, int] = (1600, 900)
    scale: float = 1.0
    origin: tuple[float, float] = (0.0, 0.0)
    clamp_enabled: bool = True
    _corner_cache: dict = field(default_factory=dict, repr=False, compare=False)

    # -- construction ------------------------------------------------------
    @classmethod
    def for_board(cls, board: Board, viewport: tuple[int, int] = (1600, 900)) -> "Layout":
        lay = cls(projection=board.projection, cols=board.cols, rows=board.rows,
                  viewport=(int(viewport[0]), int(viewport[1])))
        lay.fit_map()
        return lay

    def copy(self) -> "Layout":
        return Layout(self.projection, self.cols, self.rows, self.viewport, self.scale,
                      self.origin, self.clamp_enabled)

    # -- sizes ---------------------------------------------------------------
    @property
    def hex_km(self) -> float:
        return self.projection.hex_km

    @property
    def size(self) -> float:
        """Hex radius (centre to corner) in pixels: the zoom as a wargamer thinks of it."""
        return self.scale * self.hex_km / SQRT3

    @size.setter
    def size(self, px: float) -> None:
        self.scale = float(px) * SQRT3 / self.hex_km

    @property
    def hex_width(self) -> float:
        """Distance between neighbouring hex centres in pixels."""
        return self.scale * self.hex_km

    def world_bounds(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) in km of the union of all hexes of the board."""
        hk = self.hex_km
        rad = hk / SQRT3
        xmin = -hk / 2.0
        xmax = (self.cols - 1) * hk + hk / 2.0 + (hk / 2.0 if self.rows > 1 else 0.0)
        ymin = -rad
        ymax = (self.rows - 1) * hk * SQRT3 / 2.0 + rad
        return xmin, ymin, xmax, ymax

    def inner_bounds(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) in km of the rectangle the board's hexes cover without a gap: inside the
        zig-zag of the offset rows and of the hexes' points at the top and the bottom."""
        hk = self.hex_km
        rad = hk / SQRT3
        xmin, ymin, xmax, ymax = self.world_bounds()
        indent = hk / 2.0 if self.rows > 1 else 0.0
        return xmin + indent, ymin + rad / 2.0, xmax - indent, ymax - rad / 2.0

    @property
    def min_scale(self) -> float:
        return self.fit_scale() * MIN_FIT_FRACTION

    @property
    def max_scale(self) -> float:
        return MAX_HEX_PX * SQRT3 / self.hex_km

    def fit_scale(self) -> float:
        """The scale at which the whole map fits the viewport."""
        xmin, ymin, xmax, ymax = self.world_bounds()
        w, h = max(self.viewport[0], 1), max(self.viewport[1], 1)
        return min(w / (xmax - xmin), h / (ymax - ymin))

    # -- transforms ------------------------------------------------------------
    def km_to_pixel(self, x: float, y: float) -> tuple[float, float]:
        return self.origin[0] + x * self.scale, self.origin[1] + y * self.scale

    def pixel_to_km(self, px: float, py: float) -> tuple[float, float]:
        return (px - self.origin[0]) / self.scale, (py - self.origin[1]) / self.scale

    def km_to_pixel_array(self, xy: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`km_to_pixel` over an (n, 2) array."""
        out = np.asarray(xy, dtype=np.float64) * self.scale
        out[:, 0] += self.origin[0]
        out[:, 1] += self.origin[1]
        return out

    def hex_center_km(self, h: Hex) -> tuple[float, float]:
        hk = self.hex_km
        return hk * (h.q + h.r / 2.0), hk * SQRT3 / 2.0 * h.r

    def hex_to_pixel(self, h: Hex) -> tuple[float, float]:
        """Screen position of the centre of ``h``."""
        return self.km_to_pixel(*self.hex_center_km(h))

    def fractional_hex_at_pixel(self, px: float, py: float) -> tuple[float, float]:
        x, y = self.pixel_to_km(px, py)
        r = y / (self.hex_km * SQRT3 / 2.0)
        q = x / self.hex_km - r / 2.0
        return q, r

    def pixel_to_hex(self, px: float, py: float) -> Hex:
        """The hex under a screen pixel (may be off the board; check ``board.on_map``)."""
        return hex_round(*self.fractional_hex_at_pixel(px, py))

    def lonlat_to_pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """Screen position of a lon/lat point: km -> fractional axial -> pixels.

        Going through the fractional hex makes the coupling explicit: a point the
        map builder placed in hex H is drawn inside H's polygon here.
        """
        fq, fr = self.projection.fractional_hex(lon, lat)
        hk = self.hex_km
        return self.km_to_pixel(hk * (fq + fr / 2.0), hk * SQRT3 / 2.0 * fr)

    def corner_offsets(self) -> list[tuple[float, float]]:
        """The six corner offsets from a hex centre at the current zoom (pointy-top)."""
        key = round(self.size, 4)
        offs = self._corner_cache.get(key)
        if offs is None:
            s = self.size
            offs = [(s * math.cos(math.radians(60 * i - 30)), s * math.sin(math.radians(60 * i - 30)))
                    for i in range(6)]
            if len(self._corner_cache) > 32:
                self._corner_cache.clear()
            self._corner_cache[key] = offs
        return offs

    def hex_corners(self, h: Hex) -> list[tuple[float, float]]:
        """Screen polygon of ``h``, corners clockwise from the upper right."""
        cx, cy = self.hex_to_pixel(h)
        return [(cx + dx, cy + dy) for dx, dy in self.corner_offsets()]

    # -- camera moves ----------------------------------------------------------
    def set_viewport(self, width: int, height: int) -> None:
        """Resize the view, keeping the point at its centre where it is."""
        cx, cy = self.pixel_to_km(self.viewport[0] / 2.0, self.viewport[1] / 2.0)
        self.viewport = (int(width), int(height))
        self.center_on_km(cx, cy)

    def zoom_to(self, scale: float, cursor: tuple[float, float] | None = None) -> None:
        """Set the zoom, keeping the world point under ``cursor`` (default: view centre) fixed."""
        if cursor is None:
            cursor = (self.viewport[0] / 2.0, self.viewport[1] / 2.0)
        new = min(max(float(scale), self.min_scale), self.max_scale)
        wx, wy = self.pixel_to_km(*cursor)
        self.scale = new
        self.origin = (cursor[0] - wx * new, cursor[1] - wy * new)
        self.clamp()

    def zoom_at(self, factor: float, cursor: tuple[float, float]) -> None:
        """Multiply the zoom by ``factor`` about the screen point ``cursor``."""
        self.zoom_to(self.scale * factor, cursor)

    def pan(self, dx: float, dy: float) -> None:
        """Move the map by (dx, dy) screen pixels."""
        self.origin = (self.origin[0] + dx, self.origin[1] + dy)
        self.clamp()

    def center_on_km(self, x: float, y: float, snug: bool = False) -> None:
        """Put km (x, y) at the centre of the view.  ``snug``: as near as the map allows without showing any
        void beyond its edges (where the camera is placed for the player, not panned by them)."""
        self.origin = (self.viewport[0] / 2.0 - x * self.scale, self.viewport[1] / 2.0 - y * self.scale)
        self.clamp(0.0 if snug else EDGE_SLACK)

    def center_on_hex(self, h: Hex, snug: bool = False) -> None:
        self.center_on_km(*self.hex_center_km(h), snug=snug)

    def center_on_lonlat(self, lon: float, lat: float) -> None:
        self.center_on_km(*self.projection.to_km(lon, lat))

    def fit_map(self) -> None:
        """Zoom out to show the whole map, centred."""
        xmin, ymin, xmax, ymax = self.world_bounds()
        self.scale = self.fit_scale()
        self.center_on_km((xmin + xmax) / 2.0, (ymin + ymax) / 2.0)

    def clamp(self, slack: float = EDGE_SLACK) -> None:
        """Keep the map in view: centred on an axis where it is smaller than the view,
        else its edges no more than ``slack`` of the view inside."""
        if not self.clamp_enabled:
            return
        # Snug (no slack): inside the zig-zag edges too, so not even a sliver of the void shows.
        xmin, ymin, xmax, ymax = self.inner_bounds() if slack <= 0 else self.world_bounds()
        ox, oy = self.origin
        ox = _clamp_axis(ox, xmin * self.scale, xmax * self.scale, self.viewport[0], slack)
        oy = _clamp_axis(oy, ymin * self.scale, ymax * self.scale, self.viewport[1], slack)
        self.origin = (ox, oy)

    # -- culling -------------------------------------------------------------------
    def visible_km_rect(self) -> tuple[float, float, float, float]:
        x0, y0 = self.pixel_to_km(0, 0)
        x1, y1 = self.pixel_to_km(*self.viewport)
        return x0, y0, x1, y1

    def visible_hex_range(self, margin: int = 1) -> tuple[int, int, int, int]:
        """Offset (odd-r) ranges ``col0, col1, row0, row1`` (end-exclusive, clipped to the board)
        of the hexes that may touch the viewport, ``margin`` hexes extra on each side."""
        x0, y0, x1, y1 = self.visible_km_rect()
        hk = self.hex_km
        row_km = hk * SQRT3 / 2.0
        row0 = math.floor(y0 / row_km) - margin
        row1 = math.ceil(y1 / row_km) + margin + 1
        col0 = math.floor(x0 / hk - 0.5) - margin
        col1 = math.ceil(x1 / hk) + margin + 1
        return (max(col0, 0), min(col1, self.cols), max(row0, 0), min(row1, self.rows))

    def visible_hexes(self, margin: int = 1) -> list[Hex]:
        col0, col1, row0, row1 = self.visible_hex_range(margin)
        return [offset_to_axial(c, r) for r in range(row0, row1) for c in range(col0, col1)]

    def hex_visible(self, h: Hex, margin_px: float = 0.0) -> bool:
        x, y = self.hex_to_pixel(h)
        m = self.size + margin_px
        return -m <= x <= self.viewport[0] + m and -m <= y <= self.viewport[1] + m

    def offset_of(self, h: Hex) -> tuple[int, int]:
        return axial_to_offset(h)


def _clamp_axis(o: float, lo_px: float, hi_px: float, view: int, slack_share: float = EDGE_SLACK) -> float:
    """Clamp one origin coordinate so the map span [lo_px, hi_px] (relative to the origin)
    sits properly in a view of ``view`` pixels, its edges at most ``slack_share`` of the view inside."""
    span = hi_px - lo_px
    if span <= view:
        return (view - span) / 2.0 - lo_px
    slack = view * slack_share
    # Left edge (o + lo_px) at most `slack`; right edge (o + hi_px) at least view - slack.
    return min(max(o, view - slack - hi_px), slack - lo_px)
