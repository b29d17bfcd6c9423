"""Fog of war: which hexes a bloc sees and which enemy units it has seen.

A bloc sees every hex within ``spot_range`` of its units on the map (plus the
air-recon bonus for the bloc that has it).  Enemy units there are seen unless
they are ``hidden`` (PVA), which are seen only from an adjacent hex.  Allies
(seats of one bloc) share what they see.  Observations (game/engine/observation.py)
are built from these masks.
"""

from __future__ import annotations

import numpy as np

from .state import GameState
from .units import MAP


def bloc_presence(state: GameState, bloc: str) -> np.ndarray:
    """Mask of hexes holding at least one unit of ``bloc``."""
    mask = np.zeros(state.board.size, dtype=bool)
    own = (state.loc == MAP) & (state.units.bloc == state.config.bloc_code(bloc))
    mask[state.hex[own]] = True
    return mask


def _radius(state: GameState, bloc: str) -> int:
    p = state.config.params
    return p.spot_range + (p.air_recon_bonus if bloc == p.air_recon_bloc else 0)


def _around(state: GameState, hexes: np.ndarray, radius: int) -> np.ndarray:
    """Mask of hexes within ``radius`` of any of the flat indices ``hexes``."""
    return state.board.around(hexes, radius)


def visible_hexes(state: GameState, bloc: str) -> np.ndarray:
    """Mask of hexes ``bloc`` can see now."""
    own = (state.loc == MAP) & (state.units.bloc == state.config.bloc_code(bloc))
    return _around(state, state.hex[own], _radius(state, bloc))


def seen_mask(state: GameState, bloc: str) -> np.ndarray:
    """Mask over units: the enemy units on the map that ``bloc`` can see (hidden ones only from next door).

    Read-only (it may be shared with other calls on the same position).
    """
    return state.setup.recall(("seen", bloc, state.fingerprint()), lambda: _seen(state, bloc))


def _seen(state: GameState, bloc: str) -> np.ndarray:
    mask = _seen_now(state, bloc)
    mask.flags.writeable = False
    return mask


def _seen_now(state: GameState, bloc: str) -> np.ndarray:
    code = state.config.bloc_code(bloc)
    on_map = state.loc == MAP
    bloc_of = state.units.bloc
    own_hexes = state.hex[on_map & (bloc_of == code)]
    enemy = on_map & (bloc_of != code)
    if not own_hexes.size or not enemy.any():
        return np.zeros(state.units.n, dtype=bool)
    visible = _around(state, own_hexes, _radius(state, bloc))
    adjacent = _around(state, own_hexes, 1)
    h = np.where(enemy, state.hex, 0)
    return enemy & np.where(state.hidden, adjacent[h], visible[h])
