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
from game.engine.hexes import Hex
from game.engine.units import Location, Unit

from .counters import counter_size
from .layout import SQRT3, Layout
from .map_counters import MapCounters
from .map_dmz import MapDmz
from .map_labels import render_text
from .map_lines import polyline
from .map_masks import MapMasks
from .map_motion import Motion
from .map_plan import PlanShown, draw_plan_legend, plan_legend_rect, render_plans
from .map_render import TerrainLayer
from .minimap import Minimap
from .palette import STANDARD, Palette

#: Zoom levels as hex radii (px): wheel notches step through them, so tiles are reused.
ZOOM_LEVELS = tuple(round(6.0 * 2 ** (k / 4), 2) for k in range(0, 19))
PAN_SPEED = 900.0           # px per second for held keys
DRAG_THRESHOLD = 4          # px before a press becomes a drag
#: Render tiles around the view only after the camera has been still this long (s).
IDLE_PREFETCH_S = 0.3


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


class MapView(MapMasks, MapDmz, MapCounters):
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
        #: the history line's label, its line (screen px) and width, for this frame (placed over the counters)
        self._mdl_label: tuple[str, int, np.ndarray, float] | None = None
        self._label_cache: tuple[tuple, tuple | None] | None = None     # the label's last inputs and its place
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
        size = counter_size(lay.size)
        avoid = [pygame.Rect(int(x - size / 2) - 2, int(y - size / 2) - 2, size + 4, size + 4)
                 for _y, x, y, _i, _u in stacks]
        if self.show_labels:
            avoid = self.terrain.labels.draw(surf, lay, avoid)
        self._draw_counters(surf, stacks)
        if self.view is not None and self.motion.active:
            self.motion.draw(surf, lay, counter_size(lay.size), self.palette, self.view.config)
        if self.plans:
            key = (self._cam_key(), surf.get_size())
            if self._plan_cache is None or self._plan_cache[0] != key:
                self._plan_cache = (key, render_plans(surf.get_size(), lay, self.plans))
            surf.blit(self._plan_cache[1], (0, 0))
        if self._mdl_label is not None:
            # Over the computer's plans (their lines ran through its words), clear of their legend.
            legend = plan_legend_rect(surf.get_rect(), self.plans, self.plan_legend_scale) if self.plans else None
            self._draw_history_label(surf, avoid + [legend] if legend else avoid)
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
