"""Ground behind the lines: what an army has cut off or dominates becomes its bloc's.

Control otherwise changes only where a unit passes (game/engine/primitives.take_control), so an
advance would leave the enemy "holding" every valley it marched past, the map and the share of
Korea each side holds would lag the front by weeks, and an armistice would freeze a line full of
islands.  At the end of each seat's turn its bloc takes, among the hexes the enemy holds and its own
supply net reaches:

- those the enemy is **cut off** from: no path from its supply sources or from any of its units that
  avoids our units and our zones of control (a pocket with enemy troops in it keeps its ground until
  it is reduced);
- those it **dominates**: within ``rear_reach`` hexes of our units and at least ``rear_margin`` hexes
  nearer them than any enemy unit (the countryside an army marches through and past is its own; a
  lone column deep in the enemy's country takes only the valleys around it, and only those our
  supply net reaches).  Where the scenario sets ``rear_reach_per_step``, a unit reaches that many hexes
  per step it has left, up to ``rear_reach``: a broken regiment holds the valley it stands in, not a
  province.

Ground neither side can support stays as it was.
"""

from __future__ import annotations

import numpy as np

from .board import UNREACHABLE
from .config import Parameters
from .events import Event
from .movement import true_knowledge
from .primitives import event, hex_of
from .state import GameState
from .supply import supply_costs, supply_sources
from .terrain import closed_mask
from .units import MAP


def consolidate_rear(state: GameState, seat: str) -> list[Event]:
    """The active seat's bloc takes the enemy-held hexes it has cut off or dominates (changes ``state``)."""
    p = state.config.params
    if not p.rear_ground:
        return []
    k = state.setup.seat_index[seat]
    bloc = state.bloc_of(seat)
    code = state.config.bloc_code(bloc)
    board = state.board
    korea = state.setup.korea_land
    on_map = state.loc == MAP
    ours = np.flatnonzero((state.units.bloc == code) & on_map)
    if ours.size == 0:
        return []
    supplied: np.ndarray | None = None         # our supply net, traced only when something may change hands
    d_us: np.ndarray | None = None
    out: list[Event] = []
    for other_code, other in enumerate(state.config.blocs, start=1):
        if other_code == code:
            continue
        held = korea & (state.control == other_code)
        if not held.any():
            continue
        theirs = np.flatnonzero((state.units.bloc == other_code) & on_map)
        # Where the enemy can still go from its sources and its units (reachability only: a flood, not a trace).
        know = true_knowledge(state, other)
        open_land = ~know.trace_blocked
        starts = np.array([i for i in supply_sources(state, other, know) if not know.enemy_hexes[i]]
                          + state.hex[theirs].tolist(), dtype=np.int64)
        cut = held & (board.steps_from(starts, open_land) == UNREACHABLE)
        dominated = np.zeros_like(cut)
        if p.rear_margin > 0:
            # (Only the near distances count: ours within the reach, theirs up to the margin beyond it - farther
            # is far enough - so each search stops there instead of flooding the map.)
            if d_us is None:
                d_us = dominance_distance(state, ours, ~closed_mask(state, bloc))
            d_them = board.steps_from(state.hex[theirs], ~closed_mask(state, other), p.rear_reach + p.rear_margin)
            dominated = held & ~cut & (d_us <= p.rear_reach) & (d_us + p.rear_margin <= d_them)
        if not (cut.any() or dominated.any()):
            continue
        if supplied is None:
            supplied = np.zeros(board.size, dtype=bool)
            supplied[list(supply_costs(state, bloc))] = True
        cut &= supplied
        dominated &= supplied
        taken = np.flatnonzero(cut | dominated)
        if taken.size == 0:
            continue
        state.control[taken] = code
        state.holder[taken] = k + 1
        state.hexes_changed += int(taken.size)
        for i in taken.tolist():
            h = hex_of(state, i)
            for place in board.place_at(h):
                out.append(event(state, "PlaceCaptured", seat, (h,), True, place=place.id, place_name=place.name,
                                 bloc=bloc, seat_id=seat))
        out.append(event(state, "GroundTaken", seat, (), True, count=int(taken.size), cut=int(cut.sum()),
                         dominated=int(dominated.sum()), bloc=bloc, enemy=other, seat_id=seat))
    return out


def unit_reach(p: Parameters, steps: int) -> int:
    """How far a unit of ``steps`` steps dominates the country round it (the scenario's rear reach, or less for a
    weak unit where ``rear_reach_per_step`` is set)."""
    return min(p.rear_reach, p.rear_reach_per_step * steps) if p.rear_reach_per_step > 0 else p.rear_reach


def dominance_distance(state: GameState, units: np.ndarray, passable: np.ndarray) -> np.ndarray:
    """Steps from the nearest of ``units`` (flat unit indices) that dominates the hex, for every hex: the distance
    where some unit's reach (unit_reach) covers it, UNREACHABLE elsewhere."""
    p = state.config.params
    board = state.board
    reach = np.array([unit_reach(p, int(s)) for s in state.steps[units].tolist()], dtype=np.int64)
    out = np.full(board.size, UNREACHABLE, dtype=np.int32)
    for r in sorted(set(reach.tolist())):
        d = board.steps_from(state.hex[units[reach == r]], passable, r)
        out = np.minimum(out, np.where(d <= r, d, UNREACHABLE))
    return out


__all__ = ["consolidate_rear", "dominance_distance", "unit_reach"]
