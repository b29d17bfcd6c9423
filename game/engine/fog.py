"""Fog of war: what one seat may see.  The UI and the AI read only a SeatView.

A bloc sees every hex within ``spot_range`` of its units on the map (plus the
air-recon bonus for the bloc that has it).  Enemy units there are seen unless
they are ``hidden`` (PVA), which are seen only from an adjacent hex.  Allies
(seats of one bloc) share what they see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from .board import Board
from .config import GameConfig
from .state import GameState, Phase
from .units import Location, Unit


def _within(board: Board, sources: np.ndarray, radius: int) -> np.ndarray:
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
    for u in state.units.values():
        if u.location is Location.MAP and u.hex is not None and state.unit_bloc(u) == bloc:
            mask[state.board.index(u.hex)] = True
    return mask


def visible_hexes(state: GameState, bloc: str) -> np.ndarray:
    """Mask of hexes ``bloc`` can see now."""
    p = state.config.params
    radius = p.spot_range + (p.air_recon_bonus if bloc == p.air_recon_bloc else 0)
    return _within(state.board, bloc_presence(state, bloc), radius)


def seen_enemies(state: GameState, bloc: str) -> list[Unit]:
    """Enemy units on the map that ``bloc`` can see (scenario order)."""
    board = state.board
    visible = visible_hexes(state, bloc)
    adjacent = _within(board, bloc_presence(state, bloc), 1)
    out = []
    for u in state.units.values():
        if u.location is not Location.MAP or u.hex is None or state.unit_bloc(u) == bloc:
            continue
        i = board.index(u.hex)
        if u.hidden:
            if adjacent[i]:
                out.append(u)
        elif visible[i]:
            out.append(u)
    return out


@dataclass
class SeatView:
    """All one seat may know.  Units are copies: changing them changes nothing."""

    seat: str
    bloc: str
    turn: int
    date: date
    last_turn: int
    phase: Phase
    active_seat: str
    board: Board
    config: GameConfig
    units: dict[str, Unit]          # own bloc's units (any location) + seen enemy units
    visible: np.ndarray             # (size,) bool
    control: np.ndarray             # (size,) int8
    flags: dict[str, object]
    tracks: dict[str, float]
    outcome: str | None
    rail_used: int
    sea_used: int
    landings_used: int

    def friendly(self) -> list[Unit]:
        return [u for u in self.units.values() if self.config.seat(u.seat).bloc == self.bloc]

    def enemies(self) -> list[Unit]:
        return [u for u in self.units.values() if self.config.seat(u.seat).bloc != self.bloc]

    def own(self) -> list[Unit]:
        """Units of this seat itself."""
        return [u for u in self.units.values() if u.seat == self.seat]


def view_for(state: GameState, seat: str) -> SeatView:
    """The view of ``seat``: its bloc's units, the enemy units it sees, public tracks."""
    bloc = state.bloc_of(seat)
    units: dict[str, Unit] = {}
    for u in state.units.values():
        if state.unit_bloc(u) == bloc:
            units[u.id] = u.copy()
    for u in seen_enemies(state, bloc):
        units[u.id] = u.copy()
    # Keep scenario order, whatever order we found them in.
    order = {k: i for i, k in enumerate(state.units)}
    units = dict(sorted(units.items(), key=lambda kv: order[kv[0]]))
    return SeatView(
        seat=seat, bloc=bloc, turn=state.turn, date=state.date, last_turn=state.last_turn,
        phase=state.phase, active_seat=state.active_seat.id, board=state.board,
        config=state.config, units=units, visible=visible_hexes(state, bloc),
        control=state.control.copy(), flags=dict(state.flags), tracks=dict(state.tracks),
        outcome=state.outcome, rail_used=state.rail_used, sea_used=state.sea_used,
        landings_used=state.landings_used,
    )
