"""Fog of war: which hexes a bloc sees and which enemy units it has seen.

A bloc sees every hex within ``spot_range`` of its units on the map (plus the
air-recon bonus for the bloc that has it).  Enemy units there are seen unless
they are ``hidden`` (PVA), which are seen only from an adjacent hex.  Allies
(seats of one bloc) share what they see.  Observations (game/engine/observation.py)
are built from these masks.
"""

from __future__ import annotations

import numpy as np

from .board import Board
from .state import GameState
from .units import MAP


def within(board: Board, sources: np.ndarray, radius: int) -> np.ndarray:
    """Boolean mask of hexes within ``radius`` steps of any True hex of ``sources``."""
    mask = sources.copy()
    frontier = sources.copy()
    nb = board.neighbors
    for _ in range(radius):
        idx = np.flatnonzero(frontier)
        if idx.size == 0:
            break
        ring = nb[idx].ravel()
        ring = ring[ring >= 0]
        new = np.zeros_like(mask)
        new[ring] = True
        new &= ~mask
        mask |= new
        frontier = new
    return mask


def bloc_presence(state: GameState, bloc: str) -> np.ndarray:
    """Mask of hexes holding at least one unit of ``bloc``."""
    mask = np.zeros(state.board.size, dtype=bool)
    own = (state.loc == MAP) & (state.units.bloc == state.config.bloc_code(bloc))
    mask[state.hex[own]] = True
    return mask


def visible_hexes(state: GameState, bloc: str) -> np.ndarray:
    """Mask of hexes ``bloc`` can see now."""
    p = state.config.params
    radius = p.spot_range + (p.air_recon_bonus if bloc == p.air_recon_bloc else 0)
    return within(state.board, bloc_presence(state, bloc), radius)


def seen_mask(state: GameState, bloc: str) -> np.ndarray:
    """Mask over units: the enemy units on the map that ``bloc`` can see."""
    presence = bloc_presence(state, bloc)
    p = state.config.params
    radius = p.spot_range + (p.air_recon_bonus if bloc == p.air_recon_bloc else 0)
    visible = within(state.board, presence, radius)
    adjacent = within(state.board, presence, 1)
    code = state.config.bloc_code(bloc)
    enemy = (state.loc == MAP) & (state.units.bloc != code)
    h = np.where(enemy, state.hex, 0)
    return enemy & np.where(state.hidden, adjacent[h], visible[h])
