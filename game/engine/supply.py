"""Supply: trace a cost-limited path from each bloc's sources (DESIGN §7).

A source counts while its bloc controls it (or always, if the scenario says
so).  The trace runs over land, never through enemy units or through enemy
ZOC unless a friendly unit holds the hex, and no farther than the bloc's
range (shortened by enemy air interdiction).
"""

from __future__ import annotations

import heapq

import numpy as np

from .movement import HALF, Knowledge, closed_mask, step_cost, true_knowledge
from .state import GameState


def supply_sources(state: GameState, bloc: str) -> list[int]:
    """Flat indices of the sources ``bloc`` may trace to now."""
    board = state.board
    code = state.config.bloc_code(bloc)
    out = []
    for s in state.config.supply_sources:
        if s.bloc != bloc:
            continue
        i = board.index(s.hex)
        if i >= 0 and (s.always or int(state.control[i]) == code):
            out.append(i)
    return sorted(set(out))


def supply_range(state: GameState, bloc: str) -> int:
    """Range of the trace in half points."""
    p = state.config.params
    rng = p.supply_range + int(state.flags.get(f"supply_range:{bloc}", 0))
    if bloc != p.air_support_bloc:
        rng -= p.interdiction_cut
    return max(rng, 1) * HALF


def supplied_hexes(state: GameState, bloc: str, know: Knowledge | None = None) -> np.ndarray:
    """Mask of hexes where a unit of ``bloc`` is in supply.

    ``know`` defaults to the truth (the rules' own check); the UI passes what the seat
    knows, so the supply overlay never reveals enemies the seat has not seen.
    """
    board = state.board
    know = know if know is not None else true_knowledge(state, bloc)
    closed = closed_mask(state, bloc)
    blocked = know.enemy_hexes | (know.enemy_zoc & (know.friendly_count == 0))
    limit = supply_range(state, bloc)
    winter = state.is_winter()
    cost = np.full(board.size, 1 << 30, dtype=np.int64)
    heap: list[tuple[int, int]] = []
    for i in supply_sources(state, bloc):
        if know.enemy_hexes[i]:
            continue
        cost[i] = 0
        heap.append((0, i))
    heapq.heapify(heap)
    nb = board.neighbors
    while heap:
        c, i = heapq.heappop(heap)
        if c > cost[i]:
            continue
        for d in range(6):
            j = int(nb[i, d])
            if j < 0 or closed[j] or blocked[j]:
                continue
            sc = step_cost(state, i, d, j, winter)
            if sc is None:
                continue
            nc = c + sc
            if nc <= limit and nc < cost[j]:
                cost[j] = nc
                heapq.heappush(heap, (nc, j))
    return cost <= limit
