"""Land movement: terrain costs, rivers, roads and rail, zones of control, stacking.

Costs are counted in half movement points (DESIGN §5: road ½), so every cost
is an integer and paths are found by a deterministic Dijkstra (ties broken by
hex index).  Movement is planned on what the moving bloc *knows* (a
:class:`Knowledge`); apply walks the plan against the true state and stops a
unit that bumps into an enemy it did not see (see rules.py).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

from .board import Board, Country, Terrain
from .state import GameState
from .units import Location, Unit

HALF = 2  # cost units per movement point

#: Cost to enter a hex of each terrain, in half points (None: impassable).
TERRAIN_COST: dict[int, int | None] = {
    Terrain.SEA: None, Terrain.LAKE: None, Terrain.CLEAR: 2, Terrain.HILLS: 4,
    Terrain.MOUNTAIN: 6, Terrain.MARSH: 4, Terrain.TOWN: 2, Terrain.CITY: 2,
}
ROAD_COST = 1
RIVER_COST = 2
WINTER_EXTRA = 2   # hills and mountains north of the winter line, Dec-Feb


@dataclass
class Knowledge:
    """What a bloc believes about enemy positions: occupied hexes and their ZOC."""

    bloc: str
    enemy_hexes: np.ndarray      # (size,) bool
    enemy_zoc: np.ndarray        # (size,) bool
    friendly_count: np.ndarray   # (size,) int16: own-bloc units per hex


def zoc_of(board: Board, occupied: np.ndarray) -> np.ndarray:
    """Hexes adjacent to an occupied hex (land only: ZOC does not reach the sea)."""
    zoc = np.zeros(board.size, dtype=bool)
    idx = np.flatnonzero(occupied)
    if idx.size:
        nb = board.neighbors[idx].ravel()
        zoc[nb[nb >= 0]] = True
    zoc &= board.terrain >= Terrain.CLEAR
    return zoc


def knowledge(state: GameState, bloc: str, enemies: list[Unit]) -> Knowledge:
    """Build a Knowledge for ``bloc`` from a list of enemy units it knows of."""
    board = state.board
    enemy = np.zeros(board.size, dtype=bool)
    for u in enemies:
        if u.location is Location.MAP and u.hex is not None:
            enemy[board.index(u.hex)] = True
    friendly = np.zeros(board.size, dtype=np.int16)
    for u in state.units.values():
        if u.location is Location.MAP and u.hex is not None and state.unit_bloc(u) == bloc:
            friendly[board.index(u.hex)] += 1
    return Knowledge(bloc, enemy, zoc_of(board, enemy), friendly)


def true_knowledge(state: GameState, bloc: str) -> Knowledge:
    """Knowledge with every enemy unit (what the rules themselves see)."""
    enemies = [u for u in state.units.values() if u.location is Location.MAP and state.unit_bloc(u) != bloc]
    return knowledge(state, bloc, enemies)


def closed_mask(state: GameState, bloc: str) -> np.ndarray:
    """Land hexes ``bloc`` may not enter (countries closed by the scenario)."""
    board = state.board
    mask = board.terrain < Terrain.CLEAR
    for b, country in state.config.params.closed:
        if b == bloc:
            mask = mask | (board.country == int(Country[country]))
    return mask


def step_cost(state: GameState, src: int, d: int, dst: int, winter_north: bool) -> int | None:
    """Cost in half points to step from ``src`` across side ``d`` into ``dst`` (None: impassable)."""
    board = state.board
    base = TERRAIN_COST[int(board.terrain[dst])]
    if base is None:
        return None
    if board.road[src, d]:
        return ROAD_COST
    cost = base
    if board.river[src, d]:
        cost += RIVER_COST
    if winter_north and board.terrain[dst] in (Terrain.HILLS, Terrain.MOUNTAIN) \
            and board.lat[dst] >= state.config.params.winter_north_lat:
        cost += WINTER_EXTRA
    return cost


@dataclass
class Reach:
    """Result of a movement search: cost and predecessor of each reachable hex."""

    start: int
    cost: dict[int, int]
    prev: dict[int, int]
    stops: set[int]          # reachable hexes where movement must end (entered enemy ZOC)

    def path(self, dest: int) -> list[int]:
        """Hex indices from start to ``dest`` inclusive; [] if unreachable."""
        if dest not in self.cost:
            return []
        out = [dest]
        while out[-1] != self.start:
            out.append(self.prev[out[-1]])
        out.reverse()
        return out


def reachable(state: GameState, unit: Unit, know: Knowledge, budget: int | None = None) -> Reach:
    """Hexes ``unit`` can reach this phase under ``know`` (budget in half points).

    Rules: enemy-occupied hexes are impassable; entering a known enemy ZOC ends
    movement unless the unit infiltrates (then it costs extra); leaving a ZOC
    hex costs extra; a ZOC-to-ZOC first step is allowed only to infiltrators;
    closed countries and water are impassable.  Stacking is checked on the
    destination by the caller (a unit may pass through full hexes).
    """
    board = state.board
    p = state.config.params
    start = board.index(unit.hex)  # type: ignore[arg-type]
    if budget is None:
        budget = unit.movement * HALF
    closed = closed_mask(state, know.bloc)
    winter = state.is_winter()
    zoc = know.enemy_zoc
    cost: dict[int, int] = {start: 0}
    prev: dict[int, int] = {}
    stops: set[int] = set()
    heap: list[tuple[int, int]] = [(0, start)]
    nb = board.neighbors
    while heap:
        c, i = heapq.heappop(heap)
        if c > cost.get(i, 1 << 30):
            continue
        if i != start and i in stops:
            continue
        for d in range(6):
            j = int(nb[i, d])
            if j < 0 or closed[j] or know.enemy_hexes[j]:
                continue
            sc = step_cost(state, i, d, j, winter)
            if sc is None:
                continue
            nc = c + sc
            if zoc[i] and i == start:
                nc += p.zoc_exit_cost * HALF
                if zoc[j] and not unit.infiltrates:
                    continue
            stop_here = bool(zoc[j]) and not unit.infiltrates
            if zoc[j] and unit.infiltrates:
                nc += p.infiltration_cost * HALF
            if nc > budget:
                # A unit may always move one hex if it has its full allowance (a minimum move),
                # unless it starts in an enemy ZOC.
                if not (i == start and c == 0 and not zoc[start]):
                    continue
                nc = budget
            if nc < cost.get(j, 1 << 30) or (nc == cost.get(j) and i < prev.get(j, 1 << 30)):
                cost[j] = nc
                prev[j] = i
                if stop_here:
                    stops.add(j)
                else:
                    stops.discard(j)
                heapq.heappush(heap, (nc, j))
    return Reach(start, cost, prev, stops)


def can_stack(state: GameState, index: int, know: Knowledge, arriving: int = 1) -> bool:
    """True if ``arriving`` more units of the bloc fit on hex ``index``."""
    return int(know.friendly_count[index]) + arriving <= state.config.params.stacking
