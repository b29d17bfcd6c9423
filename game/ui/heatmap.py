"""The heat map of a Monte Carlo study: where the final line fell, over the real peninsula (issue 11 §2).

Contract: ``heatmap_surface(board, shares, title, subtitle)`` draws, without a window, a picture of
``HEATMAP_SIZE`` pixels: the game's own terrain (game/ui/map_render.py, through a MapView) with every land hex
of Korea tinted by the share of runs that ended with it in UN/ROK hands (``shares``: a value from 0 to 1 per
land hex, in the index order of ``board.terrain >= CLEAR``), the 1953 armistice line (the terrain data's
Military Demarcation Line) and the 38th parallel drawn over it, a title, and a legend.  ``write_heatmap``
saves it as PNG.  Callers set ``SDL_VIDEODRIVER=dummy`` before pygame starts when there is no screen
(game/cli_study.py does).  ``korea_view``, ``reference_lines`` and ``on_paper`` are
shared with the after-action report's final map (game/ui/final_map.py), so the two pictures frame the peninsula and
draw the 1953 line and the parallel alike.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame

from game.engine.board import Board, Country, Terrain

from .map_labels import render_text
from .map_lines import dashes, polyline

#: The whole picture, the map inside it (left), and the header above the map.
HEATMAP_SIZE = (1040, 1120)
HEADER = 92
MAP_RECT = pygame.Rect(16, HEADER, 660, HEATMAP_SIZE[1] - HEADER - 16)
#: Share bands: 10 of 10 percentage points, each tinted once (a handful of overlays, not a colour per hex).
BANDS = 10
TINT_ALPHA = 175
PAPER = (250, 248, 240)
INK = (28, 28, 34)
#: The diverging scale, DPRK/PRC red through a pale middle to UN/ROK blue (ColorBrewer RdBu's ends).
RED, MIDDLE, BLUE = (178, 24, 43), (247, 247, 247), (33, 102, 172)


def band_colour(k: int) -> tuple[int, int, int]:
    """The colour of band k (0: shares 0-10% ... 9: 90-100%), by its middle share."""
    t = (k + 0.5) / BANDS
    a, b, f = (RED, MIDDLE, t / 0.5) if t < 0.5 else (MIDDLE, BLUE, (t - 0.5) / 0.5)
    return tuple(int(round(a[c] + (b[c] - a[c]) * f)) for c in range(3))


def ensure_display() -> None:
    """pygame's display and fonts ready for off-screen drawing (a 1x1 mode when no window is open)."""
    pygame.display.init()
    pygame.font.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((1, 1))        # surfaces convert only once a display mode is set


def frame_korea(view, korea: np.ndarray) -> None:
    """Zoom and centre the view on Korea's land."""
    lay, board = view.layout, view.board
    idx = np.flatnonzero(korea)
    pts = np.array([lay.hex_center_km(board.hex_at(int(i))) for i in idx])
    pad = board.hex_km
    x0, y0 = pts.min(axis=0) - pad
    x1, y1 = pts.max(axis=0) + pad
    lay.zoom_to(min(view.rect.width / (x1 - x0), view.rect.height / (y1 - y0)))
    lay.center_on_km((x0 + x1) / 2, (y0 + y1) / 2)


def korea_view(board: Board, size: tuple[int, int]):
    """(a headless MapView of ``size`` framed on Korea, place names on, no minimap; Korea's land mask)."""
    from .mapview import MapView
    from .terrain_cache import terrain_for
    ensure_display()
    korea = (board.terrain >= Terrain.CLEAR) & np.isin(board.country, (int(Country.ROK), int(Country.DPRK)))
    terrain = terrain_for(board)
    view = MapView(board, pygame.Rect((0, 0), size), terrain.palette, terrain)
    view.minimap.visible = False
    view.show_labels = True
    frame_korea(view, korea)
    return view, korea


def reference_lines(surf: pygame.Surface, view) -> None:
    """The 1953 line (cased, so it reads over any tint) and the 38th parallel (dashed) over the tints."""
    lay = view.layout
    for ln in view.terrain.geo.mdl:
        pts = lay.km_to_pixel_array(ln.pts)
        polyline(surf, PAPER, pts, 7)
        polyline(surf, view.palette.mdl, pts, 4)
    pts = np.array([lay.lonlat_to_pixel(lon, 38.0) for lon in np.linspace(124.0, 131.0, 60)])
    for d in dashes(pts, 14, 8):
        polyline(surf, INK, d, 2.5)


