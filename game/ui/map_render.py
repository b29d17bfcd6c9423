"""The terrain layer: the whole map drawn like a printed operational map, cached in tiles.

Drawing order inside a tile (all in the board's km plane, see :mod:`game.ui.layout`):

1. sea from a raster: soft blue, deeper water a little darker, a darker band hugging the coast;
2. land from a raster (layer tints by height, hill shading from ETOPO5, Manchuria/USSR/Japan greyed),
   cut crisply by the real coastline polygons (with the grid on: a subtle tint of each land hex
   by its game terrain, and marsh tufts);
3. lakes, rivers (the named ones bold), urban areas;
4. roads (red-brown, cased) and railways (black with ticks), hex centre to hex centre, smoothed;
5. the Yalu/Tumen border (band + dash-dot), the 38th parallel (dashed), the coastline;
6. place markers (names are drawn per frame by :mod:`game.ui.map_labels`).

Tiles are ``TILE`` pixels square, rendered at the exact zoom they are shown at and kept in an
LRU cache; a tile not rendered yet is filled from a small whole-map overview until its turn comes
(each frame renders tiles for at most ``budget_ms``).  The hex grid (outlines of the playable land
hexes and their terrain tints) is a second cached variant of each tile, so toggling it costs
nothing per frame once drawn.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict

import numpy as np
import pygame

from game.engine.board import Board, Terrain
from game.engine.hexes import Hex

from .geodata import GeoData, Line, ReliefGrid, box_blur, load_geo, relief_grid
from .layout import SQRT3, Layout
from .map_labels import PlaceLabels, marker_radius, place_km, place_rank
from .map_lines import chaikin, clip_polygon, dashes, polyline, simplify, ticks
from .palette import STANDARD, Palette

TILE = 512
#: Raster resolution of relief and sea colour (km a pixel); it is smooth, so tiles scale it up.
RELIEF_KMPP = 1.0
#: Most tiles kept (1 MB each at 512 px).
MAX_TILES = 96


def _overlaps(bbox, rect) -> bool:
    return not (bbox[2] < rect[0] or bbox[0] > rect[2] or bbox[3] < rect[1] or bbox[1] > rect[3])


# -----------------------------------------------------------------------------------------------
# Style by zoom
# -----------------------------------------------------------------------------------------------


class Style:
    """Line widths and symbol sizes for one zoom (hex radius ``size`` in px)."""

    def __init__(self, size: float) -> None:
        z = size
        self.size = z
        self.coast = 1 if z < 14 else 2 if z < 48 else 3
        self.river_major = 1.5 if z < 9 else 2 if z < 18 else 3 if z < 36 else 4 if z < 60 else 6
        self.river_minor = 1 if z < 30 else 2
        self.road = 1.6 if z < 10 else 2.2 if z < 20 else 3 if z < 40 else 4 if z < 80 else 5
        self.rail = 1.6 if z < 10 else 2 if z < 24 else 3 if z < 60 else 4
        self.rail_ticks = z >= 14
        self.tick_every = 7 + z * 0.12
        self.tick_half = 2.5 + z * 0.05
        self.border = 1.5 if z < 12 else 2 if z < 30 else 3
        self.border_band = 4 if z < 12 else 7 if z < 30 else 11
        self.parallel = 1.5 if z < 12 else 2 if z < 30 else 3
        self.simplify_px = 0.8 if z < 30 else 0.5
        self.tint = z >= 6
        self.urban = z >= 16


# -----------------------------------------------------------------------------------------------
# The layer
# -----------------------------------------------------------------------------------------------


class TerrainLayer:
    """The static map of one board, drawn once per zoom into cached tiles.

    ``draw(surface, layout)`` blits what the layout shows.  ``show_grid`` toggles the hex grid.
    """

    def __init__(self, board: Board, palette: Palette = STANDARD, geo: GeoData | None = None) -> None:
        self.board = board
        self.palette = palette
        self.geo = geo or load_geo(board.projection)
        self.show_grid = False
        self.budget_ms = 12.0
        lay = Layout(board.projection, board.cols, board.rows)
        xmin, ymin, xmax, ymax = lay.world_bounds()
        proj = board.projection
        # The neat line: the hex board cut to the box the geographic data covers (SOURCES.md).
        gx0, gy0 = proj.to_km(124.0, 43.5)
        gx1, gy1 = proj.to_km(131.5, 33.0)
        self.neat = (max(xmin, gx0), max(ymin, gy0), min(xmax, gx1), min(ymax, gy1))
        self.bounds = (self.neat[0] - 4, self.neat[1] - 4, self.neat[2] + 4, self.neat[3] + 4)
        # Per-hex geometry (km) for tints and the grid.
        idx = np.arange(board.size)
        rows, cols = np.divmod(idx, board.cols)
        hk = board.hex_km
        self.hx = hk * (cols + 0.5 * (rows & 1))
        self.hy = hk * SQRT3 / 2.0 * rows
        self._routes = self._route_lines()
        self._tiles: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._line_cache: dict[tuple, list[np.ndarray]] = {}
        self.labels = PlaceLabels(board, self.geo, palette, self.neat)
        self._relief = relief_grid(proj, self.geo.etopo, self.bounds, RELIEF_KMPP)
        self._build_rasters()
        self._overview: pygame.Surface | None = None
        self._overview_scale = 0.0
        self.pending = 0          # tiles still to render for the last drawn view
        self.tiles_rendered = 0

    # -- configuration -------------------------------------------------------------------------
    def set_palette(self, palette: Palette) -> None:
        if palette is self.palette:
            return
        self.palette = palette
        self.labels.set_palette(palette)
        self._build_rasters()
        self.clear_cache()

    def clear_cache(self) -> None:
        self._tiles.clear()
        self._overview = None

    # -- rasters --------------------------------------------------------------------------------
    def _raster_polys(self, areas, shape: tuple[int, int], rg: ReliefGrid) -> np.ndarray:
        h, w = shape
        surf = pygame.Surface((w, h))
        surf.fill((0, 0, 0))
        for a in areas:
            for k, ring in enumerate(a.rings):
                p = (ring - (rg.x0, rg.y0)) / rg.kmpp
                if len(p) >= 3:
                    pygame.draw.polygon(surf, (0, 0, 0) if k else (255, 255, 255), p.tolist())
        return pygame.surfarray.pixels_red(surf).T.astype(np.float32) / 255.0

    def _build_rasters(self) -> None:
        """Land and sea colour rasters (numpy -> surfaces) over the whole map."""
        pal = self.palette
        rg = self._relief
        h, w = rg.shape
        land = self._raster_polys(self.geo.land, (h, w), rg)
        foreign = self._raster_polys(self.geo.foreign, (h, w), rg)
        foreign = box_blur(foreign, 1, 2)
        z = rg.height
        # Land: layer tints by height, then hill shading.
        stops = np.array([s for s, _ in pal.hypsometric], dtype=np.float64)
        cols = np.array([c for _, c in pal.hypsometric], dtype=np.float64)
        zl = np.clip(z, 0, None)
        rgb = np.stack([np.interp(zl, stops, cols[:, c]) for c in range(3)], axis=-1)
        sh = rg.shade
        k = np.where(sh > 0, sh * pal.shade_light / 0.3, sh * pal.shade_dark / 0.6)
        # Shading is muted on the plains (where ETOPO noise would show) and full in the hills.
        k *= np.clip(zl / 250.0, 0.35, 1.0)
        rgb = rgb * (1.0 + k[..., None])
        paper_lum = float(np.dot(cols[0], (0.3, 0.59, 0.11)))
        lum = rgb @ np.array([0.3, 0.59, 0.11])
        grey = np.array(pal.foreign_land, dtype=np.float64)[None, None, :] * (lum / paper_lum)[..., None]
        f = (foreign * pal.foreign_strength)[..., None]
        rgb = rgb * (1 - f) + grey * f
        self._land_img = _surface_from_rgb(np.clip(rgb, 0, 255))
        # Sea: deeper is darker, and a band of darker blue along the coast.
        depth = np.clip(-z, 0, None)
        t = np.clip(depth / 1500.0, 0, 1)[..., None]
        sea = np.array(pal.sea, np.float64) * (1 - t) + np.array(pal.sea_deep, np.float64) * t
        near = box_blur(land, max(1, int(round(3.0 / RELIEF_KMPP))), 3)
        near = np.clip(near * 2.2, 0, 1)[..., None] * (1 - land[..., None])
        sea = sea * (1 - near) + np.array(pal.sea_coast, np.float64) * near
        self._sea_img = _surface_from_rgb(np.clip(sea, 0, 255))

    def _raster_section(self, img: pygame.Surface, kx0: float, ky0: float, scale: float,
                        w: int, h: int) -> pygame.Surface:
        """The part of a raster under a km rect, scaled to (w, h) px (alignment within 1 px)."""
        rg = self._relief
        out = pygame.Surface((w, h))
        rx0 = (kx0 - rg.x0) / rg.kmpp
        ry0 = (ky0 - rg.y0) / rg.kmpp
        rx1 = rx0 + w / scale / rg.kmpp
        ry1 = ry0 + h / scale / rg.kmpp
        iw, ih = img.get_size()
        ix0, iy0 = max(int(math.floor(rx0)), 0), max(int(math.floor(ry0)), 0)
        ix1, iy1 = min(int(math.ceil(rx1)), iw), min(int(math.ceil(ry1)), ih)
        out.fill(img.get_at((min(max(ix0, 0), iw - 1), min(max(iy0, 0), ih - 1))))
        if ix1 <= ix0 or iy1 <= iy0:
            return out
        sub = img.subsurface((ix0, iy0, ix1 - ix0, iy1 - iy0))
        ppr = scale * rg.kmpp                      # output px per raster px
        dw = max(1, int(round((ix1 - ix0) * ppr)))
        dh = max(1, int(round((iy1 - iy0) * ppr)))
        dx = int(round((ix0 - rx0) * ppr))
        dy = int(round((iy0 - ry0) * ppr))
        if dw * dh > 16_000_000:
            return out
        scaled = pygame.transform.smoothscale(sub, (dw, dh)) if (dw >= 2 and dh >= 2) else \
            pygame.transform.scale(sub, (dw, dh))
        out.blit(scaled, (dx, dy))
        return out

    # -- routes ---------------------------------------------------------------------------------------
    def _route_lines(self) -> list[tuple[str, np.ndarray]]:
        """Road and rail polylines in km: hex centre to hex centre, through the real position of
        the place a hex holds, smoothed.  Where a road runs beside a railway it is nudged aside."""
        board = self.board
        proj = board.projection
        anchor: dict[Hex, tuple[float, float]] = {}
        for p in sorted(board.places.values(), key=lambda p: -place_rank(p)):
            if p.hex not in anchor and place_rank(p) >= 2:
                anchor[p.hex] = place_km(board, p)
        rail_links = set()
        for r in board.routes:
            if r.get("kind") == "rail":
                hs = [Hex(q, rr) for q, rr in r["hexes"]]
                rail_links.update(frozenset(ab) for ab in zip(hs, hs[1:]))
        out = []
        for r in board.routes:
            kind = "rail" if r.get("kind") == "rail" else "road"
            hs = [Hex(q, rr) for q, rr in r["hexes"]]
            if len(hs) < 2:
                continue
            pts = np.array([anchor.get(h, proj.hex_center_km(h)) for h in hs], dtype=np.float64)
            if kind == "road":
                pts = _nudge_shared(pts, hs, rail_links, board.hex_km * 0.16)
            out.append((kind, chaikin(pts, 3)))
        return out

    # -- tiles ------------------------------------------------------------------------------------------
    def _level_base(self, layout: Layout) -> tuple[int, int]:
        """Screen position of the level's pixel (0, 0) (the bounds' top-left corner)."""
        s = layout.scale
        return (int(math.floor(layout.origin[0] + self.bounds[0] * s + 0.5)),
                int(math.floor(layout.origin[1] + self.bounds[1] * s + 0.5)))

    def draw(self, surface: pygame.Surface, layout: Layout, complete: bool = False) -> bool:
        """Blit the visible map.  Returns True when every visible tile was exact (not a
        stand-in from the overview); ``complete`` renders all missing tiles now."""
        s = layout.scale
        key = int(round(s * 10000))
        bx, by = self._level_base(layout)
        vw, vh = surface.get_size()
        lw = int(math.ceil((self.bounds[2] - self.bounds[0]) * s))
        lh = int(math.ceil((self.bounds[3] - self.bounds[1]) * s))
        surface.fill(self.palette.ui_bg)
        tx0, ty0 = max(0, (-bx) // TILE), max(0, (-by) // TILE)
        tx1 = min((lw - 1) // TILE, (vw - 1 - bx) // TILE)
        ty1 = min((lh - 1) // TILE, (vh - 1 - by) // TILE)
        deadline = time.perf_counter() + self.budget_ms / 1000.0
        missing = []
        exact = True
        for ty in range(ty0, ty1 + 1):
            for tx in range(tx0, tx1 + 1):
                tkey = (key, tx, ty, self.show_grid)
                tile = self._tiles.get(tkey)
                if tile is None:
                    missing.append((tx, ty))
                    continue
                self._tiles.move_to_end(tkey)
                surface.blit(tile, (bx + tx * TILE, by + ty * TILE))
        # Render missing tiles nearest the centre first.
        cx, cy = (vw / 2 - bx) / TILE, (vh / 2 - by) / TILE
        missing.sort(key=lambda t: (t[0] + 0.5 - cx) ** 2 + (t[1] + 0.5 - cy) ** 2)
        self.pending = 0
        for tx, ty in missing:
            if complete or time.perf_counter() < deadline:
                tile = self._get_tile(layout, key, tx, ty)
                surface.blit(tile, (bx + tx * TILE, by + ty * TILE))
            else:
                exact = False
                self.pending += 1
                self._blit_standin(surface, layout, bx + tx * TILE, by + ty * TILE, lw, lh, tx, ty)
        self._draw_neat_frame(surface, layout)
        return exact

    def _get_tile(self, layout: Layout, key: int, tx: int, ty: int) -> pygame.Surface:
        s = layout.scale
        kx0 = self.bounds[0] + tx * TILE / s
        ky0 = self.bounds[1] + ty * TILE / s
        tile = self.render_region(s, kx0, ky0, TILE, TILE, hexes=self.show_grid)
        if pygame.display.get_surface() is not None:
            tile = tile.convert()          # the display's pixel format blits fastest
        self._store((key, tx, ty, self.show_grid), tile)
        return tile

    def _store(self, key: tuple, tile: pygame.Surface) -> None:
        self._tiles[key] = tile
        self.tiles_rendered += 1
        while len(self._tiles) > MAX_TILES:
            self._tiles.popitem(last=False)

    def _blit_standin(self, surface, layout, sx, sy, lw, lh, tx, ty) -> None:
        ov, ovs = self.overview()
        s = layout.scale
        f = ovs / s
        src = pygame.Rect(int(tx * TILE * f), int(ty * TILE * f), max(1, int(math.ceil(TILE * f))),
                          max(1, int(math.ceil(TILE * f))))
        src = src.clip(ov.get_rect())
        if src.w <= 0 or src.h <= 0:
            return
        dst_w, dst_h = max(1, int(src.w / f)), max(1, int(src.h / f))
        surface.blit(pygame.transform.scale(ov.subsurface(src), (dst_w, dst_h)), (sx, sy))

    def overview(self, max_px: int = 900) -> tuple[pygame.Surface, float]:
        """The whole map rendered small (for stand-ins and the minimap) and its scale (px/km)."""
        if self._overview is None:
            w_km = self.bounds[2] - self.bounds[0]
            h_km = self.bounds[3] - self.bounds[1]
            s = max_px / max(w_km, h_km)
            w, h = int(math.ceil(w_km * s)), int(math.ceil(h_km * s))
            self._overview = self.render_region(s, self.bounds[0], self.bounds[1], w, h)
            self._overview_scale = s
        return self._overview, self._overview_scale

    def prefetch(self, layout: Layout, budget_ms: float = 4.0, max_tiles: int = 1) -> int:
        """Render up to ``max_tiles`` tiles just outside the view (call while the camera is
        idle: a tile takes 5-20 ms); returns how many were made."""
        s = layout.scale
        key = int(round(s * 10000))
        bx, by = self._level_base(layout)
        vw, vh = layout.viewport
        lw = int(math.ceil((self.bounds[2] - self.bounds[0]) * s))
        lh = int(math.ceil((self.bounds[3] - self.bounds[1]) * s))
        tx0, ty0 = max(0, (-bx) // TILE - 1), max(0, (-by) // TILE - 1)
        tx1 = min((lw - 1) // TILE, (vw - 1 - bx) // TILE + 1)
        ty1 = min((lh - 1) // TILE, (vh - 1 - by) // TILE + 1)
        deadline = time.perf_counter() + budget_ms / 1000.0
        made = 0
        for ty in range(ty0, ty1 + 1):
            for tx in range(tx0, tx1 + 1):
                if (key, tx, ty, self.show_grid) in self._tiles:
                    continue
                if made >= max_tiles or time.perf_counter() >= deadline or len(self._tiles) >= MAX_TILES - 8:
                    return made
                self._get_tile(layout, key, tx, ty)
                made += 1
        return made

    def _draw_neat_frame(self, surface: pygame.Surface, layout: Layout) -> None:
        """The neat line: a thin double rule round the printed map."""
        x0, y0 = layout.km_to_pixel(self.neat[0], self.neat[1])
        x1, y1 = layout.km_to_pixel(self.neat[2], self.neat[3])
        bg = self.palette.ui_bg
        vw, vh = surface.get_size()
        # Cover what lies outside the neat line (tiles overhang it by the bounds' margin).
        if x0 > 0:
            surface.fill(bg, (0, 0, int(x0), vh))
        if x1 < vw:
            surface.fill(bg, (int(x1) + 1, 0, vw - int(x1), vh))
        if y0 > 0:
            surface.fill(bg, (0, 0, vw, int(y0)))
        if y1 < vh:
            surface.fill(bg, (0, int(y1) + 1, vw, vh - int(y1)))
        rect = pygame.Rect(int(x0), int(y0), int(x1 - x0) + 1, int(y1 - y0) + 1)
        pygame.draw.rect(surface, (20, 20, 20), rect, 1)
        pygame.draw.rect(surface, (150, 140, 120), rect.inflate(6, 6), 1)

    # -- rendering a region ----------------------------------------------------------------------------
    def render_region(self, scale: float, kx0: float, ky0: float, w: int, h: int,
                      hexes: bool = False) -> pygame.Surface:
        """Draw the map for the km rect starting at (kx0, ky0), ``w`` x ``h`` px.

        ``hexes`` adds the game's hexes: each land hex tinted by its terrain class (hills,
        mountain, marsh) and outlined -- the grid toggle.  Without it the map is pure geography."""
        pal = self.palette
        size = scale * self.board.hex_km / SQRT3
        st = Style(size)
        rect_km = (kx0 - 2, ky0 - 2, kx0 + w / scale + 2, ky0 + h / scale + 2)

        def tp(pts_km: np.ndarray) -> np.ndarray:
            return (pts_km - (kx0, ky0)) * scale

        sea = self._raster_section(self._sea_img, kx0, ky0, scale, w, h)
        land = pygame.Surface((w, h), pygame.SRCALPHA)
        land.blit(self._raster_section(self._land_img, kx0, ky0, scale, w, h), (0, 0))
        if hexes and st.tint:
            self._draw_tints(land, scale, kx0, ky0, rect_km, st)
        # Cut land by the coastline.
        mask = pygame.Surface((w, h), pygame.SRCALPHA)
        mask.fill((255, 255, 255, 0))
        land_rings = []
        for bbox, hole, ring in self._land_rings(st, scale):
            if not _overlaps(bbox, rect_km):
                continue
            p = tp(ring)
            land_rings.append(p)
            c = clip_polygon(p, -4, -4, w + 4, h + 4)
            if len(c) >= 3:
                pygame.draw.polygon(mask, (255, 255, 255, 0 if hole else 255), c.tolist())
        land.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        sea.blit(land, (0, 0))
        out = sea
        # Lakes (and the Chosin reservoir, which no data set has: drawn schematically).
        for a in self.geo.lakes:
            if _overlaps(a.bbox, rect_km):
                p = tp(a.rings[0]).tolist()
                pygame.draw.polygon(out, pal.lake, p)
                pygame.draw.aalines(out, pal.coastline, True, p)
        self._draw_chosin(out, scale, kx0, ky0, st)
        self._draw_rivers(out, tp, rect_km, st, scale)
        self._draw_urban(out, tp, st)
        self._draw_routes(out, tp, rect_km, st)
        self._draw_borders(out, tp, rect_km, st, w, h)
        for p in land_rings:
            if len(p) > 2:
                polyline(out, pal.coastline, np.vstack([p, p[:1]]), st.coast)
        if hexes:
            self._draw_grid(out, scale, kx0, ky0)
        self._draw_markers(out, tp, st)
        return out

    def _draw_tints(self, land: pygame.Surface, scale, kx0, ky0, rect_km, st: Style) -> None:
        pal = self.palette
        board = self.board
        rad = board.hex_km / SQRT3
        sel = np.flatnonzero((self.hx > rect_km[0] - rad) & (self.hx < rect_km[2] + rad)
                             & (self.hy > rect_km[1] - rad) & (self.hy < rect_km[3] + rad))
        over = pygame.Surface(land.get_size(), pygame.SRCALPHA)
        over.fill((0, 0, 0, 0))
        r = rad * scale + 0.5
        corners = [(r * math.cos(math.radians(60 * i - 30)), r * math.sin(math.radians(60 * i - 30)))
                   for i in range(6)]
        any_drawn = False
        marsh: list[tuple[float, float]] = []
        for i in sel:
            t = Terrain(int(board.terrain[i]))
            col = pal.terrain_tint.get(t)
            if t is Terrain.MARSH:
                marsh.append(((self.hx[i] - kx0) * scale, (self.hy[i] - ky0) * scale))
            if not col or col[3] == 0:
                continue
            cx, cy = (self.hx[i] - kx0) * scale, (self.hy[i] - ky0) * scale
            pygame.draw.polygon(over, col, [(cx + dx, cy + dy) for dx, dy in corners])
            any_drawn = True
        if any_drawn:
            land.blit(over, (0, 0))
        if st.size >= 18:
            # Marsh tufts: short vertical strokes over a base line, a few per hex.
            colour = (60, 120, 110)
            u = st.size * 0.11
            for cx, cy in marsh:
                for ox, oy in ((-0.35, -0.25), (0.3, -0.15), (-0.1, 0.3), (0.4, 0.35), (-0.5, 0.2)):
                    x, y = cx + ox * st.size, cy + oy * st.size
                    pygame.draw.line(land, colour, (x - 2 * u, y), (x + 2 * u, y), 1)
                    for k in (-1, 0, 1):
                        pygame.draw.line(land, colour, (x + k * u, y), (x + k * 1.4 * u, y - 1.8 * u), 1)

    def _draw_chosin(self, out: pygame.Surface, scale, kx0, ky0, st: Style) -> None:
        # Chosin (Changjin) reservoir: not in the geographic data (SOURCES.md); a schematic
        # north-south sliver at its documented position so the battle's name has its water.
        p = self.board.places.get("chosin")
        if p is None or st.size < 7:
            return
        cx, cy = self.board.projection.to_km(p.lon, p.lat)
        shape = np.array([(0, -14), (1.6, -9), (3.2, -4), (2.2, 1), (3.4, 6), (1.2, 11), (-0.8, 7),
                          (-2.6, 3), (-1.6, -2), (-2.8, -7), (-1.2, -11)], dtype=np.float64)
        pts = ((shape + (cx, cy)) - (kx0, ky0)) * scale
        pygame.draw.polygon(out, self.palette.lake, pts.tolist())
        pygame.draw.aalines(out, self.palette.coastline, True, pts.tolist())

    def _land_rings(self, st: Style, scale: float) -> list[tuple[tuple, bool, np.ndarray]]:
        """Land outlines simplified for this zoom: (bbox, is_hole, ring km)."""
        key = ("land", round(scale, 5))
        got = self._line_cache.get(key)
        if got is None:
            tol = st.simplify_px / scale
            got = []
            for a in self.geo.land:
                for k, ring in enumerate(a.rings):
                    r = simplify(ring, tol)
                    if len(r) >= 3:
                        got.append((a.bbox, k > 0, r))
            self._line_cache[key] = got
        return got

    def _lines_for(self, kind: str, lines: list[Line], st: Style, scale: float) -> list[np.ndarray]:
        key = (kind, round(scale, 5))
        got = self._line_cache.get(key)
        if got is None:
            tol = st.simplify_px / scale
            got = []
            for ln in lines:
                pts = ln.pts
                if ln.name.startswith("Ch'ongch'on"):
                    pts = chaikin(pts, 3)      # a hand-made line of ten points: smooth its corners
                got.append(simplify(pts, tol))
            if len(self._line_cache) > 64:
                self._line_cache.clear()
            self._line_cache[key] = got
        return got

    def _draw_rivers(self, out, tp, rect_km, st: Style, scale: float) -> None:
        pal = self.palette
        rivers = self.geo.rivers
        simp = self._lines_for("rivers", rivers, st, scale)
        for ln, pts in zip(rivers, simp):
            if not _overlaps(ln.bbox, rect_km):
                continue
            if ln.kind == "river_minor" and st.size < 9:
                continue
            width = st.river_major if ln.major else st.river_minor
            polyline(out, pal.river, tp(pts), width)

    def _draw_routes(self, out, tp, rect_km, st: Style) -> None:
        pal = self.palette
        roads = [p for k, p in self._routes if k == "road"]
        rails = [p for k, p in self._routes if k == "rail"]
        for pts in roads:
            px = tp(pts)
            if st.size >= 14:
                polyline(out, pal.road_casing, px, st.road + 2)
            polyline(out, pal.road, px, st.road)
        for pts in rails:
            px = tp(pts)
            polyline(out, pal.rail, px, st.rail)
            if st.rail_ticks:
                for a, b in ticks(px, st.tick_every, st.tick_half):
                    pygame.draw.aaline(out, pal.rail, a, b, 1 if st.size < 40 else 2)

    def _draw_borders(self, out, tp, rect_km, st: Style, w: int, h: int) -> None:
        pal = self.palette
        band = pygame.Surface((w, h), pygame.SRCALPHA)
        band.fill((0, 0, 0, 0))
        drawn = False
        for ln in self.geo.borders:
            if not _overlaps(ln.bbox, rect_km):
                continue
            px = tp(ln.pts)
            pygame.draw.lines(band, pal.border_band, False, px.tolist(), st.border_band)
            drawn = True
        if drawn:
            out.blit(band, (0, 0))
        unit = 6 + st.size * 0.12
        for ln in self.geo.borders:
            if not _overlaps(ln.bbox, rect_km):
                continue
            px = tp(ln.pts)
            for d in dashes(px, unit * 2.2, unit * 0.9):
                polyline(out, pal.border, d, st.border)
            for d in dashes(px, 1.5, unit * 3.1 - 1.5, phase=-(unit * 2.2 + unit * 0.45 - 0.75)):
                polyline(out, pal.border, d, st.border)
        # The 38th parallel: dashed over land (segments from the data), dotted across the sea.
        y38 = tp(np.array([[0.0, self.board.projection.to_km(126.0, 38.0)[1]]]))[0, 1]
        if -10 < y38 < h + 10:
            for x in range(0, w, 10):
                pygame.draw.line(out, pal.parallel, (x, y38), (x + 3, y38), 1)
        for ln in self.geo.parallel38:
            px = tp(ln.pts)
            for d in dashes(px, 10 + st.size * 0.2, 5 + st.size * 0.08):
                polyline(out, pal.parallel, d, st.parallel + 0.5)

    def _draw_urban(self, out, tp, st: Style) -> None:
        if not st.urban:
            return
        pal = self.palette
        w, h = out.get_size()
        for p in self.board.places.values():
            rank = place_rank(p)
            if rank < 3 or p.type not in ("city", "capital"):
                continue
            km = np.array([place_km(self.board, p)])
            x, y = tp(km)[0]
            if x < -60 or y < -60 or x > w + 60 or y > h + 60:
                continue
            rad_km = 4.0 if rank >= 4 else 2.2 if rank >= 3.5 else 1.6
            r = rad_km * st.size * SQRT3 / self.board.hex_km
            shape = [(x + r * math.cos(a) * (1 + 0.18 * math.sin(3 * a + len(p.id))),
                      y + r * math.sin(a) * (1 + 0.18 * math.cos(2 * a + len(p.id)))) for a in
                     np.linspace(0, 2 * math.pi, 18, endpoint=False)]
            pygame.draw.polygon(out, pal.urban, shape)
            pygame.draw.aalines(out, pal.urban_edge, True, shape)

    def _draw_markers(self, out, tp, st: Style) -> None:
        pal = self.palette
        size = st.size
        for p in self.board.places.values():
            rank = place_rank(p)
            if rank <= 1 and size < 20:
                continue
            if rank <= 2 and size < 9:
                continue
            x, y = tp(np.array([place_km(self.board, p)]))[0]
            if x < -20 or y < -20 or x > out.get_width() + 20 or y > out.get_height() + 20:
                continue
            r = marker_radius(rank, size)
            black, white = (20, 20, 20), (252, 250, 240)
            if p.type == "capital":
                pygame.draw.circle(out, white, (x, y), r + 1.5)
                pygame.draw.circle(out, black, (x, y), r + 1.5, max(1, int(r / 3)))
                _star(out, black, x, y, r * 0.95)
            elif p.type == "battle_site":
                c = (150, 30, 30)
                pygame.draw.aaline(out, c, (x - r, y - r), (x + r, y + r), 2)
                pygame.draw.aaline(out, c, (x - r, y + r), (x + r, y - r), 2)
            elif p.type == "airfield":
                c = (40, 40, 60)
                pygame.draw.circle(out, white, (x, y), r + 1)
                pygame.draw.circle(out, c, (x, y), r + 1, 1)
                pygame.draw.line(out, c, (x - r, y + r * 0.4), (x + r, y - r * 0.4), 2)
            elif p.type == "pass":
                c = pal.relief_label
                pygame.draw.arc(out, c, (x - 2 * r, y - r, 1.6 * r, 2 * r), -1.2, 1.2, 2)
                pygame.draw.arc(out, c, (x + 0.4 * r, y - r, 1.6 * r, 2 * r), 1.95, 4.35, 2)
            elif p.type in ("reservoir", "terrain_feature"):
                continue
            elif rank >= 3:
                pygame.draw.circle(out, white, (x, y), r + 1.2)
                pygame.draw.circle(out, black, (x, y), r)
            elif rank >= 2:
                pygame.draw.circle(out, white, (x, y), r + 0.8)
                pygame.draw.circle(out, black, (x, y), r + 0.8, max(1, int(r / 2.2)))
            else:
                pygame.draw.circle(out, black, (x, y), max(r * 0.7, 1.5))
            if p.port and size >= 20 and rank >= 2:
                _anchor(out, (30, 60, 110), x - r - 7 - size * 0.05, y + r + 2, 3 + size * 0.04)
        # Peaks: a small triangle (names come with the labels).
        if size >= 20:
            for pk in self.geo.peaks:
                x, y = tp(np.array([[pk.x, pk.y]]))[0]
                a = 3 + size * 0.04
                pygame.draw.polygon(out, pal.relief_label, [(x, y - a), (x + a, y + a * 0.7), (x - a, y + a * 0.7)])

    # -- the grid -----------------------------------------------------------------------------------------
    def _draw_grid(self, tile: pygame.Surface, scale: float, kx0: float, ky0: float) -> None:
        """Outline the board's land hexes (the playable ones): thin and translucent."""
        board = self.board
        rad = board.hex_km / SQRT3
        w, h = tile.get_size()
        x1, y1 = kx0 + w / scale, ky0 + h / scale
        sel = np.flatnonzero((self.hx > kx0 - rad) & (self.hx < x1 + rad) & (self.hy > ky0 - rad)
                             & (self.hy < y1 + rad) & (board.terrain >= Terrain.CLEAR))
        over = pygame.Surface((w, h), pygame.SRCALPHA)
        over.fill((0, 0, 0, 0))
        r = rad * scale
        corners = [(r * math.cos(math.radians(60 * i - 30)), r * math.sin(math.radians(60 * i - 30)))
                   for i in range(6)]
        col = self.palette.grid
        width = 1 if r < 40 else 2
        for i in sel:
            cx, cy = (self.hx[i] - kx0) * scale, (self.hy[i] - ky0) * scale
            pygame.draw.lines(over, col, True, [(cx + dx, cy + dy) for dx, dy in corners], width)
        tile.blit(over, (0, 0))


