"""The map view: terrain, overlays, counters of one seat's view, camera input, and a minimap.

``MapView`` owns a :class:`Layout` over a screen rectangle and draws, in order: the cached
terrain tiles, translucent hex overlays (``set_overlay(name, mask, colour)``: reachable hexes,
ZOC, supply ...), fog over hexes the seat cannot see, a path, the hex grid highlight, place
names, then counters -- only the units of the view it was given (a seat's
:class:`~game.engine.api.Observation` in play), so fog of war holds by construction.
``handle_event`` does wheel zoom toward the cursor, drag pan and arrow/WASD pan; clicks
are reported through ``on_click(hex, button)``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable, Mapping, Protocol

import numpy as np
import pygame

from game.engine.board import Board, Terrain
from game.engine.config import GameConfig
from game.engine.hexes import Hex, offset_to_axial
from game.engine.units import Location, Unit

from .counters import counter_size, draw_stack, render_counter, stack_offset
from .layout import SQRT3, Layout
from .map_labels import get_font, render_text
from .map_lines import polyline
from .map_motion import Motion
from .map_plan import PlanShown, draw_plan_legend, render_plans
from .map_render import TerrainLayer
from .palette import STANDARD, Palette

#: Zoom levels as hex radii (px): wheel notches step through them, so tiles are reused.
ZOOM_LEVELS = tuple(round(6.0 * 2 ** (k / 4), 2) for k in range(0, 19))
PAN_SPEED = 900.0           # px per second for held keys
DRAG_THRESHOLD = 4          # px before a press becomes a drag
HOVER_SCALE = 1.6
#: Render tiles around the view only after the camera has been still this long (s).
IDLE_PREFETCH_S = 0.3
#: Overlay surfaces cover the view plus this margin (px), so small pans reuse them.
OVERLAY_MARGIN = 256


class Shown(Protocol):
    """What the map view reads of the units it draws: an Observation has these, and so has :class:`EveryUnit`."""

    units: Mapping[str, Unit]      # id -> unit (those on the map are drawn)
    visible: np.ndarray            # (board.size,) bool: hexes in sight (the fog overlay shades the rest)
    config: GameConfig             # seats -> blocs, for the counters' colours


@dataclass(frozen=True)
class EveryUnit:
    """Every unit given, the whole map in sight: for benchmarks, previews and screenshots, never for play."""

    board: Board
    config: GameConfig
    units: Mapping[str, Unit]
    visible: np.ndarray


@dataclass
class Overlay:
    mask: np.ndarray          # (board.size,) bool
    colour: tuple[int, int, int, int]
    outline: tuple[int, int, int, int] | None = None
    version: int = 0


class MapView:
    """Draws the map and the counters of one view (a seat's Observation) inside ``rect`` of the screen."""

    def __init__(self, board: Board, rect: pygame.Rect | tuple[int, int, int, int],
                 palette: Palette = STANDARD, terrain: TerrainLayer | None = None) -> None:
        self.board = board
        self.rect = pygame.Rect(rect)
        self.palette = palette
        self.terrain = terrain or TerrainLayer(board, palette)
        self.layout = Layout.for_board(board, self.rect.size)
        self.view: Shown | None = None
        self.overlays: dict[str, Overlay] = {}
        self.path: list[Hex] = []
        self.path_costs: list[float] | None = None
        self.selected: Hex | None = None
        self.hover: Hex | None = None
        self.show_fog = False        # shade the hexes the seat cannot see (an overlay toggle)
        self.show_labels = True
        self.show_mdl = False
        #: (name, [(lon, lat), ...]) of a historical front line to draw instead of the 1953 line.
        self.history_line: tuple[str, list[tuple[float, float]]] | None = None
        self._mdl_label: tuple[pygame.Surface, tuple[int, int]] | None = None   # the history line's, for this frame
        #: How strongly the historical line is drawn: 1 as an overlay among others; more (a classroom) draws it
        #: wider, on a white casing, with its label where the line is in view.
        self.history_emphasis = 1.0
        self.on_click: Callable[[Hex, int], None] | None = None
        #: The frozen line of contact after an armistice: [hex index, direction] hexsides, and its label.
        self.dmz: list[tuple[int, int]] = []
        self.dmz_label = ""
        self._dmz_cache: tuple[tuple, pygame.Surface, pygame.Rect] | None = None
        self._dmz_major: list[bool] | None = None
        self.minimap = Minimap(self)
        #: The computer's plans shown over the counters (game/ui/map_plan.py), and counters in motion.
        self.plans: list[PlanShown] = []
        self.plan_legend_scale = 1.0
        self._plan_cache: tuple[tuple, pygame.Surface] | None = None
        self.motion = Motion()
        self.panning = False            # a held arrow/WASD key moves the map (update)
        self._drag_from: tuple[int, int] | None = None
        self._drag_origin: tuple[float, float] | None = None
        self._dragging = False
        self._ov_cache: dict[str, tuple[tuple, pygame.Surface]] = {}
        self._stacks: dict[int, list[Unit]] = {}
        self._version = 0
        self._last_cam: tuple = ()
        self._cam_since = 0.0
        self.last_frame_ms = 0.0

    # -- state -------------------------------------------------------------------------------------
    def set_view(self, view: Shown | None) -> None:
        """Show what ``view``'s seat may see (its bloc's units and the enemies it spotted)."""
        self.view = view
        stacks: dict[int, list[Unit]] = {}
        if view is not None:
            for u in view.units.values():
                if u.location is Location.MAP and u.hex is not None:
                    i = self.board.index(u.hex)
                    if i >= 0:
                        stacks.setdefault(i, []).append(u)
        self._stacks = stacks
        self._ov_cache.pop("__fog__", None)

    def set_palette(self, palette: Palette) -> None:
        self.palette = palette
        self.terrain.set_palette(palette)
        self._ov_cache.clear()

    def set_rect(self, rect: pygame.Rect | tuple[int, int, int, int]) -> None:
        self.rect = pygame.Rect(rect)
        self.layout.set_viewport(*self.rect.size)
        self._ov_cache.clear()

    def set_overlay(self, name: str, mask: np.ndarray | None, colour=None, outline=None) -> None:
        """Fill the hexes where ``mask`` is True with ``colour`` (RGBA; default from the palette
        entry ``name``).  ``mask=None`` removes the overlay."""
        if mask is None:
            self.clear_overlay(name)
            return
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != (self.board.size,):
            raise ValueError(f"overlay mask must have shape ({self.board.size},), not {mask.shape}")
        colour = tuple(colour) if colour is not None else self.palette.overlay_colour(name)
        self._version += 1
        self.overlays[name] = Overlay(mask.copy(), colour, tuple(outline) if outline else None, self._version)

    def clear_overlay(self, name: str | None = None) -> None:
        if name is None:
            self.overlays.clear()
            self._ov_cache.clear()
        else:
            self.overlays.pop(name, None)
            self._ov_cache.pop(name, None)

    def set_dmz(self, hexsides, label: str = "") -> None:
        """Draw the DMZ along ``hexsides`` ([hex index, direction] pairs, as an observation's ``dmz``)."""
        sides = [(int(i), int(d)) for i, d in (hexsides or [])]
        if sides != self.dmz or label != self.dmz_label:
            self.dmz, self.dmz_label = sides, label
            self._dmz_cache = None
            self._dmz_major = None

    def set_ui_scale(self, scale: float) -> None:
        """Names on the map at ``scale`` times their size (the UI scale; counters follow the zoom)."""
        self.terrain.labels.set_text_scale(scale)

    def set_plans(self, plans: list[PlanShown], legend_scale: float = 1.0) -> None:
        """Show these plans (game/ui/map_plan.py) over the counters; [] shows none."""
        self.plans = list(plans)
        self.plan_legend_scale = legend_scale
        self._plan_cache = None

    def set_path(self, hexes: list[Hex] | None, costs: list[float] | None = None) -> None:
        self.path = list(hexes or [])
        self.path_costs = list(costs) if costs is not None else None

    @property
    def show_grid(self) -> bool:
        return self.terrain.show_grid

    @show_grid.setter
    def show_grid(self, on: bool) -> None:
        self.terrain.show_grid = bool(on)

    # -- queries -------------------------------------------------------------------------------------
    def to_local(self, pos: tuple[int, int]) -> tuple[int, int]:
        return pos[0] - self.rect.x, pos[1] - self.rect.y

    def hex_at(self, pos: tuple[int, int]) -> Hex | None:
        """The board hex under a screen position, or None off the map or outside the view."""
        if not self.rect.collidepoint(pos):
            return None
        h = self.layout.pixel_to_hex(*self.to_local(pos))
        return h if self.board.on_map(h) else None

    def units_at(self, h: Hex) -> list[Unit]:
        return list(self._stacks.get(self.board.index(h), []))

    def zoom_step(self, steps: int, cursor: tuple[float, float] | None = None) -> None:
        """Zoom ``steps`` levels in (>0) or out (<0) about a local cursor position."""
        cur = self.layout.size
        if steps > 0:
            bigger = [z for z in ZOOM_LEVELS if z > cur * 1.01]
            target = bigger[min(steps, len(bigger)) - 1] if bigger else cur
        else:
            smaller = [z for z in ZOOM_LEVELS if z < cur * 0.99]
            target = smaller[-min(-steps, len(smaller))] if smaller else cur
        lay = self.layout
        lay.zoom_to(target * SQRT3 / lay.hex_km, cursor)

    # -- input ------------------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        """Camera input and clicks; returns True when the event was used."""
        if self.minimap.handle_event(event):
            return True
        et = event.type
        if et == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            if not self.rect.collidepoint(pos):
                return False
            steps = int(event.y) if event.y else 0
            if steps:
                self.zoom_step(steps, self.to_local(pos))
            return True
        if et == pygame.MOUSEBUTTONDOWN and event.button in (1, 2, 3) and self.rect.collidepoint(event.pos):
            self._drag_from = event.pos
            self._drag_origin = self.layout.origin
            self._dragging = event.button == 2
            return True
        if et == pygame.MOUSEMOTION:
            if self._drag_from is not None:
                dx = event.pos[0] - self._drag_from[0]
                dy = event.pos[1] - self._drag_from[1]
                if self._dragging or abs(dx) + abs(dy) > DRAG_THRESHOLD:
                    self._dragging = True
                    self.layout.origin = (self._drag_origin[0] + dx, self._drag_origin[1] + dy)
                    self.layout.clamp()
            self.hover = self.hex_at(event.pos)
            return self._drag_from is not None
        if et == pygame.MOUSEBUTTONUP and self._drag_from is not None:
            was_drag = self._dragging
            self._drag_from = None
            self._dragging = False
            if not was_drag and event.button in (1, 3):
                h = self.hex_at(event.pos)
                if h is not None:
                    if event.button == 1:
                        self.selected = h
                    if self.on_click:
                        self.on_click(h, event.button)
            return True
        if et == pygame.KEYDOWN:
            key = event.key
            if key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_PAGEUP):
                self.zoom_step(1)
                return True
            if key in (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_PAGEDOWN):
                self.zoom_step(-1)
                return True
            if key == pygame.K_HOME:
                self.layout.fit_map()
                return True
            if key == pygame.K_g:
                self.show_grid = not self.show_grid
                return True
        if et == pygame.VIDEORESIZE:
            return False
        return False

    def update(self, dt: float) -> None:
        """Pan while arrow/WASD keys are held (``dt`` seconds since the last frame); run the animations."""
        self.motion.update(dt)
        keys = pygame.key.get_pressed()
        dx = (keys[pygame.K_LEFT] or keys[pygame.K_a]) - (keys[pygame.K_RIGHT] or keys[pygame.K_d])
        dy = (keys[pygame.K_UP] or keys[pygame.K_w]) - (keys[pygame.K_DOWN] or keys[pygame.K_s])
        self.panning = bool(dx or dy)
        if dx or dy:
            mods = pygame.key.get_mods()
            if mods & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
                return      # leave Ctrl+S, Ctrl+A ... to the rest of the UI
            self.layout.pan(dx * PAN_SPEED * dt, dy * PAN_SPEED * dt)

    # -- drawing ---------------------------------------------------------------------------------------------
    def draw(self, screen: pygame.Surface, complete: bool = False) -> None:
        t0 = time.perf_counter()
        surf = screen.subsurface(self.rect.clip(screen.get_rect()))
        lay = self.layout
        self.terrain.draw(surf, lay, complete=complete)
        for name, ov in list(self.overlays.items()):
            img, at = self._cached_mask(name, ov.version, lambda ov=ov: ov.mask, ov.colour, ov.outline)
            surf.blit(img, at)
        if self.show_fog and self.view is not None:
            view = self.view
            img, at = self._cached_mask(
                "__fog__", id(view), lambda: (~view.visible) & (self.board.terrain >= Terrain.CLEAR),
                self.palette.overlay_colour("fog"), None)
            surf.blit(img, at)
        if self.dmz:
            self._draw_dmz(surf)
        if self.show_mdl:
            self._draw_mdl(surf)
        self._draw_path(surf)
        for h, col, w in ((self.selected, self.palette.overlay_colour("selected"), 3),
                          (self.hover, self.palette.overlay_colour("hover"), 2)):
            if h is not None and self.board.on_map(h):
                pygame.draw.polygon(surf, col, lay.hex_corners(h), w)
        stacks = self._visible_stacks()
        if self.show_labels:
            size = counter_size(lay.size)
            avoid = [pygame.Rect(int(x - size / 2) - 2, int(y - size / 2) - 2, size + 4, size + 4)
                     for _y, x, y, _i, _u in stacks]
            self.terrain.labels.draw(surf, lay, avoid)
        self._draw_counters(surf, stacks)
        if self._mdl_label is not None:
            surf.blit(*self._mdl_label)
            self._mdl_label = None
        if self.view is not None and self.motion.active:
            self.motion.draw(surf, lay, counter_size(lay.size), self.palette, self.view.config)
        if self.plans:
            key = (self._cam_key(), surf.get_size())
            if self._plan_cache is None or self._plan_cache[0] != key:
                self._plan_cache = (key, render_plans(surf.get_size(), lay, self.plans))
            surf.blit(self._plan_cache[1], (0, 0))
        if self.dmz:
            self._draw_dmz_label(surf)
        if self.plans:
            draw_plan_legend(surf, surf.get_rect(), self.plans, self.plan_legend_scale)
        self.minimap.draw(screen)
        cam = self._cam_key()
        now = time.perf_counter()
        if cam != self._last_cam:
            self._last_cam = cam
            self._cam_since = now
        elif not complete and self.terrain.pending == 0 and now - self._cam_since > IDLE_PREFETCH_S:
            self.terrain.prefetch(lay, budget_ms=3.0, max_tiles=1)
        self.last_frame_ms = (time.perf_counter() - t0) * 1000.0

    def _cam_key(self) -> tuple:
        lay = self.layout
        return (round(lay.scale, 6), round(lay.origin[0], 2), round(lay.origin[1], 2), lay.viewport)

    def _view_level_rect(self) -> pygame.Rect:
        """The viewport in level pixels (km * scale, no origin): pans move it, zoom rescales it."""
        lay = self.layout
        return pygame.Rect(int(math.floor(-lay.origin[0])), int(math.floor(-lay.origin[1])),
                           lay.viewport[0] + 1, lay.viewport[1] + 1)

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
        # Side d of a pointy-top hex (0 E ... 5 SE) lies between these corners (clockwise from upper right).
        side_corners = {0: (0, 1), 1: (5, 0), 2: (4, 5), 3: (3, 4), 4: (2, 3), 5: (1, 2)}
        w = 2 if lay.size < 30 else 3
        for i, cx, cy in zip(idx.tolist(), xs.tolist(), ys.tolist()):
            for d in range(6):
                n = nb[i, d]
                if n >= 0 and mask[n]:
                    continue
                a, b = side_corners[d]
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
            label = render_text(name, max(12, int(lay.size * 0.6 * min(k, 1.4))), self.palette.mdl,
                                halo=(255, 255, 255))
            w, h = surf.get_size()
            seen = [p for p in pts if 0 <= p[0] < w and 0 <= p[1] < h] if k > 1 else []
            x, y = (seen or pts)[len(seen or pts) // 2]
            x = min(max(int(x), label.get_width() // 2 + 4), w - label.get_width() // 2 - 4)
            # Drawn over the counters, once they are down: under them a play-tester could not read it.
            self._mdl_label = (label, (x - label.get_width() // 2, int(y) + 6 + int(width)))
            return
        for ln in self.terrain.geo.mdl:
            pts = lay.km_to_pixel_array(ln.pts)
            polyline(surf, self.palette.mdl, pts, 3 if lay.size > 20 else 2)

    # -- the DMZ -------------------------------------------------------------------------------------------
    #: Side d of a pointy-top hex (0 E ... 5 SE) lies between these corners of Layout.hex_corners
    #: (corner k at 60k - 30 degrees, clockwise from the upper right); see _draw_region_outline.
    SIDE_CORNERS = {0: (0, 1), 1: (5, 0), 2: (4, 5), 3: (3, 4), 4: (2, 3), 5: (1, 2)}

    def hexside_points(self, i: int, d: int) -> tuple[tuple[float, float], tuple[float, float]]:
        """The two screen-local corners hex ``i`` shares with its neighbour in direction ``d``."""
        corners = self.layout.hex_corners(self.board.hex_at(i))
        a, b = self.SIDE_CORNERS[d % 6]
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
            for c in self.SIDE_CORNERS[d % 6]:
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

    def _draw_path(self, surf: pygame.Surface) -> None:
        if len(self.path) < 1:
            return
        lay = self.layout
        col = self.palette.overlay_colour("path")
        pts = [lay.hex_to_pixel(h) for h in self.path]
        w = max(3, int(lay.size * 0.16))
        if len(pts) >= 2:
            polyline(surf, (20, 20, 20), np.array(pts), w + 2)
            polyline(surf, col[:3], np.array(pts), w)
        for p in pts[1:-1]:
            pygame.draw.circle(surf, col[:3], p, w * 0.9)
        end = pts[-1]
        pygame.draw.circle(surf, (20, 20, 20), end, w * 1.8)
        pygame.draw.circle(surf, col[:3], end, w * 1.8 - 2)
        if self.path_costs and lay.size >= 14:
            fs = max(10, int(lay.size * 0.38))
            for p, c in zip(pts[1:], self.path_costs[1:]):
                text = f"{c:g}"
                t = render_text(text, fs, (20, 20, 20), (255, 250, 230, 230), bold=True, halo_px=2)
                surf.blit(t, (p[0] - t.get_width() / 2, p[1] - t.get_height() - w * 1.5))

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


class Minimap:
    """The whole map small in a corner of the map view: the view rectangle, unit dots, click to centre."""

    def __init__(self, view: MapView, height: int = 260, margin: int = 12) -> None:
        self.mv = view
        self.height = height
        self.margin = margin
        self.visible = True
        #: folded away (not visible), it leaves a tab to bring it back -- only where the player folds it (the game
        #: screen); a screen that hides it on purpose (the end screen, a headless render) shows no tab
        self.foldable = False
        #: called with the new state when a click on its tab brings a collapsed minimap back
        self.on_change: Callable[[bool], None] | None = None
        self._img: pygame.Surface | None = None
        self._img_key: tuple | None = None
        self._dragging = False

    @property
    def rect(self) -> pygame.Rect:
        t = self.mv.terrain
        b = t.neat
        h = min(self.height, max(80, self.mv.rect.height // 3))
        w = int(h * (b[2] - b[0]) / (b[3] - b[1]))
        r = self.mv.rect
        return pygame.Rect(r.right - w - self.margin, r.bottom - h - self.margin, w, h)

    def _scale(self) -> float:
        b = self.mv.terrain.neat
        return self.rect.height / (b[3] - b[1])

    def _image(self) -> pygame.Surface:
        rect = self.rect
        key = (rect.size, self.mv.palette.name)
        if self._img is None or self._img_key != key:
            t = self.mv.terrain
            ov, ovs = t.overview()
            # The overview covers t.bounds; cut out the neat rect.
            sx = (t.neat[0] - t.bounds[0]) * ovs
            sy = (t.neat[1] - t.bounds[1]) * ovs
            sw = (t.neat[2] - t.neat[0]) * ovs
            sh = (t.neat[3] - t.neat[1]) * ovs
            sub = ov.subsurface(pygame.Rect(int(sx), int(sy), int(sw), int(sh)).clip(ov.get_rect()))
            self._img = pygame.transform.smoothscale(sub, rect.size)
            self._img_key = key
        return self._img

    def km_at(self, pos: tuple[int, int]) -> tuple[float, float]:
        r = self.rect
        s = self._scale()
        b = self.mv.terrain.neat
        return b[0] + (pos[0] - r.x) / s, b[1] + (pos[1] - r.y) / s

    @property
    def tab_rect(self) -> pygame.Rect:
        """The small tab a collapsed minimap leaves in its corner (click it, or press M, to bring it back)."""
        r = self.mv.rect
        w, h = 118, 24
        return pygame.Rect(r.right - w - self.margin, r.bottom - h - self.margin, w, h)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if not self.visible:
            if self.foldable and event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 \
                    and self.tab_rect.collidepoint(event.pos):
                self.visible = True
                if self.on_change:
                    self.on_change(True)
                return True
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.rect.collidepoint(event.pos):
            self._dragging = True
            self.mv.layout.center_on_km(*self.km_at(event.pos))
            return True
        if event.type == pygame.MOUSEMOTION and self._dragging:
            self.mv.layout.center_on_km(*self.km_at(event.pos))
            return True
        if event.type == pygame.MOUSEBUTTONUP and self._dragging:
            self._dragging = False
            return True
        return False

    def draw(self, screen: pygame.Surface) -> None:
        if not self.visible:
            if not self.foldable:
                return
            tab = self.tab_rect
            pygame.draw.rect(screen, (32, 31, 27), tab)
            pygame.draw.rect(screen, self.mv.palette.ui_accent, tab, 1)
            text = get_font(13).render("Minimap (M)", True, (235, 225, 200))
            screen.blit(text, text.get_rect(center=tab.center))
            return
        r = self.rect
        pal = self.mv.palette
        screen.blit(self._image(), r.topleft)
        s = self._scale()
        b = self.mv.terrain.neat
        view = self.mv.view
        if view is not None:
            for i, units in self.mv._stacks.items():
                h = self.mv.board.hex_at(i)
                x, y = self.mv.board.projection.hex_center_km(h)
                bloc = view.config.seat(units[0].seat).bloc
                col = pal.bloc_dark.get(bloc, (0, 0, 0))
                px, py = r.x + (x - b[0]) * s, r.y + (y - b[1]) * s
                if bloc == "un":
                    pygame.draw.rect(screen, col, (px - 2, py - 2, 4, 4))
                else:
                    pygame.draw.polygon(screen, col, [(px, py - 3), (px + 3, py), (px, py + 3), (px - 3, py)])
        # The view rectangle.
        x0, y0, x1, y1 = self.mv.layout.visible_km_rect()
        vr = pygame.Rect(r.x + (x0 - b[0]) * s, r.y + (y0 - b[1]) * s, (x1 - x0) * s, (y1 - y0) * s)
        vr = vr.clip(r)
        pygame.draw.rect(screen, (255, 255, 255), vr, 2)
        pygame.draw.rect(screen, (20, 20, 20), vr.inflate(2, 2), 1)
        pygame.draw.rect(screen, (20, 20, 20), r.inflate(2, 2), 1)
        pygame.draw.rect(screen, pal.ui_accent, r.inflate(4, 4), 1)


def offset_hexes(board: Board) -> list[Hex]:
    """Every hex of the board in row order (handy for building overlay masks)."""
    return [offset_to_axial(c, r) for r in range(board.rows) for c in range(board.cols)]
