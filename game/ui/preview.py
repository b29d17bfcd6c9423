"""Small pictures of the map: the menu's backdrop and a scenario's starting position."""

from __future__ import annotations

import pygame

from game.session.catalog import load_board
from game.ui.counters import render_counter
from game.ui.terrain_cache import terrain_for


def _fit(img: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    w, h = img.get_size()
    k = min(size[0] / w, size[1] / h)
    return pygame.transform.smoothscale(img, (max(1, int(w * k)), max(1, int(h * k))))


def _neat_overview(layer) -> tuple[pygame.Surface, float]:
    ov, scale = layer.overview()
    b, n = layer.bounds, layer.neat
    rect = pygame.Rect(int((n[0] - b[0]) * scale), int((n[1] - b[1]) * scale),
                       int((n[2] - n[0]) * scale), int((n[3] - n[1]) * scale)).clip(ov.get_rect())
    return ov.subsurface(rect).copy(), scale


def peninsula_image(size: tuple[int, int]) -> pygame.Surface:
    """The whole map, fitted into ``size``."""
    img, _ = _neat_overview(terrain_for(load_board()))
    return _fit(img, size)


def scenario_preview(scenario, size: tuple[int, int]) -> pygame.Surface:
    """The starting map of a scenario with every unit on it (a briefing picture, not a seat's view)."""
    layer = terrain_for(scenario.board)
    img, scale = _neat_overview(layer)
    truth = scenario.new_match_truth(0)      # the starting position, every unit (the scenario's facts)
    out = _fit(img, size)
    k = out.get_width() / img.get_width()
    n = layer.neat
    proj = scenario.board.projection
    palette = layer.palette
    size_px = max(8, int(16 * scale * k))
    config = scenario.config
    for u in truth.units.values():
        if u.hex is None or u.location.value != "map":
            continue
        x, y = proj.hex_center_km(u.hex)
        px, py = (x - n[0]) * scale * k, (y - n[1]) * scale * k
        c = render_counter(u, config.seat(u.seat).bloc, size_px, palette)
        out.blit(c, c.get_rect(center=(px, py)))
    return out