# -----------------------------------------------------------------------------------------------


def _surface_from_rgb(rgb: np.ndarray) -> pygame.Surface:
    arr = np.ascontiguousarray(np.transpose(rgb.astype(np.uint8), (1, 0, 2)))
    return pygame.surfarray.make_surface(arr)


def _nudge_shared(pts: np.ndarray, hexes: list[Hex], rail_links: set, d: float) -> np.ndarray:
    """Move road vertices sideways where the road runs on a railway's hex links."""
    out = pts.copy()
    n = len(pts)
    for i in range(n):
        shared = False
        if i > 0 and frozenset((hexes[i - 1], hexes[i])) in rail_links:
            shared = True
        if i < n - 1 and frozenset((hexes[i], hexes[i + 1])) in rail_links:
            shared = True
        if not shared:
            continue
        a = pts[max(i - 1, 0)]
        b = pts[min(i + 1, n - 1)]
        t = b - a
        ln = math.hypot(t[0], t[1])
        if ln > 0:
            out[i] = pts[i] + np.array([-t[1], t[0]]) / ln * d
    return out


def _star(surface, colour, x, y, r) -> None:
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.45
        pts.append((x + rr * math.cos(a), y + rr * math.sin(a)))
    pygame.draw.polygon(surface, colour, pts)


def _anchor(surface, colour, x, y, a) -> None:
    pygame.draw.line(surface, colour, (x, y - a), (x, y + a), 1)
    pygame.draw.line(surface, colour, (x - a * 0.5, y - a * 0.5), (x + a * 0.5, y - a * 0.5), 1)
    pygame.draw.arc(surface, colour, (x - a, y - a * 0.2, 2 * a, 1.4 * a), math.pi, 2 * math.pi, 1)
    pygame.draw.circle(surface, colour, (x, y - a - 1), 1.2, 1)
