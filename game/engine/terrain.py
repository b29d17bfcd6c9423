"""Static movement data, computed once per game setup and season and cached on the Setup.

The cost of crossing each hexside (terrain of the hex entered, river, road or
rail, winter in the northern hills), the land each bloc may not enter, and
the same costs as Python adjacency lists (the movement and supply searches
read them in a tight loop, where list access beats numpy's per-element access).
Nothing here depends on units or control, so it never goes stale.
"""

from __future__ import annotations

import numpy as np

from .board import Country, Terrain
from .setup import Setup
from .state import GameState

HALF = 2  # cost units per movement point

#: Cost to enter a hex of each terrain, in half points (None: impassable).
TERRAIN_COST: dict[int, int | None] = {
    Terrain.SEA: None, Terrain.LAKE: None, Terrain.CLEAR: 2, Terrain.HILLS: 4,
    Terrain.MOUNTAIN: 6, Terrain.MARSH: 4, Terrain.TOWN: 2, Terrain.CITY: 2,
}
ROAD_COST = 1
RIVER_COST = 2
WINTER_EXTRA = 2   # hills and mountains north of the winter line, Dec-Feb
IMPASSABLE = -1


def side_costs(setup: Setup, winter: bool) -> np.ndarray:
    """(hexes, 6) int16: the cost to step across each side into the neighbour; IMPASSABLE for water or off-map."""
    key = ("side_costs", winter)
    if key in setup.cache:
        return setup.cache[key]
    board = setup.board
    nb = board.neighbors
    base_by_terrain = np.full(max(int(t) for t in Terrain) + 1, IMPASSABLE, dtype=np.int16)
    for t, c in TERRAIN_COST.items():
        if c is not None:
            base_by_terrain[int(t)] = c
    valid = nb >= 0
    dst = np.where(valid, nb, 0)
    base = base_by_terrain[board.terrain[dst]]
    cost = base + np.where(board.river, RIVER_COST, 0).astype(np.int16)
    if winter:
        t = board.terrain[dst]
        hilly = (t == Terrain.HILLS) | (t == Terrain.MOUNTAIN)
        north = board.lat[dst] >= setup.config.params.winter_north_lat
        cost = cost + np.where(hilly & north, WINTER_EXTRA, 0).astype(np.int16)
    cost = np.where(board.road, ROAD_COST, cost).astype(np.int16)
    cost[(base == IMPASSABLE) | ~valid] = IMPASSABLE
    cost.flags.writeable = False
    setup.cache[key] = cost
    return cost


def adjacency(setup: Setup, winter: bool) -> list[tuple[tuple[int, int], ...]]:
    """Per hex, the (neighbour, cost) pairs of the passable sides, in direction order."""
    key = ("adjacency", winter)
    if key not in setup.cache:
        cost = side_costs(setup, winter).tolist()
        nb = setup.board.neighbors.tolist()
        setup.cache[key] = [tuple((j, c) for j, c in zip(nrow, crow) if c != IMPASSABLE)
                            for nrow, crow in zip(nb, cost)]
    return setup.cache[key]




def closed_mask_of(setup: Setup, bloc: str) -> np.ndarray:
    """Hexes ``bloc`` may not enter: water, and the countries the scenario closes to it."""
    key = ("closed", bloc)
    if key not in setup.cache:
        board = setup.board
        mask = board.terrain < Terrain.CLEAR
        for b, country in setup.config.params.closed:
            if b == bloc:
                mask = mask | (board.country == int(Country[country]))
        mask.flags.writeable = False
        setup.cache[key] = mask
    return setup.cache[key]


def closed_mask(state: GameState, bloc: str) -> np.ndarray:
    return closed_mask_of(state.setup, bloc)


def winter_now(state: GameState) -> bool:
    return state.is_winter()
