"""The after-action report's final map: who held Korea at the end, this war's line beside the real 1953 line.

Contract: ``final_map_surface(board, control, blocs, dmz, title, subtitle, dmz_date)`` draws, without a
window, a picture of ``FINAL_MAP_SIZE`` pixels on paper: the game's own terrain (through a MapView) with
every land hex of Korea tinted by the bloc that controls it (``control``: the final position's control
array, 0 none, k+1 the k-th of ``blocs``), this game's DMZ (``dmz``: the armistice's [hex index, direction]
hexsides) -- or, when the war ended without one, its line of contact (the hexsides between the blocs,
:func:`contact_hexsides`) -- the real 1953 armistice line and the 38th parallel, a title and a legend.
``write_final_map`` saves it as PNG.  The framing, the 1953 line and the parallel are the Monte Carlo heat
map's (game/ui/heatmap.py), so the two pictures read alike.  It depends only on its arguments: the same
final position gives the same picture.  Callers without a screen set ``SDL_VIDEODRIVER=dummy`` first.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame

from game.engine.board import Board

from .heatmap import BLUE, INK, PAPER, RED, korea_view, on_paper, reference_lines
from .map_labels import render_text
from .map_lines import dashes, polyline

FINAL_MAP_SIZE = (1040, 1120)
HEADER = 92
MAP_RECT = pygame.Rect(16, HEADER, 660, FINAL_MAP_SIZE[1] - HEADER - 16)
#: The tint of each bloc's ground: the heat map's two ends, light enough for the terrain to show through.
BLOC_TINT = {"un": BLUE, "communist": RED}
TINT_ALPHA = 120
CONTACT = (150, 16, 16)
BLOC_WORDS = {"un": "held by the UN side", "communist": "held by the communist side"}


def contact_hexsides(board: Board, control: np.ndarray, korea: np.ndarray) -> list[tuple[int, int]]:
    """[hex index, direction] of every Korean land hexside with a different bloc on each side: the line of
    contact (as the engine freezes it into the DMZ at an armistice)."""
    out = []
    for d in (0, 1, 2):   # each hexside once
        nb = board.neighbors[:, d]
        safe = np.where(nb >= 0, nb, 0)
        other = np.where(nb >= 0, control[safe], 0)
        ok = korea & (control != 0) & (nb >= 0) & korea[safe] & (other != 0) & (other != control)
        out.extend((int(i), d) for i in np.flatnonzero(ok))
    return sorted(out)


def _contact_line(surf: pygame.Surface, view, sides: list[tuple[int, int]]) -> None:
    """The line of contact as a cased dark-red line along its hexsides."""
    segs = [np.array(view.hexside_points(i, d), dtype=float) for i, d in sides]
    for colour, width in ((PAPER, 7), (CONTACT, 4)):
        for seg in segs:
            polyline(surf, colour, seg, width)


def _swatch_tint(out: pygame.Surface, x: int, y: int, colour) -> None:
    tile = pygame.Surface((44, 18), pygame.SRCALPHA)
    tile.fill((214, 204, 180))
    tint = pygame.Surface((44, 18), pygame.SRCALPHA)
    tint.fill((*colour, TINT_ALPHA + 40))
    tile.blit(tint, (0, 0))
    out.blit(tile, (x, y + 1))
    pygame.draw.rect(out, INK, (x, y + 1, 44, 18), 1)


def _legend(out: pygame.Surface, x: int, y: int, blocs, dmz_words: str, has_dmz: bool, mdl_colour) -> None:
    out.blit(render_text("Key", 19, INK, bold=True), (x, y))
    y += 40
    for bloc in blocs:
        _swatch_tint(out, x, y, BLOC_TINT.get(bloc, (150, 150, 150)))
        out.blit(render_text(f"Korea {BLOC_WORDS.get(bloc, 'held by ' + bloc)}", 16, INK), (x + 56, y))
        y += 34
    if has_dmz:
        band = pygame.Rect(x, y + 3, 44, 14)
        pygame.draw.rect(out, (252, 238, 228), band)
        for k in range(0, band.width, 6):
            pygame.draw.line(out, (200, 28, 28), (band.x + k, band.bottom - 1), (min(band.right, band.x + k + 12),
                                                                                 band.y))
        pygame.draw.rect(out, (120, 14, 14), band, 2)
    else:
        pygame.draw.line(out, PAPER, (x, y + 10), (x + 44, y + 10), 7)
        pygame.draw.line(out, CONTACT, (x, y + 10), (x + 44, y + 10), 4)
    out.blit(render_text(dmz_words, 16, INK), (x + 56, y))
    y += 34
    pygame.draw.line(out, PAPER, (x, y + 10), (x + 44, y + 10), 7)
    pygame.draw.line(out, mdl_colour, (x, y + 10), (x + 44, y + 10), 4)
    out.blit(render_text("The real armistice line,", 16, INK), (x + 56, y))
    out.blit(render_text("27 July 1953", 16, INK), (x + 56, y + 20))
    y += 54
    for d in dashes(np.array([[x, y + 10.0], [x + 44.0, y + 10.0]]), 14, 8):
        polyline(out, INK, d, 2.5)
    out.blit(render_text("38th parallel", 16, INK), (x + 56, y))


def final_map_surface(board: Board, control: np.ndarray, blocs, dmz, title: str, subtitle: str = "",
                      dmz_date: str = "") -> pygame.Surface:
    """The final map as a Surface of FINAL_MAP_SIZE (see the module's contract)."""
    control = np.asarray(control)
    if control.shape != (board.size,):
        raise ValueError(f"expected a control value for each of the {board.size} hexes, got {control.shape}")
    view, korea = korea_view(board, MAP_RECT.size)
    for k, bloc in enumerate(blocs):
        mask = korea & (control == k + 1)
        if mask.any():
            view.set_overlay(f"held_{bloc}", mask, colour=(*BLOC_TINT.get(bloc, (150, 150, 150)), TINT_ALPHA))
    sides = [(int(i), int(d)) for i, d in dmz] if dmz else []
    if sides:
        view.set_dmz(sides, f"DMZ ({dmz_date})" if dmz_date else "DMZ")
    map_surf = pygame.Surface(MAP_RECT.size)
    view.draw(map_surf, complete=True)
    reference_lines(map_surf, view)
    if not sides:
        _contact_line(map_surf, view, contact_hexsides(board, control, korea))
    out = on_paper(map_surf, view, FINAL_MAP_SIZE, MAP_RECT, title, subtitle)
    words = f"This game's DMZ ({dmz_date})" if sides else "This game's line of contact"
    _legend(out, MAP_RECT.right + 28, HEADER + 10, blocs, words, bool(sides), view.palette.mdl)
    return out


def write_final_map(path: str | Path, *args, **kwargs) -> Path:
    """Draw the final map (``final_map_surface``'s arguments) and save it as PNG at ``path``; returns the path."""
    pygame.image.save(final_map_surface(*args, **kwargs), str(path))
    return Path(path)