def board_columns(view) -> tuple[int, int]:
    """The pixel columns of the map view inside the terrain's neat line (beyond it the view shows nothing)."""
    xmin, _y0, xmax, _y1 = view.terrain.neat
    left = int(max(0, view.layout.km_to_pixel(xmin, 0)[0]))
    right = int(min(view.rect.width, view.layout.km_to_pixel(xmax, 0)[0]))
    return left, max(left + 1, right)


def on_paper(map_surf: pygame.Surface, view, size: tuple[int, int], frame: pygame.Rect, title: str,
             subtitle: str = "") -> pygame.Surface:
    """A page of ``size`` on paper: the drawn map (``map_surf``, of ``frame``'s size) centred in ``frame`` and ruled,
    with a title and a subtitle above it; the legend is the caller's."""
    out = pygame.Surface(size)
    out.fill(PAPER)
    # Only the board's width: where it is narrower than the frame, the paper shows either side, not a void.
    left, right = board_columns(view)
    at = pygame.Rect(frame.x + (frame.width - (right - left)) // 2, frame.y, right - left, frame.height)
    out.blit(map_surf, at, pygame.Rect(left, 0, right - left, frame.height))
    pygame.draw.rect(out, INK, at.inflate(2, 2), 1)
    out.blit(render_text(title, 26, INK, bold=True), (16, 14))
    if subtitle:
        out.blit(render_text(subtitle, 17, (70, 70, 80)), (16, 52))
    return out


def _legend(out: pygame.Surface, x: int, y: int, mdl_colour) -> None:
    out.blit(render_text("Share of runs ending", 19, INK, bold=True), (x, y))
    out.blit(render_text("in UN/ROK hands", 19, INK, bold=True), (x, y + 24))
    y += 62
    bar_w, bar_h = 38, 34
    for k in reversed(range(BANDS)):
        row = y + (BANDS - 1 - k) * bar_h
        pygame.draw.rect(out, band_colour(k), (x, row, bar_w, bar_h))
        text = f"{10 * k}–{10 * (k + 1)}%"
        out.blit(render_text(text, 16, INK), (x + bar_w + 12, row + (bar_h - 18) // 2))
    pygame.draw.rect(out, INK, (x, y, bar_w, BANDS * bar_h), 1)
    out.blit(render_text("always UN/ROK", 14, BLUE, italic=True), (x + 150, y + 8))
    out.blit(render_text("never UN/ROK", 14, RED, italic=True), (x + 150, y + BANDS * bar_h - 26))
    y += BANDS * bar_h + 34
    pygame.draw.line(out, PAPER, (x, y + 10), (x + 44, y + 10), 7)
    pygame.draw.line(out, mdl_colour, (x, y + 10), (x + 44, y + 10), 4)
    out.blit(render_text("1953 armistice line", 16, INK), (x + 56, y))
    y += 34
    for d in dashes(np.array([[x, y + 10.0], [x + 44.0, y + 10.0]]), 14, 8):
        polyline(out, INK, d, 2.5)
    out.blit(render_text("38th parallel", 16, INK), (x + 56, y))
    y += 34
    pygame.draw.rect(out, (205, 200, 188), (x, y + 2, 44, 16))
    out.blit(render_text("outside Korea, or sea", 16, INK), (x + 56, y))


def heatmap_surface(board: Board, shares, title: str, subtitle: str = "") -> pygame.Surface:
    land = board.terrain >= Terrain.CLEAR
    shares = np.asarray(shares, dtype=float)
    if shares.shape != (int(land.sum()),):
        raise ValueError(f"expected a share for each of the {int(land.sum())} land hexes, got {shares.shape}")
    full = np.full(board.size, np.nan)
    full[land] = shares
    view, korea = korea_view(board, MAP_RECT.size)
    band = np.clip((np.nan_to_num(full) * BANDS).astype(int), 0, BANDS - 1)
    for k in range(BANDS):
        mask = korea & (band == k)
        if mask.any():
            view.set_overlay(f"heat_{k}", mask, colour=(*band_colour(k), TINT_ALPHA))
    map_surf = pygame.Surface(MAP_RECT.size)
    view.draw(map_surf, complete=True)
    reference_lines(map_surf, view)
    out = on_paper(map_surf, view, HEATMAP_SIZE, MAP_RECT, title, subtitle)
    _legend(out, MAP_RECT.right + 28, HEADER + 10, view.palette.mdl)
    return out


def write_heatmap(path: str | Path, board: Board, shares, title: str, subtitle: str = "") -> Path:
    """Draw the heat map and save it as PNG at ``path``; returns the path."""
    surf = heatmap_surface(board, shares, title, subtitle)
    pygame.image.save(surf, str(path))
    return Path(path)
