"""One terrain layer per board for the whole run: building it is the slow part of opening a map."""

from __future__ import annotations

import pygame

from game.engine.board import Board
from game.ui.map_render import TerrainLayer
from game.ui.mapview import MapView
from game.ui.palette import get_palette

_LAYERS: dict[int, TerrainLayer] = {}


def terrain_for(board: Board, colourblind: bool = False) -> TerrainLayer:
    layer = _LAYERS.get(id(board))
    if layer is None:
        layer = TerrainLayer(board, get_palette("colourblind" if colourblind else "standard"))
        _LAYERS[id(board)] = layer
    want = get_palette("colourblind" if colourblind else "standard")
    if layer.palette.name != want.name:
        layer.set_palette(want)
    return layer


def map_view_for(board: Board, rect: pygame.Rect, colourblind: bool = False) -> MapView:
    terrain = terrain_for(board, colourblind)
    return MapView(board, rect, terrain.palette, terrain)
