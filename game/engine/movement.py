"""Land movement: zones of control, stacking, and the search for where a unit can go.

Costs are counted in half movement points (DESIGN §5: road ½), so every cost
is an integer and paths are found by a deterministic Dijkstra (ties broken by
hex index).  Movement is planned on what the moving bloc *knows* (a
:class:`Knowledge`); apply walks the plan against the true state and stops a
unit that bumps into an enemy it did not see (game/engine/resolve.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .board import Board, Terrain
from .state import GameState
from .terrain import HALF, adjacency, closed_mask
from .units import MAP

__all__ = ["HALF", "Knowledge", "Reach", "knowledge", "true_knowledge", "reachable", "zoc_of", "closed_mask"]


@dataclass
class Knowledge:
    """What a bloc believes about enemy positions: occupied hexes and their ZOC, and its own stacks."""

    bloc: str
    enemy_hexes: np.ndarray      # (size,) bool
    enemy_zoc: np.ndarray        # (size,) bool
    friendly_count: np.ndarray   # (size,) int16: own-bloc units per hex
    closed: np.ndarray           # (size,) bool: water and countries closed to the bloc

    @cached_property
    def trace_blocked(self) -> np.ndarray:
        """Hexes a supply trace (or any reach of the bloc's) cannot pass: water and closed countries, enemy
        units, and enemy zones of control where no friendly unit stands."""
        return self.closed | self.enemy_hexes | (self.enemy_zoc & (self.friendly_count == 0))

    @cached_property
    def friendly_list(self) -> list[int]:
        """``friendly_count`` as a list: the legal moves read it hex by hex, and a list reads faster than numpy."""
        return self.friendly_count.tolist()

    @cached_property
    def ground_list(self) -> bytes:
        """Per hex, for the movement search: 0 open, 1 in a known enemy ZOC, 2 impassable.

        As bytes: indexing them gives a Python int as fast as a list does, and they are made in a
        fraction of the time ``tolist`` takes.
        """
        g = self.enemy_zoc.astype(np.uint8)
        g[self.closed | self.enemy_hexes] = 2
        return g.tobytes()


def zoc_of(board: Board, occupied: np.ndarray) -> np.ndarray:
    """Hexes adjacent to an occupied hex (land only: ZOC does not reach the sea)."""
    zoc = np.zeros(board.size, dtype=bool)
    idx = np.flatnonzero(occupied)
    if idx.size:
        nb = board.neighbors[idx].ravel()
        zoc[nb[nb >= 0]] = True
    zoc &= board.terrain >= Terrain.CLEAR
    return zoc


def knowledge(state: GameState, bloc: str, enemies: np.ndarray) -> Knowledge:
    """A Knowledge for ``bloc`` from a mask over units of the enemy units it knows of."""
    board = state.board
    code = state.config.bloc_code(bloc)
    on_map = state.loc == MAP
    enemy = np.zeros(board.size, dtype=bool)
    enemy[state.hex[enemies & on_map]] = True
    own = on_map & (state.units.bloc == code)
    friendly = np.bincount(state.hex[own], minlength=board.size).astype(np.int16)
    return Knowledge(bloc, enemy, zoc_of(board, enemy), friendly, closed_mask(state, bloc))


def true_knowledge(state: GameState, bloc: str) -> Knowledge:
    """Knowledge with every enemy unit (what the rules themselves see)."""
    code = state.config.bloc_code(bloc)
    return knowledge(state, bloc, state.units.bloc != code)


@dataclass
class Reach:
    """Result of a movement search: cost and predecessor of each reachable hex."""

    start: int
    cost: dict[int, int]
    prev: dict[int, int]
    stops: set[int]          # reachable hexes where movement must end (entered enemy ZOC)

    @cached_property
    def hexes(self) -> list[int]:
        """The reachable hexes in index order, the start among them (a reach is shared by many positions, and its
        legal moves are listed from this in each)."""
        return sorted(self.cost)

    def path(self, dest: int) -> list[int]:
        """Hex indices from start to ``dest`` inclusive; [] if unreachable."""
        if dest not in self.cost:
            return []
        out = [dest]
        while out[-1] != self.start:
            out.append(self.prev[out[-1]])
        out.reverse()
        return out


def reachable(state: GameState, unit: int, know: Knowledge, budget: int | None = None,
              target: int | None = None) -> Reach:
    """Hexes unit number ``unit`` can reach this phase under ``know`` (budget in half points).

    Rules: enemy-occupied hexes are impassable; entering a known enemy ZOC ends
    movement unless the unit infiltrates (then it costs extra); leaving a ZOC
    hex costs extra; a ZOC-to-ZOC first step is allowed only to infiltrators;
    closed countries and water are impassable; a unit with its full allowance
    may always move one hex unless it starts in a ZOC.  Stacking is checked on
    the destination by the caller (a unit may pass through full hexes).

    Costs are small integers and every step costs at least 1, so the search
    is Dijkstra with a bucket per cost (Dial's algorithm).  Of the cheapest
    ways into a hex, the path keeps the one from the lowest hex index, so
    paths do not depend on search order.  With ``target`` the search stops
    once that hex's cost and path are final (apply needs one path, not all).
    """
    table = state.units
    p = state.config.params
    start = int(state.hex[unit])
    if budget is None:
        budget = table.movement_list[unit] * HALF
    infiltrates = table.infiltrates_list[unit]
    adj = adjacency(state.setup, state.is_winter())
    # Per hex: 0 open, 1 enemy ZOC, 2 impassable (closed country, water, a known enemy).
    ground = know.ground_list
    exit_cost = p.zoc_exit_cost * HALF
    infiltration = p.infiltration_cost * HALF
    zoc_start = ground[start] == 1
    big = 1 << 30
    cost = [big] * len(ground)
    prev = [big] * len(ground)
    cost[start] = 0
    reached = [start]
    buckets: list[list[int]] = [[] for _ in range(budget + 1)]
    buckets[0].append(start)
    for c in range(budget + 1):
        if target is not None and cost[target] <= c:
            break
        for i in buckets[c]:
            if cost[i] != c:
                continue                      # improved since it was queued here
            at_start = i == start
            if not at_start and ground[i] == 1 and not infiltrates:
                continue                      # entering a ZOC ended the move there
            first = at_start and c == 0 and not zoc_start
            for j, sc in adj[i]:
                g = ground[j]
                if g == 2:
                    continue
                nc = c + sc
                if at_start and zoc_start:
                    nc += exit_cost
                    if g == 1 and not infiltrates:
                        continue
                if g == 1 and infiltrates:
                    nc += infiltration
                if nc > budget:
                    # The minimum move: one hex with the full allowance, unless starting in an enemy ZOC.
                    if not first:
                        continue
                    nc = budget
                old = cost[j]
                if nc < old:
                    if old == big:
                        reached.append(j)
                    cost[j] = nc
                    prev[j] = i
                    buckets[nc].append(j)
                elif nc == old and i < prev[j]:
                    prev[j] = i
    costs = {j: cost[j] for j in reached}
    prevs = {j: prev[j] for j in reached if j != start}
    stops = {j for j in reached if j != start and ground[j] == 1} if not infiltrates else set()
    return Reach(start, costs, prevs, stops)
