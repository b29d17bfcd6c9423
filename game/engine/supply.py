"""Supply: trace a cost-limited path from each bloc's sources (DESIGN §7).

A source counts while its bloc controls it (or always, if the scenario says
so), and until the flag it names in ``until`` is set, if it names one.  A depot
(``linked``) counts only while a land route free of enemy units and their zones of
control links it to a source that is not a depot: the railheads an army lives on in
the enemy's country serve it while the line behind them is open (cut the line at
Seoul, as the Incheon landing did, and the army beyond it starves).  The
trace runs over land, never through enemy units or through enemy ZOC unless a
friendly unit holds the hex, and no farther than the bloc's range (shortened
by enemy air interdiction).

The trace is a multi-source Dijkstra over the cached adjacency lists of
game/engine/terrain.py (0.4 ms for a side's whole network mid-campaign, where
the old search that read numpy arrays element by element took several).
scipy's compiled ``csgraph.dijkstra`` was measured too: 0.25 ms, but importing
it costs 210 ms at every start of the game and of every Monte Carlo worker,
and the engine stays standard library + numpy.
"""

from __future__ import annotations

import heapq

import numpy as np

from .board import UNREACHABLE
from .movement import Knowledge, true_knowledge
from .state import GameState
from .terrain import HALF, adjacency

#: Supply networks remembered (by everything a trace depends on).
SUPPLY_KEPT = 32


def supply_sources(state: GameState, bloc: str, know: Knowledge | None = None) -> list[int]:
    """Flat indices of the sources ``bloc`` may trace to now (depots by what ``know`` shows, else the truth)."""
    key = ("sources", bloc)
    cache = state.setup.cache
    if key not in cache:
        board = state.board
        listed = [(board.index(s.hex), s.always, s.until, s.linked)
                  for s in state.config.supply_sources if s.bloc == bloc]
        cache[key] = [entry for entry in listed if entry[0] >= 0]
    code = state.config.bloc_code(bloc)
    control = state.control
    held = [(i, linked) for i, always, until, linked in cache[key]
            if (always or int(control[i]) == code) and not (until and state.flag(until))]
    roots = sorted({i for i, linked in held if not linked})
    depots = sorted({i for i, linked in held if linked} - set(roots))
    if not depots:
        return roots
    know = know if know is not None else true_knowledge(state, bloc)
    reach = state.board.steps_from(np.array([i for i in roots if not know.enemy_hexes[i]], dtype=np.int64),
                                   ~know.trace_blocked)          # (water is blocked: closed to every bloc)
    return sorted(set(roots) | {i for i in depots if reach[i] != UNREACHABLE})


def supply_range(state: GameState, bloc: str) -> int:
    """Range of the trace in half points."""
    p = state.config.params
    rng = p.supply_range + int(state.supply_bonus[state.config.bloc_code(bloc)])
    if bloc != p.air_support_bloc:
        rng -= p.interdiction_cut
    return max(rng, 1) * HALF


def supply_costs(state: GameState, bloc: str, know: Knowledge | None = None) -> dict[int, int]:
    """Flat hex index -> trace cost from the nearest usable source, for every hex within the range.  Read-only:
    the dict is shared with other calls on a network alike."""
    know = know if know is not None else true_knowledge(state, bloc)
    starts = tuple(i for i in supply_sources(state, bloc, know) if not know.enemy_hexes[i])
    limit = supply_range(state, bloc)
    winter = state.is_winter()
    # The trace depends on these alone: the rules' check at each seat's end and a seat's plans (each move's and
    # each replan's observation) trace the same network again and again while nothing on it changes.
    key = ("supply", bloc, limit, winter, starts, know.trace_blocked.tobytes())
    # (A memory of their own, SUPPLY_KEPT long, so that traces do not push the fog and knowledge out of theirs.)
    return state.setup.recall(key, lambda: _trace(state, know, starts, limit, winter), size=SUPPLY_KEPT)


def _trace(state: GameState, know: Knowledge, starts: tuple[int, ...], limit: int, winter: bool) -> dict[int, int]:
    """The multi-source Dijkstra of ``supply_costs``."""
    blocked = know.trace_blocked.tolist()
    adj = adjacency(state.setup, winter)
    cost: dict[int, int] = {}
    heap: list[tuple[int, int]] = []
    for i in starts:
        cost[i] = 0
        heap.append((0, i))
    heapq.heapify(heap)
    pop, push = heapq.heappop, heapq.heappush
    big = 1 << 30
    while heap:
        c, i = pop(heap)
        if c > cost[i]:
            continue
        for j, step in adj[i]:
            if blocked[j]:
                continue
            nc = c + step
            if nc <= limit and nc < cost.get(j, big):
                cost[j] = nc
                push(heap, (nc, j))
    return cost


def supplied_hexes(state: GameState, bloc: str, know: Knowledge | None = None) -> np.ndarray:
    """Mask of hexes where a unit of ``bloc`` is in supply.

    ``know`` defaults to the truth (the rules' own check); an observation passes
    what the seat knows, so the supply overlay never reveals enemies the seat has not seen.
    """
    mask = np.zeros(state.board.size, dtype=bool)
    mask[list(supply_costs(state, bloc, know))] = True
    return mask
