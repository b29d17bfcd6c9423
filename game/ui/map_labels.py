"""Names on the map: fonts, place ranks, and the per-zoom choice of which names to show.

Names are drawn every frame on top of the terrain tiles (they stay crisp at any
zoom and above overlay fills), from text surfaces cached with their halo.  Which
names show is decided once per zoom: places in order of rank, each name tried
right, left, above and below its marker and dropped if it would overlap a name
already placed -- so minor names appear only as the map is zoomed in.
"""

from __future__ import annotations

import importlib.resources
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pygame

from game.engine.board import Board, Place

from .geodata import GeoData
from .layout import Layout
from .palette import Palette

# -- fonts ------------------------------------------------------------------------------------

_FONT_CANDIDATES = {
    # (bold, italic, serif) -> family names to try, in order
    "sans": ["dejavusans", "dejavusanscondensed", "liberationsans", "arial", "freesans"],
    "serif": ["dejavuserif", "liberationserif", "timesnewroman", "freeserif"],
    "cond": ["dejavusanscondensed", "dejavusans", "liberationsansnarrow", "arialnarrow"],
}


def _bundled_noto(bold: bool, italic: bool) -> str | None:
    """Noto Sans as shipped inside pygame_gui (a dependency, OFL licence): the same face on every machine."""
    name = "NotoSans-" + ({(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
                           (True, True): "BoldItalic"}[(bold, italic)]) + ".ttf"
    try:
        path = importlib.resources.files("pygame_gui.data") / name
        return str(path) if path.is_file() else None
    except (ModuleNotFoundError, OSError):
        return None


@lru_cache(maxsize=None)
def _font_path(family: str, bold: bool, italic: bool) -> str | None:
    if family == "sans":
        bundled = _bundled_noto(bold, italic)
        if bundled:
            return bundled
    names = _FONT_CANDIDATES.get(family, _FONT_CANDIDATES["sans"])
    try:
        return pygame.font.match_font(names, bold=bold, italic=italic)
    except Exception:  # font lookup must never stop the game; fall back to pygame's own font
        return None


@lru_cache(maxsize=256)
def get_font(size: int, bold: bool = False, italic: bool = False, family: str = "sans") -> pygame.font.Font:
    """A font of ``size`` px; a system DejaVu/Liberation face when found, else pygame's default."""
    if not pygame.font.get_init():
        pygame.font.init()
    size = max(6, int(size))
    path = _font_path(family, bold, italic)
    font = pygame.font.Font(path, size)
    if path is None:
        font.set_italic(italic)
    elif bold and "bold" not in path.lower():
        font.set_bold(True)
    return font


def _forget_fonts() -> None:
    """pygame.quit() frees every font: drop the cached ones (and text drawn with them) so a
    later pygame.init() starts clean."""
    get_font.cache_clear()
    _render_text.cache_clear()
    _rotated.cache_clear()


def render_text(text: str, size: int, colour, halo=None, bold: bool = False, italic: bool = False,
                family: str = "sans", halo_px: int = 2, spacing: int = 0) -> pygame.Surface:
    """Text with an optional halo (a soft outline in ``halo`` colour) so it reads over any ground."""
    return _render_text(text, size, tuple(colour), tuple(halo) if halo else None, bold, italic, family,
                        halo_px, spacing)


@lru_cache(maxsize=2048)
def _render_text(text, size, colour, halo, bold, italic, family, halo_px, spacing) -> pygame.Surface:
    font = get_font(size, bold, italic, family)
    if spacing:
        glyphs = [font.render(ch, True, colour[:3]) for ch in text]
        w = sum(g.get_width() for g in glyphs) + spacing * (len(glyphs) - 1)
        core = pygame.Surface((max(w, 1), font.get_height()), pygame.SRCALPHA)
        x = 0
        for g in glyphs:
            core.blit(g, (x, 0))
            x += g.get_width() + spacing
    else:
        core = font.render(text, True, colour[:3]).convert_alpha() if pygame.display.get_surface() \
            else font.render(text, True, colour[:3])
    if not halo:
        return core
    pad = halo_px
    out = pygame.Surface((core.get_width() + 2 * pad, core.get_height() + 2 * pad), pygame.SRCALPHA)
    mask = pygame.mask.from_surface(core, 60)
    ring = mask.to_surface(setcolor=halo, unsetcolor=(0, 0, 0, 0))
    for dx in range(-pad, pad + 1):
        for dy in range(-pad, pad + 1):
            if dx * dx + dy * dy <= pad * pad + 1:
                out.blit(ring, (pad + dx, pad + dy))
    out.blit(core, (pad, pad))
    return out


# -- what the places are -----------------------------------------------------------------------

#: Place type -> rank (4 capitals ... 1 minor); rank decides marker, font and at which zoom it shows.
PLACE_RANK = {"capital": 4, "city": 3, "city_china": 2, "town": 2, "village": 1, "district": 1,
              "airfield": 1, "battle_site": 1, "pass": 1, "reservoir": 3, "terrain_feature": 1}

#: Cities whose names carry the campaign: shown as rank 3.5 (before other cities).
KEY_CITIES = {"pusan", "inchon", "wonsan", "hungnam", "taegu", "taejon", "kaesong", "sinuiju", "hamhung",
              "chongjin", "kwangju", "mokpo", "chunchon", "wonju", "pohang", "kunsan"}

#: Hex radius (px) from which each rank's names may show.
MIN_SIZE_FOR_RANK = {4: 0.0, 3.5: 0.0, 3: 9.0, 2: 16.0, 1: 20.0}


def place_rank(p: Place) -> float:
    r = float(PLACE_RANK.get(p.type, 1))
    if p.id in KEY_CITIES and r < 4:
        r = 3.5
    return r


def place_km(board: Board, p: Place) -> tuple[float, float]:
    """Where a place is drawn: its real position (which lies in or beside its hex)."""
    if p.lat or p.lon:
        return board.projection.to_km(p.lon, p.lat)
    return board.projection.hex_center_km(p.hex)


def marker_radius(rank: float, size: float) -> float:
    """Marker radius in px for a place of ``rank`` at hex radius ``size``."""
    base = {4: 4.5, 3.5: 3.4, 3: 3.0, 2: 2.4, 1: 1.8}.get(rank, 2.0)
    return base * min(max(size / 20.0, 0.8), 1.9)


def label_size(rank: float, size: float) -> int:
    """Font size in px for a place name at hex radius ``size``: grows slowly with zoom."""
    z = math.log2(max(size, 4.0) / 8.0)          # 0 at the whole-map zoom on a 1080p screen
    base = {4: 15, 3.5: 12.5, 3: 11.5, 2: 11, 1: 10.5}.get(rank, 11)
    return int(round(min(base + 2.4 * max(z, 0.0), base + 9)))


@dataclass
class LabelItem:
    """One name to draw: text surface and its offset from a km anchor."""

    surf: pygame.Surface
    x_km: float
    y_km: float
    dx: float
    dy: float
    #: Other offsets to try when a counter covers the first one (place names only).
    alternatives: tuple[tuple[float, float], ...] = ()


class PlaceLabels:
    """Chooses and draws place names, sea and region names, peaks and river names."""

    def __init__(self, board: Board, geo: GeoData, palette: Palette,
                 neat: tuple[float, float, float, float] | None = None) -> None:
        self.board = board
        self.geo = geo
        self.palette = palette
        self.neat = neat               # km rect names must stay inside (the printed map's edge)
        self._rivers = _river_anchors(geo)
        self._choice: dict[int, list[LabelItem]] = {}
        #: Every name's font size is multiplied by this: the UI scale, so a projector's map reads like its panels.
        self.text_scale = 1.0
        # One entry per drawn place; places sharing a spot (Seoul/Yongdungpo/Kimpo) keep their own.
        self.places = sorted(board.places.values(), key=lambda p: (-place_rank(p), p.name))

    def set_palette(self, palette: Palette) -> None:
        self.palette = palette
        self._choice.clear()

    def set_text_scale(self, scale: float) -> None:
        """Draw every name ``scale`` times its size (the UI scale); names are chosen afresh for the new sizes."""
        if scale != self.text_scale:
            self.text_scale = scale
            self._choice.clear()

    def _fs(self, px: float) -> int:
        return max(6, int(round(px * self.text_scale)))

    # -- choosing ---------------------------------------------------------------------------
    def _place_text(self, p: Place, size: float) -> pygame.Surface:
        pal = self.palette
        rank = place_rank(p)
        fs = self._fs(label_size(rank, size))
        name = short_name(p.name)
        if p.type in ("reservoir",):
            return render_text(name, fs, pal.water_label, pal.label_halo, italic=True, family="serif")
        if p.type in ("terrain_feature", "pass"):
            return render_text(name, fs, pal.relief_label, pal.label_halo, italic=True, family="serif")
        colour = pal.label if rank >= 3 else pal.label_minor
        return render_text(name, fs, colour, pal.label_halo, bold=rank >= 3.5)

    def choose(self, layout: Layout) -> list[LabelItem]:
        """The names that fit at this zoom (cached per zoom)."""
        key = int(round(layout.scale * 1000))
        got = self._choice.get(key)
        if got is not None:
            return got
        size = layout.size
        s = layout.scale
        taken: list[pygame.Rect] = []
        out: list[LabelItem] = []
        # Markers of every place that shows count as taken space first.
        shown = [p for p in self.places if size >= MIN_SIZE_FOR_RANK.get(place_rank(p), 99)]
        for p in shown:
            x, y = place_km(self.board, p)
            mr = marker_radius(place_rank(p), size) + 1
            taken.append(pygame.Rect(int(x * s - mr), int(y * s - mr), int(2 * mr), int(2 * mr)))
        markers = len(taken)
        for p in shown:
            surf = self._place_text(p, size)
            x, y = place_km(self.board, p)
            mr = marker_radius(place_rank(p), size)
            w, h = surf.get_size()
            cands = [(mr + 1, -h / 2), (-mr - 1 - w, -h / 2), (-w / 2, -mr - h + 1), (-w / 2, mr - 1),
                     (mr, -h + 2), (mr, -2)]
            for dx, dy in cands:
                r = pygame.Rect(int(x * s + dx) + 2, int(y * s + dy) + 2, w - 4, h - 4)
                if r.collidelist(taken[markers:]) < 0 and not _hits_markers(r, taken[:markers]):
                    taken.append(r)
                    alts = tuple(c for c in cands[:4] if c != (dx, dy))
                    out.append(LabelItem(surf, x, y, dx, dy, alts))
                    break
        out.extend(self._static_labels(size, taken))
        if len(self._choice) > 24:
            self._choice.clear()
        self._choice[key] = out
        return out

    def _fit(self, x: float, y: float, w: int, h: int, s: float) -> tuple[float, float] | None:
        """Top-left (level px) of a w x h label centred on km (x, y), moved inside the neat
        line if it overhangs; None if it cannot fit."""
        left, top = x * s - w / 2, y * s - h / 2
        if self.neat is None:
            return left, top
        nx0, ny0, nx1, ny1 = (v * s for v in self.neat)
        if w > nx1 - nx0 - 8 or h > ny1 - ny0 - 8:
            return None
        left = min(max(left, nx0 + 4), nx1 - 4 - w)
        top = min(max(top, ny0 + 4), ny1 - 4 - h)
        return left, top

    def _static_labels(self, size: float, taken: list[pygame.Rect]) -> list[LabelItem]:
        """Seas, neighbours, the 38th parallel, ranges, rivers and peaks: where there is room."""
        pal = self.palette
        proj = self.board.projection
        out: list[LabelItem] = []
        z = max(math.log2(max(size, 4.0) / 8.0), 0.0)
        s = size * math.sqrt(3) / proj.hex_km
        items: list[tuple[float, float, pygame.Surface]] = []
        sea_fs = self._fs(min(13 + 3 * z, 24))
        for text, lon, lat in (("YELLOW SEA", 124.95, 36.3), ("KOREA BAY", 124.45, 39.25),
                               ("SEA OF JAPAN", 130.2, 39.0), ("KOREA STRAIT", 129.05, 34.45)):
            items.append((lon, lat, render_text(text, sea_fs, pal.water_label, None, italic=True,
                                                family="serif", spacing=2)))
        reg_fs = self._fs(min(14 + 3 * z, 26))
        for text, lon, lat in (("MANCHURIA", 125.3, 42.6), ("USSR", 130.85, 42.75)):
            items.append((lon, lat, render_text(text, reg_fs, pal.region_label, pal.label_halo, bold=True,
                                                spacing=4, halo_px=1)))
        par_fs = self._fs(min(10 + 2 * z, 17))
        par = render_text("38th PARALLEL", par_fs, pal.parallel, pal.label_halo, italic=True, bold=True,
                          family="serif", halo_px=1)
        x38, y38 = proj.to_km(124.0, 38.0)
        for lon in (124.0, 129.6):
            x, _ = proj.to_km(lon, 38.0)
            items.append((proj.to_lonlat(x + par.get_width() / 2 / s + 6 / s, y38)[0],
                          proj.to_lonlat(x, y38 - (par.get_height() / 2 + 2) / s)[1], par))
        if size >= 14:
            rfs = self._fs(min(10 + 2 * z, 18))
            for text, lon, lat in (("TAEBAEK  MOUNTAINS", 128.75, 37.55), ("SOBAEK  MOUNTAINS", 127.85, 36.15),
                                   ("HAMGYONG  MOUNTAINS", 128.9, 41.25), ("NANGNIM  MOUNTAINS", 127.0, 40.35)):
                items.append((lon, lat, render_text(text, rfs, pal.relief_label, pal.label_halo, italic=True,
                                                    family="serif", spacing=2, halo_px=1)))
        for lon, lat, surf in items:
            x, y = proj.to_km(lon, lat)
            w, h = surf.get_size()
            pos = self._fit(x, y, w, h, s)
            if pos is None:
                continue
            r = pygame.Rect(int(pos[0]), int(pos[1]), w, h)
            if r.collidelist(taken) < 0:
                taken.append(r)
                out.append(LabelItem(surf, x, y, pos[0] - x * s, pos[1] - y * s))
        if size >= 11:
            rfs = self._fs(min(10 + 2 * z, 17))
            for name, spots in self._rivers:
                text = render_text(f"{name} R.", rfs, pal.water_label, pal.label_halo, italic=True,
                                   family="serif", halo_px=1)
                for x, y, angle in spots:
                    surf = _rotated(text, angle)
                    w, h = surf.get_size()
                    r = pygame.Rect(int(x * s - w / 2), int(y * s - h / 2), w, h)
                    if r.collidelist(taken) < 0:
                        taken.append(r.inflate(-w // 4, -h // 4))
                        out.append(LabelItem(surf, x, y, -w / 2, -h / 2))
                        break
        if size >= 20:
            pfs = self._fs(min(9 + 2 * z, 15))
            for pk in self.geo.peaks:
                text = f"{short_name(pk.name)} {pk.elevation_m}"
                surf = render_text(text, pfs, pal.relief_label, pal.label_halo, italic=True, halo_px=1)
                w, h = surf.get_size()
                r = pygame.Rect(int(pk.x * s + 6), int(pk.y * s - h / 2), w, h)
                if r.collidelist(taken) < 0:
                    taken.append(r)
                    out.append(LabelItem(surf, pk.x, pk.y, 6, -h / 2))
        return out

    # -- drawing ----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, layout: Layout, avoid: list[pygame.Rect] | None = None
             ) -> list[pygame.Rect]:
        """Blit the names chosen for this zoom.  A place name covered by one of the ``avoid``
        rects (the counters) moves to another side of its marker when one is free.  Returns the ``avoid`` rects
        and those of the names drawn (for a label placed later to keep off them)."""
        ox, oy = layout.origin
        s = layout.scale
        vw, vh = surface.get_size()
        # Names already drawn join the rects to avoid, so a name that moves does not land on another.
        drawn = list(avoid or [])
        for it in self.choose(layout):
            ax = ox + it.x_km * s
            ay = oy + it.y_km * s
            w, h = it.surf.get_size()
            x, y = ax + it.dx, ay + it.dy
            if x > vw or y > vh or x + w < 0 or y + h < 0:
                continue
            if avoid and it.alternatives:
                x, y = _dodge(x, y, ax, ay, w, h, it.alternatives, drawn)
            drawn.append(pygame.Rect(int(x) + 2, int(y) + 2, w - 4, h - 4))
            surface.blit(it.surf, (int(x), int(y)))
        return drawn


def _dodge(x: float, y: float, ax: float, ay: float, w: int, h: int,
           alternatives: tuple[tuple[float, float], ...], avoid: list[pygame.Rect]) -> tuple[float, float]:
    """Where to put a w x h name first shown at (x, y) for the marker at (ax, ay) so that it
    clears the ``avoid`` rects: the other sides of the marker, else beside the covering counter."""
    hit = pygame.Rect(int(x) + 2, int(y) + 2, w - 4, h - 4).collidelist(avoid)
    if hit < 0:
        return x, y
    cands = [(ax + dx, ay + dy) for dx, dy in alternatives]
    c = avoid[hit]
    cands += [(c.right + 1, ay - h / 2), (c.left - w - 1, ay - h / 2), (ax - w / 2, c.bottom - 1),
              (ax - w / 2, c.top - h + 1)]
    for cx, cy in cands:
        if pygame.Rect(int(cx) + 2, int(cy) + 2, w - 4, h - 4).collidelist(avoid) < 0:
            return cx, cy
    return x, y


def short_name(name: str) -> str:
    """A name without its parenthesis: "Osan (Task Force Smith position)" -> "Osan"."""
    return name.split(" (")[0].split(",")[0].strip()


@lru_cache(maxsize=512)
def _rotated(surf: pygame.Surface, angle: float) -> pygame.Surface:
    return pygame.transform.rotozoom(surf, angle, 1.0) if abs(angle) > 0.5 else surf


def _river_anchors(geo: GeoData) -> list[tuple[str, tuple[tuple[float, float, float], ...]]]:
    """Where each named river may get its name: a few points along its longest line (the
    first that fits is used), each with the angle that follows the river (text kept upright).
    Returns (short name, ((x km, y km, angle degrees), ...))."""
    best: dict[str, tuple[float, object]] = {}
    for ln in geo.rivers:
        if not ln.major:
            continue
        name = short_name(ln.name)
        d = ln.pts[1:] - ln.pts[:-1]
        length = float(sum(math.hypot(a, b) for a, b in d))
        if name not in best or length > best[name][0]:
            best[name] = (length, ln)
    out = []
    for name, (length, ln) in sorted(best.items()):
        pts = ln.pts
        d = pts[1:] - pts[:-1]
        seg = [math.hypot(a, b) for a, b in d]
        spots = []
        for frac in (0.4, 0.6, 0.25, 0.75):
            target, acc, i = frac * length, 0.0, 0
            while i < len(seg) - 1 and acc + seg[i] < target:
                acc += seg[i]
                i += 1
            j0, j1 = max(i - 3, 0), min(i + 4, len(pts) - 1)
            dx, dy = pts[j1] - pts[j0]
            angle = -math.degrees(math.atan2(dy, dx))
            if angle > 90:
                angle -= 180
            elif angle < -90:
                angle += 180
            # Sit beside the river rather than on it.
            nx, ny = -dy, dx
            nl = math.hypot(nx, ny) or 1.0
            x, y = pts[i] + np.array([nx, ny]) / nl * 2.5
            spots.append((float(x), float(y), round(angle / 5) * 5.0))
        out.append((name, tuple(spots)))
    return out


pygame.register_quit(_forget_fonts)


def _hits_markers(r: pygame.Rect, markers: list[pygame.Rect]) -> bool:
    # A label may touch its own marker's neighbourhood but not cover another marker.
    return r.collidelist(markers) >= 0
